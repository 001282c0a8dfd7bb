package stdlib

import (
	"context"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/gopico/pico/krl/value"
)

func init() {
	register("as", []string{"val", "type"}, opAs)
	register("isnull", []string{"val"}, func(_ value.Thread, a []value.Value) (value.Value, error) {
		return value.Bool(a[0].IsNull()), nil
	})
	register("typeof", []string{"val"}, func(_ value.Thread, a []value.Value) (value.Value, error) {
		return str(value.TypeOf(a[0])), nil
	})
	register("klog", []string{"val", "message"}, opKlog)
	register("defaultsTo", []string{"val", "defaultVal", "message"}, opDefaultsTo)
	register("encode", []string{"val", "indent"}, opEncode)
	register("decode", []string{"val"}, opDecode)
	register("range", []string{"val", "end"}, opRange)
	register("chr", []string{"val"}, opChr)
	register("ord", []string{"val"}, opOrd)
	register("shiftLeft", []string{"left", "right"}, bitOp("cannot be shifted by", func(a, b int32) int32 { return a << (uint32(b) & 31) }))
	register("shiftRight", []string{"left", "right"}, bitOp("cannot be shifted by", func(a, b int32) int32 { return a >> (uint32(b) & 31) }))
	register("band", []string{"left", "right"}, bitOp("cannot be bitwise anded", func(a, b int32) int32 { return a & b }))
	register("bor", []string{"left", "right"}, bitOp("cannot be bitwise anded", func(a, b int32) int32 { return a | b }))
	register("bxor", []string{"left", "right"}, bitOp("cannot be bitwise anded", func(a, b int32) int32 { return a ^ b }))
	register("bnot", []string{"left"}, opBnot)
	register("cmp", []string{"left", "right"}, func(_ value.Thread, a []value.Value) (value.Value, error) {
		return value.Num(float64(value.CompareStrings(a[0], a[1]))), nil
	})
	register("like", []string{"val", "regex"}, func(_ value.Thread, a []value.Value) (value.Value, error) {
		return value.Like(a[0], a[1])
	})
	f := register("noop", []string{}, func(value.Thread, []value.Value) (value.Value, error) {
		return null, nil
	})
	f.Action, f.Both = true, true
}

// opAs implements as(type): conversion between types.
func opAs(_ value.Thread, a []value.Value) (value.Value, error) {
	v, typ := a[0], a[1]
	if typ.IsNull() {
		return v, nil
	}
	want := value.ToString(typ)
	have := value.TypeOf(v)
	if have == want {
		return v, nil
	}
	switch want {
	case "Boolean":
		switch {
		case v.Kind() == value.StringKind && v.AsStr() == "false":
			return value.False, nil
		case v.Kind() == value.NumberKind:
			return value.Bool(v.AsNum() != 0), nil
		}
		return value.Bool(value.Truthy(v)), nil
	case "Hex":
		switch v.Kind() {
		case value.BooleanKind, value.StringKind:
			return str(value.ToString(v)), nil
		case value.NumberKind:
			return str(value.FormatRadix(v.AsNum(), 16)), nil
		}
		return null, nil
	case "String":
		return str(value.ToString(v)), nil
	case "Number":
		if n, ok := num(v); ok {
			return value.Num(n), nil
		}
		return null, nil
	case "RegExp":
		src := value.ToString(v)
		if have != "String" && isBracketWord(src) {
			src = `\[` + src[1:len(src)-1] + `\]`
		}
		re, err := value.CompileRegExp(src)
		if err != nil {
			return null, err
		}
		return value.NewRegExpValue(re), nil
	}
	return null, value.TypeErrorf("Cannot use the .as(%q) operator with %s (type %s)", want, value.ToString(v), have)
}

// isBracketWord reports whether s matches /^\[[a-z]+\]$/i, like "[Map]".
func isBracketWord(s string) bool {
	if len(s) < 3 || s[0] != '[' || s[len(s)-1] != ']' {
		return false
	}
	for i := 1; i < len(s)-1; i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

func opKlog(t value.Thread, a []value.Value) (value.Value, error) {
	msg := "klog"
	if !a[1].IsNull() {
		msg = value.ToString(a[1])
	}
	t.Logger().Log(logContext(t), LevelKlog, msg, "val", a[0])
	return a[0], nil
}

func logContext(t value.Thread) context.Context {
	if ctx := t.Context(); ctx != nil {
		return ctx
	}
	return context.Background()
}

func opDefaultsTo(t value.Thread, a []value.Value) (value.Value, error) {
	if !a[0].IsNull() {
		return a[0], nil
	}
	if !a[2].IsNull() {
		t.Logger().DebugContext(logContext(t), "[DEFAULTSTO] "+value.ToString(a[2]))
	}
	return a[1], nil
}

func opEncode(_ value.Thread, a []value.Value) (value.Value, error) {
	indent, _ := value.ParseInt(jsString(a[1]))
	return str(value.Encode(a[0], int(max(min(indent, 10), 0)))), nil
}

func opDecode(_ value.Thread, a []value.Value) (value.Value, error) {
	if a[0].Kind() != value.StringKind {
		return a[0], nil
	}
	v, err := value.FromJSON([]byte(a[0].AsStr()))
	if err != nil {
		return a[0], nil
	}
	return v, nil
}

// opRange implements range(end): the numbers from the receiver to end
// inclusive in steps of 1 or -1.
func opRange(t value.Thread, a []value.Value) (value.Value, error) {
	if a[1].IsNull() {
		return value.EmptyArray(), nil
	}
	start, ok1 := num(a[0])
	end, ok2 := num(a[1])
	if !ok1 || !ok2 {
		return value.EmptyArray(), nil
	}
	step := 1.0
	if start < end {
		end++
	} else {
		end--
		step = -1
	}
	n := math.Max(math.Ceil((end-start)/step), 0)
	if n > maxElems {
		return null, ErrTooLarge
	}
	if err := t.Step(int(n)); err != nil {
		return null, err
	}
	elems := make([]value.Value, int(n))
	for i := range elems {
		elems[i] = value.Num(start + float64(i)*step)
	}
	return value.NewArray(elems), nil
}

func opChr(_ value.Thread, a []value.Value) (value.Value, error) {
	n, ok := num(a[0])
	if !ok {
		return null, nil
	}
	return str(value.FromUTF16([]uint16{value.ToUint16(n)})), nil
}

func opOrd(_ value.Thread, a []value.Value) (value.Value, error) {
	s := value.ToString(a[0])
	if s == "" {
		return null, nil
	}
	if s[0] < 0x80 {
		return value.Num(float64(s[0])), nil
	}
	r, _ := utf8.DecodeRuneInString(s)
	if r >= 0x10000 {
		r = 0xD800 + (r-0x10000)>>10
	}
	return value.Num(float64(r)), nil
}

func bitOp(msg string, op func(a, b int32) int32) fnBody {
	return func(_ value.Thread, a []value.Value) (value.Value, error) {
		x, ok1 := num(a[0])
		y, ok2 := num(a[1])
		if !ok1 || !ok2 {
			return null, value.TypeErrorf("%s %s %s", value.ToString(a[0]), msg, value.ToString(a[1]))
		}
		return value.Num(float64(op(value.ToInt32(x), value.ToInt32(y)))), nil
	}
}

func opBnot(_ value.Thread, a []value.Value) (value.Value, error) {
	x, ok := num(a[0])
	if !ok {
		return null, value.TypeErrorf("%s cannot be inverted ", value.ToString(a[0]))
	}
	return value.Num(float64(^value.ToInt32(x))), nil
}

// jsString converts v to a string the way JavaScript's String(v) does for
// the values KRL has: arrays join their elements with commas (null as
// ""), maps are "[object Object]", regular expressions "/source/flags".
// It names the groups of collect, once and duplicates.
func jsString(v value.Value) string {
	switch v.Kind() {
	case value.ArrayKind:
		var b strings.Builder
		for i, e := range v.AsArray().Elems() {
			if i > 0 {
				b.WriteByte(',')
			}
			if !e.IsNull() {
				b.WriteString(jsString(e))
			}
		}
		return b.String()
	case value.MapKind:
		return "[object Object]"
	case value.RegExpKind:
		r := v.AsRegExp()
		return "/" + r.Source + "/" + r.Flags()
	}
	return value.ToString(v)
}
