package gen

import "github.com/antlr4-go/antlr/v4"

// DepthError is the panic value of a parse that nests rules deeper than the
// limit set with SetMaxDepth. At is the first token of the rule that went
// over the limit.
type DepthError struct {
	At antlr.Token
}

// SetMaxDepth limits the nesting of grammar rules of the next parses to n
// levels (0: no limit) and resets the nesting count, which a parse that
// stopped with a panic leaves behind. Going over the limit panics with a
// DepthError.
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
		panic(DepthError{At: ctx.GetStart()})
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
