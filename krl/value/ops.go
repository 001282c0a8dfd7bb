package value

import (
	"math"
)

// Equal reports whether a == b in KRL: deep and type-strict (1 != "1",
// true != 1), null equal to null (NaN counts as null), map key order
// irrelevant, regular expressions equal when their source and flags are,
// functions only when they are the same function.
func Equal(a, b Value) bool {
	if a.k != b.k {
		return false
	}
	switch a.k {
	case NullKind:
		return true
	case BooleanKind, NumberKind:
		return a.n == b.n
	case StringKind:
		return a.s == b.s
	case ArrayKind:
		x, y := a.AsArray().Elems(), b.AsArray().Elems()
		if len(x) != len(y) {
			return false
		}
		for i := range x {
			if !Equal(x[i], y[i]) {
				return false
			}
		}
		return true
	case MapKind:
		x, y := a.AsMap(), b.AsMap()
		if x == y {
			return true
		}
		if x.Len() != y.Len() {
			return false
		}
		for i, k := range x.Keys() {
			w, ok := y.Get(k)
			if !ok || !Equal(x.vals[i], w) {
				return false
			}
		}
		return true
	case RegExpKind:
		x, y := a.AsRegExp(), b.AsRegExp()
		return x.Source == y.Source && x.Global == y.Global &&
			x.IgnoreCase == y.IgnoreCase && x.Multiline == y.Multiline
	case FunctionKind, ActionKind:
		return a.p == b.p
	}
	return false
}

// Compare implements <=> (and through it < <= > >=): numeric when both
// operands have a Number form, else by the String forms in UTF-16 code unit
// order. It returns -1, 0 or 1.
func Compare(a, b Value) int {
	if a.k == NumberKind && b.k == NumberKind {
		return cmpFloat(a.n, b.n)
	}
	x, okx := ToNumber(a)
	if okx {
		if y, oky := ToNumber(b); oky {
			return cmpFloat(x, y)
		}
	}
	return CompareUTF16(ToString(a), ToString(b))
}

func cmpFloat(x, y float64) int {
	switch {
	case x == y:
		return 0
	case x > y:
		return 1
	}
	return -1
}

// CompareStrings implements cmp: the String forms of a and b in UTF-16 code
// unit order, -1, 0 or 1.
func CompareStrings(a, b Value) int {
	if a.k == StringKind && b.k == StringKind {
		return CompareUTF16(a.s, b.s)
	}
	return CompareUTF16(ToString(a), ToString(b))
}

// Add implements +: numeric addition when both operands are Numbers,
// otherwise the concatenation of their String forms ("1"+1 is "11", null+1
// is "null1"). It never fails; the error is there for symmetry with the
// other arithmetic operators.
func Add(a, b Value) (Value, error) {
	if a.k == NumberKind && b.k == NumberKind {
		return Num(a.n + b.n), nil
	}
	if a.k == StringKind && b.k == StringKind {
		return Str(a.s + b.s), nil
	}
	buf := make([]byte, 0, 32)
	buf = AppendString(buf, a)
	buf = AppendString(buf, b)
	return Str(string(buf)), nil
}

// numbers returns the Number forms of a and b.
func numbers(a, b Value) (x, y float64, ok bool) {
	if a.k == NumberKind && b.k == NumberKind {
		return a.n, b.n, true
	}
	x, okx := ToNumber(a)
	y, oky := ToNumber(b)
	return x, y, okx && oky
}

// Sub implements -: the difference of the Number forms, or a TypeError.
func Sub(a, b Value) (Value, error) {
	x, y, ok := numbers(a, b)
	if !ok {
		return Null, TypeErrorf("%s cannot be subtracted from %s", ToString(b), ToString(a))
	}
	return Num(x - y), nil
}

// Mul implements *: the product of the Number forms, or a TypeError.
func Mul(a, b Value) (Value, error) {
	x, y, ok := numbers(a, b)
	if !ok {
		return Null, TypeErrorf("%s cannot be multiplied by %s", ToString(a), ToString(b))
	}
	return Num(x * y), nil
}

// Div implements /: the quotient of the Number forms (0 when dividing by
// zero), or a TypeError.
func Div(a, b Value) (Value, error) {
	x, y, ok := numbers(a, b)
	if !ok {
		return Null, TypeErrorf("%s cannot be divided by %s", ToString(a), ToString(b))
	}
	if y == 0 {
		return Num(0), nil
	}
	return Num(x / y), nil
}

// Mod implements %: JavaScript's remainder of the Number forms (sign of the
// dividend; 0 when the divisor is zero), or a TypeError.
func Mod(a, b Value) (Value, error) {
	x, y, ok := numbers(a, b)
	if !ok {
		return Null, TypeErrorf("Cannot calculate %s modulo %s", ToString(a), ToString(b))
	}
	if y == 0 {
		return Num(0), nil
	}
	return Num(math.Mod(x, y)), nil
}

// Neg implements unary -: the negated Number form, or a TypeError.
func Neg(a Value) (Value, error) {
	x, ok := ToNumber(a)
	if !ok {
		return Null, TypeErrorf("Cannot negate %s", ToString(a))
	}
	return Num(-x), nil
}

// Like implements like: whether the regular expression b (a RegExp, or the
// String form of anything else compiled to one) matches the String form of
// a. It fails only when b does not compile.
func Like(a, b Value) (Value, error) {
	re := b.AsRegExp()
	if re == nil {
		var err error
		if re, err = CompileRegExp(ToString(b)); err != nil {
			return Null, err
		}
	}
	ok, err := re.MatchString(ToString(a))
	if err != nil {
		return Null, err
	}
	return Bool(ok), nil
}

// Has implements ><: for an Array whether it has an element equal to b, for
// a Map whether it has the key b (the String form of b, or a path when b is
// an Array); false for anything else.
func Has(a, b Value) bool {
	switch a.k {
	case ArrayKind:
		for _, e := range a.AsArray().Elems() {
			if Equal(e, b) {
				return true
			}
		}
	case MapKind:
		if b.k == ArrayKind {
			path := b.AsArray().Elems()
			if len(path) == 0 {
				return false
			}
			cur := a
			for _, k := range path {
				next, ok := lookup(cur, ToString(k))
				if !ok {
					return false
				}
				cur = next
			}
			return true
		}
		return a.AsMap().Has(ToString(b))
	}
	return false
}
