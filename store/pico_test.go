package store_test

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gopico/pico/store"
)

// family creates pico child under parent the way the engine does: a
// channel on the parent that only the child uses (the child's ParentECI)
// and one on the child that only the parent uses (in the parent's
// ChildrenECIs).
func family(tx store.Tx, parent, child string) error {
	p, err := tx.GetPico(parent)
	if err != nil {
		return err
	}
	up, down := child+"-up", child+"-down"
	if err := tx.PutPico(store.PicoRecord{ID: child, ParentID: parent, ParentECI: up}); err != nil {
		return err
	}
	if err := tx.PutChannel(store.ChannelRecord{ECI: up, PicoID: parent, Tags: []string{"system", "parent"}, FamilyOf: child}); err != nil {
		return err
	}
	if err := tx.PutChannel(store.ChannelRecord{ECI: down, PicoID: child, Tags: []string{"system", "child"}, FamilyOf: parent}); err != nil {
		return err
	}
	p.ChildrenECIs = append(p.ChildrenECIs, down)
	return tx.PutPico(p)
}

// newRoot stores a root pico with one ordinary channel.
func newRoot(tx store.Tx, id string) error {
	if err := tx.PutPico(store.PicoRecord{ID: id, CreatedAt: time.UnixMilli(1_700_000_000_000)}); err != nil {
		return err
	}
	if err := tx.SetRootPico(id); err != nil {
		return err
	}
	return tx.PutChannel(store.ChannelRecord{ECI: id + "-main", PicoID: id, Tags: []string{"main"}})
}

func TestTx_PutPico_GetPico(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		rec := store.PicoRecord{ID: "root", CreatedAt: time.UnixMilli(1_700_000_000_123)}
		mustUpdate(t, s, func(tx store.Tx) error { return tx.PutPico(rec) })
		mustView(t, s, func(tx store.Tx) error {
			got, err := tx.GetPico("root")
			require.NoError(t, err)
			require.True(t, rec.CreatedAt.Equal(got.CreatedAt))
			got.CreatedAt = rec.CreatedAt
			require.Equal(t, rec, got)
			ok, err := tx.HasPico("root")
			require.NoError(t, err)
			require.True(t, ok)
			return nil
		})
	})
}

func TestTx_GetPico_NotFound(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		err := s.View(ctx, func(tx store.Tx) error {
			_, err := tx.GetPico("nope")
			return err
		})
		require.ErrorIs(t, err, store.ErrNotFound)
		require.Contains(t, err.Error(), `pico "nope"`)
	})
}

func TestTx_PutPico_Invalid(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		tests := []struct {
			name    string
			rec     store.PicoRecord
			wantErr error
		}{
			{"no id", store.PicoRecord{}, store.ErrInvalidRecord},
			{"own parent", store.PicoRecord{ID: "a", ParentID: "a"}, store.ErrInvalidRecord},
			{"missing parent", store.PicoRecord{ID: "a", ParentID: "ghost"}, store.ErrNotFound},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := s.Update(ctx, func(tx store.Tx) error { return tx.PutPico(tt.rec) })
				require.ErrorIs(t, err, tt.wantErr)
			})
		}
	})
}

func TestTx_CountPicos(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		count := func() int {
			var n int
			mustView(t, s, func(tx store.Tx) error {
				var err error
				n, err = tx.CountPicos()
				return err
			})
			return n
		}
		require.Zero(t, count())
		mustUpdate(t, s, func(tx store.Tx) error {
			if err := newRoot(tx, "root"); err != nil {
				return err
			}
			for i := range 5 {
				if err := family(tx, "root", "kid"+strconv.Itoa(i)); err != nil {
					return err
				}
			}
			return nil
		})
		require.Equal(t, 6, count())
		// Replacing a record does not count it twice.
		mustUpdate(t, s, func(tx store.Tx) error {
			p, err := tx.GetPico("kid0")
			if err != nil {
				return err
			}
			return tx.PutPico(p)
		})
		require.Equal(t, 6, count())
		mustUpdate(t, s, func(tx store.Tx) error { return tx.DeletePicoData("kid3") })
		require.Equal(t, 5, count())
	})
}

func TestTx_Picos(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		mustUpdate(t, s, func(tx store.Tx) error {
			if err := newRoot(tx, "r"); err != nil {
				return err
			}
			return family(tx, "r", "a")
		})
		var ids []string
		mustView(t, s, func(tx store.Tx) error {
			return tx.Picos(func(p store.PicoRecord) error {
				ids = append(ids, p.ID)
				return nil
			})
		})
		require.Equal(t, []string{"a", "r"}, ids)
	})
}

func TestTx_RootPico(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		err := s.View(ctx, func(tx store.Tx) error {
			_, err := tx.RootPico()
			return err
		})
		require.ErrorIs(t, err, store.ErrNotFound)

		err = s.Update(ctx, func(tx store.Tx) error { return tx.SetRootPico("ghost") })
		require.ErrorIs(t, err, store.ErrNotFound)

		mustUpdate(t, s, func(tx store.Tx) error { return newRoot(tx, "r") })
		mustView(t, s, func(tx store.Tx) error {
			id, err := tx.RootPico()
			require.NoError(t, err)
			require.Equal(t, "r", id)
			return nil
		})
	})
}

// populate gives pico id a bit of everything.
func populate(tx store.Tx, id string) error {
	if err := tx.PutChannel(store.ChannelRecord{ECI: id + "-app", PicoID: id}); err != nil {
		return err
	}
	for _, rid := range []string{"r1", "r2"} {
		if err := tx.PutInstall(id, store.InstallRecord{RID: rid}); err != nil {
			return err
		}
		if err := tx.PutEntVar(id, rid, "n", []byte("1")); err != nil {
			return err
		}
		if err := tx.PutRuleState(id, rid, "rule", []byte("{}")); err != nil {
			return err
		}
		err := tx.PutSchedule(store.ScheduleRecord{
			ID: id + "-" + rid + "-at", PicoID: id, RID: rid, Type: store.ScheduleAt, At: time.UnixMilli(1_700_000_000_000),
		})
		if err != nil {
			return err
		}
		err = tx.PutSchedule(store.ScheduleRecord{
			ID: id + "-" + rid + "-rep", PicoID: id, RID: rid, Type: store.ScheduleRepeat, Timespec: "* * * * *",
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func TestTx_DeletePicoData(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		mustUpdate(t, s, func(tx store.Tx) error {
			if err := newRoot(tx, "root"); err != nil {
				return err
			}
			for _, kid := range []string{"a", "b"} {
				if err := family(tx, "root", kid); err != nil {
					return err
				}
				if err := populate(tx, kid); err != nil {
					return err
				}
			}
			return populate(tx, "root")
		})
		var before []string
		mustView(t, s, func(tx store.Tx) error {
			before = scanAll(t, tx, nil)
			return nil
		})
		mustUpdate(t, s, func(tx store.Tx) error { return tx.DeletePicoData("a") })
		mustView(t, s, func(tx store.Tx) error {
			for _, kv := range scanAll(t, tx, nil) {
				require.NotRegexp(t, `(^|/|=)a(-|/|$)`, kv, "left behind")
			}
			root, err := tx.GetPico("root")
			require.NoError(t, err)
			require.Equal(t, []string{"b-down"}, root.ChildrenECIs)
			_, err = tx.GetChannel("a-up")
			require.ErrorIs(t, err, store.ErrNotFound, "the family channel on the parent goes too")
			chans, err := tx.PicoChannels("root")
			require.NoError(t, err)
			require.Len(t, chans, 3, "root keeps its own channels and b's")
			return nil
		})
		var after []string
		mustView(t, s, func(tx store.Tx) error {
			after = scanAll(t, tx, nil)
			return nil
		})
		require.Less(t, len(after), len(before))
	})
}

func TestTx_DeletePicoData_Refused(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		mustUpdate(t, s, func(tx store.Tx) error {
			if err := newRoot(tx, "root"); err != nil {
				return err
			}
			return family(tx, "root", "kid")
		})
		tests := []struct {
			name    string
			id      string
			wantErr error
		}{
			{"has children", "root", store.ErrHasChildren},
			{"missing", "ghost", store.ErrNotFound},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := s.Update(ctx, func(tx store.Tx) error { return tx.DeletePicoData(tt.id) })
				require.ErrorIs(t, err, tt.wantErr)
			})
		}
	})
}

func TestTx_DeletePicoData_Root(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		mustUpdate(t, s, func(tx store.Tx) error {
			if err := newRoot(tx, "root"); err != nil {
				return err
			}
			return family(tx, "root", "kid")
		})
		// Deepest first, in one transaction.
		mustUpdate(t, s, func(tx store.Tx) error {
			if err := tx.DeletePicoData("kid"); err != nil {
				return err
			}
			return tx.DeletePicoData("root")
		})
		mustView(t, s, func(tx store.Tx) error {
			_, err := tx.RootPico()
			require.ErrorIs(t, err, store.ErrNotFound)
			n, err := tx.CountPicos()
			require.NoError(t, err)
			require.Zero(t, n)
			require.Equal(t, []string{"meta/layout=1", "meta/picos=\x00\x00\x00\x00\x00\x00\x00\x00"}, scanAll(t, tx, nil))
			return nil
		})
	})
}

func TestStore_DeletePico(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		mustUpdate(t, s, func(tx store.Tx) error {
			if err := newRoot(tx, "root"); err != nil {
				return err
			}
			if err := family(tx, "root", "big"); err != nil {
				return err
			}
			return populate(tx, "big")
		})
		// More entity variables than one transaction can delete.
		for start := 0; start < 30_000; start += 5000 {
			mustUpdate(t, s, func(tx store.Tx) error {
				for i := start; i < start+5000; i++ {
					if err := tx.PutEntVar("big", "r1", fmt.Sprintf("v%05d", i), []byte("1")); err != nil {
						return err
					}
				}
				return nil
			})
		}
		err := s.Update(ctx, func(tx store.Tx) error { return tx.DeletePicoData("big") })
		require.ErrorIs(t, err, store.ErrTxTooBig)

		require.NoError(t, s.DeletePico(ctx, "big"))
		mustView(t, s, func(tx store.Tx) error {
			ok, err := tx.HasPico("big")
			require.NoError(t, err)
			require.False(t, ok)
			require.Empty(t, scanAll(t, tx, store.NewKey("ent", "big")))
			return nil
		})
		require.ErrorIs(t, s.DeletePico(ctx, "big"), store.ErrNotFound)
		require.NoError(t, s.DeletePico(ctx, "root"), "a root without children can go")
	})
}
