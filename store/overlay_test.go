package store

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestOverlay_Items(t *testing.T) {
	s := &Store{maxCount: 1000, maxSize: 1 << 20}
	tests := []struct {
		name   string
		rounds [][]string // keys put in each round; items is called between rounds
		start  string
		prefix string
		want   []string
	}{
		{"one round", [][]string{{"c", "a", "b"}}, "", "", []string{"a", "b", "c"}},
		{"interleaved rounds", [][]string{{"m", "c"}, {"a", "z"}, {"n", "b"}}, "", "", []string{"a", "b", "c", "m", "n", "z"}},
		{"overwrites keep one entry", [][]string{{"b", "a"}, {"a", "b", "a"}}, "", "", []string{"a", "b"}},
		{"from start", [][]string{{"a", "b"}, {"c", "d"}}, "b", "", []string{"b", "c", "d"}},
		{"prefix", [][]string{{"xa", "y", "xb"}, {"x", "w"}}, "x", "x", []string{"x", "xa", "xb"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := &overlay{}
			keep := func(k []byte) bool { return strings.HasPrefix(string(k), tt.prefix) }
			var got []string
			for _, round := range tt.rounds {
				for _, k := range round {
					if err := o.put(s, []byte(k), []byte("v"), false); err != nil {
						t.Fatal(err)
					}
				}
				got = got[:0]
				for _, e := range o.items([]byte(tt.start), keep) {
					got = append(got, string(e.key))
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("items = %q, want %q", got, tt.want)
			}
			if int(o.count) != len(o.entries) {
				t.Errorf("count %d, %d entries", o.count, len(o.entries))
			}
		})
	}
}

func TestOverlay_Put_TooBig(t *testing.T) {
	s := &Store{maxCount: 3, maxSize: 1 << 20}
	o := &overlay{}
	for _, k := range []string{"a", "b", "a", "b"} {
		if err := o.put(s, []byte(k), nil, false); err != nil {
			t.Fatalf("put %q: %v", k, err)
		}
	}
	if err := o.put(s, []byte("c"), nil, false); err != ErrTxTooBig {
		t.Fatalf("third key: %v, want ErrTxTooBig", err)
	}
	if _, ok := o.lookup([]byte("c")); ok {
		t.Fatal("a refused write was recorded")
	}
}

// TestOverlay_Items_Large grows an overlay past the size where it indexes
// its keys, reading its items after every few writes: each read must list
// the keys in order, whether the new ones were inserted one by one or
// sorted and merged.
func TestOverlay_Items_Large(t *testing.T) {
	s := &Store{maxCount: 10_000, maxSize: 1 << 20}
	o := &overlay{}
	want := map[string]bool{}
	for i := range 300 {
		k := fmt.Sprintf("k%03d", i*7919%1000)
		if err := o.put(s, []byte(k), []byte("v"), false); err != nil {
			t.Fatal(err)
		}
		want[k] = true
		if i%3 != 0 && i%50 != 49 {
			continue
		}
		var got []string
		for _, e := range o.items(nil, func([]byte) bool { return true }) {
			got = append(got, string(e.key))
		}
		if !slices.IsSorted(got) || len(got) != len(want) {
			t.Fatalf("after %d writes: %d items, want %d in order: %q", i+1, len(got), len(want), got)
		}
		if e, ok := o.lookup([]byte(k)); !ok || string(e.key) != k {
			t.Fatalf("lookup %q: %v", k, ok)
		}
	}
}

// TestOverlay_Base checks that an overlay reads through to its base and
// replaces the base's entries with its own.
func TestOverlay_Base(t *testing.T) {
	s := &Store{maxCount: 1000, maxSize: 1 << 20}
	base := &overlay{}
	for _, k := range []string{"a", "c", "e"} {
		if err := base.put(s, []byte(k), []byte("base"), false); err != nil {
			t.Fatal(err)
		}
	}
	o := &overlay{}
	o.base = base
	if err := o.put(s, []byte("c"), nil, true); err != nil {
		t.Fatal(err)
	}
	if err := o.put(s, []byte("d"), []byte("top"), false); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range o.items([]byte("b"), func([]byte) bool { return true }) {
		got = append(got, fmt.Sprintf("%s:%s:%v", e.key, e.val, e.del))
	}
	want := []string{"c::true", "d:top:false", "e:base:false"}
	if !slices.Equal(got, want) {
		t.Errorf("items = %q, want %q", got, want)
	}
	if e, ok := o.lookup([]byte("a")); !ok || string(e.val) != "base" {
		t.Errorf("lookup a = %+v, %v; want the base's entry", e, ok)
	}
	base.absorb(o)
	if base.count != 4 {
		t.Errorf("after absorb: count %d, want 4", base.count)
	}
	if e, ok := base.lookup([]byte("c")); !ok || !e.del {
		t.Errorf("after absorb: c = %+v, %v; want deleted", e, ok)
	}
}
