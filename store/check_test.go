package store_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gopico/pico/store"
)

// healthy returns an in-memory store holding a small consistent tree. It
// is opened without storetest, since the tests below break it on purpose.
func healthy(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(store.WithInMemory())
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, s.Close()) })
	mustUpdate(t, s, func(tx store.Tx) error {
		if err := newRoot(tx, "root"); err != nil {
			return err
		}
		if err := family(tx, "root", "kid"); err != nil {
			return err
		}
		if err := populate(tx, "kid"); err != nil {
			return err
		}
		return tx.PutRuleset(rs("r1", "ruleset r1 {}", 0))
	})
	return s
}

func TestStore_Check_Healthy(t *testing.T) {
	s := healthy(t)
	require.NoError(t, s.Check(ctx))
	// Keys of unknown kinds, and raw keys, are not the layout's business.
	set(t, s, store.NewKey("engine", "cache", "x"), "1")
	set(t, s, []byte("raw"), "1")
	require.NoError(t, s.Check(ctx))
}

func TestStore_Check_Violations(t *testing.T) {
	raw := func(v any) []byte {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		return b
	}
	tests := []struct {
		name   string
		breaks func(tx store.Tx) error
		want   string
	}{
		{"counter", func(tx store.Tx) error {
			return tx.Set(store.NewKey("meta", "picos"), []byte{0, 0, 0, 0, 0, 0, 0, 9})
		}, "pico counter says 9, 2 pico records"},
		{"root", func(tx store.Tx) error {
			return tx.Set(store.NewKey("root"), []byte("ghost"))
		}, `root pico "ghost" does not exist`},
		{"undecodable record", func(tx store.Tx) error {
			return tx.Set(store.NewKey("pico", "root"), []byte("{"))
		}, "invalid record: pico/root"},
		{"record under the wrong key", func(tx store.Tx) error {
			return tx.Set(store.NewKey("pico", "root"), raw(store.PicoRecord{ID: "other"}))
		}, `pico record pico/root has id "other"`},
		{"wrong arity", func(tx store.Tx) error {
			return tx.Set(store.NewKey("pico", "a", "b"), nil)
		}, "pico/a/b: 3 components, want 2"},
		{"missing parent", func(tx store.Tx) error {
			return tx.Delete(store.NewKey("pico", "root"))
		}, `pico "kid": parent "root" does not exist`},
		{"child channel", func(tx store.Tx) error {
			if err := tx.Delete(store.NewKey("chan", "kid-down")); err != nil {
				return err
			}
			return tx.Delete(store.NewKey("pchan", "kid", "kid-down"))
		}, `pico "root": child channel "kid-down" does not exist`},
		{"parent channel", func(tx store.Tx) error {
			if err := tx.Delete(store.NewKey("chan", "kid-up")); err != nil {
				return err
			}
			return tx.Delete(store.NewKey("pchan", "root", "kid-up"))
		}, `pico "kid": parent channel "kid-up" does not exist`},
		{"channel of a missing pico", func(tx store.Tx) error {
			return tx.Set(store.NewKey("chan", "stray"), raw(store.ChannelRecord{ECI: "stray", PicoID: "ghost"}))
		}, `channel "stray": pico "ghost" does not exist`},
		{"unlisted channel", func(tx store.Tx) error {
			return tx.Delete(store.NewKey("pchan", "root", "root-main"))
		}, `channel "root-main" is not listed under pico "root"`},
		{"listing without channel", func(tx store.Tx) error {
			return tx.Set(store.NewKey("pchan", "root", "phantom"), nil)
		}, `pico "root" lists channel "phantom"`},
		{"orphaned install", func(tx store.Tx) error {
			return tx.Set(store.NewKey("inst", "ghost", "r"), raw(store.InstallRecord{RID: "r"}))
		}, `install of "r" on missing pico "ghost"`},
		{"orphaned entvar", func(tx store.Tx) error {
			return tx.PutEntVar("root", "r9", "x", []byte("1"))
		}, `ent key of "r9" on pico "root"`},
		{"orphaned rule state", func(tx store.Tx) error {
			return tx.PutRuleState("root", "r9", "x", []byte("1"))
		}, `rstate key of "r9" on pico "root"`},
		{"schedule of an uninstalled ruleset", func(tx store.Tx) error {
			return tx.Delete(store.NewKey("inst", "kid", "r1"))
		}, `schedule "kid-r1-at": ruleset "r1" is not installed on pico "kid"`},
		{"schedule index missing", func(tx store.Tx) error {
			return tx.DeletePrefix(store.NewKey("sat"))
		}, `schedule "kid-r1-at": index key sat/`},
		{"stray schedule index", func(tx store.Tx) error {
			return tx.Set(store.NewKey("srep", "ghost"), nil)
		}, "index key srep/ghost names no matching schedule"},
		{"current ruleset version", func(tx store.Tx) error {
			return tx.Set(store.NewKey("rscur", "r1"), []byte("v0"))
		}, `current version "v0" of ruleset "r1" does not exist`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := healthy(t)
			mustUpdate(t, s, tt.breaks)
			err := s.Check(ctx)
			require.ErrorIs(t, err, store.ErrInconsistent)
			require.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestStore_Check_ManyProblems(t *testing.T) {
	s := healthy(t)
	mustUpdate(t, s, func(tx store.Tx) error {
		for i := range 60 {
			if err := tx.Set(store.NewKey("pchan", "root", string(rune('A'+i))), nil); err != nil {
				return err
			}
		}
		return nil
	})
	err := s.Check(ctx)
	require.ErrorIs(t, err, store.ErrInconsistent)
	require.Contains(t, err.Error(), "60 problems")
	require.Contains(t, err.Error(), "and 10 more")
}
