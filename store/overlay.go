package store

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
)

// An overlay holds the writes of a read-write transaction until it
// succeeds; then they are applied to the backend's transaction in one go,
// just before the commit.
//
// Keeping them out of the backend until then has two uses. Batch runs
// several functions in one backend transaction and must drop the writes of
// a failing one without touching the others': each function writes to its
// own overlay, on top of the group's (base), which collects the writes of
// the functions that succeeded. And Badger copies and sorts all of a
// transaction's pending writes every time an iterator is created, which
// makes scans in a transaction with many writes quadratic; the overlay keeps
// its keys ordered incrementally instead.
type overlay struct {
	entries []ovEntry        // one per key, in the order first written
	index   map[string]int32 // key to position in entries, past smallOverlay entries
	sorted  []int32          // positions in entries, in key order
	merged  int              // entries[:merged] are in sorted
	count   int64            // entries, as the backend will count them
	size    int64            // estimated bytes, as the backend will count them
	base    *overlay         // writes under these ones, or nil
}

// smallOverlay is how many entries an overlay finds by a linear search
// before it indexes them in a map: most transactions write a few keys, and
// a map costs more than comparing them.
const smallOverlay = 8

type ovEntry struct {
	key  []byte
	val  []byte
	del  bool
	size int64
}

// find returns the position of key in o.entries, or -1.
func (o *overlay) find(key []byte) int {
	if o.index != nil {
		if i, ok := o.index[string(key)]; ok {
			return int(i)
		}
		return -1
	}
	for i := range o.entries {
		if bytes.Equal(o.entries[i].key, key) {
			return i
		}
	}
	return -1
}

// lookup returns the entry of key in o or, failing that, in its bases.
func (o *overlay) lookup(key []byte) (ovEntry, bool) {
	for ; o != nil; o = o.base {
		if i := o.find(key); i >= 0 {
			return o.entries[i], true
		}
	}
	return ovEntry{}, false
}

// put records a write; it takes ownership of key and val. It refuses a
// write that would make the transaction bigger than one commit.
func (o *overlay) put(s *Store, key, val []byte, del bool) error {
	size := s.entrySize(key, val)
	i := o.find(key)
	count, total := o.count, o.size+size
	if i >= 0 {
		total -= o.entries[i].size
	} else {
		count++
	}
	if count >= s.maxCount || total >= s.maxSize {
		return ErrTxTooBig
	}
	o.store(i, ovEntry{key: key, val: val, del: del, size: size})
	return nil
}

// store puts e at position i of o.entries, or appends it if i < 0, and
// updates the counts.
func (o *overlay) store(i int, e ovEntry) {
	if i >= 0 {
		o.size += e.size - o.entries[i].size
		o.entries[i] = e
		return
	}
	o.entries = append(o.entries, e)
	o.count++
	o.size += e.size
	switch n := len(o.entries); {
	case o.index != nil:
		o.index[string(e.key)] = int32(n - 1)
	case n > smallOverlay:
		o.index = make(map[string]int32, 2*n)
		for j, e := range o.entries {
			o.index[string(e.key)] = int32(j)
		}
	}
}

// absorb adds the writes of c on top of o's, without a size check.
func (o *overlay) absorb(c *overlay) {
	for _, e := range c.entries {
		o.store(o.find(e.key), e)
	}
}

// items returns, in key order, the entries from start on that satisfy
// keep, stopping at the first that does not; with those of the base
// merged in, o's replacing the base's for the same key.
func (o *overlay) items(start []byte, keep func([]byte) bool) []ovEntry {
	o.merge()
	var out []ovEntry
	first := sort.Search(len(o.sorted), func(i int) bool {
		return bytes.Compare(o.entries[o.sorted[i]].key, start) >= 0
	})
	for _, i := range o.sorted[first:] {
		e := o.entries[i]
		if !keep(e.key) {
			break
		}
		out = append(out, e)
	}
	if o.base == nil {
		return out
	}
	under := o.base.items(start, keep)
	if len(out) == 0 {
		return under
	}
	merged := make([]ovEntry, 0, len(out)+len(under))
	for len(out) > 0 && len(under) > 0 {
		switch c := bytes.Compare(out[0].key, under[0].key); {
		case c < 0:
			merged, out = append(merged, out[0]), out[1:]
		case c > 0:
			merged, under = append(merged, under[0]), under[1:]
		default:
			merged, out, under = append(merged, out[0]), out[1:], under[1:]
		}
	}
	return append(append(merged, out...), under...)
}

// merge moves the entries written since the last merge into the sorted
// list: f new entries cost f binary searches and moves of the list when
// they are few, and a sort and a merge, O(n + f log f), otherwise.
func (o *overlay) merge() {
	if o.merged == len(o.entries) {
		return
	}
	less := func(a, b int32) int { return bytes.Compare(o.entries[a].key, o.entries[b].key) }
	if f := len(o.entries) - o.merged; f*16 < len(o.sorted) {
		for i := o.merged; i < len(o.entries); i++ {
			at, _ := slices.BinarySearchFunc(o.sorted, int32(i), less)
			o.sorted = slices.Insert(o.sorted, at, int32(i))
		}
		o.merged = len(o.entries)
		return
	}
	fresh := make([]int32, 0, len(o.entries)-o.merged)
	for i := o.merged; i < len(o.entries); i++ {
		fresh = append(fresh, int32(i))
	}
	o.merged = len(o.entries)
	slices.SortFunc(fresh, less)
	if len(o.sorted) == 0 {
		o.sorted = fresh
		return
	}
	out := make([]int32, 0, len(o.sorted)+len(fresh))
	a, b := o.sorted, fresh
	for len(a) > 0 && len(b) > 0 {
		if less(a[0], b[0]) < 0 {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	o.sorted = append(append(out, a...), b...)
}

// apply writes the overlay into the backend's transaction, which takes
// ownership of the keys and values.
func (o *overlay) apply(kt kvTxn) error {
	for _, e := range o.entries {
		var err error
		if e.del {
			err = kt.delete(e.key)
		} else {
			err = kt.set(e.key, e.val)
		}
		if err != nil {
			return fmt.Errorf("apply writes: %w", err)
		}
	}
	return nil
}
