package value_test

import (
	"errors"
	"math"
	"testing"

	"github.com/gopico/pico/krl/value"
	"github.com/gopico/pico/krl/value/valuetest"
)

var (
	num  = value.Num
	str  = value.Str
	null = value.Null
	js   = valuetest.JSON
)

func mustRegExp(t testing.TB, pattern, flags string) value.Value {
	t.Helper()
	r, err := value.NewRegExp(pattern, flags)
	if err != nil {
		t.Fatal(err)
	}
	return value.NewRegExpValue(r)
}

var testFn = valuetest.Func("f", nil, func([]value.Value) value.Value { return value.Null })

var testAction = value.NewFunc(&value.Func{Name: "a", Action: true,
	Fn: func(value.Thread, []value.Value) (value.Value, error) { return value.Null, nil }})

var testBoth = value.NewFunc(&value.Func{Name: "noop", Action: true, Both: true,
	Fn: func(value.Thread, []value.Value) (value.Value, error) { return value.Null, nil }})

func TestToString(t *testing.T) {
	tests := []struct {
		in   value.Value
		want string
	}{
		{null, "null"},
		{value.True, "true"},
		{value.False, "false"},
		{num(3), "3"},
		{num(2.5), "2.5"},
		{num(1e21), "1e+21"},
		{str("hi"), "hi"},
		{js(`[1,2]`), "[Array]"},
		{js(`{}`), "[Map]"},
		{mustRegExp(t, "a/b", "gi"), `re#a\/b#gi`},
		{mustRegExp(t, "x", "m"), "re#x#"},
		{mustRegExp(t, "", ""), "re#(?:)#"},
		{testFn, "[Function]"},
		{testAction, "[Action]"},
		{testBoth, "[ActionFunction]"},
	}
	for _, tt := range tests {
		if got := value.ToString(tt.in); got != tt.want {
			t.Errorf("ToString(%v) = %q, want %q", tt.in, got, tt.want)
		}
		if got := string(value.AppendString(nil, tt.in)); got != tt.want {
			t.Errorf("AppendString(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestToNumber(t *testing.T) {
	tests := []struct {
		in   value.Value
		want float64
		ok   bool
	}{
		{null, 0, true},
		{value.True, 1, true},
		{value.False, 0, true},
		{num(-2.5), -2.5, true},
		{str(""), 0, true},
		{str(" 42 "), 42, true},
		{str("0x1F"), 31, true},
		{str("0b101"), 5, true},
		{str("1,000"), 0, false},
		{str("abc"), 0, false},
		{str("Infinity"), 0, false},
		{str("1e400"), 0, false},
		{js(`[1,2,3]`), 3, true},
		{js(`{"a":1}`), 1, true},
		{mustRegExp(t, "a", ""), 0, false},
		{testFn, 0, false},
	}
	for _, tt := range tests {
		got, ok := value.ToNumber(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ToNumber(%v) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestTypeOf(t *testing.T) {
	tests := []struct {
		in   value.Value
		want string
	}{
		{null, "Null"},
		{value.Num(math.NaN()), "Null"},
		{value.True, "Boolean"},
		{num(1), "Number"},
		{str("x"), "String"},
		{str("0x1F"), "Hex"},
		{str("0x"), "String"},
		{str("0x1G"), "String"},
		{js(`[]`), "Array"},
		{js(`{}`), "Map"},
		{mustRegExp(t, "a", ""), "RegExp"},
		{testFn, "Function"},
		{testAction, "Action"},
		{testBoth, "ActionFunction"},
	}
	for _, tt := range tests {
		if got := value.TypeOf(tt.in); got != tt.want {
			t.Errorf("TypeOf(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTruthy(t *testing.T) {
	tests := []struct {
		in   value.Value
		want bool
	}{
		{null, false},
		{value.False, false},
		{value.True, true},
		{num(0), false},
		{num(math.Copysign(0, -1)), false},
		{num(0.1), true},
		{str(""), false},
		{str("0"), true},
		{str("false"), true},
		{js(`[]`), true},
		{js(`{}`), true},
		{testFn, true},
		{mustRegExp(t, "", ""), true},
	}
	for _, tt := range tests {
		if got := value.Truthy(tt.in); got != tt.want {
			t.Errorf("Truthy(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestArithmetic(t *testing.T) {
	type op func(a, b value.Value) (value.Value, error)
	tests := []struct {
		name string
		op   op
		a, b value.Value
		want value.Value
		err  string
	}{
		{"add numbers", value.Add, num(1), num(2), num(3), ""},
		{"add floats", value.Add, num(0.1), num(0.2), num(0.30000000000000004), ""},
		{"add string number", value.Add, str("1"), num(1), str("11"), ""},
		{"add number string", value.Add, num(1), str("1"), str("11"), ""},
		{"add null", value.Add, null, num(1), str("null1"), ""},
		{"add bools", value.Add, value.True, num(1), str("true1"), ""},
		{"add array", value.Add, js(`[1]`), str("x"), str("[Array]x"), ""},
		{"add map", value.Add, str("x"), js(`{}`), str("x[Map]"), ""},
		{"add strings", value.Add, str("a"), str("b"), str("ab"), ""},
		{"sub", value.Sub, num(5), num(7), num(-2), ""},
		{"sub strings", value.Sub, str("10"), str("4"), num(6), ""},
		{"sub null", value.Sub, null, num(4), num(-4), ""},
		{"sub array size", value.Sub, js(`[1,2]`), num(1), num(1), ""},
		{"sub error", value.Sub, str("two"), num(1), null, "TypeError: 1 cannot be subtracted from two"},
		{"mul", value.Mul, num(3), str("4"), num(12), ""},
		{"mul bool", value.Mul, value.True, num(4), num(4), ""},
		{"mul error", value.Mul, str("a"), num(2), null, "TypeError: a cannot be multiplied by 2"},
		{"div", value.Div, num(1), num(4), num(0.25), ""},
		{"div by zero", value.Div, num(1), num(0), num(0), ""},
		{"div by zero string", value.Div, num(1), str(""), num(0), ""},
		{"div error", value.Div, num(1), str("x"), null, "TypeError: 1 cannot be divided by x"},
		{"mod", value.Mod, num(7), num(3), num(1), ""},
		{"mod negative", value.Mod, num(-7), num(3), num(-1), ""},
		{"mod fraction", value.Mod, num(5.5), num(2), num(1.5), ""},
		{"mod zero", value.Mod, num(7), num(0), num(0), ""},
		{"mod error", value.Mod, js(`{}`), mustRegExp(t, "a", ""), null, "TypeError: Cannot calculate [Map] modulo re#a#"},
		{"overflow", value.Mul, num(1e308), num(10), num(math.Inf(1)), ""},
		{"inf minus inf is null", value.Sub, num(math.Inf(1)), num(math.Inf(1)), null, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.op(tt.a, tt.b)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("error = %v, want %q", err, tt.err)
				}
				if !errors.Is(err, value.ErrType) {
					t.Errorf("errors.Is(%v, ErrType) = false", err)
				}
				var te *value.TypeError
				if !errors.As(err, &te) {
					t.Errorf("errors.As(%v, *TypeError) = false", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !value.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestNeg(t *testing.T) {
	tests := []struct {
		in, want value.Value
		err      string
	}{
		{num(3), num(-3), ""},
		{str("3"), num(-3), ""},
		{null, num(0), ""},
		{js(`[1,2]`), num(-2), ""},
		{str("zero"), null, "TypeError: Cannot negate zero"},
		{testFn, null, "TypeError: Cannot negate [Function]"},
	}
	for _, tt := range tests {
		got, err := value.Neg(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("Neg(%v) error = %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || !value.Equal(got, tt.want) {
			t.Errorf("Neg(%v) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestEqual(t *testing.T) {
	f2 := valuetest.Func("f", nil, func([]value.Value) value.Value { return value.Null })
	tests := []struct {
		a, b value.Value
		want bool
	}{
		{null, null, true},
		{null, value.Num(math.NaN()), true},
		{num(1), str("1"), false},
		{value.True, num(1), false},
		{num(0), num(math.Copysign(0, -1)), true},
		{str("a"), str("a"), true},
		{js(`[1,[2,{"a":null}]]`), js(`[1,[2,{"a":null}]]`), true},
		{js(`[1,2]`), js(`[1,2,3]`), false},
		{js(`[1,2]`), js(`[2,1]`), false},
		{js(`{"a":1,"b":2}`), js(`{"b":2,"a":1}`), true},
		{js(`{"a":1}`), js(`{"a":1,"b":2}`), false},
		{js(`{"a":1}`), js(`{"b":1}`), false},
		{js(`{"a":null}`), js(`{}`), false},
		{js(`{}`), js(`[]`), false},
		{mustRegExp(t, "a", "g"), mustRegExp(t, "a", "g"), true},
		{mustRegExp(t, "a", "g"), mustRegExp(t, "a", "i"), false},
		{mustRegExp(t, "a", ""), str("re#a#"), false},
		{testFn, testFn, true},
		{testFn, f2, false},
	}
	for _, tt := range tests {
		if got := value.Equal(tt.a, tt.b); got != tt.want {
			t.Errorf("Equal(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := value.Equal(tt.b, tt.a); got != tt.want {
			t.Errorf("Equal(%v, %v) = %v, want %v", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		a, b value.Value
		want int
	}{
		{num(1), num(2), -1},
		{num(2), num(2), 0},
		{num(3), num(2), 1},
		{str("10"), str("9"), 1},
		{str("abc"), str("abd"), -1},
		{str("b"), str("a"), 1},
		{str("a"), num(1), 1},
		{js(`[1,2]`), num(3), -1},
		{null, num(0), 0},
		{value.True, num(1), 0},
		{str(""), num(0), 0},
		{str("B"), str("a"), -1},
		{str("\uffff"), str("😀"), 1},
		{str("😀"), str("😁"), -1},
		{str("a"), str("ab"), -1},
		{mustRegExp(t, "a", ""), str("re#a#"), 0},
	}
	for _, tt := range tests {
		if got := value.Compare(tt.a, tt.b); got != tt.want {
			t.Errorf("Compare(%v, %v) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := value.Compare(tt.b, tt.a); got != -tt.want {
			t.Errorf("Compare(%v, %v) = %d, want %d", tt.b, tt.a, got, -tt.want)
		}
	}
}

func TestCompareStrings(t *testing.T) {
	tests := []struct {
		a, b value.Value
		want int
	}{
		{num(10), num(9), -1},
		{str("abc"), str("abd"), -1},
		{null, str("null"), 0},
		{str("b"), str("a"), 1},
		{js(`[]`), str("[Array]"), 0},
	}
	for _, tt := range tests {
		if got := value.CompareStrings(tt.a, tt.b); got != tt.want {
			t.Errorf("CompareStrings(%v, %v) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestCompareUTF16(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "a", -1},
		{"a", "b", -1},
		{"é", "z", 1},
		{"\ue000", "😀", 1}, // U+E000 > the high surrogate of U+1F600
		{"😀", "\ufb01", -1},
		{"😀", "😀", 0},
		{"a😀", "a😁", -1},
		{"Z", "a", -1},
	}
	for _, tt := range tests {
		if got := value.CompareUTF16(tt.a, tt.b); got != tt.want {
			t.Errorf("CompareUTF16(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestLike(t *testing.T) {
	tests := []struct {
		a, b value.Value
		want bool
	}{
		{str("abc"), str("b"), true},
		{str("abc"), str("^b"), false},
		{str("bcd"), mustRegExp(t, "^B", "i"), true},
		{str("bcd"), mustRegExp(t, "^B", ""), false},
		{num(5), num(5), true},
		{num(15), str("^1\\d$"), true},
		{null, str("ul"), true},
		{js(`[1]`), str("Array"), true},
	}
	for _, tt := range tests {
		got, err := value.Like(tt.a, tt.b)
		if err != nil || got.AsBool() != tt.want {
			t.Errorf("Like(%v, %v) = %v, %v; want %v", tt.a, tt.b, got, err, tt.want)
		}
	}
	if _, err := value.Like(str("a"), str("(")); !errors.Is(err, value.ErrInvalidRegExp) {
		t.Errorf("Like with a bad pattern: error = %v, want ErrInvalidRegExp", err)
	}
}

func TestHas(t *testing.T) {
	tests := []struct {
		a, b value.Value
		want bool
	}{
		{js(`[1,2,3]`), num(2), true},
		{js(`[1,2,3]`), str("2"), false},
		{js(`[[1],{"a":1}]`), js(`{"a":1}`), true},
		{js(`[[1],{"a":1}]`), js(`[1]`), true},
		{js(`{"a":1}`), str("a"), true},
		{js(`{"a":1}`), str("b"), false},
		{js(`{"1":1}`), num(1), true},
		{js(`{"null":1}`), null, true},
		{js(`{"a":{"b":[5]}}`), js(`["a","b",0]`), true},
		{js(`{"a":{"b":[5]}}`), js(`["a","b",1]`), false},
		{js(`{"a":{"b":[5]}}`), js(`["a","c"]`), false},
		{js(`{"a":1}`), js(`[]`), false},
		{str("abc"), str("b"), false},
		{null, null, false},
	}
	for _, tt := range tests {
		if got := value.Has(tt.a, tt.b); got != tt.want {
			t.Errorf("Has(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestNoAllocs(t *testing.T) {
	a, b := num(1.5), num(2.25)
	allocs := testing.AllocsPerRun(100, func() {
		v, _ := value.Add(a, b)
		_ = value.Compare(v, b)
		_ = value.Truthy(v)
		_, _ = value.Sub(a, b)
		_, _ = value.Mul(a, b)
		_, _ = value.Div(a, b)
		_ = value.Equal(a, b)
	})
	if allocs != 0 {
		t.Errorf("numeric operators allocate %v times, want 0", allocs)
	}
}
