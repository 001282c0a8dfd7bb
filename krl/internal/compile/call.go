package compile

import (
	"errors"
	"slices"

	"github.com/gopico/pico/krl/ast"
	"github.com/gopico/pico/krl/internal/eval"
	"github.com/gopico/pico/krl/value"
)

// argsCode is a compiled argument list: positional arguments (the receiver
// of method sugar first), then named ones.
type argsCode struct {
	pos   []evalFn
	names []string
	named []evalFn
}

// args compiles a call's arguments; recv is the receiver of `x.f(...)`.
func (c *compiler) args(sc *scope, recv ast.Expr, args []*ast.Arg) *argsCode {
	ac := &argsCode{}
	if recv != nil {
		ac.pos = append(ac.pos, c.expr(sc, recv).fn)
	}
	seenNamed := false
	for _, a := range args {
		v := c.expr(sc, a.Value).fn
		if a.Name != nil {
			seenNamed = true
			ac.names = append(ac.names, a.Name.Name)
			ac.named = append(ac.named, v)
			continue
		}
		if seenNamed {
			c.errorf(a.At, CodeArgOrder, "once you used a named argument, all following must be named")
		}
		ac.pos = append(ac.pos, v)
	}
	return ac
}

// eval evaluates the arguments left to right and matches them to f's
// parameters: positional ones in order (extras dropped unless f is variadic),
// named ones by parameter name (unknown names ignored); missing ones are null.
func (ac *argsCode) eval(t *eval.Thread, fr *frame, f *value.Func) ([]value.Value, error) {
	n := len(f.Params)
	if f.Variadic && (len(ac.names) == 0 || len(ac.pos) > n) {
		n = len(ac.pos)
	}
	var args []value.Value
	if n > 0 {
		args = make([]value.Value, n)
	}
	for i, p := range ac.pos {
		v, err := p(t, fr)
		if err != nil {
			return nil, err
		}
		if i < n {
			args[i] = v
		}
	}
	for j, name := range ac.names {
		v, err := ac.named[j](t, fr)
		if err != nil {
			return nil, err
		}
		if i := slices.Index(f.Params, name); i >= 0 && i < n {
			args[i] = v
		}
	}
	return args, nil
}

// calleeName is how a call appears in a backtrace.
func calleeName(fn ast.Expr) string {
	switch fn := fn.(type) {
	case *ast.Ident:
		return fn.Name
	case *ast.DomainIdent:
		return fn.Domain + ":" + fn.Name
	case *ast.Dot:
		if fn.Domain != "" {
			return fn.Domain + ":" + fn.Name
		}
		return fn.Name
	}
	return "function"
}

// call compiles a function call, including the method sugar `x.f(a)` =
// `f(x, a)` and `x.m:f(a)` = `m:f(x, a)`.
func (c *compiler) call(sc *scope, e *ast.Call) cx {
	var callee cx
	var recv ast.Expr
	switch fn := e.Fn.(type) {
	case *ast.Dot:
		recv = fn.X
		if fn.Domain != "" {
			callee = c.domainIdent(sc, fn.Domain, fn.Name, fn.At, true)
		} else {
			callee = c.ident(sc, fn.Name, fn.At)
			if fn.Name == "get" && len(e.Args) > 0 {
				if d, ok := fn.X.(*ast.DomainIdent); ok && d.Domain == "event" && d.Name == "attrs" {
					if s, ok := e.Args[0].Value.(*ast.String); ok {
						c.testingAttr(s.Value)
					}
				}
			}
		}
	case *ast.DomainIdent:
		if fn.Domain == "event" && fn.Name == "attrs" {
			c.errorf(fn.At, CodeNotFunction, "`event:attrs` is a Map, not a Function: use `event:attrs{key}` instead")
			return badCx
		}
		if fn.Domain == "event" && fn.Name == "attr" && len(e.Args) > 0 {
			if s, ok := e.Args[0].Value.(*ast.String); ok {
				c.testingAttr(s.Value)
			}
		}
		callee = c.domainIdent(sc, fn.Domain, fn.Name, fn.At, true)
	default:
		callee = c.expr(sc, e.Fn)
	}
	switch callee.typ {
	case "", "Function", "ActionFunction":
	default:
		c.errorf(e.Fn.Pos(), CodeNotFunction, "not a function: %s", callee.typ)
		return badCx
	}
	ac := c.args(sc, recv, e.Args)
	pos := e.At
	switch fn := e.Fn.(type) {
	case *ast.Ident, *ast.DomainIdent:
		pos = fn.Pos() // point at the name rather than the parenthesis
	}
	return cx{fn: c.callFn(callee.fn, ac, pos, calleeName(e.Fn))}
}

// callFn returns the closure that calls the function computed by cf.
func (c *compiler) callFn(cf evalFn, ac *argsCode, pos ast.Pos, name string) evalFn {
	return func(t *eval.Thread, fr *frame) (value.Value, error) {
		fv, err := cf(t, fr)
		if err != nil {
			return value.Null, err
		}
		f := fv.AsFunc()
		if f == nil || (f.Action && !f.Both) {
			return value.Null, c.rtErrorf(t, pos, eval.NotCallable(fv, false), eval.NotCallableMsg(fv, false))
		}
		args, err := ac.eval(t, fr, f)
		if err != nil {
			return value.Null, err
		}
		v, err := f.Fn(t, args)
		if err == nil {
			err = chargeSize(t, v)
		}
		if err != nil {
			return value.Null, c.callError(t, pos, name, err)
		}
		return v, nil
	}
}

// callError positions an error that came out of a call: an error already
// positioned inside the callee gets a backtrace entry, any other is
// positioned at the call.
func (c *compiler) callError(t *eval.Thread, pos ast.Pos, name string, err error) error {
	var re *eval.RuntimeError
	if errors.As(err, &re) {
		return addFrame(re, name, pos)
	}
	return c.rtError(t, pos, err)
}

// params declares the parameters of a function or defaction in fs (slots 0
// to n-1) and compiles their defaults. A default sees the parameters before
// it.
func (c *compiler) params(fs *scope, ps []*ast.Param) (names []string, defaults []evalFn) {
	seenDefault := false
	defaults = make([]evalFn, len(ps))
	for i, p := range ps {
		if slices.Contains(names, p.Name.Name) {
			c.errorf(p.Name.At, CodeDuplicateParam, "duplicate parameter: %s", p.Name.Name)
		}
		if p.Default != nil {
			seenDefault = true
			defaults[i] = c.expr(fs, p.Default).fn
		} else if seenDefault {
			c.errorf(p.At, CodeDefaultOrder, "cannot have a non-default parameter after a defaulted one")
		}
		names = append(names, p.Name.Name)
		fs.declare(p.Name.Name, p.Name.At)
	}
	return names, defaults
}

// enterCall is the common prologue of KRL functions and defactions: charge a
// step, go one level deeper, and build the frame with the arguments and the
// defaults of null parameters.
func enterCall(vt value.Thread, in *Instance, up *frame, nslots int, args []value.Value, defaults []evalFn) (*eval.Thread, *frame, error) {
	t, ok := vt.(*eval.Thread)
	if !ok {
		return nil, nil, errForeignThread
	}
	if err := t.Step(1); err != nil {
		return nil, nil, err
	}
	if err := t.Enter(); err != nil {
		return nil, nil, err
	}
	nf := newFrame(in, up, nslots)
	copy(nf.slots[:min(len(args), len(defaults))], args)
	for i, d := range defaults {
		if d != nil && nf.slots[i].IsNull() {
			v, err := d(t, nf)
			if err != nil {
				t.Leave()
				return nil, nil, err
			}
			nf.slots[i] = v
		}
	}
	return t, nf, nil
}

var errForeignThread = errors.New("krl: internal error: KRL function called with a foreign value.Thread")

// function compiles a function literal. name is the declared name, used in
// backtraces.
func (c *compiler) function(sc *scope, e *ast.Function, name string) cx {
	lv := sc.lv.child()
	fs := newScope(sc, lv)
	params, defaults := c.params(fs, e.Params)
	decls := c.declBlock(fs, e.Body)
	body := c.expr(fs, e.Return).fn
	nslots := lv.nslots
	fn := func(_ *eval.Thread, fr *frame) (value.Value, error) {
		f := &value.Func{Name: name, Params: params}
		f.Fn = func(vt value.Thread, args []value.Value) (value.Value, error) {
			t, nf, err := enterCall(vt, fr.in, fr, nslots, args, defaults)
			if err != nil {
				return value.Null, err
			}
			defer t.Leave()
			if err := runDecls(t, nf, decls); err != nil {
				return value.Null, err
			}
			return body(t, nf)
		}
		return value.NewFunc(f), nil
	}
	return cx{fn: fn, typ: "Function", params: params}
}

// defaction compiles a defaction literal.
func (c *compiler) defaction(sc *scope, e *ast.Defaction, name string) cx {
	lv := sc.lv.child()
	fs := newScope(sc, lv)
	params, defaults := c.params(fs, e.Params)
	decls := c.declBlock(fs, e.Body)
	block := c.actionBlock(fs, e.Action)
	ret := constFn(value.Null)
	if e.Return != nil {
		ret = c.expr(fs, e.Return).fn
	}
	nslots := lv.nslots
	fn := func(_ *eval.Thread, fr *frame) (value.Value, error) {
		f := &value.Func{Name: name, Params: params, Action: true}
		f.Fn = func(vt value.Thread, args []value.Value) (value.Value, error) {
			t, nf, err := enterCall(vt, fr.in, fr, nslots, args, defaults)
			if err != nil {
				return value.Null, err
			}
			defer t.Leave()
			if err := runDecls(t, nf, decls); err != nil {
				return value.Null, err
			}
			if _, err := block(t, nf); err != nil {
				return value.Null, err
			}
			return ret(t, nf)
		}
		return value.NewFunc(f), nil
	}
	return cx{fn: fn, typ: "Action", params: params}
}

// declCode is a compiled declaration `name = expr`.
type declCode struct {
	slot int
	fn   evalFn
}

func runDecls(t *eval.Thread, fr *frame, decls []declCode) error {
	for _, d := range decls {
		v, err := d.fn(t, fr)
		if err != nil {
			return err
		}
		fr.slots[d.slot] = v
	}
	return nil
}

// declBlock compiles a block of declarations (global, pre, function and
// defaction bodies). A declaration whose value is not a function literal sees
// the names declared before it; function and defaction literals are compiled
// after the rest of the block and see every name in it, so functions may call
// each other and refer forward. The names are added to sc.
func (c *compiler) declBlock(sc *scope, decls []*ast.Decl) []declCode {
	out := make([]declCode, len(decls))
	seen := map[string]bool{}
	var deferred []int
	for i, d := range decls {
		name := d.Name.Name
		if seen[name] {
			c.errorf(d.Name.At, CodeDuplicateDecl, "duplicate declaration: %s", name)
		}
		seen[name] = true
		switch v := d.Value.(type) {
		case *ast.Function:
			b := sc.declare(name, d.Name.At)
			b.typ = "Function"
			b.params = paramNames(v.Params)
			out[i].slot = b.slot
			deferred = append(deferred, i)
		case *ast.Defaction:
			b := sc.declare(name, d.Name.At)
			b.typ = "Action"
			b.params = paramNames(v.Params)
			out[i].slot = b.slot
			deferred = append(deferred, i)
		default:
			x := c.expr(sc, d.Value)
			b := sc.declare(name, d.Name.At)
			b.typ, b.params = declType(x), x.params
			out[i] = declCode{slot: b.slot, fn: x.fn}
		}
	}
	for _, i := range deferred {
		d := decls[i]
		switch v := d.Value.(type) {
		case *ast.Function:
			out[i].fn = c.function(sc, v, d.Name.Name).fn
		case *ast.Defaction:
			out[i].fn = c.defaction(sc, v, d.Name.Name).fn
		}
	}
	return out
}

// declType is the static type a declared name takes from its value: only
// functions and actions are tracked (as the reference compiler does), so
// that calling a defaction or invoking a function is a compile error while
// other misuses fail at run time.
func declType(x cx) string {
	switch x.typ {
	case "Function", "Action", "ActionFunction":
		return x.typ
	}
	return ""
}

func paramNames(ps []*ast.Param) []string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name.Name
	}
	return names
}
