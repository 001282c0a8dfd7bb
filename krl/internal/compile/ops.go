package compile

import (
	"github.com/gopico/pico/krl/value"
)

// binop is an infix operator on two evaluated operands.
type binop func(a, b value.Value) (value.Value, error)

// binops maps the infix operators (except the short-circuiting && and ||)
// to their implementations in package value.
var binops = map[string]binop{
	"+": value.Add,
	"-": value.Sub,
	"*": value.Mul,
	"/": value.Div,
	"%": value.Mod,
	"==": func(a, b value.Value) (value.Value, error) {
		return value.Bool(value.Equal(a, b)), nil
	},
	"!=": func(a, b value.Value) (value.Value, error) {
		return value.Bool(!value.Equal(a, b)), nil
	},
	"<": func(a, b value.Value) (value.Value, error) {
		return value.Bool(value.Compare(a, b) < 0), nil
	},
	"<=": func(a, b value.Value) (value.Value, error) {
		return value.Bool(value.Compare(a, b) <= 0), nil
	},
	">": func(a, b value.Value) (value.Value, error) {
		return value.Bool(value.Compare(a, b) > 0), nil
	},
	">=": func(a, b value.Value) (value.Value, error) {
		return value.Bool(value.Compare(a, b) >= 0), nil
	},
	"<=>": func(a, b value.Value) (value.Value, error) {
		return value.Num(float64(value.Compare(a, b))), nil
	},
	"cmp": func(a, b value.Value) (value.Value, error) {
		return value.Num(float64(value.CompareStrings(a, b))), nil
	},
	"like": value.Like,
	"><": func(a, b value.Value) (value.Value, error) {
		return value.Bool(value.Has(a, b)), nil
	},
}
