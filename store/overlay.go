package store

import (
	"fmt"
	"slices"
	"sort"
)

// An overlay holds the writes of a read-write transaction until it
// succeeds; then they are applied to the backend's transaction in one go.
//
// Keeping them out of badger until then has two uses. Batch runs several
// functions on one badger transaction and must drop the writes of a failing
// one without touching the others'. And badger copies and sorts all of a
// transaction's pending writes every time an iterator is created, which
// makes scans in a transaction with many writes quadratic; the overlay keeps
// its keys ordered incrementally instead.
type overlay struct {
	m      map[string]ovEntry
	sorted []string // keys in order
	fresh  []string // keys added since the last merge into sorted
	count  int64    // entries, as badger will count them
	size   int64    // estimated bytes, as badger will count them
}

type ovEntry struct {
	key  []byte // the map key, as bytes for badger
	val  []byte
	del  bool
	size int64
}

func newOverlay() *overlay { return &overlay{m: make(map[string]ovEntry)} }

// put records a write; it takes ownership of key and val. It refuses a
// write that would make the transaction bigger than one commit.
func (o *overlay) put(s *Store, key, val []byte, del bool) error {
	size := s.entrySize(key, val)
	old, exists := o.m[string(key)]
	count, total := o.count, o.size+size
	if exists {
		total -= old.size
	} else {
		count++
	}
	if count >= s.maxCount || total >= s.maxSize {
		return ErrTxTooBig
	}
	k := string(key)
	if !exists {
		o.fresh = append(o.fresh, k)
	}
	o.m[k] = ovEntry{key: key, val: val, del: del, size: size}
	o.count, o.size = count, total
	return nil
}

// items returns, in key order, the entries from start on that satisfy
// keep, stopping at the first that does not.
func (o *overlay) items(start []byte, keep func([]byte) bool) []ovEntry {
	o.merge()
	var out []ovEntry
	for i := sort.SearchStrings(o.sorted, string(start)); i < len(o.sorted); i++ {
		e := o.m[o.sorted[i]]
		if !keep(e.key) {
			break
		}
		out = append(out, e)
	}
	return out
}

// merge moves the fresh keys into the sorted list: O(n + f log f).
func (o *overlay) merge() {
	if len(o.fresh) == 0 {
		return
	}
	slices.Sort(o.fresh)
	if len(o.sorted) == 0 {
		o.sorted, o.fresh = o.fresh, nil
		return
	}
	out := make([]string, 0, len(o.sorted)+len(o.fresh))
	a, b := o.sorted, o.fresh
	for len(a) > 0 && len(b) > 0 {
		if a[0] < b[0] {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	out = append(append(out, a...), b...)
	o.sorted, o.fresh = out, o.fresh[:0]
}

// apply writes the overlay into the backend's transaction, which takes
// ownership of the keys and values.
func (o *overlay) apply(kt kvTxn) error {
	for _, e := range o.m {
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
