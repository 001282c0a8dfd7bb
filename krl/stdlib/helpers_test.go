package stdlib_test

import (
	"github.com/gopico/pico/krl/stdlib"
	"github.com/gopico/pico/krl/value"
	"github.com/gopico/pico/krl/value/valuetest"
)

// opFunc returns a function calling the operator name on a fresh Thread.
func opFunc(name string) (func(args []value.Value) (value.Value, error), bool) {
	f, ok := stdlib.Operator(name)
	if !ok {
		return nil, false
	}
	return func(args []value.Value) (value.Value, error) {
		return f.Apply(valuetest.NewThread(), args)
	}, true
}
