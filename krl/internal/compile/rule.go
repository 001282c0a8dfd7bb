package compile

import (
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"

	"github.com/gopico/pico/krl/ast"
	"github.com/gopico/pico/krl/internal/eval"
	"github.com/gopico/pico/krl/value"
)

// Rule is a compiled rule.
type Rule struct {
	prog       *Program
	index      int
	node       *ast.Rule
	prims      []*ast.EventPrim
	tests      []primTest
	selWhere   evalFn // `select where`; nil for `select when`
	selLv      *level // the level of selWhere
	within     evalFn // the within limit in milliseconds; nil when absent
	selectVars []string
	varSlots   []int
	foreach    []foreachCode
	pre        []declCode
	block      blockFn
	postlude   []stmtGroup
	lv         *level
}

// primTest is the compiled test of one primitive event expression: the
// attribute matches, then the `where` clause with the setting variables bound.
type primTest struct {
	attrs   []attrTest
	setting int // number of setting variables (the first slots of the where frame)
	where   evalFn
	nslots  int
}

type attrTest struct {
	name string
	re   *value.RegExp
}

type foreachCode struct {
	expr  evalFn
	slots []int // setting variables: value, key, then extras (always null)
	pos   ast.Pos
}

// stmtGroup is a run of postlude statements that runs when fired (when ==
// 1), not fired (when == 0) or always (when == 2).
type stmtGroup struct {
	when  int
	stmts []execFn
}

// errLast unwinds a rule when it executes `last` (or `error error`).
var errLast = errors.New("krl: last")

// collectPrims appends the primitive event expressions of e in source order.
func collectPrims(e ast.EventExpr, out []*ast.EventPrim) []*ast.EventPrim {
	switch e := e.(type) {
	case *ast.EventPrim:
		out = append(out, e)
	case *ast.EventOp:
		for _, a := range e.Args {
			out = collectPrims(a, out)
		}
	case *ast.EventBetween:
		out = collectPrims(e.Event, out)
		out = collectPrims(e.Start, out)
		out = collectPrims(e.End, out)
	case *ast.EventAny:
		for _, a := range e.Args {
			out = collectPrims(a, out)
		}
	case *ast.EventGroup:
		out = collectPrims(e.Event, out)
	}
	return out
}

// aggregateVars appends the aggregator variables of e in source order.
func aggregateVars(e ast.EventExpr, out []*ast.Ident) []*ast.Ident {
	switch e := e.(type) {
	case *ast.EventOp:
		for _, a := range e.Args {
			out = aggregateVars(a, out)
		}
	case *ast.EventBetween:
		out = aggregateVars(e.Event, out)
		out = aggregateVars(e.Start, out)
		out = aggregateVars(e.End, out)
	case *ast.EventAny:
		for _, a := range e.Args {
			out = aggregateVars(a, out)
		}
	case *ast.EventGroup:
		if e.Aggregate != nil {
			out = append(out, e.Aggregate.Vars...)
		}
	}
	return out
}

func (c *compiler) rules(rs *ast.Ruleset) {
	seen := map[string]bool{}
	for _, r := range rs.Rules {
		if seen[r.Name.Name] {
			c.errorf(r.Name.At, CodeDuplicateRule, "duplicate rule name: %s", r.Name.Name)
		}
		seen[r.Name.Name] = true
		if r.Inactive {
			c.warnf(r.At, WarnInactive, "rule %s is inactive, i.e. commented out", r.Name.Name)
			continue
		}
		if r.Select == nil {
			c.errorf(r.At, CodeMissingSelect, "rule %s is missing a `select`", r.Name.Name)
			continue
		}
		c.prog.rules = append(c.prog.rules, c.rule(r, len(c.prog.rules)))
	}
}

func (c *compiler) rule(r *ast.Rule, index int) *Rule {
	rsScope := c.prog.scope
	cr := &Rule{prog: c.prog, index: index, node: r}
	c.testingRule()

	// The select: one test per primitive, each with its own where scope.
	sel := r.Select
	if sel.Event != nil {
		cr.prims = collectPrims(sel.Event, nil)
		for _, p := range cr.prims {
			cr.tests = append(cr.tests, c.primTest(rsScope, p))
		}
		for _, p := range cr.prims {
			for _, s := range p.Setting {
				if !slices.Contains(cr.selectVars, s.Name) {
					cr.selectVars = append(cr.selectVars, s.Name)
				}
			}
		}
		for _, v := range aggregateVars(sel.Event, nil) {
			if !slices.Contains(cr.selectVars, v.Name) {
				cr.selectVars = append(cr.selectVars, v.Name)
			}
		}
	} else {
		cr.selLv = rsScope.lv.child()
		cr.selWhere = c.expr(newScope(rsScope, cr.selLv), sel.Where).fn
	}
	if sel.Within != nil {
		wl := rsScope.lv.child()
		x := c.expr(newScope(rsScope, wl), sel.Within.Expr)
		ms := value.Num(withinUnit(sel.Within.Unit))
		xf, pos := x.fn, sel.Within.At
		cr.within = func(t *eval.Thread, fr *frame) (value.Value, error) {
			v, err := xf(t, newFrame(fr.in, fr, wl.nslots))
			if err != nil {
				return value.Null, err
			}
			r, err := value.Mul(v, ms)
			if err != nil {
				return value.Null, c.rtError(t, pos, err)
			}
			return r, nil
		}
	}

	// The body: one frame for the whole rule.
	cr.lv = rsScope.lv.child()
	sc := newScope(rsScope, cr.lv)
	for _, name := range cr.selectVars {
		b := sc.declare(name, r.At)
		b.typ = ""
		cr.varSlots = append(cr.varSlots, b.slot)
	}
	for _, fe := range r.Foreach {
		fc := foreachCode{expr: c.expr(sc, fe.Expr).fn, pos: fe.At}
		for _, s := range fe.Setting {
			fc.slots = append(fc.slots, sc.declare(s.Name, s.At).slot)
		}
		cr.foreach = append(cr.foreach, fc)
	}
	cr.pre = c.declBlock(sc, r.Pre)
	cr.block = c.actionBlock(sc, r.Action)
	if pl := r.Postlude; pl != nil {
		groups := []stmtGroup{{when: 1, stmts: c.stmts(sc, pl.Fired)}, {when: 0, stmts: c.stmts(sc, pl.NotFired)}}
		if pl.Kind == "notfired" {
			groups = []stmtGroup{{when: 0, stmts: c.stmts(sc, pl.NotFired)}, {when: 1, stmts: c.stmts(sc, pl.Fired)}}
		}
		groups = append(groups, stmtGroup{when: 2, stmts: c.stmts(sc, pl.Always)})
		for _, g := range groups {
			if len(g.stmts) > 0 {
				cr.postlude = append(cr.postlude, g)
			}
		}
	}
	return cr
}

// withinUnit is the length of a within period in milliseconds.
func withinUnit(unit string) float64 {
	const day = 24 * 60 * 60 * 1000
	switch strings.TrimSuffix(strings.ToLower(unit), "s") {
	case "second":
		return 1000
	case "minute":
		return 60 * 1000
	case "hour":
		return 60 * 60 * 1000
	case "day":
		return day
	case "week":
		return 7 * day
	case "month":
		return 30 * day
	case "year":
		return 365 * day
	}
	return 1
}

// primTest compiles the test of one primitive event expression.
func (c *compiler) primTest(rsScope *scope, p *ast.EventPrim) primTest {
	c.testingEvent(p.Domain.Name, p.Type.Name)
	var pt primTest
	for _, a := range p.Attrs {
		c.testingAttr(a.Name.Name)
		x := c.regexp(a.Regex)
		if x.konst {
			pt.attrs = append(pt.attrs, attrTest{name: a.Name.Name, re: x.val.AsRegExp()})
		}
	}
	if p.WhereFirst && p.Where != nil && len(p.Setting) > 0 {
		c.warnf(p.Where.Pos(), WarnWhereOrder, "deprecated syntax: write `setting(...)` before `where`")
	}
	pt.setting = len(p.Setting)
	if p.Where != nil {
		lv := rsScope.lv.child()
		sc := newScope(rsScope, lv)
		for _, s := range p.Setting {
			b := sc.declare(s.Name, s.At)
			b.typ = "String"
		}
		pt.where = c.expr(sc, p.Where).fn
		pt.nslots = lv.nslots
	}
	return pt
}

// stmts compiles postlude statements in order.
func (c *compiler) stmts(sc *scope, list []ast.Stmt) []execFn {
	out := make([]execFn, 0, len(list))
	for _, s := range list {
		out = append(out, c.stmt(sc, s))
	}
	return out
}

// stmt compiles one postlude statement with its guard.
func (c *compiler) stmt(sc *scope, s ast.Stmt) execFn {
	var g ast.Guard
	var run execFn
	switch s := s.(type) {
	case *ast.EntAssign:
		g, run = s.Guard, c.entAssign(sc, s)
	case *ast.Clear:
		g, run = s.Guard, c.clear(sc, s)
	case *ast.Raise:
		g, run = s.Guard, c.raise(sc, s)
	case *ast.Schedule:
		// The guard is compiled before the setting variable is declared:
		// it cannot see the record it guards.
		guard := c.guardFn(sc, s.Guard)
		return withGuard(guard, c.schedule(sc, s))
	case *ast.Log:
		g, run = s.Guard, c.log(sc, s)
	case *ast.ErrorStmt:
		g, run = s.Guard, c.errorStmt(sc, s)
	case *ast.Last:
		g, run = s.Guard, func(*eval.Thread, *frame) error { return errLast }
	case *ast.DeclStmt:
		x := c.expr(sc, s.Decl.Value)
		guard := c.guardFn(sc, s.Guard)
		b := sc.declare(s.Decl.Name.Name, s.Decl.Name.At)
		b.typ, b.params = declType(x), x.params
		slot, f := b.slot, x.fn
		return withGuard(guard, func(t *eval.Thread, fr *frame) error {
			v, err := f(t, fr)
			if err != nil {
				return err
			}
			fr.slots[slot] = v
			return nil
		})
	default:
		c.errorf(s.Pos(), CodeInternal, "unsupported statement %T", s)
		return func(*eval.Thread, *frame) error { return nil }
	}
	return c.guard(sc, g, run)
}

func (c *compiler) guard(sc *scope, g ast.Guard, run execFn) execFn {
	return withGuard(c.guardFn(sc, g), run)
}

// guardFn compiles a statement guard into a predicate (nil when none).
func (c *compiler) guardFn(sc *scope, g ast.Guard) func(*eval.Thread, *frame) (bool, error) {
	switch {
	case g.OnFinal:
		return func(_ *eval.Thread, fr *frame) (bool, error) { return !fr.notFinal, nil }
	case g.If != nil:
		f := c.expr(sc, g.If).fn
		return func(t *eval.Thread, fr *frame) (bool, error) {
			v, err := f(t, fr)
			return value.Truthy(v), err
		}
	}
	return nil
}

func withGuard(guard func(*eval.Thread, *frame) (bool, error), run execFn) execFn {
	if guard == nil {
		return run
	}
	return func(t *eval.Thread, fr *frame) error {
		ok, err := guard(t, fr)
		if err != nil || !ok {
			return err
		}
		return run(t, fr)
	}
}

// writable checks that the thread may change state: not in a query.
func (c *compiler) writable(t *eval.Thread, pos ast.Pos) error {
	if t.Host == nil {
		return c.rtError(t, pos, eval.ErrNoHost)
	}
	if t.Query != nil {
		return c.rtError(t, pos, eval.ErrReadOnly)
	}
	return nil
}

func (c *compiler) entAssign(sc *scope, s *ast.EntAssign) execFn {
	if s.Domain.Name != "ent" {
		if s.Domain.Name == "app" {
			c.errorf(s.Domain.At, CodeUnsupported, "app: variables (shared by all picos) are not supported; use ent:")
		} else {
			c.errorf(s.Domain.At, CodeEntDomain, "only ent: variables can be assigned, not %s:", s.Domain.Name)
		}
	}
	if s.Path == nil {
		if call, ok := s.Value.(*ast.Call); ok {
			if dot, ok := call.Fn.(*ast.Dot); ok && dot.Name == "put" && dot.Domain == "" {
				if d, ok := dot.X.(*ast.DomainIdent); ok && d.Domain == s.Domain.Name && d.Name == s.Name.Name {
					c.warnf(d.At, WarnEntPut, "performance hint: to leverage indexes use `%s:%s{key} := value` instead of .put(key, value)", d.Domain, d.Name)
				}
			}
		}
	}
	rid, name, pos := c.prog.rid, s.Name.Name, s.At
	val := c.expr(sc, s.Value).fn
	if s.Path == nil {
		return func(t *eval.Thread, fr *frame) error {
			v, err := val(t, fr)
			if err != nil {
				return err
			}
			if err := c.writable(t, pos); err != nil {
				return err
			}
			if err := t.Host.EntSet(rid, name, v); err != nil {
				return c.rtError(t, pos, err)
			}
			return nil
		}
	}
	path := c.expr(sc, s.Path).fn
	return func(t *eval.Thread, fr *frame) error {
		p, err := path(t, fr)
		if err != nil {
			return err
		}
		v, err := val(t, fr)
		if err != nil {
			return err
		}
		if err := c.writable(t, pos); err != nil {
			return err
		}
		old, err := t.Host.EntGet(rid, name)
		if err != nil {
			return c.rtError(t, pos, err)
		}
		if err := t.Host.EntSet(rid, name, value.PutPath(old, p, v)); err != nil {
			return c.rtError(t, pos, err)
		}
		return nil
	}
}

func (c *compiler) clear(sc *scope, s *ast.Clear) execFn {
	if s.Domain.Name != "ent" {
		c.errorf(s.Domain.At, CodeEntDomain, "clear only works on ent: variables, not %s:", s.Domain.Name)
	}
	rid, name, pos := c.prog.rid, s.Name.Name, s.At
	if s.Path == nil {
		return func(t *eval.Thread, fr *frame) error {
			if err := c.writable(t, pos); err != nil {
				return err
			}
			if err := t.Host.EntSet(rid, name, value.Null); err != nil {
				return c.rtError(t, pos, err)
			}
			return nil
		}
	}
	path := c.expr(sc, s.Path).fn
	return func(t *eval.Thread, fr *frame) error {
		p, err := path(t, fr)
		if err != nil {
			return err
		}
		if err := c.writable(t, pos); err != nil {
			return err
		}
		old, err := t.Host.EntGet(rid, name)
		if err != nil {
			return c.rtError(t, pos, err)
		}
		if err := t.Host.EntSet(rid, name, value.DeletePath(old, p)); err != nil {
			return c.rtError(t, pos, err)
		}
		return nil
	}
}

// eventName compiles the `D event TYPE` or `event DT` part of raise and
// schedule into a function returning the domain and type.
func (c *compiler) eventName(sc *scope, domain *ast.Ident, typ ast.Expr) func(*eval.Thread, *frame) (string, string, error) {
	tf := c.expr(sc, typ).fn
	if domain != nil {
		d := domain.Name
		return func(t *eval.Thread, fr *frame) (string, string, error) {
			v, err := tf(t, fr)
			return d, value.ToString(v), err
		}
	}
	return func(t *eval.Thread, fr *frame) (string, string, error) {
		v, err := tf(t, fr)
		if err != nil {
			return "", "", err
		}
		s := strings.Join(strings.Fields(value.ToString(v)), "")
		d, ty, _ := strings.Cut(s, ":")
		return d, ty, nil
	}
}

// attrsFn compiles an `attributes` clause: a Map or null.
func (c *compiler) attrsFn(sc *scope, e ast.Expr) func(*eval.Thread, *frame) (value.Value, error) {
	if e == nil {
		return func(*eval.Thread, *frame) (value.Value, error) { return value.Null, nil }
	}
	f, pos := c.expr(sc, e).fn, e.Pos()
	return func(t *eval.Thread, fr *frame) (value.Value, error) {
		v, err := f(t, fr)
		if err != nil {
			return value.Null, err
		}
		if k := v.Kind(); k != value.MapKind && k != value.NullKind {
			return value.Null, c.rtErrorf(t, pos, eval.ErrBadEventAttrs, "expected a JSON map for event attributes, got "+value.TypeOf(v))
		}
		return v, nil
	}
}

func (c *compiler) raise(sc *scope, s *ast.Raise) execFn {
	// `for RID` is honoured: the event goes to that ruleset only (the
	// reference engine parses the clause and ignores it).
	var forRID evalFn
	if s.For != nil {
		forRID = c.expr(sc, s.For).fn
	}
	name := c.eventName(sc, s.Domain, s.Type)
	attrs := c.attrsFn(sc, s.Attributes)
	rid, pos := c.prog.rid, s.At
	return func(t *eval.Thread, fr *frame) error {
		d, ty, err := name(t, fr)
		if err != nil {
			return err
		}
		ev := eval.RaisedEvent{Domain: d, Type: ty}
		if forRID != nil {
			v, err := forRID(t, fr)
			if err != nil {
				return err
			}
			if ev.ForRID = value.ToString(v); v.IsNull() || ev.ForRID == "" {
				return c.rtError(t, pos, fmt.Errorf("raise ... for needs a ruleset id, got %s", value.TypeOf(v)))
			}
		}
		if ev.Attrs, err = attrs(t, fr); err != nil {
			return err
		}
		if err := c.writable(t, pos); err != nil {
			return err
		}
		if err := t.Host.Raise(rid, ev); err != nil {
			return c.rtError(t, pos, err)
		}
		return nil
	}
}

func (c *compiler) schedule(sc *scope, s *ast.Schedule) execFn {
	name := c.eventName(sc, s.Domain, s.Type)
	attrs := c.attrsFn(sc, s.Attributes)
	var at, repeat evalFn
	if s.AtTime != nil {
		at = c.expr(sc, s.AtTime).fn
	}
	if s.Repeat != nil {
		repeat = c.expr(sc, s.Repeat).fn
	}
	slot := -1
	if s.Setting != nil {
		slot = sc.declare(s.Setting.Name, s.Setting.At).slot
	}
	rid, pos := c.prog.rid, s.At
	return func(t *eval.Thread, fr *frame) error {
		d, ty, err := name(t, fr)
		if err != nil {
			return err
		}
		req := eval.ScheduleRequest{Domain: d, Type: ty}
		if at != nil {
			if req.At, err = at(t, fr); err != nil {
				return err
			}
		}
		if repeat != nil {
			if req.Repeat, err = repeat(t, fr); err != nil {
				return err
			}
		}
		if req.Attrs, err = attrs(t, fr); err != nil {
			return err
		}
		if err := c.writable(t, pos); err != nil {
			return err
		}
		v, err := t.Host.Schedule(rid, req)
		if err != nil {
			return c.rtError(t, pos, err)
		}
		if slot >= 0 {
			fr.slots[slot] = v
		}
		return nil
	}
}

var logLevels = map[string]slog.Level{
	"error": slog.LevelError,
	"warn":  slog.LevelWarn,
	"info":  slog.LevelInfo,
	"debug": slog.LevelDebug,
}

func (c *compiler) log(sc *scope, s *ast.Log) execFn {
	f := c.expr(sc, s.Value).fn
	level := logLevels[s.Level]
	rid := c.prog.rid
	return func(t *eval.Thread, fr *frame) error {
		v, err := f(t, fr)
		if err != nil {
			return err
		}
		_, rule := t.Running()
		t.Logger().Log(t.Context(), level, logText(v), "rid", rid, "rule", rule)
		return nil
	}
}

// logText is how a logged value is written: a String as it is, anything else
// as JSON.
func logText(v value.Value) string {
	if v.Kind() == value.StringKind {
		return v.AsStr()
	}
	return value.Encode(v, 0)
}

func (c *compiler) errorStmt(sc *scope, s *ast.ErrorStmt) execFn {
	f := c.expr(sc, s.Value).fn
	rid, pos, level := c.prog.rid, s.At, s.Level
	return func(t *eval.Thread, fr *frame) error {
		v, err := f(t, fr)
		if err != nil {
			return err
		}
		if err := c.writable(t, pos); err != nil {
			return err
		}
		_, rule := t.Running()
		ruleV := value.Null
		if rule != "" {
			ruleV = value.Str(rule)
		}
		attrs := value.NewMapValue(
			[]string{"level", "data", "rid", "rule_name", "genus"},
			[]value.Value{value.Str(level), v, value.Str(rid), ruleV, value.Str("user")})
		if level == "error" {
			if err := t.Host.ClearSchedule(rid); err != nil {
				return c.rtError(t, pos, err)
			}
		}
		if err := t.Host.Raise(rid, eval.RaisedEvent{Domain: "system", Type: "error", Attrs: attrs, ForRID: rid}); err != nil {
			return c.rtError(t, pos, err)
		}
		if level == "error" {
			return errLast
		}
		return nil
	}
}
