package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"
)

// A Store is an open database. Its methods are safe for concurrent use.
type Store struct {
	kv  backend
	cfg config

	// Limits of one commit, from the backend, with a margin; and of one
	// value.
	maxCount, maxSize, maxValue int64

	mu     sync.Mutex
	idle   *sync.Cond // signalled when active drops to 0 after closing
	active int        // calls in progress
	closed bool

	batch batcher
	stats struct {
		commits, batchCalls, batchCommits, conflicts atomic.Int64
	}
}

// Open opens the store described by opts: [WithDir] or [WithInMemory] is
// required. On disk, opening reads a single key besides Badger's own
// recovery; its cost does not depend on how many picos are stored.
func Open(opts ...Option) (*Store, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	s := &Store{cfg: cfg}
	if cfg.inMemory {
		m := newMemBackend()
		s.kv = m
		s.maxCount, s.maxSize = m.limits()
		s.maxValue = memMaxValue
	} else {
		b, err := openBadger(cfg)
		if err != nil {
			return nil, err
		}
		s.kv = b
		s.maxCount, s.maxSize = b.limits()
		s.maxValue = valueLogFileSize
	}
	s.idle = sync.NewCond(&s.mu)
	if err := s.initLayout(); err != nil {
		_ = s.kv.close()
		return nil, err
	}
	return s, nil
}

// initLayout records the layout version in a new store and checks it in an
// existing one.
func (s *Store) initLayout() error {
	return s.Update(context.Background(), func(tx Tx) error {
		v, err := tx.Get(keyMeta(metaLayout))
		switch {
		case isNotFound(err):
			return tx.Set(keyMeta(metaLayout), []byte(layoutVersion))
		case err != nil:
			return err
		case string(v) != layoutVersion:
			return fmt.Errorf("store: %w: version %q, want %q", ErrIncompatible, v, layoutVersion)
		}
		return nil
	})
}

// Close waits for the transactions in progress, then closes the store.
// Calls that start after Close has begun return [ErrClosed]. Closing twice
// returns nil.
func (s *Store) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	for s.active > 0 {
		s.idle.Wait()
	}
	s.mu.Unlock()
	if err := s.kv.close(); err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	return nil
}

// Dir returns the directory of the store, or "" in memory.
func (s *Store) Dir() string { return s.cfg.dir }

// InMemory reports whether the store keeps its data in memory only.
func (s *Store) InMemory() bool { return s.cfg.inMemory }

// acquire registers a call in progress; Close waits for it.
func (s *Store) acquire() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	s.active++
	return nil
}

func (s *Store) release() {
	s.mu.Lock()
	s.active--
	if s.active == 0 && s.closed {
		s.idle.Broadcast()
	}
	s.mu.Unlock()
}

// View runs fn in a read-only transaction on a consistent snapshot. The
// error returned by fn is returned as is. Views run concurrently with each
// other and with writers, and never delay them.
func (s *Store) View(ctx context.Context, fn func(Tx) error) error {
	if err := s.acquire(); err != nil {
		return err
	}
	defer s.release()
	if err := ctx.Err(); err != nil {
		return err
	}
	kt := s.kv.begin(false)
	defer kt.discard()
	t := &txn{s: s, kt: kt, ctx: ctx}
	defer func() { t.done = true }()
	return fn(Tx{t})
}

// Update runs fn in a read-write transaction and commits it if fn returns
// nil; if fn returns an error (or panics) nothing is written and the error
// is returned as is.
//
// When the commit conflicts with a transaction that committed in the
// meantime (it wrote a key that fn read), Update runs fn again on a fresh
// snapshot, up to the limit set by [WithMaxAttempts], then returns an error
// wrapping [ErrConflict]. So fn may run more than once: it must not have
// effects outside the transaction that it cannot repeat, and must not
// retain the Tx or results from an earlier run.
//
// With [WithSyncWrites](true), Update returns after the commit is on disk.
// If ctx is done before the commit, nothing is written and ctx.Err() is
// returned. Many concurrent small writers should prefer [Store.Batch].
func (s *Store) Update(ctx context.Context, fn func(Tx) error) error {
	if err := s.acquire(); err != nil {
		return err
	}
	defer s.release()
	return s.update(ctx, fn)
}

func (s *Store) update(ctx context.Context, fn func(Tx) error) error {
	for attempt := 1; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		conflict, err := s.updateOnce(ctx, fn)
		if !conflict {
			return err
		}
		if attempt >= s.cfg.maxAttempts {
			return fmt.Errorf("%w: gave up after %d attempts", ErrConflict, attempt)
		}
		if err := backoff(ctx, attempt); err != nil {
			return err
		}
	}
}

// updateOnce runs fn once; conflict reports a commit conflict worth a retry.
func (s *Store) updateOnce(ctx context.Context, fn func(Tx) error) (conflict bool, err error) {
	kt := s.kv.begin(true)
	defer kt.discard()
	t := newWriter(s, kt, ctx, nil)
	err = func() error {
		defer func() { t.done = true }()
		return fn(Tx{t})
	}()
	if err == nil {
		err = t.err
	}
	if err != nil {
		return false, err
	}
	if err := ctx.Err(); err != nil {
		return false, err
	}
	if err := t.ov.apply(kt); err != nil {
		return false, err
	}
	return s.commit(kt)
}

func (s *Store) commit(kt kvTxn) (conflict bool, err error) {
	err = kt.commit()
	switch {
	case err == nil:
		s.stats.commits.Add(1)
		return false, nil
	case errors.Is(err, errConflict):
		s.stats.conflicts.Add(1)
		return true, err
	}
	return false, fmt.Errorf("store: commit: %w", err)
}

// Stats counts a store's activity since Open.
type Stats struct {
	// Commits is the number of read-write transactions committed, by
	// Update and Batch.
	Commits int64
	// BatchCalls is the number of Batch functions committed, and
	// BatchCommits the number of commits they shared: their ratio is the
	// average group size.
	BatchCalls, BatchCommits int64
	// Conflicts is the number of commits that conflicted and were retried
	// or given up.
	Conflicts int64
}

// Stats returns the store's counters.
func (s *Store) Stats() Stats {
	return Stats{
		Commits:      s.stats.commits.Load(),
		BatchCalls:   s.stats.batchCalls.Load(),
		BatchCommits: s.stats.batchCommits.Load(),
		Conflicts:    s.stats.conflicts.Load(),
	}
}

// backoff sleeps a random time that grows with the attempt number, from a
// few microseconds up to about 13ms.
func backoff(ctx context.Context, attempt int) error {
	limit := time.Duration(50*time.Microsecond) << min(attempt, 8)
	d := rand.N(limit) + time.Microsecond
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// deleteChunk is how many keys Store.DeletePrefix removes per transaction.
const deleteChunk = 1000

// DeletePrefix deletes every key that starts with prefix, in as many
// transactions as needed, each holding at most a thousand deletions. It is
// not atomic: other transactions can see the range partly deleted, and if it
// fails or the process stops midway, some keys remain; calling it again
// finishes the work. Use it for ranges too large for [Tx.DeletePrefix],
// choosing prefixes whose partial deletion leaves a valid state (see
// [Store.DeletePico]). An empty prefix is refused with [ErrInvalidKey].
func (s *Store) DeletePrefix(ctx context.Context, prefix []byte) error {
	if len(prefix) == 0 {
		return ErrInvalidKey
	}
	for {
		n := 0
		err := s.Update(ctx, func(tx Tx) error {
			n = 0
			return tx.ScanKeys(prefix, func(k []byte) error {
				if err := tx.Delete(k); err != nil {
					return err
				}
				n++
				if n == deleteChunk {
					return ErrStopScan
				}
				return nil
			})
		})
		if err != nil {
			return err
		}
		if n < deleteChunk {
			return nil
		}
	}
}

// entrySize estimates the bytes one write adds to a commit, the way Badger
// counts them on disk, where values from valueThreshold on go to the value
// log; in memory they count in full.
func (s *Store) entrySize(key, val []byte) int64 {
	const meta, version = 2, 10
	if len(val) < valueThreshold || s.cfg.inMemory {
		return int64(len(key)+len(val)) + meta + version
	}
	return int64(len(key)) + 12 + meta + version
}
