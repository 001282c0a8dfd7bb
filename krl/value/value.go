package value

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/dlclark/regexp2"
)

// Kind is the type of a Value.
type Kind uint8

// The kinds of KRL values. The zero Kind is Null.
const (
	NullKind Kind = iota
	BooleanKind
	NumberKind
	StringKind
	ArrayKind
	MapKind
	RegExpKind
	FunctionKind // a *Func with Action == false
	ActionKind   // a *Func with Action == true
)

// Value is a KRL value. The zero Value is null. Values are immutable: every
// operation returns a new Value and never changes its operands, so a Value may
// be shared between goroutines.
//
// Value is a small struct passed by value; numbers and booleans need no
// allocation.
type Value struct {
	k Kind
	n float64 // Number; Boolean as 0/1
	s string  // String
	p any     // *Array, *Map, *RegExp, *Func
}

// Null is the null value.
var Null = Value{}

// True and False are the Boolean values.
var (
	True  = Value{k: BooleanKind, n: 1}
	False = Value{k: BooleanKind}
)

// Bool returns the Boolean value b.
func Bool(b bool) Value {
	if b {
		return True
	}
	return False
}

// Num returns the Number value f. NaN counts as null in KRL, so Num(NaN)
// is [Null].
func Num(f float64) Value {
	if f != f {
		return Null
	}
	return Value{k: NumberKind, n: f}
}

// Str returns the String value s.
func Str(s string) Value { return Value{k: StringKind, s: s} }

// Kind returns the kind of v.
func (v Value) Kind() Kind { return v.k }

// IsNull reports whether v is null.
func (v Value) IsNull() bool { return v.k == NullKind }

// AsBool returns the boolean of a Boolean value (false for other kinds).
func (v Value) AsBool() bool { return v.k == BooleanKind && v.n != 0 }

// AsNum returns the float of a Number value (0 for other kinds).
func (v Value) AsNum() float64 {
	if v.k == NumberKind {
		return v.n
	}
	return 0
}

// AsStr returns the string of a String value ("" for other kinds).
func (v Value) AsStr() string {
	if v.k == StringKind {
		return v.s
	}
	return ""
}

// AsArray returns the array of an Array value (nil for other kinds).
func (v Value) AsArray() *Array {
	a, _ := v.p.(*Array)
	return a
}

// AsMap returns the map of a Map value (nil for other kinds).
func (v Value) AsMap() *Map {
	m, _ := v.p.(*Map)
	return m
}

// AsRegExp returns the regexp of a RegExp value (nil for other kinds).
func (v Value) AsRegExp() *RegExp {
	r, _ := v.p.(*RegExp)
	return r
}

// AsFunc returns the callable of a Function or Action value (nil otherwise).
func (v Value) AsFunc() *Func {
	f, _ := v.p.(*Func)
	return f
}

// Array is an immutable KRL array.
type Array struct {
	elems []Value
}

// NewArray returns an Array value holding elems. The slice is owned by the
// value from now on; the caller must not change it.
func NewArray(elems []Value) Value { return Value{k: ArrayKind, p: &Array{elems: elems}} }

// Len returns the number of elements.
func (a *Array) Len() int {
	if a == nil {
		return 0
	}
	return len(a.elems)
}

// At returns element i (null when out of range).
func (a *Array) At(i int) Value {
	if a == nil || i < 0 || i >= len(a.elems) {
		return Null
	}
	return a.elems[i]
}

// Elems returns the elements; the caller must not change the slice.
func (a *Array) Elems() []Value {
	if a == nil {
		return nil
	}
	return a.elems
}

// RegExp is a compiled ECMAScript regular expression with its flags.
type RegExp struct {
	Source     string
	Global     bool
	IgnoreCase bool
	Multiline  bool
	Re         *regexp2.Regexp // compiled once, safe for concurrent use

	groups []int // regexp2 group numbers in JavaScript order; nil if the same
}

// NewRegExpValue wraps r as a RegExp value.
func NewRegExpValue(r *RegExp) Value { return Value{k: RegExpKind, p: r} }

// Func is a KRL function or action: user-defined (compiled closures), a
// standard-library operator, a library module member or a host module
// function.
//
// Calling convention: the caller matches positional and named arguments to
// Params (extra positionals dropped, unknown names ignored, missing ones null)
// and calls Fn with exactly len(Params) arguments — except when Variadic is
// set, when all positional arguments are passed as given. Fn applies the
// defaults of parameters whose argument is null.
type Func struct {
	Name     string
	Params   []string
	Variadic bool
	Action   bool // an Action (defaction, send_directive, module action)
	Both     bool // usable as a function and as an action (http:get, noop)
	Fn       func(t Thread, args []Value) (Value, error)
}

// Apply calls f with positional arguments under the calling convention
// described on [Func]: unless f is Variadic, args is cut or padded with nulls
// to exactly len(f.Params) values.
func (f *Func) Apply(t Thread, args []Value) (Value, error) {
	if n := len(f.Params); !f.Variadic && len(args) != n {
		if len(args) > n {
			args = args[:n:n]
		} else {
			fixed := make([]Value, n)
			copy(fixed, args)
			args = fixed
		}
	}
	return f.Fn(t, args)
}

// NewFunc wraps f as a Function or Action value (according to f.Action).
func NewFunc(f *Func) Value {
	if f.Action {
		return Value{k: ActionKind, p: f}
	}
	return Value{k: FunctionKind, p: f}
}

// Thread is what the runtime gives every callable: the evaluation context of
// one event or query on one pico. It is used by one goroutine at a time.
type Thread interface {
	// Context is the context of the event or query; it carries the deadline.
	Context() context.Context
	// Step charges n evaluation steps against the budget and returns a non-nil
	// error (wrapping krl.ErrStepLimit or the context's error) when the budget
	// is exhausted or the context is done.
	Step(n int) error
	// Call calls a Function value with positional arguments.
	Call(fn Value, args []Value) (Value, error)
	// Now is the engine clock.
	Now() time.Time
	// Logger is where klog and log statements go.
	Logger() *slog.Logger
	// Rand is the random source (seedable for tests).
	Rand() *rand.Rand
}

// Map is an immutable KRL map whose keys iterate in JavaScript order:
// integer-like keys ascending first, then the others in insertion order.
//
// Keys and values are kept in two parallel slices in iteration order; maps
// with more than a few entries also get a hash index, small ones are
// searched linearly.
type Map struct {
	keys  []string
	vals  []Value
	index map[string]int // nil for small maps
}
