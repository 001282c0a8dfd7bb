package pico

import (
	"crypto/rand"
	"encoding/base32"
	"strconv"
	"sync/atomic"
)

// Identifiers. Pico ids and ECIs are credentials (an ECI is all a sender
// needs), so they carry 128 random bits from crypto/rand. Event ids only need
// to be unique: a random per-engine prefix plus a counter, which is cheap on
// the event path.

var idEncoding = base32.NewEncoding("abcdefghijkmnpqrstuvwxyz23456789").WithPadding(base32.NoPadding)

// newSecretID returns a fresh unguessable identifier: 26 characters of a
// lower-case alphabet without look-alike letters.
func newSecretID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("pico: crypto/rand failed: " + err.Error()) // rand.Read never fails on supported platforms
	}
	return idEncoding.EncodeToString(b[:])
}

// eidSource makes event ids.
type eidSource struct {
	prefix string
	n      atomic.Uint64
}

func newEIDSource() *eidSource {
	var b [5]byte
	_, _ = rand.Read(b[:])
	return &eidSource{prefix: idEncoding.EncodeToString(b[:])}
}

func (s *eidSource) next() string {
	return s.prefix + "-" + strconv.FormatUint(s.n.Add(1), 36)
}
