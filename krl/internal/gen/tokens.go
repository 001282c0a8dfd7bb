package gen

import (
	"strings"

	"github.com/antlr4-go/antlr/v4"
)

// Token is a token of KRL source as Lex makes it: all tokens of a source
// live in one slice and their text is a substring of the source, so that
// lexing allocates next to nothing per token.
//
// Token implements antlr.Token. It has no token source or input stream
// (GetSource, GetTokenSource and GetInputStream return nil): the parsers of
// this package never ask for them, since the error strategy of
// krl/internal/parse does not conjure up missing tokens.
type Token struct {
	text         string
	typ          int32
	index        int32
	start, stop  int32 // offsets in runes, as ANTLR counts them
	offset       int32 // byte offset of the first character
	line, column int32
}

// GetSource returns nil: see the type's comment.
func (t *Token) GetSource() *antlr.TokenSourceCharStreamPair { return nil }

// GetTokenType returns the type of the token, one of the KRLLexer constants
// or antlr.TokenEOF.
func (t *Token) GetTokenType() int { return int(t.typ) }

// GetChannel returns antlr.TokenDefaultChannel: KRL skips what it does not
// parse.
func (t *Token) GetChannel() int { return antlr.TokenDefaultChannel }

// GetStart returns the offset of the token's first character, in runes.
func (t *Token) GetStart() int { return int(t.start) }

// GetStop returns the offset of the token's last character, in runes.
func (t *Token) GetStop() int { return int(t.stop) }

// Offset returns the offset of the token's first character in the source,
// in bytes.
func (t *Token) Offset() int { return int(t.offset) }

// GetLine returns the line of the token's first character, from 1.
func (t *Token) GetLine() int { return int(t.line) }

// GetColumn returns the column of the token's first character in runes,
// from 0.
func (t *Token) GetColumn() int { return int(t.column) }

// GetText returns the source text of the token, or "<EOF>" at the end.
func (t *Token) GetText() string { return t.text }

// SetText replaces the text of the token.
func (t *Token) SetText(s string) { t.text = s }

// GetTokenIndex returns the index of the token in its stream.
func (t *Token) GetTokenIndex() int { return int(t.index) }

// SetTokenIndex sets the index of the token in its stream.
func (t *Token) SetTokenIndex(v int) { t.index = int32(v) }

// GetTokenSource returns nil: see the type's comment.
func (t *Token) GetTokenSource() antlr.TokenSource { return nil }

// GetInputStream returns nil: see the type's comment.
func (t *Token) GetInputStream() antlr.CharStream { return nil }

// String describes the token for debugging.
func (t *Token) String() string {
	var b strings.Builder
	b.WriteString("[@")
	writeInt(&b, int(t.index))
	b.WriteString(",")
	writeInt(&b, int(t.start))
	b.WriteString(":")
	writeInt(&b, int(t.stop))
	b.WriteString("='")
	r := strings.NewReplacer("\n", `\n`, "\r", `\r`, "\t", `\t`)
	b.WriteString(r.Replace(t.text))
	b.WriteString("',<")
	writeInt(&b, int(t.typ))
	b.WriteString(">,")
	writeInt(&b, int(t.line))
	b.WriteString(":")
	writeInt(&b, int(t.column))
	b.WriteString("]")
	return b.String()
}

func writeInt(b *strings.Builder, n int) {
	if n < 0 {
		b.WriteByte('-')
		n = -n
	}
	if n >= 10 {
		writeInt(b, n/10)
	}
	b.WriteByte(byte('0' + n%10))
}

// TokenStream is an antlr.TokenStream over the tokens of a whole source,
// made at once by Lex. Seeking and looking ahead are plain slice indexing.
type TokenStream struct {
	tokens []Token // the last one is EOF
	pos    int
	name   string
}

// Lex splits src into the tokens KRLLexer makes of it (with a faster
// scanner; see scanner). name is the source name the stream reports. The
// tokens come from arena a when it is not nil. Lex does not fail:
// characters that start no token become ILLEGAL tokens, and unterminated
// literals UNTERMINATED_* tokens, which no parser rule accepts.
//
// Token offsets are in runes like everywhere in ANTLR; Token.Offset gives
// the byte offset. A source that is not valid UTF-8 is read as
// []rune(string(src)) reads it, with one U+FFFD per bad byte.
func Lex(name string, src []byte, a *Arena) *TokenStream {
	var buf []Token
	if a != nil {
		buf = a.tokens[:0]
	}
	tokens := scan(string(src), buf)
	if a != nil {
		a.tokens = tokens
	}
	return &TokenStream{tokens: tokens, name: name}
}

// Consume moves to the next token; the end of input cannot be consumed.
func (s *TokenStream) Consume() {
	if s.tokens[s.pos].typ == antlr.TokenEOF {
		panic("cannot consume EOF")
	}
	s.pos++
}

// LA returns the type of the token i places ahead (1 is the current token)
// or behind (-1 is the previous token); 0 before the first token.
func (s *TokenStream) LA(i int) int {
	switch {
	case i > 0:
		return int(s.tokens[min(s.pos+i-1, len(s.tokens)-1)].typ)
	case i < 0 && s.pos+i >= 0:
		return int(s.tokens[s.pos+i].typ)
	}
	return antlr.TokenInvalidType
}

// LT returns the token i places ahead (1 is the current token) or behind
// (-1 is the previous token): EOF past the end and nil before the start or
// for 0.
func (s *TokenStream) LT(i int) antlr.Token {
	switch {
	case i > 0:
		return &s.tokens[min(s.pos+i-1, len(s.tokens)-1)]
	case i < 0 && s.pos+i >= 0:
		return &s.tokens[s.pos+i]
	}
	return nil
}

// Mark does nothing: all tokens stay available.
func (s *TokenStream) Mark() int { return -1 }

// Release does nothing: all tokens stay available.
func (s *TokenStream) Release(int) {}

// Index returns the index of the current token.
func (s *TokenStream) Index() int { return s.pos }

// Seek makes the token at index i the current one.
func (s *TokenStream) Seek(i int) {
	s.pos = min(max(i, 0), len(s.tokens)-1)
}

// Size returns the number of tokens, EOF included.
func (s *TokenStream) Size() int { return len(s.tokens) }

// GetSourceName returns the name given to Lex.
func (s *TokenStream) GetSourceName() string { return s.name }

// Reset goes back to the first token.
func (s *TokenStream) Reset() { s.pos = 0 }

// Get returns the token at index i.
func (s *TokenStream) Get(i int) antlr.Token { return &s.tokens[i] }

// GetTokenSource returns nil: the tokens come from Lex, not from a token
// source.
func (s *TokenStream) GetTokenSource() antlr.TokenSource { return nil }

// SetTokenSource panics: the tokens are made once, by Lex.
func (s *TokenStream) SetTokenSource(antlr.TokenSource) {
	panic("gen: a TokenStream cannot change its token source")
}

// GetAllText returns the text of all tokens, joined.
func (s *TokenStream) GetAllText() string {
	return s.GetTextFromInterval(antlr.NewInterval(0, len(s.tokens)-1))
}

// GetTextFromInterval returns the text of the tokens from index iv.Start to
// iv.Stop, joined, without the end of input.
func (s *TokenStream) GetTextFromInterval(iv antlr.Interval) string {
	start, stop := iv.Start, min(iv.Stop, len(s.tokens)-1)
	if start < 0 || stop < 0 {
		return ""
	}
	var b strings.Builder
	for i := start; i <= stop && s.tokens[i].typ != antlr.TokenEOF; i++ {
		b.WriteString(s.tokens[i].text)
	}
	return b.String()
}

// GetTextFromRuleContext returns the text of the tokens of ctx, joined.
func (s *TokenStream) GetTextFromRuleContext(ctx antlr.RuleContext) string {
	return s.GetTextFromInterval(ctx.GetSourceInterval())
}

// GetTextFromTokens returns the text of the tokens from start to end,
// joined.
func (s *TokenStream) GetTextFromTokens(start, end antlr.Token) string {
	if start == nil || end == nil {
		return ""
	}
	return s.GetTextFromInterval(antlr.NewInterval(start.GetTokenIndex(), end.GetTokenIndex()))
}
