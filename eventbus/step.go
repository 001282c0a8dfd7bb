package eventbus

import (
	"fmt"
	"slices"
	"time"

	"github.com/gopico/pico/krl/value"
)

// Shared one-state lists; never modified.
var (
	onlyStart = []uint16{startState}
	onlyEnd   = []uint16{endState}
)

// Step advances a rule's state with one event and reports whether the rule
// fires. st is the rule's current state (the zero State is the start); within
// is the limit of the select's within clause (the value of its expression
// times the unit from Machine.Within), ignored when there is none; test runs
// the primitives' tests, at most once per primitive.
//
// When the rule fires, vars holds the values of Machine.Vars (null where a
// variable was not bound, for instance on an untaken branch of `or`), and the
// returned state no longer holds them. Step never changes st, so a caller may
// keep it, for instance to roll back.
//
// An event that the machine does not listen for (see Machine.Listens) leaves
// the state as it is, as in the reference engine where such an event never
// reaches the rule. An error from test stops the step and is returned as it
// is, with st unchanged.
//
// Matching follows the reference engine: every transition leaving every
// active state is tried in table order, threading the state through the
// tests; reaching end fires; otherwise the states reached become the active
// states (states that did not advance are dropped, start is not kept), and
// when nothing was reached the state stays. A primitive whose domain and type
// match the event but whose test fails wipes the state: progress, captures,
// aggregated values and the within clock.
func (m *Machine) Step(st State, ev Event, within time.Duration, test PrimTest) (fired bool, vars []value.Value, next State, err error) {
	if !m.Listens(ev.Domain, ev.Type) {
		return false, nil, st, nil
	}
	if st.fp != 0 && st.fp != m.fp {
		return false, nil, st, ErrStateMismatch
	}
	var small [8]primResult
	r := runner{m: m, ev: &ev, test: test}
	if n := len(m.prims); n <= len(small) {
		r.cache = small[:n]
	} else {
		r.cache = make([]primResult, n)
	}
	cur := st

	if m.within > 0 {
		t := millis(ev.Time)
		start := cur.start
		if start == 0 {
			start = t
		}
		if float64(t-start) > float64(within)/float64(time.Millisecond) {
			// Too late: restart the machine and forget the captures (the
			// aggregated values stay, as in the reference).
			cur.states = onlyStart
			cur.setting = nil
		}
		if slices.Contains(cur.states, startState) {
			start = t
		}
		cur.start = start
	}

	// The active states: those with transitions, else start.
	active := cur.states
	for i, s := range active {
		if len(m.table[s]) == 0 {
			kept := make([]uint16, 0, len(active)-1)
			kept = append(kept, active[:i]...)
			for _, s := range active[i+1:] {
				if len(m.table[s]) > 0 {
					kept = append(kept, s)
				}
			}
			active = kept
			break
		}
	}
	if len(active) == 0 {
		active = onlyStart
	}
	cur.states = active

	var buf [8]uint16
	reached := buf[:0]
	for _, s := range active {
		for _, t := range m.table[s] {
			ok, err := r.eval(t.on, &cur)
			if err != nil {
				return false, nil, st, err
			}
			if ok && !slices.Contains(reached, t.to) {
				reached = append(reached, t.to)
			}
		}
	}

	switch {
	case slices.Contains(reached, endState):
		fired = true
		cur.states = onlyEnd
		if len(m.vars) > 0 {
			vars = make([]value.Value, len(m.vars))
			for _, b := range cur.setting {
				vars[b.slot] = b.val
			}
			cur.setting = nil
		}
	case len(reached) > 0:
		if len(reached) == 1 && reached[0] == startState {
			cur.states = onlyStart
		} else {
			cur.states = slices.Clone(reached)
		}
	}
	if len(cur.setting) == 0 && len(cur.aggs) == 0 && len(cur.states) == 1 {
		switch {
		case cur.states[0] == startState:
			// Equivalent to the zero state, within clock included: the next
			// event restarts the clock from start either way.
			cur = State{}
		case cur.states[0] == endState && m.within == 0 && len(m.table[endState]) == 0:
			// A dead end restarts from start just the same; only the within
			// clock (kept after a match) tells them apart.
			cur = State{}
		}
	}
	if !cur.IsZero() {
		cur.fp = m.fp
	}
	return fired, vars, cur, nil
}

// millis is the event time in milliseconds since 1970; the zero time is 0.
func millis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

type primResult struct {
	done bool
	ok   bool
	caps []value.Value
}

// runner evaluates patterns for one event.
type runner struct {
	m     *Machine
	ev    *Event
	test  PrimTest
	cache []primResult
}

func (r *runner) eval(p *pattern, cur *State) (bool, error) {
	switch p.kind {
	case patNot:
		ok, err := r.eval(p.x, cur)
		return !ok && err == nil, err
	case patOr:
		ok, err := r.eval(p.x, cur)
		if ok || err != nil {
			return ok, err
		}
		return r.eval(p.y, cur)
	}
	if p.domain != "*" && p.domain != r.ev.Domain {
		return false, nil
	}
	if p.typ != "*" && p.typ != r.ev.Type {
		return false, nil
	}
	if p.prim == noTest {
		return true, nil
	}
	if r.test == nil {
		return false, fmt.Errorf("eventbus: Step needs a PrimTest for primitive %d", p.prim)
	}
	if p.prim == SelectWherePrim {
		// `select where`: no state to keep or wipe.
		ok, _, err := r.test(SelectWherePrim)
		return ok, err
	}
	res := &r.cache[p.prim]
	if !res.done {
		ok, caps, err := r.test(p.prim)
		if err != nil {
			return false, err
		}
		*res = primResult{done: true, ok: ok, caps: caps}
	}
	if !res.ok {
		*cur = State{}
		return false, nil
	}
	info := &r.m.info[p.prim]
	if info.aggOp != aggNone {
		cur.aggregate(info, res.caps)
	}
	if info.bind {
		for i, slot := range info.setting {
			cur.setting = withBinding(cur.setting, slot, capture(res.caps, i))
		}
	}
	return true, nil
}

// capture returns captures[i], or null past the end.
func capture(caps []value.Value, i int) value.Value {
	if i < len(caps) {
		return caps[i]
	}
	return value.Null
}
