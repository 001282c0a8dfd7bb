package parse

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/antlr4-go/antlr/v4"

	"github.com/gopico/pico/krl/internal/diag"
	"github.com/gopico/pico/krl/internal/gen"
)

// syntaxError is the first syntax error of a parse.
type syntaxError struct {
	tok  antlr.Token
	code string
	msg  string
}

// strategy is the parser's error strategy. It gives up at the first error
// (KRL reports one syntax error, as the reference parser does, rather than
// a cascade of guesses) and words it for people instead of dumping token
// sets.
//
// Giving up means panicking with bailout, which run recovers: the Go
// runtime's rule functions clear the error after calling Recover, so an
// error cannot unwind the parse any other way, and a strategy that neither
// recovers nor stops could loop forever without consuming input.
//
// A quiet strategy only notes that there is an error, without wording it:
// the fast parse, which builds no parse tree, is redone with one to report
// its errors.
type strategy struct {
	*antlr.DefaultErrorStrategy
	quiet bool
	err   *syntaxError
}

func newStrategy(quiet bool) *strategy {
	return &strategy{DefaultErrorStrategy: antlr.NewDefaultErrorStrategy(), quiet: quiet}
}

// ReportError records e unless an error was recorded already.
func (s *strategy) ReportError(p antlr.Parser, e antlr.RecognitionException) {
	if s.err != nil {
		return
	}
	if s.quiet {
		s.err = &syntaxError{}
		return
	}
	tok := e.GetOffendingToken()
	if tok == nil {
		tok = p.GetCurrentToken()
	}
	// A prediction that failed beyond its first token: the expected set
	// of the decision does not apply to the token that failed.
	// (The prediction rewound the input, so the current token is where
	// the decision started.)
	if _, ok := e.(*antlr.NoViableAltException); ok &&
		tok.GetTokenIndex() > p.GetCurrentToken().GetTokenIndex() && tok.GetTokenType() != gen.KRLLexerILLEGAL &&
		tok.GetTokenType() < gen.KRLLexerUNTERMINATED_COMMENT {
		prev := p.GetTokenStream().Get(tok.GetTokenIndex() - 1)
		s.err = &syntaxError{tok: tok, code: diag.CodeSyntax,
			msg: fmt.Sprintf("unexpected %s after `%s`", describeToken(tok), shorten(prev.GetText()))}
		return
	}
	s.record(p, tok)
}

// bailout is the panic value that stops a parse at its first error.
type bailout struct{}

// Recover stops the parse; the error was recorded by ReportError.
func (s *strategy) Recover(p antlr.Parser, _ antlr.RecognitionException) {
	panic(bailout{})
}

// RecoverInline is called when the current token does not match; it records
// the error and stops the parse.
func (s *strategy) RecoverInline(p antlr.Parser) antlr.Token {
	if s.err == nil {
		s.record(p, p.GetCurrentToken())
	}
	panic(bailout{})
}

// Sync does nothing: a wrong token is reported where a prediction or a
// match fails, which is where the most is known about it.
func (s *strategy) Sync(antlr.Parser) {}

// ReportMatch is called after every successful match; there is no error
// recovery state to reset.
func (s *strategy) ReportMatch(antlr.Parser) {}

func (s *strategy) record(p antlr.Parser, tok antlr.Token) {
	if s.quiet {
		s.err = &syntaxError{tok: tok}
		return
	}
	code, msg := describe(p, tok)
	s.err = &syntaxError{tok: tok, code: code, msg: msg}
}

// describe words the error at tok for the parser's current state.
func describe(p antlr.Parser, tok antlr.Token) (code, msg string) {
	switch tok.GetTokenType() {
	case gen.KRLLexerILLEGAL:
		return diag.CodeIllegalChar, fmt.Sprintf("unsupported character %s", quoteChar(tok.GetText()))
	case gen.KRLLexerUNTERMINATED_STRING:
		return diag.CodeUnterminated, "unterminated string: missing closing `\"`"
	case gen.KRLLexerUNTERMINATED_REGEX:
		return diag.CodeUnterminated, "unterminated regular expression: missing closing `#`"
	case gen.KRLLexerUNTERMINATED_COMMENT:
		return diag.CodeUnterminated, "unterminated comment: missing `*/`"
	}

	expected := toSet(p.GetExpectedTokens())
	ctx := p.GetParserRuleContext()
	found := describeToken(tok)
	isEOF := tok.GetTokenType() == antlr.TokenEOF

	if isEOF && expected.Contains(gen.KRLLexerCHEV_CLOSE) {
		return diag.CodeUnterminated, "unterminated chevron string: missing `>>`" + openedAt(ctx, gen.KRLLexerCHEV_CLOSE)
	}

	rule := ctx.GetRuleIndex()
	for c := ctx; c != nil; {
		// A word of a ruleset id fails inside the word rules.
		if c.GetRuleIndex() == gen.KRLParserRULE_rid {
			rule = gen.KRLParserRULE_rid
			break
		}
		switch c.GetRuleIndex() {
		case gen.KRLParserRULE_word, gen.KRLParserRULE_name, gen.KRLParserRULE_varName:
		default:
			c = nil
			continue
		}
		c, _ = c.GetParent().(antlr.ParserRuleContext)
	}
	switch rule {
	case gen.KRLParserRULE_meta:
		if isWord(tok.GetTokenType()) {
			return diag.CodeClause, fmt.Sprintf("unsupported meta property `%s`", tok.GetText())
		}
	case gen.KRLParserRULE_global, gen.KRLParserRULE_pre, gen.KRLParserRULE_block:
		if isReserved(tok.GetTokenType()) {
			return diag.CodeReserved, fmt.Sprintf("`%s` is a reserved word and cannot be used here", tok.GetText())
		}
	case gen.KRLParserRULE_rid:
		if expected.Contains(gen.KRLLexerIDENT) {
			prev := p.GetTokenStream().LT(-1)
			if prev != nil && (prev.GetTokenType() == gen.KRLLexerDOT || prev.GetTokenType() == gen.KRLLexerMINUS) {
				return diag.CodeRulesetID, fmt.Sprintf("a ruleset id cannot end with `%s`, found %s", prev.GetText(), found)
			}
			return diag.CodeRulesetID, "expected a ruleset id such as `io.picolabs.hello`, found " + found
		}
	}

	tt := tok.GetTokenType()
	if expected.Contains(gen.KRLLexerIDENT) && !expected.Contains(tt) {
		if isReserved(tt) {
			return diag.CodeReserved, fmt.Sprintf("`%s` is a reserved word and cannot be used here", tok.GetText())
		}
		if isOperatorWord(tt) && expected.Contains(gen.KRLLexerNUMBER) {
			return diag.CodeReserved, fmt.Sprintf("`%s` is an operator and cannot start an expression", tok.GetText())
		}
	}

	want := describeSet(expected)
	if expected.Contains(gen.KRLLexerIDENT) {
		switch ctx.GetRuleIndex() {
		case gen.KRLParserRULE_block, gen.KRLParserRULE_statement:
			want = strings.Replace(want, "a name", "a statement", 1)
		case gen.KRLParserRULE_global, gen.KRLParserRULE_pre:
			want = strings.Replace(want, "a name", "a declaration", 1)
		}
	}
	if want == "" {
		return diag.CodeSyntax, "unexpected " + found
	}
	// Name the construct left open when the closing bracket is all that
	// fits, or when the input ended before it.
	for _, c := range []int{gen.KRLLexerRBRACE, gen.KRLLexerRPAREN, gen.KRLLexerRBRACKET} {
		if !expected.Contains(c) || (!isEOF && len(expected.Members()) > 1) {
			continue
		}
		if o := openedAt(ctx, c); o != "" {
			return diag.CodeSyntax, "expected " + tokenName(c) + o + ", found " + found
		}
	}
	return diag.CodeSyntax, "expected " + want + ", found " + found
}

// openedAt describes the construct whose bracket the token type closer would
// close, as " to close rule `hello` opened at 3:5", or "" when no open
// bracket of that kind is found in the enclosing rule contexts.
func openedAt(ctx antlr.ParserRuleContext, closer int) string {
	opener := map[int][]int{
		gen.KRLLexerRBRACE:     {gen.KRLLexerLBRACE, gen.KRLLexerCHEV_INTERP},
		gen.KRLLexerRPAREN:     {gen.KRLLexerLPAREN},
		gen.KRLLexerRBRACKET:   {gen.KRLLexerLBRACKET},
		gen.KRLLexerCHEV_CLOSE: {gen.KRLLexerCHEV_OPEN},
	}[closer]
	for c := ctx; c != nil; {
		depth := 0
		var open antlr.Token
		for _, ch := range c.GetChildren() {
			t, ok := ch.(antlr.TerminalNode)
			if !ok {
				continue
			}
			tt := t.GetSymbol().GetTokenType()
			if tt == closer {
				depth--
				if depth < 0 {
					depth = 0
				}
				open = nil
				continue
			}
			for _, o := range opener {
				if tt == o {
					depth++
					open = t.GetSymbol()
				}
			}
		}
		if depth > 0 && open != nil {
			return fmt.Sprintf(" to close %s opened at %d:%d", constructName(c, open), open.GetLine(), open.GetColumn()+1)
		}
		parent, ok := c.GetParent().(antlr.ParserRuleContext)
		if !ok {
			break
		}
		c = parent
	}
	return ""
}

// constructName names the construct of context c, whose bracket is open.
func constructName(c antlr.ParserRuleContext, open antlr.Token) string {
	switch c := c.(type) {
	case *gen.RulesetContext:
		if c.Rid() != nil {
			return "ruleset `" + c.Rid().GetText() + "`"
		}
		return "the ruleset"
	case *gen.RuleContext:
		if c.Name() != nil {
			return "rule `" + c.Name().GetText() + "`"
		}
		return "the rule"
	case *gen.MetaContext:
		return "the meta block"
	case *gen.GlobalContext:
		return "the global block"
	case *gen.PreContext:
		return "the pre block"
	case *gen.BlockContext:
		return "the postlude block"
	case *gen.ActionBlockContext:
		return "the action block"
	case *gen.FunctionLitContext:
		return "the function body"
	case *gen.DefactionLitContext:
		return "the defaction body"
	case *gen.MapLitContext:
		return "the map"
	case *gen.ArrayLitContext:
		return "the array"
	case *gen.ChevPartContext:
		return "the interpolation"
	case *gen.ChevronLitContext:
		return "the chevron string"
	case *gen.ParenExprContext, *gen.EventParenContext:
		return "the parenthesis"
	case *gen.ActionContext, *gen.ChooseExprContext:
		return "the argument list"
	case *gen.ParamsContext:
		return "the parameter list"
	case *gen.ClearStmtContext, *gen.EntAssignStmtContext:
		return "the path"
	case *gen.ExprContext:
		// A call, a path or an index, whose bracket is the operator.
		switch open.GetTokenType() {
		case gen.KRLLexerLPAREN:
			return "the argument list"
		case gen.KRLLexerLBRACE:
			return "the path"
		case gen.KRLLexerLBRACKET:
			return "the index"
		}
	}
	return "`" + open.GetText() + "`"
}

// Token classes used to summarise expected sets.
var (
	exprStart = []int{gen.KRLLexerNUMBER, gen.KRLLexerSTRING, gen.KRLLexerREGEX, gen.KRLLexerCHEV_OPEN,
		gen.KRLLexerLPAREN, gen.KRLLexerLBRACKET, gen.KRLLexerLBRACE, gen.KRLLexerFUNCTION, gen.KRLLexerDEFACTION,
		gen.KRLLexerTRUE, gen.KRLLexerFALSE, gen.KRLLexerNULL, gen.KRLLexerNOT, gen.KRLLexerMINUS, gen.KRLLexerPLUS}
	binaryOps = []int{gen.KRLLexerSTAR, gen.KRLLexerSLASH, gen.KRLLexerPERCENT, gen.KRLLexerPLUS, gen.KRLLexerMINUS,
		gen.KRLLexerEQ, gen.KRLLexerNE, gen.KRLLexerLT, gen.KRLLexerLE, gen.KRLLexerGT, gen.KRLLexerGE,
		gen.KRLLexerLIKE, gen.KRLLexerHAS, gen.KRLLexerCMP3, gen.KRLLexerCMP, gen.KRLLexerANDAND, gen.KRLLexerOROR,
		gen.KRLLexerARROW, gen.KRLLexerDOT, gen.KRLLexerLPAREN, gen.KRLLexerLBRACKET, gen.KRLLexerLBRACE}
)

func isReserved(tt int) bool {
	switch tt {
	case gen.KRLLexerDEFACTION, gen.KRLLexerFUNCTION, gen.KRLLexerRETURN, gen.KRLLexerNOT,
		gen.KRLLexerSETTING, gen.KRLLexerNULL, gen.KRLLexerTRUE, gen.KRLLexerFALSE:
		return true
	}
	return false
}

func isOperatorWord(tt int) bool {
	return tt >= gen.KRLLexerAND && tt <= gen.KRLLexerCMP
}

// isWord reports whether tt is an identifier or any keyword.
func isWord(tt int) bool {
	return tt == gen.KRLLexerIDENT || (tt >= gen.KRLLexerDEFACTION && tt <= gen.KRLLexerPUSH)
}

// isVarName reports whether tt may name a variable in an expression.
func isVarName(tt int) bool {
	return tt == gen.KRLLexerIDENT || (tt >= gen.KRLLexerRULESET && tt <= gen.KRLLexerPUSH)
}

func containsAll(set tokenSet, tts []int) bool {
	for _, t := range tts {
		if !set.Contains(t) {
			return false
		}
	}
	return true
}

// describeSet words a set of expected tokens: whole classes become
// "an expression", "an operator" or "a name", the rest is listed.
func describeSet(set tokenSet) string {
	taken := map[int]bool{}
	var items []string
	add := func(s string, tts ...int) {
		items = append(items, s)
		for _, t := range tts {
			taken[t] = true
		}
	}
	takeWords := func() {
		for t := gen.KRLLexerDEFACTION; t <= gen.KRLLexerPUSH; t++ {
			if isVarName(t) || isOperatorWord(t) {
				taken[t] = true
			}
		}
		taken[gen.KRLLexerIDENT] = true
	}
	ops := containsAll(set, binaryOps)
	if ops {
		add("an operator", binaryOps...)
	}
	if containsAll(set, exprStart) && set.Contains(gen.KRLLexerIDENT) {
		add("an expression", exprStart...)
		takeWords()
	} else if set.Contains(gen.KRLLexerIDENT) {
		add("a name")
		takeWords()
	}
	var rest []string
	for _, t := range set.Members() {
		if !taken[t] {
			rest = append(rest, tokenName(t))
		}
	}
	items = append(rest, items...)
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	if len(items) > 6 {
		items = append(items[:5], "…")
		return "one of " + strings.Join(items, ", ")
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// tokenName names token type t for a message.
func tokenName(t int) string {
	switch t {
	case antlr.TokenEOF:
		return "end of input"
	case gen.KRLLexerNUMBER:
		return "a number"
	case gen.KRLLexerSTRING:
		return "a string"
	case gen.KRLLexerREGEX:
		return "a regular expression"
	case gen.KRLLexerIDENT:
		return "a name"
	case gen.KRLLexerCHEV_OPEN:
		return "`<<`"
	}
	names := gen.KRLParserParserStaticData.LiteralNames
	if t > 0 && t < len(names) && names[t] != "" {
		return "`" + strings.Trim(names[t], "'") + "`"
	}
	return gen.KRLParserParserStaticData.SymbolicNames[t]
}

// describeToken names the token found where the error is.
func describeToken(tok antlr.Token) string {
	switch tt := tok.GetTokenType(); {
	case tt == antlr.TokenEOF:
		return "end of input"
	case tt == gen.KRLLexerSTRING:
		return "string " + shorten(tok.GetText())
	case tt == gen.KRLLexerNUMBER:
		return "number " + tok.GetText()
	case tt == gen.KRLLexerREGEX:
		return "regular expression " + shorten(tok.GetText())
	case tt == gen.KRLLexerCHEV_TEXT:
		return "text " + strconv.Quote(shorten(tok.GetText()))
	}
	return "`" + shorten(tok.GetText()) + "`"
}

func shorten(s string) string {
	if r := []rune(s); len(r) > 24 {
		return string(r[:21]) + "…"
	}
	return s
}

func quoteChar(s string) string {
	r := []rune(s)
	if len(r) == 1 && r[0] > 0x20 && r[0] < 0x7f {
		return "`" + s + "`"
	}
	return strconv.QuoteToASCII(s)
}

// tokenSet is a set of token types, EOF and epsilon included.
type tokenSet struct {
	bits         [4]uint64
	eof, epsilon bool
}

func toSet(s *antlr.IntervalSet) tokenSet {
	var set tokenSet
	if s == nil {
		return set
	}
	for _, iv := range s.GetIntervals() {
		for t := iv.Start; t < iv.Stop; t++ {
			switch {
			case t == antlr.TokenEOF:
				set.eof = true
			case t == antlr.TokenEpsilon:
				set.epsilon = true
			case t > 0 && t < 64*len(set.bits):
				set.bits[t/64] |= 1 << (t % 64)
			}
		}
	}
	return set
}

// Contains reports whether token type t is in the set.
func (s tokenSet) Contains(t int) bool {
	switch {
	case t == antlr.TokenEOF:
		return s.eof
	case t == antlr.TokenEpsilon:
		return s.epsilon
	case t > 0 && t < 64*len(s.bits):
		return s.bits[t/64]&(1<<(t%64)) != 0
	}
	return false
}

// Members lists the token types of the set in order, EOF last.
func (s tokenSet) Members() []int {
	var out []int
	for t := 1; t < 64*len(s.bits); t++ {
		if s.Contains(t) {
			out = append(out, t)
		}
	}
	if s.eof {
		out = append(out, antlr.TokenEOF)
	}
	return out
}
