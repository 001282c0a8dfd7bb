package krl

import (
	"time"

	"github.com/gopico/pico/krl/ast"
	"github.com/gopico/pico/krl/internal/compile"
	"github.com/gopico/pico/krl/value"
)

// Program is a compiled ruleset. It is immutable, holds no pico state and is
// safe for concurrent use: compile a ruleset once, then create an
// [Instance] per pico that installs it.
type Program struct {
	p     *compile.Program
	rules []*Rule
	uses  []Use
}

func newProgram(p *compile.Program) *Program {
	prog := &Program{p: p}
	for _, r := range p.Rules() {
		prog.rules = append(prog.rules, &Rule{r: r})
	}
	for _, u := range p.Uses() {
		prog.uses = append(prog.uses, Use{RID: u.RID, Alias: u.Alias, Pos: u.Pos, With: u.With})
	}
	return prog
}

// Use is one `use module RID [alias A] [with ...]` line.
type Use struct {
	RID   string   // the module's RID
	Alias string   // the domain the module is used under (the RID without alias)
	Pos   ast.Pos  // where the line is
	With  []string // the configure variables the line sets, in order
}

// RID returns the ruleset id.
func (p *Program) RID() string { return p.p.RID() }

// Rules returns the active rules in source order (inactive rules are not
// compiled).
func (p *Program) Rules() []*Rule { return p.rules }

// Rule returns the rule called name, or nil.
func (p *Program) Rule(name string) *Rule {
	for _, r := range p.rules {
		if r.Name() == name {
			return r
		}
	}
	return nil
}

// Shares returns the names the ruleset shares as queries, in order.
func (p *Program) Shares() []string { return p.p.Shares() }

// Provides returns the names the ruleset provides to users of it as a
// module, in order.
func (p *Program) Provides() []string { return p.p.Provides() }

// Uses returns the ruleset's `use module` lines in order: the modules its
// instances need, which [InitOptions].Modules supplies.
func (p *Program) Uses() []Use { return p.uses }

// Warnings returns what the compiler warned about (deprecated syntax,
// inactive rules, ignored clauses), sorted by position. See the Warn
// constants for the codes.
func (p *Program) Warnings() ErrorList { return p.p.Warnings() }

// Testing returns the generated __testing value: {"queries": [{"name",
// "args"}], "events": [{"domain", "name", "attrs"}]}. A global called
// __testing replaces it in queries.
func (p *Program) Testing() value.Value { return p.p.Testing() }

// CompileExpr compiles an expression that sees the ruleset's configure
// variables, globals and module aliases, for evaluation on its instances
// (as `krl eval --ruleset` does). It does not change the program.
func (p *Program) CompileExpr(e ast.Expr, opts ...CompileOption) (*Expr, error) {
	x, err := p.p.CompileExpr(e, options(opts))
	if err != nil {
		return nil, err
	}
	return &Expr{x: x, prog: p}, nil
}

// InitOptions are the inputs of [Program.Init].
type InitOptions struct {
	// Config is the configuration the ruleset was installed with, which
	// ctx:rid_config and meta:rulesetConfig read; null means {}.
	Config value.Value
	// With sets configure variables by name, overriding their `configure
	// using` defaults: the evaluated `with` of the user's `use module`.
	With map[string]value.Value
	// AsModule makes a module instance: its code sees no event or query
	// (event:* is null, meta:inEvent false).
	AsModule bool
	// Modules supplies the instance for each `use module` line; nil when
	// the ruleset uses none.
	Modules ModuleLoader
}

// ModuleLoader returns the module instance for one `use module` line of the
// ruleset being initialised. with holds the line's evaluated `with` values.
// The engine typically finds the module's Program among the rulesets
// installed on the pico and calls its Init with InitOptions{Config: its
// install config, With: with, AsModule: true, Modules: ...}, detecting
// cycles on the way.
type ModuleLoader func(t *Thread, use Use, with map[string]value.Value) (*Instance, error)

// Init creates the ruleset's instance on a pico: it evaluates the meta
// values, the configure variables and `use module` lines in order (loading
// and linking each module, which must provide every name the ruleset
// mentions), then the globals in order, then the rules' within limits.
// Globals are computed once here: entity variables or the clock read in a
// value global are a snapshot.
//
// t carries the context, limits and host (for entity variable reads) of the
// initialisation; it has no event.
func (p *Program) Init(t *Thread, opts InitOptions) (*Instance, error) {
	o := compile.InitOptions{Config: opts.Config, With: opts.With, AsModule: opts.AsModule}
	if opts.Modules != nil {
		o.Load = func(t *Thread, u *compile.Use, with map[string]value.Value) (*compile.Instance, error) {
			m, err := opts.Modules(t, Use{RID: u.RID, Alias: u.Alias, Pos: u.Pos, With: u.With}, with)
			if err != nil || m == nil {
				return nil, err
			}
			return m.in, nil
		}
	}
	in, err := p.p.Init(t, o)
	if err != nil {
		return nil, err
	}
	return &Instance{in: in, prog: p}, nil
}

// Instance is a [Program] initialised on one pico: the values of its
// configure variables and globals and its module instances. It does not
// change after Init, so an event and queries may use it at the same time,
// each on its own [Thread]. Event-expression state is not part of it: the
// event bus keeps that.
type Instance struct {
	in   *compile.Instance
	prog *Program
}

// Program returns the program the instance runs.
func (in *Instance) Program() *Program { return in.prog }

// Meta returns the value of the meta property key ("name", "description",
// "author" or "version"), null when absent.
func (in *Instance) Meta(key string) value.Value { return in.in.Meta(key) }

// Config returns the install configuration ({} when none was given).
func (in *Instance) Config() value.Value { return in.in.Config() }

// Global returns the value of a configure variable or global.
func (in *Instance) Global(name string) (value.Value, bool) { return in.in.Global(name) }

// Query answers the query name on t: a shared function is called with args
// matched to its parameters by name (unknown names ignored, missing ones
// null, so that defaults apply); a shared value is returned as it is;
// "__testing" is always answered. A name that is not shared returns an
// error wrapping [ErrQueryNotFound]. t should have Query set and no Event.
func (in *Instance) Query(t *Thread, name string, args map[string]value.Value) (value.Value, error) {
	return in.in.Query(t, name, args)
}

// TestPrim tests primitive event expression number prim of rule r (the
// numbering of [Rule.Prims]) against t.Event: each attribute's String form
// (missing "", null "null") against its regular expression, then the
// `where` clause with the primitive's setting variables bound. ok reports
// the match and captures holds the capture groups of all the attribute
// matches, in order (null for a group that did not take part).
//
// TestPrim does not compare t.Event's domain and type with the
// primitive's: the event bus does that first, because a mismatch leaves the
// state machine alone while a failed test resets it.
//
// For a `select where` rule, prim -1 (eventbus.SelectWherePrim) evaluates
// the condition as [Instance.SelectWhere] does, so that TestPrim can serve
// as the event bus's PrimTest for every rule.
func (in *Instance) TestPrim(t *Thread, r *Rule, prim int) (ok bool, captures []value.Value, err error) {
	return in.in.TestPrim(t, r.r, prim)
}

// SelectWhere evaluates the condition of a `select where` rule for t.Event;
// the rule is selected only when it is exactly true.
func (in *Instance) SelectWhere(t *Thread, r *Rule) (bool, error) {
	return in.in.SelectWhere(t, r.r)
}

// Within returns the limit of rule r's `within` clause, evaluated by Init;
// ok is false when the select has none.
func (in *Instance) Within(r *Rule) (d time.Duration, ok bool) {
	ms, ok := in.in.Within(r.r)
	return time.Duration(ms * float64(time.Millisecond)), ok
}

// Result is what running a rule did.
type Result struct {
	// Fired reports that the action block fired (its `if` held, or it has
	// none), in at least one foreach iteration.
	Fired bool
	// Last reports that `last` (or `error error`) ran: the ruleset's
	// remaining rules must be skipped for this event.
	Last bool
}

// Run runs the body of rule r, which the event bus selected for t.Event:
// each foreach iteration runs the prelude, the action block and the
// postlude. vars holds the select's setting and aggregator variables by
// name ([Rule.SelectVars]; missing ones are null). Side effects go to
// t.Host. A runtime error stops the rule at once.
func (in *Instance) Run(t *Thread, r *Rule, vars map[string]value.Value) (Result, error) {
	res, err := in.in.Run(t, r.r, vars)
	return Result{Fired: res.Fired, Last: res.Last}, err
}

// Rule is a compiled rule of a [Program].
type Rule struct {
	r *compile.Rule
}

// Name returns the rule's name.
func (r *Rule) Name() string { return r.r.Name() }

// Index returns the rule's position among the program's rules.
func (r *Rule) Index() int { return r.r.Index() }

// Pos returns the position of the rule in the source.
func (r *Rule) Pos() ast.Pos { return r.r.Node().At }

// Select returns the rule's select clause, which the event bus compiles into
// a state machine. For `select where` its Event is nil.
func (r *Rule) Select() *ast.Select { return r.r.Select() }

// Prims returns the primitive event expressions of the select in source
// order, which is the preorder of the event expression (the arguments of an
// operator in order; for `e between(a, b)`: e, a, b). [Instance.TestPrim]
// takes an index into it.
func (r *Rule) Prims() []*ast.EventPrim { return r.r.Prims() }

// SelectVars returns the names of the select's setting and aggregator
// variables, the keys of [Instance.Run]'s vars.
func (r *Rule) SelectVars() []string { return r.r.SelectVars() }

// Expr is a compiled expression (see [CompileExpr], [Program.CompileExpr]).
// It is immutable and safe for concurrent use.
type Expr struct {
	x    *compile.Expr
	prog *Program // nil for CompileExpr
}

// Eval evaluates the expression on t. in is an instance of the program the
// expression was compiled for; it may be nil for [CompileExpr] expressions
// and for programs without configure variables, globals or modules.
func (x *Expr) Eval(t *Thread, in *Instance) (value.Value, error) {
	if in == nil {
		return x.x.Eval(t, nil)
	}
	return x.x.Eval(t, in.in)
}
