package store_test

import (
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gopico/pico/store"
)

// TestStore_Update_Conflicts commits another transaction in the middle of
// an Update's first run and checks whether the Update runs again.
func TestStore_Update_Conflicts(t *testing.T) {
	k := store.NewKey("c", "k")
	other := store.NewKey("c", "other")
	tests := []struct {
		name      string
		read      func(tx store.Tx) error // what the Update reads
		meanwhile func(tx store.Tx) error // what commits after it read
		wantRuns  int
	}{
		{
			"read key overwritten",
			func(tx store.Tx) error { _, err := tx.Get(k); return err },
			func(tx store.Tx) error { return tx.Set(k, []byte("new")) },
			2,
		},
		{
			"read key deleted",
			func(tx store.Tx) error { _, err := tx.Has(k); return err },
			func(tx store.Tx) error { return tx.Delete(k) },
			2,
		},
		{
			"missing key created",
			func(tx store.Tx) error { _, err := tx.Has(other); return err },
			func(tx store.Tx) error { return tx.Set(other, nil) },
			2,
		},
		{
			"another key written",
			func(tx store.Tx) error { _, err := tx.Get(k); return err },
			func(tx store.Tx) error { return tx.Set(other, nil) },
			1,
		},
		{
			"scanned key overwritten",
			func(tx store.Tx) error { return tx.ScanKeys(store.NewKey("c"), func([]byte) error { return nil }) },
			func(tx store.Tx) error { return tx.Set(k, []byte("new")) },
			2,
		},
		{
			"key inserted into a scanned range",
			func(tx store.Tx) error { return tx.ScanKeys(store.NewKey("c"), func([]byte) error { return nil }) },
			func(tx store.Tx) error { return tx.Set(store.NewKey("c", "j"), nil) },
			1,
		},
		{
			"key not reached by a stopped scan overwritten",
			func(tx store.Tx) error {
				return tx.ScanKeys(store.NewKey("c"), func([]byte) error { return store.ErrStopScan })
			},
			func(tx store.Tx) error { return tx.Set(store.NewKey("c", "l"), []byte("new")) },
			1,
		},
		{
			"read key deleted by a DeletePrefix",
			func(tx store.Tx) error { _, err := tx.Has(k); return err },
			func(tx store.Tx) error { return tx.DeletePrefix(store.NewKey("c")) },
			2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			eachMode(t, func(t *testing.T, s *store.Store) {
				set(t, s, k, "old")
				set(t, s, store.NewKey("c", "l"), "old")
				runs := 0
				mustUpdate(t, s, func(tx store.Tx) error {
					runs++
					if err := tt.read(tx); err != nil {
						return err
					}
					if runs == 1 {
						mustUpdate(t, s, tt.meanwhile)
					}
					return tx.Set(store.NewKey("out", "mine"), []byte(strconv.Itoa(runs)))
				})
				require.Equal(t, tt.wantRuns, runs)
				require.Equal(t, strconv.Itoa(runs), string(get(t, s, store.NewKey("out", "mine"))))
			})
		})
	}
}

// TestStore_Update_ReadOnlyNoConflict: a read-write transaction that
// writes nothing has nothing to undo, so it does not conflict.
func TestStore_Update_ReadOnlyNoConflict(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		k := store.NewKey("c", "k")
		set(t, s, k, "old")
		runs := 0
		mustUpdate(t, s, func(tx store.Tx) error {
			runs++
			v, err := tx.Get(k)
			if err != nil {
				return err
			}
			set(t, s, k, "new")
			require.Equal(t, "old", string(v))
			return nil
		})
		require.Equal(t, 1, runs)
	})
}

// TestStore_Update_ConflictWithOlderTransaction has two transactions open
// at once: the one that commits second conflicts only on keys the first
// committed, and a transaction that starts after the first commit does not
// conflict with it.
func TestStore_Update_ConflictWithOlderTransaction(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		a, b := store.NewKey("c", "a"), store.NewKey("c", "b")
		set(t, s, a, "0")
		set(t, s, b, "0")
		firstRead := make(chan struct{})
		firstCommitted := make(chan struct{})
		var wg sync.WaitGroup
		var runsA, runsB, runsC atomic.Int32
		var errA, errB error
		wg.Go(func() {
			// Reads b while the other transaction is open, commits a
			// before it: no conflict.
			errA = s.Update(ctx, func(tx store.Tx) error {
				runsA.Add(1)
				if _, err := tx.Get(b); err != nil {
					return err
				}
				<-firstRead
				return tx.Set(a, []byte("A"))
			})
			close(firstCommitted)
		})
		wg.Go(func() {
			// Reads a, which the other commits meanwhile: runs again.
			errB = s.Update(ctx, func(tx store.Tx) error {
				n := runsB.Add(1)
				v, err := tx.Get(a)
				if err != nil {
					return err
				}
				if n == 1 {
					close(firstRead)
					<-firstCommitted
				}
				return tx.Set(b, v)
			})
		})
		wg.Wait()
		require.NoError(t, errA)
		require.NoError(t, errB)
		// A transaction that starts after both commits conflicts with
		// neither.
		mustUpdate(t, s, func(tx store.Tx) error {
			runsC.Add(1)
			_, err := tx.Get(a)
			if err != nil {
				return err
			}
			return tx.Set(b, []byte("C"))
		})
		require.Equal(t, int32(1), runsA.Load())
		require.Equal(t, int32(2), runsB.Load())
		require.Equal(t, int32(1), runsC.Load())
		require.Equal(t, "A", string(get(t, s, a)))
		require.Equal(t, "C", string(get(t, s, b)))
	})
}

// TestStore_View_AtomicCommits has a writer rewrite many keys per commit,
// all with the same generation, while readers check that a view never sees
// two generations, even across a tree of several levels.
func TestStore_View_AtomicCommits(t *testing.T) {
	const keys, generations, readers = 300, 60, 2
	eachMode(t, func(t *testing.T, s *store.Store) {
		prefix := store.NewKey("gen")
		write := func(gen int) func(tx store.Tx) error {
			return func(tx store.Tx) error {
				for i := range keys {
					k := prefix.Append(fmt.Sprintf("%04d", i))
					if gen%2 == 1 && i%3 == 0 {
						// Odd generations delete a third of the keys.
						if err := tx.Delete(k); err != nil {
							return err
						}
						continue
					}
					if err := tx.Set(k, []byte(strconv.Itoa(gen))); err != nil {
						return err
					}
				}
				return nil
			}
		}
		mustUpdate(t, s, write(0))
		stop := make(chan struct{})
		var wg sync.WaitGroup
		errs := make(chan error, readers)
		for range readers {
			wg.Go(func() {
				for {
					select {
					case <-stop:
						return
					default:
					}
					if err := s.View(ctx, func(tx store.Tx) error { return checkGeneration(tx, prefix, keys) }); err != nil {
						errs <- err
						return
					}
				}
			})
		}
		for gen := 1; gen <= generations; gen++ {
			mustUpdate(t, s, write(gen))
		}
		close(stop)
		wg.Wait()
		close(errs)
		for err := range errs {
			require.NoError(t, err)
		}
		mustView(t, s, func(tx store.Tx) error { return checkGeneration(tx, prefix, keys) })
	})
}

// checkGeneration checks that the keys under prefix all hold one
// generation and that its deletions are all there.
func checkGeneration(tx store.Tx, prefix store.Key, keys int) error {
	gen, n := "", 0
	err := tx.Scan(prefix, func(k, v []byte) error {
		if gen == "" {
			gen = string(v)
		}
		if string(v) != gen {
			return fmt.Errorf("key %s: generation %s among %s", store.Key(k), v, gen)
		}
		n++
		return nil
	})
	if err != nil {
		return err
	}
	g, err := strconv.Atoi(gen)
	if err != nil {
		return fmt.Errorf("generation %q: %w", gen, err)
	}
	want := keys
	if g%2 == 1 {
		want -= (keys + 2) / 3
	}
	if n != want {
		return fmt.Errorf("generation %d: %d keys, want %d", g, n, want)
	}
	// A point read agrees with the scan.
	v, err := tx.Get(prefix.Append(fmt.Sprintf("%04d", keys-1)))
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	if err == nil && string(v) != gen {
		return fmt.Errorf("Get sees generation %s, Scan %s", v, gen)
	}
	return nil
}

func TestTx_Scan_ReturnsCopies(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		set(t, s, store.NewKey("s", "a"), "value")
		mustUpdate(t, s, func(tx store.Tx) error {
			// One committed key, one of the transaction's own.
			if err := tx.Set(store.NewKey("s", "b"), []byte("value")); err != nil {
				return err
			}
			return tx.Scan(store.NewKey("s"), func(k, v []byte) error {
				copy(v, "XXXXX")
				k[len(k)-3] = 'z'
				return nil
			})
		})
		mustView(t, s, func(tx store.Tx) error {
			require.Equal(t, []string{"s/a=value", "s/b=value"}, scanAll(t, tx, store.NewKey("s")))
			return nil
		})
	})
}

// TestTx_LongKeys stores keys longer than the in-memory search buffer, up
// to the longest allowed, next to short ones.
func TestTx_LongKeys(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		long := func(n int) []byte {
			k := []byte(store.NewKey("long"))
			for i := 0; len(k) < n; i++ {
				k = append(k, byte('a'+i%26))
			}
			return k
		}
		keys := [][]byte{long(200), long(65_000), store.NewKey("long", "short")}
		mustUpdate(t, s, func(tx store.Tx) error {
			for i, k := range keys {
				if err := tx.Set(k, []byte(strconv.Itoa(i))); err != nil {
					return err
				}
			}
			return nil
		})
		mustView(t, s, func(tx store.Tx) error {
			for i, k := range keys {
				v, err := tx.Get(k)
				require.NoError(t, err)
				require.Equal(t, strconv.Itoa(i), string(v))
			}
			var lens []int
			require.NoError(t, tx.ScanKeys(store.NewKey("long"), func(k []byte) error {
				lens = append(lens, len(k))
				return nil
			}))
			require.Equal(t, []int{200, 65_000, len(keys[2])}, lens)
			return nil
		})
		mustUpdate(t, s, func(tx store.Tx) error { return tx.Delete(keys[1]) })
		require.Nil(t, get(t, s, keys[1]))
		require.Equal(t, "0", string(get(t, s, keys[0])))
	})
}
