package store

import (
	"bytes"
	"encoding/binary"
	"hash/maphash"
	"math"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/tidwall/btree"
)

// Limits of one commit in memory: the same as Badger's with the same
// memtable size (a commit of at most 15% of a memtable, counted in skiplist
// nodes of 96 bytes), with the same margin of 10%, so that a transaction
// that fits in one mode fits in the other.
const (
	memMaxBatchSize  = memTableSize * 15 / 100
	memMaxBatchCount = memMaxBatchSize / 96
)

// memMaxValue is the largest value in memory. The tree has no limit of its
// own; this one is what the store has always documented for memory (Badger
// in memory could not store a value of valueThreshold bytes or more), and
// it keeps a single value well below a commit.
const memMaxValue = valueThreshold - 1

// memBackend keeps the data in an ordered tree in memory.
//
// The committed state is a copy-on-write B-tree. Commits are serialized by
// mu and mutate work; after each commit they publish a copy of it, taken
// in O(1), which is never mutated again: transactions read those copies
// without any lock, and the next commit copies the nodes it changes
// instead of writing into shared ones.
//
// Conflicts are detected as Badger does, on 64-bit fingerprints of keys:
// a writable transaction records the fingerprints of the keys it reads,
// and commit refuses it if a transaction that committed after its snapshot
// wrote one of them. To check that, a commit keeps the fingerprints of its
// writes as long as a writable transaction that started before it is open;
// when none is, it keeps nothing.
type memBackend struct {
	seed maphash.Seed
	cur  atomic.Pointer[memSnapshot] // the last commit

	mu      sync.Mutex
	work    *btree.BTreeG[memItem] // the committed state; only commit writes it
	version uint64                 // of the last commit
	open    map[uint64]int         // snapshot versions of open writable transactions: how many each
	recent  []memCommit            // commits an open writable transaction may conflict with, oldest first
	pivot   memItem                // the key a commit deletes
}

// memDegree is the degree of the B-tree: nodes hold up to 2*memDegree-1
// items. A commit copies the nodes on the path to each key it writes, so
// smaller nodes make commits cheaper and lookups a little deeper.
const memDegree = 16

// A memItem is an entry of the tree, in one allocation: the length of the
// key in two bytes (keys are at most maxKeySize bytes), the key, then the
// value. Comparing keys then reads one place in memory, and the nodes a
// commit copies hold slice headers only. Items are never modified.
type memItem []byte

// appendItem appends to dst the item of key and val.
func appendItem(dst memItem, key, val []byte) memItem {
	dst = binary.BigEndian.AppendUint16(dst, uint16(len(key)))
	return append(append(dst, key...), val...)
}

// Keys must fit the two bytes of their length.
var _ [math.MaxUint16 - maxKeySize]struct{}

func (it memItem) key() []byte { return it[2 : 2+binary.BigEndian.Uint16(it)] }

func (it memItem) val() []byte { return it[2+binary.BigEndian.Uint16(it):] }

func lessItem(a, b memItem) bool { return bytes.Compare(a.key(), b.key()) < 0 }

// A memSnapshot is a committed state, read-only.
type memSnapshot struct {
	tree    *btree.BTreeG[memItem]
	version uint64
}

// A memCommit is what conflict detection keeps of a commit: its version
// and the sorted fingerprints of the keys it wrote.
type memCommit struct {
	version uint64
	keys    []uint64
}

func newMemBackend() *memBackend {
	b := &memBackend{
		seed: maphash.MakeSeed(),
		work: btree.NewBTreeGOptions(lessItem, btree.Options{Degree: memDegree, NoLocks: true}),
		open: make(map[uint64]int),
	}
	b.cur.Store(&memSnapshot{tree: b.work.Copy()})
	return b
}

func (b *memBackend) limits() (count, size int64) {
	return memMaxBatchCount * 9 / 10, memMaxBatchSize * 9 / 10
}

func (b *memBackend) fingerprint(key []byte) uint64 { return maphash.Bytes(b.seed, key) }

func (b *memBackend) begin(writable bool) kvTxn {
	if !writable {
		return &memTxn{b: b, snap: b.cur.Load()}
	}
	w := &memWriter{}
	t := &w.memTxn
	t.b, t.writable = b, true
	t.reads, t.writes = w.readBuf[:0], w.writeBuf[:0]
	// Registering the snapshot under mu guarantees that every commit
	// after it sees the registration and keeps its fingerprints.
	b.mu.Lock()
	t.snap = b.cur.Load()
	b.open[t.snap.version]++
	b.mu.Unlock()
	return t
}

func (b *memBackend) close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	// Drop the data now rather than when the Store is collected.
	b.work = nil
	b.cur.Store(&memSnapshot{
		tree:    btree.NewBTreeGOptions(lessItem, btree.Options{Degree: memDegree, NoLocks: true}),
		version: b.version,
	})
	b.recent = nil
	return nil
}

// release unregisters a writable transaction's snapshot; b.mu is held.
func (b *memBackend) release(version uint64) {
	if n := b.open[version]; n > 1 {
		b.open[version] = n - 1
	} else {
		delete(b.open, version)
	}
	b.prune()
}

// prune forgets the commits that no open writable transaction can
// conflict with: those not after the oldest open snapshot. b.mu is held.
func (b *memBackend) prune() {
	if len(b.recent) == 0 {
		return
	}
	if len(b.open) == 0 {
		clear(b.recent)
		b.recent = b.recent[:0]
		return
	}
	oldest := b.version
	for v := range b.open {
		oldest = min(oldest, v)
	}
	i := 0
	for i < len(b.recent) && b.recent[i].version <= oldest {
		i++
	}
	if i > 0 {
		n := copy(b.recent, b.recent[i:])
		clear(b.recent[n:])
		b.recent = b.recent[:n]
	}
}

// conflicts reports whether a commit after version wrote one of reads.
// b.mu is held.
func (b *memBackend) conflicts(version uint64, reads []uint64) bool {
	if len(reads) == 0 {
		return false
	}
	for _, c := range b.recent {
		if c.version <= version {
			continue
		}
		for _, r := range reads {
			if _, found := slices.BinarySearch(c.keys, r); found {
				return true
			}
		}
	}
	return false
}

// memTxn is a transaction of a memBackend.
type memTxn struct {
	b        *memBackend
	snap     *memSnapshot
	writable bool
	done     bool       // committed or discarded
	reads    []uint64   // fingerprints of the keys read
	writes   []memWrite // in the order given
	pivot    memItem    // the last key searched for, in pivotBuf if it fits
	pivotBuf [96]byte
}

// memWriter is a writable memTxn with room for the reads and writes of a
// small transaction.
type memWriter struct {
	memTxn
	readBuf  [8]uint64
	writeBuf [4]memWrite
}

type memWrite struct {
	key, val []byte
	del      bool
}

func (t *memTxn) read(key []byte) {
	if t.writable {
		t.reads = append(t.reads, t.b.fingerprint(key))
	}
}

// search returns the item to search the tree for key with, reusing the
// transaction's buffer.
func (t *memTxn) search(key []byte) memItem {
	if t.pivot == nil {
		t.pivot = t.pivotBuf[:0]
	}
	t.pivot = appendItem(t.pivot[:0], key, nil)
	return t.pivot
}

func (t *memTxn) get(key []byte) ([]byte, error) {
	t.read(key)
	it, ok := t.snap.tree.Get(t.search(key))
	if !ok {
		return nil, ErrNotFound
	}
	return bytes.Clone(it.val()), nil
}

func (t *memTxn) scan(prefix, start, end []byte, fn func(key []byte, value func() ([]byte, error)) error) error {
	var cur memItem
	value := func() ([]byte, error) { return bytes.Clone(cur.val()), nil }
	var err error
	t.snap.tree.Ascend(t.search(start), func(it memItem) bool {
		k := it.key()
		if prefix != nil && !bytes.HasPrefix(k, prefix) || end != nil && bytes.Compare(k, end) >= 0 {
			return false
		}
		t.read(k)
		cur = it
		err = fn(k, value)
		return err == nil
	})
	return err
}

func (t *memTxn) set(key, val []byte) error {
	if !t.writable {
		return ErrTxReadOnly
	}
	t.writes = append(t.writes, memWrite{key: key, val: val})
	return nil
}

func (t *memTxn) delete(key []byte) error {
	if !t.writable {
		return ErrTxReadOnly
	}
	t.writes = append(t.writes, memWrite{key: key, del: true})
	return nil
}

func (t *memTxn) commit() error {
	if t.done {
		return ErrTxClosed
	}
	if !t.writable {
		t.done = true
		return nil
	}
	b := t.b
	b.mu.Lock()
	defer b.mu.Unlock()
	t.done = true
	// Check before releasing the snapshot, which may forget the commits
	// to check against.
	conflict := len(t.writes) > 0 && b.conflicts(t.snap.version, t.reads)
	b.release(t.snap.version)
	switch {
	case len(t.writes) == 0:
		return nil
	case conflict:
		return errConflict
	case b.work == nil:
		return ErrClosed
	}
	for _, w := range t.writes {
		if w.del {
			b.pivot = appendItem(b.pivot[:0], w.key, nil)
			b.work.Delete(b.pivot)
		} else {
			b.work.Set(appendItem(make(memItem, 0, 2+len(w.key)+len(w.val)), w.key, w.val))
		}
	}
	b.version++
	b.cur.Store(&memSnapshot{tree: b.work.Copy(), version: b.version})
	if len(b.open) > 0 {
		keys := make([]uint64, len(t.writes))
		for i, w := range t.writes {
			keys[i] = b.fingerprint(w.key)
		}
		slices.Sort(keys)
		b.recent = append(b.recent, memCommit{version: b.version, keys: keys})
	}
	return nil
}

func (t *memTxn) discard() {
	if t.done {
		return
	}
	t.done = true
	if t.writable {
		t.b.mu.Lock()
		t.b.release(t.snap.version)
		t.b.mu.Unlock()
	}
}
