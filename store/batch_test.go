package store_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gopico/pico/store"
	"github.com/gopico/pico/store/storetest"
)

func TestStore_Batch_Commits(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		k := store.NewKey("app", "k")
		require.NoError(t, s.Batch(ctx, func(tx store.Tx) error {
			require.True(t, tx.Writable())
			return tx.Set(k, []byte("v"))
		}))
		require.Equal(t, []byte("v"), get(t, s, k))
	})
}

// TestStore_Batch_Concurrent runs many batched writers at once: each
// writes its own key and increments a shared counter, and some fail.
// Every successful call is committed exactly once and no failed call leaks
// a write, whichever calls shared a commit.
func TestStore_Batch_Concurrent(t *testing.T) {
	for _, m := range modes {
		for _, sync := range []bool{false, true} {
			if sync && m.name == "mem" {
				continue
			}
			t.Run(fmt.Sprintf("%s/sync=%v", m.name, sync), func(t *testing.T) {
				s := storetest.New(t, append(m.opts, store.WithSyncWrites(sync))...)
				runBatchWriters(t, s)
			})
		}
	}
}

func runBatchWriters(t *testing.T, s *store.Store) {
	const workers, each = 16, 50
	counter := store.NewKey("app", "counter")
	fail := errors.New("refused")
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				id := fmt.Sprintf("%02d-%03d", w, i)
				err := s.Batch(ctx, func(tx store.Tx) error {
					if err := tx.Set(store.NewKey("w", id), []byte(id)); err != nil {
						return err
					}
					if err := incr(tx, counter); err != nil {
						return err
					}
					if i%10 == 0 {
						return fail
					}
					return nil
				})
				if i%10 == 0 {
					if !errors.Is(err, fail) {
						errs <- fmt.Errorf("call %s: %v, want refused", id, err)
					}
				} else if err != nil {
					errs <- fmt.Errorf("call %s: %w", id, err)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	const ok = workers * (each - each/10)
	require.Equal(t, strconv.Itoa(ok), string(get(t, s, counter)))
	mustView(t, s, func(tx store.Tx) error {
		n := 0
		require.NoError(t, tx.Scan(store.NewKey("w"), func(k, v []byte) error {
			n++
			i, _ := strconv.Atoi(string(v[3:]))
			require.NotZero(t, i%10, "failed call %s leaked its write", v)
			return nil
		}))
		require.Equal(t, ok, n)
		return nil
	})
}

func TestStore_Batch_ErrorIsolated(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		// Hold the leader inside its function so that the next calls
		// queue up and share one commit.
		inside := make(chan struct{})
		release := make(chan struct{})
		boom := errors.New("boom")
		results := make(chan error, 3)
		go func() {
			results <- s.Batch(ctx, func(tx store.Tx) error {
				close(inside)
				<-release
				return tx.Set(store.NewKey("b", "first"), nil)
			})
		}()
		<-inside
		var queued sync.WaitGroup
		for _, name := range []string{"ok", "bad"} {
			queued.Go(func() {
				results <- s.Batch(ctx, func(tx store.Tx) error {
					if err := tx.Set(store.NewKey("b", name), nil); err != nil {
						return err
					}
					if name == "bad" {
						return boom
					}
					return nil
				})
			})
		}
		time.Sleep(10 * time.Millisecond) // let them queue
		close(release)
		queued.Wait()
		var got []error
		for range 3 {
			got = append(got, <-results)
		}
		require.ElementsMatch(t, []error{nil, nil, boom}, got)
		mustView(t, s, func(tx store.Tx) error {
			require.Equal(t, []string{"b/first=", "b/ok="}, scanAll(t, tx, store.NewKey("b")))
			return nil
		})
	})
}

func TestStore_Batch_SeesEarlierCalls(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		// Calls queued behind a running group form the next group, run
		// one after the other on one transaction: reads, scans and
		// deletes see the earlier calls' writes and their own, merged
		// with what is committed.
		set(t, s, store.NewKey("m", "1"), "committed")
		set(t, s, store.NewKey("m", "4"), "committed")
		inside := make(chan struct{})
		release := make(chan struct{})
		done := make(chan error, 3)
		go func() {
			done <- s.Batch(ctx, func(store.Tx) error {
				close(inside)
				<-release
				return nil
			})
		}()
		<-inside
		go func() {
			done <- s.Batch(ctx, func(tx store.Tx) error {
				return tx.Set(store.NewKey("m", "2"), []byte("earlier"))
			})
		}()
		time.Sleep(10 * time.Millisecond) // queue the writer first
		var scanned []string
		var earlier []byte
		go func() {
			done <- s.Batch(ctx, func(tx store.Tx) error {
				var err error
				if earlier, err = tx.Get(store.NewKey("m", "2")); err != nil {
					return err
				}
				if err := tx.Set(store.NewKey("m", "3"), []byte("own")); err != nil {
					return err
				}
				if err := tx.Delete(store.NewKey("m", "4")); err != nil {
					return err
				}
				if err := tx.Set(store.NewKey("m", "0"), []byte("own")); err != nil {
					return err
				}
				scanned = scanAll(t, tx, store.NewKey("m"))
				return nil
			})
		}()
		time.Sleep(10 * time.Millisecond)
		close(release)
		for range 3 {
			require.NoError(t, <-done)
		}
		require.Equal(t, "earlier", string(earlier))
		want := []string{"m/0=own", "m/1=committed", "m/2=earlier", "m/3=own"}
		require.Equal(t, want, scanned)
		mustView(t, s, func(tx store.Tx) error {
			require.Equal(t, want, scanAll(t, tx, store.NewKey("m")))
			return nil
		})
	})
}

func TestStore_Batch_Panic(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		k := store.NewKey("app", "k")
		require.PanicsWithValue(t, "bug", func() {
			_ = s.Batch(ctx, func(tx store.Tx) error {
				require.NoError(t, tx.Set(k, nil))
				panic("bug")
			})
		})
		require.Nil(t, get(t, s, k))
		require.NoError(t, s.Batch(ctx, func(tx store.Tx) error { return tx.Set(k, []byte("ok")) }))
		require.Equal(t, []byte("ok"), get(t, s, k))
	})
}

func TestStore_Batch_Context(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		canceled, cancel := context.WithCancel(ctx)
		cancel()
		runs := 0
		err := s.Batch(canceled, func(store.Tx) error { runs++; return nil })
		require.ErrorIs(t, err, context.Canceled)

		// A queued call whose context ends while it waits returns at once.
		inside := make(chan struct{})
		release := make(chan struct{})
		leader := make(chan error)
		go func() {
			leader <- s.Batch(ctx, func(store.Tx) error {
				close(inside)
				<-release
				return nil
			})
		}()
		<-inside
		c, cancel := context.WithTimeout(ctx, 10*time.Millisecond)
		defer cancel()
		err = s.Batch(c, func(store.Tx) error { runs++; return nil })
		require.ErrorIs(t, err, context.DeadlineExceeded)
		close(release)
		require.NoError(t, <-leader)
		require.Zero(t, runs)

		// The queue still works.
		require.NoError(t, s.Batch(ctx, func(store.Tx) error { runs++; return nil }))
		require.Equal(t, 1, runs)
	})
}

func TestStore_Batch_TooBig(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		err := s.Batch(ctx, func(tx store.Tx) error {
			for i := 0; ; i++ {
				if err := tx.Set(store.NewKey("big", strconv.Itoa(i)), make([]byte, 100)); err != nil {
					return err
				}
			}
		})
		require.ErrorIs(t, err, store.ErrTxTooBig)
	})
}

// TestStore_Batch_SplitsLargeGroups queues calls that together exceed one
// commit: they are committed in several commits, all successfully.
func TestStore_Batch_SplitsLargeGroups(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		const calls, keys = 8, 5000 // 40,000 writes: more than one commit
		inside := make(chan struct{})
		release := make(chan struct{})
		var wg sync.WaitGroup
		errs := make(chan error, calls+1)
		wg.Go(func() {
			errs <- s.Batch(ctx, func(store.Tx) error {
				close(inside)
				<-release
				return nil
			})
		})
		<-inside
		for c := range calls {
			wg.Go(func() {
				errs <- s.Batch(ctx, func(tx store.Tx) error {
					for i := range keys {
						if err := tx.Set(store.NewKey("split", strconv.Itoa(c), strconv.Itoa(i)), []byte("v")); err != nil {
							return err
						}
					}
					return nil
				})
			})
		}
		time.Sleep(20 * time.Millisecond)
		close(release)
		wg.Wait()
		close(errs)
		for err := range errs {
			require.NoError(t, err)
		}
		n := 0
		mustView(t, s, func(tx store.Tx) error {
			return tx.ScanKeys(store.NewKey("split"), func([]byte) error { n++; return nil })
		})
		require.Equal(t, calls*keys, n)
	})
}

// TestStore_Batch_WithUpdate mixes Batch and Update writers on one
// counter: conflicts between them are retried and no increment is lost.
func TestStore_Batch_WithUpdate(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		const workers, each = 4, 100
		k := store.NewKey("app", "counter")
		var wg sync.WaitGroup
		errs := make(chan error, 2*workers)
		for w := range 2 * workers {
			wg.Go(func() {
				write := s.Update
				if w%2 == 0 {
					write = s.Batch
				}
				for range each {
					if err := write(ctx, func(tx store.Tx) error { return incr(tx, k) }); err != nil {
						errs <- err
						return
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			require.NoError(t, err)
		}
		require.Equal(t, strconv.Itoa(2*workers*each), string(get(t, s, k)))
	})
}

// TestStore_Batch_Groups checks that calls queued behind a running group
// share one commit.
func TestStore_Batch_Groups(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		const queued = 10
		inside := make(chan struct{})
		release := make(chan struct{})
		var wg sync.WaitGroup
		wg.Go(func() {
			_ = s.Batch(ctx, func(store.Tx) error {
				close(inside)
				<-release
				return nil
			})
		})
		<-inside
		before := s.Stats()
		for i := range queued {
			wg.Go(func() {
				err := s.Batch(ctx, func(tx store.Tx) error {
					return tx.Set(store.NewKey("g", strconv.Itoa(i)), nil)
				})
				require.NoError(t, err)
			})
		}
		time.Sleep(20 * time.Millisecond)
		close(release)
		wg.Wait()
		after := s.Stats()
		// The held call's group commits alone, then the queued calls
		// share one commit.
		require.Equal(t, int64(1+queued), after.BatchCalls-before.BatchCalls)
		require.Equal(t, int64(2), after.BatchCommits-before.BatchCommits)
		require.Equal(t, int64(2), after.Commits-before.Commits)
	})
}

// TestStore_Batch_FailedCallInvisible queues a failing call between two
// others of one group: the call after it does not see its writes.
func TestStore_Batch_FailedCallInvisible(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		k := store.NewKey("f", "k")
		inside := make(chan struct{})
		release := make(chan struct{})
		done := make(chan error, 3)
		go func() {
			done <- s.Batch(ctx, func(store.Tx) error {
				close(inside)
				<-release
				return nil
			})
		}()
		<-inside
		boom := errors.New("boom")
		go func() {
			done <- s.Batch(ctx, func(tx store.Tx) error {
				if err := tx.Set(k, []byte("failed")); err != nil {
					return err
				}
				return boom
			})
		}()
		time.Sleep(10 * time.Millisecond) // queue the failing call first
		var seen []string
		go func() {
			done <- s.Batch(ctx, func(tx store.Tx) error {
				seen = scanAll(t, tx, store.NewKey("f"))
				ok, err := tx.Has(k)
				if err != nil || ok {
					return fmt.Errorf("Has = %v, %v", ok, err)
				}
				return tx.Set(store.NewKey("f", "later"), nil)
			})
		}()
		time.Sleep(10 * time.Millisecond)
		close(release)
		var errs []error
		for range 3 {
			errs = append(errs, <-done)
		}
		require.ElementsMatch(t, []error{nil, nil, boom}, errs)
		require.Empty(t, seen)
		mustView(t, s, func(tx store.Tx) error {
			require.Equal(t, []string{"f/later="}, scanAll(t, tx, store.NewKey("f")))
			return nil
		})
	})
}
