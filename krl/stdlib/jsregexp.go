package stdlib

import (
	"strings"

	"github.com/dlclark/regexp2"

	"github.com/gopico/pico/krl/value"
)

// match is one regular-expression match, with rune offsets into the input.
type match struct {
	start, end int
	groups     []value.Value // JavaScript order: the whole match, then groups
	m          *regexp2.Match
}

// matcher runs a regular expression over one input the way JavaScript's
// exec loop does.
type matcher struct {
	re    *value.RegExp
	runes []rune
}

func newMatcher(re *value.RegExp, s string) *matcher {
	return &matcher{re: re, runes: []rune(s)}
}

// find returns the first match starting at rune offset at or later, or nil.
func (x *matcher) find(at int) (*match, error) {
	if at > len(x.runes) {
		return nil, nil
	}
	m, err := x.re.Re.FindRunesMatchStartingAt(x.runes, at)
	if err != nil || m == nil {
		return nil, err
	}
	return &match{start: m.Index, end: m.Index + m.Length, groups: x.re.Groups(m), m: m}, nil
}

// all returns the matches of a global search (empty matches advance by
// one); with global false only the first.
func (x *matcher) all(global bool) ([]*match, error) {
	var out []*match
	at := 0
	for {
		m, err := x.find(at)
		if err != nil {
			return nil, err
		}
		if m == nil {
			return out, nil
		}
		out = append(out, m)
		if !global {
			return out, nil
		}
		at = m.end
		if m.end == m.start {
			at++
		}
	}
}

func (x *matcher) slice(i, j int) string { return string(x.runes[i:j]) }

// utf16Offset converts a rune offset to the UTF-16 offset JavaScript
// reports.
func (x *matcher) utf16Offset(i int) int {
	n := i
	for _, r := range x.runes[:i] {
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

// expand appends the replacement template repl for a match to dst, with
// the substitutions of JavaScript's String.prototype.replace: $$, $&, $`,
// $', $n, $nn and $<name>. groups are the captures in JavaScript order
// (groups[0] the whole match); before and after are the input around it;
// named reports whether the expression has named groups and byName looks
// them up.
func expand(dst []byte, repl string, groups []value.Value, before, after string, named bool, byName func(string) value.Value) []byte {
	m := len(groups) - 1
	for i := 0; i < len(repl); i++ {
		c := repl[i]
		if c != '$' || i+1 >= len(repl) {
			dst = append(dst, c)
			continue
		}
		switch n := repl[i+1]; {
		case n == '$':
			dst = append(dst, '$')
			i++
		case n == '&':
			dst = append(dst, groups[0].AsStr()...)
			i++
		case n == '`':
			dst = append(dst, before...)
			i++
		case n == '\'':
			dst = append(dst, after...)
			i++
		case '0' <= n && n <= '9':
			d1 := int(n - '0')
			if i+2 < len(repl) && '0' <= repl[i+2] && repl[i+2] <= '9' {
				if d2 := d1*10 + int(repl[i+2]-'0'); 1 <= d2 && d2 <= m {
					dst = append(dst, groups[d2].AsStr()...)
					i += 2
					continue
				}
			}
			if 1 <= d1 && d1 <= m {
				dst = append(dst, groups[d1].AsStr()...)
				i++
				continue
			}
			dst = append(dst, '$')
		case n == '<' && named:
			end := strings.IndexByte(repl[i+2:], '>')
			if end < 0 {
				dst = append(dst, '$')
				continue
			}
			dst = append(dst, byName(repl[i+2:i+2+end]).AsStr()...)
			i += 2 + end
		default:
			dst = append(dst, '$')
		}
	}
	return dst
}

// replaceString replaces the first occurrence of pat in s (JavaScript's
// replace with a string pattern).
func replaceString(s, pat, repl string) string {
	i := strings.Index(s, pat)
	if i < 0 {
		return s
	}
	groups := []value.Value{value.Str(pat)}
	out := make([]byte, 0, len(s)+len(repl))
	out = append(out, s[:i]...)
	out = expand(out, repl, groups, s[:i], s[i+len(pat):], false, nil)
	out = append(out, s[i+len(pat):]...)
	return string(out)
}

// replaceRegExp replaces the first match of re in s, or all of them when re
// is global, with the template repl.
func replaceRegExp(re *value.RegExp, s, repl string) (string, error) {
	x := newMatcher(re, s)
	ms, err := x.all(re.Global)
	if err != nil || len(ms) == 0 {
		return s, err
	}
	named := strings.Contains(repl, "$<") && re.HasNamedGroups()
	var out []byte
	last := 0
	for _, m := range ms {
		out = append(out, x.slice(last, m.start)...)
		var byName func(string) value.Value
		if named {
			byName = func(name string) value.Value {
				g := m.m.GroupByName(name)
				if g == nil || len(g.Captures) == 0 {
					return value.Null
				}
				return value.Str(g.String())
			}
		}
		out = expand(out, repl, m.groups, x.slice(0, m.start), x.slice(m.end, len(x.runes)), named, byName)
		last = m.end
	}
	out = append(out, x.slice(last, len(x.runes))...)
	return string(out), nil
}

// replaceFunc replaces the first match of re in s, or all of them when re
// is global, with what fn returns for (match, groups..., offset, input).
func replaceFunc(t value.Thread, re *value.RegExp, s string, fn value.Value) (string, error) {
	x := newMatcher(re, s)
	ms, err := x.all(re.Global)
	if err != nil || len(ms) == 0 {
		return s, err
	}
	var out []byte
	last := 0
	for _, m := range ms {
		out = append(out, x.slice(last, m.start)...)
		args := append(m.groups, value.Num(float64(x.utf16Offset(m.start))), value.Str(s))
		r, err := call(t, fn, args...)
		if err != nil {
			return "", err
		}
		out = append(out, jsString(r)...)
		last = m.end
	}
	out = append(out, x.slice(last, len(x.runes))...)
	return string(out), nil
}

// splitRegExp splits s around the matches of re, including captured groups,
// as JavaScript's String.prototype.split does.
func splitRegExp(re *value.RegExp, s string) ([]value.Value, error) {
	x := newMatcher(re, s)
	size := len(x.runes)
	if size == 0 {
		m, err := x.find(0)
		if err != nil {
			return nil, err
		}
		if m != nil {
			return nil, nil
		}
		return []value.Value{value.Str("")}, nil
	}
	var out []value.Value
	p, q := 0, 0 // p: start of the current piece; q: where to search from
	for q < size {
		m, err := x.find(q)
		if err != nil {
			return nil, err
		}
		if m == nil || m.start >= size {
			break
		}
		if m.end == p {
			// An empty match right where the piece starts: move on.
			q = m.start + 1
			continue
		}
		out = append(out, value.Str(x.slice(p, m.start)))
		out = append(out, m.groups[1:]...)
		p = m.end
		q = p
	}
	out = append(out, value.Str(x.slice(p, size)))
	return out, nil
}

// sprintf fills the template like the reference's sprintf: every spec
// ("%d" or "%s") at the start of the template or after a character other
// than a backslash (not consumed by the previous spec) is replaced by arg
// (as a replacement template, so $& and friends work), "\\" is a literal
// backslash and "\%d" a literal "%d".
func sprintf(template, spec, arg string) string {
	pieces := strings.Split(template, `\\`)
	repl := "$1" + arg
	var out []byte
	for pi, piece := range pieces {
		if pi > 0 {
			out = append(out, '\\')
		}
		last := 0
		for i := 0; i+len(spec) <= len(piece); {
			// A match is "^%d" at 0, or "X%d" with X not a backslash.
			var start int
			var prefix string
			switch {
			case i == 0 && strings.HasPrefix(piece, spec):
				start, prefix = 0, ""
			case i+1+len(spec) <= len(piece) && piece[i] != '\\' && piece[i+1:i+1+len(spec)] == spec:
				start, prefix = i, piece[i:i+1]
			default:
				i++
				continue
			}
			end := start + len(prefix) + len(spec)
			out = append(out, piece[last:start]...)
			groups := []value.Value{value.Str(piece[start:end]), value.Str(prefix)}
			out = expand(out, repl, groups, piece[:start], piece[end:], false, nil)
			last, i = end, end
		}
		out = append(out, piece[last:]...)
	}
	return strings.ReplaceAll(string(out), `\`+spec, spec)
}
