package stdlib

import (
	"math"
	"slices"

	"github.com/gopico/pico/krl/value"
)

func init() {
	register("length", []string{"val"}, opLength)
	register("isEmpty", []string{"val"}, opIsEmpty)
	register("head", []string{"val"}, opHead)
	register("tail", []string{"val"}, opTail)
	register("index", []string{"val", "elm"}, opIndex)
	register("join", []string{"val", "str"}, opJoin)
	register("reverse", []string{"val"}, opReverse)
	register("slice", []string{"val", "start", "end"}, opSlice)
	register("splice", []string{"val", "start", "nElements", "value"}, opSplice)
	f := register("append", []string{"val", "a", "b", "c", "d", "e"}, opAppend)
	f.Variadic = true
	register("map", []string{"val", "iter"}, opMap)
	register("filter", []string{"val", "iter"}, opFilter)
	register("reduce", []string{"val", "iter", "dflt"}, opReduce)
	register("collect", []string{"val", "iter"}, opCollect)
	register("all", []string{"val", "iter"}, quantifier(false, false))
	register("notall", []string{"val", "iter"}, quantifier(false, true))
	register("any", []string{"val", "iter"}, quantifier(true, false))
	register("none", []string{"val", "iter"}, quantifier(true, true))
	register("pairwise", []string{"val", "iter"}, opPairwise)
	register("sort", []string{"val", "sortBy"}, opSort)
	register("unique", []string{"val"}, opUnique)
	register("once", []string{"val"}, groupOp(func(n int) bool { return n == 1 }, true))
	register("duplicates", []string{"val"}, groupOp(func(n int) bool { return n > 1 }, false))
	register("union", []string{"a", "b"}, setOp(union, false))
	register("intersection", []string{"a", "b"}, setOp(intersection, true))
	register("difference", []string{"a", "b"}, setOp(difference, false))
	register("has", []string{"val", "other"}, opHas)
	register("keys", []string{"val", "path"}, opKeys)
	register("values", []string{"val", "path"}, opValues)
	register("get", []string{"obj", "path"}, opGet)
	register("put", []string{"val", "path", "toSet"}, opPut)
	register("set", []string{"obj", "path", "val"}, opSet)
	register("delete", []string{"val", "path"}, opDelete)
}

func elems(v value.Value) []value.Value { return v.AsArray().Elems() }

func arr(vs []value.Value) value.Value { return value.NewArray(vs) }

// opLength implements length(): the size of an Array or Map, the number of
// characters of a String (combining sequences and emoji count once, like
// the reference's lodash size), else 0.
func opLength(_ value.Thread, a []value.Value) (value.Value, error) {
	v := a[0]
	switch v.Kind() {
	case value.ArrayKind:
		return value.Num(float64(v.AsArray().Len())), nil
	case value.MapKind:
		return value.Num(float64(v.AsMap().Len())), nil
	case value.StringKind:
		return value.Num(float64(charCount(v.AsStr()))), nil
	}
	return value.Num(0), nil
}

// charCount counts user-perceived characters roughly the way lodash's size
// does: code points, with combining marks, variation selectors, skin-tone
// modifiers, zero-width-joined sequences and regional-indicator pairs
// attached to the character before them.
func charCount(s string) int {
	n := 0
	joined := false   // the previous rune was a zero-width joiner
	regional := false // the previous rune is an unpaired regional indicator
	for _, r := range s {
		isRegional := 0x1F1E6 <= r && r <= 0x1F1FF
		switch {
		case n == 0:
			n++
		case joined, isCombining(r), r == 0x200D:
		case isRegional && regional:
			regional = false
			continue
		default:
			n++
		}
		joined = r == 0x200D
		regional = isRegional
	}
	return n
}

func isCombining(r rune) bool {
	return 0x0300 <= r && r <= 0x036F || 0xFE20 <= r && r <= 0xFE2F || 0x20D0 <= r && r <= 0x20FF ||
		r == 0xFE0E || r == 0xFE0F || 0x1F3FB <= r && r <= 0x1F3FF
}

// opIsEmpty implements isEmpty(): true for null, numbers, booleans and
// regular expressions, and for empty strings, arrays and maps.
func opIsEmpty(_ value.Thread, a []value.Value) (value.Value, error) {
	v := a[0]
	switch v.Kind() {
	case value.StringKind:
		return value.Bool(v.AsStr() == ""), nil
	case value.ArrayKind:
		return value.Bool(v.AsArray().Len() == 0), nil
	case value.MapKind:
		return value.Bool(v.AsMap().Len() == 0), nil
	case value.FunctionKind, value.ActionKind:
		return value.False, nil
	}
	return value.True, nil
}

func opHead(_ value.Thread, a []value.Value) (value.Value, error) {
	if a[0].Kind() != value.ArrayKind {
		return a[0], nil
	}
	return a[0].AsArray().At(0), nil
}

func opTail(_ value.Thread, a []value.Value) (value.Value, error) {
	if a[0].Kind() != value.ArrayKind || a[0].AsArray().Len() == 0 {
		return value.EmptyArray(), nil
	}
	return arr(elems(a[0])[1:]), nil
}

func opIndex(_ value.Thread, a []value.Value) (value.Value, error) {
	if a[0].Kind() != value.ArrayKind {
		return null, arraysErr()
	}
	for i, e := range elems(a[0]) {
		if value.Equal(e, a[1]) {
			return value.Num(float64(i)), nil
		}
	}
	return value.Num(-1), nil
}

func opJoin(_ value.Thread, a []value.Value) (value.Value, error) {
	if a[0].Kind() != value.ArrayKind {
		return str(value.ToString(a[0])), nil
	}
	sep := ","
	if !a[1].IsNull() {
		sep = value.ToString(a[1])
	}
	var out []byte
	for i, e := range elems(a[0]) {
		if i > 0 {
			out = append(out, sep...)
		}
		out = value.AppendString(out, e)
	}
	return str(string(out)), nil
}

func opReverse(_ value.Thread, a []value.Value) (value.Value, error) {
	if a[0].Kind() != value.ArrayKind {
		return null, arraysErr()
	}
	r := slices.Clone(elems(a[0]))
	slices.Reverse(r)
	return arr(r), nil
}

// lodashSlice is lodash's _.slice(array, start, end) with JavaScript
// integer conversion and negative indexes counted from the end.
func lodashSlice(es []value.Value, start, end float64) []value.Value {
	n := float64(len(es))
	conv := func(f float64) float64 {
		f = math.Trunc(f)
		if f < 0 {
			f = math.Max(n+f, 0)
		}
		return math.Min(f, n)
	}
	s, e := conv(start), conv(end)
	if s >= e {
		return nil
	}
	return es[int(s):int(e)]
}

// opSlice implements slice(n) (elements 0..n) and slice(i, j) (elements
// i..j), both inclusive.
func opSlice(_ value.Thread, a []value.Value) (value.Value, error) {
	if a[0].Kind() != value.ArrayKind {
		return null, arraysErr()
	}
	es := elems(a[0])
	if len(es) == 0 {
		return value.EmptyArray(), nil
	}
	if a[1].IsNull() && a[2].IsNull() {
		return a[0], nil
	}
	first, ok := num(a[1])
	if !ok {
		return null, value.TypeErrorf("The .slice() operator cannot use %s as an index", value.ToString(a[1]))
	}
	if a[2].IsNull() {
		if first > float64(len(es)) {
			return value.EmptyArray(), nil
		}
		return arr(slices.Clone(lodashSlice(es, 0, first+1))), nil
	}
	second, ok := num(a[2])
	if !ok {
		return null, value.TypeErrorf("The .slice() operator cannot use %s as the other index", value.ToString(a[2]))
	}
	if first > second {
		first, second = second, first
	}
	if first >= 0 && second < float64(len(es)) {
		return arr(slices.Clone(lodashSlice(es, first, second+1))), nil
	}
	return value.EmptyArray(), nil
}

// opSplice implements splice(start, nElements, value): remove nElements from
// start (clamped; negative means to the end) and insert value there (an
// Array is spread).
func opSplice(_ value.Thread, a []value.Value) (value.Value, error) {
	if a[0].Kind() != value.ArrayKind {
		return null, arraysErr()
	}
	es := elems(a[0])
	if len(es) == 0 {
		return value.EmptyArray(), nil
	}
	start, ok := num(a[1])
	if !ok {
		return null, value.TypeErrorf("The .splice() operator cannot use %sas an index", value.ToString(a[1]))
	}
	n := float64(len(es))
	start = math.Min(math.Max(start, 0), n-1)
	count, ok := num(a[2])
	if !ok {
		return null, value.TypeErrorf("The .splice() operator cannot use %sas a number of elements", value.ToString(a[2]))
	}
	if count < 0 || start+count > n {
		count = n - start
	}
	out := slices.Clone(lodashSlice(es, 0, start))
	if !a[3].IsNull() {
		out = appendSpread(out, a[3])
	}
	out = append(out, lodashSlice(es, start+count, n)...)
	return arr(out), nil
}

func appendSpread(out []value.Value, v value.Value) []value.Value {
	if v.Kind() == value.ArrayKind {
		return append(out, elems(v)...)
	}
	return append(out, v)
}

// opAppend implements append(x...): the receiver and up to five arguments
// (as in the reference) concatenated, Arrays flattened one level.
func opAppend(_ value.Thread, a []value.Value) (value.Value, error) {
	var out []value.Value
	for _, v := range a[:min(len(a), 6)] {
		out = appendSpread(out, v)
	}
	return arr(out), nil
}

// iterate calls f with (value, key) for each element of an Array or entry
// of a Map, until f returns false or an error.
func iterate(v value.Value, f func(e, k value.Value) (bool, error)) error {
	switch v.Kind() {
	case value.ArrayKind:
		for i, e := range elems(v) {
			if ok, err := f(e, value.Num(float64(i))); !ok || err != nil {
				return err
			}
		}
		return nil
	case value.MapKind:
		m := v.AsMap()
		for i := 0; i < m.Len(); i++ {
			k, e := m.At(i)
			if ok, err := f(e, str(k)); !ok || err != nil {
				return err
			}
		}
		return nil
	}
	return collectionErr()
}

// callback returns fn, or an identity function when fn is null.
func callback(t value.Thread, fn value.Value) func(e, k, coll value.Value) (value.Value, error) {
	if fn.IsNull() {
		return func(e, _, _ value.Value) (value.Value, error) {
			return e, t.Step(1)
		}
	}
	return func(e, k, coll value.Value) (value.Value, error) {
		return call(t, fn, e, k, coll)
	}
}

func opMap(t value.Thread, a []value.Value) (value.Value, error) {
	v := a[0]
	f := callback(t, a[1])
	switch v.Kind() {
	case value.ArrayKind:
		out := make([]value.Value, 0, v.AsArray().Len())
		err := iterate(v, func(e, k value.Value) (bool, error) {
			r, err := f(e, k, v)
			out = append(out, r)
			return true, err
		})
		if err != nil {
			return null, err
		}
		return arr(out), nil
	case value.MapKind:
		b := value.NewMapBuilder(v.AsMap().Len())
		err := iterate(v, func(e, k value.Value) (bool, error) {
			r, err := f(e, k, v)
			b.Set(k.AsStr(), r)
			return true, err
		})
		if err != nil {
			return null, err
		}
		return b.Value(), nil
	}
	return null, collectionErr()
}

func opFilter(t value.Thread, a []value.Value) (value.Value, error) {
	v := a[0]
	f := callback(t, a[1])
	switch v.Kind() {
	case value.ArrayKind:
		var out []value.Value
		err := iterate(v, func(e, k value.Value) (bool, error) {
			r, err := f(e, k, v)
			if value.Truthy(r) {
				out = append(out, e)
			}
			return true, err
		})
		if err != nil {
			return null, err
		}
		return arr(out), nil
	case value.MapKind:
		var b value.MapBuilder
		err := iterate(v, func(e, k value.Value) (bool, error) {
			r, err := f(e, k, v)
			if value.Truthy(r) {
				b.Set(k.AsStr(), e)
			}
			return true, err
		})
		if err != nil {
			return null, err
		}
		return b.Value(), nil
	}
	return null, collectionErr()
}

// opReduce implements reduce(f, init): f(acc, value, index, array) over an
// Array; [] gives init or 0, one element without init gives the element.
func opReduce(t value.Thread, a []value.Value) (value.Value, error) {
	if a[0].Kind() != value.ArrayKind {
		return null, arraysErr()
	}
	es := elems(a[0])
	fn, acc := a[1], a[2]
	noInit := acc.IsNull()
	if len(es) == 0 {
		if noInit {
			return value.Num(0), nil
		}
		return acc, nil
	}
	if !isFunction(fn) && (noInit || len(es) > 1) {
		return null, value.TypeErrorf("The .reduce() operator cannot use %s as a function", value.ToString(fn))
	}
	start := 0
	if noInit {
		acc = es[0]
		start = 1
	}
	for i := start; i < len(es); i++ {
		var err error
		if acc, err = call(t, fn, acc, es[i], value.Num(float64(i)), a[0]); err != nil {
			return null, err
		}
	}
	return acc, nil
}

// opCollect implements collect(f): a Map from the key f(value) (as
// JavaScript turns it into a property name) to the values with that key.
func opCollect(t value.Thread, a []value.Value) (value.Value, error) {
	v := a[0]
	f := callback(t, a[1])
	var keys []string
	groups := map[string][]value.Value{}
	err := iterate(v, func(e, k value.Value) (bool, error) {
		r, err := f(e, k, v)
		if err != nil {
			return false, err
		}
		key := jsString(r)
		if _, ok := groups[key]; !ok {
			keys = append(keys, key)
		}
		groups[key] = append(groups[key], e)
		return true, nil
	})
	if err != nil {
		return null, err
	}
	b := value.NewMapBuilder(len(keys))
	for _, k := range keys {
		b.Set(k, arr(groups[k]))
	}
	return b.Value(), nil
}

// quantifier builds all/notall (stopOn false) and any/none (stopOn true):
// iteration stops at the first result whose truthiness is stopOn.
func quantifier(stopOn, negate bool) fnBody {
	return func(t value.Thread, a []value.Value) (value.Value, error) {
		v := a[0]
		stopped := false
		err := iterate(v, func(e, k value.Value) (bool, error) {
			r, err := call(t, a[1], e, k, v)
			if err != nil {
				return false, err
			}
			if value.Truthy(r) == stopOn {
				stopped = true
				return false, nil
			}
			return true, nil
		})
		if err != nil {
			return null, err
		}
		// all: true unless stopped; any: true if stopped.
		res := stopped == stopOn
		return value.Bool(res != negate), nil
	}
}

// opPairwise implements pairwise(f): f applied to the i-th elements of each
// array of the receiver (non-arrays count as one-element arrays, missing
// elements as null).
func opPairwise(t value.Thread, a []value.Value) (value.Value, error) {
	v, fn := a[0], a[1]
	if v.Kind() != value.ArrayKind {
		return null, value.TypeErrorf("The .pairwise() operator cannot be called on %s", value.ToString(v))
	}
	if v.AsArray().Len() < 2 {
		return null, value.TypeErrorf("The .pairwise() operator needs a longer array")
	}
	if !isFunction(fn) {
		return null, value.TypeErrorf("The .pairwise() operator cannot use %s as a function", value.ToString(fn))
	}
	lists := make([][]value.Value, v.AsArray().Len())
	longest := 0
	for i, e := range elems(v) {
		if e.Kind() == value.ArrayKind {
			lists[i] = elems(e)
		} else {
			lists[i] = []value.Value{e}
		}
		longest = max(longest, len(lists[i]))
	}
	out := make([]value.Value, longest)
	for i := range out {
		args := make([]value.Value, len(lists))
		for j, l := range lists {
			if i < len(l) {
				args[j] = l[i]
			}
		}
		r, err := call(t, fn, args...)
		if err != nil {
			return null, err
		}
		out[i] = r
	}
	return arr(out), nil
}

// opSort implements sort(how): String order by default, "reverse",
// "numeric", "ciremun" (reverse numeric), or a comparator function; the
// sort is stable.
func opSort(t value.Thread, a []value.Value) (value.Value, error) {
	if a[0].Kind() != value.ArrayKind {
		return a[0], nil
	}
	es := slices.Clone(elems(a[0]))
	how := a[1]
	var cmp func(x, y value.Value) int
	switch {
	case how.Kind() == value.StringKind && how.AsStr() == "reverse":
		cmp = func(x, y value.Value) int { return -value.CompareStrings(x, y) }
	case how.Kind() == value.StringKind && how.AsStr() == "numeric":
		cmp = value.Compare
	case how.Kind() == value.StringKind && how.AsStr() == "ciremun":
		cmp = func(x, y value.Value) int { return -value.Compare(x, y) }
	case isFunction(how):
		err := mergeSort(es, func(x, y value.Value) (bool, error) {
			r, err := call(t, how, x, y)
			return lessOrEqualZero(r), err
		})
		if err != nil {
			return null, err
		}
		return arr(es), nil
	default:
		cmp = value.CompareStrings
	}
	return arr(arraySort(es, cmp)), nil
}

// lessOrEqualZero is JavaScript's r <= 0 for a comparator's result; null
// is false (a KRL function returning null returns undefined in the
// reference engine).
func lessOrEqualZero(r value.Value) bool {
	switch r.Kind() {
	case value.NumberKind, value.BooleanKind:
		n, _ := value.ToNumber(r)
		return n <= 0
	case value.StringKind, value.ArrayKind:
		return value.ParseNumber(jsString(r)) <= 0
	}
	return false
}

// mergeSort sorts es in place with the merge pattern of the reference
// engine's asynchronous sort (so that even an inconsistent comparator gives
// the same order): bottom-up merges of runs whose bounds are multiples of
// len/2^k rounded up. leftFirst(x, y) reports whether x, from the left
// run, goes before y.
func mergeSort(es []value.Value, leftFirst func(x, y value.Value) (bool, error)) error {
	n := len(es)
	if n < 2 {
		return nil
	}
	src, dst := es, make([]value.Value, n)
	strideLen := float64(n)
	for strideLen > 1 {
		strideLen /= 2
	}
	for {
		stride := strideLen
		read1 := 0
		for {
			startRead2 := min(int(math.Ceil(stride)), n)
			read2 := startRead2
			mergeEnd := min(int(math.Ceil(stride+strideLen)), n)
			stride += 2 * strideLen
			w := read1
			for read1 < startRead2 && read2 < mergeEnd {
				ok, err := leftFirst(src[read1], src[read2])
				if err != nil {
					return err
				}
				if ok {
					dst[w] = src[read1]
					read1++
				} else {
					dst[w] = src[read2]
					read2++
				}
				w++
			}
			w += copy(dst[w:], src[read1:startRead2])
			copy(dst[w:], src[read2:mergeEnd])
			read1 = mergeEnd
			if stride >= float64(n) {
				break
			}
		}
		src, dst = dst, src
		strideLen *= 2
		if strideLen >= float64(n) {
			break
		}
	}
	copy(es, src)
	return nil
}

// arraySort sorts like JavaScript's Array.prototype.sort with a comparator
// in V8: nulls (undefined in the reference) go last without being
// compared; short arrays get V8's run detection and binary insertion sort,
// so that even an inconsistent comparator (numeric order of mixed numbers
// and strings) gives the same order; longer ones a stable merge sort.
func arraySort(es []value.Value, cmp func(x, y value.Value) int) []value.Value {
	out := es[:0:0]
	nulls := 0
	for _, e := range es {
		if e.IsNull() {
			nulls++
		} else {
			out = append(out, e)
		}
	}
	n := len(out)
	switch {
	case n < 2:
	case n < 64:
		run := countAndMakeRun(out, cmp)
		binaryInsertionSort(out, run, cmp)
	default:
		slices.SortStableFunc(out, cmp)
	}
	for range nulls {
		out = append(out, value.Null)
	}
	return out
}

// countAndMakeRun returns the length of the run at the start of a (a
// non-descending run, or a strictly descending one which it reverses).
func countAndMakeRun(a []value.Value, cmp func(x, y value.Value) int) int {
	if len(a) < 2 {
		return len(a)
	}
	run := 2
	descending := cmp(a[1], a[0]) < 0
	prev := a[1]
	for i := 2; i < len(a); i++ {
		order := cmp(a[i], prev)
		if descending && order >= 0 || !descending && order < 0 {
			break
		}
		prev = a[i]
		run++
	}
	if descending {
		slices.Reverse(a[:run])
	}
	return run
}

// binaryInsertionSort inserts a[start:] into the sorted prefix a[:start].
func binaryInsertionSort(a []value.Value, start int, cmp func(x, y value.Value) int) {
	for ; start < len(a); start++ {
		pivot := a[start]
		left, right := 0, start
		for left < right {
			mid := left + (right-left)/2
			if cmp(pivot, a[mid]) < 0 {
				right = mid
			} else {
				left = mid + 1
			}
		}
		copy(a[left+1:start+1], a[left:start])
		a[left] = pivot
	}
}

func opUnique(_ value.Thread, a []value.Value) (value.Value, error) {
	if a[0].Kind() != value.ArrayKind {
		return a[0], nil
	}
	return arr(union(elems(a[0]), nil)), nil
}

// groupOp builds once and duplicates: elements grouped by their JavaScript
// string form, groups in map-key order, the first element of each group
// whose size passes keep. A non-Array receiver is returned (once) or gives
// [] (duplicates).
func groupOp(keep func(n int) bool, returnNonArray bool) fnBody {
	return func(_ value.Thread, a []value.Value) (value.Value, error) {
		if a[0].Kind() != value.ArrayKind {
			if returnNonArray {
				return a[0], nil
			}
			return value.EmptyArray(), nil
		}
		var b value.MapBuilder
		counts := map[string]int{}
		for _, e := range elems(a[0]) {
			k := jsString(e)
			if counts[k] == 0 {
				b.Set(k, e)
			}
			counts[k]++
		}
		m := b.Map()
		var out []value.Value
		m.Range(func(k string, v value.Value) bool {
			if keep(counts[k]) {
				out = append(out, v)
			}
			return true
		})
		return arr(out), nil
	}
}

// setOp builds union, intersection and difference; without a second
// argument they return the receiver, or [] when emptyWithoutArg.
func setOp(op func(x, y []value.Value) []value.Value, emptyWithoutArg bool) fnBody {
	return func(_ value.Thread, a []value.Value) (value.Value, error) {
		if a[1].IsNull() {
			if emptyWithoutArg {
				return value.EmptyArray(), nil
			}
			return a[0], nil
		}
		return arr(op(asList(a[0]), asList(a[1]))), nil
	}
}

func asList(v value.Value) []value.Value {
	if v.Kind() == value.ArrayKind {
		return elems(v)
	}
	return []value.Value{v}
}

func contains(list []value.Value, v value.Value) bool {
	for _, e := range list {
		if value.Equal(e, v) {
			return true
		}
	}
	return false
}

// union returns the distinct elements of x then y, first occurrences kept.
func union(x, y []value.Value) []value.Value {
	var out []value.Value
	for _, list := range [][]value.Value{x, y} {
		for _, e := range list {
			if !contains(out, e) {
				out = append(out, e)
			}
		}
	}
	return out
}

// intersection returns the distinct elements of x that are in y.
func intersection(x, y []value.Value) []value.Value {
	var out []value.Value
	for _, e := range x {
		if contains(y, e) && !contains(out, e) {
			out = append(out, e)
		}
	}
	return out
}

// difference returns the elements of x (duplicates kept) not in y.
func difference(x, y []value.Value) []value.Value {
	var out []value.Value
	for _, e := range x {
		if !contains(y, e) {
			out = append(out, e)
		}
	}
	return out
}

// opHas implements has(other): whether every element of other is in the
// receiver.
func opHas(_ value.Thread, a []value.Value) (value.Value, error) {
	return value.Bool(len(difference(asList(a[1]), asList(a[0]))) == 0), nil
}

// subject returns the receiver, or its member at path when path is truthy.
func subject(v, path value.Value) value.Value {
	if value.Truthy(path) {
		return value.Get(v, path)
	}
	return v
}

func opKeys(_ value.Thread, a []value.Value) (value.Value, error) {
	if a[0].Kind() != value.ArrayKind && a[0].Kind() != value.MapKind {
		return value.EmptyArray(), nil
	}
	v := subject(a[0], a[1])
	var out []value.Value
	switch v.Kind() {
	case value.MapKind:
		for _, k := range v.AsMap().Keys() {
			out = append(out, str(k))
		}
	case value.ArrayKind:
		for i := range v.AsArray().Len() {
			out = append(out, str(value.IndexString(i)))
		}
	}
	return arr(out), nil
}

func opValues(_ value.Thread, a []value.Value) (value.Value, error) {
	if a[0].Kind() != value.ArrayKind && a[0].Kind() != value.MapKind {
		return value.EmptyArray(), nil
	}
	v := subject(a[0], a[1])
	switch v.Kind() {
	case value.MapKind:
		return arr(slices.Clone(v.AsMap().Values())), nil
	case value.ArrayKind:
		return v, nil
	}
	return value.EmptyArray(), nil
}

func opGet(_ value.Thread, a []value.Value) (value.Value, error) {
	return value.Get(a[0], a[1]), nil
}

// opPut implements put(path, toSet) and, with a single Map argument,
// put(map) (a shallow merge).
func opPut(_ value.Thread, a []value.Value) (value.Value, error) {
	if a[2].IsNull() && a[1].Kind() == value.MapKind {
		return value.Merge(a[0], a[1]), nil
	}
	return value.Put(a[0], a[1], a[2]), nil
}

func opSet(_ value.Thread, a []value.Value) (value.Value, error) {
	return value.PutPath(a[0], a[1], a[2]), nil
}

func opDelete(_ value.Thread, a []value.Value) (value.Value, error) {
	return value.DeletePath(a[0], a[1]), nil
}
