package value_test

import (
	"slices"
	"testing"

	"github.com/gopico/pico/krl/value"
	"github.com/gopico/pico/krl/value/valuetest"
)

func TestUTF16(t *testing.T) {
	tests := []struct {
		s     string
		n     int
		units []uint16
	}{
		{"", 0, []uint16{}},
		{"abc", 3, []uint16{'a', 'b', 'c'}},
		{"é", 1, []uint16{0xE9}},
		{"😀", 2, []uint16{0xD83D, 0xDE00}},
		{"a😀b", 4, []uint16{'a', 0xD83D, 0xDE00, 'b'}},
	}
	for _, tt := range tests {
		if got := value.UTF16Len(tt.s); got != tt.n {
			t.Errorf("UTF16Len(%q) = %d, want %d", tt.s, got, tt.n)
		}
		if got := value.UTF16Units(tt.s); !slices.Equal(got, tt.units) {
			t.Errorf("UTF16Units(%q) = %x, want %x", tt.s, got, tt.units)
		}
		if got := value.FromUTF16(tt.units); got != tt.s {
			t.Errorf("FromUTF16(%x) = %q, want %q", tt.units, got, tt.s)
		}
	}
	if got := value.FromUTF16([]uint16{0xD83D, 'x'}); got != "\ufffdx" {
		t.Errorf("FromUTF16 of a lone surrogate = %q", got)
	}
}

func TestSubstringUTF16(t *testing.T) {
	tests := []struct {
		s          string
		start, end int
		want       string
	}{
		{"abcdef", 1, 3, "bc"},
		{"abcdef", 3, 1, "bc"},
		{"abcdef", -2, 2, "ab"},
		{"abcdef", 4, 100, "ef"},
		{"héllo", 1, 3, "él"},
		{"😀ab", 2, 4, "ab"},
		{"😀ab", 1, 3, "\ufffda"},
		{"", 0, 5, ""},
	}
	for _, tt := range tests {
		if got := value.SubstringUTF16(tt.s, tt.start, tt.end); got != tt.want {
			t.Errorf("SubstringUTF16(%q, %d, %d) = %q, want %q", tt.s, tt.start, tt.end, got, tt.want)
		}
	}
}

func TestTrimSpace(t *testing.T) {
	tests := []struct{ in, want string }{
		{"x", "x"},
		{"  x  ", "x"},
		{"\t\n\v\f\r x \u00a0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000\ufeff", "x"},
		{"\u0085x\u200b", "\u0085x\u200b"},
		{"", ""},
		{"   ", ""},
	}
	for _, tt := range tests {
		if got := value.TrimSpace(tt.in); got != tt.want {
			t.Errorf("TrimSpace(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestValue_Accessors(t *testing.T) {
	arr := valuetest.Nums(1, 2)
	if arr.AsArray().Len() != 2 || arr.AsArray().At(5).Kind() != value.NullKind || arr.AsArray().At(-1).Kind() != value.NullKind {
		t.Error("Array accessors")
	}
	var nilArr *value.Array
	if nilArr.Len() != 0 || nilArr.Elems() != nil || !nilArr.At(0).IsNull() {
		t.Error("nil Array accessors")
	}
	if str("x").AsNum() != 0 || num(1).AsStr() != "" || num(1).AsBool() || num(1).AsArray() != nil ||
		num(1).AsMap() != nil || num(1).AsRegExp() != nil || num(1).AsFunc() != nil {
		t.Error("As* on the wrong kind")
	}
	if value.NewMap(nil).AsMap().Len() != 0 || value.EmptyMap().String() != "{}" || value.EmptyArray().String() != "[]" {
		t.Error("empty collections")
	}
	if got := js(`{"a":[1]}`).GoString(); got != `value.Map("{\"a\":[1]}")` {
		t.Errorf("GoString = %s", got)
	}
	m := js(`{"a":1,"b":2}`).AsMap()
	if !slices.Equal(m.Keys(), []string{"a", "b"}) || len(m.Values()) != 2 || m.Values()[1].AsNum() != 2 {
		t.Error("Keys/Values")
	}
}

func TestFunc_Apply(t *testing.T) {
	var got []value.Value
	f := &value.Func{Name: "f", Params: []string{"a", "b"}, Fn: func(_ value.Thread, args []value.Value) (value.Value, error) {
		got = args
		return value.Null, nil
	}}
	th := valuetest.NewThread()
	if _, err := f.Apply(th, []value.Value{num(1)}); err != nil || len(got) != 2 || !got[1].IsNull() {
		t.Errorf("padding: %v %v", got, err)
	}
	if _, err := f.Apply(th, []value.Value{num(1), num(2), num(3)}); err != nil || len(got) != 2 || cap(got) != 2 {
		t.Errorf("cutting: %v %v", got, err)
	}
	f.Variadic = true
	if _, err := f.Apply(th, []value.Value{num(1), num(2), num(3)}); err != nil || len(got) != 3 {
		t.Errorf("variadic: %v %v", got, err)
	}
}
