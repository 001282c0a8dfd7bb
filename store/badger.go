package store

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	badger "github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
)

// badgerBackend keeps the data on disk, in Badger.
type badgerBackend struct {
	db *badger.DB

	stopGC chan struct{}
	gcDone chan struct{}
}

// openBadger opens the Badger database of cfg.dir and starts its value log
// garbage collection.
func openBadger(cfg config) (*badgerBackend, error) {
	db, err := badger.Open(cfg.badgerOptions())
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", cfg.dir, err)
	}
	b := &badgerBackend{db: db, stopGC: make(chan struct{}), gcDone: make(chan struct{})}
	go b.gcLoop(cfg.gcInterval)
	return b, nil
}

// limits returns the largest commit Badger takes, with a margin of 10%.
func (b *badgerBackend) limits() (count, size int64) {
	return b.db.MaxBatchCount() * 9 / 10, b.db.MaxBatchSize() * 9 / 10
}

func (b *badgerBackend) begin(writable bool) kvTxn {
	return badgerTxn{b.db.NewTransaction(writable)}
}

func (b *badgerBackend) close() error {
	close(b.stopGC)
	<-b.gcDone
	return b.db.Close()
}

// gcLoop reclaims value log space left by overwritten large values.
func (b *badgerBackend) gcLoop(interval time.Duration) {
	defer close(b.gcDone)
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-b.stopGC:
			return
		case <-tick.C:
			b.collectValueLog()
		}
	}
}

// collectValueLog runs badger's value log GC until it has nothing to do or
// the store closes; each successful run rewrites one file.
func (b *badgerBackend) collectValueLog() {
	for {
		select {
		case <-b.stopGC:
			return
		default:
		}
		if err := b.db.RunValueLogGC(0.5); err != nil {
			return
		}
	}
}

// badgerTxn adapts a badger transaction. Badger does the conflict
// detection: Get and the items of iterators record reads.
type badgerTxn struct{ bt *badger.Txn }

func (t badgerTxn) get(key []byte) ([]byte, error) {
	item, err := t.bt.Get(key)
	if err != nil {
		return nil, mapErr(err)
	}
	v, err := item.ValueCopy(nil)
	return v, mapErr(err)
}

func (t badgerTxn) scan(prefix, start, end []byte, fn func(key []byte, value func() ([]byte, error)) error) error {
	opts := badger.DefaultIteratorOptions
	opts.PrefetchValues = false
	opts.Prefix = prefix
	it := t.bt.NewIterator(opts)
	defer it.Close()
	var item *badger.Item
	value := func() ([]byte, error) {
		v, err := item.ValueCopy(nil)
		return v, mapErr(err)
	}
	for it.Seek(start); it.Valid(); it.Next() {
		item = it.Item()
		k := item.Key()
		if prefix != nil && !bytes.HasPrefix(k, prefix) || end != nil && bytes.Compare(k, end) >= 0 {
			return nil
		}
		if err := fn(k, value); err != nil {
			return err
		}
	}
	return nil
}

func (t badgerTxn) set(key, val []byte) error { return mapErr(t.bt.Set(key, val)) }

func (t badgerTxn) delete(key []byte) error { return mapErr(t.bt.Delete(key)) }

func (t badgerTxn) commit() error {
	err := t.bt.Commit()
	if errors.Is(err, badger.ErrConflict) {
		return errConflict
	}
	return mapErr(err)
}

func (t badgerTxn) discard() { t.bt.Discard() }

// mapErr translates badger's errors into the store's sentinels, keeping the
// others as they are.
func mapErr(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, badger.ErrKeyNotFound):
		return ErrNotFound
	case errors.Is(err, badger.ErrTxnTooBig):
		return ErrTxTooBig
	case errors.Is(err, badger.ErrEmptyKey), errors.Is(err, badger.ErrInvalidKey):
		return ErrInvalidKey
	case errors.Is(err, badger.ErrDBClosed):
		return ErrClosed
	case errors.Is(err, badger.ErrReadOnlyTxn):
		return ErrTxReadOnly
	case errors.Is(err, badger.ErrDiscardedTxn):
		return ErrTxClosed
	}
	return fmt.Errorf("badger: %w", err)
}

// badgerOptions translates the configuration; see the constants in
// options.go for the reasoning behind each value.
func (c config) badgerOptions() badger.Options {
	o := badger.DefaultOptions(c.dir).
		WithSyncWrites(c.syncWrites).
		WithLogger(nil).
		WithMetricsEnabled(false).
		WithMemTableSize(memTableSize).
		WithNumMemtables(numMemtables).
		WithNumCompactors(numCompactors).
		WithValueLogFileSize(valueLogFileSize).
		WithValueThreshold(valueThreshold).
		WithNumGoroutines(2).
		WithDetectConflicts(true).
		WithCompression(options.Snappy).
		WithBlockCacheSize(c.cacheSize).
		WithIndexCacheSize(indexCacheSize)
	if c.logger != nil {
		o = o.WithLogger(slogAdapter{c.logger})
	}
	return o
}
