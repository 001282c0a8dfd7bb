package eval

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/gopico/pico/krl/value"
)

// Defaults of the Thread limits.
const (
	DefaultMaxSteps = 10_000_000
	DefaultMaxDepth = 1000
)

// Thread is the evaluation state of one event or one query on one pico. It
// is documented in package krl. The zero value of every exported field is a
// usable default.
type Thread struct {
	// Ctx is the context of the event or query: evaluation stops with its
	// error once it is done. Nil means context.Background().
	Ctx context.Context
	// Host is the engine's side of the evaluation (entity variables,
	// raised events, directives, modules). It may be nil for pure
	// expressions; code that needs it then fails with ErrNoHost.
	Host Host
	// Event is the event being processed; nil outside events.
	Event *Event
	// Query is the query being answered; nil outside queries. A thread
	// with a Query cannot write anything (ErrReadOnly).
	Query *Query
	// MaxSteps is the step budget (DefaultMaxSteps when 0). A step is one
	// function call, one foreach iteration, one rule, one callback of a
	// library operator, and a share of the size of every value a call or
	// a concatenation builds.
	MaxSteps int64
	// MaxDepth bounds the nesting of KRL function and defaction calls
	// (DefaultMaxDepth when 0).
	MaxDepth int
	// Clock is the engine clock (time.Now when nil).
	Clock func() time.Time
	// Log receives klog output and `log` statements (discarded when nil).
	Log *slog.Logger
	// Random is the random source of sample, random:* and the like
	// (randomly seeded when nil).
	Random *rand.Rand

	steps int64
	depth int
	done  <-chan struct{}
	init  bool

	// What is running, for meta:ruleName, directives and error positions.
	rid  string
	rule string
}

var _ value.Thread = (*Thread)(nil)

func (t *Thread) setup() {
	t.init = true
	if t.Ctx == nil {
		t.Ctx = context.Background()
	}
	t.done = t.Ctx.Done()
	if t.MaxSteps <= 0 {
		t.MaxSteps = DefaultMaxSteps
	}
	if t.MaxDepth <= 0 {
		t.MaxDepth = DefaultMaxDepth
	}
}

// Context returns the thread's context (context.Background when unset).
func (t *Thread) Context() context.Context {
	if !t.init {
		t.setup()
	}
	return t.Ctx
}

// Step charges n steps. It fails with an error wrapping ErrStepLimit when the
// budget is spent, or wrapping the context's error when it is done.
func (t *Thread) Step(n int) error {
	if !t.init {
		t.setup()
	}
	t.steps += int64(n)
	if t.steps > t.MaxSteps {
		return fmt.Errorf("%w (%d steps)", ErrStepLimit, t.MaxSteps)
	}
	if t.done != nil {
		select {
		case <-t.done:
			return t.Ctx.Err()
		default:
		}
	}
	return nil
}

// Steps returns the number of steps charged so far.
func (t *Thread) Steps() int64 { return t.steps }

// Enter records a call one level deeper; it fails with an error wrapping
// ErrDepthLimit past MaxDepth. Every successful Enter must be matched by
// Leave.
func (t *Thread) Enter() error {
	if !t.init {
		t.setup()
	}
	if t.depth >= t.MaxDepth {
		return fmt.Errorf("%w (%d)", ErrDepthLimit, t.MaxDepth)
	}
	t.depth++
	return nil
}

// Leave undoes Enter.
func (t *Thread) Leave() { t.depth-- }

// Depth returns the current call depth.
func (t *Thread) Depth() int { return t.depth }

// Call calls a Function value with positional arguments, as stdlib operators
// do for their callbacks. Missing arguments are null, extra ones dropped
// (unless the function is variadic).
func (t *Thread) Call(fn value.Value, args []value.Value) (value.Value, error) {
	f := fn.AsFunc()
	if f == nil || (f.Action && !f.Both) {
		return value.Null, &notCallable{v: fn, action: false}
	}
	if err := t.Step(1); err != nil {
		return value.Null, err
	}
	if n := len(f.Params); !f.Variadic && len(args) != n {
		if len(args) > n {
			args = args[:n:n] // callbacks often take fewer parameters than they are given
		} else {
			fixed := make([]value.Value, n)
			copy(fixed, args)
			args = fixed
		}
	}
	return f.Fn(t, args)
}

// Now returns the engine clock's time (time.Now when Clock is nil).
func (t *Thread) Now() time.Time {
	if t.Clock != nil {
		return t.Clock()
	}
	return time.Now()
}

// Logger returns the logger (a logger that discards everything when Log is
// nil).
func (t *Thread) Logger() *slog.Logger {
	if t.Log == nil {
		t.Log = slog.New(slog.DiscardHandler)
	}
	return t.Log
}

// Rand returns the random source (seeded randomly when Random is nil).
func (t *Thread) Rand() *rand.Rand {
	if t.Random == nil {
		t.Random = rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	}
	return t.Random
}

// Running returns the RID and rule name of what the thread is running now
// ("" outside rules).
func (t *Thread) Running() (rid, rule string) { return t.rid, t.rule }

// SwapRunning records what the thread runs now and returns what it ran
// before, for the caller to restore with another SwapRunning.
func (t *Thread) SwapRunning(rid, rule string) (prevRID, prevRule string) {
	prevRID, prevRule = t.rid, t.rule
	t.rid, t.rule = rid, rule
	return prevRID, prevRule
}

// TxnID returns the id of the current event or query ("" when neither).
func (t *Thread) TxnID() string {
	switch {
	case t.Event != nil:
		return t.Event.EID
	case t.Query != nil:
		return t.Query.QID
	}
	return ""
}

// notCallable is the error of calling something that is not a function (or
// invoking something that is not an action) through Thread.Call.
type notCallable struct {
	v      value.Value
	action bool
}

func (e *notCallable) Error() string {
	if e.action {
		return NotCallableMsg(e.v, true)
	}
	return NotCallableMsg(e.v, false)
}

func (e *notCallable) Unwrap() error {
	if e.action {
		return ErrNotAnAction
	}
	return ErrNotAFunction
}

// NotCallable returns the error for calling v as a function (action false) or
// invoking it as an action (action true).
func NotCallable(v value.Value, action bool) error { return &notCallable{v: v, action: action} }

// NotCallableMsg is the message of NotCallable: "X is not a function".
func NotCallableMsg(v value.Value, action bool) string {
	s := value.ToString(v)
	if action {
		return s + " is not an action"
	}
	return s + " is not a function"
}
