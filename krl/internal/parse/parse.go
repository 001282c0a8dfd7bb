package parse

import (
	"fmt"
	"unicode/utf8"

	"github.com/antlr4-go/antlr/v4"

	"github.com/gopico/pico/krl/ast"
	"github.com/gopico/pico/krl/internal/diag"
	"github.com/gopico/pico/krl/internal/gen"
)

// Limits that bound the work of one parse. They are variables only so that
// tests can lower them.
var (
	// MaxSourceSize is the largest source accepted, in bytes.
	MaxSourceSize = 4 << 20
	// MaxDepth is the deepest nesting of grammar rules accepted. Every
	// bracket, operator and block adds a level or two; hand-written code
	// stays far below.
	MaxDepth = 1000
	// MaxErrors is the number of errors reported before the rest are
	// dropped (the last entry then says so).
	MaxErrors = 10
)

// File parses a whole ruleset. On error the returned tree is nil and the
// error is a diag.ErrorList.
func File(filename string, src []byte) (*ast.Ruleset, error) {
	var rs *ast.Ruleset
	err := run(filename, src, func(p *gen.KRLParser) antlr.ParserRuleContext { return p.File() },
		func(b *builder, tree antlr.ParserRuleContext) {
			rs = b.ruleset(tree.(*gen.FileContext).Ruleset())
		})
	if err != nil {
		return nil, err
	}
	return rs, nil
}

// Expr parses a single expression that makes up the whole source.
func Expr(filename string, src []byte) (ast.Expr, error) {
	var e ast.Expr
	err := run(filename, src, func(p *gen.KRLParser) antlr.ParserRuleContext { return p.ExprOnly() },
		func(b *builder, tree antlr.ParserRuleContext) {
			e = b.expr(tree.(*gen.ExprOnlyContext).Expr())
		})
	if err != nil {
		return nil, err
	}
	return e, nil
}

// run parses src with entry, first in SLL prediction mode, which is fast
// and right for almost every input, and again in full LL mode only when SLL
// fails; then it hands the tree to build.
func run(filename string, src []byte, entry func(*gen.KRLParser) antlr.ParserRuleContext, build func(*builder, antlr.ParserRuleContext)) (err error) {
	b := &builder{filename: filename, src: src}
	if len(src) > MaxSourceSize {
		b.errs.Addf(ast.Pos{Filename: filename, Line: 1, Column: 1}, diag.CodeTooLarge,
			"source is %d bytes, more than the limit of %d", len(src), MaxSourceSize)
		return b.errs
	}
	b.index(src)

	lexer := gen.NewKRLLexer(antlr.NewInputStream(string(src)))
	lexer.RemoveErrorListeners()
	tokens := antlr.NewCommonTokenStream(lexer, antlr.TokenDefaultChannel)
	p := gen.NewKRLParser(tokens)
	p.RemoveErrorListeners()
	depth := &depthGuard{max: MaxDepth}
	p.AddParseListener(depth)

	tree, serr, deep := parseOnce(p, entry, antlr.PredictionModeSLL)
	if serr != nil && !deep {
		tokens.Seek(0)
		p.SetInputStream(tokens)
		tree, serr, deep = parseOnce(p, entry, antlr.PredictionModeLL)
	}
	switch {
	case deep:
		b.errs.Addf(b.pos(depth.at), diag.CodeTooDeep, "nesting is deeper than the limit of %d", MaxDepth)
		return b.errs
	case serr != nil:
		b.errs.Add(b.pos(serr.tok), serr.code, serr.msg)
		return b.errs
	}

	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(tooMany); !ok {
				panic(r)
			}
			// Sort what was found; the "too many errors" entry stays last.
			n := len(b.errs) - 1
			b.errs[:n].Sort()
			err = b.errs
		}
	}()
	build(b, tree)
	if len(b.errs) > 0 {
		b.errs.Sort()
		return b.errs
	}
	return nil
}

// parseOnce runs one parse in the given prediction mode. deep reports that
// the depth guard stopped it.
func parseOnce(p *gen.KRLParser, entry func(*gen.KRLParser) antlr.ParserRuleContext, mode int) (tree antlr.ParserRuleContext, serr *syntaxError, deep bool) {
	s := newStrategy()
	p.SetErrorHandler(s)
	p.SetError(nil) // left over from a parse that bailed out
	if g, ok := p.GetParseListeners()[0].(*depthGuard); ok {
		g.depth = 0
	}
	p.GetInterpreter().SetPredictionMode(mode)
	defer func() {
		switch r := recover().(type) {
		case nil:
		case tooDeep:
			deep = true
		case bailout:
			serr = s.err
		default:
			panic(r)
		}
	}()
	tree = entry(p)
	if s.err == nil && p.HasError() {
		// An error the strategy did not see (a failed prediction reported
		// as the parser's error state); word it at the current token.
		s.record(p, p.GetCurrentToken())
	}
	return tree, s.err, false
}

// tooDeep is the panic value of the depth guard; tooMany that of the
// builder when it has collected MaxErrors errors. Both are recovered in run.
type (
	tooDeep struct{}
	tooMany struct{}
)

// depthGuard is a parse listener that stops a parse nesting deeper than max.
type depthGuard struct {
	antlr.BaseParseTreeListener
	depth, max int
	at         antlr.Token
}

func (g *depthGuard) EnterEveryRule(ctx antlr.ParserRuleContext) {
	g.depth++
	if g.depth > g.max {
		g.at = ctx.GetStart()
		g.depth = 0
		panic(tooDeep{})
	}
}

func (g *depthGuard) ExitEveryRule(antlr.ParserRuleContext) { g.depth-- }

// index prepares the rune-to-byte offset table (nil for ASCII sources,
// whose rune and byte offsets agree).
func (b *builder) index(src []byte) {
	ascii := true
	for _, c := range src {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return
	}
	b.byteAt = make([]int32, 0, len(src)+1)
	for i := 0; i < len(src); {
		_, n := utf8.DecodeRune(src[i:])
		b.byteAt = append(b.byteAt, int32(i))
		i += n
	}
	b.byteAt = append(b.byteAt, int32(len(src)))
}

// pos returns the position of tok.
func (b *builder) pos(tok antlr.Token) ast.Pos {
	if tok == nil {
		return ast.Pos{Filename: b.filename}
	}
	off := tok.GetStart()
	if tok.GetTokenType() == antlr.TokenEOF {
		off = tok.GetStart()
		if off < 0 {
			off = 0
		}
	}
	if b.byteAt != nil {
		if off >= 0 && off < len(b.byteAt) {
			off = int(b.byteAt[off])
		} else {
			off = len(b.src)
		}
	}
	return ast.Pos{Filename: b.filename, Offset: off, Line: tok.GetLine(), Column: tok.GetColumn() + 1}
}

// errorf records an error at tok.
func (b *builder) errorf(tok antlr.Token, code, format string, args ...any) {
	if len(b.errs) >= MaxErrors {
		b.errs.Add(b.pos(tok), diag.CodeTooMany, fmt.Sprintf("too many errors (more than %d)", MaxErrors))
		panic(tooMany{})
	}
	b.errs.Addf(b.pos(tok), code, format, args...)
}
