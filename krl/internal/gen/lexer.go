package gen

import "github.com/antlr4-go/antlr/v4"

// PushMode enters lexer mode m, remembering the current one. It overrides the
// runtime's method to count the modes on the stack.
func (l *KRLLexer) PushMode(m int) {
	l.modeDepth++
	l.BaseLexer.PushMode(m)
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
	return l.BaseLexer.PopMode()
}
