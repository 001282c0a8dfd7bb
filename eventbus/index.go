package eventbus

import "slices"

// Index is the salience index of one ruleset: it maps an event's domain and
// type to the rules that listen for it, in rule order. It is immutable and
// safe for concurrent use; one Index serves every pico that has the ruleset.
//
// Every possible answer is computed by NewIndex, so Lookup is two map reads
// and allocates nothing, whether or not any rule listens.
type Index struct {
	domains map[string]*domainRules // domains some rule names explicitly
	types   map[string][]int        // other domains, by type named explicitly
	any     []int                   // other domains and types: the `*:*` rules
}

type domainRules struct {
	types map[string][]int // types named explicitly anywhere
	other []int            // any other type
}

// NewIndex indexes the machines of a ruleset's rules; rule i is machines[i]
// (nil for a rule that listens for nothing, such as an inactive one).
func NewIndex(machines []*Machine) *Index {
	ix := &Index{domains: make(map[string]*domainRules), types: make(map[string][]int)}
	var domains, types []string
	for _, m := range machines {
		if m == nil {
			continue
		}
		for _, s := range m.Salience() {
			if s.Domain != "*" && !slices.Contains(domains, s.Domain) {
				domains = append(domains, s.Domain)
			}
			if s.Type != "*" && !slices.Contains(types, s.Type) {
				types = append(types, s.Type)
			}
		}
	}
	listeners := func(domain, typ string) []int {
		var out []int
		for i, m := range machines {
			if m != nil && m.Listens(domain, typ) {
				out = append(out, i)
			}
		}
		return out
	}
	// A domain or type that no rule names stands for every such name; the
	// empty string never matches a name, only "*".
	const unnamed = ""
	for _, d := range domains {
		dr := &domainRules{types: make(map[string][]int), other: listeners(d, unnamed)}
		for _, t := range types {
			dr.types[t] = listeners(d, t)
		}
		ix.domains[d] = dr
	}
	for _, t := range types {
		ix.types[t] = listeners(unnamed, t)
	}
	ix.any = listeners(unnamed, unnamed)
	return ix
}

// Lookup returns the numbers of the rules that listen for events of this
// domain and type, in rule order, nil when there are none. The caller must
// not change the slice.
func (ix *Index) Lookup(domain, typ string) []int {
	if dr := ix.domains[domain]; dr != nil {
		if l, ok := dr.types[typ]; ok {
			return l
		}
		return dr.other
	}
	if l, ok := ix.types[typ]; ok {
		return l
	}
	return ix.any
}
