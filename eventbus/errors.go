package eventbus

import (
	"errors"
	"fmt"
)

var (
	// ErrClosed is returned by Submit and Do once Close has been called.
	ErrClosed = errors.New("eventbus: bus closed")

	// ErrJobPanicked is matched (with errors.Is) by the *PanicError a job's
	// completion callback receives when the job panicked.
	ErrJobPanicked = errors.New("eventbus: job panicked")

	// ErrInvalidExpr is returned by Compile for an event expression that
	// cannot be compiled (unknown operator, `any N` with too few
	// expressions, a non-positive count, an unknown within period...).
	ErrInvalidExpr = errors.New("eventbus: invalid event expression")

	// ErrTooComplex is returned by Compile when an expression would need too
	// large a machine (`and` and `any` grow factorially with their arity).
	ErrTooComplex = errors.New("eventbus: event expression too complex")

	// ErrStateMismatch is returned by Machine.UnmarshalState and
	// Machine.Step for a state made by another machine, for instance by an
	// earlier version of the rule. Start over from the zero State.
	ErrStateMismatch = errors.New("eventbus: state belongs to another machine")

	// ErrBadState is returned by Machine.UnmarshalState for bytes that are
	// not an encoded State.
	ErrBadState = errors.New("eventbus: malformed state")

	// ErrUnencodable is returned by State.MarshalBinary when the state holds
	// a value that has no binary form (a map, a function or a regexp).
	ErrUnencodable = errors.New("eventbus: value cannot be encoded in a state")
)

var errTooComplex = fmt.Errorf("%w: more than %d transitions", ErrTooComplex, maxTransitions)

// PanicError is the error a job's completion callback receives when the job
// panicked. It matches ErrJobPanicked with errors.Is.
type PanicError struct {
	Key   string // the mailbox key the job ran for
	Value any    // the value passed to panic
	Stack []byte // the goroutine's stack at the panic
}

// Error returns a one-line description with the key and the panic value.
func (e *PanicError) Error() string {
	return fmt.Sprintf("eventbus: job for %q panicked: %v", e.Key, e.Value)
}

// Unwrap returns ErrJobPanicked, and the panic value too when it is an error.
func (e *PanicError) Unwrap() []error {
	if err, ok := e.Value.(error); ok {
		return []error{ErrJobPanicked, err}
	}
	return []error{ErrJobPanicked}
}
