package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/gopico/pico/store"
)

// New opens a store in t.TempDir(), with opts applied after that directory
// (so [store.WithInMemory] gives an in-memory store instead). When the test
// ends, the store is checked (a violation fails the test) and closed. A
// store that the test closed itself is not checked.
func New(t testing.TB, opts ...store.Option) *store.Store {
	t.Helper()
	all := append([]store.Option{store.WithDir(t.TempDir())}, opts...)
	s, err := store.Open(all...)
	if err != nil {
		t.Fatalf("storetest: open: %v", err)
	}
	t.Cleanup(func() { cleanup(t, s) })
	return s
}

// Reopen closes s and opens its directory again with opts, like a restart.
// The new store is checked and closed when the test ends. It fails the test
// if s is in memory.
func Reopen(t testing.TB, s *store.Store, opts ...store.Option) *store.Store {
	t.Helper()
	if s.InMemory() {
		t.Fatalf("storetest: cannot reopen an in-memory store")
	}
	if err := s.Close(); err != nil {
		t.Fatalf("storetest: close: %v", err)
	}
	all := append([]store.Option{store.WithDir(s.Dir())}, opts...)
	s2, err := store.Open(all...)
	if err != nil {
		t.Fatalf("storetest: reopen: %v", err)
	}
	t.Cleanup(func() { cleanup(t, s2) })
	return s2
}

func cleanup(t testing.TB, s *store.Store) {
	t.Helper()
	err := s.Check(context.Background())
	if err != nil && !errors.Is(err, store.ErrClosed) {
		t.Errorf("storetest: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("storetest: close: %v", err)
	}
}
