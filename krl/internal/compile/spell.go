package compile

import (
	"sort"
	"strings"
)

// nearest returns the candidate closest to name by edit distance, or "" when
// none is close enough to be a plausible typo (distance at most a third of
// the name's length, and at least one).
func nearest(name string, candidates []string) string {
	best, bestD := "", 0
	limit := max(1, len(name)/3)
	for _, c := range candidates {
		if c == name || c == "" {
			continue
		}
		d := editDistance(strings.ToLower(name), strings.ToLower(c))
		if d > limit {
			continue
		}
		if best == "" || d < bestD || (d == bestD && c < best) {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b (in bytes, which
// is enough for identifiers).
func editDistance(a, b string) int {
	if len(a) < len(b) {
		a, b = b, a
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// hint returns " (did you mean X?)" for the nearest candidate, or "".
func hint(name string, candidates []string) string {
	if n := nearest(name, candidates); n != "" {
		return " (did you mean " + n + "?)"
	}
	return ""
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
