package compile

import (
	"sort"
	"strings"
)

// nearest returns the candidate closest to name by edit distance, or "" when
// none is close enough to be a plausible typo: at most a third of the
// name's length (so names shorter than three letters get no hint).
func nearest(name string, candidates []string) string {
	best, bestD := "", 0
	for _, c := range candidates {
		if c == name || c == "" {
			continue
		}
		d := editDistance(strings.ToLower(name), strings.ToLower(c))
		if 3*d > len(name) {
			continue
		}
		if best == "" || d < bestD || (d == bestD && c < best) {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the optimal string alignment distance between a and b:
// insertions, deletions, substitutions and transpositions of adjacent bytes
// each cost one (bytes are enough for identifiers).
func editDistance(a, b string) int {
	// d[i][j] is the distance between a[:i] and b[:j].
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
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
