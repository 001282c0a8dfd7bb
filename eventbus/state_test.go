package eventbus_test

import (
	"errors"
	"testing"
	"time"

	"github.com/gopico/pico/eventbus"
	"github.com/gopico/pico/krl/value"
)

func TestState_MarshalBinary_zero(t *testing.T) {
	var st eventbus.State
	if !st.IsZero() {
		t.Fatal("zero State is not IsZero")
	}
	data, err := st.MarshalBinary()
	if err != nil || len(data) != 0 {
		t.Fatalf("MarshalBinary = %x, %v; want no bytes", data, err)
	}
	m := mustMachine(t, "e a before e b")
	back, err := m.UnmarshalState(nil)
	if err != nil || !back.IsZero() {
		t.Fatalf("UnmarshalState(nil) = %v, %v", back, err)
	}
}

func TestState_backToZero(t *testing.T) {
	// A rule that returns to start with nothing captured needs no storage.
	s := &stepper{t: t, m: mustMachine(t, "e a then e b")}
	s.step(ev("e:a"))
	if s.st.IsZero() {
		t.Fatal("state after a is zero")
	}
	s.step(ev("e:a")) // then resets
	if !s.st.IsZero() {
		t.Fatal("state after a reset is not zero")
	}
}

func TestState_roundTripValues(t *testing.T) {
	// Captures of every encodable kind survive the binary form.
	m := mustMachine(t, "e a x re#(.)# setting(v, w, x, y, z) before e b")
	caps := []value.Value{
		value.Null, value.True, value.Num(-2.5),
		value.Str("héllo"), value.NewArray([]value.Value{value.False, value.NewArray([]value.Value{value.Str("")})}),
	}
	test := func(int) (bool, []value.Value, error) { return true, caps, nil }
	_, _, st, err := m.Step(eventbus.State{}, eventbus.Event{Domain: "e", Type: "a", Time: time.UnixMilli(5)}, 0, test)
	if err != nil {
		t.Fatal(err)
	}
	data, err := st.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	back, err := m.UnmarshalState(data)
	if err != nil {
		t.Fatal(err)
	}
	fired, vals, _, err := m.Step(back, eventbus.Event{Domain: "e", Type: "b"}, 0, test)
	if err != nil || !fired {
		t.Fatalf("Step = %v, %v", fired, err)
	}
	for i, want := range caps {
		if got, w := plain(vals[i]), plain(want); !equalPlain(got, w) {
			t.Errorf("var %d = %v, want %v", i, got, w)
		}
	}
	appended, err := st.AppendBinary([]byte("prefix"))
	if err != nil || string(appended[6:]) != string(data) {
		t.Fatalf("AppendBinary = %x, %v", appended, err)
	}
}

func equalPlain(a, b any) bool {
	switch a := a.(type) {
	case []any:
		bb, ok := b.([]any)
		if !ok || len(a) != len(bb) {
			return false
		}
		for i := range a {
			if !equalPlain(a[i], bb[i]) {
				return false
			}
		}
		return true
	}
	return a == b
}

func TestState_MarshalBinary_unencodable(t *testing.T) {
	m := mustMachine(t, "e a x re#(.)# setting(v) before e b")
	fn := value.NewFunc(&value.Func{Name: "f"})
	_, _, st, err := m.Step(eventbus.State{}, eventbus.Event{Domain: "e", Type: "a"}, 0,
		func(int) (bool, []value.Value, error) { return true, []value.Value{fn}, nil })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.MarshalBinary(); !errors.Is(err, eventbus.ErrUnencodable) {
		t.Fatalf("MarshalBinary = %v, want ErrUnencodable", err)
	}
}

func TestMachine_UnmarshalState_errors(t *testing.T) {
	m := mustMachine(t, "repeat 2 (e a x re#(.)#) push(p) before e b x re#(.)# setting(v)")
	s := &stepper{t: t, m: m}
	s.step(ev("e:a x=1"))
	s.step(ev("e:a x=2"))
	good, err := s.st.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	corrupt := func(f func([]byte) []byte) []byte { return f(append([]byte(nil), good...)) }
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"version", corrupt(func(b []byte) []byte { b[0] = 9; return b }), eventbus.ErrBadState},
		{"fingerprint", corrupt(func(b []byte) []byte { b[1] ^= 0xff; return b }), eventbus.ErrStateMismatch},
		{"truncated header", good[:3], eventbus.ErrBadState},
		{"truncated body", good[:len(good)-1], eventbus.ErrBadState},
		{"trailing bytes", append(append([]byte(nil), good...), 0), eventbus.ErrBadState},
		{"state out of range", corrupt(func(b []byte) []byte { b[6] = 0x7f; return b }), eventbus.ErrBadState},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := m.UnmarshalState(c.data); !errors.Is(err, c.want) {
				t.Fatalf("UnmarshalState = %v, want %v", err, c.want)
			}
		})
	}
}

// FuzzMachine_UnmarshalState checks that no input makes decoding or a step
// from the decoded state panic.
func FuzzMachine_UnmarshalState(f *testing.F) {
	m := mustMachine(f, "repeat 2 (e a x re#(.)#) push(p) before e b x re#(.)# setting(v) within 1 second")
	s := &stepper{t: f, m: m, within: time.Second}
	for _, spec := range []string{"e:a x=1", "e:a x=2", "e:a x=3", "e:b x=4"} {
		s.step(ev(spec))
		data, _ := s.st.MarshalBinary()
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		st, err := m.UnmarshalState(data)
		if err != nil {
			return
		}
		for _, spec := range []string{"e:a x=5", "e:b x=6"} {
			e := ev(spec)
			if _, _, next, err := m.Step(st, e.event(), time.Second, primTest(m, e)); err == nil {
				if _, err := next.MarshalBinary(); err != nil {
					t.Fatal(err)
				}
			}
		}
	})
}

func TestState_zeroAfterFiring(t *testing.T) {
	cases := []struct {
		expr string
		zero bool
	}{
		{"e a", true},
		{"e a or e b", true},
		{"e a x re#(.)# setting(v)", true},        // captures are cleared by firing
		{"repeat 1 (e a)", false},                 // end loops
		{"count 1 (e a x re#(.)#) max(m)", false}, // aggregated values stay
		{"e a within 1 second", false},            // the within clock stays
	}
	for _, c := range cases {
		s := &stepper{t: t, m: mustMachine(t, c.expr), within: time.Second}
		if fired, _ := s.step(ev("e:a x=1 @1000")); !fired {
			t.Fatalf("%s did not fire", c.expr)
		}
		if s.st.IsZero() != c.zero {
			t.Errorf("%s: IsZero after firing = %v, want %v", c.expr, s.st.IsZero(), c.zero)
		}
	}
}

func TestMachine_UnmarshalState_otherVersion(t *testing.T) {
	// A state is refused by a machine whose tests or variables differ.
	old := mustMachine(t, "e a x re#(1)# setting(v) before e b")
	s := &stepper{t: t, m: old}
	s.step(ev("e:a x=1"))
	data, err := s.st.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{
		"e a x re#(2)# setting(v) before e b",
		"e a x re#(1)# setting(w) before e b",
		"e a y re#(1)# setting(v) before e b",
		"e a x re#(1)# setting(v) before e b within 1 second",
	} {
		if _, err := mustMachine(t, src).UnmarshalState(data); !errors.Is(err, eventbus.ErrStateMismatch) {
			t.Errorf("%s accepted the state: %v", src, err)
		}
	}
	if _, err := mustMachine(t, "e a x re#(1)# setting(v) before e b").UnmarshalState(data); err != nil {
		t.Errorf("same rule compiled again: %v", err)
	}
}
