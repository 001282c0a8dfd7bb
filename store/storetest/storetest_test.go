package storetest_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gopico/pico/store"
	"github.com/gopico/pico/store/storetest"
)

// recorder is a testing.TB that records failures and cleanups instead of
// acting on them, so that New's cleanup can be observed.
type recorder struct {
	testing.TB
	errors   []string
	cleanups []func()
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recorder) Cleanup(fn func()) { r.cleanups = append(r.cleanups, fn) }

func (r *recorder) runCleanups() {
	for i := len(r.cleanups) - 1; i >= 0; i-- {
		r.cleanups[i]()
	}
}

func TestNew(t *testing.T) {
	tests := []struct {
		name     string
		opts     []store.Option
		inMemory bool
	}{
		{"disk by default", nil, false},
		{"in memory", []store.Option{store.WithInMemory()}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := storetest.New(t, tt.opts...)
			require.Equal(t, tt.inMemory, s.InMemory())
			require.NoError(t, s.Update(context.Background(), func(tx store.Tx) error {
				return tx.PutPico(store.PicoRecord{ID: "p"})
			}))
		})
	}
}

func TestNew_ChecksAtCleanup(t *testing.T) {
	tests := []struct {
		name       string
		write      func(tx store.Tx) error
		wantErrors int
	}{
		{"consistent", func(tx store.Tx) error {
			return tx.PutPico(store.PicoRecord{ID: "p"})
		}, 0},
		{"orphaned entity variable", func(tx store.Tx) error {
			return tx.PutEntVar("ghost", "rid", "x", []byte("1"))
		}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{TB: t}
			s := storetest.New(r, store.WithInMemory())
			require.NoError(t, s.Update(context.Background(), tt.write))
			r.runCleanups()
			require.Len(t, r.errors, tt.wantErrors, "%q", r.errors)
			require.ErrorIs(t, s.View(context.Background(), func(store.Tx) error { return nil }), store.ErrClosed)
		})
	}
}

func TestNew_ClosedByTest(t *testing.T) {
	r := &recorder{TB: t}
	s := storetest.New(r)
	require.NoError(t, s.Close())
	r.runCleanups()
	require.Empty(t, r.errors)
}

func TestReopen(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	require.NoError(t, s.Update(ctx, func(tx store.Tx) error {
		return tx.PutPico(store.PicoRecord{ID: "p"})
	}))
	s2 := storetest.Reopen(t, s)
	require.Equal(t, s.Dir(), s2.Dir())
	require.NoError(t, s2.View(ctx, func(tx store.Tx) error {
		_, err := tx.GetPico("p")
		return err
	}))
	require.ErrorIs(t, s.View(ctx, func(store.Tx) error { return nil }), store.ErrClosed)
}
