package krl

import "github.com/gopico/pico/krl/internal/eval"

// RuntimeError is an error raised while running KRL; it aborts the rule,
// query or initialisation that was running. It carries the ruleset, the
// rule ("" in globals and queries), the position in the source and, in Err,
// the Go cause: match causes with errors.Is and errors.As
// ([ErrStepLimit], [context.DeadlineExceeded], [value.ErrType], ...).
//
// Error returns "rid:rule:line:col: msg"; Backtrace adds the KRL calls the
// error went through.
type RuntimeError = eval.RuntimeError

// StackFrame is one entry of [RuntimeError].Stack: a KRL function or
// defaction the error unwound through, and where it was called.
type StackFrame = eval.Frame

// Sentinel errors of evaluation. The errors returned wrap them; match them
// with errors.Is.
var (
	// ErrStepLimit is wrapped by the error of an evaluation that spent its
	// Thread's step budget.
	ErrStepLimit = eval.ErrStepLimit
	// ErrDepthLimit is wrapped by the error of an evaluation whose KRL
	// calls nested deeper than its Thread's MaxDepth.
	ErrDepthLimit = eval.ErrDepthLimit
	// ErrInternal is wrapped by the error returned when the run time itself
	// failed (a bug): the evaluation is aborted, the process is not.
	ErrInternal = eval.ErrInternal
	// ErrQueryNotFound is returned by [Instance.Query] for a name the
	// ruleset does not share.
	ErrQueryNotFound = eval.ErrQueryNotFound
	// ErrReadOnly is wrapped by the error of a write (entity variable,
	// raise, schedule) attempted while answering a query.
	ErrReadOnly = eval.ErrReadOnly
	// ErrNoHost is wrapped by the error of code that needs a [Host] run on a
	// Thread without one.
	ErrNoHost = eval.ErrNoHost
	// ErrNoModule is wrapped when a module is not available: a `use module`
	// that the loader could not satisfy, or a domain the host does not
	// know. Hosts wrap it in their errors for unknown domains.
	ErrNoModule = eval.ErrNoModule
	// ErrNoMember is what hosts wrap in their errors for unknown members of
	// a module they know.
	ErrNoMember = eval.ErrNoMember
	// ErrLink is wrapped when a module instance does not provide a name the
	// using ruleset mentions.
	ErrLink = eval.ErrLink
	// ErrNotAFunction is wrapped by the error of calling a value that is
	// not a function.
	ErrNotAFunction = eval.ErrNotAFunction
	// ErrNotAnAction is wrapped by the error of invoking, as an action, a
	// value that is not an action.
	ErrNotAnAction = eval.ErrNotAnAction
	// ErrValueTooLarge is wrapped by the error of building a string, array
	// or map beyond the size limits (64 MiB, 8 Mi elements).
	ErrValueTooLarge = eval.ErrValueTooLarge
	// ErrBadEventAttrs is wrapped by the error of raising or scheduling an
	// event with attributes that are neither a map nor null.
	ErrBadEventAttrs = eval.ErrBadEventAttrs
	// ErrWrongInstance is returned when a rule or expression is used with
	// an instance of another program.
	ErrWrongInstance = eval.ErrWrongInstance
	// ErrModuleConflict is wrapped when a module loader returns an instance
	// of another ruleset than the one used.
	ErrModuleConflict = eval.ErrModuleConflict
)
