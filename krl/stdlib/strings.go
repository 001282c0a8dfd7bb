package stdlib

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gopico/pico/krl/value"
)

func init() {
	strOp := func(name string, f func(string) string) {
		register(name, []string{"val"}, func(_ value.Thread, a []value.Value) (value.Value, error) {
			return str(f(value.ToString(a[0]))), nil
		})
	}
	strOp("lc", strings.ToLower)
	strOp("uc", upper)
	strOp("capitalize", capitalize)
	strOp("trim", value.TrimSpace)
	strOp("trimLeading", func(s string) string { return strings.TrimLeftFunc(s, value.IsSpace) })
	strOp("trimTrailing", func(s string) string { return strings.TrimRightFunc(s, value.IsSpace) })

	testOp := func(name string, f func(s, t string) bool) {
		register(name, []string{"val", "target"}, func(_ value.Thread, a []value.Value) (value.Value, error) {
			return value.Bool(f(value.ToString(a[0]), value.ToString(a[1]))), nil
		})
	}
	testOp("startsWith", strings.HasPrefix)
	testOp("endsWith", strings.HasSuffix)
	testOp("contains", strings.Contains)

	register("substr", []string{"val", "start", "len"}, opSubstr)
	register("split", []string{"val", "splitOn"}, opSplit)
	register("replace", []string{"val", "regex", "replacement"}, opReplace)
	register("extract", []string{"val", "regex"}, opExtract)
	register("match", []string{"val", "regex"}, opMatch)
	register("sprintf", []string{"val", "template"}, opSprintf)
}

// upper is JavaScript's toUpperCase for the common cases, including ß → SS.
func upper(s string) string {
	u := strings.ToUpper(s)
	if strings.ContainsRune(u, 'ß') {
		u = strings.ReplaceAll(u, "ß", "SS")
	}
	return u
}

// capitalize upper-cases the first UTF-16 code unit.
func capitalize(s string) string {
	if s == "" {
		return ""
	}
	r, size := utf8.DecodeRuneInString(s)
	if r >= 0x10000 {
		return s // a lone surrogate does not change case
	}
	if r == 'ß' {
		return "SS" + s[size:]
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// opSubstr implements substr(start, len): len 0 or missing means to the
// end, a negative len counts from the end, then JavaScript's substring.
func opSubstr(_ value.Thread, a []value.Value) (value.Value, error) {
	s := value.ToString(a[0])
	start, ok := num(a[1]) // null counts as 0
	if !ok {
		return str(s), nil
	}
	n := float64(value.UTF16Len(s))
	if start > n {
		return str(""), nil
	}
	var end float64
	l, lok := num(a[2])
	switch {
	case !lok:
		end = n
	case l > 0:
		end = start + l
	default:
		end = n + l
	}
	return str(value.SubstringUTF16(s, toIndex(start, n), toIndex(end, n))), nil
}

// toIndex is JavaScript's ToIntegerOrInfinity clamped to [0, n].
func toIndex(f, n float64) int {
	if math.IsNaN(f) {
		return 0
	}
	return int(math.Max(0, math.Min(math.Trunc(f), n)))
}

func opSplit(_ value.Thread, a []value.Value) (value.Value, error) {
	s := value.ToString(a[0])
	if re := a[1].AsRegExp(); re != nil {
		parts, err := splitRegExp(re, s)
		if err != nil {
			return null, err
		}
		return value.NewArray(parts), nil
	}
	sep := value.ToString(a[1])
	var parts []string
	if sep == "" {
		units := value.UTF16Units(s)
		parts = make([]string, len(units))
		for i, u := range units {
			parts[i] = value.FromUTF16([]uint16{u})
		}
	} else {
		parts = strings.Split(s, sep)
	}
	elems := make([]value.Value, len(parts))
	for i, p := range parts {
		elems[i] = str(p)
	}
	return value.NewArray(elems), nil
}

// opReplace implements replace(regex, replacement).
func opReplace(t value.Thread, a []value.Value) (value.Value, error) {
	if a[1].IsNull() {
		return a[0], nil // replace() with no pattern
	}
	s := value.ToString(a[0])
	pat, rep := a[1], a[2]
	re := pat.AsRegExp()
	if isFunction(rep) {
		if re == nil {
			var err error
			if re, err = value.CompileRegExp(value.ToString(pat)); err != nil {
				return null, err
			}
		}
		out, err := replaceFunc(t, re, s, rep)
		return str(out), err
	}
	repl := ""
	if !rep.IsNull() {
		repl = value.ToString(rep)
	}
	if re == nil {
		return str(replaceString(s, value.ToString(pat), repl)), nil
	}
	out, err := replaceRegExp(re, s, repl)
	return str(out), err
}

// toRegExp returns v as a regular expression: itself, or its String form
// compiled.
func toRegExp(v value.Value) (*value.RegExp, error) {
	if re := v.AsRegExp(); re != nil {
		return re, nil
	}
	return value.CompileRegExp(value.ToString(v))
}

// opExtract implements extract(regex): the groups of the first match, or
// every whole match with a global expression.
func opExtract(_ value.Thread, a []value.Value) (value.Value, error) {
	if a[1].IsNull() {
		return value.EmptyArray(), nil
	}
	re, err := toRegExp(a[1])
	if err != nil {
		return null, err
	}
	x := newMatcher(re, value.ToString(a[0]))
	ms, err := x.all(re.Global)
	if err != nil {
		return null, err
	}
	if len(ms) == 0 {
		return value.EmptyArray(), nil
	}
	if !re.Global {
		return value.NewArray(ms[0].groups[1:]), nil
	}
	elems := make([]value.Value, len(ms))
	for i, m := range ms {
		elems[i] = m.groups[0]
	}
	return value.NewArray(elems), nil
}

// opMatch implements match(regex): whether it matches; a pattern that is
// neither a String nor a RegExp never matches.
func opMatch(_ value.Thread, a []value.Value) (value.Value, error) {
	var re *value.RegExp
	switch a[1].Kind() {
	case value.RegExpKind:
		re = a[1].AsRegExp()
	case value.StringKind:
		var err error
		if re, err = value.CompileRegExp(a[1].AsStr()); err != nil {
			return null, err
		}
	default:
		return value.False, nil
	}
	ok, err := re.MatchString(value.ToString(a[0]))
	return value.Bool(ok), err
}

// opSprintf implements sprintf(template): a Number receiver fills %d, a
// String receiver %s, anything else returns the template.
func opSprintf(_ value.Thread, a []value.Value) (value.Value, error) {
	if a[1].IsNull() {
		return str(""), nil
	}
	tmpl := value.ToString(a[1])
	switch a[0].Kind() {
	case value.NumberKind:
		if f := a[0].AsNum(); math.IsInf(f, 0) {
			return str(tmpl), nil
		}
		return str(sprintf(tmpl, "%d", value.ToString(a[0]))), nil
	case value.StringKind:
		return str(sprintf(tmpl, "%s", a[0].AsStr())), nil
	}
	return str(tmpl), nil
}
