package store_test

import (
	"context"
	"errors"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gopico/pico/store"
	"github.com/gopico/pico/store/storetest"
)

func TestTx_Get_NotFound(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		err := s.View(ctx, func(tx store.Tx) error {
			_, err := tx.Get(store.NewKey("app", "missing"))
			return err
		})
		require.ErrorIs(t, err, store.ErrNotFound)
	})
}

func TestTx_Get(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		set(t, s, store.NewKey("app", "a"), "1")
		set(t, s, store.NewKey("app", "empty"), "")
		tests := []struct {
			name    string
			key     []byte
			want    []byte
			wantErr error
		}{
			{"stored", store.NewKey("app", "a"), []byte("1"), nil},
			{"empty value", store.NewKey("app", "empty"), []byte{}, nil},
			{"missing", store.NewKey("app", "b"), nil, store.ErrNotFound},
			{"prefix of a key is not the key", store.NewKey("app"), nil, store.ErrNotFound},
			{"empty key", nil, nil, store.ErrInvalidKey},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := s.View(ctx, func(tx store.Tx) error {
					got, err := tx.Get(tt.key)
					if err == nil {
						require.Equal(t, tt.want, got)
					}
					return err
				})
				if tt.wantErr != nil {
					require.ErrorIs(t, err, tt.wantErr)
				} else {
					require.NoError(t, err)
				}
			})
		}
	})
}

func TestTx_Has(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		set(t, s, store.NewKey("app", "a"), "1")
		tests := []struct {
			name string
			key  []byte
			want bool
		}{
			{"present", store.NewKey("app", "a"), true},
			{"absent", store.NewKey("app", "b"), false},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				mustView(t, s, func(tx store.Tx) error {
					got, err := tx.Has(tt.key)
					require.NoError(t, err)
					require.Equal(t, tt.want, got)
					return nil
				})
			})
		}
	})
}

func TestTx_Set_CopiesArguments(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		key := []byte(store.NewKey("app", "k"))
		val := []byte("value")
		mustUpdate(t, s, func(tx store.Tx) error {
			if err := tx.Set(key, val); err != nil {
				return err
			}
			// The caller may reuse its buffers right away.
			copy(val, "XXXXX")
			key[0] = 'z'
			return nil
		})
		require.Equal(t, []byte("value"), get(t, s, store.NewKey("app", "k")))
	})
}

func TestTx_Get_ReturnsCopy(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		k := store.NewKey("app", "k")
		set(t, s, k, "value")
		mustView(t, s, func(tx store.Tx) error {
			v, err := tx.Get(k)
			require.NoError(t, err)
			copy(v, "XXXXX")
			return nil
		})
		require.Equal(t, []byte("value"), get(t, s, k))
	})
}

func TestTx_Set_Invalid(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		tests := []struct {
			name string
			key  []byte
		}{
			{"empty key", nil},
			{"reserved by badger", []byte("!badger!head")},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := s.Update(ctx, func(tx store.Tx) error { return tx.Set(tt.key, []byte("x")) })
				require.ErrorIs(t, err, store.ErrInvalidKey)
			})
		}
	})
}

func TestTx_Set_ReadOnly(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		k := store.NewKey("app", "k")
		tests := []struct {
			name string
			op   func(tx store.Tx) error
		}{
			{"Set", func(tx store.Tx) error { return tx.Set(k, nil) }},
			{"Delete", func(tx store.Tx) error { return tx.Delete(k) }},
			{"DeletePrefix", func(tx store.Tx) error { return tx.DeletePrefix(k) }},
			{"PutPico", func(tx store.Tx) error { return tx.PutPico(store.PicoRecord{ID: "p"}) }},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := s.View(ctx, func(tx store.Tx) error {
					require.False(t, tx.Writable())
					return tt.op(tx)
				})
				require.ErrorIs(t, err, store.ErrTxReadOnly)
			})
		}
	})
}

func TestTx_Delete(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		k := store.NewKey("app", "k")
		set(t, s, k, "v")
		mustUpdate(t, s, func(tx store.Tx) error {
			require.NoError(t, tx.Delete(k))
			ok, err := tx.Has(k)
			require.NoError(t, err)
			require.False(t, ok, "a transaction sees its own deletes")
			return tx.Delete(store.NewKey("app", "never-set"))
		})
		require.Nil(t, get(t, s, k))
		err := s.Update(ctx, func(tx store.Tx) error { return tx.Delete(nil) })
		require.ErrorIs(t, err, store.ErrInvalidKey)
	})
}

func TestTx_Scan(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		mustUpdate(t, s, func(tx store.Tx) error {
			for _, k := range [][]string{
				{"a", "2"}, {"a", "10"}, {"a", "1"}, {"a", "1", "x"}, {"ab", "1"}, {"b"}, {"a\x00", "z"},
			} {
				if err := tx.Set(store.NewKey(k...), []byte(k[len(k)-1])); err != nil {
					return err
				}
			}
			return nil
		})
		tests := []struct {
			name   string
			prefix []byte
			want   []string
		}{
			{"tuple prefix, in order", store.NewKey("a"), []string{"a/1=1", "a/1/x=x", "a/10=10", "a/2=2"}},
			{"deeper prefix", store.NewKey("a", "1"), []string{"a/1=1", "a/1/x=x"}},
			{"no match", store.NewKey("c"), nil},
			{"everything", nil, []string{
				"a/1=1", "a/1/x=x", "a/10=10", "a/2=2", `"a\x00"/z=z`, "ab/1=1", "b=b", "meta/layout=1",
			}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				mustView(t, s, func(tx store.Tx) error {
					require.Equal(t, tt.want, scanAll(t, tx, tt.prefix))
					return nil
				})
			})
		}
	})
}

func TestTx_Scan_Stop(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		mustUpdate(t, s, func(tx store.Tx) error {
			for _, k := range []string{"1", "2", "3"} {
				if err := tx.Set(store.NewKey("n", k), nil); err != nil {
					return err
				}
			}
			return nil
		})
		boom := errors.New("boom")
		tests := []struct {
			name    string
			ret     error
			wantErr error
		}{
			{"ErrStopScan ends with nil", store.ErrStopScan, nil},
			{"other errors are returned", boom, boom},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				var seen int
				err := s.View(ctx, func(tx store.Tx) error {
					return tx.ScanKeys(store.NewKey("n"), func([]byte) error {
						seen++
						if seen == 2 {
							return tt.ret
						}
						return nil
					})
				})
				require.Equal(t, tt.wantErr, err)
				require.Equal(t, 2, seen)
			})
		}
	})
}

func TestTx_Scan_SeesOwnWrites(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		set(t, s, store.NewKey("n", "1"), "old")
		set(t, s, store.NewKey("n", "3"), "gone")
		mustUpdate(t, s, func(tx store.Tx) error {
			require.NoError(t, tx.Set(store.NewKey("n", "1"), []byte("new")))
			require.NoError(t, tx.Set(store.NewKey("n", "2"), []byte("added")))
			require.NoError(t, tx.Delete(store.NewKey("n", "3")))
			require.Equal(t, []string{"n/1=new", "n/2=added"}, scanAll(t, tx, store.NewKey("n")))
			return nil
		})
	})
}

func TestTx_ScanKeys(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		set(t, s, store.NewKey("n", "b"), "2")
		set(t, s, store.NewKey("n", "a"), "1")
		var keys []string
		mustView(t, s, func(tx store.Tx) error {
			return tx.ScanKeys(store.NewKey("n"), func(k []byte) error {
				keys = append(keys, store.Key(k).String())
				return nil
			})
		})
		require.Equal(t, []string{"n/a", "n/b"}, keys)
	})
}

func TestTx_ScanRange(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		for _, k := range []string{"a", "b", "c", "d"} {
			set(t, s, store.NewKey("r", k), k)
		}
		tests := []struct {
			name       string
			start, end []byte
			want       []string
		}{
			{"half open", store.NewKey("r", "b"), store.NewKey("r", "d"), []string{"r/b=b", "r/c=c"}},
			{"no upper bound", store.NewKey("r", "c"), nil, []string{"r/c=c", "r/d=d"}},
			{"empty range", store.NewKey("r", "c"), store.NewKey("r", "c"), nil},
			{"whole kind", store.NewKey("r"), store.NewKey("s"), []string{"r/a=a", "r/b=b", "r/c=c", "r/d=d"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				var got []string
				mustView(t, s, func(tx store.Tx) error {
					return tx.ScanRange(tt.start, tt.end, func(k, v []byte) error {
						got = append(got, store.Key(k).String()+"="+string(v))
						return nil
					})
				})
				require.Equal(t, tt.want, got)
			})
		}
	})
}

func TestTx_DeletePrefix(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		for _, k := range [][]string{{"d", "1"}, {"d", "1", "x"}, {"d", "10"}, {"d", "2"}} {
			set(t, s, store.NewKey(k...), "v")
		}
		mustUpdate(t, s, func(tx store.Tx) error { return tx.DeletePrefix(store.NewKey("d", "1")) })
		mustView(t, s, func(tx store.Tx) error {
			require.Equal(t, []string{"d/10=v", "d/2=v"}, scanAll(t, tx, store.NewKey("d")))
			return nil
		})
		err := s.Update(ctx, func(tx store.Tx) error { return tx.DeletePrefix(nil) })
		require.ErrorIs(t, err, store.ErrInvalidKey)
	})
}

func TestTx_Closed(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		var kept store.Tx
		mustUpdate(t, s, func(tx store.Tx) error {
			kept = tx
			return nil
		})
		k := store.NewKey("app", "k")
		tests := []struct {
			name string
			tx   store.Tx
		}{
			{"after its function", kept},
			{"zero value", store.Tx{}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := tt.tx.Get(k)
				require.ErrorIs(t, err, store.ErrTxClosed)
				require.ErrorIs(t, tt.tx.Set(k, nil), store.ErrTxClosed)
				require.ErrorIs(t, tt.tx.Scan(nil, nil), store.ErrTxClosed)
				require.False(t, tt.tx.Writable())
			})
		}
	})
}

func TestTx_Context(t *testing.T) {
	type key struct{}
	eachMode(t, func(t *testing.T, s *store.Store) {
		c := context.WithValue(ctx, key{}, "v")
		require.NoError(t, s.View(c, func(tx store.Tx) error {
			require.Equal(t, "v", tx.Context().Value(key{}))
			return nil
		}))
	})
}

func TestTx_Set_Limits(t *testing.T) {
	const mib = 1 << 20
	mem := []store.Option{store.WithInMemory()}
	tests := []struct {
		name    string
		opts    []store.Option
		key     []byte
		n, size int // n values of size bytes
		wantErr error
	}{
		{"long key", mem, make([]byte, 65001), 0, 0, store.ErrInvalidKey},
		{"largest value in memory", mem, nil, 1, mib - 1, nil},
		{"too large in memory", mem, nil, 1, mib, store.ErrValueTooLarge},
		{"large values on disk go to the value log", nil, nil, 5, mib, nil},
		{"large values in memory fill a transaction", mem, nil, 5, mib - 1, store.ErrTxTooBig},
		{"too large on disk", nil, nil, 1, 64*mib + 1, store.ErrValueTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := storetest.New(t, tt.opts...)
			err := s.Update(ctx, func(tx store.Tx) error {
				if tt.key != nil {
					return tx.Set(tt.key, nil)
				}
				for i := range tt.n {
					if err := tx.Set(store.NewKey("v", strconv.Itoa(i)), make([]byte, tt.size)); err != nil {
						return err
					}
				}
				return nil
			})
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
			} else {
				require.NoError(t, err)
			}
		})
	}
}
