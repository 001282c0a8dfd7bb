package eventbus

import (
	"slices"
	"strconv"
)

// This file builds the state machine of an event expression. The machines
// are glued together the way the reference engine glues them (states joined
// by renaming, then an optimisation pass that merges equivalent states), so
// that the transition tables, and with them the order in which primitive
// tests run and aggregators see values, are the same as the reference's.

// patKind is the kind of a transition pattern.
type patKind uint8

const (
	patEvent patKind = iota // domain/type (+ primitive test)
	patNot                  // negation of x
	patOr                   // x or y, short-circuit
)

// pattern is the guard of a transition. Patterns are interned per
// compilation, so two patterns are equal exactly when their pointers are.
type pattern struct {
	kind   patKind
	domain string // patEvent; "*" matches any domain
	typ    string // patEvent; "*" matches any type
	prim   int    // patEvent: primitive whose test guards the pattern, or noTest
	x, y   *pattern
	key    string // canonical form, also the interning key
}

// noTest marks an event pattern that matches on domain and type alone.
const noTest = -2

// bstate is a state id while building; ids are never reused in a compilation.
type bstate int32

type btrans struct {
	from, to bstate
	on       *pattern
}

// fsm is a machine under construction.
type fsm struct {
	start, end bstate
	trans      []btrans
}

// builder holds what one compilation shares: the state id counter, the
// interned patterns and a budget on the size of the machines.
type builder struct {
	next   bstate
	pats   map[string]*pattern
	budget int // transitions that may still be created
}

// maxTransitions bounds the transitions created while compiling one
// expression: `and` and `any` grow factorially with their arity.
const maxTransitions = 20000

// maxAndArity bounds `and(...)`: n arguments make n! chains.
const maxAndArity = 6

func newBuilder() *builder {
	return &builder{pats: make(map[string]*pattern), budget: maxTransitions}
}

func (b *builder) state() bstate {
	b.next++
	return b.next
}

func (b *builder) fsm() *fsm {
	return &fsm{start: b.state(), end: b.state()}
}

func (b *builder) intern(p *pattern) *pattern {
	if q, ok := b.pats[p.key]; ok {
		return q
	}
	b.pats[p.key] = p
	return p
}

func (b *builder) eventPat(domain, typ string, prim int) *pattern {
	key := domain + ":" + typ
	if prim != noTest {
		key += "#" + strconv.Itoa(prim)
	}
	return b.intern(&pattern{kind: patEvent, domain: domain, typ: typ, prim: prim, key: key})
}

func (b *builder) notPat(x *pattern) *pattern {
	return b.intern(&pattern{kind: patNot, x: x, key: "not(" + x.key + ")"})
}

func (b *builder) orPat(x, y *pattern) *pattern {
	return b.intern(&pattern{kind: patOr, x: x, y: y, key: "or(" + x.key + "," + y.key + ")"})
}

// add appends a transition, charging the budget.
func (b *builder) add(s *fsm, from bstate, on *pattern, to bstate) error {
	if b.budget--; b.budget < 0 {
		return errTooComplex
	}
	s.trans = append(s.trans, btrans{from: from, to: to, on: on})
	return nil
}

// concat copies every transition of o into s, keeping o's state ids.
func (b *builder) concat(s, o *fsm) error {
	for _, t := range o.trans {
		if err := b.add(s, t.from, t.on, t.to); err != nil {
			return err
		}
	}
	return nil
}

// join renames state a to state z in every transition of s.
func (s *fsm) join(a, z bstate) {
	for i := range s.trans {
		t := &s.trans[i]
		if t.from == a {
			t.from = z
		}
		if t.to == a {
			t.to = z
		}
	}
}

// clone copies o with fresh state ids, assigned in order of appearance.
func (b *builder) clone(o *fsm) (*fsm, error) {
	s := b.fsm()
	ids := map[bstate]bstate{o.start: s.start, o.end: s.end}
	fresh := func(x bstate) bstate {
		if y, ok := ids[x]; ok {
			return y
		}
		y := b.state()
		ids[x] = y
		return y
	}
	for _, t := range o.trans {
		from := fresh(t.from)
		to := fresh(t.to)
		if err := b.add(s, from, t.on, to); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// single is the machine of one pattern: start --p--> end.
func (b *builder) single(p *pattern) (*fsm, error) {
	s := b.fsm()
	return s, b.add(s, s.start, p, s.end)
}

// chain links clones of the given machines one after the other:
// start --m0--> … --mn--> end. An empty list adds nothing.
func (b *builder) chain(s *fsm, ms []*fsm) error {
	var prev *fsm
	for j, m := range ms {
		a, err := b.clone(m)
		if err != nil {
			return err
		}
		if err := b.concat(s, a); err != nil {
			return err
		}
		if j == 0 {
			s.join(a.start, s.start)
		}
		if j == len(ms)-1 {
			s.join(a.end, s.end)
		}
		if prev != nil {
			s.join(prev.end, a.start)
		}
		prev = a
	}
	return nil
}

// or shares one start and one end between the alternatives.
func (b *builder) or(args []*fsm) (*fsm, error) {
	s := b.fsm()
	for _, a := range args {
		if err := b.concat(s, a); err != nil {
			return nil, err
		}
		s.join(a.start, s.start)
		s.join(a.end, s.end)
	}
	b.optimize(s)
	return s, nil
}

// and has one chain per permutation of its arguments.
func (b *builder) and(args []*fsm) (*fsm, error) {
	s := b.fsm()
	var err error
	permutations(len(args), len(args), func(idx []int) bool {
		ms := make([]*fsm, len(idx))
		for j, i := range idx {
			ms[j] = args[i]
		}
		err = b.chain(s, ms)
		return err == nil
	})
	if err != nil {
		return nil, err
	}
	b.optimize(s)
	return s, nil
}

// before chains its arguments in order; after in reverse order.
func (b *builder) before(args []*fsm, reverse bool) (*fsm, error) {
	s := b.fsm()
	ms := slices.Clone(args)
	if reverse {
		slices.Reverse(ms)
	}
	if err := b.chain(s, ms); err != nil {
		return nil, err
	}
	b.optimize(s)
	return s, nil
}

// then chains its arguments (without cloning) and adds, at every junction,
// a transition back to start taken by any event that does not continue the
// sequence.
func (b *builder) then(args []*fsm) (*fsm, error) {
	s := b.fsm()
	var junctions []bstate
	var prev *fsm
	for j, a := range args {
		if err := b.concat(s, a); err != nil {
			return nil, err
		}
		if j == 0 {
			s.join(a.start, s.start)
		}
		if j == len(args)-1 {
			s.join(a.end, s.end)
		}
		if prev != nil {
			s.join(prev.end, a.start)
			junctions = append(junctions, a.start)
		}
		prev = a
	}
	snapshot := slices.Clone(s.trans)
	for _, jn := range junctions {
		var nots []*pattern
		for _, t := range snapshot {
			if t.from != jn {
				continue
			}
			n := b.notPat(t.on)
			if !slices.Contains(nots, n) {
				nots = append(nots, n)
			}
		}
		if len(nots) == 0 {
			continue
		}
		// right-nested: or(n0, or(n1, ...))
		p := nots[len(nots)-1]
		for i := len(nots) - 2; i >= 0; i-- {
			p = b.orPat(nots[i], p)
		}
		if err := b.add(s, jn, p, s.start); err != nil {
			return nil, err
		}
	}
	b.optimize(s)
	return s, nil
}

// between is start --b--> --a--> --c--> end.
func (b *builder) between(a, bm, c *fsm) (*fsm, error) {
	s := b.fsm()
	for _, m := range []*fsm{a, bm, c} {
		if err := b.concat(s, m); err != nil {
			return nil, err
		}
	}
	s.join(bm.start, s.start)
	s.join(bm.end, a.start)
	s.join(a.end, c.start)
	s.join(c.end, s.end)
	b.optimize(s)
	return s, nil
}

// notBetween is start --b--> --c--> end, with a from the middle back to start.
func (b *builder) notBetween(a, bm, c *fsm) (*fsm, error) {
	s := b.fsm()
	for _, m := range []*fsm{a, bm, c} {
		if err := b.concat(s, m); err != nil {
			return nil, err
		}
	}
	s.join(bm.start, s.start)
	s.join(bm.end, c.start)
	s.join(c.end, s.end)
	s.join(a.start, c.start)
	s.join(a.end, s.start)
	b.optimize(s)
	return s, nil
}

// any has one chain per distinct ordered choice of n of its arguments.
func (b *builder) any(n int, args []*fsm) (*fsm, error) {
	s := b.fsm()
	var err error
	permutations(len(args), n, func(idx []int) bool {
		ms := make([]*fsm, len(idx))
		for j, i := range idx {
			ms[j] = args[i]
		}
		err = b.chain(s, ms)
		return err == nil
	})
	if err != nil {
		return nil, err
	}
	b.optimize(s)
	return s, nil
}

// count chains n clones of e.
func (b *builder) count(n int, e *fsm) (*fsm, error) {
	s := b.fsm()
	if err := b.chain(s, slices.Repeat([]*fsm{e}, n)); err != nil {
		return nil, err
	}
	b.optimize(s)
	return s, nil
}

// repeat is count plus a loop on end.
func (b *builder) repeat(n int, e *fsm) (*fsm, error) {
	s := b.fsm()
	if err := b.chain(s, slices.Repeat([]*fsm{e}, n)); err != nil {
		return nil, err
	}
	if err := b.concat(s, e); err != nil {
		return nil, err
	}
	s.join(e.end, s.end)
	s.join(e.start, s.end)
	b.optimize(s)
	return s, nil
}

// permutations calls f with every ordered choice of k distinct indices out
// of 0..n-1, in lexicographic order, until f returns false. This is the
// order in which the distinct k-prefixes of the permutations of 0..n-1
// first appear when the permutations are listed lexicographically.
func permutations(n, k int, f func([]int) bool) {
	if k > n || k < 0 {
		return
	}
	idx := make([]int, 0, k)
	used := make([]bool, n)
	var rec func() bool
	rec = func() bool {
		if len(idx) == k {
			return f(idx)
		}
		for i := range n {
			if used[i] {
				continue
			}
			used[i] = true
			idx = append(idx, i)
			ok := rec()
			idx = idx[:len(idx)-1]
			used[i] = false
			if !ok {
				return false
			}
		}
		return true
	}
	rec()
}

type fromOn struct {
	from bstate
	on   *pattern
}

// optimize merges the targets of transitions that leave the same state on
// the same pattern when those targets have the same incoming transitions
// (start and end are never merged), until nothing changes, then removes
// duplicate transitions, grouping the survivors by pattern and source in
// order of first appearance.
func (b *builder) optimize(s *fsm) {
	for {
		type pair struct{ a, z bstate }
		var toJoin []pair
		seen := make(map[fromOn]bstate)
		for _, t := range s.trans {
			k := fromOn{t.from, t.on}
			if to, ok := seen[k]; ok {
				if to != t.to {
					toJoin = append(toJoin, pair{t.to, to})
				}
			} else {
				seen[k] = t.to
			}
		}
		joined := false
		for _, p := range toJoin {
			if !sameInputs(s, p.a, p.z) {
				continue
			}
			if (p.a == s.start && p.z == s.end) || (p.a == s.end && p.z == s.start) {
				continue
			}
			s.join(p.a, p.z)
			joined = true
		}
		if !joined {
			break
		}
	}

	// Remove duplicates: group by pattern, then source, then target, each in
	// order of first appearance.
	type group struct {
		on    *pattern
		froms []bstate
		tos   map[bstate][]bstate
	}
	var groups []*group
	byOn := make(map[*pattern]*group)
	for _, t := range s.trans {
		g := byOn[t.on]
		if g == nil {
			g = &group{on: t.on, tos: make(map[bstate][]bstate)}
			byOn[t.on] = g
			groups = append(groups, g)
		}
		tos, ok := g.tos[t.from]
		if !ok {
			g.froms = append(g.froms, t.from)
		}
		if !slices.Contains(tos, t.to) {
			g.tos[t.from] = append(tos, t.to)
		}
	}
	out := s.trans[:0]
	for _, g := range groups {
		for _, from := range g.froms {
			for _, to := range g.tos[from] {
				out = append(out, btrans{from: from, to: to, on: g.on})
			}
		}
	}
	s.trans = out
}

// sameInputs reports whether states a and z are entered by the same set of
// (source, pattern) pairs.
func sameInputs(s *fsm, a, z bstate) bool {
	var ia, iz []fromOn
	for _, t := range s.trans {
		k := fromOn{t.from, t.on}
		if t.to == a && !slices.Contains(ia, k) {
			ia = append(ia, k)
		}
		if t.to == z && !slices.Contains(iz, k) {
			iz = append(iz, k)
		}
	}
	if len(ia) != len(iz) {
		return false
	}
	for _, k := range ia {
		if !slices.Contains(iz, k) {
			return false
		}
	}
	return true
}
