package value

import (
	"errors"
	"fmt"
)

// ErrType is matched (with errors.Is) by every [*TypeError].
var ErrType = errors.New("type error")

// ErrInvalidJSON is wrapped by the errors of [FromJSON].
var ErrInvalidJSON = errors.New("invalid JSON")

// ErrInvalidRegExp is wrapped by the errors of [NewRegExp] and
// [CompileRegExp] for patterns or flags that do not compile.
var ErrInvalidRegExp = errors.New("invalid regular expression")

// ErrUnsupported is wrapped by the errors of [FromGo] for Go values that
// have no KRL counterpart (channels, functions, ...).
var ErrUnsupported = errors.New("unsupported Go value")

// TypeError is a runtime type error, raised where the reference engine
// throws a JavaScript TypeError: an arithmetic operand without a Number
// form, an operator used on the wrong kind of value, calling something that
// is not a function. Msg is the reference engine's message.
type TypeError struct {
	Msg string
}

// Error returns the message prefixed with "TypeError: ", as JavaScript
// prints it.
func (e *TypeError) Error() string { return "TypeError: " + e.Msg }

// Is makes errors.Is(err, ErrType) true for every TypeError.
func (e *TypeError) Is(target error) bool { return target == ErrType }

// TypeErrorf returns a *TypeError with a formatted message.
func TypeErrorf(format string, args ...any) error {
	return &TypeError{Msg: fmt.Sprintf(format, args...)}
}
