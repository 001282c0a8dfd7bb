package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// A Key is an encoded tuple of string components. The encoding preserves
// order component by component: for tuples a and b, bytes.Compare(NewKey(a...),
// NewKey(b...)) orders them as comparing their components one after the
// other, each lexicographically by bytes, a shorter tuple first when it is a
// prefix of the longer. A key is also a prefix (in bytes) of exactly the keys
// whose tuples extend its tuple, so NewKey("ent", picoID) is the prefix to
// scan every entity variable of a pico.
//
// Encoding: every component is written as its bytes with 0x00 escaped as
// 0x00 0xFF, followed by the terminator 0x00 0x01. The terminator is smaller
// than any escaped byte, which gives the order above; no component can end
// early, which gives the prefix property.
type Key []byte

const (
	sepByte = 0x00 // starts an escape or a terminator
	escByte = 0xFF // 0x00 0xFF is a literal 0x00 inside a component
	endByte = 0x01 // 0x00 0x01 ends a component
)

// NewKey encodes parts as a tuple key.
func NewKey(parts ...string) Key {
	n := 0
	for _, p := range parts {
		n += len(p) + 2
	}
	return appendParts(make(Key, 0, n), parts)
}

// Append returns a new key: k extended with parts. k is not modified.
func (k Key) Append(parts ...string) Key {
	n := len(k)
	for _, p := range parts {
		n += len(p) + 2
	}
	out := make(Key, len(k), n)
	copy(out, k)
	return appendParts(out, parts)
}

func appendParts(dst Key, parts []string) Key {
	for _, p := range parts {
		for {
			i := strings.IndexByte(p, sepByte)
			if i < 0 {
				break
			}
			dst = append(dst, p[:i]...)
			dst = append(dst, sepByte, escByte)
			p = p[i+1:]
		}
		dst = append(dst, p...)
		dst = append(dst, sepByte, endByte)
	}
	return dst
}

// Parts decodes the key into its components. It returns [ErrInvalidKey] if
// k is not the encoding of a tuple.
func (k Key) Parts() ([]string, error) {
	var parts []string
	var cur []byte
	for i := 0; i < len(k); i++ {
		b := k[i]
		if b != sepByte {
			cur = append(cur, b)
			continue
		}
		if i+1 == len(k) {
			return nil, fmt.Errorf("%w: truncated escape at byte %d", ErrInvalidKey, i)
		}
		i++
		switch k[i] {
		case escByte:
			cur = append(cur, sepByte)
		case endByte:
			parts = append(parts, string(cur))
			cur = cur[:0]
		default:
			return nil, fmt.Errorf("%w: bad escape 0x%02x at byte %d", ErrInvalidKey, k[i], i)
		}
	}
	if len(cur) > 0 {
		return nil, fmt.Errorf("%w: unterminated component", ErrInvalidKey)
	}
	return parts, nil
}

// HasPrefix reports whether k starts with prefix, that is (for tuple keys)
// whether k's tuple extends prefix's tuple.
func (k Key) HasPrefix(prefix Key) bool { return bytes.HasPrefix(k, prefix) }

// String returns a readable form for logs and debugging: the components
// joined with "/", each quoted when it is not plain printable text. Bytes
// that are not a tuple are printed quoted.
func (k Key) String() string {
	parts, err := k.Parts()
	if err != nil {
		return strconv.Quote(string(k))
	}
	var sb strings.Builder
	for i, p := range parts {
		if i > 0 {
			sb.WriteByte('/')
		}
		if plain(p) {
			sb.WriteString(p)
		} else {
			sb.WriteString(strconv.Quote(p))
		}
	}
	return sb.String()
}

func plain(s string) bool {
	if s == "" || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r == '/' || r == '"' || !strconv.IsPrint(r) || r == ' ' {
			return false
		}
	}
	return true
}

// timePart encodes t as an 8-byte component that sorts in time order,
// including times before 1970: nanoseconds since 1970 with the sign bit
// flipped, big-endian. Times outside the years 1678 to 2262 are clamped to
// those bounds.
func timePart(t time.Time) string {
	var n int64
	switch sec := t.Unix(); {
	case sec <= math.MinInt64/int64(time.Second):
		n = math.MinInt64
	case sec >= math.MaxInt64/int64(time.Second):
		n = math.MaxInt64
	default:
		n = t.UnixNano()
	}
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(n)^(1<<63))
	return string(b[:])
}

// The key layout: the first component of every key names its kind. The
// values are described in the package documentation; "<x>" is a component.
const (
	nsMeta       = "meta"   // meta <name>: layout version, pico counter
	nsRoot       = "root"   // root: id of the root pico
	nsPico       = "pico"   // pico <pico>: PicoRecord
	nsChannel    = "chan"   // chan <eci>: ChannelRecord (the ECI index)
	nsPicoChan   = "pchan"  // pchan <pico> <eci>: listing of a pico's channels
	nsInstall    = "inst"   // inst <pico> <rid>: InstallRecord
	nsEntVar     = "ent"    // ent <pico> <rid> <name>: entity variable
	nsRuleState  = "rstate" // rstate <pico> <rid> <rule>: event-expression state
	nsSchedule   = "sched"  // sched <id>: ScheduleRecord
	nsSchedAt    = "sat"    // sat <due time> <id>: "at" schedules by due time
	nsSchedRep   = "srep"   // srep <id>: "repeat" schedules
	nsPicoSched  = "psched" // psched <pico> <rid> <id>: schedules of a pico
	nsRuleset    = "rs"     // rs <rid> <version>: RulesetRecord
	nsRulesetCur = "rscur"  // rscur <rid>: current version of a ruleset

	metaLayout = "layout"
	metaPicos  = "picos"

	// layoutVersion is stored under meta/layout and checked by Open.
	// Change it with any incompatible change of the layout or records.
	layoutVersion = "1"
)

func keyMeta(name string) Key                 { return NewKey(nsMeta, name) }
func keyRoot() Key                            { return NewKey(nsRoot) }
func keyPico(id string) Key                   { return NewKey(nsPico, id) }
func keyChannel(eci string) Key               { return NewKey(nsChannel, eci) }
func keyPicoChan(pico, eci string) Key        { return NewKey(nsPicoChan, pico, eci) }
func keyInstall(pico, rid string) Key         { return NewKey(nsInstall, pico, rid) }
func keyEntVar(pico, rid, name string) Key    { return NewKey(nsEntVar, pico, rid, name) }
func keyRuleState(pico, rid, rule string) Key { return NewKey(nsRuleState, pico, rid, rule) }
func keySchedule(id string) Key               { return NewKey(nsSchedule, id) }
func keySchedAt(at time.Time, id string) Key  { return NewKey(nsSchedAt, timePart(at), id) }
func keySchedRep(id string) Key               { return NewKey(nsSchedRep, id) }
func keyPicoSched(pico, rid, id string) Key   { return NewKey(nsPicoSched, pico, rid, id) }
func keyRuleset(rid, version string) Key      { return NewKey(nsRuleset, rid, version) }
func keyRulesetCur(rid string) Key            { return NewKey(nsRulesetCur, rid) }

// lastPart decodes key and returns its last component; n is the number of
// components expected.
func lastPart(key []byte, n int) (string, error) {
	parts, err := Key(key).Parts()
	if err != nil {
		return "", err
	}
	if len(parts) != n {
		return "", fmt.Errorf("%w: %s has %d components, want %d", ErrInvalidKey, Key(key), len(parts), n)
	}
	return parts[n-1], nil
}
