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
type builder struct {
	filename string
	src      []byte
	byteAt   []int32 // rune offset -> byte offset; nil for ASCII sources
	errs     diag.ErrorList
}

// timePeriods are the units accepted after `within EXPR`.
var timePeriods = []string{"second", "seconds", "minute", "minutes", "hour", "hours",
	"day", "days", "week", "weeks", "month", "months", "year", "years"}

func (b *builder) ident(ctx antlr.ParserRuleContext) *ast.Ident {
	if ctx == nil {
		return nil
	}
	// Names are one token; its text avoids walking the context's subtree.
	return &ast.Ident{At: b.pos(ctx.GetStart()), Name: ctx.GetStart().GetText()}
}

func (b *builder) nameList(ctx gen.INameListContext) []*ast.Ident {
	if ctx == nil {
		return nil
	}
	names := ctx.AllName()
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
	rid := b.rid(c.Rid())
	rs := &ast.Ruleset{At: b.pos(c.GetStart()), RID: rid.Value, RIDPos: rid.At}
	if c.VERSION() != nil {
		rs.Version = b.stringLit(c.STRING().GetSymbol())
	}
	if m := c.Meta(); m != nil {
		rs.Meta = b.meta(m.(*gen.MetaContext))
	}
	if g := c.Global(); g != nil {
		rs.Global = b.decls(g.AllDecl())
	}
	for _, r := range c.AllRule_() {
		rs.Rules = append(rs.Rules, b.rule(r.(*gen.RuleContext)))
	}
	return rs
}

// rid builds a ruleset id and checks that no space separates its parts.
func (b *builder) rid(ctx gen.IRidContext) *ast.RID {
	c := ctx.(*gen.RidContext)
	var sb strings.Builder
	var prev antlr.Token
	for _, ch := range c.GetChildren() {
		var tok antlr.Token
		switch ch := ch.(type) {
		case antlr.TerminalNode:
			tok = ch.GetSymbol()
		case antlr.ParserRuleContext:
			tok = ch.GetStart()
		default:
			continue
		}
		if prev != nil && tok.GetStart() != prev.GetStop()+1 {
			b.errorf(tok, diag.CodeRulesetID, "a ruleset id cannot contain spaces")
		}
		sb.WriteString(tok.GetText())
		prev = tok
	}
	return &ast.RID{At: b.pos(c.GetStart()), Value: sb.String()}
}

func (b *builder) meta(c *gen.MetaContext) *ast.Meta {
	m := &ast.Meta{At: b.pos(c.GetStart()), Props: []ast.MetaProp{}}
	for _, p := range c.AllMetaProp() {
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
		return &ast.MetaValue{At: at, Key: c.GetKey().GetText(), Value: b.expr(c.Expr())}
	case *gen.MetaLoggingContext:
		v := c.Name().GetText()
		if v != "on" && v != "off" {
			b.errorf(c.Name().GetStart(), diag.CodeClause, "expected `on` or `off` after `logging`, found `%s`", v)
		}
		return &ast.MetaLogging{At: at, On: v == "on"}
	case *gen.MetaKeyContext:
		return &ast.MetaKey{At: at, Name: b.ident(c.Name()), Value: b.expr(c.Expr())}
	case *gen.MetaUseContext:
		u := &ast.MetaUse{At: at, RID: b.rid(c.Rid())}
		if c.ALIAS() != nil {
			u.Alias = b.ident(c.Name())
		}
		if c.WITH() != nil {
			u.With = b.decls(c.AllDecl())
		}
		return u
	case *gen.MetaErrorsContext:
		return &ast.MetaErrorsTo{At: at, RID: b.rid(c.Rid())}
	case *gen.MetaConfigureContext:
		return &ast.MetaConfigure{At: at, Decls: b.decls(c.AllDecl())}
	case *gen.MetaProvidesKeysContext:
		p := &ast.MetaProvidesKeys{At: at, Keys: b.nameList(c.NameList())}
		for _, r := range c.AllRid() {
			p.To = append(p.To, b.rid(r))
		}
		return p
	case *gen.MetaProvidesContext:
		return &ast.MetaProvides{At: at, Names: b.nameList(c.NameList())}
	case *gen.MetaSharesContext:
		return &ast.MetaShares{At: at, Names: b.nameList(c.NameList())}
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
	return &ast.Decl{At: b.pos(c.GetStart()), Name: b.ident(c.Name()), Value: b.expr(c.Expr())}
}

// ---------------------------------------------------------------------------
// Rules

func (b *builder) rule(c *gen.RuleContext) *ast.Rule {
	r := &ast.Rule{At: b.pos(c.GetStart()), Name: b.ident(c.Name())}
	if st := c.GetState(); st != nil && st.GetTokenType() == gen.KRLLexerINACTIVE {
		r.Inactive = true
	}
	if s := c.Select_(); s != nil {
		r.Select = b.selectClause(s)
	}
	for _, f := range c.AllForeach() {
		fc := f.(*gen.ForeachContext)
		r.Foreach = append(r.Foreach, &ast.Foreach{At: b.pos(fc.GetStart()), Expr: b.expr(fc.Expr()), Setting: b.nameList(fc.NameList())})
	}
	if p := c.Pre(); p != nil {
		r.Pre = b.decls(p.AllDecl())
	}
	if a := c.ActionBlock(); a != nil {
		r.Action = b.actionBlock(a.(*gen.ActionBlockContext))
	}
	if p := c.Postlude(); p != nil {
		r.Postlude = b.postlude(p.(*gen.PostludeContext))
	}
	return r
}

func (b *builder) selectClause(ctx gen.ISelectContext) *ast.Select {
	c := ctx.(*gen.SelectContext)
	at := b.pos(c.GetStart())
	if c.WHERE() != nil {
		return &ast.Select{At: at, Where: b.expr(c.Expr())}
	}
	s := &ast.Select{At: at, Event: b.eventExpr(c.EventExpr())}
	if c.WITHIN() != nil {
		unit := c.Name().GetText()
		if !contains(timePeriods, unit) {
			b.errorf(c.Name().GetStart(), diag.CodeClause, "expected a time period (%s), found `%s`", strings.Join(timePeriods, ", "), unit)
		}
		s.Within = &ast.Within{At: b.pos(c.WITHIN().GetSymbol()), Expr: b.expr(c.Expr()), Unit: unit}
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
		return b.eventExpr(c.EventExpr())
	case *gen.EventPrimaryContext:
		return b.eventPrim(c.EventPrim().(*gen.EventPrimContext))
	case *gen.EventVariadicContext:
		op := &ast.EventOp{At: b.pos(c.GetOp()), Op: c.GetOp().GetText(), Variadic: true}
		for _, e := range c.AllEventExpr() {
			op.Args = append(op.Args, b.eventExpr(e))
		}
		return op
	case *gen.EventAnyContext:
		a := &ast.EventAny{At: b.pos(c.GetStart()), N: b.count(c.NUMBER().GetSymbol())}
		for _, e := range c.AllEventExpr() {
			a.Args = append(a.Args, b.eventExpr(e))
		}
		return a
	case *gen.EventGroupContext:
		g := &ast.EventGroup{At: b.pos(c.GetOp()), Op: c.GetOp().GetText(), N: b.count(c.NUMBER().GetSymbol()),
			Event: b.eventPrim(c.EventPrim().(*gen.EventPrimContext))}
		if a := c.Aggregator(); a != nil {
			ac := a.(*gen.AggregatorContext)
			g.Aggregate = &ast.Aggregate{At: b.pos(ac.GetOp()), Op: ac.GetOp().GetText(), Vars: b.nameList(ac.NameList())}
		}
		return g
	case *gen.EventBetweenContext:
		args := c.AllEventExpr()
		at := c.BETWEEN().GetSymbol()
		if c.NOT() != nil {
			at = c.NOT().GetSymbol()
		}
		return &ast.EventBetween{At: b.pos(at), Not: c.NOT() != nil,
			Event: b.eventExpr(args[0]), Start: b.eventExpr(args[1]), End: b.eventExpr(args[2])}
	case *gen.EventSeqContext:
		return b.eventInfix(c.GetOp(), c.AllEventExpr())
	case *gen.EventAndContext:
		return b.eventInfix(c.GetOp(), c.AllEventExpr())
	case *gen.EventOrContext:
		return b.eventInfix(c.GetOp(), c.AllEventExpr())
	}
	panic(fmt.Sprintf("parse: unknown event expression %T", ctx))
}

func (b *builder) eventInfix(op antlr.Token, args []gen.IEventExprContext) ast.EventExpr {
	return &ast.EventOp{At: b.pos(op), Op: op.GetText(), Args: []ast.EventExpr{b.eventExpr(args[0]), b.eventExpr(args[1])}}
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
	for _, m := range c.AllAttrMatch() {
		mc := m.(*gen.AttrMatchContext)
		p.Attrs = append(p.Attrs, &ast.AttrMatch{At: b.pos(mc.GetStart()), Name: b.ident(mc.Word()), Regex: b.regex(mc.REGEX().GetSymbol())})
	}
	if c.NameList() != nil {
		p.Setting = b.nameList(c.NameList())
	}
	if c.WHERE() != nil {
		p.Where = b.expr(c.Expr())
		p.WhereFirst = c.SETTING() != nil && c.WHERE().GetSymbol().GetTokenIndex() < c.SETTING().GetSymbol().GetTokenIndex()
	}
	return p
}

// ---------------------------------------------------------------------------
// Actions

func (b *builder) actionBlock(c *gen.ActionBlockContext) *ast.ActionBlock {
	a := &ast.ActionBlock{At: b.pos(c.GetStart())}
	if c.IF() != nil {
		a.Cond = b.expr(c.Expr())
	}
	if k := c.GetKind(); k != nil {
		a.Kind = k.GetText()
		a.Actions = []*ast.Action{}
	}
	if ce := c.ChooseExpr(); ce != nil {
		a.Choose = b.chooseExpr(ce.(*gen.ChooseExprContext))
	}
	for _, ac := range c.AllAction_() {
		a.Actions = append(a.Actions, b.action(ac.(*gen.ActionContext)))
	}
	if sc := c.SoloAction(); sc != nil {
		a.Actions = []*ast.Action{b.soloAction(sc.(*gen.SoloActionContext))}
	}
	return a
}

func (b *builder) soloAction(c *gen.SoloActionContext) *ast.Action {
	a := &ast.Action{At: b.pos(c.GetStart()), Args: b.args(c.ArgList())}
	names := c.AllPlainName()
	if c.ARROW() != nil {
		a.Label = b.ident(names[0])
		names = names[1:]
	}
	if c.COLON() != nil {
		a.Domain = b.ident(names[0])
		a.Name = b.ident(c.Name())
	} else {
		a.Name = b.ident(names[0])
	}
	a.Setting = b.actionSetting(c.NameList())
	return a
}

// actionSetting returns the variable of an action's `setting(v)`.
func (b *builder) actionSetting(nl gen.INameListContext) *ast.Ident {
	if nl == nil {
		return nil
	}
	vars := b.nameList(nl)
	if len(vars) > 1 {
		b.errorf(nl.Name(1).GetStart(), diag.CodeClause, "an action sets one variable at most")
	}
	return vars[0]
}

// chooseExpr builds `primary (args)*`, the value a choose switches on.
func (b *builder) chooseExpr(c *gen.ChooseExprContext) ast.Expr {
	var e ast.Expr
	for _, ch := range c.GetChildren() {
		switch ch := ch.(type) {
		case gen.IPrimaryContext:
			e = b.primary(ch)
		case antlr.TerminalNode:
			if ch.GetSymbol().GetTokenType() == gen.KRLLexerLPAREN {
				e = &ast.Call{At: b.pos(ch.GetSymbol()), Fn: e, Args: []*ast.Arg{}}
			}
		case gen.IArgListContext:
			e.(*ast.Call).Args = b.args(ch)
		}
	}
	return e
}

func (b *builder) action(c *gen.ActionContext) *ast.Action {
	a := &ast.Action{At: b.pos(c.GetStart()), Args: b.args(c.ArgList())}
	if l := c.GetLabel(); l != nil {
		a.Label = b.ident(l)
	}
	names := c.ActionName().AllName()
	if len(names) == 2 {
		a.Domain = b.ident(names[0])
		a.Name = b.ident(names[1])
	} else {
		a.Name = b.ident(names[0])
	}
	a.Setting = b.actionSetting(c.NameList())
	return a
}

// ---------------------------------------------------------------------------
// Postludes

func (b *builder) postlude(c *gen.PostludeContext) *ast.Postlude {
	p := &ast.Postlude{At: b.pos(c.GetKind()), Kind: c.GetKind().GetText()}
	blocks := c.AllBlock()
	switch p.Kind {
	case "always":
		p.Always = b.block(blocks[0])
		return p
	case "fired":
		p.Fired = b.block(blocks[0])
	default:
		p.NotFired = b.block(blocks[0])
	}
	i := 1
	if c.ELSE() != nil {
		p.Else = true
		if p.Kind == "fired" {
			p.NotFired = b.block(blocks[i])
		} else {
			p.Fired = b.block(blocks[i])
		}
		i++
	}
	if c.FINALLY() != nil {
		p.Finally = true
		p.Always = b.block(blocks[i])
	}
	return p
}

func (b *builder) block(ctx gen.IBlockContext) []ast.Stmt {
	stmts := ctx.AllStatement()
	out := make([]ast.Stmt, 0, len(stmts))
	for _, s := range stmts {
		out = append(out, b.statement(s.(*gen.StatementContext)))
	}
	return out
}

func (b *builder) statement(c *gen.StatementContext) ast.Stmt {
	var g ast.Guard
	if c.ON() != nil {
		g.OnFinal = true
	} else if c.IF() != nil {
		g.If = b.expr(c.Expr())
	}
	core := c.StmtCore()
	at := b.pos(core.GetStart())
	switch s := core.(type) {
	case *gen.ClearStmtContext:
		names := s.AllName()
		st := &ast.Clear{At: at, Domain: b.ident(names[0]), Name: b.ident(names[1]), Guard: g}
		if s.Expr() != nil {
			st.Path = b.expr(s.Expr())
		}
		return st
	case *gen.RaiseStmtContext:
		st := &ast.Raise{At: at, Guard: g}
		if s.Name() != nil {
			st.Domain = b.ident(s.Name())
		}
		b.clauses(s, map[int]*ast.Expr{
			gen.KRLLexerEVENT: &st.Type, gen.KRLLexerFOR: &st.For, gen.KRLLexerATTRIBUTES: &st.Attributes,
		})
		return st
	case *gen.ScheduleStmtContext:
		st := &ast.Schedule{At: at, Guard: g}
		names := s.AllName()
		if len(names) > 0 && names[0].GetStart().GetTokenIndex() < s.EVENT().GetSymbol().GetTokenIndex() {
			st.Domain = b.ident(names[0])
			names = names[1:]
		}
		if len(names) > 0 {
			st.Setting = b.ident(names[0])
		}
		b.clauses(s, map[int]*ast.Expr{
			gen.KRLLexerEVENT: &st.Type, gen.KRLLexerAT: &st.AtTime, gen.KRLLexerREPEAT: &st.Repeat,
			gen.KRLLexerATTRIBUTES: &st.Attributes,
		})
		return st
	case *gen.LogStmtContext:
		level := s.GetLevel().GetText()
		switch level {
		case "error", "warn", "info", "debug":
		default:
			b.errorf(s.GetLevel().GetStart(), diag.CodeClause, "expected `error`, `warn`, `info` or `debug`, found `%s`", level)
		}
		if s.GetKw().GetTokenType() == gen.KRLLexerLOG {
			return &ast.Log{At: at, Level: level, Value: b.expr(s.Expr()), Guard: g}
		}
		return &ast.ErrorStmt{At: at, Level: level, Value: b.expr(s.Expr()), Guard: g}
	case *gen.LastStmtContext:
		return &ast.Last{At: at, Guard: g}
	case *gen.EntAssignStmtContext:
		names := s.AllName()
		st := &ast.EntAssign{At: at, Domain: b.ident(names[0]), Name: b.ident(names[1]), Guard: g}
		exprs := s.AllExpr()
		if len(exprs) == 2 {
			st.Path = b.expr(exprs[0])
		}
		st.Value = b.expr(exprs[len(exprs)-1])
		return st
	case *gen.DeclStmtContext:
		return &ast.DeclStmt{At: at, Decl: b.decl(s.Decl()), Guard: g}
	}
	panic(fmt.Sprintf("parse: unknown statement %T", core))
}

// clauses fills the expressions of a raise or schedule statement: each
// expression child goes to the slot of the keyword token before it.
func (b *builder) clauses(ctx antlr.ParserRuleContext, slots map[int]*ast.Expr) {
	var slot *ast.Expr
	for _, ch := range ctx.GetChildren() {
		switch ch := ch.(type) {
		case antlr.TerminalNode:
			if s, ok := slots[ch.GetSymbol().GetTokenType()]; ok {
				slot = s
			}
		case gen.IExprContext:
			if slot != nil {
				*slot = b.expr(ch)
				slot = nil
			}
		}
	}
}
