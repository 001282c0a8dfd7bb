package store

import (
	"errors"
	"log/slog"
	"time"
)

// An Option configures [Open].
type Option func(*config) error

type config struct {
	dir         string
	inMemory    bool
	syncWrites  bool
	logger      *slog.Logger
	cacheSize   int64
	maxAttempts int
	gcInterval  time.Duration
}

// Memory settings. Badger's defaults target servers (64 MiB memtables, five
// of them, a 256 MiB block cache, 1 GiB value log files mapped at twice their
// size, four compactors). A gateway that embeds the engine has far less, and
// a pico store is small keys and small JSON values, so we shrink everything.
const (
	// memTableSize bounds the active write buffer. Each memtable is an arena
	// of about this size plus the largest commit; badger caps a commit at
	// 15% of it (2.4 MiB, 26,000 writes) and we keep a 10% margin, which
	// is plenty for one event.
	memTableSize = 16 << 20

	// numMemtables is the active memtable plus two being flushed; writes
	// stall beyond that instead of buffering more memory.
	numMemtables = 3

	// defaultCacheSize is the block cache of decompressed table blocks; the
	// hot set of a gateway (active picos' channels, installs, entity
	// variables) fits easily.
	defaultCacheSize = 16 << 20

	// indexCacheSize caps the memory held by table indexes and bloom
	// filters; with 0 badger keeps all of them resident, which grows with
	// the number of stored picos.
	indexCacheSize = 8 << 20

	// numCompactors is badger's minimum and matches small multi-core boards.
	numCompactors = 2

	// valueLogFileSize keeps value log files (which are memory-mapped at
	// twice their size) small enough for 32-bit devices.
	valueLogFileSize = 64 << 20

	// valueThreshold keeps values below 1 MiB inside the LSM tree so the
	// value log, which needs garbage collection, only sees large values.
	valueThreshold = 1 << 20

	// defaultMaxAttempts bounds conflict retries of Update and Batch.
	defaultMaxAttempts = 16

	// defaultGCInterval is how often value log garbage collection runs on
	// disk.
	defaultGCInterval = 10 * time.Minute
)

// WithDir stores the data in dir, creating it if needed. It replaces an
// earlier [WithInMemory].
func WithDir(dir string) Option {
	return func(c *config) error {
		if dir == "" {
			return errors.New("store: WithDir: empty directory")
		}
		c.dir, c.inMemory = dir, false
		return nil
	}
}

// WithInMemory keeps everything in memory; nothing survives [Store.Close].
// It replaces an earlier [WithDir]. The data is in an ordered copy-on-write
// tree rather than in Badger, which makes commits much cheaper. In memory, a
// single value must be smaller than 1 MiB.
func WithInMemory() Option {
	return func(c *config) error {
		c.dir, c.inMemory = "", true
		return nil
	}
}

// WithSyncWrites(true) makes every commit durable before [Store.Update] or
// [Store.Batch] returns: the write-ahead log is synced to disk. By default
// commits are atomic and survive a crash of the process, but the operating
// system writes them to disk later, so a power loss can lose the last
// commits (never half of one). It has no effect in memory.
func WithSyncWrites(sync bool) Option {
	return func(c *config) error {
		c.syncWrites = sync
		return nil
	}
}

// WithLogger sends badger's log messages to l, at the matching slog level
// (badger's INFO messages, a few per open and compaction, at Info). By
// default they are discarded. A store in memory has none.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		c.logger = l
		return nil
	}
}

// WithCacheSize sets the size in bytes of the cache of table blocks read from
// disk (default 16 MiB). Raise it on machines with memory to spare and a hot
// set larger than the default. It has no effect in memory.
func WithCacheSize(bytes int64) Option {
	return func(c *config) error {
		if bytes < 1<<20 {
			return errors.New("store: WithCacheSize: at least 1 MiB")
		}
		c.cacheSize = bytes
		return nil
	}
}

// WithMaxAttempts sets how many times [Store.Update] and [Store.Batch] run a
// transaction that conflicts with concurrent ones before giving up with
// [ErrConflict] (default 16).
func WithMaxAttempts(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return errors.New("store: WithMaxAttempts: at least 1")
		}
		c.maxAttempts = n
		return nil
	}
}

func newConfig(opts []Option) (config, error) {
	c := config{
		cacheSize:   defaultCacheSize,
		maxAttempts: defaultMaxAttempts,
		gcInterval:  defaultGCInterval,
	}
	for _, o := range opts {
		if err := o(&c); err != nil {
			return c, err
		}
	}
	if c.dir == "" && !c.inMemory {
		return c, errors.New("store: Open needs WithDir or WithInMemory")
	}
	return c, nil
}
