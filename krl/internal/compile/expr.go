package compile

import (
	"fmt"
	"strings"

	"github.com/gopico/pico/krl/ast"
	"github.com/gopico/pico/krl/internal/eval"
	"github.com/gopico/pico/krl/value"
)

// cx is a compiled expression with what is statically known about it.
type cx struct {
	fn     evalFn
	konst  bool        // fn always returns val
	val    value.Value // the value of a constant expression
	typ    string      // the KRL type name when known ("Function", "Action", "String", ...)
	params []string    // parameters of a statically known function or defaction
}

func constCx(v value.Value) cx {
	x := cx{fn: constFn(v), konst: true, val: v}
	if f := v.AsFunc(); f != nil {
		x.typ, x.params = funcType(f), f.Params
	}
	return x
}

// badCx stands for an expression that failed to compile; compilation goes on
// to report more errors, and the program is never run.
var badCx = cx{fn: constFn(value.Null)}

// expr compiles e in scope sc.
func (c *compiler) expr(sc *scope, e ast.Expr) cx {
	switch e := e.(type) {
	case nil:
		return constCx(value.Null)
	case *ast.Null:
		return constCx(value.Null)
	case *ast.Boolean:
		return constCx(value.Bool(e.Value))
	case *ast.Number:
		return constCx(value.Num(e.Value))
	case *ast.String:
		return constCx(value.Str(e.Value))
	case *ast.Chevron:
		return c.chevron(sc, e)
	case *ast.RegExp:
		return c.regexp(e)
	case *ast.Ident:
		return c.ident(sc, e.Name, e.At)
	case *ast.DomainIdent:
		return c.domainIdent(sc, e.Domain, e.Name, e.At, false)
	case *ast.Array:
		return c.array(sc, e)
	case *ast.Map:
		return c.mapLit(sc, e)
	case *ast.Function:
		return c.function(sc, e, "function")
	case *ast.Defaction:
		return c.defaction(sc, e, "defaction")
	case *ast.Unary:
		return c.unary(sc, e)
	case *ast.Binary:
		return c.binary(sc, e)
	case *ast.Conditional:
		return c.conditional(sc, e)
	case *ast.Call:
		return c.call(sc, e)
	case *ast.Dot:
		return c.dot(sc, e)
	case *ast.Index:
		return c.index(sc, e)
	case *ast.Path:
		return c.path(sc, e)
	}
	c.errorf(e.Pos(), CodeInternal, "unsupported expression %T", e)
	return badCx
}

// ident compiles a reference to a plain name.
func (c *compiler) ident(sc *scope, name string, pos ast.Pos) cx {
	b := sc.lookup(name)
	if b == nil {
		c.errorf(pos, CodeUndefined, "undefined id: %s%s", name, hint(name, sc.visible()))
		return badCx
	}
	return c.bindingCx(sc, b)
}

func (c *compiler) bindingCx(sc *scope, b *binding) cx {
	switch b.kind {
	case bindConst:
		x := constCx(b.val)
		if b.typ != "" {
			x.typ = b.typ
		}
		x.params = b.params
		return x
	case bindTesting:
		p := c.prog
		return cx{fn: func(*eval.Thread, *frame) (value.Value, error) { return p.testing, nil }, typ: "Map"}
	}
	return cx{fn: slotReader(sc.lv.depth-b.lv.depth, b.slot), typ: b.typ, params: b.params}
}

func (c *compiler) chevron(sc *scope, e *ast.Chevron) cx {
	parts := make([]cx, len(e.Parts))
	all := true
	for i, p := range e.Parts {
		parts[i] = c.expr(sc, p)
		all = all && parts[i].konst
	}
	if all {
		var b strings.Builder
		for _, p := range parts {
			b.WriteString(value.ToString(p.val))
		}
		return constCx(value.Str(b.String()))
	}
	fns := make([]evalFn, len(parts))
	for i, p := range parts {
		fns[i] = p.fn
	}
	return cx{typ: "String", fn: func(t *eval.Thread, fr *frame) (value.Value, error) {
		var b strings.Builder
		for _, f := range fns {
			v, err := f(t, fr)
			if err != nil {
				return value.Null, err
			}
			if v.Kind() == value.StringKind {
				b.WriteString(v.AsStr())
			} else {
				b.WriteString(value.ToString(v))
			}
		}
		return value.Str(b.String()), nil
	}}
}

func (c *compiler) regexp(e *ast.RegExp) cx {
	// Only g and i are kept: the reference engine drops m.
	flags := ""
	for _, f := range "gi" {
		if strings.ContainsRune(e.Flags, f) {
			flags += string(f)
		}
	}
	r, err := value.NewRegExp(e.Pattern, flags)
	if err != nil {
		c.errorf(e.At, CodeRegexp, "invalid regular expression re#%s#%s: %v", e.Pattern, e.Flags, err)
		return badCx
	}
	return constCx(value.NewRegExpValue(r))
}

func (c *compiler) array(sc *scope, e *ast.Array) cx {
	elems := make([]cx, len(e.Elems))
	all := true
	for i, x := range e.Elems {
		elems[i] = c.expr(sc, x)
		all = all && elems[i].konst
	}
	if all {
		vals := make([]value.Value, len(elems))
		for i, x := range elems {
			vals[i] = x.val
		}
		return constCx(value.NewArray(vals))
	}
	fns := make([]evalFn, len(elems))
	for i, x := range elems {
		fns[i] = x.fn
	}
	return cx{typ: "Array", fn: func(t *eval.Thread, fr *frame) (value.Value, error) {
		vals := make([]value.Value, len(fns))
		for i, f := range fns {
			v, err := f(t, fr)
			if err != nil {
				return value.Null, err
			}
			vals[i] = v
		}
		return value.NewArray(vals), nil
	}}
}

func (c *compiler) mapLit(sc *scope, e *ast.Map) cx {
	keys := make([]string, len(e.Entries))
	vals := make([]cx, len(e.Entries))
	all := true
	for i, en := range e.Entries {
		keys[i] = en.Key.Value
		vals[i] = c.expr(sc, en.Value)
		all = all && vals[i].konst
	}
	if all {
		vs := make([]value.Value, len(vals))
		for i, x := range vals {
			vs[i] = x.val
		}
		return constCx(value.NewMapValue(keys, vs))
	}
	fns := make([]evalFn, len(vals))
	for i, x := range vals {
		fns[i] = x.fn
	}
	return cx{typ: "Map", fn: func(t *eval.Thread, fr *frame) (value.Value, error) {
		vs := make([]value.Value, len(fns))
		for i, f := range fns {
			v, err := f(t, fr)
			if err != nil {
				return value.Null, err
			}
			vs[i] = v
		}
		return value.NewMapValue(keys, vs), nil
	}}
}

func (c *compiler) unary(sc *scope, e *ast.Unary) cx {
	x := c.expr(sc, e.X)
	switch e.Op {
	case "not":
		if x.konst {
			return constCx(value.Bool(!value.Truthy(x.val)))
		}
		f := x.fn
		return cx{typ: "Boolean", fn: func(t *eval.Thread, fr *frame) (value.Value, error) {
			v, err := f(t, fr)
			if err != nil {
				return value.Null, err
			}
			return value.Bool(!value.Truthy(v)), nil
		}}
	case "+":
		return x
	case "-":
		if x.konst {
			if v, err := value.Neg(x.val); err == nil {
				return constCx(v)
			}
		}
		f, pos := x.fn, e.At
		return cx{fn: func(t *eval.Thread, fr *frame) (value.Value, error) {
			v, err := f(t, fr)
			if err != nil {
				return value.Null, err
			}
			if v.Kind() == value.NumberKind {
				return value.Num(-v.AsNum()), nil
			}
			r, err := value.Neg(v)
			if err != nil {
				return value.Null, c.rtError(t, pos, err)
			}
			return r, nil
		}}
	}
	c.errorf(e.At, CodeInternal, "unsupported unary operator %q", e.Op)
	return badCx
}

func (c *compiler) binary(sc *scope, e *ast.Binary) cx {
	x := c.expr(sc, e.X)
	y := c.expr(sc, e.Y)
	xf, yf := x.fn, y.fn
	switch e.Op {
	case "&&":
		if x.konst && y.konst {
			if value.Truthy(x.val) {
				return y
			}
			return x
		}
		return cx{fn: func(t *eval.Thread, fr *frame) (value.Value, error) {
			a, err := xf(t, fr)
			if err != nil || !value.Truthy(a) {
				return a, err
			}
			return yf(t, fr)
		}}
	case "||":
		if x.konst && y.konst {
			if value.Truthy(x.val) {
				return x
			}
			return y
		}
		return cx{fn: func(t *eval.Thread, fr *frame) (value.Value, error) {
			a, err := xf(t, fr)
			if err != nil || value.Truthy(a) {
				return a, err
			}
			return yf(t, fr)
		}}
	}
	op, ok := binops[e.Op]
	if !ok {
		c.errorf(e.At, CodeInternal, "unsupported operator %q", e.Op)
		return badCx
	}
	if x.konst && y.konst {
		if v, err := op(x.val, y.val); err == nil && !tooLarge(v) {
			return constCx(v)
		}
	}
	pos := e.At
	fail := func(t *eval.Thread, err error) error { return c.rtError(t, pos, err) }
	if fast := fastNumeric(e.Op, x, y, fail); fast != nil {
		return cx{fn: fast}
	}
	return cx{fn: func(t *eval.Thread, fr *frame) (value.Value, error) {
		a, err := xf(t, fr)
		if err != nil {
			return value.Null, err
		}
		b, err := yf(t, fr)
		if err != nil {
			return value.Null, err
		}
		v, err := op(a, b)
		if err != nil {
			return value.Null, fail(t, err)
		}
		return v, nil
	}}
}

// Operator codes of the numeric fast path.
const (
	numAdd = iota
	numSub
	numMul
	numLT
	numLE
	numGT
	numGE
	numEQ
	numNE
)

var numCodes = map[string]int{
	"+": numAdd, "-": numSub, "*": numMul,
	"<": numLT, "<=": numLE, ">": numGT, ">=": numGE, "==": numEQ, "!=": numNE,
}

// arith computes an arithmetic fast-path operator.
func arith(code int, a, b float64) float64 {
	switch code {
	case numAdd:
		return a + b
	case numSub:
		return a - b
	}
	return a * b
}

// compare computes a comparison fast-path operator.
func compare(code int, a, b float64) bool {
	switch code {
	case numLT:
		return a < b
	case numLE:
		return a <= b
	case numGT:
		return a > b
	case numGE:
		return a >= b
	case numEQ:
		return a == b
	}
	return a != b
}

// fastNumeric returns a closure specialised for arithmetic and comparisons
// on finite Numbers, falling back to the general operator for every other
// operand (and for non-finite results); nil when op has no fast path.
func fastNumeric(opName string, x, y cx, fail func(*eval.Thread, error) error) evalFn {
	code, ok := numCodes[opName]
	if !ok {
		return nil
	}
	op := binops[opName]
	isArith := code <= numMul
	// general applies the operator outside the fast path.
	general := func(t *eval.Thread, a, b value.Value) (value.Value, error) {
		v, err := op(a, b)
		if err == nil && v.Kind() == value.StringKind {
			err = chargeSize(t, v)
		}
		if err != nil {
			return value.Null, fail(t, err)
		}
		return v, nil
	}
	xf, yf := x.fn, y.fn
	if y.konst && y.val.Kind() == value.NumberKind && finite(y.val.AsNum()) {
		yv, bn := y.val, y.val.AsNum()
		return func(t *eval.Thread, fr *frame) (value.Value, error) {
			a, err := xf(t, fr)
			if err != nil {
				return value.Null, err
			}
			if a.Kind() == value.NumberKind {
				if an := a.AsNum(); finite(an) {
					if !isArith {
						return value.Bool(compare(code, an, bn)), nil
					}
					if r := arith(code, an, bn); finite(r) {
						return value.Num(r), nil
					}
				}
			}
			return general(t, a, yv)
		}
	}
	if x.konst && x.val.Kind() == value.NumberKind && finite(x.val.AsNum()) {
		xv, an := x.val, x.val.AsNum()
		return func(t *eval.Thread, fr *frame) (value.Value, error) {
			b, err := yf(t, fr)
			if err != nil {
				return value.Null, err
			}
			if b.Kind() == value.NumberKind {
				if bn := b.AsNum(); finite(bn) {
					if !isArith {
						return value.Bool(compare(code, an, bn)), nil
					}
					if r := arith(code, an, bn); finite(r) {
						return value.Num(r), nil
					}
				}
			}
			return general(t, xv, b)
		}
	}
	return func(t *eval.Thread, fr *frame) (value.Value, error) {
		a, err := xf(t, fr)
		if err != nil {
			return value.Null, err
		}
		b, err := yf(t, fr)
		if err != nil {
			return value.Null, err
		}
		if a.Kind() == value.NumberKind && b.Kind() == value.NumberKind {
			if an, bn := a.AsNum(), b.AsNum(); finite(an) && finite(bn) {
				if !isArith {
					return value.Bool(compare(code, an, bn)), nil
				}
				if r := arith(code, an, bn); finite(r) {
					return value.Num(r), nil
				}
			}
		}
		return general(t, a, b)
	}
}

// finite reports whether f is neither infinite nor NaN (x - x is NaN for
// both).
func finite(f float64) bool { return f-f == 0 }

func (c *compiler) conditional(sc *scope, e *ast.Conditional) cx {
	cond := c.expr(sc, e.Cond)
	th := c.expr(sc, e.Then)
	el := c.expr(sc, e.Else)
	if cond.konst {
		if value.Truthy(cond.val) {
			return th
		}
		return el
	}
	cf, tf, ef := cond.fn, th.fn, el.fn
	return cx{fn: func(t *eval.Thread, fr *frame) (value.Value, error) {
		v, err := cf(t, fr)
		if err != nil {
			return value.Null, err
		}
		if value.Truthy(v) {
			return tf(t, fr)
		}
		return ef(t, fr)
	}}
}

// dot compiles the deprecated raw member read `x.name`.
func (c *compiler) dot(sc *scope, e *ast.Dot) cx {
	if e.Domain != "" {
		c.errorf(e.At, CodeMeaningless, "`.%s:%s` must be called: write `.%s:%s()`", e.Domain, e.Name, e.Domain, e.Name)
		return badCx
	}
	c.warnf(e.At, WarnDot, "deprecated: use `{}` or `[]` instead of `.`: write `{%q}`", e.Name)
	x := c.expr(sc, e.X)
	return c.getter(x, constCx(value.Str(e.Name)), e.At)
}

// index compiles `x[i]`, which is `x{[i]}`: a single key, even when i is an
// array.
func (c *compiler) index(sc *scope, e *ast.Index) cx {
	x := c.expr(sc, e.X)
	k := c.expr(sc, e.Index)
	kf := k.fn
	wrapped := cx{fn: func(t *eval.Thread, fr *frame) (value.Value, error) {
		v, err := kf(t, fr)
		if err != nil || v.Kind() != value.ArrayKind {
			return v, err
		}
		return value.NewArray([]value.Value{v}), nil
	}}
	if k.konst {
		if k.val.Kind() == value.ArrayKind {
			wrapped = constCx(value.NewArray([]value.Value{k.val}))
		} else {
			wrapped = k
		}
	}
	return c.getter(x, wrapped, e.At)
}

// path compiles `x{k}`.
func (c *compiler) path(sc *scope, e *ast.Path) cx {
	if d, ok := e.X.(*ast.DomainIdent); ok && d.Domain == "event" && d.Name == "attrs" {
		if s, ok := e.Key.(*ast.String); ok {
			c.testingAttr(s.Value)
		}
	}
	return c.getter(c.expr(sc, e.X), c.expr(sc, e.Key), e.At)
}

func (c *compiler) getter(x, k cx, pos ast.Pos) cx {
	if x.konst && k.konst {
		return constCx(value.Get(x.val, k.val))
	}
	xf, kf := x.fn, k.fn
	if k.konst {
		kv := k.val
		return cx{fn: func(t *eval.Thread, fr *frame) (value.Value, error) {
			v, err := xf(t, fr)
			if err != nil {
				return value.Null, err
			}
			return value.Get(v, kv), nil
		}}
	}
	return cx{fn: func(t *eval.Thread, fr *frame) (value.Value, error) {
		v, err := xf(t, fr)
		if err != nil {
			return value.Null, err
		}
		kv, err := kf(t, fr)
		if err != nil {
			return value.Null, err
		}
		return value.Get(v, kv), nil
	}}
}

// Size limits that keep a runaway rule from exhausting memory before its
// step budget: values beyond them fail with ErrValueTooLarge.
const (
	maxStringLen = 64 << 20
	maxElems     = 8 << 20
)

// chargeSize charges steps in proportion to the size of a freshly built
// value, so that repeated doubling runs into the step budget, and rejects
// values beyond the size limits.
func chargeSize(t *eval.Thread, v value.Value) error {
	var n int
	switch v.Kind() {
	case value.StringKind:
		n = len(v.AsStr())
		if n > maxStringLen {
			return fmt.Errorf("%w: string of %d bytes", eval.ErrValueTooLarge, n)
		}
		n /= 256
	case value.ArrayKind:
		n = v.AsArray().Len()
		if n > maxElems {
			return fmt.Errorf("%w: array of %d elements", eval.ErrValueTooLarge, n)
		}
		n /= 16
	case value.MapKind:
		n = v.AsMap().Len()
		if n > maxElems {
			return fmt.Errorf("%w: map of %d entries", eval.ErrValueTooLarge, n)
		}
		n /= 16
	default:
		return nil
	}
	if n == 0 {
		return nil
	}
	return t.Step(n)
}

func tooLarge(v value.Value) bool {
	switch v.Kind() {
	case value.StringKind:
		return len(v.AsStr()) > maxStringLen
	}
	return false
}
