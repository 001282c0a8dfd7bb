package store_test

import (
	"bytes"
	"cmp"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gopico/pico/store"
)

func TestNewKey_Parts(t *testing.T) {
	tests := []struct {
		name  string
		parts []string
	}{
		{"single", []string{"pico"}},
		{"several", []string{"ent", "p1", "io.picolabs.x", "count"}},
		{"empty component", []string{"a", "", "b"}},
		{"only empty", []string{""}},
		{"zero bytes", []string{"a\x00b", "\x00", "\x00\x00\xff"}},
		{"high bytes", []string{"\xff\x01", "é€"}},
		{"separator lookalikes", []string{"\x01", "\x00\x01", "/"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := store.NewKey(tt.parts...)
			got, err := k.Parts()
			require.NoError(t, err)
			require.Equal(t, tt.parts, got)
		})
	}
}

func TestNewKey_Empty(t *testing.T) {
	k := store.NewKey()
	require.Empty(t, k)
	parts, err := k.Parts()
	require.NoError(t, err)
	require.Empty(t, parts)
}

func TestKey_Parts_Invalid(t *testing.T) {
	tests := []struct {
		name string
		key  store.Key
	}{
		{"unterminated", store.Key("abc")},
		{"truncated escape", store.Key("abc\x00")},
		{"bad escape", store.Key("abc\x00\x02")},
		{"trailing bytes", append(store.NewKey("a"), 'b')},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.key.Parts()
			require.ErrorIs(t, err, store.ErrInvalidKey)
		})
	}
}

func TestKey_Append(t *testing.T) {
	base := store.NewKey("ent", "p1")
	before := store.Key(bytes.Clone(base))
	k := base.Append("rid", "name")
	require.Equal(t, store.NewKey("ent", "p1", "rid", "name"), k)
	require.Equal(t, before, base, "Append must not modify its receiver")
	require.True(t, k.HasPrefix(base))
	require.False(t, base.HasPrefix(k))
}

func TestKey_HasPrefix(t *testing.T) {
	tests := []struct {
		name         string
		key, prefix  store.Key
		wantPrefixed bool
	}{
		{"extension", store.NewKey("ent", "p1", "x"), store.NewKey("ent", "p1"), true},
		{"equal", store.NewKey("ent", "p1"), store.NewKey("ent", "p1"), true},
		{"longer component is not an extension", store.NewKey("ent", "p10"), store.NewKey("ent", "p1"), false},
		{"escaped zero is not a terminator", store.NewKey("ent", "p1\x00"), store.NewKey("ent", "p1"), false},
		{"other kind", store.NewKey("entx", "p1"), store.NewKey("ent"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.wantPrefixed, tt.key.HasPrefix(tt.prefix))
		})
	}
}

func TestKey_String(t *testing.T) {
	tests := []struct {
		name string
		key  store.Key
		want string
	}{
		{"plain", store.NewKey("pico", "abc"), "pico/abc"},
		{"slash quoted", store.NewKey("ent", "a/b"), `ent/"a/b"`},
		{"empty quoted", store.NewKey("ent", ""), `ent/""`},
		{"binary quoted", store.NewKey("sat", "\x00\x01"), `sat/"\x00\x01"`},
		{"space quoted", store.NewKey("x", "a b"), `x/"a b"`},
		{"not a tuple", store.Key("raw"), `"raw"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, tt.key.String())
		})
	}
}

// compareTuples is the order that key encoding must preserve.
func compareTuples(a, b []string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if c := cmp.Compare(a[i], b[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(a), len(b))
}

func TestKey_Order(t *testing.T) {
	tuples := [][]string{
		{"a"}, {"a", ""}, {"a", "b"}, {"a", "b", "c"}, {"a\x00"}, {"a\x00", "b"},
		{"a\x01"}, {"ab"}, {"a-b"}, {"a/b"}, {"b"}, {""}, {"", ""}, {"\xff"},
		{"ent", "p1", "rid", "x"}, {"ent", "p10"}, {"ent", "p1\x00"},
	}
	keys := make([]store.Key, len(tuples))
	for i, tu := range tuples {
		keys[i] = store.NewKey(tu...)
	}
	slices.SortFunc(tuples, compareTuples)
	slices.SortFunc(keys, func(a, b store.Key) int { return bytes.Compare(a, b) })
	for i, k := range keys {
		got, err := k.Parts()
		require.NoError(t, err)
		require.Equal(t, tuples[i], got, "position %d", i)
	}
}

// FuzzKeyOrder checks the properties of the tuple encoding on arbitrary
// pairs of tuples: decoding inverts encoding, byte order is tuple order, and
// a key is a byte prefix of another exactly when its tuple is a prefix.
func FuzzKeyOrder(f *testing.F) {
	f.Add("a", "b", "a", "b\x00")
	f.Add("", "\x00", "\x00", "")
	f.Add("ent", "p1", "ent", "p10")
	f.Add("x\x00\x01", "y", "x", "\x01y")
	f.Add("\xff", "", "\xff\x00", "\xff")
	f.Fuzz(func(t *testing.T, a1, a2, b1, b2 string) {
		// Tuples of one or two components: an empty second string
		// gives a one-component tuple, to mix lengths.
		mk := func(x, y string) []string {
			parts := []string{x}
			if y != "" {
				parts = append(parts, y)
			}
			return parts
		}
		a, b := mk(a1, a2), mk(b1, b2)
		ka, kb := store.NewKey(a...), store.NewKey(b...)

		for _, c := range []struct {
			tuple []string
			key   store.Key
		}{{a, ka}, {b, kb}} {
			got, err := c.key.Parts()
			if err != nil {
				t.Fatalf("Parts(%q): %v", c.key, err)
			}
			if !slices.Equal(got, c.tuple) {
				t.Fatalf("Parts(NewKey(%q)) = %q", c.tuple, got)
			}
		}
		if got, want := bytes.Compare(ka, kb), compareTuples(a, b); got != want {
			t.Fatalf("order of %q and %q: bytes %d, tuples %d", a, b, got, want)
		}
		isPrefix := len(a) <= len(b) && slices.Equal(a, b[:len(a)])
		if got := kb.HasPrefix(ka); got != isPrefix {
			t.Fatalf("NewKey(%q).HasPrefix(NewKey(%q)) = %v, tuple prefix %v", b, a, got, isPrefix)
		}
	})
}
