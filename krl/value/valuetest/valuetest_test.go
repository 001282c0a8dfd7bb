package valuetest_test

import (
	"context"
	"errors"
	"testing"

	"github.com/gopico/pico/krl/value"
	"github.com/gopico/pico/krl/value/valuetest"
)

func TestThread_Step(t *testing.T) {
	th := valuetest.NewThread()
	th.MaxSteps = 3
	for i := 0; i < 3; i++ {
		if err := th.Step(1); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	if err := th.Step(1); !errors.Is(err, valuetest.ErrStepLimit) {
		t.Errorf("fourth step: %v, want ErrStepLimit", err)
	}
	if th.Steps() != 4 {
		t.Errorf("Steps() = %d", th.Steps())
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	th2 := valuetest.NewThread()
	th2.Ctx = ctx
	if err := th2.Step(1); !errors.Is(err, context.Canceled) {
		t.Errorf("Step after cancel: %v", err)
	}
}

func TestThread_Call(t *testing.T) {
	th := valuetest.NewThread()
	add := valuetest.Func("add", []string{"a", "b"}, func(args []value.Value) value.Value {
		if len(args) != 2 {
			t.Errorf("got %d arguments, want 2", len(args))
		}
		v, _ := value.Add(args[0], args[1])
		return v
	})
	got, err := th.Call(add, []value.Value{value.Num(1), value.Num(2), value.Num(3)})
	if err != nil || got.AsNum() != 3 {
		t.Errorf("Call = %v, %v", got, err)
	}
	got, err = th.Call(add, []value.Value{value.Str("x")})
	if err != nil || got.AsStr() != "xnull" {
		t.Errorf("Call with a missing argument = %v, %v", got, err)
	}
	if _, err := th.Call(value.Num(1), nil); !errors.Is(err, value.ErrType) || err.Error() != "TypeError: 1 is not a function" {
		t.Errorf("Call(1) error = %v", err)
	}
}

func TestThread_Logs(t *testing.T) {
	th := valuetest.NewThread()
	th.Logger().Info("hello", "k", 1)
	logs := th.Logs()
	if len(logs) != 1 || logs[0].Message != "hello" || logs[0].Attrs["k"] != int64(1) {
		t.Errorf("Logs() = %+v", logs)
	}
	if !th.Now().Equal(valuetest.DefaultTime) {
		t.Errorf("Now() = %v", th.Now())
	}
	if th.Rand() == nil || th.Context() == nil {
		t.Error("nil Rand or Context")
	}
}

func TestHelpers(t *testing.T) {
	if got := valuetest.Nums(1, 2).String(); got != "[1,2]" {
		t.Errorf("Nums = %s", got)
	}
	if got := valuetest.Strs("a").String(); got != `["a"]` {
		t.Errorf("Strs = %s", got)
	}
	if got := valuetest.Arr(value.True, value.Null).String(); got != "[true,null]" {
		t.Errorf("Arr = %s", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("JSON did not panic on invalid input")
		}
	}()
	valuetest.JSON("{")
}
