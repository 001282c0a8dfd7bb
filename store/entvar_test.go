package store_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gopico/pico/store"
)

// namedStore abstracts entity variables and rule states, which have the
// same shape, so that one table tests both.
type namedStore struct {
	name   string
	get    func(tx store.Tx, pico, rid, name string) ([]byte, error)
	put    func(tx store.Tx, pico, rid, name string, val []byte) error
	del    func(tx store.Tx, pico, rid, name string) error
	list   func(tx store.Tx, pico, rid string, fn func(string, []byte) error) error
	delAll func(tx store.Tx, pico, rid string) error
}

var namedStores = []namedStore{
	{"EntVar", store.Tx.GetEntVar, store.Tx.PutEntVar, store.Tx.DeleteEntVar, store.Tx.EntVars, store.Tx.DeleteEntVars},
	{"RuleState", store.Tx.GetRuleState, store.Tx.PutRuleState, store.Tx.DeleteRuleState, store.Tx.RuleStates, store.Tx.DeleteRuleStates},
}

func TestTx_EntVar_RuleState(t *testing.T) {
	for _, ns := range namedStores {
		t.Run(ns.name, func(t *testing.T) {
			eachMode(t, func(t *testing.T, s *store.Store) {
				mustUpdate(t, s, func(tx store.Tx) error {
					if err := newRoot(tx, "p"); err != nil {
						return err
					}
					for _, rid := range []string{"r", "r2"} {
						if err := tx.PutInstall("p", store.InstallRecord{RID: rid}); err != nil {
							return err
						}
					}
					for _, n := range []string{"b", "a", "c"} {
						if err := ns.put(tx, "p", "r", n, []byte(`"`+n+`"`)); err != nil {
							return err
						}
					}
					return ns.put(tx, "p", "r2", "a", []byte("other"))
				})
				list := func(rid string) []string {
					var out []string
					mustView(t, s, func(tx store.Tx) error {
						return ns.list(tx, "p", rid, func(n string, v []byte) error {
							out = append(out, n+"="+string(v))
							return nil
						})
					})
					return out
				}
				require.Equal(t, []string{`a="a"`, `b="b"`, `c="c"`}, list("r"))

				mustView(t, s, func(tx store.Tx) error {
					v, err := ns.get(tx, "p", "r", "b")
					require.NoError(t, err)
					require.Equal(t, `"b"`, string(v))
					_, err = ns.get(tx, "p", "r", "zz")
					require.ErrorIs(t, err, store.ErrNotFound)
					return nil
				})

				mustUpdate(t, s, func(tx store.Tx) error {
					if err := ns.put(tx, "p", "r", "a", []byte("1")); err != nil {
						return err
					}
					if err := ns.del(tx, "p", "r", "b"); err != nil {
						return err
					}
					return ns.del(tx, "p", "r", "never")
				})
				require.Equal(t, []string{"a=1", `c="c"`}, list("r"))

				mustUpdate(t, s, func(tx store.Tx) error { return ns.delAll(tx, "p", "r") })
				require.Empty(t, list("r"))
				require.Equal(t, []string{"a=other"}, list("r2"), "other rulesets are untouched")

				err := s.Update(ctx, func(tx store.Tx) error { return ns.put(tx, "p", "", "x", nil) })
				require.ErrorIs(t, err, store.ErrInvalidRecord)
			})
		})
	}
}
