package gen

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/antlr4-go/antlr/v4"
)

// lexANTLR returns the tokens of src as the generated KRLLexer, run by the
// runtime, makes them: the reference for the scanner.
func lexANTLR(src string) []Token {
	// Byte offsets of the runes, as []rune(src) reads them.
	var byteAt []int
	for i := 0; i < len(src); {
		_, n := utf8.DecodeRuneInString(src[i:])
		byteAt = append(byteAt, i)
		i += n
	}
	byteAt = append(byteAt, len(src))

	l := NewKRLLexer(antlr.NewInputStream(src))
	l.RemoveErrorListeners()
	var out []Token
	for {
		t := l.NextToken()
		start := t.GetStart()
		if start > len(byteAt)-1 {
			start = len(byteAt) - 1
		}
		out = append(out, Token{text: t.GetText(), typ: int32(t.GetTokenType()), index: int32(len(out)),
			start: int32(t.GetStart()), stop: int32(t.GetStop()), offset: int32(byteAt[start]),
			line: int32(t.GetLine()), column: int32(t.GetColumn())})
		if t.GetTokenType() == antlr.TokenEOF {
			return out
		}
	}
}

// checkScan reports the first token where the scanner and KRLLexer differ.
func checkScan(t *testing.T, name, src string) {
	t.Helper()
	got, want := scan(src, nil), lexANTLR(src)
	for i := 0; i < len(got) || i < len(want); i++ {
		var g, w Token
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			t.Errorf("%s: token %d differs:\n got  %s offset %d\n want %s offset %d\nsource %q", name, i, g.String(), g.offset, w.String(), w.offset, src)
			return
		}
	}
}

// TestScanMatchesLexer checks that the scanner makes the tokens KRLLexer
// makes, on tricky cases, on every KRL file of the testdata and on random
// sources.
func TestScanMatchesLexer(t *testing.T) {
	cases := []string{
		"", " ", "\n\n", "a", "re", "re#", "re#a#", "re#a#gimx", "re#a\\#b#g2", "re#\\", "re#a\\", "rex#a#", "are#a#",
		"1", "1.", "1.5", "1.5.floor()", ".5", "..5", "1e5", "1.2.3", ". 5",
		`"`, `"a`, `"a\"`, `"a\`, `"a\\"`, "\"a\nb\"", `"é"`, `""`, "\"\\\n\"",
		"/", "//", "// c", "//c\r\nx", "/*", "/*/", "/**/", "/* * / */x", "/* **", "/* *a", "/*\n*/y", "a/b",
		"<", "<=", "<=>", "<<", "<<=", "<<>>", "<<a>>", "<<#{a}>>", "<<#{ {} }>>", "<<#>>", "<<a#b>c>>", "<<\\>>>", "<<\\", "<<a\\", "<<\\#{x}>>", "<<#{<<#{x}>>}>>",
		"}", "}}", "{}}", "<<a}b>>", "<<#{ } }>>", "#", "#{", "@", "&", "&&", "&&&", "!", "!=", "!==", "|", "||", "|||", "=", "==", "===", "=>", ":", ":=", ">", ">=", "><", ">>",
		"ruleset", "rulesets", "select$", "_x", "$", "a1", "1a", "not", "NOT", "Select",
		"\u00a0x\u2000y\u3000z\ufeff", "\u2028\u2029\u202f\u205f\u1680", "é", "a\u00e9b", "\xff", "a\xffb", "\"\xff\"", "<<\xff>>", "\x00", "\t\v\f\r",
		"x = 1 {\"a\": 2}", "ent:x{[\"a\"]} := 3", "select when a b where c > 1 setting(d)",
	}
	for _, c := range cases {
		checkScan(t, fmt.Sprintf("case %q", c), c)
	}

	var files []string
	for _, pattern := range []string{"../../testdata/*/*.krl", "../../testdata/*/*.src"} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	if dir := os.Getenv("KRL_CORPUS"); dir != "" {
		m, _ := filepath.Glob(filepath.Join(dir, "*.krl"))
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no test files")
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkScan(t, f, string(src))
	}

	// Random sources from pieces that start or end tokens.
	pieces := []string{"a", "re", "#", "{", "}", "<<", ">>", ">", "<", "=", ":", "\"", "\\", "/", "*", ".", "1", " ", "\n",
		"é", "\u2000", "\xff", "&", "|", "!", "select", "$", "g", "-", "\r"}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := rng.Intn(12); n >= 0; n-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		checkScan(t, "random", b.String())
		if t.Failed() {
			return
		}
	}
}

// FuzzScan checks that the scanner makes the tokens KRLLexer makes.
func FuzzScan(f *testing.F) {
	for _, s := range []string{"ruleset a { rule b { select when c d } }", "<<a #{b} c>>", "re#x#g \"s\\\"\" /* c */ 1.5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		checkScan(t, "fuzz", src)
	})
}

// BenchmarkLex compares the scanner with the generated lexer run by the
// runtime.
func BenchmarkLex(b *testing.B) {
	src, err := os.ReadFile("../../testdata/bench/large.krl")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("scanner", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		for b.Loop() {
			a := NewArena()
			Lex("large.krl", src, a)
			a.Release()
		}
	})
	b.Run("antlr", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		for b.Loop() {
			lexANTLR(string(src))
		}
	})
}
