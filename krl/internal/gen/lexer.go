package gen

import "github.com/antlr4-go/antlr/v4"

// PushMode enters lexer mode m, remembering the current one. It overrides the
// runtime's method to count the modes on the stack.
func (l *KRLLexer) PushMode(m int) {
	l.modeDepth++
	l.BaseLexer.PushMode(m)
	l.curMode = m
}

// PopMode returns to the mode saved by the matching PushMode. Every `{`
// pushes a mode and every `}` pops one, so an unbalanced `}` would pop an
// empty stack, which panics in the runtime; here it leaves the mode alone
// and the parser reports the stray `}`.
func (l *KRLLexer) PopMode() int {
	if l.modeDepth == 0 {
		return antlr.LexerDefaultMode
	}
	l.modeDepth--
	l.curMode = l.BaseLexer.PopMode()
	return l.curMode
}

// lexAll runs the lexer over input to its end and hands every token to
// emit, the end of input last. It does what the runtime's NextToken does
// for each token, without its two deferred calls per token and without
// allocating a token object.
func (l *KRLLexer) lexAll(input antlr.CharStream, emit func(typ, start, stop, line, column int)) {
	for !l.lexFrom(input, emit) {
	}
}

// lexFrom lexes from the current position on and reports whether it got to
// the end. A character that no rule matches (the grammar has a rule for
// every character, so this is only a safety net) is skipped, as the
// runtime's lexer does.
func (l *KRLLexer) lexFrom(input antlr.CharStream, emit func(typ, start, stop, line, column int)) (done bool) {
	sim := l.Interpreter
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(antlr.RecognitionException); !ok {
				panic(r)
			}
			if input.LA(1) != antlr.TokenEOF {
				sim.Consume(input)
			}
		}
	}()
	for {
		start, line, column := input.Index(), sim.GetLine(), sim.GetCharPositionInLine()
		if input.LA(1) == antlr.TokenEOF {
			emit(antlr.TokenEOF, start, start-1, line, column)
			return true
		}
		l.SetType(antlr.TokenInvalidType)
		typ := sim.Match(input, l.curMode)
		if t := l.GetType(); t != antlr.TokenInvalidType {
			typ = t // set by an action: skip
		}
		if typ == antlr.LexerSkip {
			continue
		}
		emit(typ, start, input.Index()-1, line, column)
	}
}
