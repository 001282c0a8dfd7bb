package store

import (
	"bytes"
	"context"
	"errors"
)

// A Tx is a transaction, handed to the function given to [Store.View],
// [Store.Update] or [Store.Batch]. It is a small handle: copy it freely, but
// use it only inside that function and from one goroutine at a time. After
// the function returns, every method returns [ErrTxClosed].
//
// Reads see a consistent snapshot taken when the transaction started, plus
// the transaction's own writes. Byte slices returned by a Tx are copies that
// the caller owns; byte slices given to a Tx are copied too, so the caller
// may reuse them.
//
// The zero Tx is closed.
type Tx struct{ t *txn }

// txn is the state behind a Tx.
type txn struct {
	s        *Store
	kt       kvTxn
	ctx      context.Context
	writable bool
	done     bool
	err      error    // sticky: a Tx that hit ErrTxTooBig cannot commit
	ov       *overlay // writes, applied to kt when the function succeeds

	ovBuf overlay // ov of a writable transaction, allocated with it
}

// newWriter returns a writable txn on kt, whose writes go to an overlay on
// top of base (which may be nil).
func newWriter(s *Store, kt kvTxn, ctx context.Context, base *overlay) *txn {
	t := &txn{s: s, kt: kt, ctx: ctx, writable: true}
	t.ov = &t.ovBuf
	t.ov.base = base
	return t
}

// scanCheckEvery is how many items a scan visits between context checks.
const scanCheckEvery = 256

func (tx Tx) open() (*txn, error) {
	if tx.t == nil || tx.t.done {
		return nil, ErrTxClosed
	}
	return tx.t, nil
}

func (tx Tx) openWritable() (*txn, error) {
	t, err := tx.open()
	if err != nil {
		return nil, err
	}
	if !t.writable {
		return nil, ErrTxReadOnly
	}
	if t.err != nil {
		return nil, t.err
	}
	return t, nil
}

// Writable reports whether the transaction can write (it comes from
// [Store.Update] or [Store.Batch]).
func (tx Tx) Writable() bool { return tx.t != nil && tx.t.writable && !tx.t.done }

// Context returns the context given to View, Update or Batch.
func (tx Tx) Context() context.Context {
	if tx.t == nil {
		return context.Background()
	}
	return tx.t.ctx
}

// Get returns a copy of the value stored under key, or an error wrapping
// [ErrNotFound].
func (tx Tx) Get(key []byte) ([]byte, error) {
	t, err := tx.open()
	if err != nil {
		return nil, err
	}
	if len(key) == 0 {
		return nil, ErrInvalidKey
	}
	return t.get(key)
}

// Has reports whether key exists.
func (tx Tx) Has(key []byte) (bool, error) {
	_, err := tx.Get(key)
	switch {
	case err == nil:
		return true, nil
	case isNotFound(err):
		return false, nil
	}
	return false, err
}

// Set stores val under key, replacing any value. See [ErrInvalidKey] and
// [ErrValueTooLarge] for the limits on keys and values.
func (tx Tx) Set(key, val []byte) error {
	t, err := tx.openWritable()
	if err != nil {
		return err
	}
	if err := checkKey(key); err != nil {
		return err
	}
	if int64(len(val)) > t.s.maxValue {
		return ErrValueTooLarge
	}
	return t.set(bytes.Clone(key), cloneValue(val))
}

const maxKeySize = 65000

var badgerPrefix = []byte("!badger!")

func checkKey(key []byte) error {
	if len(key) == 0 || len(key) > maxKeySize || bytes.HasPrefix(key, badgerPrefix) {
		return ErrInvalidKey
	}
	return nil
}

// Delete removes key. Deleting a missing key is not an error.
func (tx Tx) Delete(key []byte) error {
	t, err := tx.openWritable()
	if err != nil {
		return err
	}
	if err := checkKey(key); err != nil {
		return err
	}
	return t.del(bytes.Clone(key))
}

// Scan calls fn for every key that starts with prefix, in ascending key
// order, with copies of the key and value. An empty prefix scans everything.
// A non-nil error from fn ends the scan and is returned, except
// [ErrStopScan], which ends it with nil.
//
// In a writable transaction, Scan sees the transaction's own writes, and
// the keys it returns take part in conflict detection; keys inserted into
// the range by another transaction after this one started do not (there is
// no protection against phantoms).
func (tx Tx) Scan(prefix []byte, fn func(key, val []byte) error) error {
	t, err := tx.open()
	if err != nil {
		return err
	}
	return t.iterate(prefix, nil, nil, false, fn)
}

// ScanKeys is like [Tx.Scan] but only reads keys, which is cheaper.
func (tx Tx) ScanKeys(prefix []byte, fn func(key []byte) error) error {
	t, err := tx.open()
	if err != nil {
		return err
	}
	return t.iterate(prefix, nil, nil, true, func(k, _ []byte) error { return fn(k) })
}

// ScanRange calls fn for every key in [start, end) in ascending order, like
// [Tx.Scan]. A nil end means no upper bound.
func (tx Tx) ScanRange(start, end []byte, fn func(key, val []byte) error) error {
	t, err := tx.open()
	if err != nil {
		return err
	}
	return t.iterate(nil, start, end, false, fn)
}

// DeletePrefix deletes every key that starts with prefix, inside the
// transaction. It is meant for small ranges (at most tens of thousands of
// keys); past that it returns [ErrTxTooBig] and the transaction cannot
// commit. [Store.DeletePrefix] deletes any range, in several transactions.
// An empty prefix is refused with [ErrInvalidKey].
func (tx Tx) DeletePrefix(prefix []byte) error {
	t, err := tx.openWritable()
	if err != nil {
		return err
	}
	if len(prefix) == 0 {
		return ErrInvalidKey
	}
	return t.iterate(prefix, nil, nil, true, func(k, _ []byte) error { return t.del(k) })
}

func isNotFound(err error) bool { return errors.Is(err, ErrNotFound) }

// cloneValue copies val; a nil value becomes an empty one.
func cloneValue(val []byte) []byte {
	out := make([]byte, len(val))
	copy(out, val)
	return out
}

func (t *txn) get(key []byte) ([]byte, error) {
	if e, ok := t.ov.lookup(key); ok {
		if e.del {
			return nil, ErrNotFound
		}
		return bytes.Clone(e.val), nil
	}
	return t.kt.get(key)
}

// set and del take ownership of key and val. Only writable transactions,
// which always have an overlay, get here.
func (t *txn) set(key, val []byte) error {
	return t.poison(t.ov.put(t.s, key, val, false))
}

func (t *txn) del(key []byte) error {
	return t.poison(t.ov.put(t.s, key, nil, true))
}

// poison makes ErrTxTooBig sticky, so that a transaction that lost a write
// can never commit.
func (t *txn) poison(err error) error {
	if err == ErrTxTooBig {
		t.err = err
	}
	return err
}

// iterate walks keys with the given prefix, or in [start, end) when prefix
// is nil, merging the transaction's own writes.
func (t *txn) iterate(prefix, start, end []byte, keysOnly bool, fn func(k, v []byte) error) error {
	if start == nil {
		start = prefix
	}
	var pending []ovEntry
	if t.ov != nil {
		pending = t.ov.items(start, func(k []byte) bool {
			return (prefix == nil || bytes.HasPrefix(k, prefix)) && (end == nil || bytes.Compare(k, end) < 0)
		})
	}
	n := 0
	call := func(k, v []byte) error {
		n++
		if n%scanCheckEvery == 0 {
			if err := t.ctx.Err(); err != nil {
				return err
			}
		}
		return fn(k, v)
	}
	emit := func(e ovEntry) error {
		if e.del {
			return nil
		}
		var v []byte
		if !keysOnly {
			v = bytes.Clone(e.val)
		}
		return call(bytes.Clone(e.key), v)
	}
	err := t.kt.scan(prefix, start, end, func(k []byte, value func() ([]byte, error)) error {
		// Overlay entries that sort before this key come first; one
		// equal to it replaces it.
		for len(pending) > 0 && bytes.Compare(pending[0].key, k) < 0 {
			if err := emit(pending[0]); err != nil {
				return err
			}
			pending = pending[1:]
		}
		if len(pending) > 0 && bytes.Equal(pending[0].key, k) {
			e := pending[0]
			pending = pending[1:]
			return emit(e)
		}
		key := bytes.Clone(k)
		var val []byte
		if !keysOnly {
			v, err := value()
			if err != nil {
				return err
			}
			val = v
		}
		return call(key, val)
	})
	if err != nil {
		return stopScan(err)
	}
	for _, e := range pending {
		if err := emit(e); err != nil {
			return stopScan(err)
		}
	}
	return nil
}

func stopScan(err error) error {
	if err == ErrStopScan {
		return nil
	}
	return err
}
