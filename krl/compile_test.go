package krl_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gopico/pico/krl"
	"github.com/gopico/pico/krl/value"
)

// fakeHost records what rules do. Entity variables are keyed "rid/name".
type fakeHost struct {
	ents       map[string]value.Value
	raised     []krl.RaisedEvent
	raisedBy   []string
	directives []krl.Directive
	schedules  []krl.ScheduleRequest
	cleared    int
	modules    map[string]value.Value // "domain:name"
	panicOn    string                 // an entity variable whose read panics
}

func newFakeHost() *fakeHost {
	return &fakeHost{ents: map[string]value.Value{}, modules: map[string]value.Value{}}
}

func (h *fakeHost) EntGet(rid, name string) (value.Value, error) {
	if name == h.panicOn {
		panic("fake host: " + name)
	}
	return h.ents[rid+"/"+name], nil
}

func (h *fakeHost) EntSet(rid, name string, v value.Value) error {
	if v.IsNull() {
		delete(h.ents, rid+"/"+name)
	} else {
		h.ents[rid+"/"+name] = v
	}
	return nil
}

func (h *fakeHost) Raise(rid string, ev krl.RaisedEvent) error {
	h.raised = append(h.raised, ev)
	h.raisedBy = append(h.raisedBy, rid)
	return nil
}

func (h *fakeHost) ClearSchedule(string) error { h.cleared++; return nil }

func (h *fakeHost) Schedule(rid string, req krl.ScheduleRequest) (value.Value, error) {
	h.schedules = append(h.schedules, req)
	id := value.Str(fmt.Sprintf("s%d", len(h.schedules)))
	return value.NewMapValue([]string{"id", "domain"}, []value.Value{id, value.Str(req.Domain)}), nil
}

func (h *fakeHost) Directive(d krl.Directive) error {
	h.directives = append(h.directives, d)
	return nil
}

func (h *fakeHost) Module(rid, domain, name string) (value.Value, error) {
	v, ok := h.modules[domain+":"+name]
	if !ok {
		return value.Null, fmt.Errorf("%w: %s:%s", krl.ErrNoMember, domain, name)
	}
	return v, nil
}

func (h *fakeHost) ent(rid, name string) string {
	v, ok := h.ents[rid+"/"+name]
	if !ok {
		return "<unset>"
	}
	return encodeJSON(v)
}

func (h *fakeHost) directiveList() string {
	var parts []string
	for _, d := range h.directives {
		parts = append(parts, d.Name+encodeJSON(d.Options))
	}
	return strings.Join(parts, " ")
}

func mustCompile(t *testing.T, src string) *krl.Program {
	t.Helper()
	p, err := krl.CompileSource("test.krl", []byte(src))
	if err != nil {
		var b bytes.Buffer
		krl.FormatError(&b, err, []byte(src))
		t.Fatalf("compile: %s", b.String())
	}
	return p
}

func mustInit(t *testing.T, p *krl.Program, th *krl.Thread) *krl.Instance {
	t.Helper()
	in, err := p.Init(th, krl.InitOptions{})
	if err != nil {
		t.Fatalf("init: %v", err)
	}
	return in
}

func attrs(t *testing.T, js string) value.Value {
	t.Helper()
	v, err := value.FromJSON([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func eventThread(h *fakeHost, domain, typ string, a value.Value) *krl.Thread {
	return &krl.Thread{
		Ctx:    context.Background(),
		Host:   h,
		Event:  &krl.Event{EID: "e1", ECI: "eci1", Domain: domain, Type: typ, Attrs: a, Time: time.UnixMilli(1700000000000)},
		Random: rand.New(rand.NewPCG(1, 2)),
	}
}

// fire selects a rule the simple way (every primitive whose domain and type
// match must pass its test; captures are bound to the setting names of the
// matching primitives) and runs it.
func fire(t *testing.T, in *krl.Instance, th *krl.Thread, rule string) (krl.Result, error) {
	t.Helper()
	r := in.Program().Rule(rule)
	if r == nil {
		t.Fatalf("no rule %s", rule)
	}
	vars := map[string]value.Value{}
	if r.Select().Event == nil {
		ok, err := in.SelectWhere(th, r)
		if err != nil || !ok {
			return krl.Result{}, err
		}
	}
	for i, p := range r.Prims() {
		if p.Domain.Name != th.Event.Domain || p.Type.Name != th.Event.Type {
			continue
		}
		ok, caps, err := in.TestPrim(th, r, i)
		if err != nil {
			return krl.Result{}, err
		}
		if !ok {
			return krl.Result{}, errNotSelected
		}
		for j, s := range p.Setting {
			if j < len(caps) {
				vars[s.Name] = caps[j]
			}
		}
	}
	return in.Run(th, r, vars)
}

var errNotSelected = errors.New("rule not selected")

// TestRules runs rules against a fake host and checks directives, entity
// variables and raised events.
func TestRules(t *testing.T) {
	tests := []struct {
		name       string
		src        string // global block and rules of ruleset t
		rule       string
		event      string // "domain:type"
		attrs      string
		ents       map[string]string // entity variables set before
		directives string
		entsAfter  map[string]string
		fired      bool
		last       bool
		err        string
	}{{
		name:       "directive",
		src:        `rule r { select when a b  send_directive("hi", {"x": event:attrs{"x"}}) }`,
		rule:       "r", event: "a:b", attrs: `{"x": 1}`,
		directives: `hi{"x":1}`, fired: true,
	}, {
		name:       "directive default options and setting",
		src:        `rule r { select when a b  send_directive("hi") setting(d)  always { ent:d := d } }`,
		rule:       "r", event: "a:b",
		directives: `hi{}`, fired: true,
		entsAfter:  map[string]string{"d": `{"type":"directive","name":"hi","options":{},"meta":{"rid":"t","rule_name":"r","txnId":"e1"}}`},
	}, {
		name:      "counter",
		src:       `rule inc { select when c inc  always { ent:n := (ent:n || 0) + 1 } }`,
		rule:      "inc", event: "c:inc",
		ents:      map[string]string{"n": "41"},
		entsAfter: map[string]string{"n": "42"}, fired: true,
	}, {
		name:      "ent path assign creates arrays for index keys",
		src:       `rule r { select when a b  always { ent:m{["a", "0"]} := "x"; ent:o{"k"} := 1 } }`,
		rule:      "r", event: "a:b",
		entsAfter: map[string]string{"m": `{"a":["x"]}`, "o": `{"k":1}`}, fired: true,
	}, {
		name:      "clear",
		src:       `rule r { select when a b  always { clear ent:a; clear ent:m{"k"} } }`,
		rule:      "r", event: "a:b",
		ents:      map[string]string{"a": "1", "m": `{"k":1,"j":2}`},
		entsAfter: map[string]string{"a": "<unset>", "m": `{"j":2}`}, fired: true,
	}, {
		name:      "null assignment deletes",
		src:       `rule r { select when a b  always { ent:a := null } }`,
		rule:      "r", event: "a:b",
		ents:      map[string]string{"a": "1"},
		entsAfter: map[string]string{"a": "<unset>"}, fired: true,
	}, {
		name:       "if then fired and notfired",
		src:        `rule r { select when a b  if event:attrs{"ok"} then noop()  fired { ent:f := "yes" } else { ent:f := "no" } finally { ent:g := "always" } }`,
		rule:       "r", event: "a:b", attrs: `{"ok": false}`,
		entsAfter:  map[string]string{"f": `"no"`, "g": `"always"`},
	}, {
		name:      "notfired block first",
		src:       `rule r { select when a b  if true then noop()  notfired { ent:f := "not" } else { ent:f := "fired" } }`,
		rule:      "r", event: "a:b",
		entsAfter: map[string]string{"f": `"fired"`}, fired: true,
	}, {
		name:       "every runs all actions in order",
		src:        `rule r { select when a b  every { send_directive("one") send_directive("two") setting(x) send_directive("three", {"prev": x{"name"}}) } }`,
		rule:       "r", event: "a:b",
		directives: `one{} two{} three{"prev":"two"}`, fired: true,
	}, {
		name:       "choose runs the matching label",
		src:        `rule r { select when a b  pre { w = event:attrs{"which"} }  choose w { x => send_directive("x") y => send_directive("y") } }`,
		rule:       "r", event: "a:b", attrs: `{"which": "y"}`,
		directives: `y{}`, fired: true,
	}, {
		name:  "unmatched choose still fires",
		src:   `rule r { select when a b  choose "z" { x => send_directive("x") }  fired { ent:f := 1 } }`,
		rule:  "r", event: "a:b",
		fired: true, entsAfter: map[string]string{"f": "1"},
	}, {
		name:       "sample runs exactly one",
		src:        `rule r { select when a b  sample { send_directive("only") send_directive("only") } }`,
		rule:       "r", event: "a:b",
		directives: `only{}`, fired: true,
	}, {
		name: "defaction with setting and return",
		src: `global { greet = defaction(name, greeting = "hello") {
		           msg = greeting + " " + name
		           every { send_directive("greet", {"msg": msg}) setting(d) }
		           return d{"options"}{"msg"}
		         } }
		      rule r { select when a b  greet("bob") setting(res)  always { ent:res := res } }`,
		rule:       "r", event: "a:b",
		directives: `greet{"msg":"hello bob"}`, fired: true,
		entsAfter:  map[string]string{"res": `"hello bob"`},
	}, {
		name:       "defaction condition does not change fired",
		src:        `global { maybe = defaction() { if false then send_directive("no") } } rule r { select when a b  maybe()  fired { ent:f := true } }`,
		rule:       "r", event: "a:b",
		fired:      true, entsAfter: map[string]string{"f": "true"},
	}, {
		name:       "pre and postlude declarations",
		src:        `global { g = 10 } rule r { select when a b  pre { x = g + 1; y = x * 2 }  send_directive("d", {"y": y})  always { z = y + 1; ent:z := z } }`,
		rule:       "r", event: "a:b",
		directives: `d{"y":22}`, fired: true, entsAfter: map[string]string{"z": "23"},
	}, {
		name:       "pre shadows a global and uses it",
		src:        `global { add = function(a, b) { a + b } } rule r { select when a b  pre { add = add(1, 2) }  send_directive("d", {"add": add}) }`,
		rule:       "r", event: "a:b",
		directives: `d{"add":3}`, fired: true,
	}, {
		name:       "foreach over arrays and maps, nested, with on final",
		src: `rule r { select when a b
		        foreach [1, 2] setting(x)
		          foreach {"k": "v", "j": "w"} setting(v, k)
		        send_directive("d", {"x": x, "k": k, "v": v})
		        always { ent:final := [x, k] on final } }`,
		rule:       "r", event: "a:b",
		directives: `d{"x":1,"k":"k","v":"v"} d{"x":1,"k":"j","v":"w"} d{"x":2,"k":"k","v":"v"} d{"x":2,"k":"j","v":"w"}`,
		fired:      true, entsAfter: map[string]string{"final": `[2,"j"]`},
	}, {
		name:       "foreach index and string",
		src:        `rule r { select when a b  foreach "ab" setting(c, i)  send_directive(c, {"i": i}) }`,
		rule:       "r", event: "a:b",
		directives: `a{"i":"0"} b{"i":"1"}`, fired: true,
	}, {
		name:      "empty foreach runs nothing",
		src:       `rule r { select when a b  foreach [] setting(x)  send_directive("d")  always { ent:ran := true } }`,
		rule:      "r", event: "a:b",
		entsAfter: map[string]string{"ran": "<unset>"},
	}, {
		name:      "foreach over null runs nothing",
		src:       `rule r { select when a b  foreach null setting(x)  always { ent:ran := true } }`,
		rule:      "r", event: "a:b",
		entsAfter: map[string]string{"ran": "<unset>"},
	}, {
		name:      "last stops the rule at once",
		src:       `rule r { select when a b  foreach [1, 2, 3] setting(x)  always { ent:x := x; last if x == 2; ent:after := x } }`,
		rule:      "r", event: "a:b",
		fired:     true, last: true,
		entsAfter: map[string]string{"x": "2", "after": "1"},
	}, {
		name:  "guards",
		src:   `rule r { select when a b  always { ent:a := 1 if false; ent:b := 2 if "0"; ent:c := 3 on final } }`,
		rule:  "r", event: "a:b", fired: true,
		entsAfter: map[string]string{"a": "<unset>", "b": "2", "c": "3"},
	}, {
		name:       "select setting variables",
		src:        `rule r { select when shop order sku re#(\w+)-(\w+)# setting(family, item)  send_directive("o", {"f": family, "i": item}) }`,
		rule:       "r", event: "shop:order", attrs: `{"sku": "abc-123"}`,
		directives: `o{"f":"abc","i":"123"}`, fired: true,
	}, {
		name:  "where with setting variables",
		src:   `rule r { select when shop order amount re#^(\d+)$# setting(amt) where amt.as("Number") > 10  send_directive("big") }`,
		rule:  "r", event: "shop:order", attrs: `{"amount": "5"}`,
		err:   "rule not selected",
	}, {
		name:       "meta and event values",
		src:        `rule r { select when a b  send_directive("m", {"rid": meta:rid, "rule": meta:ruleName, "in": meta:inEvent, "q": meta:inQuery, "txn": meta:txnId, "eci": meta:eci, "ev": [event:eci, event:domain, event:name, event:eid, event:time] }) }`,
		rule:       "r", event: "a:b",
		directives: `m{"rid":"t","rule":"r","in":true,"q":false,"txn":"e1","eci":"eci1","ev":["eci1","a","b","e1",1700000000000]}`, fired: true,
	}, {
		name:       "event:attr is deprecated but works",
		src:        `rule r { select when a b  send_directive("m", {"v": event:attr("k"), "w": event:attrs{"missing"}}) }`,
		rule:       "r", event: "a:b", attrs: `{"k": [1]}`,
		directives: `m{"v":[1],"w":null}`, fired: true,
	}, {
		name:  "runtime error aborts the rule",
		src:   `rule r { select when a b  always { ent:a := 1; ent:b := "x" - 1; ent:c := 3 } }`,
		rule:  "r", event: "a:b",
		err:   `^t:r:2:\d+: TypeError: 1 cannot be subtracted from x$`,
		entsAfter: map[string]string{"a": "1", "c": "<unset>"},
	}, {
		name:  "not an action at run time",
		src:   `global { f = 5 } rule r { select when a b  f() }`,
		rule:  "r", event: "a:b",
		err:   "5 is not an action",
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := mustCompile(t, "ruleset t {\n"+tc.src+"\n}")
			h := newFakeHost()
			for k, v := range tc.ents {
				h.ents["t/"+k] = attrs(t, v)
			}
			domain, typ, _ := strings.Cut(tc.event, ":")
			a := value.Null
			if tc.attrs != "" {
				a = attrs(t, tc.attrs)
			}
			th := eventThread(h, domain, typ, a)
			in := mustInit(t, p, th)
			res, err := fire(t, in, th, tc.rule)
			if tc.err != "" {
				if err == nil || !regexp.MustCompile(tc.err).MatchString(err.Error()) {
					t.Fatalf("error = %v, want match %q", err, tc.err)
				}
			} else if err != nil {
				t.Fatalf("run: %v", err)
			}
			if got := h.directiveList(); got != tc.directives {
				t.Errorf("directives = %s\n want %s", got, tc.directives)
			}
			if err == nil && (res.Fired != tc.fired || res.Last != tc.last) {
				t.Errorf("result = %+v, want fired %v last %v", res, tc.fired, tc.last)
			}
			for k, want := range tc.entsAfter {
				if got := h.ent("t", k); got != want {
					t.Errorf("ent:%s = %s, want %s", k, got, want)
				}
			}
		})
	}
}

const queryRuleset = `ruleset q {
  meta { shares greet, answer, __testing, hello }
  global {
    greet = function(name, greeting = "Hello") { greeting + " " + name }
    answer = 42
    hello = function() { [meta:inQuery, meta:inEvent, meta:eci, meta:txnId, event:attrs] }
  }
  rule r { select when echo hello name re#(.*)# setting(n) or echo bye
    pre { x = event:attrs{"extra"} }
    send_directive("hi") }
  rule s { select when b x where event:attrs{"w"} || event:attr("q") }
  rule u { select when c y a re#.# b re#.# or z w c re#.# }
}`

func queryThread() *krl.Thread {
	return &krl.Thread{Query: &krl.Query{QID: "q1", ECI: "eci9", RID: "q", Name: "x"}}
}

func TestInstance_Query(t *testing.T) {
	p := mustCompile(t, queryRuleset)
	in := mustInit(t, p, &krl.Thread{})
	tests := []struct {
		name string
		args map[string]value.Value
		want string
		err  string
	}{
		{name: "greet", args: map[string]value.Value{"name": value.Str("Ann")}, want: `"Hello Ann"`},
		{name: "greet", args: map[string]value.Value{"name": value.Str("Ann"), "greeting": value.Str("Hi")}, want: `"Hi Ann"`},
		{name: "greet", args: map[string]value.Value{"name": value.Str("Ann"), "greeting": value.Null, "zzz": value.Num(1)}, want: `"Hello Ann"`},
		{name: "greet", want: `"Hello null"`},
		{name: "answer", want: `42`},
		{name: "hello", want: `[true,false,"eci9","q1",null]`},
		{name: "__testing", want: `{"queries":[{"name":"greet","args":["name","greeting"]},{"name":"answer","args":[]},{"name":"__testing","args":[]},{"name":"hello","args":[]}],` +
			`"events":[{"domain":"echo","name":"hello","attrs":["name","extra"]},{"domain":"echo","name":"bye","attrs":["extra"]},{"domain":"b","name":"x","attrs":["w","q"]},{"domain":"c","name":"y","attrs":["a","b","c"]},{"domain":"z","name":"w","attrs":["c"]}]}`},
		{name: "nope", err: `ruleset q does not have query function "nope"`},
		{name: "anser", err: `did you mean answer\?`},
	}
	for _, tc := range tests {
		got, err := in.Query(queryThread(), tc.name, tc.args)
		if tc.err != "" {
			if err == nil || !regexp.MustCompile(tc.err).MatchString(err.Error()) {
				t.Errorf("Query(%s) error = %v, want %q", tc.name, err, tc.err)
			}
			if !errors.Is(err, krl.ErrQueryNotFound) {
				t.Errorf("Query(%s) error %v is not ErrQueryNotFound", tc.name, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("Query(%s): %v", tc.name, err)
			continue
		}
		if g := encodeJSON(got); g != tc.want {
			t.Errorf("Query(%s) = %s, want %s", tc.name, g, tc.want)
		}
	}
}

func TestInstance_Query_testingOverride(t *testing.T) {
	p := mustCompile(t, `ruleset q { meta { shares __testing } global { __testing = {"custom": true} } }`)
	in := mustInit(t, p, &krl.Thread{})
	got, err := in.Query(queryThread(), "__testing", nil)
	if err != nil || encodeJSON(got) != `{"custom":true}` {
		t.Fatalf("Query(__testing) = %s, %v", encodeJSON(got), err)
	}
}

func TestInstance_Query_readOnly(t *testing.T) {
	p := mustCompile(t, `ruleset q { rule r { select when a b  always { ent:x := 1 } } }`)
	h := newFakeHost()
	th := &krl.Thread{Host: h, Query: &krl.Query{QID: "q"}, Event: &krl.Event{Domain: "a", Type: "b"}}
	in := mustInit(t, p, th)
	_, err := in.Run(th, p.Rule("r"), nil)
	if !errors.Is(err, krl.ErrReadOnly) {
		t.Fatalf("Run in a query = %v, want ErrReadOnly", err)
	}
	if len(h.ents) != 0 {
		t.Fatalf("a query wrote %v", h.ents)
	}
}

func TestRules_raiseScheduleLogError(t *testing.T) {
	p := mustCompile(t, `ruleset t {
  rule r { select when a b
    always {
      raise x event "y" attributes {"k": 1}
      raise event "dom : ty pe" for "other.rid"
      schedule s event "later" at 1700000000000 attributes {"n": 2} setting(sid)
      schedule event "c:d" repeat "*/5 * * * *"
      log info "hello " + sid{"id"}
      log debug {"m": 1}
      error warn "careful"
      ent:after_warn := true
      error error {"bad": true}
      ent:after_error := true
    }
  }
}`)
	if w := p.Warnings(); len(w) != 1 || w[0].Code != krl.WarnRaiseFor {
		t.Errorf("warnings = %v, want one %s", w, krl.WarnRaiseFor)
	}
	h := newFakeHost()
	var logs bytes.Buffer
	th := eventThread(h, "a", "b", value.Null)
	th.Log = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug, ReplaceAttr: dropTime}))
	in := mustInit(t, p, th)
	res, err := in.Run(th, p.Rule("r"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Last || !res.Fired {
		t.Errorf("result = %+v, want fired and last", res)
	}
	var raised []string
	for _, ev := range h.raised {
		raised = append(raised, fmt.Sprintf("%s:%s%s>%s", ev.Domain, ev.Type, encodeJSON(ev.Attrs), ev.ForRID))
	}
	want := []string{
		`x:y{"k":1}>`,
		`dom:typenull>`,
		`system:error{"level":"warn","data":"careful","rid":"t","rule_name":"r","genus":"user"}>t`,
		`system:error{"level":"error","data":{"bad":true},"rid":"t","rule_name":"r","genus":"user"}>t`,
	}
	if !slices.Equal(raised, want) {
		t.Errorf("raised:\n%s\nwant:\n%s", strings.Join(raised, "\n"), strings.Join(want, "\n"))
	}
	if h.cleared != 1 {
		t.Errorf("ClearSchedule called %d times, want 1", h.cleared)
	}
	if len(h.schedules) != 2 || h.schedules[0].Type != "later" || encodeJSON(h.schedules[0].At) != "1700000000000" ||
		h.schedules[1].Domain != "c" || h.schedules[1].Type != "d" || encodeJSON(h.schedules[1].Repeat) != `"*/5 * * * *"` {
		t.Errorf("schedules = %+v", h.schedules)
	}
	if h.ent("t", "after_warn") != "true" || h.ent("t", "after_error") != "<unset>" {
		t.Errorf("ents = %v", h.ents)
	}
	wantLogs := "level=INFO msg=\"hello s1\" rid=t rule=r\nlevel=DEBUG msg=\"{\\\"m\\\":1}\" rid=t rule=r\n"
	if logs.String() != wantLogs {
		t.Errorf("logs:\n%s\nwant:\n%s", logs.String(), wantLogs)
	}
}

func dropTime(_ []string, a slog.Attr) slog.Attr {
	if a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}

func TestRules_badRaiseAttributes(t *testing.T) {
	p := mustCompile(t, `ruleset t { rule r { select when a b  always { raise x event "y" attributes [1] } } }`)
	h := newFakeHost()
	th := eventThread(h, "a", "b", value.Null)
	_, err := mustInit(t, p, th).Run(th, p.Rule("r"), nil)
	if !errors.Is(err, krl.ErrBadEventAttrs) {
		t.Fatalf("err = %v, want ErrBadEventAttrs", err)
	}
}
