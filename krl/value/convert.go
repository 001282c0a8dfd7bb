package value

import (
	"strconv"
)

// TypeOf returns the KRL type name of v, as the typeof operator does:
// "Null", "Boolean", "Number", "String", "Array", "Map", "RegExp",
// "Function", "Action" or "ActionFunction" (a Func usable both ways). Like
// the reference engine it reports "Hex" for strings of the form
// 0x<hex digits>.
func TypeOf(v Value) string {
	switch v.k {
	case NullKind:
		return "Null"
	case BooleanKind:
		return "Boolean"
	case NumberKind:
		return "Number"
	case StringKind:
		if isHex(v.s) {
			return "Hex"
		}
		return "String"
	case ArrayKind:
		return "Array"
	case MapKind:
		return "Map"
	case RegExpKind:
		return "RegExp"
	case FunctionKind, ActionKind:
		f := v.AsFunc()
		switch {
		case f.Both:
			return "ActionFunction"
		case v.k == ActionKind:
			return "Action"
		}
		return "Function"
	}
	return "Null"
}

// isHex reports whether s matches /^0x[0-9a-f]+$/i.
func isHex(s string) bool {
	if len(s) < 3 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X') {
		return false
	}
	for i := 2; i < len(s); i++ {
		if digitVal(s[i]) >= 16 {
			return false
		}
	}
	return true
}

// ToString returns the String form of v (what string operators, chevron
// interpolation and + concatenation use): "null", "true"/"false", numbers
// in JavaScript format, strings unchanged, "re#source#flags" for regular
// expressions, and "[Array]", "[Map]", "[Function]", "[Action]" or
// "[ActionFunction]" for the rest.
func ToString(v Value) string {
	switch v.k {
	case StringKind:
		return v.s
	case NullKind:
		return "null"
	case BooleanKind:
		if v.n != 0 {
			return "true"
		}
		return "false"
	case NumberKind:
		return FormatNumber(v.n)
	case RegExpKind:
		return v.AsRegExp().String()
	}
	return "[" + TypeOf(v) + "]"
}

// AppendString appends the String form of v to dst.
func AppendString(dst []byte, v Value) []byte {
	switch v.k {
	case StringKind:
		return append(dst, v.s...)
	case NumberKind:
		return AppendNumber(dst, v.n)
	}
	return append(dst, ToString(v)...)
}

// ToNumber returns the Number form of v and whether it has one: null is 0,
// booleans 0 and 1, numbers themselves, strings as JavaScript reads them
// after trimming ("" is 0, "0x1F" 31, "0b101" 5, "1,000" and "abc" none,
// infinite results none), arrays and maps their size; regular expressions
// and functions have none.
func ToNumber(v Value) (float64, bool) {
	switch v.k {
	case NumberKind:
		return v.n, true
	case NullKind:
		return 0, true
	case BooleanKind:
		return v.n, true
	case StringKind:
		f := ParseNumber(v.s)
		if f != f || f > maxFloat || f < -maxFloat {
			return 0, false
		}
		return f, true
	case ArrayKind:
		return float64(v.AsArray().Len()), true
	case MapKind:
		return float64(v.AsMap().Len()), true
	}
	return 0, false
}

const maxFloat = 1.7976931348623157e308

// Truthy reports whether v counts as true in a condition: false, null, 0
// and "" are false, everything else (including "0", "false", [] and {}) is
// true.
func Truthy(v Value) bool {
	switch v.k {
	case NullKind:
		return false
	case BooleanKind, NumberKind:
		return v.n != 0
	case StringKind:
		return v.s != ""
	}
	return true
}

// String returns v in KRL's JSON encoding, for debugging and logs; it is
// not KRL's String form, which [ToString] gives.
func (v Value) String() string {
	b, _ := v.MarshalJSON()
	return string(b)
}

// GoString returns a Go-syntax-like description of v, for %#v.
func (v Value) GoString() string {
	return "value." + TypeOf(v) + "(" + strconv.Quote(v.String()) + ")"
}
