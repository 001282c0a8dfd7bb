package parse

import (
	"fmt"

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
			rs = b.ruleset(tree.(*gen.FileContext).GetR())
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
			e = b.expr(tree.(*gen.ExprOnlyContext).GetE())
		})
	if err != nil {
		return nil, err
	}
	return e, nil
}

// run parses src with entry and hands the tree to build.
//
// The first parse runs in SLL prediction mode, which is fast and right for
// almost every input, with greedy operators (see
// gen.KRLParser.SetGreedyOperators), and builds no parse tree: the builder
// reads what it needs from the labels of the grammar. Only when it fails
// does a second parse run, in full LL mode and with a parse tree, which
// the error messages need; when that one succeeds (in a function body, it
// may end a declaration before an operator, which the builder reports),
// its tree is built instead.
func run(filename string, src []byte, entry func(*gen.KRLParser) antlr.ParserRuleContext, build func(*builder, antlr.ParserRuleContext)) (err error) {
	b := &builder{filename: filename}
	if len(src) > MaxSourceSize {
		b.errs.Addf(ast.Pos{Filename: filename, Line: 1, Column: 1}, diag.CodeTooLarge,
			"source is %d bytes, more than the limit of %d", len(src), MaxSourceSize)
		return b.errs
	}
	// The tokens and contexts of the parse are garbage once the AST is
	// built (it holds strings of the source, never tokens or contexts):
	// they come from an arena that the next parse recycles.
	arena := gen.NewArena()
	defer arena.Release()
	tokens := gen.Lex(filename, src, arena)
	b.tokens = tokens
	p := gen.NewKRLParser(tokens)
	p.RemoveErrorListeners()
	p.SetArena(arena)
	p.BuildParseTrees = false
	p.SetGreedyOperators(true)

	tree, serr, deep := parseOnce(p, entry, antlr.PredictionModeSLL)
	if serr != nil && deep == nil {
		tokens.Seek(0)
		p.SetInputStream(tokens)
		p.BuildParseTrees = true
		p.SetGreedyOperators(false)
		tree, serr, deep = parseOnce(p, entry, antlr.PredictionModeLL)
	}
	switch {
	case deep != nil:
		b.errs.Addf(b.pos(deep), diag.CodeTooDeep, "nesting is deeper than the limit of %d", MaxDepth)
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

// parseOnce runs one parse in the given prediction mode. deep is the token
// where the parse went over MaxDepth, if it did.
func parseOnce(p *gen.KRLParser, entry func(*gen.KRLParser) antlr.ParserRuleContext, mode int) (tree antlr.ParserRuleContext, serr *syntaxError, deep antlr.Token) {
	s := newStrategy(!p.BuildParseTrees)
	p.SetErrorHandler(s)
	p.SetError(nil) // left over from a parse that bailed out
	p.SetMaxDepth(MaxDepth)
	p.GetInterpreter().SetPredictionMode(mode)
	defer func() {
		switch r := recover().(type) {
		case nil:
		case gen.DepthExceeded:
			deep = r.At
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
	return tree, s.err, nil
}

// tooMany is the panic value of the builder when it has collected
// MaxErrors errors; run recovers it.
type tooMany struct{}

// pos returns the position of tok, a token of b.tokens.
func (b *builder) pos(tok antlr.Token) ast.Pos {
	if tok == nil {
		return ast.Pos{Filename: b.filename}
	}
	t, ok := tok.(*gen.Token)
	if !ok {
		t = b.tokens.Get(tok.GetTokenIndex()).(*gen.Token)
	}
	return ast.Pos{Filename: b.filename, Offset: t.Offset(), Line: t.GetLine(), Column: t.GetColumn() + 1}
}

// errorf records an error at tok.
func (b *builder) errorf(tok antlr.Token, code, format string, args ...any) {
	if len(b.errs) >= MaxErrors {
		b.errs.Add(b.pos(tok), diag.CodeTooMany, fmt.Sprintf("too many errors (more than %d)", MaxErrors))
		panic(tooMany{})
	}
	b.errs.Addf(b.pos(tok), code, format, args...)
}
