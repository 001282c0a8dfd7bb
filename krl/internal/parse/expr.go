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
	c := ctx.(*gen.ExprContext)
	op := c.GetOp()
	if c.GetX() == nil {
		switch {
		case c.GetP() != nil:
			return b.primary(c.GetP())
		case c.GetY() != nil:
			return &ast.Unary{At: b.pos(op), Op: op.GetText(), X: b.expr(c.GetY())}
		}
		return b.leaf(op, c.GetN())
	}
	switch op.GetTokenType() {
	case gen.KRLLexerLPAREN:
		return &ast.Call{At: b.pos(op), Fn: b.expr(c.GetX()), Args: b.args(c.GetArgs())}
	case gen.KRLLexerDOT:
		d := &ast.Dot{At: b.pos(op), X: b.expr(c.GetX())}
		if n := c.GetN(); n != nil {
			d.Domain, d.Name = text(c.GetM()), text(n)
		} else {
			d.Name = text(c.GetM())
		}
		return d
	case gen.KRLLexerLBRACE:
		return &ast.Path{At: b.pos(op), X: b.expr(c.GetX()), Key: b.expr(c.GetY())}
	case gen.KRLLexerLBRACKET:
		return &ast.Index{At: b.pos(op), X: b.expr(c.GetX()), Index: b.expr(c.GetY())}
	case gen.KRLLexerARROW:
		then := condThen(c)
		if inner := then.(*gen.ExprContext); inner.GetX() != nil && inner.GetOp().GetTokenType() == gen.KRLLexerARROW {
			// The reference parses the consequent above `=>`, so an
			// unparenthesised conditional there is an error.
			b.errorf(inner.GetOp(), diag.CodeSyntax,
				"expected `|`, found `=>`: put a conditional inside the consequent of `=>` in parentheses")
		}
		return &ast.Conditional{At: b.pos(op), Cond: b.expr(c.GetX()), Then: b.expr(then), Else: b.expr(c.GetY())}
	}
	return &ast.Binary{At: b.pos(op), Op: op.GetText(), X: b.expr(c.GetX()), Y: b.expr(c.GetY())}
}

// condThen returns the consequent of a conditional, the one expression the
// grammar cannot label (see gen.KRLParser.UnrollRecursionContexts): the
// child expression that is neither the condition nor the alternative.
func condThen(c *gen.ExprContext) gen.IExprContext {
	for _, ch := range c.GetChildren() {
		if e, ok := ch.(*gen.ExprContext); ok && e != c.GetX() && e != c.GetY() {
			return e
		}
	}
	panic("parse: conditional without a consequent")
}

// leaf builds a name (with its domain, `ent:x`, when n is set) or a
// literal from its token.
func (b *builder) leaf(tok antlr.Token, n gen.INameContext) ast.Expr {
	switch tok.GetTokenType() {
	case gen.KRLLexerNUMBER:
		return b.number(tok)
	case gen.KRLLexerSTRING:
		return b.stringLit(tok)
	case gen.KRLLexerREGEX:
		return b.regex(tok)
	case gen.KRLLexerTRUE, gen.KRLLexerFALSE:
		return &ast.Boolean{At: b.pos(tok), Value: tok.GetTokenType() == gen.KRLLexerTRUE}
	case gen.KRLLexerNULL:
		return &ast.Null{At: b.pos(tok)}
	}
	if n != nil {
		return &ast.DomainIdent{At: b.pos(tok), Domain: tok.GetText(), Name: text(n)}
	}
	return &ast.Ident{At: b.pos(tok), Name: tok.GetText()}
}

func (b *builder) primary(ctx gen.IPrimaryContext) ast.Expr {
	at := b.pos(ctx.GetStart())
	switch c := ctx.(type) {
	case *gen.ChevronLitContext:
		return b.chevron(c)
	case *gen.ParenExprContext:
		return b.expr(c.GetE())
	case *gen.ArrayLitContext:
		a := &ast.Array{At: at, Elems: []ast.Expr{}}
		for _, e := range c.GetElems() {
			a.Elems = append(a.Elems, b.expr(e))
		}
		return a
	case *gen.MapLitContext:
		m := &ast.Map{At: at, Entries: []*ast.MapEntry{}}
		for _, e := range c.GetEntries() {
			ec := e.(*gen.MapEntryContext)
			m.Entries = append(m.Entries, &ast.MapEntry{At: b.pos(ec.GetStart()), Key: b.stringLit(ec.GetKey()), Value: b.expr(ec.GetV())})
		}
		return m
	case *gen.FunctionLitContext:
		decls := c.GetDecls()
		f := &ast.Function{At: at, Params: b.params(c.GetPs()), Body: b.decls(decls), Return: b.expr(c.GetE())}
		if len(decls) > 0 && c.GetRet() == nil {
			b.checkContinuation(decls[len(decls)-1], c.GetE())
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
			tok.GetText(), text(last.(*gen.DeclContext).GetN()))
	}
}

func (b *builder) defaction(c *gen.DefactionLitContext, at ast.Pos) ast.Expr {
	d := &ast.Defaction{At: at, Params: b.params(c.GetPs()), Body: b.decls(c.GetDecls())}
	if a := c.GetAct(); a != nil {
		d.Action = b.actionBlock(a.(*gen.ActionBlockContext))
	} else {
		// `defaction() { decls }` is an action that does nothing.
		d.Action = &ast.ActionBlock{At: b.pos(c.GetEnd()), Kind: "every", Actions: []*ast.Action{}}
	}
	if ret := c.GetRet(); ret != nil {
		exprs := c.GetRets()
		switch {
		case ret.GetTokenType() == gen.KRLLexerRETURNS:
			b.errorf(ret, diag.CodeClause, "a defaction can only return one value (write `return`)")
		case len(exprs) > 1:
			// The comma right after the first value.
			b.errorf(b.tokens.Get(exprs[0].GetStop().GetTokenIndex()+1), diag.CodeClause, "a defaction can only return one value")
		}
		d.Return = b.expr(exprs[0])
	}
	return d
}

func (b *builder) params(ctx gen.IParamsContext) []*ast.Param {
	ps := ctx.(*gen.ParamsContext).GetPs()
	out := make([]*ast.Param, len(ps))
	for i, p := range ps {
		pc := p.(*gen.ParamContext)
		out[i] = &ast.Param{At: b.pos(pc.GetStart()), Name: b.ident(pc.GetN())}
		if v := pc.GetV(); v != nil {
			out[i].Default = b.expr(v)
		}
	}
	return out
}

func (b *builder) args(ctx gen.IArgListContext) []*ast.Arg {
	if ctx == nil {
		return []*ast.Arg{}
	}
	as := ctx.(*gen.ArgListContext).GetArgs()
	out := make([]*ast.Arg, len(as))
	for i, a := range as {
		ac := a.(*gen.ArgContext)
		out[i] = &ast.Arg{At: b.pos(ac.GetStart()), Name: b.ident(ac.GetN()), Value: b.expr(ac.GetV())}
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
	for _, p := range c.GetParts() {
		pc := p.(*gen.ChevPartContext)
		if e := pc.GetE(); e != nil {
			flush()
			ch.Parts = append(ch.Parts, b.expr(e))
			continue
		}
		if textAt == nil {
			textAt = pc.GetStart()
		}
		text.WriteString(pc.GetStart().GetText())
	}
	flush()
	return ch
}
