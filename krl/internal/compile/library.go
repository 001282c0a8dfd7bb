package compile

import (
	"github.com/gopico/pico/krl/stdlib"
	"github.com/gopico/pico/krl/value"
)

// operator returns the stdlib operator called name.
func operator(name string) (*value.Func, bool) { return stdlib.Operator(name) }

// operatorNames returns the names of the stdlib operators.
func operatorNames() []string { return stdlib.OperatorNames() }

// stdModule returns the members of a library module implemented by stdlib
// (math, time, random).
func stdModule(name string) (map[string]value.Value, bool) { return stdlib.Module(name) }
