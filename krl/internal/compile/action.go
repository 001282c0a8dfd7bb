package compile

import (
	"github.com/gopico/pico/krl/ast"
	"github.com/gopico/pico/krl/internal/eval"
	"github.com/gopico/pico/krl/value"
)

// blockFn runs an action block and reports whether it fired.
type blockFn func(t *eval.Thread, fr *frame) (fired bool, err error)

type compiledAction struct {
	label string
	run   execFn
	slot  int // the setting variable's slot, -1 when none
}

// actionBlock compiles the action block of a rule or defaction. Setting
// variables are declared in sc as the actions are compiled, so each is
// visible to later actions and to what follows the block.
func (c *compiler) actionBlock(sc *scope, ab *ast.ActionBlock) blockFn {
	if ab == nil {
		return func(*eval.Thread, *frame) (bool, error) { return true, nil }
	}
	var cond, choose evalFn
	if ab.Cond != nil {
		cond = c.expr(sc, ab.Cond).fn
	}
	if ab.Kind == "choose" {
		choose = c.expr(sc, ab.Choose).fn
	}
	acts := make([]compiledAction, len(ab.Actions))
	var slots []int
	for i, a := range ab.Actions {
		if ab.Kind == "choose" && a.Label == nil {
			c.errorf(a.At, CodeChooseLabel, "all actions inside a `choose` block need a label")
		}
		acts[i] = c.action(sc, a)
		if acts[i].slot >= 0 {
			slots = append(slots, acts[i].slot)
		}
	}
	kind := ab.Kind
	return func(t *eval.Thread, fr *frame) (bool, error) {
		for _, s := range slots {
			fr.slots[s] = value.Null
		}
		if cond != nil {
			v, err := cond(t, fr)
			if err != nil {
				return false, err
			}
			if !value.Truthy(v) {
				return false, nil
			}
		}
		switch kind {
		case "sample":
			if len(acts) > 0 {
				return true, acts[t.Rand().IntN(len(acts))].run(t, fr)
			}
		case "choose":
			v, err := choose(t, fr)
			if err != nil {
				return true, err
			}
			label := value.ToString(v)
			for _, a := range acts {
				if a.label == label {
					return true, a.run(t, fr)
				}
			}
		default:
			for _, a := range acts {
				if err := a.run(t, fr); err != nil {
					return true, err
				}
			}
		}
		return true, nil
	}
}

// action compiles one action `[label =>] [domain:]name(args) [setting(v)]`.
func (c *compiler) action(sc *scope, a *ast.Action) compiledAction {
	var callee cx
	name := a.Name.Name
	if a.Domain != nil {
		name = a.Domain.Name + ":" + a.Name.Name
		callee = c.domainIdent(sc, a.Domain.Name, a.Name.Name, a.Domain.At, true)
	} else {
		callee = c.ident(sc, a.Name.Name, a.Name.At)
	}
	switch callee.typ {
	case "", "Action", "ActionFunction":
	default:
		c.errorf(a.Name.At, CodeNotAction, "not an action: %s", callee.typ)
	}
	ac := c.args(sc, nil, a.Args)
	ca := compiledAction{slot: -1}
	if a.Label != nil {
		ca.label = a.Label.Name
	}
	if a.Setting != nil {
		ca.slot = sc.declare(a.Setting.Name, a.Setting.At).slot
	}
	cf, pos, slot := callee.fn, a.At, ca.slot
	ca.run = func(t *eval.Thread, fr *frame) error {
		fv, err := cf(t, fr)
		if err != nil {
			return err
		}
		f := fv.AsFunc()
		if f == nil || !(f.Action || f.Both) {
			return c.rtErrorf(t, pos, eval.NotCallable(fv, true), eval.NotCallableMsg(fv, true))
		}
		args, err := ac.eval(t, fr, f)
		if err != nil {
			return err
		}
		v, err := f.Fn(t, args)
		if err != nil {
			return c.callError(t, pos, name, err)
		}
		if slot >= 0 {
			fr.slots[slot] = v
		}
		return nil
	}
	return ca
}
