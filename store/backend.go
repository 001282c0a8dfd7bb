package store

import "errors"

// A backend is the key-value engine under a Store: Badger on disk
// (badgerBackend), an ordered copy-on-write tree in memory (memBackend).
// It provides snapshots and optimistic conflict detection; the Store adds
// the rest on top, the same for both: key checks and size limits, the
// overlay of a transaction's own writes, retries and group commit.
type backend interface {
	// begin starts a transaction on a snapshot of the last commit. A
	// writable transaction records its reads for conflict detection and
	// takes writes.
	begin(writable bool) kvTxn
	// close releases the backend. No transaction is open any more.
	close() error
}

// A kvTxn is a transaction of a backend. It belongs to one goroutine.
type kvTxn interface {
	// get returns a copy of the value of key in the snapshot, or
	// ErrNotFound. In a writable transaction, key takes part in conflict
	// detection, found or not.
	get(key []byte) ([]byte, error)

	// scan calls fn in ascending key order for the keys of the snapshot
	// that are at least start, start with prefix (unless it is nil) and
	// are below end (unless it is nil). The key is valid only during the
	// call; value returns a copy of the key's value. A non-nil error from
	// fn ends the scan and is returned. In a writable transaction, every
	// key passed to fn takes part in conflict detection.
	scan(prefix, start, end []byte, fn func(key []byte, value func() ([]byte, error)) error) error

	// set and delete add a write to the commit; they take ownership of
	// key and val, which the transaction's own reads do not see (the
	// Store's overlay serves those).
	set(key, val []byte) error
	delete(key []byte) error

	// commit makes the writes visible to later transactions, all or none.
	// It returns errConflict when a key the transaction read was written
	// by a transaction that committed after this one's snapshot was
	// taken. A transaction without writes commits without a check.
	commit() error

	// discard ends the transaction; after commit it does nothing.
	discard()
}

// errConflict is what kvTxn.commit returns on a conflict; the Store retries
// the transaction and, once it gives up, returns ErrConflict.
var errConflict = errors.New("commit conflict")
