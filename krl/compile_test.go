package krl_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
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
		name: "directive",
		src:  `rule r { select when a b  send_directive("hi", {"x": event:attrs{"x"}}) }`,
		rule: "r", event: "a:b", attrs: `{"x": 1}`,
		directives: `hi{"x":1}`, fired: true,
	}, {
		name: "directive default options and setting",
		src:  `rule r { select when a b  send_directive("hi") setting(d)  always { ent:d := d } }`,
		rule: "r", event: "a:b",
		directives: `hi{}`, fired: true,
		entsAfter: map[string]string{"d": `{"type":"directive","name":"hi","options":{},"meta":{"rid":"t","rule_name":"r","txnId":"e1"}}`},
	}, {
		name: "counter",
		src:  `rule inc { select when c inc  always { ent:n := (ent:n || 0) + 1 } }`,
		rule: "inc", event: "c:inc",
		ents:      map[string]string{"n": "41"},
		entsAfter: map[string]string{"n": "42"}, fired: true,
	}, {
		name: "ent path assign creates arrays for index keys",
		src:  `rule r { select when a b  always { ent:m{["a", "0"]} := "x"; ent:o{"k"} := 1 } }`,
		rule: "r", event: "a:b",
		entsAfter: map[string]string{"m": `{"a":["x"]}`, "o": `{"k":1}`}, fired: true,
	}, {
		name: "clear",
		src:  `rule r { select when a b  always { clear ent:a; clear ent:m{"k"} } }`,
		rule: "r", event: "a:b",
		ents:      map[string]string{"a": "1", "m": `{"k":1,"j":2}`},
		entsAfter: map[string]string{"a": "<unset>", "m": `{"j":2}`}, fired: true,
	}, {
		name: "null assignment deletes",
		src:  `rule r { select when a b  always { ent:a := null } }`,
		rule: "r", event: "a:b",
		ents:      map[string]string{"a": "1"},
		entsAfter: map[string]string{"a": "<unset>"}, fired: true,
	}, {
		name: "if then fired and notfired",
		src:  `rule r { select when a b  if event:attrs{"ok"} then noop()  fired { ent:f := "yes" } else { ent:f := "no" } finally { ent:g := "always" } }`,
		rule: "r", event: "a:b", attrs: `{"ok": false}`,
		entsAfter: map[string]string{"f": `"no"`, "g": `"always"`},
	}, {
		name: "notfired block first",
		src:  `rule r { select when a b  if true then noop()  notfired { ent:f := "not" } else { ent:f := "fired" } }`,
		rule: "r", event: "a:b",
		entsAfter: map[string]string{"f": `"fired"`}, fired: true,
	}, {
		name: "every runs all actions in order",
		src:  `rule r { select when a b  every { send_directive("one") send_directive("two") setting(x) send_directive("three", {"prev": x{"name"}}) } }`,
		rule: "r", event: "a:b",
		directives: `one{} two{} three{"prev":"two"}`, fired: true,
	}, {
		name: "choose runs the matching label",
		src:  `rule r { select when a b  pre { w = event:attrs{"which"} }  choose w { x => send_directive("x") y => send_directive("y") } }`,
		rule: "r", event: "a:b", attrs: `{"which": "y"}`,
		directives: `y{}`, fired: true,
	}, {
		name: "unmatched choose still fires",
		src:  `rule r { select when a b  choose "z" { x => send_directive("x") }  fired { ent:f := 1 } }`,
		rule: "r", event: "a:b",
		fired: true, entsAfter: map[string]string{"f": "1"},
	}, {
		name: "sample runs exactly one",
		src:  `rule r { select when a b  sample { send_directive("only") send_directive("only") } }`,
		rule: "r", event: "a:b",
		directives: `only{}`, fired: true,
	}, {
		name: "defaction with setting and return",
		src: `global { greet = defaction(name, greeting = "hello") {
		           msg = greeting + " " + name
		           every { send_directive("greet", {"msg": msg}) setting(d) }
		           return d{"options"}{"msg"}
		         } }
		      rule r { select when a b  greet("bob") setting(res)  always { ent:res := res } }`,
		rule: "r", event: "a:b",
		directives: `greet{"msg":"hello bob"}`, fired: true,
		entsAfter: map[string]string{"res": `"hello bob"`},
	}, {
		name: "defaction condition does not change fired",
		src:  `global { maybe = defaction() { if false then send_directive("no") } } rule r { select when a b  maybe()  fired { ent:f := true } }`,
		rule: "r", event: "a:b",
		fired: true, entsAfter: map[string]string{"f": "true"},
	}, {
		name: "pre and postlude declarations",
		src:  `global { g = 10 } rule r { select when a b  pre { x = g + 1; y = x * 2 }  send_directive("d", {"y": y})  always { z = y + 1; ent:z := z } }`,
		rule: "r", event: "a:b",
		directives: `d{"y":22}`, fired: true, entsAfter: map[string]string{"z": "23"},
	}, {
		name: "pre shadows a global and uses it",
		src:  `global { add = function(a, b) { a + b } } rule r { select when a b  pre { add = add(1, 2) }  send_directive("d", {"add": add}) }`,
		rule: "r", event: "a:b",
		directives: `d{"add":3}`, fired: true,
	}, {
		name: "foreach over arrays and maps, nested, with on final",
		src: `rule r { select when a b
		        foreach [1, 2] setting(x)
		          foreach {"k": "v", "j": "w"} setting(v, k)
		        send_directive("d", {"x": x, "k": k, "v": v})
		        always { ent:final := [x, k] on final } }`,
		rule: "r", event: "a:b",
		directives: `d{"x":1,"k":"k","v":"v"} d{"x":1,"k":"j","v":"w"} d{"x":2,"k":"k","v":"v"} d{"x":2,"k":"j","v":"w"}`,
		fired:      true, entsAfter: map[string]string{"final": `[2,"j"]`},
	}, {
		name: "foreach index and string",
		src:  `rule r { select when a b  foreach "ab" setting(c, i)  send_directive(c, {"i": i}) }`,
		rule: "r", event: "a:b",
		directives: `a{"i":"0"} b{"i":"1"}`, fired: true,
	}, {
		name: "empty foreach runs nothing",
		src:  `rule r { select when a b  foreach [] setting(x)  send_directive("d")  always { ent:ran := true } }`,
		rule: "r", event: "a:b",
		entsAfter: map[string]string{"ran": "<unset>"},
	}, {
		name: "foreach over null runs nothing",
		src:  `rule r { select when a b  foreach null setting(x)  always { ent:ran := true } }`,
		rule: "r", event: "a:b",
		entsAfter: map[string]string{"ran": "<unset>"},
	}, {
		name: "last stops the rule at once",
		src:  `rule r { select when a b  foreach [1, 2, 3] setting(x)  always { ent:x := x; last if x == 2; ent:after := x } }`,
		rule: "r", event: "a:b",
		fired: true, last: true,
		entsAfter: map[string]string{"x": "2", "after": "1"},
	}, {
		name: "guards",
		src:  `rule r { select when a b  always { ent:a := 1 if false; ent:b := 2 if "0"; ent:c := 3 on final } }`,
		rule: "r", event: "a:b", fired: true,
		entsAfter: map[string]string{"a": "<unset>", "b": "2", "c": "3"},
	}, {
		name: "select setting variables",
		src:  `rule r { select when shop order sku re#(\w+)-(\w+)# setting(family, item)  send_directive("o", {"f": family, "i": item}) }`,
		rule: "r", event: "shop:order", attrs: `{"sku": "abc-123"}`,
		directives: `o{"f":"abc","i":"123"}`, fired: true,
	}, {
		name: "where with setting variables",
		src:  `rule r { select when shop order amount re#^(\d+)$# setting(amt) where amt.as("Number") > 10  send_directive("big") }`,
		rule: "r", event: "shop:order", attrs: `{"amount": "5"}`,
		err: "rule not selected",
	}, {
		name: "meta and event values",
		src:  `rule r { select when a b  send_directive("m", {"rid": meta:rid, "rule": meta:ruleName, "in": meta:inEvent, "q": meta:inQuery, "txn": meta:txnId, "eci": meta:eci, "ev": [event:eci, event:domain, event:name, event:eid, event:time] }) }`,
		rule: "r", event: "a:b",
		directives: `m{"rid":"t","rule":"r","in":true,"q":false,"txn":"e1","eci":"eci1","ev":["eci1","a","b","e1",1700000000000]}`, fired: true,
	}, {
		name: "event:attr is deprecated but works",
		src:  `rule r { select when a b  send_directive("m", {"v": event:attr("k"), "w": event:attrs{"missing"}}) }`,
		rule: "r", event: "a:b", attrs: `{"k": [1]}`,
		directives: `m{"v":[1],"w":null}`, fired: true,
	}, {
		name: "runtime error aborts the rule",
		src:  `rule r { select when a b  always { ent:a := 1; ent:b := "x" - 1; ent:c := 3 } }`,
		rule: "r", event: "a:b",
		err:       `^t:r:2:\d+: TypeError: 1 cannot be subtracted from x$`,
		entsAfter: map[string]string{"a": "1", "c": "<unset>"},
	}, {
		name: "not an action at run time",
		src:  `global { f = 5 } rule r { select when a b  f() }`,
		rule: "r", event: "a:b",
		err: "5 is not an action",
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
	if w := p.Warnings(); len(w) != 0 {
		t.Errorf("warnings = %v, want none", w)
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
		`dom:typenull>other.rid`,
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

const libRuleset = `ruleset lib.greet {
  meta {
    name "Greeter"
    configure using greeting = "Hello" punct = "!"
    provides greet, shout, hi, state
  }
  global {
    greet = function(name) { greeting + " " + name + punct }
    shout = defaction(name) { send_directive("shout", {"msg": greet(name)}) }
    hi = greet("world")
    state = function() { [ent:count, event:attrs, meta:inEvent, meta:rid, ctx:rid_name] }
    secret = 1
  }
}`

const appRuleset = `ruleset app {
  meta {
    configure using who = "Hi"
    use module lib.greet alias g with greeting = who
    use module lib.greet alias g2
    shares q
  }
  global { q = function() { [g:greet("a"), g2:greet("b"), g:hi, g:state(), "x".g:greet()] } }
  rule r { select when a b  g:shout("bob") }
}`

// loaderFor returns a ModuleLoader that instantiates the given programs.
func loaderFor(progs ...*krl.Program) krl.ModuleLoader {
	var load krl.ModuleLoader
	load = func(t *krl.Thread, use krl.Use, with map[string]value.Value) (*krl.Instance, error) {
		for _, p := range progs {
			if p.RID() == use.RID {
				return p.Init(t, krl.InitOptions{With: with, AsModule: true, Modules: load})
			}
		}
		return nil, fmt.Errorf("%w: %s", krl.ErrNoModule, use.RID)
	}
	return load
}

func TestProgram_Init_modules(t *testing.T) {
	lib := mustCompile(t, libRuleset)
	app := mustCompile(t, appRuleset)
	if got := fmt.Sprint(app.Uses()); got != "[{lib.greet g test.krl:4:5 [greeting]} {lib.greet g2 test.krl:5:5 []}]" {
		t.Errorf("Uses = %s", got)
	}
	h := newFakeHost()
	h.ents["lib.greet/count"] = value.Num(7)
	th := eventThread(h, "a", "b", attrs(t, `{"k": 1}`))
	in, err := app.Init(th, krl.InitOptions{Modules: loaderFor(lib)})
	if err != nil {
		t.Fatal(err)
	}
	got, err := in.Query(&krl.Thread{Host: h, Query: &krl.Query{}}, "q", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := `["Hi a!","Hello b!","Hi world!",[7,null,false,"lib.greet","Greeter"],"Hi x!"]`
	if encodeJSON(got) != want {
		t.Errorf("q = %s\nwant %s", encodeJSON(got), want)
	}
	if _, err := in.Run(th, app.Rule("r"), nil); err != nil {
		t.Fatal(err)
	}
	if got := h.directiveList(); got != `shout{"msg":"Hi bob!"}` {
		t.Errorf("directives = %s", got)
	}
	if d := h.directives[0]; d.RID != "app" || d.Rule != "r" {
		t.Errorf("directive from %s:%s, want app:r", d.RID, d.Rule)
	}
}

func TestProgram_Init_moduleErrors(t *testing.T) {
	lib := mustCompile(t, libRuleset)
	tests := []struct {
		src  string
		load krl.ModuleLoader
		err  string
		is   error
	}{{
		src:  `ruleset a { meta { use module lib.greet alias g } global { x = g:secret() } }`,
		load: loaderFor(lib),
		err:  `^a:1:\d+: module g \(lib.greet\) does not provide secret`,
		is:   krl.ErrLink,
	}, {
		src:  `ruleset a { meta { use module lib.greet alias g } global { x = g:gret } }`,
		load: loaderFor(lib),
		err:  `did you mean greet\?`,
		is:   krl.ErrLink,
	}, {
		src: `ruleset a { meta { use module lib.greet alias g } }`,
		err: `module not found: lib.greet`,
		is:  krl.ErrNoModule,
	}, {
		src:  `ruleset a { meta { use module other.rs alias g } }`,
		load: loaderFor(lib),
		err:  `module other.rs: krl: module not found: other.rs`,
		is:   krl.ErrNoModule,
	}, {
		src: `ruleset a { meta { use module other.rs alias g } }`,
		load: func(t *krl.Thread, _ krl.Use, _ map[string]value.Value) (*krl.Instance, error) {
			return lib.Init(t, krl.InitOptions{})
		},
		err: `got an instance of lib.greet`,
		is:  krl.ErrModuleConflict,
	}}
	for _, tc := range tests {
		p := mustCompile(t, tc.src)
		_, err := p.Init(&krl.Thread{}, krl.InitOptions{Modules: tc.load})
		if err == nil || !regexp.MustCompile(tc.err).MatchString(err.Error()) {
			t.Errorf("%s: error %v, want %q", tc.src, err, tc.err)
		}
		if !errors.Is(err, tc.is) {
			t.Errorf("%s: error %v is not %v", tc.src, err, tc.is)
		}
	}
}

func TestInstance_TestPrim(t *testing.T) {
	p := mustCompile(t, `ruleset t {
  global { limit = 2 + 1 }
  rule r {
    select when shop order sku re#^(\w+)-(\d+)?# amount re#(.*)# setting(family, num, amt) where amt.as("Number") > 10 || amt == "null"
             or shop cancel
  }
  rule w { select where event:attrs{"go"} }
  rule within { select when a b before a c within limit minutes }
}`)
	r := p.Rule("r")
	if got := r.SelectVars(); !slices.Equal(got, []string{"family", "num", "amt"}) {
		t.Errorf("SelectVars = %v", got)
	}
	if len(r.Prims()) != 2 || r.Prims()[1].Type.Name != "cancel" {
		t.Errorf("Prims = %v", r.Prims())
	}
	tests := []struct {
		attrs string
		ok    bool
		caps  string
	}{
		{`{"sku": "abc-12", "amount": "20"}`, true, `["abc","12","20"]`},
		{`{"sku": "abc-", "amount": 11}`, true, `["abc",null,"11"]`},
		{`{"sku": "abc-12", "amount": "5"}`, false, ``},
		{`{"sku": "abc-12", "amount": null}`, true, `["abc","12","null"]`},
		{`{"sku": "abc-12"}`, false, ``},
		{`{"sku": "-12", "amount": "20"}`, false, ``},
		{`{"sku": {"a": 1}, "amount": "20"}`, false, ``},
		{`{}`, false, ``},
	}
	h := newFakeHost()
	in := mustInit(t, p, &krl.Thread{})
	for _, tc := range tests {
		th := eventThread(h, "shop", "order", attrs(t, tc.attrs))
		ok, caps, err := in.TestPrim(th, r, 0)
		if err != nil {
			t.Fatal(err)
		}
		if ok != tc.ok || (ok && encodeJSON(value.NewArray(caps)) != tc.caps) {
			t.Errorf("TestPrim(%s) = %v %s, want %v %s", tc.attrs, ok, encodeJSON(value.NewArray(caps)), tc.ok, tc.caps)
		}
	}
	// A primitive without tests always passes.
	if ok, caps, err := in.TestPrim(eventThread(h, "shop", "cancel", value.Null), r, 1); !ok || len(caps) != 0 || err != nil {
		t.Errorf("TestPrim(cancel) = %v %v %v", ok, caps, err)
	}
	if _, _, err := in.TestPrim(eventThread(h, "shop", "cancel", value.Null), r, 2); err == nil {
		t.Error("TestPrim(2) did not fail")
	}

	// select where is selected only by the Boolean true.
	w := p.Rule("w")
	for js, want := range map[string]bool{`{"go": true}`: true, `{"go": 1}`: false, `{"go": "true"}`: false, `{}`: false} {
		th := eventThread(h, "any", "thing", attrs(t, js))
		got, err := in.SelectWhere(th, w)
		if err != nil || got != want {
			t.Errorf("SelectWhere(%s) = %v %v, want %v", js, got, err, want)
		}
		got, _, err = in.TestPrim(th, w, -1)
		if err != nil || got != want {
			t.Errorf("TestPrim(%s, -1) = %v %v, want %v", js, got, err, want)
		}
	}

	if d, ok := in.Within(p.Rule("within")); !ok || d != 3*time.Minute {
		t.Errorf("Within = %v %v, want 3m", d, ok)
	}
	if _, ok := in.Within(r); ok {
		t.Error("Within(r) reports a limit")
	}

	other := mustCompile(t, `ruleset o { rule r { select when a b } }`)
	if _, err := in.Run(&krl.Thread{}, other.Rule("r"), nil); !errors.Is(err, krl.ErrWrongInstance) {
		t.Errorf("Run(other program's rule) = %v", err)
	}
}

func TestThread_limits(t *testing.T) {
	p := mustCompile(t, `ruleset t {
  meta { shares loop, deep, spin, concat }
  global {
    loop = function(n) { loop(n + 1) }
    deep = function(n) { n == 0 => 0 | 1 + deep(n - 1) }
    spin = function(n) { n == 0 => 0 | spin(n - 1) + spin(n - 1) }
    concat = function(s, n) { n == 0 => s.length() | concat(s + s, n - 1) }
  }
}`)
	in := mustInit(t, p, &krl.Thread{})
	q := func(th *krl.Thread, name string, args ...value.Value) (value.Value, error) {
		m := map[string]value.Value{}
		for i, a := range args {
			m[[]string{"n", "s"}[i]] = a
		}
		if name == "concat" {
			m = map[string]value.Value{"s": args[0], "n": args[1]}
		}
		return in.Query(th, name, m)
	}
	if _, err := q(&krl.Thread{}, "loop", value.Num(0)); !errors.Is(err, krl.ErrDepthLimit) {
		t.Errorf("unbounded recursion: %v, want ErrDepthLimit", err)
	}
	if v, err := q(&krl.Thread{MaxDepth: 600}, "deep", value.Num(500)); err != nil || v.AsNum() != 500 {
		t.Errorf("deep(500) = %v, %v", v, err)
	}
	if _, err := q(&krl.Thread{MaxDepth: 100}, "deep", value.Num(500)); !errors.Is(err, krl.ErrDepthLimit) {
		t.Errorf("deep(500) with MaxDepth 100: %v", err)
	}
	if _, err := q(&krl.Thread{MaxSteps: 10_000}, "spin", value.Num(30)); !errors.Is(err, krl.ErrStepLimit) {
		t.Errorf("exponential recursion: %v, want ErrStepLimit", err)
	}
	if _, err := q(&krl.Thread{MaxSteps: 1_000_000}, "concat", value.Str("ab"), value.Num(40)); !errors.Is(err, krl.ErrStepLimit) && !errors.Is(err, krl.ErrValueTooLarge) {
		t.Errorf("string doubling: %v, want a limit", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := q(&krl.Thread{Ctx: ctx, MaxSteps: 1 << 40}, "spin", value.Num(60))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("deadline: %v", err)
	}
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("deadline honoured after %v", el)
	}
	var re *krl.RuntimeError
	if !errors.As(err, &re) || re.RID != "t" || !strings.Contains(re.Error(), "deadline exceeded") {
		t.Errorf("deadline error = %#v", err)
	}
}

func TestRuntimeError(t *testing.T) {
	p := mustCompile(t, `ruleset t {
  meta { shares f }
  global {
    inner = function(x) { x - 1 }
    f = function(x) { inner(x) }
  }
  rule r { select when a b  pre { v = f("oops") } }
}`)
	h := newFakeHost()
	th := eventThread(h, "a", "b", value.Null)
	in := mustInit(t, p, th)
	_, err := in.Run(th, p.Rule("r"), nil)
	var re *krl.RuntimeError
	if !errors.As(err, &re) {
		t.Fatalf("err = %v, want a RuntimeError", err)
	}
	if re.RID != "t" || re.Rule != "r" || re.Pos.Line != 4 || re.Pos.Column != 29 {
		t.Errorf("error at %s:%s:%s, want t:r:4:29", re.RID, re.Rule, re.Pos)
	}
	if want := "t:r:4:29: TypeError: 1 cannot be subtracted from oops"; re.Error() != want {
		t.Errorf("Error() = %q, want %q", re.Error(), want)
	}
	if !errors.Is(err, value.ErrType) {
		t.Errorf("%v is not value.ErrType", err)
	}
	want := "t:r:4:29: TypeError: 1 cannot be subtracted from oops\n  at inner (5:23)\n  at f (7:39)"
	if got := re.Backtrace(); got != want {
		t.Errorf("Backtrace:\n%s\nwant:\n%s", got, want)
	}
	// The same function in a query has no rule.
	_, err = in.Query(queryThread(), "f", map[string]value.Value{"x": value.Str("a")})
	if err == nil || !strings.HasPrefix(err.Error(), "t:4:29: TypeError") {
		t.Errorf("query error = %v", err)
	}
}

func TestProgram_internalErrors(t *testing.T) {
	p := mustCompile(t, `ruleset t { global { x = ent:boom } rule r { select when a b  always { ent:y := ent:boom } } }`)
	h := newFakeHost()
	h.panicOn = "boom"
	th := eventThread(h, "a", "b", value.Null)
	_, err := p.Init(th, krl.InitOptions{})
	if !errors.Is(err, krl.ErrInternal) || !strings.Contains(err.Error(), "internal error: fake host: boom") {
		t.Fatalf("Init with a panicking host = %v", err)
	}
	h.panicOn = ""
	in := mustInit(t, p, th)
	h.panicOn = "boom"
	if _, err := in.Run(th, p.Rule("r"), nil); !errors.Is(err, krl.ErrInternal) {
		t.Fatalf("Run with a panicking host = %v", err)
	}
	// The thread is still usable afterwards.
	h.panicOn = ""
	if _, err := in.Run(th, p.Rule("r"), nil); err != nil {
		t.Fatalf("Run after recovery = %v", err)
	}
}

// TestCompileScripts compiles every chunk of testdata/compile/*.krl. Chunks
// are whole rulesets separated by lines holding only "---". A line ending
// in a comment `// ### "RX"` must have a compile error matching RX (the
// whole "file:line:col: msg" text, so a column can be pinned); `// !!! "RX"`
// marks an expected warning. Every error and warning must be expected.
func TestCompileScripts(t *testing.T) {
	files, err := filepath.Glob("testdata/compile/*.krl")
	if err != nil || len(files) == 0 {
		t.Fatalf("no scripts: %v", err)
	}
	marker := regexp.MustCompile(`//\s*(###|!!!)\s*("(?:[^"\\]|\\.)*")\s*$`)
	total := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		lines := strings.Split(string(data), "\n")
		start := 0
		for i := 0; i <= len(lines); i++ {
			if i < len(lines) && strings.TrimSpace(lines[i]) != "---" {
				continue
			}
			chunk := lines[start:i]
			src := strings.Repeat("\n", start) + strings.Join(chunk, "\n")
			errsWant, warnsWant := map[int]string{}, map[int]string{}
			for j, l := range chunk {
				m := marker.FindStringSubmatch(l)
				if m == nil {
					continue
				}
				rx, err := strconv.Unquote(m[2])
				if err != nil {
					t.Fatalf("%s:%d: bad marker: %v", name, start+j+1, err)
				}
				if m[1] == "###" {
					errsWant[start+j+1] = rx
				} else {
					warnsWant[start+j+1] = rx
				}
			}
			start = i + 1
			if strings.TrimSpace(src) == "" {
				continue
			}
			total += len(errsWant) + len(warnsWant)
			p, err := krl.CompileSource(name, []byte(src))
			var got krl.ErrorList
			if err != nil && !errors.As(err, &got) {
				t.Errorf("%s: %v", name, err)
				continue
			}
			checkDiagnostics(t, name, "error", got, errsWant)
			if p != nil {
				checkDiagnostics(t, name, "warning", p.Warnings(), warnsWant)
			} else if len(warnsWant) > 0 && len(errsWant) == 0 {
				t.Errorf("%s: chunk before line %d did not compile", name, i+1)
			}
		}
	}
	if total < 40 {
		t.Errorf("only %d expectations", total)
	}
}

func checkDiagnostics(t *testing.T, file, kind string, got krl.ErrorList, want map[int]string) {
	t.Helper()
	seen := map[int]bool{}
	for _, e := range got {
		rx, ok := want[e.Pos.Line]
		if !ok {
			t.Errorf("%s: unexpected %s: %v", file, kind, e)
			continue
		}
		if !regexp.MustCompile(rx).MatchString(e.Error()) {
			t.Errorf("%s: %s %q does not match %q", file, kind, e, rx)
		}
		seen[e.Pos.Line] = true
	}
	for line, rx := range want {
		if !seen[line] {
			t.Errorf("%s:%d: missing %s matching %q", file, line, kind, rx)
		}
	}
}

// printHost is a Host that prints what rules do.
type printHost struct{ ents map[string]value.Value }

func (h *printHost) EntGet(rid, name string) (value.Value, error) { return h.ents[name], nil }
func (h *printHost) EntSet(rid, name string, v value.Value) error {
	h.ents[name] = v
	fmt.Printf("ent:%s := %s\n", name, value.Encode(v, 0))
	return nil
}
func (h *printHost) Raise(rid string, ev krl.RaisedEvent) error {
	fmt.Printf("raise %s:%s %s\n", ev.Domain, ev.Type, value.Encode(ev.Attrs, 0))
	return nil
}
func (h *printHost) ClearSchedule(rid string) error { return nil }
func (h *printHost) Schedule(rid string, req krl.ScheduleRequest) (value.Value, error) {
	return value.Null, nil
}
func (h *printHost) Directive(d krl.Directive) error {
	fmt.Printf("directive %s %s\n", d.Name, value.Encode(d.Options, 0))
	return nil
}
func (h *printHost) Module(rid, domain, name string) (value.Value, error) {
	return value.Null, krl.ErrNoModule
}

func ExampleCompile() {
	src := `ruleset hello {
  meta { shares greeting }
  global {
    greeting = function(name = "world") { <<Hello, #{name}!>> }
  }
  rule hi {
    select when echo hello name re#(.+)# setting(name)
    send_directive("say", {"something": greeting(name)})
    fired { ent:count := ent:count.defaultsTo(0) + 1 }
  }
}`
	prog, err := krl.CompileSource("hello.krl", []byte(src))
	if err != nil {
		fmt.Println(err)
		return
	}
	host := &printHost{ents: map[string]value.Value{}}

	// One instance per pico; one thread per event.
	inst, err := prog.Init(&krl.Thread{Host: host}, krl.InitOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	attrs := value.NewMapValue([]string{"name"}, []value.Value{value.Str("Ann")})
	t := &krl.Thread{Host: host, Event: &krl.Event{EID: "e1", Domain: "echo", Type: "hello", Attrs: attrs}}
	rule := prog.Rule("hi")
	ok, captures, err := inst.TestPrim(t, rule, 0)
	fmt.Println(ok, captures, err)
	res, err := inst.Run(t, rule, map[string]value.Value{"name": captures[0]})
	fmt.Printf("%+v %v\n", res, err)

	// Queries run on their own thread, with arguments by name.
	v, err := inst.Query(&krl.Thread{Host: host, Query: &krl.Query{}}, "greeting", nil)
	fmt.Println(v, err)
	// Output:
	// true ["Ann"] <nil>
	// directive say {"something":"Hello, Ann!"}
	// ent:count := 1
	// {Fired:true Last:false} <nil>
	// "Hello, world!" <nil>
}

func ExampleCompile_error() {
	_, err := krl.CompileSource("bad.krl", []byte(`ruleset bad {
  global {
    total = function(items) { items.reduce(function(a, b) { a + b }, 0) }
    avg = totl(xs) / xs.length()
  }
}`))
	var list krl.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Println(e.Code, e)
		}
	}
	// Output:
	// E2001 bad.krl:4:11: undefined id: totl (did you mean total?)
	// E2001 bad.krl:4:16: undefined id: xs
	// E2001 bad.krl:4:22: undefined id: xs
}

// TestProgram_concurrent shares one Program among instances and one
// Instance among goroutines (run with -race).
func TestProgram_concurrent(t *testing.T) {
	p := mustCompile(t, `ruleset c {
  meta { shares total }
  global {
    base = [1, 2, 3].map(function(x) { x * 10 })
    total = function(k) { base.reduce(function(a, b) { a + b }) + k }
  }
  rule r { select when a b n re#(\d+)# setting(n)
    pre { v = total(n.as("Number")) }
    send_directive("v", {"v": v})
  }
}`)
	shared := mustInit(t, p, &krl.Thread{})
	done := make(chan error)
	for g := range 8 {
		go func() {
			h := newFakeHost()
			in := shared
			if g%2 == 0 {
				var err error
				if in, err = p.Init(&krl.Thread{}, krl.InitOptions{}); err != nil {
					done <- err
					return
				}
			}
			for i := range 200 {
				th := eventThread(h, "a", "b", value.NewMapValue([]string{"n"}, []value.Value{value.Str(strconv.Itoa(i))}))
				ok, caps, err := in.TestPrim(th, p.Rule("r"), 0)
				if err != nil || !ok {
					done <- fmt.Errorf("TestPrim: %v %v", ok, err)
					return
				}
				if _, err := in.Run(th, p.Rule("r"), map[string]value.Value{"n": caps[0]}); err != nil {
					done <- err
					return
				}
				v, err := in.Query(queryThread(), "total", map[string]value.Value{"k": value.Num(float64(i))})
				if err != nil || v.AsNum() != float64(60+i) {
					done <- fmt.Errorf("total(%d) = %v, %v", i, v, err)
					return
				}
			}
			if len(h.directives) != 200 || encodeJSON(h.directives[199].Options) != `{"v":259}` {
				done <- fmt.Errorf("directives: %d, last %v", len(h.directives), h.directives[len(h.directives)-1])
				return
			}
			done <- nil
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

func TestCompile_hostModules(t *testing.T) {
	src := []byte(`ruleset h {
  meta { shares q }
  global { q = function() { [greeter:hello("Ann"), greeter:version, ctx:picoId] } }
  rule r { select when a b  greeter:wave(2) setting(w)  always { ent:w := w } }
}`)
	// Without HostModules, any unknown domain is left to the host.
	p, err := krl.CompileSource("h.krl", src)
	if err != nil {
		t.Fatal(err)
	}
	h := newFakeHost()
	h.modules["greeter:hello"] = value.NewFunc(&value.Func{Name: "hello", Params: []string{"name"},
		Fn: func(_ value.Thread, args []value.Value) (value.Value, error) {
			return value.Str("hello " + value.ToString(args[0])), nil
		}})
	h.modules["greeter:version"] = value.Num(2)
	h.modules["greeter:wave"] = value.NewFunc(&value.Func{Name: "wave", Params: []string{"n"}, Action: true,
		Fn: func(_ value.Thread, args []value.Value) (value.Value, error) { return value.Str("waved"), nil }})
	h.modules["ctx:picoId"] = value.Str("p1")
	in := mustInit(t, p, &krl.Thread{Host: h})
	got, err := in.Query(&krl.Thread{Host: h, Query: &krl.Query{}}, "q", nil)
	if err != nil || encodeJSON(got) != `["hello Ann",2,"p1"]` {
		t.Errorf("q = %s, %v", encodeJSON(got), err)
	}
	th := eventThread(h, "a", "b", value.Null)
	if _, err := in.Run(th, p.Rule("r"), nil); err != nil || h.ent("h", "w") != `"waved"` {
		t.Errorf("Run: %v, ent:w = %s", err, h.ent("h", "w"))
	}
	// A member the host does not have fails at run time.
	delete(h.modules, "greeter:version")
	if _, err := in.Query(&krl.Thread{Host: h, Query: &krl.Query{}}, "q", nil); !errors.Is(err, krl.ErrNoMember) {
		t.Errorf("missing member: %v", err)
	}

	// With HostModules, unknown domains are compile errors.
	if _, err := krl.CompileSource("h.krl", src, krl.HostModules("greeter")); err != nil {
		t.Errorf("with greeter declared: %v", err)
	}
	_, err = krl.CompileSource("h.krl", src, krl.HostModules("greeters"))
	var list krl.ErrorList
	if !errors.As(err, &list) || len(list) != 3 || list[0].Code != krl.CodeUnknownModule ||
		!strings.Contains(list[0].Msg, "unknown module: greeter (did you mean greeters?)") {
		t.Errorf("with greeters declared: %v", err)
	}
}

func TestCompile_maxErrors(t *testing.T) {
	var src strings.Builder
	src.WriteString("ruleset m { global {\n")
	for i := range 30 {
		fmt.Fprintf(&src, "  v%d = undefined%d\n", i, i)
	}
	src.WriteString("} }")
	_, err := krl.CompileSource("m.krl", []byte(src.String()), krl.MaxErrors(5))
	var list krl.ErrorList
	if !errors.As(err, &list) || len(list) != 6 || list[5].Code != krl.ErrTooMany.Code {
		t.Fatalf("errors = %v", err)
	}
}

func TestInstance_metaAndConfig(t *testing.T) {
	p := mustCompile(t, `ruleset m {
  meta {
    name "The " + "name"
    description <<multi
line>>
    version "1.2"
    shares info
  }
  global { info = function() { [ctx:rid, ctx:rid_name, ctx:rid_description, ctx:rid_version, ctx:rid_author, ctx:rid_config, meta:rulesetConfig] } }
}`)
	cfg := attrs(t, `{"k": "v"}`)
	in, err := p.Init(&krl.Thread{}, krl.InitOptions{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	got, err := in.Query(queryThread(), "info", nil)
	want := `["m","The name","multi\nline","1.2",null,{"k":"v"},{"k":"v"}]`
	if err != nil || encodeJSON(got) != want {
		t.Errorf("info = %s, %v\nwant %s", encodeJSON(got), err, want)
	}
	if encodeJSON(in.Meta("name")) != `"The name"` || !in.Meta("author").IsNull() || encodeJSON(in.Config()) != `{"k":"v"}` {
		t.Errorf("Meta/Config = %v %v %v", in.Meta("name"), in.Meta("author"), in.Config())
	}
	in, _ = p.Init(&krl.Thread{}, krl.InitOptions{})
	if encodeJSON(in.Config()) != `{}` {
		t.Errorf("default Config = %v", in.Config())
	}
}
