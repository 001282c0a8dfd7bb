package compile

import (
	"context"
	"errors"

	"github.com/gopico/pico/krl/ast"
	"github.com/gopico/pico/krl/internal/eval"
	"github.com/gopico/pico/krl/value"
)

// evalFn is a compiled expression.
type evalFn func(t *eval.Thread, fr *frame) (value.Value, error)

// execFn is a compiled statement or action.
type execFn func(t *eval.Thread, fr *frame) error

// A frame holds the slots of one level at run time. Frames of functions are
// created per call and captured by the closures created inside them. The
// ruleset frame of an Instance is filled during Init and read-only after.
type frame struct {
	in       *Instance
	up       *frame
	slots    []value.Value
	notFinal bool // in a rule frame: not the last iteration of every foreach
	buf      [2]value.Value
}

func newFrame(in *Instance, up *frame, n int) *frame {
	fr := &frame{in: in, up: up}
	if n <= len(fr.buf) {
		fr.slots = fr.buf[:n]
	} else {
		fr.slots = make([]value.Value, n)
	}
	return fr
}

// slotReader returns the closure reading slot i of the frame up levels out.
func slotReader(up, i int) evalFn {
	switch up {
	case 0:
		return func(_ *eval.Thread, fr *frame) (value.Value, error) { return fr.slots[i], nil }
	case 1:
		return func(_ *eval.Thread, fr *frame) (value.Value, error) { return fr.up.slots[i], nil }
	case 2:
		return func(_ *eval.Thread, fr *frame) (value.Value, error) { return fr.up.up.slots[i], nil }
	}
	return func(_ *eval.Thread, fr *frame) (value.Value, error) {
		for range up {
			fr = fr.up
		}
		return fr.slots[i], nil
	}
}

// constFn returns a closure that yields v.
func constFn(v value.Value) evalFn {
	return func(*eval.Thread, *frame) (value.Value, error) { return v, nil }
}

// rtError turns err into a *eval.RuntimeError positioned at pos, unless it
// already carries a RuntimeError (which keeps its innermost position).
func (c *compiler) rtError(t *eval.Thread, pos ast.Pos, err error) error {
	return wrapRT(c.prog.rid, t, pos, err)
}

func wrapRT(rid string, t *eval.Thread, pos ast.Pos, err error) error {
	if err == nil {
		return nil
	}
	var re *eval.RuntimeError
	if errors.As(err, &re) {
		return re
	}
	msg := err.Error()
	switch {
	case errors.Is(err, context.Canceled):
		msg = "evaluation canceled"
	case errors.Is(err, context.DeadlineExceeded):
		msg = "evaluation deadline exceeded"
	}
	re = &eval.RuntimeError{RID: rid, Pos: pos, Msg: msg, Err: err}
	if curRID, rule := t.Running(); curRID == rid {
		re.Rule = rule
	}
	return re
}

// rtErrorf makes a RuntimeError with a message and an optional cause.
func (c *compiler) rtErrorf(t *eval.Thread, pos ast.Pos, cause error, msg string) error {
	re := &eval.RuntimeError{RID: c.prog.rid, Pos: pos, Msg: msg, Err: cause}
	if curRID, rule := t.Running(); curRID == c.prog.rid {
		re.Rule = rule
	}
	return re
}

// addFrame records that err unwound through a call of name at pos.
func addFrame(err error, name string, pos ast.Pos) error {
	var re *eval.RuntimeError
	if errors.As(err, &re) {
		re.Stack = append(re.Stack, eval.Frame{Name: name, Pos: pos})
		return re
	}
	return err
}
