package gen

import "github.com/antlr4-go/antlr/v4"

// DepthExceeded is the panic value of a parse that nests rules deeper than the
// limit set with SetMaxDepth. At is the first token of the rule that went
// over the limit.
type DepthExceeded struct {
	At antlr.Token
}

// SetMaxDepth limits the nesting of grammar rules of the next parses to n
// levels (0: no limit) and resets the nesting count, which a parse that
// stopped with a panic leaves behind. Going over the limit panics with a
// DepthExceeded.
//
// Every bracket, operator and block nests a rule or two. A left-recursive
// rule, such as expr, counts one level however many operators it chains.
func (p *KRLParser) SetMaxDepth(n int) {
	p.maxDepth = n
	p.depth = 0
}

// The methods below override those of the runtime's BaseParser that the
// generated rule functions call on entering and leaving a rule. Counting
// the depth here rather than in a parse listener keeps the parser free of
// listeners, which would make it build parse tree nodes for every token.

// EnterRule enters a rule and checks the depth.
func (p *KRLParser) EnterRule(ctx antlr.ParserRuleContext, state, ruleIndex int) {
	p.BaseParser.EnterRule(ctx, state, ruleIndex)
	p.enter(ctx)
}

// EnterRecursionRule enters a left-recursive rule and checks the depth.
func (p *KRLParser) EnterRecursionRule(ctx antlr.ParserRuleContext, state, ruleIndex, precedence int) {
	p.BaseParser.EnterRecursionRule(ctx, state, ruleIndex, precedence)
	p.enter(ctx)
}

func (p *KRLParser) enter(ctx antlr.ParserRuleContext) {
	p.depth++
	if p.maxDepth > 0 && p.depth > p.maxDepth {
		p.depth = 0
		panic(DepthExceeded{At: ctx.GetStart()})
	}
}

// ExitRule leaves a rule.
func (p *KRLParser) ExitRule() {
	p.depth--
	p.BaseParser.ExitRule()
}

// UnrollRecursionContexts leaves a left-recursive rule.
//
// Without a parse tree, nothing would keep the consequent of a conditional
// (the b of `a => b | c`): labelling it in the grammar would make ANTLR see
// the alternative as a suffix rather than a ternary operator and change the
// precedence of `=>`. So the consequent and the alternative are added to
// the conditional's children here, as the parse tree would have them; the
// consequent is the first.
func (p *KRLParser) UnrollRecursionContexts(parent antlr.ParserRuleContext) {
	p.depth--
	ret := p.GetParserRuleContext()
	p.BaseParser.UnrollRecursionContexts(parent)
	if !p.BuildParseTrees {
		if c, ok := parent.(*ExprContext); ok && c.op != nil && c.op.GetTokenType() == KRLParserARROW {
			c.AddChild(ret)
		}
	}
}

// SetGreedyOperators makes the parser continue an expression with every
// operator that follows it (binding at least as tight as the current
// precedence), without looking further ahead: see exprLoop.
func (p *KRLParser) SetGreedyOperators(greedy bool) {
	p.greedy = greedy
}

// exprLoop predicts whether the operator loop of expr goes on (1) or ends
// (2) at the current token. generate.sh makes the generated expr call it
// instead of the runtime's AdaptivePredict.
//
// With greedy operators, the loop goes on whenever the token is an operator
// that binds at least as tight as the current precedence: a glance at one
// token. That is the reading of the reference parser, and the one SLL
// prediction makes on valid input, the long way: in a function body, `y =
// x (1)` could also end the declaration before a returned `(1)`, so the
// runtime looks ahead to the end of the body for a conflict before it
// chooses to go on, for every `(`, `{`, `[`, `-` and `+` after an
// expression anywhere, since SLL prediction does not know where it is. That
// made parsing quadratic in the length of `a + b + c ...` and filled the DFA
// cache with long paths.
//
// Without greedy operators, the runtime predicts as usual, so that the
// full LL parse that words syntax errors finds the other reading and the
// AST builder can report it (see checkContinuation in krl/internal/parse).
func (p *KRLParser) exprLoop(decision int) int {
	if !p.greedy {
		return p.GetInterpreter().AdaptivePredict(p.BaseParser, p.GetTokenStream(), decision, p.GetParserRuleContext())
	}
	if t := p.GetTokenStream().LA(1); t >= 0 && t < len(operatorPrecedence) {
		if prec := int(operatorPrecedence[t]); prec > 0 && p.Precpred(nil, prec) {
			return 1
		}
	}
	return 2
}

// operatorPrecedence is the precedence ANTLR gives the operators of expr,
// by token type: the alternatives of a left-recursive rule count down from
// 14 for the first to 1 for the last, the prefix operators taking 7.
// TestGreedyOperators checks that the greedy and the exact predictions
// agree.
var operatorPrecedence = func() (prec [KRLParserCHEV_TEXT + 1]int8) {
	for _, op := range []struct {
		prec   int8
		tokens []int
	}{
		{11, []int{KRLParserLPAREN}},
		{10, []int{KRLParserDOT}},
		{9, []int{KRLParserLBRACE}},
		{8, []int{KRLParserLBRACKET}},
		{6, []int{KRLParserSTAR, KRLParserSLASH, KRLParserPERCENT}},
		{5, []int{KRLParserPLUS, KRLParserMINUS}},
		{4, []int{KRLParserEQ, KRLParserNE, KRLParserLT, KRLParserLE, KRLParserGT, KRLParserGE,
			KRLParserLIKE, KRLParserHAS, KRLParserCMP3, KRLParserCMP}},
		{3, []int{KRLParserANDAND}},
		{2, []int{KRLParserOROR}},
		{1, []int{KRLParserARROW}},
	} {
		for _, t := range op.tokens {
			prec[t] = op.prec
		}
	}
	return prec
}()

// exprOperator predicts which operator alternative of expr the operator
// loop goes on with (its case in the generated switch). generate.sh makes
// the generated expr call it instead of the runtime's AdaptivePredict.
//
// With greedy operators it is the one the current token starts, which
// exprLoop has just found to bind tight enough: the runtime would check
// that again with the precedence predicates of the alternatives,
// allocating as it goes. Otherwise the runtime predicts as usual.
func (p *KRLParser) exprOperator(decision int) int {
	if !p.greedy {
		return p.GetInterpreter().AdaptivePredict(p.BaseParser, p.GetTokenStream(), decision, p.GetParserRuleContext())
	}
	if t := p.GetTokenStream().LA(1); t >= 0 && t < len(operatorPrecedence) {
		if prec := operatorPrecedence[t]; prec > 0 && int(prec) < len(exprAlts) && exprAlts[prec] > 0 {
			return exprAlts[prec]
		}
	}
	return antlr.ATNInvalidAltNumber
}
