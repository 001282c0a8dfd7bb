package eval

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gopico/pico/krl/ast"
)

// Sentinel errors of the run time. They are re-exported by package krl, where
// they are documented for users; match them with errors.Is.
var (
	ErrStepLimit      = errors.New("krl: step limit exceeded")
	ErrDepthLimit     = errors.New("krl: call depth limit exceeded")
	ErrInternal       = errors.New("krl: internal error")
	ErrQueryNotFound  = errors.New("krl: no such query")
	ErrReadOnly       = errors.New("krl: writes are not allowed here")
	ErrNoModule       = errors.New("krl: module not found")
	ErrNoMember       = errors.New("krl: module member not found")
	ErrLink           = errors.New("krl: module link failed")
	ErrWrongInstance  = errors.New("krl: rule or expression from another program")
	ErrNoHost         = errors.New("krl: thread has no host")
	ErrNotAFunction   = errors.New("krl: not a function")
	ErrNotAnAction    = errors.New("krl: not an action")
	ErrValueTooLarge  = errors.New("krl: value too large")
	ErrBadEventAttrs  = errors.New("krl: event attributes must be a map")
	ErrModuleConflict = errors.New("krl: module instance does not match")
)

// Frame is one entry of a RuntimeError's call stack: a KRL function or
// defaction that the error unwound through, and the position of the call.
type Frame struct {
	Name string  // the name the callee was declared with, or "function"/"defaction"
	Pos  ast.Pos // where it was called
}

// RuntimeError is an error raised while evaluating KRL: it aborts the rule,
// query or initialisation that was running. Error returns
// "rid:rule:line:col: msg" ("rid:line:col: msg" outside rules, and the file
// name instead of the RID for code outside any ruleset).
type RuntimeError struct {
	RID   string  // the ruleset whose code failed
	Rule  string  // the rule that was running ("" in globals and queries)
	Pos   ast.Pos // where in the source (zero when unknown)
	Msg   string  // what went wrong, in KRL terms
	Err   error   // the underlying cause (a value.TypeError, a context error, a sentinel), or nil
	Stack []Frame // KRL calls the error unwound through, innermost first
}

// Error returns the positioned message.
func (e *RuntimeError) Error() string {
	var b strings.Builder
	switch {
	case e.RID != "":
		b.WriteString(e.RID)
		b.WriteByte(':')
	case e.Pos.Filename != "":
		b.WriteString(e.Pos.Filename)
		b.WriteByte(':')
	}
	if e.Rule != "" {
		b.WriteString(e.Rule)
		b.WriteByte(':')
	}
	if e.Pos.IsValid() {
		fmt.Fprintf(&b, "%d:%d:", e.Pos.Line, e.Pos.Column)
	}
	if b.Len() > 0 {
		b.WriteByte(' ')
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Unwrap returns the cause.
func (e *RuntimeError) Unwrap() error { return e.Err }

// Backtrace returns the message followed by one line per call the error
// unwound through ("  at NAME (line:col)"), innermost first.
func (e *RuntimeError) Backtrace() string {
	var b strings.Builder
	b.WriteString(e.Error())
	for _, f := range e.Stack {
		fmt.Fprintf(&b, "\n  at %s (%d:%d)", f.Name, f.Pos.Line, f.Pos.Column)
	}
	return b.String()
}
