package store

import (
	"errors"
	"fmt"
)

// Sentinel errors. Match them with [errors.Is]: the store wraps them with
// context (for example `pico "p1": not found`).
var (
	// ErrNotFound is returned when a key or a record does not exist.
	ErrNotFound = errors.New("not found")

	// ErrClosed is returned by every method of a [Store] called after
	// [Store.Close] has started.
	ErrClosed = errors.New("store closed")

	// ErrTxClosed is returned when a [Tx] is used after the function it was
	// passed to has returned, or when the zero Tx is used.
	ErrTxClosed = errors.New("transaction closed")

	// ErrTxReadOnly is returned when a write is attempted in a [Store.View]
	// transaction.
	ErrTxReadOnly = errors.New("transaction is read-only")

	// ErrTxTooBig is returned when a write would make the transaction larger
	// than one commit can hold (about 2 MiB or 23,000 writes). The transaction is then poisoned: it cannot commit, even if the
	// function ignores the error and returns nil. Use [Store.DeletePrefix] or
	// [Store.DeletePico] for bulk deletions.
	ErrTxTooBig = errors.New("transaction too big")

	// ErrValueTooLarge is returned by Set for a value larger than the store
	// holds: 1 MiB minus one byte in memory, 64 MiB on disk.
	ErrValueTooLarge = errors.New("value too large")

	// ErrConflict is returned by [Store.Update] and [Store.Batch] when the
	// transaction kept conflicting with concurrent transactions after the
	// configured number of attempts (see [WithMaxAttempts]).
	ErrConflict = errors.New("transaction conflict")

	// ErrInvalidKey is returned for an empty key, an empty prefix where a
	// prefix is required, a key longer than 65,000 bytes, a key reserved by
	// the storage engine (starting with "!badger!"), or bytes that are not a
	// valid tuple key.
	ErrInvalidKey = errors.New("invalid key")

	// ErrInvalidRecord is returned when a typed record is missing a required
	// field, contradicts what is stored, or cannot be decoded.
	ErrInvalidRecord = errors.New("invalid record")

	// ErrHasChildren is returned by [Tx.DeletePicoData] for a pico that still
	// has children: delete the children first.
	ErrHasChildren = errors.New("pico has children")

	// ErrFamilyChannel is returned by [Tx.DeleteChannel] for a family channel
	// (one with FamilyOf set). Family channels go away with their pico.
	ErrFamilyChannel = errors.New("family channel")

	// ErrInconsistent is returned by [Store.Check] when an invariant of the
	// key layout does not hold.
	ErrInconsistent = errors.New("inconsistent store")

	// ErrIncompatible is returned by [Open] when the directory holds data
	// written with another key layout version.
	ErrIncompatible = errors.New("incompatible store layout")

	// ErrStopScan can be returned by a scan callback to end the scan early.
	// The scan then returns nil.
	ErrStopScan = errors.New("stop scan")
)

// wrapf wraps a sentinel with a description of what it is about.
func wrapf(sentinel error, format string, args ...any) error {
	return fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), sentinel)
}

// notFound wraps ErrNotFound with what was looked for.
func notFound(format string, args ...any) error { return wrapf(ErrNotFound, format, args...) }

// invalidf returns an [ErrInvalidRecord] with a description.
func invalidf(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalidRecord, fmt.Sprintf(format, args...))
}
