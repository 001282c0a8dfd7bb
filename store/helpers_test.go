package store_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gopico/pico/store"
	"github.com/gopico/pico/store/storetest"
)

var ctx = context.Background()

// modes are the two kinds of store every behaviour is tested on.
var modes = []struct {
	name string
	opts []store.Option
}{
	{"mem", []store.Option{store.WithInMemory()}},
	{"disk", nil},
}

// eachMode runs fn as a subtest on a fresh store of each mode.
func eachMode(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			fn(t, storetest.New(t, m.opts...))
		})
	}
}

func mustUpdate(t testing.TB, s *store.Store, fn func(store.Tx) error) {
	t.Helper()
	require.NoError(t, s.Update(ctx, fn))
}

func mustView(t testing.TB, s *store.Store, fn func(store.Tx) error) {
	t.Helper()
	require.NoError(t, s.View(ctx, fn))
}

// get reads one key in its own View; a missing key gives nil.
func get(t testing.TB, s *store.Store, key []byte) []byte {
	t.Helper()
	var v []byte
	err := s.View(ctx, func(tx store.Tx) error {
		var err error
		v, err = tx.Get(key)
		return err
	})
	if err != nil {
		require.ErrorIs(t, err, store.ErrNotFound)
		return nil
	}
	return v
}

func set(t testing.TB, s *store.Store, key []byte, val string) {
	t.Helper()
	mustUpdate(t, s, func(tx store.Tx) error { return tx.Set(key, []byte(val)) })
}

// scanAll returns the keys and values under prefix as strings of key
// components joined by "/" (Key.String) mapped to values.
func scanAll(t testing.TB, tx store.Tx, prefix []byte) []string {
	t.Helper()
	var out []string
	require.NoError(t, tx.Scan(prefix, func(k, v []byte) error {
		out = append(out, store.Key(k).String()+"="+string(v))
		return nil
	}))
	return out
}
