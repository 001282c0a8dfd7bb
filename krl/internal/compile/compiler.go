package compile

import (
	"fmt"
	"slices"
	"sync"

	"github.com/gopico/pico/krl/ast"
	"github.com/gopico/pico/krl/internal/diag"
	"github.com/gopico/pico/krl/value"
)

// Options configure a compilation. The zero value is the default.
type Options struct {
	// HostModules, when non-nil, lists the domains of the host's native
	// modules; any other domain that is neither built in nor a `use module`
	// alias is then a compile error. When nil, unknown domains are looked up
	// in the host at run time.
	HostModules []string
	// MaxErrors caps the number of errors reported (default 50).
	MaxErrors int
}

// metaKeys are the value properties of the meta block, in Instance.meta order.
var metaKeys = []string{"name", "description", "author", "version"}

// Program is a compiled ruleset. It is immutable and safe for concurrent use.
type Program struct {
	rid      string
	lv       *level // the ruleset level (configure variables, globals)
	scope    *scope // the ruleset scope as it is after the globals
	meta     [4]evalFn
	setup    []setupStep
	uses     []*Use
	modRefs  []modRef
	globals  []declCode
	shares   []string
	provides []string
	rules    []*Rule
	testing  value.Value // the generated __testing value
	warnings diag.ErrorList
}

// Use is one `use module` of a program.
type Use struct {
	RID   string
	Alias string
	Pos   ast.Pos
	With  []string // names given by `with`, in order
}

// setupStep is one configure variable or one `use module`, evaluated in
// meta order before the globals.
type setupStep struct {
	// configure variable
	name string
	slot int
	dflt evalFn
	// use module (use >= 0)
	use  int
	with []evalFn
}

// modRef is one `alias:name` the program mentions; Init resolves it in the
// module instance.
type modRef struct {
	use  int
	name string
	pos  ast.Pos
}

// compiler holds the state of one compilation.
type compiler struct {
	prog    *Program
	opts    Options
	errs    diag.ErrorList
	aliases map[string]int // alias → index in prog.uses
	refs    map[modRef]int // (use, name) → index in prog.modRefs (pos ignored)
	testing *testingInfo
	// exprMode is set when compiling an expression after the program
	// (Program.CompileExpr): module members are then looked up at run time.
	exprMode bool
}

func (c *compiler) errorf(pos ast.Pos, code, format string, args ...any) {
	max := c.opts.MaxErrors
	if max <= 0 {
		max = 50
	}
	if len(c.errs) > max {
		return
	}
	if len(c.errs) == max {
		c.errs = append(c.errs, &diag.Error{Pos: pos, Code: CodeTooMany, Msg: "too many errors"})
		return
	}
	c.errs = append(c.errs, &diag.Error{Pos: pos, Code: code, Msg: fmt.Sprintf(format, args...)})
}

func (c *compiler) warnf(pos ast.Pos, code, format string, args ...any) {
	c.prog.warnings = append(c.prog.warnings, &diag.Error{Pos: pos, Code: code, Msg: fmt.Sprintf(format, args...)})
}

func (c *compiler) aliasNames() []string { return sortedKeys(c.aliases) }

// modRef returns the index of the reference alias:name, adding it.
func (c *compiler) modRef(use int, name string, pos ast.Pos) int {
	key := modRef{use: use, name: name}
	if k, ok := c.refs[key]; ok {
		return k
	}
	k := len(c.prog.modRefs)
	c.refs[key] = k
	c.prog.modRefs = append(c.prog.modRefs, modRef{use: use, name: name, pos: pos})
	return k
}

// rootScope is the scope of the predeclared names: every stdlib operator,
// send_directive, noop and __testing. It is built once and never changed.
var rootScope = sync.OnceValue(newRootScope)

func newRootScope() *scope {
	root := newScope(nil, nil)
	for _, name := range operatorNames() {
		if f, ok := operator(name); ok {
			root.names[name] = &binding{name: name, kind: bindConst, val: value.NewFunc(f), typ: funcType(f), params: f.Params}
		}
	}
	root.names["send_directive"] = &binding{name: "send_directive", kind: bindConst, val: sendDirective, typ: "Action", params: []string{"name", "options"}}
	root.names["noop"] = &binding{name: "noop", kind: bindConst, val: noop, typ: "ActionFunction"}
	root.names["__testing"] = &binding{name: "__testing", kind: bindTesting, typ: "Map"}
	return root
}

func funcType(f *value.Func) string {
	switch {
	case f.Both:
		return "ActionFunction"
	case f.Action:
		return "Action"
	}
	return "Function"
}

// Compile compiles a ruleset. On failure it returns the errors as a sorted
// diag.ErrorList.
func Compile(rs *ast.Ruleset, opts Options) (*Program, error) {
	c := &compiler{
		prog:    &Program{rid: rs.RID},
		opts:    opts,
		aliases: map[string]int{},
		refs:    map[modRef]int{},
		testing: &testingInfo{},
	}
	lv := &level{}
	c.prog.lv = lv
	sc := newScope(rootScope(), lv)
	c.prog.scope = sc

	c.meta(sc, rs)
	c.prog.globals = c.declBlock(sc, rs.Global)
	c.rules(rs)
	c.exports(sc, rs)
	c.prog.testing = c.testing.value(c.prog, sc)

	c.prog.warnings.Sort()
	if len(c.errs) > 0 {
		c.errs.Sort()
		return nil, c.errs
	}
	return c.prog, nil
}

// meta compiles the meta block: the value properties first (they see only
// the predeclared names), then configure variables and `use module` lines in
// order, so that `with` expressions see the configure variables above them.
func (c *compiler) meta(sc *scope, rs *ast.Ruleset) {
	var props []ast.MetaProp
	if rs.Meta != nil {
		props = rs.Meta.Props
	}
	if rs.Version != nil {
		c.warnf(rs.Version.At, WarnVersion, "ruleset{version ...} is deprecated: use ruleset{meta{version ...}} instead")
		props = append(slices.Clone(props), &ast.MetaValue{At: rs.Version.At, Key: "version", Value: rs.Version})
	}
	for _, p := range props {
		if mv, ok := p.(*ast.MetaValue); ok {
			i := slices.Index(metaKeys, mv.Key)
			if i < 0 {
				c.errorf(mv.At, CodeUnsupported, "unsupported meta key: %s", mv.Key)
				continue
			}
			if c.prog.meta[i] != nil {
				c.errorf(mv.At, CodeMetaDuplicate, "only 1 meta.%s allowed", mv.Key)
				continue
			}
			c.prog.meta[i] = c.expr(sc, mv.Value).fn
		}
	}
	for _, p := range props {
		switch p := p.(type) {
		case *ast.MetaValue:
		case *ast.MetaLogging:
			c.warnf(p.At, WarnLogging, "deprecated: meta.logging is no longer needed, logging is always on")
		case *ast.MetaShares:
			for _, id := range p.Names {
				if !slices.Contains(c.prog.shares, id.Name) {
					c.prog.shares = append(c.prog.shares, id.Name)
				}
			}
		case *ast.MetaProvides:
			for _, id := range p.Names {
				if !slices.Contains(c.prog.provides, id.Name) {
					c.prog.provides = append(c.prog.provides, id.Name)
				}
			}
		case *ast.MetaProvidesKeys:
			c.errorf(p.At, CodeUnsupported, "meta property not supported: provides keys")
		case *ast.MetaKey:
			c.errorf(p.At, CodeUnsupported, "meta property not supported: key")
		case *ast.MetaErrorsTo:
			c.errorf(p.At, CodeUnsupported, "meta property not supported: errors to")
		case *ast.MetaConfigure:
			seen := map[string]bool{}
			for _, d := range p.Decls {
				if seen[d.Name.Name] {
					c.errorf(d.Name.At, CodeDuplicateDecl, "duplicate declaration: %s", d.Name.Name)
				}
				seen[d.Name.Name] = true
				x := c.expr(sc, d.Value)
				b := sc.declare(d.Name.Name, d.Name.At)
				b.typ = declType(x)
				c.prog.setup = append(c.prog.setup, setupStep{name: d.Name.Name, slot: b.slot, dflt: x.fn, use: -1})
			}
		case *ast.MetaUse:
			c.use(sc, p)
		default:
			c.errorf(p.Pos(), CodeInternal, "unsupported meta property %T", p)
		}
	}
}

func (c *compiler) use(sc *scope, p *ast.MetaUse) {
	u := &Use{RID: p.RID.Value, Alias: p.RID.Value, Pos: p.At}
	if p.Alias != nil {
		u.Alias = p.Alias.Name
	}
	if _, dup := c.aliases[u.Alias]; dup {
		c.errorf(p.At, CodeDuplicateAlias, "duplicate module alias: %s", u.Alias)
		return
	}
	step := setupStep{use: len(c.prog.uses)}
	seen := map[string]bool{}
	for _, d := range p.With {
		if seen[d.Name.Name] {
			c.errorf(d.Name.At, CodeDuplicateDecl, "duplicate declaration: %s", d.Name.Name)
		}
		seen[d.Name.Name] = true
		u.With = append(u.With, d.Name.Name)
		step.with = append(step.with, c.expr(sc, d.Value).fn)
	}
	c.aliases[u.Alias] = len(c.prog.uses)
	c.prog.uses = append(c.prog.uses, u)
	c.prog.setup = append(c.prog.setup, step)
}

// exports checks `shares` and `provides`: each name must be a configure
// variable or a global, and no shared name may be an action.
func (c *compiler) exports(sc *scope, rs *ast.Ruleset) {
	pos := func(name string, shares bool) ast.Pos {
		if rs.Meta == nil {
			return rs.At
		}
		for _, p := range rs.Meta.Props {
			var ids []*ast.Ident
			switch p := p.(type) {
			case *ast.MetaShares:
				if shares {
					ids = p.Names
				}
			case *ast.MetaProvides:
				if !shares {
					ids = p.Names
				}
			}
			for _, id := range ids {
				if id.Name == name {
					return id.At
				}
			}
		}
		return rs.At
	}
	for _, name := range c.prog.shares {
		b := sc.names[name]
		if b == nil {
			if name == "__testing" {
				continue
			}
			c.errorf(pos(name, true), CodeShareUndefined, "trying to share %s but it is not defined in global", name)
			continue
		}
		if b.typ == "Action" {
			c.errorf(pos(name, true), CodeShareAction, "actions must not be shared: %s", name)
		}
	}
	for _, name := range c.prog.provides {
		if sc.names[name] == nil {
			c.errorf(pos(name, false), CodeProvideUndefined, "trying to provide %s but it is not defined in global", name)
		}
	}
}
