package store_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gopico/pico/store"
)

func rs(rid, src string, at time.Duration) store.RulesetRecord {
	return store.RulesetRecord{
		RID: rid, Version: store.RulesetVersion([]byte(src)), Source: []byte(src),
		Filename: rid + ".krl", RegisteredAt: t0.Add(at),
	}
}

func TestRulesetVersion(t *testing.T) {
	a := store.RulesetVersion([]byte("ruleset a {}"))
	require.Len(t, a, 32)
	require.Equal(t, a, store.RulesetVersion([]byte("ruleset a {}")))
	require.NotEqual(t, a, store.RulesetVersion([]byte("ruleset a { }")))
}

func TestTx_PutRuleset(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		v1 := rs("hello", "ruleset hello { }", 0)
		v2 := rs("hello", "ruleset hello { rule r { select when a b } }", time.Minute)
		v2.Source = append(v2.Source, 0, 0xff) // sources are bytes
		other := rs("other", "ruleset other { }", 0)
		mustUpdate(t, s, func(tx store.Tx) error {
			for _, r := range []store.RulesetRecord{v1, other, v2} {
				if err := tx.PutRuleset(r); err != nil {
					return err
				}
			}
			return nil
		})
		mustView(t, s, func(tx store.Tx) error {
			cur, err := tx.CurrentRuleset("hello")
			require.NoError(t, err)
			require.Equal(t, v2, cur, "the last stored version is current")
			old, err := tx.GetRuleset("hello", v1.Version)
			require.NoError(t, err)
			require.Equal(t, v1, old)
			versions, err := tx.RulesetVersions("hello")
			require.NoError(t, err)
			require.Equal(t, []store.RulesetRecord{v1, v2}, versions)
			var rids []string
			require.NoError(t, tx.Rulesets(func(r store.RulesetRecord) error {
				rids = append(rids, r.RID+"@"+r.Version[:4])
				return nil
			}))
			require.Equal(t, []string{"hello@" + v2.Version[:4], "other@" + other.Version[:4]}, rids)
			return nil
		})

		mustUpdate(t, s, func(tx store.Tx) error { return tx.SetCurrentRuleset("hello", v1.Version) })
		mustView(t, s, func(tx store.Tx) error {
			cur, err := tx.CurrentRuleset("hello")
			require.NoError(t, err)
			require.Equal(t, v1.Version, cur.Version)
			return nil
		})
	})
}

func TestTx_PutRuleset_Invalid(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		tests := []struct {
			name string
			rec  store.RulesetRecord
		}{
			{"no rid", store.RulesetRecord{Version: "v"}},
			{"no version", store.RulesetRecord{RID: "r"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := s.Update(ctx, func(tx store.Tx) error { return tx.PutRuleset(tt.rec) })
				require.ErrorIs(t, err, store.ErrInvalidRecord)
			})
		}
	})
}

func TestTx_Ruleset_NotFound(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		mustUpdate(t, s, func(tx store.Tx) error { return tx.PutRuleset(rs("a", "src", 0)) })
		tests := []struct {
			name string
			op   func(tx store.Tx) error
		}{
			{"CurrentRuleset", func(tx store.Tx) error { _, err := tx.CurrentRuleset("nope"); return err }},
			{"GetRuleset", func(tx store.Tx) error { _, err := tx.GetRuleset("a", "nope"); return err }},
			{"SetCurrentRuleset", func(tx store.Tx) error { return tx.SetCurrentRuleset("a", "nope") }},
			{"DeleteRuleset", func(tx store.Tx) error { return tx.DeleteRuleset("nope") }},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				require.ErrorIs(t, s.Update(ctx, tt.op), store.ErrNotFound)
			})
		}
	})
}

func TestTx_DeleteRuleset(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		mustUpdate(t, s, func(tx store.Tx) error {
			for _, r := range []store.RulesetRecord{rs("a", "1", 0), rs("a", "2", 1), rs("ab", "3", 0)} {
				if err := tx.PutRuleset(r); err != nil {
					return err
				}
			}
			return nil
		})
		mustUpdate(t, s, func(tx store.Tx) error { return tx.DeleteRuleset("a") })
		mustView(t, s, func(tx store.Tx) error {
			versions, err := tx.RulesetVersions("a")
			require.NoError(t, err)
			require.Empty(t, versions)
			_, err = tx.CurrentRuleset("ab")
			require.NoError(t, err, "a rid sharing a prefix is untouched")
			return nil
		})
	})
}
