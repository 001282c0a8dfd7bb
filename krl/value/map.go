package value

import (
	"slices"
	"strconv"
)

// smallMap is the size up to which a Map is searched linearly instead of
// through a hash index.
const smallMap = 8

// emptyMap is shared by every empty map value.
var emptyMap = &Map{}

// EmptyMap returns the empty Map value {}.
func EmptyMap() Value { return Value{k: MapKind, p: emptyMap} }

// EmptyArray returns the empty Array value [].
func EmptyArray() Value { return Value{k: ArrayKind, p: &Array{}} }

// IsArrayIndex reports whether k is a canonical JavaScript array index,
// "0" to "4294967294" without leading zeros. Such keys come first, in
// numeric order, when a map is iterated.
func IsArrayIndex(k string) bool {
	_, ok := arrayIndex(k)
	return ok
}

func arrayIndex(k string) (uint32, bool) {
	if len(k) == 0 || len(k) > 10 || (k[0] == '0' && len(k) > 1) {
		return 0, false
	}
	var n uint64
	for i := 0; i < len(k); i++ {
		c := k[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	if n > 4294967294 {
		return 0, false
	}
	return uint32(n), true
}

// NewMapValue returns a Map value with the given entries, like a map
// literal: a later duplicate key replaces the earlier value but keeps its
// position; the keys are ordered the JavaScript way. keys and vals must have
// the same length.
func NewMapValue(keys []string, vals []Value) Value {
	b := NewMapBuilder(len(keys))
	for i, k := range keys {
		b.Set(k, vals[i])
	}
	return b.Value()
}

// MapBuilder collects the entries of a new Map. The zero MapBuilder is ready
// to use.
type MapBuilder struct {
	keys      []string
	vals      []Value
	index     map[string]int
	hasIndexK bool
}

// NewMapBuilder returns a builder with room for n entries.
func NewMapBuilder(n int) *MapBuilder {
	return &MapBuilder{keys: make([]string, 0, n), vals: make([]Value, 0, n)}
}

// Len returns the number of entries so far.
func (b *MapBuilder) Len() int { return len(b.keys) }

func (b *MapBuilder) find(k string) int {
	if b.index != nil {
		if i, ok := b.index[k]; ok {
			return i
		}
		return -1
	}
	for i, key := range b.keys {
		if key == k {
			return i
		}
	}
	return -1
}

// Get returns the value set for k so far.
func (b *MapBuilder) Get(k string) (Value, bool) {
	if i := b.find(k); i >= 0 {
		return b.vals[i], true
	}
	return Null, false
}

// Set sets k to v; a key set again keeps its first position.
func (b *MapBuilder) Set(k string, v Value) {
	if i := b.find(k); i >= 0 {
		b.vals[i] = v
		return
	}
	b.keys = append(b.keys, k)
	b.vals = append(b.vals, v)
	if b.index != nil {
		b.index[k] = len(b.keys) - 1
	} else if len(b.keys) > smallMap {
		b.index = make(map[string]int, 2*len(b.keys))
		for i, key := range b.keys {
			b.index[key] = i
		}
	}
	if !b.hasIndexK && IsArrayIndex(k) {
		b.hasIndexK = true
	}
}

// Map returns the built map and resets the builder.
func (b *MapBuilder) Map() *Map {
	if len(b.keys) == 0 {
		*b = MapBuilder{}
		return emptyMap
	}
	m := &Map{keys: b.keys, vals: b.vals, index: b.index}
	if b.hasIndexK {
		m.sortKeys()
	}
	*b = MapBuilder{}
	return m
}

// Value returns the built map as a Value and resets the builder.
func (b *MapBuilder) Value() Value { return Value{k: MapKind, p: b.Map()} }

// sortKeys moves array-index keys to the front in numeric order, keeping
// the insertion order of the others, and rebuilds the index.
func (m *Map) sortKeys() {
	type entry struct {
		n uint32
		k string
		v Value
	}
	var idx []entry
	keys := make([]string, 0, len(m.keys))
	vals := make([]Value, 0, len(m.keys))
	for i, k := range m.keys {
		if n, ok := arrayIndex(k); ok {
			idx = append(idx, entry{n, k, m.vals[i]})
		}
	}
	slices.SortFunc(idx, func(a, b entry) int {
		if a.n < b.n {
			return -1
		}
		if a.n > b.n {
			return 1
		}
		return 0
	})
	for _, e := range idx {
		keys = append(keys, e.k)
		vals = append(vals, e.v)
	}
	for i, k := range m.keys {
		if !IsArrayIndex(k) {
			keys = append(keys, k)
			vals = append(vals, m.vals[i])
		}
	}
	m.keys, m.vals = keys, vals
	m.reindex()
}

func (m *Map) reindex() {
	if len(m.keys) <= smallMap {
		m.index = nil
		return
	}
	m.index = make(map[string]int, len(m.keys))
	for i, k := range m.keys {
		m.index[k] = i
	}
}

// NewMap returns a Map value wrapping m.
func NewMap(m *Map) Value {
	if m == nil {
		m = emptyMap
	}
	return Value{k: MapKind, p: m}
}

// Len returns the number of entries.
func (m *Map) Len() int {
	if m == nil {
		return 0
	}
	return len(m.keys)
}

func (m *Map) find(k string) int {
	if m == nil {
		return -1
	}
	if m.index != nil {
		if i, ok := m.index[k]; ok {
			return i
		}
		return -1
	}
	for i, key := range m.keys {
		if key == k {
			return i
		}
	}
	return -1
}

// Get returns the value of key k and whether it is present.
func (m *Map) Get(k string) (Value, bool) {
	if i := m.find(k); i >= 0 {
		return m.vals[i], true
	}
	return Null, false
}

// Has reports whether key k is present.
func (m *Map) Has(k string) bool { return m.find(k) >= 0 }

// Keys returns the keys in iteration order; the caller must not change the
// slice.
func (m *Map) Keys() []string {
	if m == nil {
		return nil
	}
	return m.keys
}

// Values returns the values in iteration order; the caller must not change
// the slice.
func (m *Map) Values() []Value {
	if m == nil {
		return nil
	}
	return m.vals
}

// At returns the i-th entry in iteration order.
func (m *Map) At(i int) (string, Value) { return m.keys[i], m.vals[i] }

// Range calls f for each entry in iteration order until f returns false.
func (m *Map) Range(f func(k string, v Value) bool) {
	if m == nil {
		return
	}
	for i, k := range m.keys {
		if !f(k, m.vals[i]) {
			return
		}
	}
}

// With returns a copy of m with k set to v. An existing key keeps its
// position; a new one goes where JavaScript would put it.
func (m *Map) With(k string, v Value) *Map {
	if i := m.find(k); i >= 0 {
		n := &Map{keys: m.keys, vals: slices.Clone(m.vals), index: m.index}
		n.vals[i] = v
		return n
	}
	l := m.Len()
	pos := l
	if ki, ok := arrayIndex(k); ok {
		// Insert after the last index key smaller than k.
		pos = 0
		for pos < l {
			n, isIdx := arrayIndex(m.keys[pos])
			if !isIdx || n > ki {
				break
			}
			pos++
		}
	}
	keys := make([]string, l+1)
	vals := make([]Value, l+1)
	copy(keys, m.Keys()[:pos])
	copy(vals, m.Values()[:pos])
	keys[pos], vals[pos] = k, v
	copy(keys[pos+1:], m.Keys()[pos:])
	copy(vals[pos+1:], m.Values()[pos:])
	n := &Map{keys: keys, vals: vals}
	if pos == l && m != nil && m.index != nil {
		// Appending: extend a copy of the index instead of rehashing.
		n.index = make(map[string]int, l+1)
		for key, i := range m.index {
			n.index[key] = i
		}
		n.index[k] = l
	} else {
		n.reindex()
	}
	return n
}

// Without returns a copy of m without key k (m itself if k is absent).
func (m *Map) Without(k string) *Map {
	i := m.find(k)
	if i < 0 {
		return m
	}
	n := &Map{
		keys: slices.Delete(slices.Clone(m.keys), i, i+1),
		vals: slices.Delete(slices.Clone(m.vals), i, i+1),
	}
	n.reindex()
	return n
}

// Merge returns a map with the entries of m followed by those of o, o's
// values winning (JavaScript's Object.assign({}, m, o)).
func (m *Map) Merge(o *Map) *Map {
	if o.Len() == 0 {
		return m
	}
	b := NewMapBuilder(m.Len() + o.Len())
	m.Range(func(k string, v Value) bool { b.Set(k, v); return true })
	o.Range(func(k string, v Value) bool { b.Set(k, v); return true })
	return b.Map()
}

// indexKey returns the array index named by key k, if k is canonical.
func indexKey(k string) (int, bool) {
	n, ok := arrayIndex(k)
	return int(n), ok
}

// IndexString returns the decimal string of array index i (a map key or an
// array key in keys()).
func IndexString(i int) string { return strconv.Itoa(i) }
