package picotest

import (
	"bytes"
	"context"
	"encoding/json"

	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/gopico/pico"
	"github.com/gopico/pico/krl/value"
)

// ScenarioStart is the engine time a scenario starts at (the clock then
// moves only with "advance" steps), so runs are reproducible.
var ScenarioStart = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// Report is the outcome of running a scenario.
type Report struct {
	Steps  int // steps run
	Failed int // steps whose expectation failed
}

// scenarioPico is a pico of a running scenario with its allow-all channel.
type scenarioPico struct {
	p   *pico.Pico
	eci string
}

// RunScenario runs sc on a new in-memory engine and writes one JSON line per
// step to w. It returns ErrInvalidScenario (wrapped) when the scenario
// cannot be set up: a ruleset that does not compile or whose RID is not its
// key, an unknown ruleset or pico label.
func RunScenario(ctx context.Context, sc *Scenario, w io.Writer, opts ...pico.Option) (Report, error) {
	clock := pico.NewManualClock(ScenarioStart)
	// Built-in rulesets are registered but not installed: a pico has
	// exactly the rulesets the scenario gives it.
	eng, err := pico.Open(ctx, append([]pico.Option{pico.WithInMemory(), pico.WithClock(clock), pico.WithBuiltins(false)}, opts...)...)
	if err != nil {
		return Report{}, err
	}
	defer eng.Close()
	r := &runner{eng: eng, clock: clock, w: w, picos: map[string]*scenarioPico{}, uses: map[string][]string{}}
	if err := r.setup(ctx, sc); err != nil {
		return Report{}, err
	}
	var rep Report
	for i := range sc.Steps {
		if !r.step(ctx, i, &sc.Steps[i]) {
			rep.Failed++
		}
		rep.Steps++
	}
	return rep, nil
}

type runner struct {
	eng   *pico.Engine
	clock *pico.ManualClock
	w     io.Writer
	picos map[string]*scenarioPico
	uses  map[string][]string // rid -> modules it uses
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalidScenario, fmt.Sprintf(format, args...))
}

func (r *runner) setup(ctx context.Context, sc *Scenario) error {
	var rids []string
	for _, rs := range sc.Rulesets {
		name := rs.File
		if name == "" {
			name = rs.RID + ".krl"
		}
		info, err := r.eng.Register(ctx, pico.Source(name, rs.Source))
		if err != nil {
			return invalid("ruleset %s: %v", rs.RID, err)
		}
		if info.RID != rs.RID {
			return invalid("ruleset key %q but the source declares %q", rs.RID, info.RID)
		}
		rids = append(rids, rs.RID)
		r.uses[rs.RID] = r.eng.Uses(rs.RID)
	}
	main := &scenarioPico{p: r.eng.Root()}
	if err := r.addChannel(ctx, main); err != nil {
		return err
	}
	r.picos["main"] = main
	install := sc.Install
	if !sc.InstallGiven {
		for _, rid := range r.moduleOrder(rids) {
			install = append(install, InstallSpec{RID: rid})
		}
	}
	for _, is := range install {
		if err := main.p.Install(ctx, is.RID, is.Config); err != nil {
			return invalid("install %s on main: %v", is.RID, err)
		}
	}
	for _, ps := range sc.Picos {
		if _, err := r.newPico(ctx, ps.Label, ps.Parent, ps.Install); err != nil {
			return invalid("pico %s: %v", ps.Label, err)
		}
	}
	return nil
}

// moduleOrder orders rids so that modules come before the rulesets that use
// them, keeping the given order otherwise.
func (r *runner) moduleOrder(rids []string) []string {
	var out []string
	done := map[string]bool{}
	known := map[string]bool{}
	for _, rid := range rids {
		known[rid] = true
	}
	var visit func(rid string, depth int)
	visit = func(rid string, depth int) {
		if done[rid] || depth > len(rids) {
			return
		}
		for _, m := range r.uses[rid] {
			if known[m] {
				visit(m, depth+1)
			}
		}
		if !done[rid] {
			done[rid] = true
			out = append(out, rid)
		}
	}
	for _, rid := range rids {
		visit(rid, 0)
	}
	return out
}

func (r *runner) addChannel(ctx context.Context, sp *scenarioPico) error {
	ch, err := sp.p.NewChannel(ctx, pico.Tags("scenario"))
	if err != nil {
		return err
	}
	sp.eci = ch.ECI
	return nil
}

func (r *runner) newPico(ctx context.Context, label, parent string, install []InstallSpec) (*scenarioPico, error) {
	if _, dup := r.picos[label]; dup {
		return nil, fmt.Errorf("pico label %q used twice", label)
	}
	if parent == "" {
		parent = "main"
	}
	pp, ok := r.picos[parent]
	if !ok {
		return nil, fmt.Errorf("unknown parent pico %q", parent)
	}
	p, err := r.eng.NewPico(ctx, pico.ChildOf(pp.p))
	if err != nil {
		return nil, err
	}
	sp := &scenarioPico{p: p}
	if err := r.addChannel(ctx, sp); err != nil {
		return nil, err
	}
	r.picos[label] = sp
	for _, is := range install {
		if err := p.Install(ctx, is.RID, is.Config); err != nil {
			return sp, fmt.Errorf("install %s: %w", is.RID, err)
		}
	}
	return sp, nil
}

func (r *runner) pico(label string) (*scenarioPico, error) {
	if label == "" {
		label = "main"
	}
	sp, ok := r.picos[label]
	if !ok {
		return nil, fmt.Errorf("unknown pico %q", label)
	}
	return sp, nil
}

// line is one output line, built in field order.
type line struct{ b bytes.Buffer }

func (l *line) add(key string, v any) {
	if l.b.Len() == 0 {
		l.b.WriteByte('{')
	} else {
		l.b.WriteByte(',')
	}
	k, _ := json.Marshal(key)
	l.b.Write(k)
	l.b.WriteByte(':')
	switch x := v.(type) {
	case json.RawMessage:
		if err := json.Compact(&l.b, x); err != nil {
			l.b.WriteString("null")
		}
	default:
		b, err := json.Marshal(x)
		if err != nil {
			b, _ = json.Marshal(err.Error())
		}
		l.b.Write(b)
	}
}

func (l *line) bytes() []byte { return append(l.b.Bytes(), '}', '\n') }

// step runs one step and writes its line; it reports whether its
// expectations held.
func (r *runner) step(ctx context.Context, i int, st *Step) bool {
	var l line
	l.add("step", i)
	l.add("kind", st.Kind)
	if st.Pico != "" && st.Pico != "main" {
		l.add("pico", st.Pico)
	}
	result, dirs, err := r.exec(ctx, st, &l)
	ok := true
	switch {
	case err != nil:
		l.add("error", err.Error())
		if st.ExpectError != nil && strings.Contains(err.Error(), *st.ExpectError) {
			break
		}
		if st.HasExpectation() {
			ok = false
		}
	case st.ExpectError != nil:
		ok = false
	default:
		if st.Expect != nil && !sameJSON(result, st.Expect) {
			ok = false
		}
		if st.ExpectDirectives != nil && !sameDirectives(dirs, st.ExpectDirectives) {
			ok = false
		}
	}
	if !ok {
		l.add("ok", false)
		if st.Expect != nil {
			l.add("expect", st.Expect)
		}
		if st.ExpectDirectives != nil {
			l.add("expect_directives", st.ExpectDirectives)
		}
		if st.ExpectError != nil {
			l.add("expect_error", *st.ExpectError)
		}
	}
	_, _ = r.w.Write(l.bytes())
	return ok
}

// exec performs a step. It returns the result (queries and ent) or the
// directives (events) as KRL JSON.
func (r *runner) exec(ctx context.Context, st *Step, l *line) (json.RawMessage, json.RawMessage, error) {
	switch st.Kind {
	case "event":
		sp, err := r.pico(st.Pico)
		if err != nil {
			return nil, nil, err
		}
		ev := pico.Event{ECI: sp.eci, Domain: st.Domain, Type: st.Type}
		if st.ECI != "" {
			ev.ECI = st.ECI
		}
		if len(st.Attrs) > 0 && string(st.Attrs) != "null" {
			if err := json.Unmarshal(st.Attrs, &ev.Attrs); err != nil {
				return nil, nil, fmt.Errorf("attrs: %w", pico.ErrBadAttrs)
			}
		}
		if st.Time != nil {
			ev.Time = time.UnixMilli(*st.Time)
		}
		res, err := r.eng.Raise(ctx, ev)
		if res != nil {
			l.add("eid", res.EID)
		}
		if err != nil {
			return nil, nil, err
		}
		dirs := directivesJSON(res.Directives)
		l.add("directives", dirs)
		return nil, dirs, nil
	case "query":
		sp, err := r.pico(st.Pico)
		if err != nil {
			return nil, nil, err
		}
		q := pico.Query{ECI: sp.eci, RID: st.RID, Name: st.Name}
		if st.ECI != "" {
			q.ECI = st.ECI
		}
		if len(st.Args) > 0 && string(st.Args) != "null" {
			if err := json.Unmarshal(st.Args, &q.Args); err != nil {
				return nil, nil, fmt.Errorf("args: %w", pico.ErrBadAttrs)
			}
		}
		v, err := r.eng.QueryValue(ctx, q)
		if err != nil {
			return nil, nil, err
		}
		return r.result(l, v)
	case "ent":
		sp, err := r.pico(st.Pico)
		if err != nil {
			return nil, nil, err
		}
		v, err := sp.p.EntValue(ctx, st.RID, st.Name)
		if err != nil {
			return nil, nil, err
		}
		return r.result(l, v)
	case "install":
		sp, err := r.pico(st.Pico)
		if err != nil {
			return nil, nil, err
		}
		var cfg pico.Config
		if len(st.Config) > 0 && string(st.Config) != "null" {
			if err := json.Unmarshal(st.Config, &cfg); err != nil {
				return nil, nil, fmt.Errorf("config: %v", err)
			}
		}
		return nil, nil, sp.p.Install(ctx, st.RID, cfg)
	case "uninstall":
		sp, err := r.pico(st.Pico)
		if err != nil {
			return nil, nil, err
		}
		return nil, nil, sp.p.Uninstall(ctx, st.RID)
	case "new_pico":
		var install []InstallSpec
		for _, raw := range st.Install {
			is, err := parseInstall(raw)
			if err != nil {
				return nil, nil, err
			}
			install = append(install, is)
		}
		_, err := r.newPico(ctx, st.Label, st.Parent, install)
		return nil, nil, err
	case "del_pico":
		sp, ok := r.picos[st.Label]
		if !ok || st.Label == "main" {
			return nil, nil, fmt.Errorf("unknown pico %q", st.Label)
		}
		delete(r.picos, st.Label)
		return nil, nil, sp.p.Delete(ctx)
	case "advance":
		return nil, nil, r.eng.Advance(ctx, time.Duration(st.MS)*time.Millisecond)
	}
	return nil, nil, fmt.Errorf("unknown step kind %q", st.Kind)
}

func (r *runner) result(l *line, v value.Value) (json.RawMessage, json.RawMessage, error) {
	raw, err := v.MarshalJSON()
	if err != nil {
		return nil, nil, err
	}
	l.add("result", json.RawMessage(raw))
	return raw, nil, nil
}

func directivesJSON(ds []pico.Directive) json.RawMessage {
	var b bytes.Buffer
	b.WriteByte('[')
	for i, d := range ds {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"name":`)
		b.WriteString(strconv.Quote(d.Name))
		b.WriteString(`,"options":`)
		b.Write(d.OptionsJSON())
		b.WriteByte('}')
	}
	b.WriteByte(']')
	return b.Bytes()
}

// sameJSON compares two JSON texts as KRL values (deep equality; map key
// order does not matter).
func sameJSON(a, b json.RawMessage) bool {
	va, err1 := value.FromJSON(a)
	vb, err2 := value.FromJSON(b)
	if err1 != nil || err2 != nil {
		return false
	}
	return value.Equal(va, vb)
}

// sameDirectives compares directives by name and options, in order.
func sameDirectives(got, want json.RawMessage) bool {
	type dir struct {
		Name    string          `json:"name"`
		Options json.RawMessage `json:"options"`
	}
	var g, w []dir
	if json.Unmarshal(got, &g) != nil || json.Unmarshal(want, &w) != nil || len(g) != len(w) {
		return false
	}
	for i := range g {
		if g[i].Name != w[i].Name {
			return false
		}
		wo := w[i].Options
		if wo == nil {
			wo = json.RawMessage("{}")
		}
		if !sameJSON(g[i].Options, wo) {
			return false
		}
	}
	return true
}
