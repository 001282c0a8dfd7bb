package value

import (
	"math"
	"slices"
)

// maxArrayGrowth bounds how far past its end an array may be extended by a
// single assignment (JavaScript arrays are sparse, these are not). An index
// further out turns the array into a map.
const maxArrayGrowth = 1 << 20

// KeyPath turns a key or a path into the list of keys it names: the String
// forms of the elements of an Array, or the String form of anything else.
func KeyPath(path Value) []string {
	if a := path.AsArray(); a != nil {
		keys := make([]string, a.Len())
		for i, e := range a.Elems() {
			keys[i] = ToString(e)
		}
		return keys
	}
	return []string{ToString(path)}
}

// lookup returns the member k of a Map or Array (by canonical index).
func lookup(v Value, k string) (Value, bool) {
	switch v.k {
	case MapKind:
		return v.AsMap().Get(k)
	case ArrayKind:
		if i, ok := indexKey(k); ok && i < v.AsArray().Len() {
			return v.AsArray().At(i), true
		}
	}
	return Null, false
}

// Get implements v{key} and v[key]: the member of a Map or Array named by
// key, or by each key in turn when key is an Array (a path). Keys are
// String forms; arrays take canonical indexes ("2" works, "-1" and "02" do
// not). Anything missing, and any non-collection v, gives null; an empty
// path gives v itself.
func Get(v Value, key Value) Value {
	if v.k != MapKind && v.k != ArrayKind {
		return Null
	}
	switch key.k {
	case ArrayKind:
		cur := v
		for _, k := range key.AsArray().Elems() {
			next, ok := getKey(cur, k)
			if !ok {
				return Null
			}
			cur = next
		}
		return cur
	default:
		r, _ := getKey(v, key)
		return r
	}
}

// getKey is lookup with a key Value; it avoids formatting numbers used as
// array indexes.
func getKey(v Value, key Value) (Value, bool) {
	if key.k == NumberKind && v.k == ArrayKind {
		f := key.n
		a := v.AsArray()
		if f >= 0 && f == math.Trunc(f) && f < float64(a.Len()) {
			return a.At(int(f)), true
		}
		return Null, false
	}
	if key.k == StringKind {
		return lookup(v, key.s)
	}
	return lookup(v, ToString(key))
}

// isCollection reports whether v is an Array or a Map.
func (v Value) isCollection() bool { return v.k == ArrayKind || v.k == MapKind }

// PutPath returns a copy of v with the member at path set to x, with the
// semantics of the set operator and of `ent:v{path} := x`: a v that is not
// a collection starts as {}; missing or non-collection intermediate members
// are created, as an Array when the next key looks like an array index
// ("0", "12") and as a Map otherwise; existing Arrays are extended with
// nulls when an index is past their end. A non-index key on an Array has no
// visible effect (JavaScript would set a property that JSON ignores). An
// empty path returns v unchanged.
func PutPath(v Value, path Value, x Value) Value {
	if !v.isCollection() {
		v = EmptyMap()
	}
	keys := KeyPath(path)
	if len(keys) == 0 {
		return v
	}
	return setIn(v, keys, x)
}

func setIn(c Value, keys []string, x Value) Value {
	k := keys[0]
	if len(keys) == 1 {
		return assign(c, k, x)
	}
	child, _ := lookup(c, k)
	if !child.isCollection() {
		if isLodashIndex(keys[1]) {
			child = EmptyArray()
		} else {
			child = EmptyMap()
		}
	}
	return assign(c, k, setIn(child, keys[1:], x))
}

// isLodashIndex reports whether k is a non-negative integer without leading
// zeros below 2^53-1 (what decides that set creates an Array).
func isLodashIndex(k string) bool {
	if len(k) == 0 || len(k) > 16 || (k[0] == '0' && len(k) > 1) {
		return false
	}
	for i := 0; i < len(k); i++ {
		if k[i] < '0' || k[i] > '9' {
			return false
		}
	}
	f, _ := ParseInt(k)
	return f < 1<<53-1
}

// assign sets member k of the collection c (a copy of it).
func assign(c Value, k string, x Value) Value {
	switch c.k {
	case MapKind:
		return Value{k: MapKind, p: c.AsMap().With(k, x)}
	case ArrayKind:
		a := c.AsArray()
		i, ok := indexKey(k)
		if !ok {
			return c // an invisible property in JavaScript
		}
		if i >= a.Len()+maxArrayGrowth {
			return Value{k: MapKind, p: arrayToMap(a).With(k, x)}
		}
		elems := make([]Value, max(a.Len(), i+1))
		copy(elems, a.Elems())
		elems[i] = x
		return NewArray(elems)
	}
	return c
}

// arrayToMap turns an Array into a Map with index keys ("0", "1", ...).
func arrayToMap(a *Array) *Map {
	b := NewMapBuilder(a.Len())
	for i, e := range a.Elems() {
		b.Set(IndexString(i), e)
	}
	return b.Map()
}

// Put implements the put operator with a path: a copy of the collection v
// with the member at path set to x. Unlike [PutPath], missing or
// non-collection intermediates become Maps, and an intermediate Array is
// kept only when the next key is an index at most its length (else it is
// turned into a Map with index keys). A v that is not a collection is
// returned unchanged. An empty path merges: see [Merge].
func Put(v Value, path Value, x Value) Value {
	if !v.isCollection() {
		return v
	}
	keys := KeyPath(path)
	if len(keys) == 0 {
		return Merge(v, x)
	}
	return putIn(v, keys, x)
}

func putIn(c Value, keys []string, x Value) Value {
	k := keys[0]
	if len(keys) == 1 {
		return assign(c, k, x)
	}
	child, _ := lookup(c, k)
	switch child.k {
	case MapKind:
	case ArrayKind:
		n, ok := ParseInt(keys[1])
		if !ok || n < 0 || n > float64(child.AsArray().Len()) {
			child = Value{k: MapKind, p: arrayToMap(child.AsArray())}
		}
	default:
		child = EmptyMap()
	}
	return assign(c, k, putIn(child, keys[1:], x))
}

// Merge implements put with a single argument: when v and x are both Maps,
// a Map with the entries of v then x (x winning); when both are Arrays, v
// with its first elements replaced by those of x; otherwise x. A v that is
// not a collection is returned unchanged.
func Merge(v Value, x Value) Value {
	switch {
	case !v.isCollection():
		return v
	case v.k == MapKind && x.k == MapKind:
		return Value{k: MapKind, p: v.AsMap().Merge(x.AsMap())}
	case v.k == ArrayKind && x.k == ArrayKind:
		a, b := v.AsArray().Elems(), x.AsArray().Elems()
		elems := make([]Value, max(len(a), len(b)))
		copy(elems, a)
		copy(elems, b)
		return NewArray(elems)
	}
	return x
}

// DeletePath returns a copy of v without the member at path: a Map loses
// the key, an Array keeps its length with a null in place of the element
// (JavaScript's delete). A missing path, an empty path or a non-collection
// v return v unchanged.
func DeletePath(v Value, path Value) Value {
	keys := KeyPath(path)
	if len(keys) == 0 {
		return v
	}
	return deleteIn(v, keys)
}

func deleteIn(c Value, keys []string) Value {
	k := keys[0]
	if len(keys) == 1 {
		switch c.k {
		case MapKind:
			m := c.AsMap()
			if n := m.Without(k); n != m {
				return Value{k: MapKind, p: n}
			}
		case ArrayKind:
			a := c.AsArray()
			if i, ok := indexKey(k); ok && i < a.Len() {
				elems := slices.Clone(a.Elems())
				elems[i] = Null
				return NewArray(elems)
			}
		}
		return c
	}
	child, ok := lookup(c, k)
	if !ok || !child.isCollection() {
		return c
	}
	n := deleteIn(child, keys[1:])
	if n.p == child.p {
		return c
	}
	return assign(c, k, n)
}
