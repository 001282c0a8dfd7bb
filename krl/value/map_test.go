package value_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/gopico/pico/krl/value"
)

func TestNewMapValue_KeyOrder(t *testing.T) {
	tests := []struct {
		keys []string
		want []string
	}{
		{[]string{"b", "a"}, []string{"b", "a"}},
		{[]string{"b", "10", "2", "a"}, []string{"2", "10", "b", "a"}},
		{[]string{"01", "1", "-1", "1.5", "0"}, []string{"0", "1", "01", "-1", "1.5"}},
		{[]string{"4294967295", "4294967294"}, []string{"4294967294", "4294967295"}},
		{[]string{"a", "b", "a"}, []string{"a", "b"}},
		{[]string{}, nil},
	}
	for _, tt := range tests {
		vals := make([]value.Value, len(tt.keys))
		for i := range vals {
			vals[i] = num(float64(i))
		}
		m := value.NewMapValue(tt.keys, vals).AsMap()
		if got := m.Keys(); !slices.Equal(got, tt.want) {
			t.Errorf("keys of %q = %q, want %q", tt.keys, got, tt.want)
		}
		if m.Len() != len(tt.want) {
			t.Errorf("Len() = %d, want %d", m.Len(), len(tt.want))
		}
	}
}

func TestNewMapValue_DuplicateWins(t *testing.T) {
	m := value.NewMapValue([]string{"a", "b", "a"}, []value.Value{num(1), num(2), num(3)}).AsMap()
	if v, ok := m.Get("a"); !ok || v.AsNum() != 3 {
		t.Errorf(`Get("a") = %v, %v; want 3`, v, ok)
	}
	if !slices.Equal(m.Keys(), []string{"a", "b"}) {
		t.Errorf("Keys() = %q", m.Keys())
	}
}

func TestMap_Large(t *testing.T) {
	b := value.NewMapBuilder(0)
	for i := 99; i >= 0; i-- {
		b.Set(fmt.Sprintf("k%d", i), num(float64(i)))
		b.Set(fmt.Sprint(i), num(float64(i)))
	}
	if b.Len() != 200 {
		t.Fatalf("builder Len() = %d", b.Len())
	}
	if v, ok := b.Get("k5"); !ok || v.AsNum() != 5 {
		t.Errorf(`builder Get("k5") = %v, %v`, v, ok)
	}
	m := b.Map()
	for i := 0; i < 100; i++ {
		if k, _ := m.At(i); k != fmt.Sprint(i) {
			t.Fatalf("key %d = %q", i, k)
		}
		if k, _ := m.At(100 + i); k != fmt.Sprintf("k%d", 99-i) {
			t.Fatalf("key %d = %q", 100+i, k)
		}
		if v, ok := m.Get(fmt.Sprintf("k%d", i)); !ok || v.AsNum() != float64(i) {
			t.Fatalf("Get(k%d) = %v, %v", i, v, ok)
		}
	}
	if _, ok := m.Get("nope"); ok {
		t.Error(`Get("nope") found something`)
	}
	m2 := m.With("k5", str("x")).With("zz", str("y")).With("150", str("z"))
	if v, _ := m2.Get("k5"); v.AsStr() != "x" {
		t.Errorf("With k5 = %v", v)
	}
	if k, _ := m2.At(100); k != "150" {
		t.Errorf("index key 150 at %q", k)
	}
	if k, _ := m2.At(m2.Len() - 1); k != "zz" {
		t.Errorf("last key %q", k)
	}
	if v, _ := m.Get("k5"); v.AsNum() != 5 {
		t.Errorf("With changed the original: %v", v)
	}
	m3 := m2.Without("k7")
	if m3.Has("k7") || !m2.Has("k7") || m3.Len() != m2.Len()-1 {
		t.Errorf("Without k7: %v %v %d", m3.Has("k7"), m2.Has("k7"), m3.Len())
	}
	if v, ok := m3.Get("k8"); !ok || v.AsNum() != 8 {
		t.Errorf("after Without, Get(k8) = %v, %v", v, ok)
	}
}

func TestMap_With(t *testing.T) {
	tests := []struct {
		in   string
		k    string
		want string
	}{
		{`{"b":1,"a":2}`, "a", `{"b":1,"a":0}`},
		{`{"b":1,"a":2}`, "c", `{"b":1,"a":2,"c":0}`},
		{`{"b":1,"a":2}`, "5", `{"5":0,"b":1,"a":2}`},
		{`{"1":1,"9":2,"x":3}`, "5", `{"1":1,"5":0,"9":2,"x":3}`},
		{`{"1":1,"9":2,"x":3}`, "10", `{"1":1,"9":2,"10":0,"x":3}`},
		{`{}`, "a", `{"a":0}`},
	}
	for _, tt := range tests {
		got := value.NewMap(js(tt.in).AsMap().With(tt.k, num(0)))
		if s := got.String(); s != tt.want {
			t.Errorf("%s.With(%q) = %s, want %s", tt.in, tt.k, s, tt.want)
		}
	}
}

func TestMap_Merge(t *testing.T) {
	got := value.NewMap(js(`{"b":1,"a":2}`).AsMap().Merge(js(`{"a":3,"1":4}`).AsMap()))
	if s := got.String(); s != `{"1":4,"b":1,"a":3}` {
		t.Errorf("Merge = %s", s)
	}
}

func TestMap_Range(t *testing.T) {
	m := js(`{"x":1,"y":2,"z":3}`).AsMap()
	var seen []string
	m.Range(func(k string, v value.Value) bool {
		seen = append(seen, k)
		return k != "y"
	})
	if !slices.Equal(seen, []string{"x", "y"}) {
		t.Errorf("Range visited %q", seen)
	}
	var nilMap *value.Map
	nilMap.Range(func(string, value.Value) bool { t.Error("called on nil map"); return true })
	if nilMap.Len() != 0 || nilMap.Keys() != nil || nilMap.Has("a") {
		t.Error("nil map is not empty")
	}
}

func TestIsArrayIndex(t *testing.T) {
	tests := []struct {
		k    string
		want bool
	}{
		{"0", true}, {"1", true}, {"4294967294", true}, {"4294967295", false},
		{"01", false}, {"-1", false}, {"1.0", false}, {"", false}, {"a", false}, {"99999999999", false},
	}
	for _, tt := range tests {
		if got := value.IsArrayIndex(tt.k); got != tt.want {
			t.Errorf("IsArrayIndex(%q) = %v, want %v", tt.k, got, tt.want)
		}
	}
}
