package store_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gopico/pico/store"
)

func installOrder(t *testing.T, s *store.Store, pico string) []string {
	t.Helper()
	var rids []string
	mustView(t, s, func(tx store.Tx) error {
		ins, err := tx.PicoInstalls(pico)
		for _, in := range ins {
			rids = append(rids, in.RID)
		}
		return err
	})
	return rids
}

func TestTx_PutInstall(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		mustUpdate(t, s, func(tx store.Tx) error { return newRoot(tx, "p") })
		for _, rid := range []string{"zeta", "alpha", "mid"} {
			mustUpdate(t, s, func(tx store.Tx) error {
				return tx.PutInstall("p", store.InstallRecord{RID: rid, Version: "v1", Order: 99})
			})
		}
		require.Equal(t, []string{"zeta", "alpha", "mid"}, installOrder(t, s, "p"), "install order, not rid order")

		// Re-install: new config and version, same position, entvars kept.
		mustUpdate(t, s, func(tx store.Tx) error {
			if err := tx.PutEntVar("p", "zeta", "n", []byte("5")); err != nil {
				return err
			}
			return tx.PutInstall("p", store.InstallRecord{RID: "zeta", Version: "v2", Config: json.RawMessage(`{"a":1}`)})
		})
		require.Equal(t, []string{"zeta", "alpha", "mid"}, installOrder(t, s, "p"))
		mustView(t, s, func(tx store.Tx) error {
			in, err := tx.GetInstall("p", "zeta")
			require.NoError(t, err)
			require.Equal(t, store.InstallRecord{RID: "zeta", Version: "v2", Config: json.RawMessage(`{"a":1}`), Order: 1}, in)
			v, err := tx.GetEntVar("p", "zeta", "n")
			require.NoError(t, err)
			require.Equal(t, "5", string(v))
			return nil
		})

		// Uninstalling and installing again goes last.
		mustUpdate(t, s, func(tx store.Tx) error { return tx.DeleteInstall("p", "zeta") })
		mustUpdate(t, s, func(tx store.Tx) error { return tx.PutInstall("p", store.InstallRecord{RID: "zeta"}) })
		require.Equal(t, []string{"alpha", "mid", "zeta"}, installOrder(t, s, "p"))
	})
}

func TestTx_PutInstall_Invalid(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		mustUpdate(t, s, func(tx store.Tx) error { return newRoot(tx, "p") })
		tests := []struct {
			name    string
			pico    string
			rec     store.InstallRecord
			wantErr error
		}{
			{"no rid", "p", store.InstallRecord{}, store.ErrInvalidRecord},
			{"missing pico", "ghost", store.InstallRecord{RID: "r"}, store.ErrNotFound},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := s.Update(ctx, func(tx store.Tx) error { return tx.PutInstall(tt.pico, tt.rec) })
				require.ErrorIs(t, err, tt.wantErr)
			})
		}
	})
}

func TestTx_GetInstall_NotFound(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		mustUpdate(t, s, func(tx store.Tx) error { return newRoot(tx, "p") })
		mustView(t, s, func(tx store.Tx) error {
			_, err := tx.GetInstall("p", "nope")
			require.ErrorIs(t, err, store.ErrNotFound)
			ok, err := tx.HasInstall("p", "nope")
			require.NoError(t, err)
			require.False(t, ok)
			return nil
		})
	})
}

func TestTx_DeleteInstall(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		mustUpdate(t, s, func(tx store.Tx) error {
			if err := newRoot(tx, "p"); err != nil {
				return err
			}
			return populate(tx, "p")
		})
		mustUpdate(t, s, func(tx store.Tx) error { return tx.DeleteInstall("p", "r1") })
		mustView(t, s, func(tx store.Tx) error {
			// Everything of r1 is gone, r2 is untouched.
			for _, prefix := range []store.Key{
				store.NewKey("ent", "p", "r1"), store.NewKey("rstate", "p", "r1"), store.NewKey("psched", "p", "r1"),
			} {
				require.Empty(t, scanAll(t, tx, prefix), prefix.String())
			}
			_, err := tx.GetSchedule("p-r1-at")
			require.ErrorIs(t, err, store.ErrNotFound)
			scheds, err := tx.PicoSchedules("p")
			require.NoError(t, err)
			require.Len(t, scheds, 2)
			n := 0
			require.NoError(t, tx.EntVars("p", "r2", func(string, []byte) error { n++; return nil }))
			require.Equal(t, 1, n)
			return nil
		})
		err := s.Update(ctx, func(tx store.Tx) error { return tx.DeleteInstall("p", "r1") })
		require.ErrorIs(t, err, store.ErrNotFound)
	})
}
