package eval

import (
	"context"
	"errors"
	"testing"

	"github.com/gopico/pico/krl/ast"
	"github.com/gopico/pico/krl/value"
)

func TestThread_Step(t *testing.T) {
	th := &Thread{MaxSteps: 10}
	for i := range 10 {
		if err := th.Step(1); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	if err := th.Step(1); !errors.Is(err, ErrStepLimit) {
		t.Fatalf("step 11: %v, want ErrStepLimit", err)
	}
	if th.Steps() != 11 {
		t.Errorf("Steps() = %d", th.Steps())
	}

	ctx, cancel := context.WithCancel(context.Background())
	th = &Thread{Ctx: ctx}
	if err := th.Step(1); err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := th.Step(1); !errors.Is(err, context.Canceled) {
		t.Fatalf("after cancel: %v", err)
	}

	th = &Thread{}
	if err := th.Step(DefaultMaxSteps); err != nil {
		t.Fatalf("default budget: %v", err)
	}
	if err := th.Step(1); !errors.Is(err, ErrStepLimit) {
		t.Fatalf("past the default budget: %v", err)
	}
}

func TestThread_Enter(t *testing.T) {
	th := &Thread{MaxDepth: 3}
	for range 3 {
		if err := th.Enter(); err != nil {
			t.Fatal(err)
		}
	}
	if err := th.Enter(); !errors.Is(err, ErrDepthLimit) {
		t.Fatalf("depth 4: %v", err)
	}
	th.Leave()
	if th.Depth() != 2 {
		t.Errorf("Depth() = %d", th.Depth())
	}
	if err := th.Enter(); err != nil {
		t.Fatalf("after Leave: %v", err)
	}
}

func TestThread_Call(t *testing.T) {
	var got []value.Value
	f := value.NewFunc(&value.Func{Name: "f", Params: []string{"a", "b"}, Fn: func(_ value.Thread, args []value.Value) (value.Value, error) {
		got = args
		return value.Num(float64(len(args))), nil
	}})
	th := &Thread{}
	tests := []struct {
		args []value.Value
		want int
	}{
		{nil, 2},
		{[]value.Value{value.Num(1)}, 2},
		{[]value.Value{value.Num(1), value.Num(2), value.Num(3)}, 2},
	}
	for _, tc := range tests {
		v, err := th.Call(f, tc.args)
		if err != nil || v.AsNum() != float64(tc.want) || len(got) != tc.want {
			t.Errorf("Call(%v) = %v, %v (got %v)", tc.args, v, err, got)
		}
	}
	for _, v := range []value.Value{value.Num(5), value.Null, value.NewFunc(&value.Func{Action: true})} {
		if _, err := th.Call(v, nil); !errors.Is(err, ErrNotAFunction) {
			t.Errorf("Call(%v) = %v, want ErrNotAFunction", v, err)
		}
	}
	both := value.NewFunc(&value.Func{Action: true, Both: true, Fn: func(value.Thread, []value.Value) (value.Value, error) { return value.True, nil }})
	if v, err := th.Call(both, nil); err != nil || !v.AsBool() {
		t.Errorf("Call(an ActionFunction) = %v, %v", v, err)
	}
}

func TestRuntimeError_Error(t *testing.T) {
	pos := ast.Pos{Filename: "f.krl", Line: 3, Column: 7}
	cause := errors.New("cause")
	tests := []struct {
		err  *RuntimeError
		want string
	}{
		{&RuntimeError{RID: "r", Rule: "x", Pos: pos, Msg: "boom"}, "r:x:3:7: boom"},
		{&RuntimeError{RID: "r", Pos: pos, Msg: "boom"}, "r:3:7: boom"},
		{&RuntimeError{Pos: pos, Msg: "boom"}, "f.krl:3:7: boom"},
		{&RuntimeError{RID: "r", Msg: "boom"}, "r: boom"},
		{&RuntimeError{Msg: "boom", Err: cause}, "boom"},
	}
	for _, tc := range tests {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
	e := &RuntimeError{RID: "r", Pos: pos, Msg: "boom", Err: cause, Stack: []Frame{{Name: "f", Pos: ast.Pos{Line: 1, Column: 2}}}}
	if !errors.Is(e, cause) {
		t.Error("errors.Is does not reach the cause")
	}
	if got, want := e.Backtrace(), "r:3:7: boom\n  at f (1:2)"; got != want {
		t.Errorf("Backtrace() = %q, want %q", got, want)
	}
}
