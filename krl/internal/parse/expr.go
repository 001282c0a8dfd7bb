package parse

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/antlr4-go/antlr/v4"

	"github.com/gopico/pico/krl/ast"
	"github.com/gopico/pico/krl/internal/diag"
	"github.com/gopico/pico/krl/internal/gen"
)

func (b *builder) expr(ctx gen.IExprContext) ast.Expr {
	switch c := ctx.(type) {
	case *gen.PrimaryExprContext:
		return b.primary(c.Primary())
	case *gen.CallExprContext:
		return &ast.Call{At: b.pos(c.LPAREN().GetSymbol()), Fn: b.expr(c.Expr()), Args: b.args(c.ArgList())}
	case *gen.DotExprContext:
		d := &ast.Dot{At: b.pos(c.DOT().GetSymbol()), X: b.expr(c.Expr())}
		names := c.AllName()
		if len(names) == 2 {
			d.Domain, d.Name = names[0].GetText(), names[1].GetText()
		} else {
			d.Name = names[0].GetText()
		}
		return d
	case *gen.PathExprContext:
		e := c.AllExpr()
		return &ast.Path{At: b.pos(c.LBRACE().GetSymbol()), X: b.expr(e[0]), Key: b.expr(e[1])}
	case *gen.IndexExprContext:
		e := c.AllExpr()
		return &ast.Index{At: b.pos(c.LBRACKET().GetSymbol()), X: b.expr(e[0]), Index: b.expr(e[1])}
	case *gen.UnaryExprContext:
		return &ast.Unary{At: b.pos(c.GetOp()), Op: c.GetOp().GetText(), X: b.expr(c.Expr())}
	case *gen.MulExprContext:
		return b.binary(c.GetOp(), c.AllExpr())
	case *gen.AddExprContext:
		return b.binary(c.GetOp(), c.AllExpr())
	case *gen.RelExprContext:
		return b.binary(c.GetOp(), c.AllExpr())
	case *gen.AndExprContext:
		return b.binary(c.GetOp(), c.AllExpr())
	case *gen.OrExprContext:
		return b.binary(c.GetOp(), c.AllExpr())
	case *gen.CondExprContext:
		e := c.AllExpr()
		if inner, ok := e[1].(*gen.CondExprContext); ok {
			// The reference parses the consequent above `=>`, so an
			// unparenthesised conditional there is an error.
			b.errorf(inner.ARROW().GetSymbol(), diag.CodeSyntax,
				"expected `|`, found `=>`: put a conditional inside the consequent of `=>` in parentheses")
		}
		return &ast.Conditional{At: b.pos(c.ARROW().GetSymbol()), Cond: b.expr(e[0]), Then: b.expr(e[1]), Else: b.expr(e[2])}
	}
	panic(fmt.Sprintf("parse: unknown expression %T", ctx))
}

func (b *builder) binary(op antlr.Token, e []gen.IExprContext) ast.Expr {
	return &ast.Binary{At: b.pos(op), Op: op.GetText(), X: b.expr(e[0]), Y: b.expr(e[1])}
}

func (b *builder) primary(ctx gen.IPrimaryContext) ast.Expr {
	at := b.pos(ctx.GetStart())
	switch c := ctx.(type) {
	case *gen.NumberLitContext:
		return b.number(c.NUMBER().GetSymbol())
	case *gen.StringLitContext:
		return b.stringLit(c.STRING().GetSymbol())
	case *gen.ChevronLitContext:
		return b.chevron(c)
	case *gen.RegexLitContext:
		return b.regex(c.REGEX().GetSymbol())
	case *gen.BoolLitContext:
		return &ast.Boolean{At: at, Value: c.TRUE() != nil}
	case *gen.NullLitContext:
		return &ast.Null{At: at}
	case *gen.IdentLitContext:
		if c.COLON() != nil {
			return &ast.DomainIdent{At: at, Domain: c.VarName().GetText(), Name: c.Name().GetText()}
		}
		return &ast.Ident{At: at, Name: c.VarName().GetText()}
	case *gen.ParenExprContext:
		return b.expr(c.Expr())
	case *gen.ArrayLitContext:
		a := &ast.Array{At: at, Elems: []ast.Expr{}}
		for _, e := range c.AllExpr() {
			a.Elems = append(a.Elems, b.expr(e))
		}
		return a
	case *gen.MapLitContext:
		m := &ast.Map{At: at, Entries: []*ast.MapEntry{}}
		for _, e := range c.AllMapEntry() {
			ec := e.(*gen.MapEntryContext)
			m.Entries = append(m.Entries, &ast.MapEntry{At: b.pos(ec.GetStart()), Key: b.stringLit(ec.STRING().GetSymbol()), Value: b.expr(ec.Expr())})
		}
		return m
	case *gen.FunctionLitContext:
		decls := c.AllDecl()
		f := &ast.Function{At: at, Params: b.params(c.Params()), Body: b.decls(decls), Return: b.expr(c.Expr())}
		if len(decls) > 0 && c.RETURN() == nil {
			b.checkContinuation(decls[len(decls)-1], c.Expr())
		}
		return f
	case *gen.DefactionLitContext:
		return b.defaction(c, at)
	}
	panic(fmt.Sprintf("parse: unknown primary %T", ctx))
}

// checkContinuation rejects a function body whose last declaration is
// followed, with nothing in between, by a return expression starting with
// a token that could have continued the declaration's value. The reference
// parser always continues the value there (`x = 1 {"a": x}` reads as
// `x = 1{"a": x}`); the grammar found another reading, which would give
// the program a meaning KRL does not.
func (b *builder) checkContinuation(last gen.IDeclContext, ret gen.IExprContext) {
	tok := ret.GetStart()
	if tok.GetTokenIndex() != last.GetStop().GetTokenIndex()+1 {
		return
	}
	switch tok.GetTokenType() {
	case gen.KRLLexerLBRACE, gen.KRLLexerLBRACKET, gen.KRLLexerLPAREN, gen.KRLLexerMINUS, gen.KRLLexerPLUS:
		b.errorf(tok, diag.CodeContinuation,
			"`%s` continues the value of `%s` across the line; end the declaration with `;` or write `return`",
			tok.GetText(), last.(*gen.DeclContext).Name().GetText())
	}
}

func (b *builder) defaction(c *gen.DefactionLitContext, at ast.Pos) ast.Expr {
	d := &ast.Defaction{At: at, Params: b.params(c.Params()), Body: b.decls(c.AllDecl())}
	if a := c.ActionBlock(); a != nil {
		d.Action = b.actionBlock(a.(*gen.ActionBlockContext))
	} else {
		// `defaction() { decls }` is an action that does nothing.
		d.Action = &ast.ActionBlock{At: b.pos(c.RBRACE().GetSymbol()), Kind: "every", Actions: []*ast.Action{}}
	}
	if ret := c.GetRet(); ret != nil {
		exprs := c.AllExpr()
		switch {
		case ret.GetTokenType() == gen.KRLLexerRETURNS:
			b.errorf(ret, diag.CodeClause, "a defaction can only return one value (write `return`)")
		case len(exprs) > 1:
			b.errorf(c.COMMA(0).GetSymbol(), diag.CodeClause, "a defaction can only return one value")
		}
		d.Return = b.expr(exprs[0])
	}
	return d
}

func (b *builder) params(ctx gen.IParamsContext) []*ast.Param {
	ps := ctx.AllParam()
	out := make([]*ast.Param, len(ps))
	for i, p := range ps {
		pc := p.(*gen.ParamContext)
		out[i] = &ast.Param{At: b.pos(pc.GetStart()), Name: b.ident(pc.Name())}
		if pc.Expr() != nil {
			out[i].Default = b.expr(pc.Expr())
		}
	}
	return out
}

func (b *builder) args(ctx gen.IArgListContext) []*ast.Arg {
	if ctx == nil {
		return []*ast.Arg{}
	}
	as := ctx.AllArg()
	out := make([]*ast.Arg, len(as))
	for i, a := range as {
		switch ac := a.(type) {
		case *gen.NamedArgContext:
			out[i] = &ast.Arg{At: b.pos(ac.GetStart()), Name: b.ident(ac.VarName()), Value: b.expr(ac.Expr())}
		case *gen.PositionalArgContext:
			out[i] = &ast.Arg{At: b.pos(ac.GetStart()), Value: b.expr(ac.Expr())}
		}
	}
	return out
}

// ---------------------------------------------------------------------------
// Literals

// number decodes a numeric literal. Overlong literals become ±Inf, as in
// JavaScript.
func (b *builder) number(tok antlr.Token) *ast.Number {
	raw := tok.GetText()
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil && !math.IsInf(v, 0) {
		b.errorf(tok, diag.CodeLiteral, "malformed number %s", raw)
	}
	return &ast.Number{At: b.pos(tok), Value: v, Raw: raw}
}

// stringLit decodes a string literal: only `\"` and `\\` are escapes, in
// that order, as in the reference parser; every other backslash stays.
func (b *builder) stringLit(tok antlr.Token) *ast.String {
	text := tok.GetText()
	text = text[1 : len(text)-1]
	text = strings.ReplaceAll(text, `\"`, `"`)
	text = strings.ReplaceAll(text, `\\`, `\`)
	return &ast.String{At: b.pos(tok), Value: text}
}

// regex decodes `re#pattern#flags`; `\#` stands for `#`.
func (b *builder) regex(tok antlr.Token) *ast.RegExp {
	text := tok.GetText()
	end := strings.LastIndexByte(text, '#')
	return &ast.RegExp{At: b.pos(tok), Pattern: strings.ReplaceAll(text[3:end], `\#`, "#"), Flags: text[end+1:]}
}

// chevron builds the parts of `<< ... >>`: runs of text tokens joined and
// decoded (`\>` is `>`, `\#{` is `#{`, `\\` is `\`), and interpolations.
func (b *builder) chevron(c *gen.ChevronLitContext) *ast.Chevron {
	ch := &ast.Chevron{At: b.pos(c.GetStart()), Parts: []ast.Expr{}}
	var text strings.Builder
	var textAt antlr.Token
	flush := func() {
		if textAt == nil {
			return
		}
		s := text.String()
		s = strings.ReplaceAll(s, `\>`, ">")
		s = strings.ReplaceAll(s, `\#{`, "#{")
		s = strings.ReplaceAll(s, `\\`, `\`)
		if s != "" {
			ch.Parts = append(ch.Parts, &ast.String{At: b.pos(textAt), Value: s})
		}
		text.Reset()
		textAt = nil
	}
	for _, p := range c.AllChevPart() {
		pc := p.(*gen.ChevPartContext)
		if pc.CHEV_INTERP() != nil {
			flush()
			ch.Parts = append(ch.Parts, b.expr(pc.Expr()))
			continue
		}
		if textAt == nil {
			textAt = pc.GetStart()
		}
		text.WriteString(pc.GetText())
	}
	flush()
	return ch
}
