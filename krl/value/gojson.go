package value

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
)

// FromGo converts a JSON-shaped Go value to a Value: nil, bool, any integer
// or float type, json.Number, string, []any, map[string]any,
// json.RawMessage (decoded with [FromJSON]), a Value itself, and through
// reflection other slices, arrays and maps with string keys. Anything else
// (structs, pointers, ...) goes through encoding/json. Map keys are sorted
// (Go maps have no order) and then ordered the JavaScript way. Values that
// have no JSON form (channels, functions, complex numbers) give an error
// wrapping [ErrUnsupported].
func FromGo(x any) (Value, error) {
	switch x := x.(type) {
	case nil:
		return Null, nil
	case Value:
		return x, nil
	case bool:
		return Bool(x), nil
	case string:
		return Str(x), nil
	case float64:
		return Num(x), nil
	case float32:
		return Num(float64(x)), nil
	case int:
		return Num(float64(x)), nil
	case int64:
		return Num(float64(x)), nil
	case int32:
		return Num(float64(x)), nil
	case int16:
		return Num(float64(x)), nil
	case int8:
		return Num(float64(x)), nil
	case uint:
		return Num(float64(x)), nil
	case uint64:
		return Num(float64(x)), nil
	case uint32:
		return Num(float64(x)), nil
	case uint16:
		return Num(float64(x)), nil
	case uint8:
		return Num(float64(x)), nil
	case json.Number:
		f := ParseNumber(string(x))
		if f != f {
			return Null, fmt.Errorf("%w: json.Number %q", ErrUnsupported, string(x))
		}
		return Num(f), nil
	case json.RawMessage:
		return FromJSON(x)
	case []any:
		elems := make([]Value, len(x))
		for i, e := range x {
			v, err := FromGo(e)
			if err != nil {
				return Null, err
			}
			elems[i] = v
		}
		return NewArray(elems), nil
	case []Value:
		return NewArray(slices.Clone(x)), nil
	case []string:
		elems := make([]Value, len(x))
		for i, s := range x {
			elems[i] = Str(s)
		}
		return NewArray(elems), nil
	case map[string]any:
		keys := sortedKeys(x)
		b := NewMapBuilder(len(x))
		for _, k := range keys {
			v, err := FromGo(x[k])
			if err != nil {
				return Null, err
			}
			b.Set(k, v)
		}
		return b.Value(), nil
	case map[string]Value:
		keys := sortedKeys(x)
		b := NewMapBuilder(len(x))
		for _, k := range keys {
			b.Set(k, x[k])
		}
		return b.Value(), nil
	case error:
		return Null, fmt.Errorf("%w: %T", ErrUnsupported, x)
	}
	return fromReflect(reflect.ValueOf(x))
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func fromReflect(rv reflect.Value) (Value, error) {
	switch rv.Kind() {
	case reflect.Bool:
		return Bool(rv.Bool()), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return Num(float64(rv.Int())), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return Num(float64(rv.Uint())), nil
	case reflect.Float32, reflect.Float64:
		return Num(rv.Float()), nil
	case reflect.String:
		return Str(rv.String()), nil
	case reflect.Slice:
		if rv.IsNil() {
			return Null, nil
		}
		if rv.Type().Elem().Kind() == reflect.Uint8 {
			break // []byte: base64 through encoding/json
		}
		fallthrough
	case reflect.Array:
		elems := make([]Value, rv.Len())
		for i := range elems {
			v, err := FromGo(rv.Index(i).Interface())
			if err != nil {
				return Null, err
			}
			elems[i] = v
		}
		return NewArray(elems), nil
	case reflect.Map:
		if rv.Type().Key().Kind() != reflect.String {
			break
		}
		if rv.IsNil() {
			return Null, nil
		}
		keys := make([]string, 0, rv.Len())
		for _, k := range rv.MapKeys() {
			keys = append(keys, k.String())
		}
		slices.Sort(keys)
		b := NewMapBuilder(len(keys))
		for _, k := range keys {
			v, err := FromGo(rv.MapIndex(reflect.ValueOf(k).Convert(rv.Type().Key())).Interface())
			if err != nil {
				return Null, err
			}
			b.Set(k, v)
		}
		return b.Value(), nil
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return Null, nil
		}
	case reflect.Chan, reflect.Func, reflect.Complex64, reflect.Complex128, reflect.UnsafePointer, reflect.Invalid:
		return Null, fmt.Errorf("%w: %s", ErrUnsupported, rv.Kind())
	}
	data, err := json.Marshal(rv.Interface())
	if err != nil {
		return Null, fmt.Errorf("%w: %v", ErrUnsupported, err)
	}
	return FromJSON(data)
}

// ToGo converts v to a JSON-shaped Go value: nil, bool, float64, string,
// []any or map[string]any. Infinite numbers become nil and regular
// expressions and functions their String forms, as in [Value.MarshalJSON].
// The order of map keys is lost; use MarshalJSON to keep it.
func ToGo(v Value) any {
	switch v.k {
	case NullKind:
		return nil
	case BooleanKind:
		return v.n != 0
	case NumberKind:
		if math.IsInf(v.n, 0) {
			return nil
		}
		return v.n
	case StringKind:
		return v.s
	case ArrayKind:
		elems := v.AsArray().Elems()
		out := make([]any, len(elems))
		for i, e := range elems {
			out[i] = ToGo(e)
		}
		return out
	case MapKind:
		m := v.AsMap()
		out := make(map[string]any, m.Len())
		for i, k := range m.keys {
			out[k] = ToGo(m.vals[i])
		}
		return out
	}
	return ToString(v)
}
