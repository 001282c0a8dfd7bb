package parse

import (
	"fmt"
	"strings"

	"github.com/antlr4-go/antlr/v4"

	"github.com/gopico/pico/krl/ast"
	"github.com/gopico/pico/krl/internal/diag"
	"github.com/gopico/pico/krl/internal/gen"
)

// builder turns a parse tree into krl/ast nodes, decoding literals and
// checking what the grammar leaves to it (see the checks named in the
// methods). It collects errors and keeps going.
//
// It reads the contexts through the labels of the grammar only, never
// through their children: the fast parse builds no parse tree.
type builder struct {
	filename string
	tokens   *gen.TokenStream
	errs     diag.ErrorList
}

// timePeriods are the units accepted after `within EXPR`.
var timePeriods = []string{"second", "seconds", "minute", "minutes", "hour", "hours",
	"day", "days", "week", "weeks", "month", "months", "year", "years"}

// text returns the text of ctx, a rule that matches one token (a name).
func text(ctx antlr.ParserRuleContext) string {
	return ctx.GetStart().GetText()
}

func (b *builder) ident(ctx antlr.ParserRuleContext) *ast.Ident {
	if ctx == nil {
		return nil
	}
	// Names are one token.
	tok := ctx.GetStart()
	return &ast.Ident{At: b.pos(tok), Name: tok.GetText()}
}

func (b *builder) nameList(ctx gen.INameListContext) []*ast.Ident {
	if ctx == nil {
		return nil
	}
	names := ctx.(*gen.NameListContext).GetNames()
	out := make([]*ast.Ident, len(names))
	for i, n := range names {
		out[i] = b.ident(n)
	}
	return out
}

// ---------------------------------------------------------------------------
// Ruleset structure

func (b *builder) ruleset(ctx gen.IRulesetContext) *ast.Ruleset {
	c := ctx.(*gen.RulesetContext)
	rid := b.rid(c.GetId())
	rs := &ast.Ruleset{At: b.pos(c.GetStart()), RID: rid.Value, RIDPos: rid.At}
	if v := c.GetVersion(); v != nil {
		rs.Version = b.stringLit(v)
	}
	if m := c.GetM(); m != nil {
		rs.Meta = b.meta(m.(*gen.MetaContext))
	}
	if g := c.GetG(); g != nil {
		rs.Global = b.decls(g.(*gen.GlobalContext).GetDecls())
	}
	for _, r := range c.GetRules() {
		rs.Rules = append(rs.Rules, b.rule(r.(*gen.RuleContext)))
	}
	return rs
}

// rid builds a ruleset id and checks that no space separates its parts.
func (b *builder) rid(ctx gen.IRidContext) *ast.RID {
	c := ctx.(*gen.RidContext)
	words, seps := c.GetWords(), c.GetSeps()
	var sb strings.Builder
	var prev antlr.Token
	add := func(tok antlr.Token) {
		if prev != nil && tok.GetStart() != prev.GetStop()+1 {
			b.errorf(tok, diag.CodeRulesetID, "a ruleset id cannot contain spaces")
		}
		sb.WriteString(tok.GetText())
		prev = tok
	}
	for i, w := range words {
		if i > 0 {
			add(seps[i-1])
		}
		add(w.GetStart())
	}
	return &ast.RID{At: b.pos(c.GetStart()), Value: sb.String()}
}

func (b *builder) meta(c *gen.MetaContext) *ast.Meta {
	m := &ast.Meta{At: b.pos(c.GetStart()), Props: []ast.MetaProp{}}
	for _, p := range c.GetProps() {
		if prop := b.metaProp(p); prop != nil {
			m.Props = append(m.Props, prop)
		}
	}
	return m
}

func (b *builder) metaProp(ctx gen.IMetaPropContext) ast.MetaProp {
	at := b.pos(ctx.GetStart())
	switch c := ctx.(type) {
	case *gen.MetaValueContext:
		return &ast.MetaValue{At: at, Key: c.GetKey().GetText(), Value: b.expr(c.GetV())}
	case *gen.MetaLoggingContext:
		v := text(c.GetN())
		if v != "on" && v != "off" {
			b.errorf(c.GetN().GetStart(), diag.CodeClause, "expected `on` or `off` after `logging`, found `%s`", v)
		}
		return &ast.MetaLogging{At: at, On: v == "on"}
	case *gen.MetaKeyContext:
		return &ast.MetaKey{At: at, Name: b.ident(c.GetN()), Value: b.expr(c.GetV())}
	case *gen.MetaUseContext:
		u := &ast.MetaUse{At: at, RID: b.rid(c.GetR())}
		if a := c.GetAlias(); a != nil {
			u.Alias = b.ident(a)
		}
		if d := c.GetDecls(); len(d) > 0 {
			u.With = b.decls(d)
		}
		return u
	case *gen.MetaErrorsContext:
		return &ast.MetaErrorsTo{At: at, RID: b.rid(c.GetR())}
	case *gen.MetaConfigureContext:
		return &ast.MetaConfigure{At: at, Decls: b.decls(c.GetDecls())}
	case *gen.MetaProvidesKeysContext:
		p := &ast.MetaProvidesKeys{At: at, Keys: b.nameList(c.GetNames())}
		for _, r := range c.GetRids() {
			p.To = append(p.To, b.rid(r))
		}
		return p
	case *gen.MetaProvidesContext:
		return &ast.MetaProvides{At: at, Names: b.nameList(c.GetNames())}
	case *gen.MetaSharesContext:
		return &ast.MetaShares{At: at, Names: b.nameList(c.GetNames())}
	}
	panic(fmt.Sprintf("parse: unknown meta property %T", ctx))
}

func (b *builder) decls(ctxs []gen.IDeclContext) []*ast.Decl {
	out := make([]*ast.Decl, len(ctxs))
	for i, d := range ctxs {
		out[i] = b.decl(d)
	}
	return out
}

func (b *builder) decl(ctx gen.IDeclContext) *ast.Decl {
	c := ctx.(*gen.DeclContext)
	return &ast.Decl{At: b.pos(c.GetStart()), Name: b.ident(c.GetN()), Value: b.expr(c.GetV())}
}

// ---------------------------------------------------------------------------
// Rules

func (b *builder) rule(c *gen.RuleContext) *ast.Rule {
	r := &ast.Rule{At: b.pos(c.GetStart()), Name: b.ident(c.GetN())}
	if st := c.GetState(); st != nil && st.GetTokenType() == gen.KRLLexerINACTIVE {
		r.Inactive = true
	}
	if s := c.GetSel(); s != nil {
		r.Select = b.selectClause(s)
	}
	for _, f := range c.GetLoops() {
		fc := f.(*gen.ForeachContext)
		r.Foreach = append(r.Foreach, &ast.Foreach{At: b.pos(fc.GetStart()), Expr: b.expr(fc.GetE()), Setting: b.nameList(fc.GetNames())})
	}
	if p := c.GetPrelude(); p != nil {
		r.Pre = b.decls(p.(*gen.PreContext).GetDecls())
	}
	if a := c.GetAct(); a != nil {
		r.Action = b.actionBlock(a.(*gen.ActionBlockContext))
	}
	if p := c.GetPost(); p != nil {
		r.Postlude = b.postlude(p.(*gen.PostludeContext))
	}
	return r
}

func (b *builder) selectClause(ctx gen.ISelectContext) *ast.Select {
	c := ctx.(*gen.SelectContext)
	at := b.pos(c.GetStart())
	if w := c.GetWhere(); w != nil {
		return &ast.Select{At: at, Where: b.expr(w)}
	}
	s := &ast.Select{At: at, Event: b.eventExpr(c.GetEv())}
	if within := c.GetWithin(); within != nil {
		unit := text(c.GetUnit())
		if !contains(timePeriods, unit) {
			b.errorf(c.GetUnit().GetStart(), diag.CodeClause, "expected a time period (%s), found `%s`", strings.Join(timePeriods, ", "), unit)
		}
		s.Within = &ast.Within{At: b.pos(within), Expr: b.expr(c.GetWexpr()), Unit: unit}
	}
	return s
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ---------------------------------------------------------------------------
// Event expressions

func (b *builder) eventExpr(ctx gen.IEventExprContext) ast.EventExpr {
	switch c := ctx.(type) {
	case *gen.EventParenContext:
		return b.eventExpr(c.GetInner())
	case *gen.EventPrimaryContext:
		return b.eventPrim(c.GetEp().(*gen.EventPrimContext))
	case *gen.EventVariadicContext:
		op := &ast.EventOp{At: b.pos(c.GetOp()), Op: c.GetOp().GetText(), Variadic: true}
		for _, e := range c.GetArgs() {
			op.Args = append(op.Args, b.eventExpr(e))
		}
		return op
	case *gen.EventAnyContext:
		a := &ast.EventAny{At: b.pos(c.GetStart()), N: b.count(c.GetN())}
		for _, e := range c.GetArgs() {
			a.Args = append(a.Args, b.eventExpr(e))
		}
		return a
	case *gen.EventGroupContext:
		g := &ast.EventGroup{At: b.pos(c.GetOp()), Op: c.GetOp().GetText(), N: b.count(c.GetN()),
			Event: b.eventPrim(c.GetEp().(*gen.EventPrimContext))}
		if a := c.GetAgg(); a != nil {
			ac := a.(*gen.AggregatorContext)
			g.Aggregate = &ast.Aggregate{At: b.pos(ac.GetOp()), Op: ac.GetOp().GetText(), Vars: b.nameList(ac.GetNames())}
		}
		return g
	case *gen.EventBetweenContext:
		at := c.GetBetween()
		if c.GetNot() != nil {
			at = c.GetNot()
		}
		return &ast.EventBetween{At: b.pos(at), Not: c.GetNot() != nil,
			Event: b.eventExpr(c.GetEv()), Start: b.eventExpr(c.GetLo()), End: b.eventExpr(c.GetHi())}
	case *gen.EventSeqContext:
		return b.eventInfix(c.GetOp(), c.GetL(), c.GetR())
	case *gen.EventAndContext:
		return b.eventInfix(c.GetOp(), c.GetL(), c.GetR())
	case *gen.EventOrContext:
		return b.eventInfix(c.GetOp(), c.GetL(), c.GetR())
	}
	panic(fmt.Sprintf("parse: unknown event expression %T", ctx))
}

func (b *builder) eventInfix(op antlr.Token, l, r gen.IEventExprContext) ast.EventExpr {
	return &ast.EventOp{At: b.pos(op), Op: op.GetText(), Args: []ast.EventExpr{b.eventExpr(l), b.eventExpr(r)}}
}

// count decodes the N of `any N`, `count N` and `repeat N`, which must be a
// positive integer literal.
func (b *builder) count(tok antlr.Token) int {
	text := tok.GetText()
	n := 0
	for _, c := range text {
		if c < '0' || c > '9' || n > 1<<30 {
			b.errorf(tok, diag.CodeLiteral, "expected a positive integer, found %s", text)
			return 0
		}
		n = n*10 + int(c-'0')
	}
	if n == 0 {
		b.errorf(tok, diag.CodeLiteral, "expected a positive integer, found %s", text)
	}
	return n
}

func (b *builder) eventPrim(c *gen.EventPrimContext) *ast.EventPrim {
	p := &ast.EventPrim{At: b.pos(c.GetStart()), Domain: b.ident(c.GetDomain()), Type: b.ident(c.GetType_())}
	for _, m := range c.GetAttrs() {
		mc := m.(*gen.AttrMatchContext)
		p.Attrs = append(p.Attrs, &ast.AttrMatch{At: b.pos(mc.GetStart()), Name: b.ident(mc.GetW()), Regex: b.regex(mc.GetRe())})
	}
	if nl := c.GetNames(); nl != nil {
		p.Setting = b.nameList(nl)
	}
	if w := c.GetWhere(); w != nil {
		p.Where = b.expr(c.GetWexpr())
		p.WhereFirst = c.GetSetting() != nil && w.GetTokenIndex() < c.GetSetting().GetTokenIndex()
	}
	return p
}

// ---------------------------------------------------------------------------
// Actions

func (b *builder) actionBlock(c *gen.ActionBlockContext) *ast.ActionBlock {
	a := &ast.ActionBlock{At: b.pos(c.GetStart())}
	if cond := c.GetCond(); cond != nil {
		a.Cond = b.expr(cond)
	}
	if k := c.GetKind(); k != nil {
		a.Kind = k.GetText()
		a.Actions = []*ast.Action{}
	}
	if ce := c.GetChoose(); ce != nil {
		a.Choose = b.chooseExpr(ce.(*gen.ChooseExprContext))
	}
	for _, ac := range c.GetActions() {
		a.Actions = append(a.Actions, b.action(ac.(*gen.ActionContext)))
	}
	if sc := c.GetSolo(); sc != nil {
		a.Actions = []*ast.Action{b.soloAction(sc.(*gen.SoloActionContext))}
	}
	return a
}

func (b *builder) soloAction(c *gen.SoloActionContext) *ast.Action {
	a := &ast.Action{At: b.pos(c.GetStart()), Args: b.args(c.GetArgs())}
	if l := c.GetLabel(); l != nil {
		a.Label = b.ident(l)
	}
	if n := c.GetN(); n != nil {
		a.Domain = b.ident(c.GetFirst())
		a.Name = b.ident(n)
	} else {
		a.Name = b.ident(c.GetFirst())
	}
	a.Setting = b.actionSetting(c.GetNames())
	return a
}

// actionSetting returns the variable of an action's `setting(v)`.
func (b *builder) actionSetting(nl gen.INameListContext) *ast.Ident {
	if nl == nil {
		return nil
	}
	vars := b.nameList(nl)
	if len(vars) > 1 {
		b.errorf(nl.(*gen.NameListContext).GetNames()[1].GetStart(), diag.CodeClause, "an action sets one variable at most")
	}
	return vars[0]
}

// chooseExpr builds the value a choose switches on: a name, a literal or a
// primary, called any number of times.
func (b *builder) chooseExpr(c *gen.ChooseExprContext) ast.Expr {
	var e ast.Expr
	switch {
	case c.GetP() != nil:
		e = b.primary(c.GetP())
	case c.GetLit() != nil:
		e = b.leaf(c.GetLit(), nil)
	default:
		e = b.leaf(c.GetId().GetStart(), c.GetN())
	}
	args := c.GetArgs()
	for _, lp := range c.GetCalls() {
		call := &ast.Call{At: b.pos(lp), Fn: e, Args: []*ast.Arg{}}
		// The argument list of a call, if any, starts right after its `(`.
		if len(args) > 0 && args[0].GetStart().GetTokenIndex() == lp.GetTokenIndex()+1 {
			call.Args = b.args(args[0])
			args = args[1:]
		}
		e = call
	}
	return e
}

func (b *builder) action(c *gen.ActionContext) *ast.Action {
	a := &ast.Action{At: b.pos(c.GetStart()), Args: b.args(c.GetArgs())}
	if l := c.GetLabel(); l != nil {
		a.Label = b.ident(l)
	}
	an := c.GetAn().(*gen.ActionNameContext)
	if n := an.GetN(); n != nil {
		a.Domain = b.ident(an.GetDom())
		a.Name = b.ident(n)
	} else {
		a.Name = b.ident(an.GetDom())
	}
	a.Setting = b.actionSetting(c.GetNames())
	return a
}

// ---------------------------------------------------------------------------
// Postludes

func (b *builder) postlude(c *gen.PostludeContext) *ast.Postlude {
	p := &ast.Postlude{At: b.pos(c.GetKind()), Kind: c.GetKind().GetText()}
	switch p.Kind {
	case "always":
		p.Always = b.block(c.GetMain())
		return p
	case "fired":
		p.Fired = b.block(c.GetMain())
	default:
		p.NotFired = b.block(c.GetMain())
	}
	if alt := c.GetAlt(); alt != nil {
		p.Else = true
		if p.Kind == "fired" {
			p.NotFired = b.block(alt)
		} else {
			p.Fired = b.block(alt)
		}
	}
	if fin := c.GetFin(); fin != nil {
		p.Finally = true
		p.Always = b.block(fin)
	}
	return p
}

func (b *builder) block(ctx gen.IBlockContext) []ast.Stmt {
	stmts := ctx.(*gen.BlockContext).GetStmts()
	out := make([]ast.Stmt, 0, len(stmts))
	for _, s := range stmts {
		out = append(out, b.statement(s.(*gen.StatementContext)))
	}
	return out
}

func (b *builder) statement(c *gen.StatementContext) ast.Stmt {
	var g ast.Guard
	if c.GetOn() != nil {
		g.OnFinal = true
	} else if cond := c.GetCond(); cond != nil {
		g.If = b.expr(cond)
	}
	core := c.GetCore()
	at := b.pos(core.GetStart())
	switch s := core.(type) {
	case *gen.ClearStmtContext:
		st := &ast.Clear{At: at, Domain: b.ident(s.GetDom()), Name: b.ident(s.GetN()), Guard: g}
		if path := s.GetPath(); path != nil {
			st.Path = b.expr(path)
		}
		return st
	case *gen.RaiseStmtContext:
		st := &ast.Raise{At: at, Guard: g}
		if d := s.GetDom(); d != nil {
			st.Domain = b.ident(d)
		}
		st.Type = b.optExpr(s.GetEvType())
		st.For = b.optExpr(s.GetForExpr())
		st.Attributes = b.optExpr(s.GetAttrs())
		return st
	case *gen.ScheduleStmtContext:
		st := &ast.Schedule{At: at, Guard: g}
		if d := s.GetDom(); d != nil {
			st.Domain = b.ident(d)
		}
		if v := s.GetSetting(); v != nil {
			st.Setting = b.ident(v)
		}
		st.Type = b.optExpr(s.GetEvType())
		st.AtTime = b.optExpr(s.GetAtExpr())
		st.Repeat = b.optExpr(s.GetRepeatExpr())
		st.Attributes = b.optExpr(s.GetAttrs())
		return st
	case *gen.LogStmtContext:
		level := text(s.GetLevel())
		switch level {
		case "error", "warn", "info", "debug":
		default:
			b.errorf(s.GetLevel().GetStart(), diag.CodeClause, "expected `error`, `warn`, `info` or `debug`, found `%s`", level)
		}
		if s.GetKw().GetTokenType() == gen.KRLLexerLOG {
			return &ast.Log{At: at, Level: level, Value: b.expr(s.GetV()), Guard: g}
		}
		return &ast.ErrorStmt{At: at, Level: level, Value: b.expr(s.GetV()), Guard: g}
	case *gen.LastStmtContext:
		return &ast.Last{At: at, Guard: g}
	case *gen.EntAssignStmtContext:
		st := &ast.EntAssign{At: at, Domain: b.ident(s.GetDom()), Name: b.ident(s.GetN()), Guard: g}
		if path := s.GetPath(); path != nil {
			st.Path = b.expr(path)
		}
		st.Value = b.expr(s.GetV())
		return st
	case *gen.DeclStmtContext:
		return &ast.DeclStmt{At: at, Decl: b.decl(s.GetD()), Guard: g}
	}
	panic(fmt.Sprintf("parse: unknown statement %T", core))
}

// optExpr builds ctx, an optional part of a statement.
func (b *builder) optExpr(ctx gen.IExprContext) ast.Expr {
	if ctx == nil {
		return nil
	}
	return b.expr(ctx)
}
