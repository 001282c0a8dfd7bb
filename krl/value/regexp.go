package value

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dlclark/regexp2"
)

// MatchTimeout bounds the time one regular expression match may take, so
// that a pathological pattern cannot hang an evaluation.
const MatchTimeout = time.Second

// NewRegExp compiles pattern as an ECMAScript regular expression with flags
// from "g" (global), "i" (ignore case) and "m" (multiline). The pattern is
// compiled once; the result is safe for concurrent use. Its Source is the
// pattern as JavaScript's RegExp.prototype.source shows it ("/" escaped,
// "(?:)" when empty).
func NewRegExp(pattern, flags string) (*RegExp, error) {
	r := &RegExp{Source: escapeSource(pattern)}
	opts := regexp2.RegexOptions(regexp2.ECMAScript)
	for i := 0; i < len(flags); i++ {
		var seen bool
		switch flags[i] {
		case 'g':
			seen, r.Global = r.Global, true
		case 'i':
			seen, r.IgnoreCase = r.IgnoreCase, true
			opts |= regexp2.IgnoreCase
		case 'm':
			seen, r.Multiline = r.Multiline, true
			opts |= regexp2.Multiline
		default:
			seen = true
		}
		if seen {
			return nil, fmt.Errorf("%w: invalid flags %q for /%s/", ErrInvalidRegExp, flags, r.Source)
		}
	}
	re, err := regexp2.Compile(pattern, opts)
	if err != nil {
		return nil, fmt.Errorf("%w: /%s/: %v", ErrInvalidRegExp, r.Source, err)
	}
	re.MatchTimeout = MatchTimeout
	r.Re = re
	r.groups = jsGroupOrder(pattern, re)
	return r, nil
}

// jsGroupOrder returns the regexp2 group numbers of the capturing groups
// of pattern in JavaScript order (by opening parenthesis), with 0 first for
// the whole match. regexp2 numbers named groups after the unnamed ones, so
// the orders differ only when the pattern has named groups; nil is returned
// when they agree.
func jsGroupOrder(pattern string, re *regexp2.Regexp) []int {
	if !strings.Contains(pattern, "(?<") && !strings.Contains(pattern, "(?'") {
		return nil
	}
	order := []int{0}
	unnamed, named := 0, false
	inClass := false
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		switch {
		case c == '\\':
			i++
		case inClass:
			if c == ']' {
				inClass = false
			}
		case c == '[':
			inClass = true
			if i+1 < len(pattern) && pattern[i+1] == '^' {
				i++
			}
			if i+1 < len(pattern) && pattern[i+1] == ']' {
				i++ // [] and [^] are complete classes in JavaScript
				inClass = false
			}
		case c == '(':
			rest := pattern[i+1:]
			switch {
			case !strings.HasPrefix(rest, "?"):
				unnamed++
				order = append(order, unnamed)
			case strings.HasPrefix(rest, "?<=") || strings.HasPrefix(rest, "?<!"):
			case strings.HasPrefix(rest, "?<") || strings.HasPrefix(rest, "?'"):
				end := strings.IndexAny(rest[2:], ">'")
				if end < 0 {
					return nil
				}
				named = true
				order = append(order, re.GroupNumberFromName(rest[2:2+end]))
			}
		}
	}
	if !named || len(order) != len(re.GetGroupNumbers()) {
		return nil
	}
	return order
}

// Groups returns the captures of m in JavaScript order: the whole match
// first, then each group (null when it did not participate).
func (r *RegExp) Groups(m *regexp2.Match) []Value {
	gs := m.Groups()
	out := make([]Value, len(gs))
	for i := range gs {
		g := &gs[i]
		if r.groups != nil {
			g = m.GroupByNumber(r.groups[i])
		}
		if g == nil || len(g.Captures) == 0 {
			out[i] = Null
		} else {
			out[i] = Str(g.String())
		}
	}
	return out
}

// Exec returns the captures of the first match in s, in JavaScript order
// (the whole match first, null for groups that did not participate), or
// nil when there is no match. It fails only when the match times out.
func (r *RegExp) Exec(s string) ([]Value, error) {
	m, err := r.Re.FindStringMatch(s)
	if err != nil || m == nil {
		return nil, err
	}
	return r.Groups(m), nil
}

// HasNamedGroups reports whether the expression has named groups.
func (r *RegExp) HasNamedGroups() bool {
	for _, n := range r.Re.GetGroupNames() {
		if _, err := strconv.Atoi(n); err != nil {
			return true
		}
	}
	return false
}

// escapeSource renders a pattern as JavaScript's RegExp source does.
func escapeSource(p string) string {
	if p == "" {
		return "(?:)"
	}
	if !strings.ContainsAny(p, "/\n\r\u2028\u2029") {
		return p
	}
	var b strings.Builder
	inClass, escaped := false, false
	for _, r := range p {
		switch {
		case escaped:
			escaped = false
		case r == '\\':
			escaped = true
		case r == '[':
			inClass = true
		case r == ']':
			inClass = false
		case r == '/' && !inClass:
			b.WriteByte('\\')
		}
		switch r {
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\u2028':
			b.WriteString(`\u2028`)
		case '\u2029':
			b.WriteString(`\u2029`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// String returns the String form of the regular expression,
// "re#source#flags" (only g and i are shown, as in the reference engine).
func (r *RegExp) String() string {
	s := "re#" + r.Source + "#"
	if r.Global {
		s += "g"
	}
	if r.IgnoreCase {
		s += "i"
	}
	return s
}

// Flags returns the flags as a string in the order "gim".
func (r *RegExp) Flags() string {
	f := ""
	if r.Global {
		f += "g"
	}
	if r.IgnoreCase {
		f += "i"
	}
	if r.Multiline {
		f += "m"
	}
	return f
}

// MatchString reports whether the expression matches somewhere in s. It
// fails only when the match times out (see [MatchTimeout]).
func (r *RegExp) MatchString(s string) (bool, error) {
	return r.Re.MatchString(s)
}

// regexpCacheSize bounds the number of runtime-compiled patterns kept.
const regexpCacheSize = 512

var regexpCache struct {
	sync.Mutex
	m map[string]*RegExp
}

// CompileRegExp returns the flagless regular expression for pattern, like
// JavaScript's new RegExp(pattern), from a bounded cache of patterns built
// from strings at run time (like, match, split, extract, replace and
// as("RegExp") use it).
func CompileRegExp(pattern string) (*RegExp, error) {
	c := &regexpCache
	c.Lock()
	r, ok := c.m[pattern]
	c.Unlock()
	if ok {
		return r, nil
	}
	r, err := NewRegExp(pattern, "")
	if err != nil {
		return nil, err
	}
	c.Lock()
	if c.m == nil {
		c.m = make(map[string]*RegExp)
	}
	if len(c.m) >= regexpCacheSize {
		// Evict about a quarter of the entries, in map order (effectively
		// random).
		n := 0
		for k := range c.m {
			delete(c.m, k)
			if n++; n >= regexpCacheSize/4 {
				break
			}
		}
	}
	c.m[pattern] = r
	c.Unlock()
	return r, nil
}
