package gen

import (
	"os"
	"testing"

	"github.com/antlr4-go/antlr/v4"
)

func TestSlab(t *testing.T) {
	var s slab[ExprContext]
	var chunks int
	var first []*ExprContext
	for i := 0; i < 100; i++ {
		c := s.alloc(&chunks)
		c.RuleIndex = i + 1
		first = append(first, c)
	}
	if chunks != 4 { // 8 + 16 + 32 + 64 values
		t.Errorf("allocated %d chunks, want 4", chunks)
	}
	s.release()
	for i, c := range first {
		if c.RuleIndex != 0 {
			t.Fatalf("value %d not zeroed by release", i)
		}
	}
	for i := 0; i < 120; i++ {
		if c := s.alloc(&chunks); c.RuleIndex != 0 {
			t.Fatalf("value %d after release is not zero", i)
		}
	}
	if chunks != 4 {
		t.Errorf("allocated %d chunks after release, want the same 4", chunks)
	}
}

// parseFile parses the benchmark ruleset with the contexts and tokens from
// a and returns a summary of the tree: the rule index of every context
// reached through the labels of the rules and the number of tokens.
func parseFile(t *testing.T, src []byte, a *Arena) (rules int, tokens int) {
	t.Helper()
	s := Lex("large.krl", src, a)
	p := NewKRLParser(s)
	p.RemoveErrorListeners()
	p.SetArena(a)
	p.BuildParseTrees = false
	p.GetInterpreter().SetPredictionMode(antlr.PredictionModeSLL)
	f := p.File().(*FileContext)
	if p.HasError() {
		t.Fatal("parse error")
	}
	return len(f.GetR().(*RulesetContext).GetRules()), s.Size()
}

func TestArena(t *testing.T) {
	src, err := os.ReadFile("../../testdata/bench/large.krl")
	if err != nil {
		t.Fatal(err)
	}
	wantRules, wantTokens := parseFile(t, src, nil)
	a := NewArena()
	for i := 0; i < 3; i++ {
		rules, tokens := parseFile(t, src, a)
		if rules != wantRules || tokens != wantTokens {
			t.Errorf("parse %d with an arena: %d rules and %d tokens, want %d and %d", i, rules, tokens, wantRules, wantTokens)
		}
		if a.chunks == 0 || len(a.tokens) != tokens {
			t.Errorf("parse %d did not allocate from the arena", i)
		}
		chunks := a.chunks
		a.Release()
		if a.chunks != chunks {
			t.Errorf("Release allocated chunks")
		}
		for _, tok := range a.tokens[:cap(a.tokens)] {
			if tok != (Token{}) {
				t.Fatal("Release left a token behind")
			}
		}
	}
}
