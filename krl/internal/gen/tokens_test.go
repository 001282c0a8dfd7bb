package gen

import (
	"fmt"
	"slices"
	"testing"

	"github.com/antlr4-go/antlr/v4"
)

func TestTokenStream(t *testing.T) {
	s := Lex("test.krl", []byte("a = 1 // c\n  é"), nil)
	types := []int{KRLLexerIDENT, KRLLexerASSIGN, KRLLexerNUMBER, KRLLexerILLEGAL, antlr.TokenEOF}
	if s.Size() != len(types) {
		t.Fatalf("Size() = %d, want %d", s.Size(), len(types))
	}
	for i, want := range types {
		if got := s.Get(i).GetTokenType(); got != want {
			t.Errorf("Get(%d) is type %d, want %d", i, got, want)
		}
	}

	tests := []struct {
		name      string
		seek      int
		la        int
		wantType  int
		wantIndex int // -1: LT returns nil
	}{
		{"first", 0, 1, KRLLexerIDENT, 0},
		{"ahead", 0, 3, KRLLexerNUMBER, 2},
		{"past the end", 0, 9, antlr.TokenEOF, 4},
		{"behind", 2, -1, KRLLexerASSIGN, 1},
		{"before the start", 0, -1, antlr.TokenInvalidType, -1},
		{"zero", 1, 0, antlr.TokenInvalidType, -1},
		{"seek past the end", 99, 1, antlr.TokenEOF, 4},
		{"seek before the start", -3, 1, KRLLexerIDENT, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s.Seek(tt.seek)
			if got := s.LA(tt.la); got != tt.wantType {
				t.Errorf("LA(%d) = %d, want %d", tt.la, got, tt.wantType)
			}
			tok := s.LT(tt.la)
			switch {
			case tt.wantIndex < 0 && tok != nil:
				t.Errorf("LT(%d) = %v, want nil", tt.la, tok)
			case tt.wantIndex >= 0 && (tok == nil || tok.GetTokenIndex() != tt.wantIndex):
				t.Errorf("LT(%d) = %v, want token %d", tt.la, tok, tt.wantIndex)
			}
		})
	}

	s.Seek(0)
	s.Consume()
	s.Consume()
	if s.Index() != 2 || s.LT(1).GetText() != "1" {
		t.Errorf("after two Consume: index %d, LT(1) %q", s.Index(), s.LT(1).GetText())
	}
	s.Seek(4)
	func() {
		defer func() {
			if recover() == nil {
				t.Error("Consume at the end of input did not panic")
			}
		}()
		s.Consume()
	}()

	if got := s.GetAllText(); got != "a=1é" {
		t.Errorf("GetAllText() = %q", got)
	}
	if got := s.GetTextFromTokens(s.Get(1), s.Get(2)); got != "=1" {
		t.Errorf("GetTextFromTokens = %q", got)
	}
	if got := s.GetSourceName(); got != "test.krl" {
		t.Errorf("GetSourceName() = %q", got)
	}
}

func TestToken(t *testing.T) {
	s := Lex("", []byte("x\n  é <<y>>"), nil)
	tests := []struct {
		index               int
		text                string
		start, stop, offset int
		line, column        int
	}{
		{0, "x", 0, 0, 0, 1, 0},
		{1, "é", 4, 4, 4, 2, 2},
		{2, "<<", 6, 7, 7, 2, 4},
		{3, "y", 8, 8, 9, 2, 6},
		{5, "<EOF>", 11, 10, 12, 2, 9},
	}
	for _, tt := range tests {
		tok := s.Get(tt.index).(*Token)
		got := []int{tok.GetStart(), tok.GetStop(), tok.Offset(), tok.GetLine(), tok.GetColumn()}
		want := []int{tt.start, tt.stop, tt.offset, tt.line, tt.column}
		if tok.GetText() != tt.text || !slices.Equal(got, want) {
			t.Errorf("token %d: %q %v, want %q %v", tt.index, tok.GetText(), got, tt.text, want)
		}
	}
	if got, want := s.Get(0).String(), fmt.Sprintf("[@0,0:0='x',<%d>,1:0]", KRLLexerIDENT); got != want {
		t.Errorf("String() = %s, want %s", got, want)
	}
}
