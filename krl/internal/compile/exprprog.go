package compile

import (
	"fmt"

	"github.com/gopico/pico/krl/ast"
	"github.com/gopico/pico/krl/internal/eval"
	"github.com/gopico/pico/krl/value"
)

// Expr is an expression compiled in the scope of a program's globals. It is
// immutable and safe for concurrent use.
type Expr struct {
	prog *Program
	fn   evalFn
}

// CompileExpr compiles e so that it sees the program's configure variables,
// globals and module aliases. It does not change the program.
func (p *Program) CompileExpr(e ast.Expr, opts Options) (*Expr, error) {
	c := &compiler{
		prog:     &Program{rid: p.rid, scope: p.scope, lv: p.lv, testing: p.testing, shares: p.shares},
		opts:     opts,
		aliases:  map[string]int{},
		refs:     map[modRef]int{},
		testing:  &testingInfo{},
		exprMode: true,
	}
	for i, u := range p.uses {
		c.aliases[u.Alias] = i
	}
	x := c.expr(p.scope, e)
	if len(c.errs) > 0 {
		c.errs.Sort()
		return nil, c.errs
	}
	return &Expr{prog: p, fn: x.fn}, nil
}

// moduleMember reads alias:name from the instance's module at run time (for
// expressions compiled after the program, which Init did not link).
func (c *compiler) moduleMember(use int, name string, pos ast.Pos) evalFn {
	return func(t *eval.Thread, fr *frame) (value.Value, error) {
		m := fr.in.mods[use]
		if m == nil {
			return value.Null, c.rtErrorf(t, pos, eval.ErrNoModule, "module not found: "+fr.in.prog.uses[use].RID)
		}
		v, ok := m.provided(name)
		if !ok {
			return value.Null, c.rtErrorf(t, pos, eval.ErrLink, fmt.Sprintf("module %s does not provide %s", fr.in.prog.uses[use].Alias, name))
		}
		return v, nil
	}
}

// Eval evaluates the expression on the instance in, which must come from
// the expression's program (nil is allowed when the program has no globals,
// configure variables or modules).
func (x *Expr) Eval(t *eval.Thread, in *Instance) (v value.Value, err error) {
	defer recoverInternal(&err, x.prog.rid)
	if in == nil {
		if in, err = x.emptyInstance(t); err != nil {
			return value.Null, err
		}
	}
	if in.prog != x.prog {
		return value.Null, eval.ErrWrongInstance
	}
	orid, orule := t.SwapRunning(x.prog.rid, "")
	defer t.SwapRunning(orid, orule)
	return x.fn(t, in.globals)
}

func (x *Expr) emptyInstance(t *eval.Thread) (*Instance, error) {
	p := x.prog
	if len(p.setup) > 0 || len(p.globals) > 0 {
		return nil, fmt.Errorf("krl: the expression needs an instance of %s", p.rid)
	}
	return p.Init(t, InitOptions{})
}
