package store

import (
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
			o := newOverlay()
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
			if int(o.count) != len(o.m) {
				t.Errorf("count %d, %d entries", o.count, len(o.m))
			}
		})
	}
}

func TestOverlay_Put_TooBig(t *testing.T) {
	s := &Store{maxCount: 3, maxSize: 1 << 20}
	o := newOverlay()
	for _, k := range []string{"a", "b", "a", "b"} {
		if err := o.put(s, []byte(k), nil, false); err != nil {
			t.Fatalf("put %q: %v", k, err)
		}
	}
	if err := o.put(s, []byte("c"), nil, false); err != ErrTxTooBig {
		t.Fatalf("third key: %v, want ErrTxTooBig", err)
	}
	if _, ok := o.m["c"]; ok {
		t.Fatal("a refused write was recorded")
	}
}
