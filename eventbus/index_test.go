package eventbus_test

import (
	"slices"
	"testing"

	"github.com/gopico/pico/eventbus"
)

func TestIndex_Lookup(t *testing.T) {
	machines := []*eventbus.Machine{
		mustMachine(t, "e a"),                // 0
		mustMachine(t, "e b before f a"),     // 1
		nil,                                  // 2: listens for nothing
		mustMachine(t, "where true"),         // 3: every event
		mustMachine(t, "e a x re#1# or g c"), // 4
		mustMachine(t, "f a then f a"),       // 5
	}
	ix := eventbus.NewIndex(machines)
	cases := []struct {
		domain, typ string
		want        []int
	}{
		{"e", "a", []int{0, 3, 4}},
		{"e", "b", []int{1, 3}},
		{"f", "a", []int{1, 3, 5}},
		{"g", "c", []int{3, 4}},
		{"e", "c", []int{3}},     // known domain and type, not together
		{"e", "zzz", []int{3}},   // known domain, unknown type
		{"zzz", "a", []int{3}},   // unknown domain, known type
		{"zzz", "zzz", []int{3}}, // nothing known
		{"", "", []int{3}},       // empty names
	}
	for _, c := range cases {
		if got := ix.Lookup(c.domain, c.typ); !slices.Equal(got, c.want) {
			t.Errorf("Lookup(%q, %q) = %v, want %v", c.domain, c.typ, got, c.want)
		}
	}
}

func TestIndex_Lookup_nobody(t *testing.T) {
	ix := eventbus.NewIndex([]*eventbus.Machine{mustMachine(t, "e a"), mustMachine(t, "f b")})
	if got := ix.Lookup("e", "b"); got != nil {
		t.Errorf("Lookup(e, b) = %v, want nil", got)
	}
	if got := ix.Lookup("x", "y"); got != nil {
		t.Errorf("Lookup(x, y) = %v, want nil", got)
	}
	if got := eventbus.NewIndex(nil).Lookup("e", "a"); got != nil {
		t.Errorf("empty index: %v", got)
	}
}

func TestIndex_Lookup_allocations(t *testing.T) {
	var ms []*eventbus.Machine
	for _, src := range []string{"e a", "e b then e c", "f a before g b"} {
		ms = append(ms, mustMachine(t, src))
	}
	ix := eventbus.NewIndex(ms)
	for _, q := range [][2]string{{"e", "a"}, {"e", "x"}, {"x", "a"}, {"nobody", "listens"}} {
		if n := testing.AllocsPerRun(100, func() { ix.Lookup(q[0], q[1]) }); n != 0 {
			t.Errorf("Lookup(%s, %s) allocates %v times", q[0], q[1], n)
		}
	}
}

// TestIndex_agreesWithListens checks every lookup against the machines'
// own salience over the names they use and some they do not.
func TestIndex_agreesWithListens(t *testing.T) {
	srcs := []string{"a b", "a c or d b", "where true", "count 2 (d e)", "a b then d c", "x y"}
	var ms []*eventbus.Machine
	for _, s := range srcs {
		ms = append(ms, mustMachine(t, s))
	}
	ix := eventbus.NewIndex(ms)
	names := []string{"a", "b", "c", "d", "e", "x", "y", "q", "*"}
	for _, d := range names {
		for _, ty := range names {
			var want []int
			for i, m := range ms {
				if m.Listens(d, ty) {
					want = append(want, i)
				}
			}
			if got := ix.Lookup(d, ty); !slices.Equal(got, want) {
				t.Errorf("Lookup(%q, %q) = %v, want %v", d, ty, got, want)
			}
		}
	}
}
