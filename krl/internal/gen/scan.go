package gen

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/antlr4-go/antlr/v4"
)

// scanner splits a source into the tokens KRLLexer makes of it, straight
// from the bytes. The runtime's lexer simulates the lexer's DFA one
// character at a time through interface calls and a lock per character;
// for KRL's simple tokens a hand-written loop does the same work in a
// twentieth of the time. KRLLexer.g4 stays the definition of the tokens:
// TestScanMatchesLexer and FuzzScan check that both agree.
//
// Offsets, lines and columns count runes as ANTLR does, an invalid UTF-8
// byte being one rune (U+FFFD).
type scanner struct {
	src        string
	valid      bool // src is valid UTF-8
	pos        int  // byte offset
	rpos       int  // rune offset
	line, col  int  // of pos: line from 1, column from 0
	inChevrons bool // the current mode is CHEVRON
	chevrons   []bool
	tokens     []Token

	// Where the current token starts.
	startPos, startRune, startLine, startCol int
}

// keywords maps the text of every keyword token to its type, from the
// literal names of the parser, which are the lexer's (the static data of
// the lexer would cost deserializing its ATN, which the scanner does not
// need).
var keywords = sync.OnceValue(func() map[string]int {
	KRLParserInit()
	m := make(map[string]int)
	for t, lit := range KRLParserParserStaticData.LiteralNames {
		if len(lit) > 2 && lit[1] >= 'a' && lit[1] <= 'z' {
			m[strings.Trim(lit, "'")] = t
		}
	}
	return m
})

// scan appends the tokens of src to buf, the end of input last.
func scan(src string, buf []Token) []Token {
	s := &scanner{src: src, valid: utf8.ValidString(src), line: 1, tokens: buf}
	if s.tokens == nil {
		// Most tokens of real code take more than four bytes with the
		// space around them; the slice rarely grows.
		s.tokens = make([]Token, 0, len(src)/4+16)
	}
	kw := keywords()
	for {
		s.startPos, s.startRune, s.startLine, s.startCol = s.pos, s.rpos, s.line, s.col
		if s.pos >= len(s.src) {
			s.tokens = append(s.tokens, Token{text: "<EOF>", typ: antlr.TokenEOF, index: int32(len(s.tokens)),
				start: int32(s.rpos), stop: int32(s.rpos - 1), offset: int32(s.pos), line: int32(s.line), column: int32(s.col)})
			return s.tokens
		}
		if s.inChevrons {
			s.chevron()
			continue
		}
		c := s.src[s.pos]
		switch {
		case isIdentStart(c):
			end, lower := s.pos+1, c >= 'a' && c <= 'z'
			for end < len(s.src) && isIdentPart(s.src[end]) {
				lower = lower && s.src[end] >= 'a' && s.src[end] <= 'z'
				end++
			}
			word := s.src[s.pos:end]
			if word == "re" && end < len(s.src) && s.src[end] == '#' {
				s.regex()
				continue
			}
			s.advanceASCII(end - s.pos)
			typ := KRLLexerIDENT
			if lower { // keywords are lower-case letters only
				if t, ok := kw[word]; ok {
					typ = t
				}
			}
			s.token(typ)
		case c >= '0' && c <= '9':
			s.advanceASCII(s.digits(s.pos))
			if s.peek(0) == '.' && isDigit(s.peek(1)) {
				s.advanceASCII(1 + s.digits(s.pos+1))
			}
			s.token(KRLLexerNUMBER)
		case c == '"':
			s.stringLit()
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f' || c >= utf8.RuneSelf:
			if !s.space() {
				s.advanceRune()
				s.token(KRLLexerILLEGAL)
			}
		default:
			s.punct(c)
		}
	}
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$'
}

func isIdentPart(c byte) bool { return isIdentStart(c) || isDigit(c) }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// digits returns the number of digits from byte offset i.
func (s *scanner) digits(i int) int {
	n := 0
	for i+n < len(s.src) && isDigit(s.src[i+n]) {
		n++
	}
	return n
}

// peek returns the byte i places after the current one, or 0 past the end.
func (s *scanner) peek(i int) byte {
	if s.pos+i < len(s.src) {
		return s.src[s.pos+i]
	}
	return 0
}

// token emits a token from the start of the current one to the current
// position.
func (s *scanner) token(typ int) {
	text := s.src[s.startPos:s.pos]
	if !s.valid && !utf8.ValidString(text) {
		text = string([]rune(text)) // one U+FFFD per bad byte, as ANTLR reads it
	}
	s.tokens = append(s.tokens, Token{text: text, typ: int32(typ), index: int32(len(s.tokens)),
		start: int32(s.startRune), stop: int32(s.rpos - 1), offset: int32(s.startPos),
		line: int32(s.startLine), column: int32(s.startCol)})
}

// advanceASCII moves n bytes ahead over ASCII characters other than a
// newline.
func (s *scanner) advanceASCII(n int) {
	s.pos += n
	s.rpos += n
	s.col += n
}

// advanceRune moves one rune ahead.
func (s *scanner) advanceRune() {
	c := s.src[s.pos]
	switch {
	case c == '\n':
		s.pos++
		s.line++
		s.col = 0
		s.rpos++
		return
	case c < utf8.RuneSelf:
		s.pos++
	default:
		_, n := utf8.DecodeRuneInString(s.src[s.pos:])
		s.pos += n
	}
	s.rpos++
	s.col++
}

// toEnd moves to the end of the source.
func (s *scanner) toEnd() {
	for s.pos < len(s.src) {
		s.advanceRune()
	}
}

// space skips a run of white space and reports whether there was one.
func (s *scanner) space() bool {
	start := s.pos
	for s.pos < len(s.src) {
		switch c := s.src[s.pos]; c {
		case '\n':
			s.pos++
			s.rpos++
			s.line++
			s.col = 0
		case ' ', '\t', '\r', '\v', '\f':
			s.pos++
			s.rpos++
			s.col++
		default:
			if c < utf8.RuneSelf {
				return s.pos > start
			}
			r, n := utf8.DecodeRuneInString(s.src[s.pos:])
			if !isSpace(r) {
				return s.pos > start
			}
			s.pos += n
			s.rpos++
			s.col++
		}
	}
	return s.pos > start
}

// isSpace reports whether r is a non-ASCII white space character, what
// JavaScript's \s matches.
func isSpace(r rune) bool {
	switch r {
	case 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

// stringLit scans a string literal, or an unterminated one.
func (s *scanner) stringLit() {
	s.advanceASCII(1)
	for s.pos < len(s.src) {
		switch s.src[s.pos] {
		case '"':
			s.advanceASCII(1)
			s.token(KRLLexerSTRING)
			return
		case '\\':
			s.advanceASCII(1)
			if s.pos == len(s.src) {
				break
			}
			s.advanceRune()
		default:
			s.advanceRune()
		}
	}
	s.token(KRLLexerUNTERMINATED_STRING)
}

// regex scans `re#...#flags`, or an unterminated regular expression.
func (s *scanner) regex() {
	s.advanceASCII(3)
	for s.pos < len(s.src) {
		switch s.src[s.pos] {
		case '#':
			s.advanceASCII(1)
			for s.pos < len(s.src) && (s.src[s.pos] == 'g' || s.src[s.pos] == 'i' || s.src[s.pos] == 'm') {
				s.advanceASCII(1)
			}
			s.token(KRLLexerREGEX)
			return
		case '\\':
			s.advanceASCII(1)
			if s.pos == len(s.src) {
				break
			}
			s.advanceRune()
		default:
			s.advanceRune()
		}
	}
	s.token(KRLLexerUNTERMINATED_REGEX)
}

// punct scans punctuation, a comment or an illegal character starting
// with the ASCII character c.
func (s *scanner) punct(c byte) {
	typ, n := KRLLexerILLEGAL, 1
	next := s.peek(1)
	switch c {
	case '{':
		typ = KRLLexerLBRACE
		s.chevrons = append(s.chevrons, s.inChevrons)
	case '}':
		typ = KRLLexerRBRACE
		s.pop()
	case '(':
		typ = KRLLexerLPAREN
	case ')':
		typ = KRLLexerRPAREN
	case '[':
		typ = KRLLexerLBRACKET
	case ']':
		typ = KRLLexerRBRACKET
	case '<':
		switch {
		case next == '=' && s.peek(2) == '>':
			typ, n = KRLLexerCMP3, 3
		case next == '=':
			typ, n = KRLLexerLE, 2
		case next == '<':
			typ, n = KRLLexerCHEV_OPEN, 2
			s.chevrons = append(s.chevrons, s.inChevrons)
			s.inChevrons = true
		default:
			typ = KRLLexerLT
		}
	case '|':
		typ = KRLLexerPIPE
		if next == '|' {
			typ, n = KRLLexerOROR, 2
		}
	case '=':
		switch next {
		case '=':
			typ, n = KRLLexerEQ, 2
		case '>':
			typ, n = KRLLexerARROW, 2
		default:
			typ = KRLLexerASSIGN
		}
	case ':':
		typ = KRLLexerCOLON
		if next == '=' {
			typ, n = KRLLexerCOLON_ASSIGN, 2
		}
	case '>':
		switch next {
		case '=':
			typ, n = KRLLexerGE, 2
		case '<':
			typ, n = KRLLexerHAS, 2
		default:
			typ = KRLLexerGT
		}
	case '&':
		if next == '&' {
			typ, n = KRLLexerANDAND, 2
		}
	case '!':
		if next == '=' {
			typ, n = KRLLexerNE, 2
		}
	case ',':
		typ = KRLLexerCOMMA
	case '/':
		switch next {
		case '/':
			s.advanceASCII(2)
			for s.pos < len(s.src) && s.src[s.pos] != '\n' && s.src[s.pos] != '\r' {
				s.advanceRune()
			}
			return
		case '*':
			end := strings.Index(s.src[s.pos+2:], "*/")
			if end < 0 {
				s.toEnd()
				s.token(KRLLexerUNTERMINATED_COMMENT)
				return
			}
			for stop := s.pos + 2 + end + 2; s.pos < stop; {
				s.advanceRune()
			}
			return
		}
		typ = KRLLexerSLASH
	case '.':
		if isDigit(next) {
			s.advanceASCII(1 + s.digits(s.pos+1))
			s.token(KRLLexerNUMBER)
			return
		}
		typ = KRLLexerDOT
	case '-':
		typ = KRLLexerMINUS
	case '%':
		typ = KRLLexerPERCENT
	case '+':
		typ = KRLLexerPLUS
	case ';':
		typ = KRLLexerSEMI
	case '*':
		typ = KRLLexerSTAR
	}
	if typ == KRLLexerILLEGAL {
		s.advanceRune() // the character may be a control character or a newline-less byte
	} else {
		s.advanceASCII(n)
	}
	s.token(typ)
}

// pop returns to the mode before the last push; with nothing pushed, the
// mode stays, as KRLLexer.PopMode does.
func (s *scanner) pop() {
	if n := len(s.chevrons); n > 0 {
		s.inChevrons = s.chevrons[n-1]
		s.chevrons = s.chevrons[:n-1]
	}
}

// chevron scans a token of chevron text.
func (s *scanner) chevron() {
	switch s.src[s.pos] {
	case '>':
		if s.peek(1) == '>' {
			s.advanceASCII(2)
			s.pop()
			s.token(KRLLexerCHEV_CLOSE)
			return
		}
		s.advanceASCII(1)
		s.token(KRLLexerCHEV_GT)
		return
	case '#':
		if s.peek(1) == '{' {
			s.advanceASCII(2)
			s.chevrons = append(s.chevrons, true)
			s.inChevrons = false
			s.token(KRLLexerCHEV_INTERP)
			return
		}
		s.advanceASCII(1)
		s.token(KRLLexerCHEV_HASH)
		return
	case '\\':
		if s.pos+1 == len(s.src) {
			s.advanceASCII(1)
			s.token(KRLLexerCHEV_TEXT)
			return
		}
	}
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		if c == '#' || c == '>' || c == '\\' && s.pos+1 == len(s.src) {
			break
		}
		if c == '\\' {
			s.advanceASCII(1)
		}
		s.advanceRune()
	}
	s.token(KRLLexerCHEV_TEXT)
}
