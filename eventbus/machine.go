package eventbus

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gopico/pico/krl/ast"
	"github.com/gopico/pico/krl/value"
)

// EventType is a domain and a type, as in `select when domain type`. Either
// may be "*" (any), which only `select where` produces.
type EventType struct {
	Domain string
	Type   string
}

// String returns "domain:type".
func (e EventType) String() string { return e.Domain + ":" + e.Type }

// Event is what a machine needs to know about an event: its domain, its
// type and its time (the event's own time, which `within` measures).
type Event struct {
	Domain string
	Type   string
	Time   time.Time
}

// PrimTest runs the test of primitive number prim (an index into
// Machine.Prims) against the current event: its attribute regular
// expressions and its `where` clause. It is only called for primitives whose
// domain and type equal the event's, and at most once per primitive and
// event.
//
// ok reports whether every attribute matched and the `where` clause (if any)
// was truthy. captures is the positional capture list of the attribute
// regular expressions (the groups 1..n of each regexp in order, null for a
// group that did not participate); the machine binds it to the primitive's
// `setting` names and feeds it to the aggregator. captures is ignored when ok
// is false, and the machine does not keep or change the slice.
//
// Primitives with nothing to test or bind (no attribute test, `setting`,
// `where` or aggregator) match on domain and type alone and are never
// passed to PrimTest. For a `select where` rule the machine calls
// PrimTest(SelectWherePrim): ok must then be true exactly when the `where`
// expression is the Boolean true.
type PrimTest func(prim int) (ok bool, captures []value.Value, err error)

// SelectWherePrim is the primitive number passed to a PrimTest of a `select
// where` machine, which has no primitives.
const SelectWherePrim = -1

// Machine is the compiled form of one rule's select clause. It is immutable
// and safe for concurrent use: one Machine serves every pico, and each (pico,
// rule) pair keeps its own State.
type Machine struct {
	sel      *ast.Select
	prims    []*ast.EventPrim
	info     []primInfo // per prim
	table    [][]trans  // per state: start (0), end (1), s0 (2), s1 (3), ...
	vars     []string   // `setting` and aggregator names, slot order
	salience []EventType
	within   time.Duration // unit of the within clause; 0 without one
	where    bool          // `select where`
	fp       uint32        // fingerprint of the table, stored with states
}

// trans is one compiled transition.
type trans struct {
	on *pattern
	to uint16
}

// primInfo is what the machine does with the result of a primitive's test.
type primInfo struct {
	hasTest  bool     // the reference only calls a matcher when there is something to test or bind
	bind     bool     // captures are merged into the setting (the primitive has attribute tests)
	setting  []uint16 // slots of the `setting` names, in order
	aggOp    aggOp    // aggNone when there is no aggregator
	aggSlots []uint16 // slots of the aggregator names, in order
}

const (
	startState = 0
	endState   = 1
)

// maxStates bounds the states of a compiled machine (ids are uint16).
const maxStates = 1 << 15

// Compile compiles a rule's select clause. sel.Event is compiled into a
// state machine; a `select where` (sel.Event nil, sel.Where set) becomes a
// machine with one `*:*` transition guarded by SelectWherePrim. The within
// clause's unit is checked here; its expression is evaluated by the caller
// (once, at ruleset initialisation) and passed to Step.
func Compile(sel *ast.Select) (*Machine, error) {
	if sel == nil {
		return nil, fmt.Errorf("%w: no select clause", ErrInvalidExpr)
	}
	m := &Machine{sel: sel}
	b := newBuilder()
	var top *fsm
	switch {
	case sel.Event != nil:
		c := &exprCompiler{m: m, b: b, slots: make(map[string]uint16)}
		var err error
		if top, err = c.compile(sel.Event, nil); err != nil {
			return nil, err
		}
		if sel.Within != nil {
			unit, ok := PeriodUnit(sel.Within.Unit)
			if !ok {
				return nil, posErr(sel.Within.At, "%w: unknown time period %q", ErrInvalidExpr, sel.Within.Unit)
			}
			m.within = unit
		}
	case sel.Where != nil:
		if sel.Within != nil {
			return nil, posErr(sel.Within.At, "%w: `select where` cannot have `within`", ErrInvalidExpr)
		}
		m.where = true
		var err error
		if top, err = b.single(b.eventPat("*", "*", SelectWherePrim)); err != nil {
			return nil, err
		}
	default:
		return nil, posErr(sel.At, "%w: empty select clause", ErrInvalidExpr)
	}
	if err := m.finish(top); err != nil {
		return nil, err
	}
	return m, nil
}

// MustCompile is like Compile but panics on an error. It is meant for tests
// and package-level variables.
func MustCompile(sel *ast.Select) *Machine {
	m, err := Compile(sel)
	if err != nil {
		panic(err)
	}
	return m
}

func posErr(pos ast.Pos, format string, args ...any) error {
	err := fmt.Errorf(format, args...)
	if pos.IsValid() {
		return fmt.Errorf("%s: %w", pos, err)
	}
	return err
}

// exprCompiler turns an event expression into a machine, numbering the
// primitives in preorder.
type exprCompiler struct {
	m     *Machine
	b     *builder
	slots map[string]uint16
}

func (c *exprCompiler) slot(name string) uint16 {
	if s, ok := c.slots[name]; ok {
		return s
	}
	s := uint16(len(c.m.vars))
	c.slots[name] = s
	c.m.vars = append(c.m.vars, name)
	return s
}

func (c *exprCompiler) compile(e ast.EventExpr, agg *ast.Aggregate) (*fsm, error) {
	switch e := e.(type) {
	case *ast.EventPrim:
		return c.prim(e, agg)
	case *ast.EventOp:
		if len(e.Args) == 0 {
			return nil, posErr(e.At, "%w: %s without arguments", ErrInvalidExpr, e.Op)
		}
		args, err := c.list(e.Args)
		if err != nil {
			return nil, err
		}
		switch e.Op {
		case "or":
			return c.b.or(args)
		case "and":
			if len(args) == 1 {
				// The reference builds a machine that never matches for a
				// one-argument and(); it is the argument itself here.
				return args[0], nil
			}
			if len(args) > maxAndArity {
				return nil, posErr(e.At, "%w: and() of %d expressions (at most %d)", ErrTooComplex, len(args), maxAndArity)
			}
			return c.b.and(args)
		case "before":
			return c.b.before(args, false)
		case "after":
			return c.b.before(args, true)
		case "then":
			return c.b.then(args)
		default:
			return nil, posErr(e.At, "%w: unknown operator %q", ErrInvalidExpr, e.Op)
		}
	case *ast.EventBetween:
		if e.Event == nil || e.Start == nil || e.End == nil {
			return nil, posErr(e.At, "%w: between needs three expressions", ErrInvalidExpr)
		}
		args, err := c.list([]ast.EventExpr{e.Event, e.Start, e.End})
		if err != nil {
			return nil, err
		}
		if e.Not {
			return c.b.notBetween(args[0], args[1], args[2])
		}
		return c.b.between(args[0], args[1], args[2])
	case *ast.EventAny:
		if e.N < 0 || e.N >= len(e.Args) {
			return nil, posErr(e.At, "%w: any %d needs more than %d expressions", ErrInvalidExpr, e.N, e.N)
		}
		args, err := c.list(e.Args)
		if err != nil {
			return nil, err
		}
		return c.b.any(e.N, args)
	case *ast.EventGroup:
		if e.N < 1 {
			return nil, posErr(e.At, "%w: %s needs a positive integer", ErrInvalidExpr, e.Op)
		}
		if e.Event == nil {
			return nil, posErr(e.At, "%w: %s needs an event", ErrInvalidExpr, e.Op)
		}
		inner, err := c.compile(e.Event, e.Aggregate)
		if err != nil {
			return nil, err
		}
		switch e.Op {
		case "count":
			return c.b.count(e.N, inner)
		case "repeat":
			return c.b.repeat(e.N, inner)
		default:
			return nil, posErr(e.At, "%w: unknown operator %q", ErrInvalidExpr, e.Op)
		}
	case nil:
		return nil, fmt.Errorf("%w: missing event expression", ErrInvalidExpr)
	default:
		return nil, fmt.Errorf("%w: unknown event expression %T", ErrInvalidExpr, e)
	}
}

func (c *exprCompiler) list(es []ast.EventExpr) ([]*fsm, error) {
	out := make([]*fsm, len(es))
	for i, e := range es {
		s, err := c.compile(e, nil)
		if err != nil {
			return nil, err
		}
		out[i] = s
	}
	return out, nil
}

func (c *exprCompiler) prim(p *ast.EventPrim, agg *ast.Aggregate) (*fsm, error) {
	if p.Domain == nil || p.Type == nil || p.Domain.Name == "" || p.Type.Name == "" {
		return nil, posErr(p.At, "%w: an event needs a domain and a type", ErrInvalidExpr)
	}
	idx := len(c.m.prims)
	c.m.prims = append(c.m.prims, p)
	info := primInfo{bind: len(p.Attrs) > 0}
	for _, s := range p.Setting {
		info.setting = append(info.setting, c.slot(s.Name))
	}
	if agg != nil {
		op, ok := aggOps[agg.Op]
		if !ok {
			return nil, posErr(agg.At, "%w: unknown aggregator %q", ErrInvalidExpr, agg.Op)
		}
		info.aggOp = op
		for _, v := range agg.Vars {
			info.aggSlots = append(info.aggSlots, c.slot(v.Name))
		}
	}
	info.hasTest = len(p.Attrs) > 0 || len(p.Setting) > 0 || p.Where != nil || agg != nil
	c.m.info = append(c.m.info, info)
	prim := noTest
	if info.hasTest {
		prim = idx
	}
	return c.b.single(c.b.eventPat(p.Domain.Name, p.Type.Name, prim))
}

// finish numbers the states of the built machine (start, end, then s0, s1,
// ... in order of appearance), orders the transitions by source state and
// builds the lookup tables.
func (m *Machine) finish(s *fsm) error {
	ids := map[bstate]int{s.start: startState, s.end: endState}
	id := func(x bstate) int {
		if y, ok := ids[x]; ok {
			return y
		}
		y := len(ids)
		ids[x] = y
		return y
	}
	type flat struct{ from, to int }
	flats := make([]flat, len(s.trans))
	for i, t := range s.trans {
		flats[i].from = id(t.from)
		flats[i].to = id(t.to)
	}
	if len(ids) > maxStates {
		return ErrTooComplex
	}
	// Stable order: start's transitions first, then s0, s1, ..., end's last.
	rank := func(st int) int {
		switch st {
		case startState:
			return -1
		case endState:
			return len(ids)
		}
		return st
	}
	order := make([]int, len(flats))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Compare(rank(flats[a].from), rank(flats[b].from))
	})
	m.table = make([][]trans, len(ids))
	for _, i := range order {
		f := flats[i]
		m.table[f.from] = append(m.table[f.from], trans{on: s.trans[i].on, to: uint16(f.to)})
	}
	// Salience: the distinct (domain, type) of every primitive, in order.
	if m.where {
		m.salience = []EventType{{Domain: "*", Type: "*"}}
	}
	for _, p := range m.prims {
		et := EventType{Domain: p.Domain.Name, Type: p.Type.Name}
		if !slices.Contains(m.salience, et) {
			m.salience = append(m.salience, et)
		}
	}
	m.fp = m.fingerprint()
	return nil
}

// fingerprint hashes what gives a stored state its meaning: the table, the
// variables, and the primitives' attribute tests, captures and aggregators.
func (m *Machine) fingerprint() uint32 {
	h := fnv.New32a()
	w := func(parts ...string) {
		for _, p := range parts {
			h.Write([]byte(p))
			h.Write([]byte{0})
		}
	}
	w(m.String(), strconv.FormatInt(int64(m.within), 10))
	w(m.vars...)
	for i, p := range m.prims {
		w("prim", strconv.Itoa(i))
		for _, a := range p.Attrs {
			if a.Name != nil && a.Regex != nil {
				w(a.Name.Name, a.Regex.Pattern, a.Regex.Flags)
			}
		}
		info := m.info[i]
		for _, s := range info.setting {
			w("set", m.vars[s])
		}
		for _, s := range info.aggSlots {
			w("agg", strconv.Itoa(int(info.aggOp)), m.vars[s])
		}
		if p.Where != nil {
			w("where")
		}
	}
	if fp := h.Sum32(); fp != 0 {
		return fp
	}
	return 1 // 0 marks states of no machine
}

// Prims returns the primitive event expressions of the machine, numbered in
// preorder (the numbers a PrimTest receives). It is empty for `select
// where`. The caller must not change the slice.
func (m *Machine) Prims() []*ast.EventPrim { return m.prims }

// Select returns the select clause the machine was compiled from.
func (m *Machine) Select() *ast.Select { return m.sel }

// Vars returns the names bound when the rule fires: every `setting` name and
// aggregator name of the expression, each once, in order of appearance. The
// values Step returns are in this order. The caller must not change the slice.
func (m *Machine) Vars() []string { return m.vars }

// Salience returns the event types the rule listens for, each once, in
// order of appearance. A `select where` machine listens for "*:*". The
// caller must not change the slice.
func (m *Machine) Salience() []EventType { return m.salience }

// Within reports the time unit of the select's within clause (one second for
// `within 5 seconds`), and whether there is one. The limit passed to Step is
// the within expression's value times this unit.
func (m *Machine) Within() (unit time.Duration, ok bool) { return m.within, m.within > 0 }

// IsSelectWhere reports whether the machine was compiled from `select where`.
func (m *Machine) IsSelectWhere() bool { return m.where }

// States returns the number of states of the machine, start and end included.
func (m *Machine) States() int { return len(m.table) }

// Listens reports whether the machine reacts to events of this domain and
// type.
func (m *Machine) Listens(domain, typ string) bool {
	for _, s := range m.salience {
		if (s.Domain == domain || s.Domain == "*") && (s.Type == typ || s.Type == "*") {
			return true
		}
	}
	return false
}

// String returns the transition table, one state per line, in the form
//
//	start: a:b#0 -> s0; not(a:c) -> start
//
// where "#n" names the primitive whose test guards a pattern. It is meant for
// tests and debugging; its exact form may change.
func (m *Machine) String() string {
	var sb strings.Builder
	order := make([]int, 0, len(m.table))
	order = append(order, startState)
	for st := endState + 1; st < len(m.table); st++ {
		order = append(order, st)
	}
	order = append(order, endState)
	for _, st := range order {
		ts := m.table[st]
		if len(ts) == 0 {
			continue
		}
		sb.WriteString(stateName(st))
		sb.WriteString(":")
		for i, t := range ts {
			if i > 0 {
				sb.WriteString(";")
			}
			sb.WriteString(" ")
			sb.WriteString(t.on.key)
			sb.WriteString(" -> ")
			sb.WriteString(stateName(int(t.to)))
		}
		sb.WriteString("\n")
	}
	return sb.String()
}

func stateName(st int) string {
	switch st {
	case startState:
		return "start"
	case endState:
		return "end"
	}
	return "s" + strconv.Itoa(st-2)
}

// PeriodUnit returns the duration of one unit of a within period: second,
// minute, hour, day, week, month (30 days) or year (365 days), singular or
// plural.
func PeriodUnit(name string) (time.Duration, bool) {
	switch strings.TrimSuffix(name, "s") {
	case "second":
		return time.Second, true
	case "minute":
		return time.Minute, true
	case "hour":
		return time.Hour, true
	case "day":
		return 24 * time.Hour, true
	case "week":
		return 7 * 24 * time.Hour, true
	case "month":
		return 30 * 24 * time.Hour, true
	case "year":
		return 365 * 24 * time.Hour, true
	}
	return 0, false
}
