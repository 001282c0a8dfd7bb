package compile

import (
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/gopico/pico/krl/ast"
	"github.com/gopico/pico/krl/internal/diag"
	"github.com/gopico/pico/krl/internal/eval"
	"github.com/gopico/pico/krl/value"
)

// Instance is a program initialised on one pico: its configure variables,
// globals and module instances. After Init it does not change, so it may be
// used by several threads at once (an event and queries).
type Instance struct {
	prog     *Program
	globals  *frame
	mods     []*Instance
	modVals  []value.Value
	config   value.Value
	meta     [4]value.Value
	asModule bool
	within   []value.Value
}

// InitOptions are the inputs of Program.Init.
type InitOptions struct {
	// Config is the ruleset's install configuration (ctx:rid_config,
	// meta:rulesetConfig); null means an empty map.
	Config value.Value
	// With overrides configure variables by name (the `with` of the user's
	// `use module`).
	With map[string]value.Value
	// AsModule makes the instance a module instance: no event or query is
	// visible to its code.
	AsModule bool
	// Load returns the module instance for one `use module` line, given the
	// evaluated `with` values; nil when the program uses no module.
	Load func(t *eval.Thread, use *Use, with map[string]value.Value) (*Instance, error)
}

// Result is what running a rule did.
type Result struct {
	Fired bool // the action block fired (in at least one foreach iteration)
	Last  bool // `last` (or `error error`) ran: skip the ruleset's other rules
}

// recoverInternal turns a panic into an error saying "internal error"; it
// must be deferred by every entry point.
func recoverInternal(err *error, rid string) {
	r := recover()
	if r == nil {
		return
	}
	*err = &eval.RuntimeError{
		RID: rid,
		Msg: fmt.Sprintf("internal error: %v", r),
		Err: fmt.Errorf("%w: %v\n%s", eval.ErrInternal, r, debug.Stack()),
	}
}

// RID returns the ruleset id.
func (p *Program) RID() string { return p.rid }

// Rules returns the active rules in source order.
func (p *Program) Rules() []*Rule { return p.rules }

// Shares returns the shared names in order.
func (p *Program) Shares() []string { return p.shares }

// Provides returns the provided names in order.
func (p *Program) Provides() []string { return p.provides }

// Uses returns the `use module` lines in order.
func (p *Program) Uses() []*Use { return p.uses }

// Warnings returns the compile warnings, sorted by position.
func (p *Program) Warnings() diag.ErrorList { return p.warnings }

// Testing returns the generated __testing value.
func (p *Program) Testing() value.Value { return p.testing }

// Init creates the program's instance on a pico: it evaluates the meta
// values, configure variables and `use module` lines in order, links the
// modules, then evaluates the globals and the within limits.
func (p *Program) Init(t *eval.Thread, opts InitOptions) (in *Instance, err error) {
	defer recoverInternal(&err, p.rid)
	orid, orule := t.SwapRunning(p.rid, "")
	defer t.SwapRunning(orid, orule)

	in = &Instance{prog: p, config: opts.Config, asModule: opts.AsModule}
	if in.config.IsNull() {
		in.config = emptyMap
	}
	fr := newFrame(in, nil, p.lv.nslots)
	in.globals = fr
	for i, f := range p.meta {
		if f != nil {
			if in.meta[i], err = f(t, fr); err != nil {
				return nil, err
			}
		}
	}
	in.mods = make([]*Instance, len(p.uses))
	in.modVals = make([]value.Value, len(p.modRefs))
	for _, st := range p.setup {
		if st.use < 0 {
			if v, ok := opts.With[st.name]; ok {
				fr.slots[st.slot] = v
			} else if fr.slots[st.slot], err = st.dflt(t, fr); err != nil {
				return nil, err
			}
			continue
		}
		if err := in.loadModule(t, st, opts.Load); err != nil {
			return nil, err
		}
	}
	if err := runDecls(t, fr, p.globals); err != nil {
		return nil, err
	}
	in.within = make([]value.Value, len(p.rules))
	for i, r := range p.rules {
		if r.within != nil {
			if in.within[i], err = r.within(t, fr); err != nil {
				return nil, err
			}
		}
	}
	return in, nil
}

// loadModule evaluates one `use module` line, asks load for the instance and
// links the members the program mentions.
func (in *Instance) loadModule(t *eval.Thread, st setupStep, load func(*eval.Thread, *Use, map[string]value.Value) (*Instance, error)) error {
	p := in.prog
	u := p.uses[st.use]
	with := make(map[string]value.Value, len(st.with))
	for i, w := range st.with {
		v, err := w(t, in.globals)
		if err != nil {
			return err
		}
		with[u.With[i]] = v
	}
	fail := func(cause error, format string, args ...any) error {
		return &eval.RuntimeError{RID: p.rid, Pos: u.Pos, Msg: fmt.Sprintf(format, args...), Err: cause}
	}
	if load == nil {
		return fail(eval.ErrNoModule, "module not found: %s", u.RID)
	}
	m, err := load(t, u, with)
	if err != nil {
		var re *eval.RuntimeError
		if errors.As(err, &re) && re.RID != p.rid {
			return fail(err, "module %s failed to initialise: %s", u.RID, err.Error())
		}
		if re != nil {
			return re
		}
		return fail(err, "module %s: %v", u.RID, err)
	}
	if m == nil {
		return fail(eval.ErrNoModule, "module not found: %s", u.RID)
	}
	if m.prog.rid != u.RID {
		return fail(eval.ErrModuleConflict, "module %s: got an instance of %s", u.RID, m.prog.rid)
	}
	in.mods[st.use] = m
	for k, ref := range p.modRefs {
		if ref.use != st.use {
			continue
		}
		v, ok := m.provided(ref.name)
		if !ok {
			return &eval.RuntimeError{RID: p.rid, Pos: ref.pos, Err: eval.ErrLink,
				Msg: fmt.Sprintf("module %s (%s) does not provide %s%s", u.Alias, u.RID, ref.name, hint(ref.name, m.prog.provides))}
		}
		in.modVals[k] = v
	}
	return nil
}

// provided returns the value of a provided name.
func (in *Instance) provided(name string) (value.Value, bool) {
	if !slices.Contains(in.prog.provides, name) {
		return value.Null, false
	}
	b := in.prog.scope.names[name]
	if b == nil || b.kind != bindSlot {
		return value.Null, false
	}
	return in.globals.slots[b.slot], true
}

// Program returns the program the instance runs.
func (in *Instance) Program() *Program { return in.prog }

// Meta returns the value of a meta property ("name", "description",
// "author" or "version"; null when absent).
func (in *Instance) Meta(key string) value.Value {
	if i := slices.Index(metaKeys, key); i >= 0 {
		return in.meta[i]
	}
	return value.Null
}

// Config returns the install configuration.
func (in *Instance) Config() value.Value { return in.config }

// Global returns the value of a configure variable or global.
func (in *Instance) Global(name string) (value.Value, bool) {
	b := in.prog.scope.names[name]
	if b == nil || b.kind != bindSlot {
		return value.Null, false
	}
	return in.globals.slots[b.slot], true
}

// Query answers a query: a shared function is called with args matched by
// parameter name, a shared value is returned, `__testing` is always
// answered.
func (in *Instance) Query(t *eval.Thread, name string, args map[string]value.Value) (v value.Value, err error) {
	p := in.prog
	defer recoverInternal(&err, p.rid)
	orid, orule := t.SwapRunning(p.rid, "")
	defer t.SwapRunning(orid, orule)
	if name == "__testing" {
		if v, ok := in.Global(name); ok {
			return v, nil
		}
		return p.testing, nil
	}
	if !slices.Contains(p.shares, name) {
		return value.Null, &eval.RuntimeError{RID: p.rid, Err: eval.ErrQueryNotFound,
			Msg: fmt.Sprintf("ruleset %s does not have query function %q%s", p.rid, name, hint(name, p.shares))}
	}
	g, _ := in.Global(name)
	f := g.AsFunc()
	if f == nil || (f.Action && !f.Both) {
		return g, nil
	}
	argv := make([]value.Value, len(f.Params))
	for i, pn := range f.Params {
		argv[i] = args[pn]
	}
	v, err = f.Fn(t, argv)
	if err != nil {
		return value.Null, wrapRT(p.rid, t, ast.Pos{}, err)
	}
	return v, nil
}

func (in *Instance) checkRule(r *Rule) error {
	if r == nil || r.prog != in.prog {
		return eval.ErrWrongInstance
	}
	return nil
}

// Within returns the rule's `within` limit in milliseconds, evaluated at
// Init; ok is false when the select has none.
func (in *Instance) Within(r *Rule) (ms float64, ok bool) {
	if r == nil || r.prog != in.prog || r.within == nil {
		return 0, false
	}
	v := in.within[r.index]
	if v.Kind() != value.NumberKind {
		return 0, true
	}
	return v.AsNum(), true
}

// TestPrim tests primitive event expression number prim (source order) of
// rule r against the thread's event: its attribute regexes, then its `where`
// with the setting variables bound. It returns the captured groups. It does
// not compare the event's domain and type: the caller does, because a
// mismatch and a failed test affect the state machine differently. For a
// `select where` rule, prim -1 evaluates the condition (see SelectWhere).
func (in *Instance) TestPrim(t *eval.Thread, r *Rule, prim int) (ok bool, captures []value.Value, err error) {
	p := in.prog
	defer recoverInternal(&err, p.rid)
	if err := in.checkRule(r); err != nil {
		return false, nil, err
	}
	if prim == -1 && r.selWhere != nil {
		ok, err := in.SelectWhere(t, r)
		return ok, nil, err
	}
	if prim < 0 || prim >= len(r.tests) {
		return false, nil, fmt.Errorf("krl: rule %s has no primitive event expression %d", r.Name(), prim)
	}
	if t.Event == nil {
		return false, nil, nil
	}
	orid, orule := t.SwapRunning(p.rid, r.Name())
	defer t.SwapRunning(orid, orule)
	pt := &r.tests[prim]
	var attrs *value.Map
	if t.Event.Attrs.Kind() == value.MapKind {
		attrs = t.Event.Attrs.AsMap()
	}
	for _, a := range pt.attrs {
		s := ""
		if attrs != nil {
			if v, ok := attrs.Get(a.name); ok {
				s = value.ToString(v)
			}
		}
		m, err := a.re.Re.FindStringMatch(s)
		if err != nil {
			return false, nil, wrapRT(p.rid, t, r.prims[prim].At, err)
		}
		if m == nil {
			return false, nil, nil
		}
		for _, g := range m.Groups()[1:] {
			if len(g.Captures) == 0 {
				captures = append(captures, value.Null)
			} else {
				captures = append(captures, value.Str(g.String()))
			}
		}
	}
	if pt.where != nil {
		fr := newFrame(in, in.globals, pt.nslots)
		for i := 0; i < pt.setting && i < len(captures); i++ {
			fr.slots[i] = captures[i]
		}
		v, err := pt.where(t, fr)
		if err != nil {
			return false, nil, err
		}
		if !value.Truthy(v) {
			return false, nil, nil
		}
	}
	return true, captures, nil
}

// SelectWhere evaluates the condition of a `select where` rule; the rule is
// selected only when it is the Boolean true.
func (in *Instance) SelectWhere(t *eval.Thread, r *Rule) (ok bool, err error) {
	p := in.prog
	defer recoverInternal(&err, p.rid)
	if err := in.checkRule(r); err != nil {
		return false, err
	}
	if r.selWhere == nil {
		return false, fmt.Errorf("krl: rule %s has no `select where`", r.Name())
	}
	orid, orule := t.SwapRunning(p.rid, r.Name())
	defer t.SwapRunning(orid, orule)
	v, err := r.selWhere(t, newFrame(in, in.globals, r.selLv.nslots))
	if err != nil {
		return false, err
	}
	return v.Kind() == value.BooleanKind && v.AsBool(), nil
}

// Run runs the body of a selected rule: foreach, prelude, action block and
// postlude. vars holds the select's setting and aggregator variables by name
// (missing ones are null).
func (in *Instance) Run(t *eval.Thread, r *Rule, vars map[string]value.Value) (res Result, err error) {
	p := in.prog
	defer recoverInternal(&err, p.rid)
	if err := in.checkRule(r); err != nil {
		return res, err
	}
	orid, orule := t.SwapRunning(p.rid, r.Name())
	defer t.SwapRunning(orid, orule)
	if err := t.Step(1); err != nil {
		return res, wrapRT(p.rid, t, r.node.At, err)
	}
	fr := newFrame(in, in.globals, r.lv.nslots)
	for i, name := range r.selectVars {
		fr.slots[r.varSlots[i]] = vars[name]
	}
	err = r.loop(t, fr, 0, &res)
	if errors.Is(err, errLast) {
		res.Last, err = true, nil
	}
	return res, err
}

// loop runs foreach clause i (and the ones inside it), then the body.
func (r *Rule) loop(t *eval.Thread, fr *frame, i int, res *Result) error {
	if i == len(r.foreach) {
		return r.body(t, fr, res)
	}
	fe := &r.foreach[i]
	coll, err := fe.expr(t, fr)
	if err != nil {
		return err
	}
	outerNotFinal := fr.notFinal
	defer func() { fr.notFinal = outerNotFinal }()
	iter := func(n, j int, v, k value.Value) error {
		if err := t.Step(1); err != nil {
			return wrapRT(r.prog.rid, t, fe.pos, err)
		}
		for s, slot := range fe.slots {
			switch s {
			case 0:
				fr.slots[slot] = v
			case 1:
				fr.slots[slot] = k
			default:
				fr.slots[slot] = value.Null
			}
		}
		fr.notFinal = outerNotFinal || j != n-1
		return r.loop(t, fr, i+1, res)
	}
	switch coll.Kind() {
	case value.ArrayKind:
		elems := coll.AsArray().Elems()
		for j, v := range elems {
			if err := iter(len(elems), j, v, value.Num(float64(j))); err != nil {
				return err
			}
		}
	case value.MapKind:
		m := coll.AsMap()
		keys := m.Keys()
		for j, k := range keys {
			v, _ := m.Get(k)
			if err := iter(len(keys), j, v, value.Str(k)); err != nil {
				return err
			}
		}
	case value.StringKind:
		s := coll.AsStr()
		n := utf8.RuneCountInString(s)
		j := 0
		for _, ch := range s {
			if err := iter(n, j, value.Str(string(ch)), value.Str(strconv.Itoa(j))); err != nil {
				return err
			}
			j++
		}
	}
	return nil
}

// body runs the prelude, the action block and the postlude once.
func (r *Rule) body(t *eval.Thread, fr *frame, res *Result) error {
	if err := runDecls(t, fr, r.pre); err != nil {
		return err
	}
	fired, err := r.block(t, fr)
	if err != nil {
		return err
	}
	if fired {
		res.Fired = true
	}
	for _, g := range r.postlude {
		if g.when == 1 && !fired || g.when == 0 && fired {
			continue
		}
		for _, s := range g.stmts {
			if err := s(t, fr); err != nil {
				return err
			}
		}
	}
	return nil
}

// Name returns the rule's name.
func (r *Rule) Name() string { return r.node.Name.Name }

// Index returns the rule's position among the program's active rules.
func (r *Rule) Index() int { return r.index }

// Node returns the rule's AST.
func (r *Rule) Node() *ast.Rule { return r.node }

// Select returns the rule's select clause.
func (r *Rule) Select() *ast.Select { return r.node.Select }

// Prims returns the primitive event expressions of the select, in source
// order: the numbering of TestPrim.
func (r *Rule) Prims() []*ast.EventPrim { return r.prims }

// SelectVars returns the names of the select's setting and aggregator
// variables, which Run takes.
func (r *Rule) SelectVars() []string { return r.selectVars }
