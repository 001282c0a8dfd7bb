package eventbus_test

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gopico/pico/eventbus"
	"github.com/gopico/pico/krl/ast"
	"github.com/gopico/pico/krl/value"
)

// A sequence is written as event specs (see ev); a leading "!" marks the
// events on which the rule must fire, and it must not fire on the others.
type seqCase struct {
	name   string
	expr   string
	events []string
}

func runSeq(t *testing.T, c seqCase) {
	t.Helper()
	sel := mustSelect(t, c.expr)
	s := &stepper{t: t, m: mustMachine(t, c.expr), within: withinLimit(t, sel.Within)}
	for i, spec := range c.events {
		want := strings.HasPrefix(spec, "!")
		got, _ := s.step(ev(strings.TrimPrefix(spec, "!")))
		if got != want {
			t.Fatalf("%s: event %d (%s): fired = %v, want %v", c.expr, i, spec, got, want)
		}
	}
}

func TestMachine_Step_operators(t *testing.T) {
	cases := []seqCase{
		{"prim fires on every match", "e a", []string{"!e:a", "e:b", "!e:a", "!e:a"}},
		{"prim with colon", "e:a", []string{"x:a", "!e:a"}},
		{"or either side", "e a or e b", []string{"!e:a", "!e:b", "e:c", "!e:a"}},
		{"or variadic", "or(e a, e b, e c)", []string{"!e:c", "!e:a", "e:d"}},
		{"and in order", "e a and e b", []string{"e:a", "!e:b"}},
		{"and reversed", "e a and e b", []string{"e:b", "!e:a"}},
		{"and ignores non-salient", "e a and e b", []string{"e:a", "e:x", "x:b", "!e:b"}},
		{"and repeated first", "e a and e b", []string{"e:a", "e:a", "!e:b"}},
		{"and variadic", "and(e a, e b, e c)", []string{"e:c", "e:a", "!e:b", "e:a", "e:b", "!e:c"}},
		{"before in order", "e a before e b", []string{"e:b", "e:a", "!e:b"}},
		{"before anything between", "e a before e b", []string{"e:a", "e:a", "e:c", "!e:b"}},
		{"before variadic", "before(e a, e b, e c)", []string{"e:a", "e:c", "e:b", "!e:c"}},
		{"after reversed", "e a after e b", []string{"e:a", "e:b", "!e:a"}},
		{"after variadic", "after(e a, e b, e c)", []string{"e:a", "e:b", "e:c", "e:b", "!e:a"}},
		{"then next relevant", "e a then e b", []string{"e:a", "!e:b"}},
		{"then reset by salient other", "e a then e b", []string{"e:a", "e:a", "e:b"}},
		{"then reset does not start", "e a then e b", []string{"e:a", "e:a", "e:a", "!e:b"}},
		{"then ignores non-salient", "e a then e b", []string{"e:a", "e:x", "x:y", "!e:b"}},
		{"then variadic", "then(e a, e b, e c)", []string{"e:a", "e:b", "!e:c", "e:a", "e:b", "e:b", "e:c"}},
		{"then same event", "e a then e a", []string{"e:a", "!e:a", "e:a", "!e:a"}},
		{"between", "e a between(e b, e c)", []string{"e:b", "e:a", "!e:c"}},
		{"between needs the middle", "e a between(e b, e c)", []string{"e:b", "e:c", "e:c", "e:a", "!e:c"}},
		{"between extra events ignored", "e a between(e b, e c)", []string{"e:b", "e:b", "e:a", "e:a", "!e:c"}},
		{"not between fires", "e a not between(e b, e c)", []string{"e:b", "!e:c"}},
		{"not between reset", "e a not between(e b, e c)", []string{"e:b", "e:a", "e:c"}},
		{"not between restart", "e a not between(e b, e c)", []string{"e:b", "e:a", "e:b", "!e:c"}},
		{"any 2 of 4", "any 2 (e a, e b, e c, e d)", []string{"e:a", "e:a", "!e:b"}},
		{"any 2 any order", "any 2 (e a, e b, e c, e d)", []string{"e:d", "!e:a", "e:c", "!e:b"}},
		{"any 2 distinct", "any 2 (e a, e b, e c, e d)", []string{"e:c", "e:c", "!e:a"}},
		{"any 1", "any 1 (e a, e b)", []string{"!e:b", "!e:a"}},
		{"any 3", "any 3 (e a, e b, e c, e d)", []string{"e:a", "e:b", "e:a", "!e:d"}},
		{"count every 3rd", "count 3 (e a)", []string{"e:a", "e:a", "!e:a", "e:a", "e:a", "!e:a"}},
		{"count 1", "count 1 (e a)", []string{"!e:a", "!e:a"}},
		{"repeat 3rd and later", "repeat 3 (e a)", []string{"e:a", "e:a", "!e:a", "!e:a", "!e:a"}},
		{"before of a twice or a", "(e a before e a) or e a", []string{"!e:a", "!e:a", "!e:a"}},
		{"(a and b) or c", "(e a and e b) or e c", []string{"e:a", "e:c", "!e:b"}},
		{"(a and b) or c from start", "(e a and e b) or e c", []string{"!e:c"}},
		{"then inside or", "(e a then e b) or e c", []string{"e:a", "e:c", "!e:c"}},
		{"nested then", "(e a then e b) then e c", []string{"e:a", "e:b", "!e:c"}},
		{"before of thens", "(e a then e b) before (e c then e d)", []string{"e:a", "e:b", "e:x", "e:c", "e:a", "e:c", "!e:d"}},
		{"select where", "where true", []string{"!x:y", "!a:b"}},
		{"select where false", "where false", []string{"x:y", "a:b"}},
		{"select where not boolean", "where 1", []string{"x:y"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { runSeq(t, c) })
	}
}

func TestMachine_Step_attributeTests(t *testing.T) {
	cases := []seqCase{
		{"regex must match", "e a x re#^\\d+$#", []string{"e:a x=foo", "!e:a x=12", "e:a"}},
		{"absent attribute is empty", "e a x re#^$#", []string{"!e:a", "e:a x=1"}},
		{"where truthy", "e a x re#(\\d+)# setting(n) where n > 5", []string{"e:a x=3", "!e:a x=7"}},
		{"where without captures", "e a where false", []string{"e:a", "e:a x=1"}},
		{"failed test resets then", "e a x re#1# then e a x re#2#", []string{"e:a x=1", "e:a x=3", "e:a x=2"}},
		{"failed test resets before", "e a x re#1# before e b x re#2#", []string{"e:a x=1", "e:b x=3", "e:b x=2"}},
		{"failed test on other prim resets", "e a before e b before e c x re#ok#", []string{"e:a", "e:b", "e:c x=no", "e:c x=ok", "e:a", "e:b", "!e:c x=ok"}},
		{"repeat reset", "repeat 3 (e a x re#^\\d$#)", []string{"e:a x=1", "e:a x=2", "e:a x=foo", "e:a x=3", "e:a x=4", "!e:a x=5", "!e:a x=6"}},
		{"count reset", "count 2 (e a x re#bob#)", []string{"e:a x=bob", "e:a x=...", "e:a x=bob", "!e:a x=bob"}},
		{"and reset", "e a and e b x re#1#", []string{"e:a", "e:b x=2", "e:b x=1", "!e:a"}},
		{"and untested prim keeps state", "e a x re#1# and e b", []string{"e:a x=1", "e:a x=2", "!e:b"}},
		{"no test keeps state", "e a before e b", []string{"e:a", "e:a x=whatever", "!e:b"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { runSeq(t, c) })
	}
}

func TestMachine_Step_within(t *testing.T) {
	cases := []seqCase{
		{"exactly the limit fires", "e a before e b within 4 seconds", []string{"e:a @1000", "!e:b @5000"}},
		{"one ms late does not", "e a before e b within 4 seconds", []string{"e:a @1000", "e:b @5001"}},
		{"late event restarts", "e a before e b within 4 seconds", []string{"e:a @1000", "e:a @6000", "!e:b @7000"}},
		{"clock starts on leaving start", "e a before e b within 4 seconds", []string{"e:b @1000", "e:a @8000", "!e:b @12000"}},
		{"clock kept after a match", "count 2 (e a) within 4 seconds", []string{"e:a @1000", "!e:a @2000", "e:a @4500", "e:a @5500", "!e:a @6000"}},
		{"minutes", "e a then e b within 2 minutes", []string{"e:a @1000", "!e:b @121000", "e:a @200000", "e:b @320001"}},
		{"fraction of a unit", "e a before e b within 1.5 seconds", []string{"e:a @1000", "!e:b @2500", "e:a @3000", "e:b @4501"}},
		{"time going backwards", "e a before e b within 4 seconds", []string{"e:a @9000", "!e:b @1000"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { runSeq(t, c) })
	}
}

func TestMachine_Step_within_clearsCaptures(t *testing.T) {
	s := &stepper{t: t, m: mustMachine(t, "e a x re#(.*)# setting(v) or e b within 1 second"), within: time.Second}
	if fired, vars := s.step(ev("e:a x=hi @1000")); !fired || vars["v"] != "hi" {
		t.Fatalf("a: fired %v vars %v", fired, vars)
	}
	if fired, vars := s.step(ev("e:b @1500")); !fired || vars["v"] != nil {
		t.Fatalf("b: fired %v vars %v", fired, vars)
	}
	s = &stepper{t: t, m: mustMachine(t, "e a x re#(.*)# setting(v) before e b within 1 second"), within: time.Second}
	s.step(ev("e:a x=hi @1000"))
	s.step(ev("e:b @3000")) // too late: back to start, capture dropped
	if fired, _ := s.step(ev("e:b @3100")); fired {
		t.Fatal("fired without a")
	}
}

// vars cases: events in order, and the variables expected at each firing.
type varsCase struct {
	name   string
	expr   string
	events []string
	want   []map[string]any // one per firing, in order
}

func TestMachine_Step_captures(t *testing.T) {
	cases := []varsCase{
		{"positional over attributes", "e a x re#(\\w)(\\w)# y re#(\\d)# setting(p, q, r)",
			[]string{"e:a x=ab y=7"}, []map[string]any{{"p": "a", "q": "b", "r": "7"}}},
		{"extra names null", "e a x re#(\\w)# setting(p, q)",
			[]string{"e:a x=z"}, []map[string]any{{"p": "z", "q": nil}}},
		{"unmatched group null", "e a x re#(a)|(b)# setting(p, q)",
			[]string{"e:a x=b"}, []map[string]any{{"p": nil, "q": "b"}}},
		{"accumulate over a sequence", "e a x re#(.*)# setting(v) before e b y re#(.*)# setting(w)",
			[]string{"e:a x=1", "e:b y=2"}, []map[string]any{{"v": "1", "w": "2"}}},
		{"untaken branch null", "e a x re#(.*)# setting(v) or e b y re#(.*)# setting(w)",
			[]string{"e:b y=2", "e:a x=1"}, []map[string]any{{"v": nil, "w": "2"}, {"v": "1", "w": nil}}},
		{"cleared after firing", "e a x re#(.*)# setting(v) or e b",
			[]string{"e:a x=1", "e:b"}, []map[string]any{{"v": "1"}, {"v": nil}}},
		{"later capture overwrites", "e a x re#(.*)# setting(v) before e b x re#(.*)# setting(v)",
			[]string{"e:a x=1", "e:b x=2"}, []map[string]any{{"v": "2"}}},
		{"kept through then", "e a x re#(.*)# setting(v) then e b",
			[]string{"e:a x=1", "e:a x=2", "e:b", "e:a x=3", "e:b"}, []map[string]any{{"v": "3"}}},
		{"wiped by a failed test", "(e a x re#(.*)# setting(v) before e b) before e c y re#ok#",
			[]string{"e:a x=1", "e:b", "e:c y=no", "e:a x=2", "e:b", "e:c y=ok"}, []map[string]any{{"v": "2"}}},
		{"captures of the repeated prim", "repeat 2 (e a x re#(.*)# setting(v))",
			[]string{"e:a x=1", "e:a x=2", "e:a x=3"}, []map[string]any{{"v": "2"}, {"v": "3"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { runVars(t, c, 0) })
	}
}

func runVars(t *testing.T, c varsCase, within time.Duration) {
	t.Helper()
	s := &stepper{t: t, m: mustMachine(t, c.expr), within: within}
	var got []map[string]any
	for _, spec := range c.events {
		if fired, vars := s.step(ev(spec)); fired {
			got = append(got, vars)
		}
	}
	if !reflect.DeepEqual(got, c.want) {
		t.Fatalf("%s\ngot  %v\nwant %v", c.expr, got, c.want)
	}
}

func TestMachine_Step_aggregators(t *testing.T) {
	cases := []varsCase{
		{"count max", "count 3 (e a m re#(\\d+)#) max(m)",
			[]string{"e:a m=3", "e:a m=8", "e:a m=5", "e:a m=1", "e:a m=0", "e:a m=0"},
			[]map[string]any{{"m": 8.0}, {"m": 1.0}}},
		{"repeat push", "repeat 3 (e a m re#(\\d+)#) push(m)",
			[]string{"e:a m=1", "e:a m=2", "e:a m=3", "e:a m=4"},
			[]map[string]any{{"m": []any{"1", "2", "3"}}, {"m": []any{"2", "3", "4"}}}},
		{"repeat min window", "repeat 2 (e a m re#(\\d+)#) min(m)",
			[]string{"e:a m=5", "e:a m=2", "e:a m=9", "e:a m=7"},
			[]map[string]any{{"m": 2.0}, {"m": 2.0}, {"m": 7.0}}},
		{"count sum", "count 2 (e a m re#(.*)#) sum(s)",
			[]string{"e:a m=1.5", "e:a m=2", "e:a m=x", "e:a m=0x10"},
			[]map[string]any{{"s": 3.5}, {"s": 16.0}}},
		{"repeat avg", "repeat 2 (e a m re#(.*)#) avg(a)",
			[]string{"e:a m=1", "e:a m=2", "e:a m=6", "e:a m=nope"},
			[]map[string]any{{"a": 1.5}, {"a": 4.0}, {"a": 3.0}}},
		{"failed test resets the window", "repeat 2 (e a m re#^(\\d)$#) min(m)",
			[]string{"e:a m=1", "e:a m=2", "e:a m=null", "e:a m=7", "e:a m=8"},
			[]map[string]any{{"m": 1.0}, {"m": 7.0}}},
		{"several variables", "count 2 (e a m re#(\\d)(\\d)#) max(x, y)",
			[]string{"e:a m=19", "e:a m=81"},
			[]map[string]any{{"x": 8.0, "y": 9.0}}},
		{"aggregated with a sequence", "count 2 (e a m re#(\\d)#) sum(s) before e b",
			[]string{"e:a m=1", "e:a m=2", "e:a m=4", "e:b"},
			[]map[string]any{{"s": 3.0}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { runVars(t, c, 0) })
	}
}

func TestCompile_errors(t *testing.T) {
	prim := &ast.EventPrim{Domain: &ast.Ident{Name: "e"}, Type: &ast.Ident{Name: "a"}}
	many := make([]ast.EventExpr, 7)
	for i := range many {
		many[i] = prim
	}
	cases := []struct {
		name string
		sel  *ast.Select
		want error
	}{
		{"nil select", nil, eventbus.ErrInvalidExpr},
		{"empty select", &ast.Select{}, eventbus.ErrInvalidExpr},
		{"any N too big", &ast.Select{Event: &ast.EventAny{N: 2, Args: []ast.EventExpr{prim, prim}}}, eventbus.ErrInvalidExpr},
		{"count 0", &ast.Select{Event: &ast.EventGroup{Op: "count", N: 0, Event: prim}}, eventbus.ErrInvalidExpr},
		{"unknown aggregator", &ast.Select{Event: &ast.EventGroup{Op: "count", N: 2, Event: prim,
			Aggregate: &ast.Aggregate{Op: "median", Vars: []*ast.Ident{{Name: "m"}}}}}, eventbus.ErrInvalidExpr},
		{"unknown operator", &ast.Select{Event: &ast.EventOp{Op: "xor", Args: []ast.EventExpr{prim, prim}}}, eventbus.ErrInvalidExpr},
		{"no domain", &ast.Select{Event: &ast.EventPrim{Type: &ast.Ident{Name: "a"}}}, eventbus.ErrInvalidExpr},
		{"unknown period", &ast.Select{Event: prim, Within: &ast.Within{Expr: &ast.Number{Value: 1}, Unit: "fortnight"}}, eventbus.ErrInvalidExpr},
		{"where with within", &ast.Select{Where: &ast.Boolean{Value: true}, Within: &ast.Within{Unit: "seconds"}}, eventbus.ErrInvalidExpr},
		{"and of 7", &ast.Select{Event: &ast.EventOp{Op: "and", Variadic: true, Args: many}}, eventbus.ErrTooComplex},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := eventbus.Compile(c.sel)
			if !errors.Is(err, c.want) {
				t.Fatalf("Compile: %v, want %v", err, c.want)
			}
		})
	}
}

func TestCompile_andOfOne(t *testing.T) {
	// The reference never fires and(e) with a single argument; here it is e.
	runSeq(t, seqCase{expr: "and(e a)", events: []string{"!e:a", "e:b", "!e:a"}})
}

func TestMachine_accessors(t *testing.T) {
	m := mustMachine(t, "(e a x re#(.)# setting(v) before f b) or count 2 (e c m re#(.)#) max(mx) within 3 hours")
	if got := len(m.Prims()); got != 3 {
		t.Fatalf("Prims: %d", got)
	}
	for i, want := range []string{"e:a", "f:b", "e:c"} {
		if got := m.Prims()[i].Domain.Name + ":" + m.Prims()[i].Type.Name; got != want {
			t.Errorf("prim %d = %s, want %s (preorder)", i, got, want)
		}
	}
	if want := []string{"v", "mx"}; !slices.Equal(m.Vars(), want) {
		t.Errorf("Vars = %v, want %v", m.Vars(), want)
	}
	wantSal := []eventbus.EventType{{Domain: "e", Type: "a"}, {Domain: "f", Type: "b"}, {Domain: "e", Type: "c"}}
	if !slices.Equal(m.Salience(), wantSal) {
		t.Errorf("Salience = %v, want %v", m.Salience(), wantSal)
	}
	if unit, ok := m.Within(); !ok || unit != time.Hour {
		t.Errorf("Within = %v, %v", unit, ok)
	}
	if !m.Listens("f", "b") || m.Listens("f", "a") || m.Listens("x", "b") {
		t.Error("Listens")
	}
	if m.IsSelectWhere() {
		t.Error("IsSelectWhere")
	}
	w := mustMachine(t, "where true")
	if !w.IsSelectWhere() || !w.Listens("any", "thing") || len(w.Prims()) != 0 {
		t.Error("select where accessors")
	}
	if _, ok := w.Within(); ok {
		t.Error("select where has no within")
	}
	if m.States() < 3 {
		t.Errorf("States = %d", m.States())
	}
}

func TestPeriodUnit(t *testing.T) {
	day := 24 * time.Hour
	for name, want := range map[string]time.Duration{
		"second": time.Second, "seconds": time.Second, "minute": time.Minute, "minutes": time.Minute,
		"hour": time.Hour, "hours": time.Hour, "day": day, "days": day, "week": 7 * day,
		"weeks": 7 * day, "month": 30 * day, "months": 30 * day, "year": 365 * day, "years": 365 * day,
	} {
		if got, ok := eventbus.PeriodUnit(name); !ok || got != want {
			t.Errorf("PeriodUnit(%q) = %v, %v; want %v", name, got, ok, want)
		}
	}
	if _, ok := eventbus.PeriodUnit("fortnight"); ok {
		t.Error("fortnight accepted")
	}
}

func TestMachine_Step_nonSalientKeepsState(t *testing.T) {
	m := mustMachine(t, "e a before e b within 1 second")
	_, _, st, err := m.Step(eventbus.State{}, ev("e:a @1000").event(), time.Second, primTest(m, ev("e:a")))
	if err != nil {
		t.Fatal(err)
	}
	before, _ := st.MarshalBinary()
	_, _, st2, err := m.Step(st, ev("x:y @99000").event(), time.Second, func(int) (bool, []value.Value, error) {
		t.Fatal("test called for a non-salient event")
		return false, nil, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	after, _ := st2.MarshalBinary()
	if string(before) != string(after) {
		t.Fatal("non-salient event changed the state")
	}
}

func TestMachine_Step_testError(t *testing.T) {
	m := mustMachine(t, "e a before e b x re#1#")
	_, _, st, _ := m.Step(eventbus.State{}, ev("e:a").event(), 0, primTest(m, ev("e:a")))
	boom := errors.New("boom")
	fired, vars, next, err := m.Step(st, ev("e:b").event(), 0, func(int) (bool, []value.Value, error) { return false, nil, boom })
	if !errors.Is(err, boom) || fired || vars != nil {
		t.Fatalf("Step = %v, %v, %v", fired, vars, err)
	}
	a, _ := st.MarshalBinary()
	b, _ := next.MarshalBinary()
	if string(a) != string(b) {
		t.Fatal("state changed on error")
	}
}

func TestMachine_Step_foreignState(t *testing.T) {
	m1 := mustMachine(t, "e a before e b")
	m2 := mustMachine(t, "e a then e b")
	_, _, st, _ := m1.Step(eventbus.State{}, ev("e:a").event(), 0, primTest(m1, ev("e:a")))
	if _, _, _, err := m2.Step(st, ev("e:a").event(), 0, primTest(m2, ev("e:a"))); !errors.Is(err, eventbus.ErrStateMismatch) {
		t.Fatalf("Step with another machine's state: %v", err)
	}
	data, _ := st.MarshalBinary()
	if _, err := m2.UnmarshalState(data); !errors.Is(err, eventbus.ErrStateMismatch) {
		t.Fatalf("UnmarshalState of another machine's state: %v", err)
	}
}

func TestMachine_Step_doesNotChangeInput(t *testing.T) {
	m := mustMachine(t, "repeat 2 (e a x re#(.)#) push(p) before e b x re#(.)# setting(v)")
	s := &stepper{t: t, m: m}
	s.step(ev("e:a x=1"))
	s.step(ev("e:a x=2"))
	st := s.st
	snap, _ := st.MarshalBinary()
	for _, spec := range []string{"e:a x=3", "e:b x=4", "e:a x=", "e:b x="} {
		e := ev(spec)
		if _, _, _, err := m.Step(st, e.event(), 0, primTest(m, e)); err != nil {
			t.Fatal(err)
		}
		again, _ := st.MarshalBinary()
		if string(again) != string(snap) {
			t.Fatalf("Step(%s) changed its input state", spec)
		}
	}
}

func TestMachine_Step_nilTest(t *testing.T) {
	m := mustMachine(t, "e a x re#1#")
	if _, _, _, err := m.Step(eventbus.State{}, ev("e:a").event(), 0, nil); err == nil {
		t.Fatal("Step without a PrimTest for a tested primitive succeeded")
	}
	plainM := mustMachine(t, "e a")
	if fired, _, _, err := plainM.Step(eventbus.State{}, ev("e:a").event(), 0, nil); err != nil || !fired {
		t.Fatalf("Step without tests = %v, %v", fired, err)
	}
}

func TestCompile_tooLarge(t *testing.T) {
	// any 5 of 9 is 15,120 chains of 5 transitions.
	var args []string
	for i := range 9 {
		args = append(args, "e a"+strings.Repeat("x", i))
	}
	sel := mustSelect(t, "any 5 ("+strings.Join(args, ", ")+")")
	if _, err := eventbus.Compile(sel); !errors.Is(err, eventbus.ErrTooComplex) {
		t.Fatalf("Compile = %v, want ErrTooComplex", err)
	}
}
