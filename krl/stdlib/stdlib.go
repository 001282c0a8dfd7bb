package stdlib

import (
	"errors"
	"log/slog"
	"maps"
	"slices"
	"sync"

	"github.com/gopico/pico/krl/value"
)

// LevelKlog is the slog level of the klog operator: between Info and Debug,
// as in the reference engine.
const LevelKlog = slog.Level(-2)

// ErrTooLarge is returned when an operator would build a value too large to
// hold (range over billions of numbers, for instance).
var ErrTooLarge = errors.New("result too large")

// maxElems bounds the arrays built by range.
const maxElems = 1 << 24

type fnBody func(t value.Thread, args []value.Value) (value.Value, error)

var (
	operators = map[string]*value.Func{}
	modules   = map[string]map[string]value.Value{}
)

// register adds operator name with the given parameters (receiver first).
func register(name string, params []string, fn fnBody) *value.Func {
	f := &value.Func{Name: name, Params: params, Fn: fn}
	operators[name] = f
	return f
}

// Operator returns the standard-library operator called name (as in
// x.name(...) or name(x, ...)): a Function whose first parameter is the
// receiver. The calling convention is value.Func's; Fn receives exactly
// len(Params) arguments, except for the variadic append.
func Operator(name string) (*value.Func, bool) {
	f, ok := operators[name]
	return f, ok
}

// OperatorNames returns the names of all operators, sorted (for "did you
// mean" hints). The caller may change the returned slice.
func OperatorNames() []string { return slices.Clone(operatorNames()) }

var operatorNames = sync.OnceValue(func() []string {
	return slices.Sorted(maps.Keys(operators))
})

// Module returns the members of the library module name ("math", "time" or
// "random"): Function values and plain values for properties such as
// math:hashAlgorithms. The map is a fresh copy; its values are shared and
// immutable.
func Module(name string) (map[string]value.Value, bool) {
	m, ok := modules[name]
	if !ok {
		return nil, false
	}
	return maps.Clone(m), true
}

// ModuleNames returns the names of the library modules, sorted.
func ModuleNames() []string { return slices.Sorted(maps.Keys(modules)) }

// newFunc builds a Function value for a module member.
func newFunc(name string, params []string, fn fnBody) value.Value {
	return value.NewFunc(&value.Func{Name: name, Params: params, Fn: fn})
}

// call invokes a KRL callback, charging one step.
func call(t value.Thread, fn value.Value, args ...value.Value) (value.Value, error) {
	if err := t.Step(1); err != nil {
		return value.Null, err
	}
	return t.Call(fn, args)
}

// isFunction reports whether v can be called as a function.
func isFunction(v value.Value) bool {
	f := v.AsFunc()
	return f != nil && (!f.Action || f.Both)
}

// num returns the Number form of v or ok=false.
func num(v value.Value) (float64, bool) { return value.ToNumber(v) }

var (
	null = value.Null
	str  = value.Str
)

// collectionErr is the error of iteration operators on non-collections.
func collectionErr() error { return value.TypeErrorf("only works on collections") }

// arraysErr is the error of Array-only operators.
func arraysErr() error { return value.TypeErrorf("only works on Arrays") }
