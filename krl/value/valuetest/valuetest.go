// Package valuetest provides helpers for testing code that uses KRL values:
// a [Thread] implementation with a fixed clock, a seeded random source, a
// step budget and captured logs, constructors for Go-implemented KRL
// functions, and JSON shorthands.
//
// # Concurrency
//
// A Thread, like every value.Thread, is used by one goroutine at a time.
package valuetest

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/gopico/pico/krl/value"
)

// ErrStepLimit is returned by [Thread.Step] once the step budget is spent.
var ErrStepLimit = errors.New("step limit exceeded")

// DefaultTime is the clock of a new Thread: 2024-03-05T06:07:08.009Z.
var DefaultTime = time.Date(2024, 3, 5, 6, 7, 8, 9_000_000, time.UTC)

// Thread is a value.Thread for tests. Its fields may be set before use.
type Thread struct {
	// Ctx is returned by Context (context.Background() when nil).
	Ctx context.Context
	// Time is returned by Now.
	Time time.Time
	// MaxSteps is the step budget; 0 means unlimited.
	MaxSteps int
	// Random is returned by Rand.
	Random *rand.Rand

	steps  int
	logger *slog.Logger
	logs   *recorder
}

// NewThread returns a Thread at [DefaultTime] with a random source seeded
// with 1, 2, no step limit and a logger that records everything (see
// [Thread.Logs]).
func NewThread() *Thread {
	rec := &recorder{}
	return &Thread{
		Time:   DefaultTime,
		Random: rand.New(rand.NewPCG(1, 2)),
		logger: slog.New(rec),
		logs:   rec,
	}
}

// Context implements value.Thread.
func (t *Thread) Context() context.Context {
	if t.Ctx == nil {
		return context.Background()
	}
	return t.Ctx
}

// Step implements value.Thread: it counts n steps and fails with
// [ErrStepLimit] past MaxSteps, or with the context's error once it is done.
func (t *Thread) Step(n int) error {
	t.steps += n
	if t.MaxSteps > 0 && t.steps > t.MaxSteps {
		return ErrStepLimit
	}
	if t.Ctx != nil {
		return t.Ctx.Err()
	}
	return nil
}

// Steps returns the number of steps charged so far.
func (t *Thread) Steps() int { return t.steps }

// Call implements value.Thread: it calls a Function value (or an
// ActionFunction) with positional arguments, following the calling
// convention of value.Func; anything else is a TypeError "X is not a
// function".
func (t *Thread) Call(fn value.Value, args []value.Value) (value.Value, error) {
	f := fn.AsFunc()
	if f == nil || (f.Action && !f.Both) {
		return value.Null, value.TypeErrorf("%s is not a function", value.ToString(fn))
	}
	return f.Apply(t, args)
}

// Now implements value.Thread.
func (t *Thread) Now() time.Time { return t.Time }

// Logger implements value.Thread.
func (t *Thread) Logger() *slog.Logger {
	if t.logger == nil {
		t.logs = &recorder{}
		t.logger = slog.New(t.logs)
	}
	return t.logger
}

// Rand implements value.Thread.
func (t *Thread) Rand() *rand.Rand {
	if t.Random == nil {
		t.Random = rand.New(rand.NewPCG(1, 2))
	}
	return t.Random
}

// Log is one record captured by a Thread's logger.
type Log struct {
	Level   slog.Level
	Message string
	Attrs   map[string]any
}

// Logs returns the records logged so far.
func (t *Thread) Logs() []Log {
	if t.logs == nil {
		return nil
	}
	t.logs.mu.Lock()
	defer t.logs.mu.Unlock()
	return append([]Log(nil), t.logs.logs...)
}

type recorder struct {
	mu   sync.Mutex
	logs []Log
}

func (r *recorder) Enabled(context.Context, slog.Level) bool { return true }

func (r *recorder) Handle(_ context.Context, rec slog.Record) error {
	l := Log{Level: rec.Level, Message: rec.Message, Attrs: map[string]any{}}
	rec.Attrs(func(a slog.Attr) bool {
		l.Attrs[a.Key] = a.Value.Any()
		return true
	})
	r.mu.Lock()
	r.logs = append(r.logs, l)
	r.mu.Unlock()
	return nil
}

func (r *recorder) WithAttrs([]slog.Attr) slog.Handler { return r }
func (r *recorder) WithGroup(string) slog.Handler      { return r }

// Func returns a KRL Function value implemented by fn, with the given
// parameter names; with nil params it is variadic and fn receives the
// arguments as passed.
func Func(name string, params []string, fn func(args []value.Value) value.Value) value.Value {
	return value.NewFunc(&value.Func{
		Name:     name,
		Params:   params,
		Variadic: params == nil,
		Fn: func(_ value.Thread, args []value.Value) (value.Value, error) {
			return fn(args), nil
		},
	})
}

// JSON decodes a JSON text into a Value and panics if it is invalid; it is a
// shorthand for literals in tests.
func JSON(s string) value.Value {
	v, err := value.FromJSON([]byte(s))
	if err != nil {
		panic(err)
	}
	return v
}

// Arr returns an Array value holding vs.
func Arr(vs ...value.Value) value.Value { return value.NewArray(vs) }

// Nums returns an Array of Numbers.
func Nums(fs ...float64) value.Value {
	vs := make([]value.Value, len(fs))
	for i, f := range fs {
		vs[i] = value.Num(f)
	}
	return value.NewArray(vs)
}

// Strs returns an Array of Strings.
func Strs(ss ...string) value.Value {
	vs := make([]value.Value, len(ss))
	for i, s := range ss {
		vs[i] = value.Str(s)
	}
	return value.NewArray(vs)
}
