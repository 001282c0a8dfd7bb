package eventbus

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"

	"github.com/gopico/pico/krl/value"
)

// State is the matching state of one rule on one pico: the active states of
// its machine, the values captured so far, the aggregated values and the
// start of the within clock. The zero State is the start state.
//
// A State is a small immutable value: Step returns a new one and never
// changes the one it was given. It serialises with MarshalBinary and comes
// back with Machine.UnmarshalState, so the engine can store it with the
// pico and keep partial matches across restarts.
type State struct {
	states  []uint16  // active states; empty means start
	start   int64     // within clock, ms since 1970; 0 when not running
	setting []binding // captured values, by variable slot
	aggs    []aggList // aggregated values, by variable slot
	fp      uint32    // fingerprint of the machine that made the state
}

type binding struct {
	slot uint16
	val  value.Value
}

type aggList struct {
	slot uint16
	vals []value.Value
}

// IsZero reports whether s is the start state with nothing captured, which
// needs no storage.
func (s State) IsZero() bool {
	return len(s.states) == 0 && s.start == 0 && len(s.setting) == 0 && len(s.aggs) == 0
}

// withBinding returns a copy of list with slot set to v.
func withBinding(list []binding, slot uint16, v value.Value) []binding {
	i := slices.IndexFunc(list, func(b binding) bool { return b.slot == slot })
	if i >= 0 {
		out := slices.Clone(list)
		out[i].val = v
		return out
	}
	out := make([]binding, len(list), len(list)+1)
	copy(out, list)
	return append(out, binding{slot: slot, val: v})
}

// aggregate feeds one primitive's captures to its aggregator, the way the
// reference does: a list per variable that restarts when the machine is at
// start, slides (drops its oldest value) when it is at end (the loop of
// repeat), and grows otherwise. The aggregator's variables replace every
// aggregated list, and their results go into the captured values.
func (s *State) aggregate(info *primInfo, caps []value.Value) {
	atStart := slices.Contains(s.states, startState)
	atEnd := slices.Contains(s.states, endState)
	old := s.aggs
	aggs := make([]aggList, 0, len(info.aggSlots))
	for i, slot := range info.aggSlots {
		v := capture(caps, i)
		var prev []value.Value
		if j := slices.IndexFunc(old, func(a aggList) bool { return a.slot == slot }); j >= 0 {
			prev = old[j].vals
		}
		var vals []value.Value
		switch {
		case atStart:
			vals = []value.Value{v}
		case atEnd:
			vals = append(slices.Clip(prev), v)[1:]
		default:
			vals = append(slices.Clip(prev), v)
		}
		if j := slices.IndexFunc(aggs, func(a aggList) bool { return a.slot == slot }); j >= 0 {
			aggs[j].vals = vals
		} else {
			aggs = append(aggs, aggList{slot: slot, vals: vals})
		}
		s.setting = withBinding(s.setting, slot, info.aggOp.apply(vals))
	}
	s.aggs = aggs
}

// Binary form (all integers little-endian or varint):
//
//	version byte (1)
//	machine fingerprint, 4 bytes
//	uvarint n, then n uvarint states
//	varint within clock (ms)
//	uvarint n, then n × (uvarint slot, value)
//	uvarint n, then n × (uvarint slot, uvarint m, m values)
//
// with values as a tag byte (null, false, true, number: 8 bytes of IEEE 754,
// string: uvarint length and bytes, array: uvarint length and values).
const stateVersion = 1

const (
	tagNull byte = iota
	tagFalse
	tagTrue
	tagNumber
	tagString
	tagArray
)

// maxValueDepth bounds the nesting of arrays in a stored state.
const maxValueDepth = 32

// MarshalBinary encodes s. The zero State encodes to no bytes at all. It
// fails only when a captured or aggregated value is not null, a Boolean, a
// Number, a String or an Array of those (captures are Strings, aggregates
// Numbers or Arrays of Strings).
func (s State) MarshalBinary() ([]byte, error) {
	if s.IsZero() {
		return nil, nil
	}
	return s.AppendBinary(make([]byte, 0, 16+8*len(s.states)+32*(len(s.setting)+len(s.aggs))))
}

// AppendBinary appends the encoding of s to b (see MarshalBinary).
func (s State) AppendBinary(b []byte) ([]byte, error) {
	if s.IsZero() {
		return b, nil
	}
	b = append(b, stateVersion)
	b = binary.LittleEndian.AppendUint32(b, s.fp)
	b = binary.AppendUvarint(b, uint64(len(s.states)))
	for _, st := range s.states {
		b = binary.AppendUvarint(b, uint64(st))
	}
	b = binary.AppendVarint(b, s.start)
	b = binary.AppendUvarint(b, uint64(len(s.setting)))
	var err error
	for _, x := range s.setting {
		b = binary.AppendUvarint(b, uint64(x.slot))
		if b, err = appendValue(b, x.val, 0); err != nil {
			return nil, err
		}
	}
	b = binary.AppendUvarint(b, uint64(len(s.aggs)))
	for _, a := range s.aggs {
		b = binary.AppendUvarint(b, uint64(a.slot))
		b = binary.AppendUvarint(b, uint64(len(a.vals)))
		for _, v := range a.vals {
			if b, err = appendValue(b, v, 0); err != nil {
				return nil, err
			}
		}
	}
	return b, nil
}

func appendValue(b []byte, v value.Value, depth int) ([]byte, error) {
	switch v.Kind() {
	case value.NullKind:
		return append(b, tagNull), nil
	case value.BooleanKind:
		if v.AsBool() {
			return append(b, tagTrue), nil
		}
		return append(b, tagFalse), nil
	case value.NumberKind:
		b = append(b, tagNumber)
		return binary.LittleEndian.AppendUint64(b, math.Float64bits(v.AsNum())), nil
	case value.StringKind:
		b = append(b, tagString)
		b = binary.AppendUvarint(b, uint64(len(v.AsStr())))
		return append(b, v.AsStr()...), nil
	case value.ArrayKind:
		if depth >= maxValueDepth {
			return nil, fmt.Errorf("%w: arrays nested too deep", ErrUnencodable)
		}
		elems := v.AsArray().Elems()
		b = append(b, tagArray)
		b = binary.AppendUvarint(b, uint64(len(elems)))
		var err error
		for _, e := range elems {
			if b, err = appendValue(b, e, depth+1); err != nil {
				return nil, err
			}
		}
		return b, nil
	}
	return nil, fmt.Errorf("%w: a value of kind %d", ErrUnencodable, v.Kind())
}

// UnmarshalState decodes a State encoded by State.MarshalBinary for this
// machine. No bytes decode to the zero State. A state written by another
// machine (another version of the rule) gives ErrStateMismatch, and
// malformed bytes give ErrBadState; in both cases the caller should start
// over from the zero State, as the reference engine does after a ruleset
// changes.
func (m *Machine) UnmarshalState(data []byte) (State, error) {
	if len(data) == 0 {
		return State{}, nil
	}
	d := decoder{b: data}
	if d.readByte() != stateVersion {
		return State{}, fmt.Errorf("%w: unknown version", ErrBadState)
	}
	if len(d.b) < 4 {
		return State{}, fmt.Errorf("%w: truncated", ErrBadState)
	}
	s := State{fp: binary.LittleEndian.Uint32(d.b)}
	d.b = d.b[4:]
	if s.fp != m.fp {
		return State{}, ErrStateMismatch
	}
	n := d.count()
	if n > 0 {
		s.states = make([]uint16, 0, n)
	}
	for range n {
		st := d.uvarint()
		if st >= uint64(len(m.table)) {
			d.fail("state out of range")
		}
		s.states = append(s.states, uint16(st))
	}
	s.start = d.varint()
	n = d.count()
	for range n {
		slot := d.slot(len(m.vars))
		s.setting = append(s.setting, binding{slot: slot, val: d.value(0)})
	}
	n = d.count()
	for range n {
		slot := d.slot(len(m.vars))
		k := d.count()
		vals := make([]value.Value, 0, k)
		for range k {
			vals = append(vals, d.value(0))
		}
		s.aggs = append(s.aggs, aggList{slot: slot, vals: vals})
	}
	if d.err == nil && len(d.b) > 0 {
		d.fail("trailing bytes")
	}
	if d.err != nil {
		return State{}, d.err
	}
	return s, nil
}

// decoder reads the binary form; the first error sticks and later reads
// return zero values.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(msg string) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s", ErrBadState, msg)
	}
	d.b = nil
}

func (d *decoder) readByte() byte {
	if len(d.b) == 0 {
		d.fail("truncated")
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("bad varint")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail("bad varint")
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a length; each counted item takes at least one byte, which
// bounds allocations by the input size.
func (d *decoder) count() int {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail("bad length")
		return 0
	}
	return int(n)
}

func (d *decoder) slot(nvars int) uint16 {
	v := d.uvarint()
	if v >= uint64(nvars) {
		d.fail("variable out of range")
		return 0
	}
	return uint16(v)
}

func (d *decoder) value(depth int) value.Value {
	switch d.readByte() {
	case tagNull:
		return value.Null
	case tagFalse:
		return value.False
	case tagTrue:
		return value.True
	case tagNumber:
		if len(d.b) < 8 {
			d.fail("truncated")
			return value.Null
		}
		f := math.Float64frombits(binary.LittleEndian.Uint64(d.b))
		d.b = d.b[8:]
		return value.Num(f)
	case tagString:
		n := d.count()
		if d.err != nil {
			return value.Null
		}
		s := string(d.b[:n])
		d.b = d.b[n:]
		return value.Str(s)
	case tagArray:
		if depth >= maxValueDepth {
			d.fail("arrays nested too deep")
			return value.Null
		}
		n := d.count()
		elems := make([]value.Value, 0, n)
		for range n {
			elems = append(elems, d.value(depth+1))
		}
		return value.NewArray(elems)
	}
	d.fail("bad value tag")
	return value.Null
}
