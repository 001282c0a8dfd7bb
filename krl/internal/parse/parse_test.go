package parse

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/antlr4-go/antlr/v4"

	"github.com/gopico/pico/krl/internal/gen"
)

// validFiles returns the valid rulesets of the testdata, and those below the
// directory named by KRL_CORPUS but the two the reference rejects (see
// TestCorpus in package krl).
func validFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{"../../testdata/parse/*.krl", "../../testdata/bench/*.krl"} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	if dir := os.Getenv("KRL_CORPUS"); dir != "" {
		err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || filepath.Ext(path) != ".krl" {
				return err
			}
			key := strings.ReplaceAll(filepath.ToSlash(path), "/", "_")
			if !strings.HasSuffix(key, "legacy_krl_io.picolabs.wrangler.krl") && !strings.HasSuffix(key, "samples_echo_server.krl") {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(files) == 0 {
		t.Fatal("no test files")
	}
	return files
}

// TestSLLSuffices checks that valid rulesets parse in the first, fast pass:
// SLL prediction without a parse tree, with no fallback to full LL.
func TestSLLSuffices(t *testing.T) {
	for _, f := range validFiles(t) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p := gen.NewKRLParser(gen.Lex(f, src, nil))
		p.RemoveErrorListeners()
		p.BuildParseTrees = false
		_, serr, deep := parseOnce(p, func(p *gen.KRLParser) antlr.ParserRuleContext { return p.File() }, antlr.PredictionModeSLL)
		if serr != nil || deep != nil {
			t.Errorf("%s: the SLL pass failed", f)
		}
	}
}

// fullContext is an error listener that notes the rules of the decisions
// for which LL prediction had to look at the full context, the ones where
// SLL prediction meets a conflict.
type fullContext struct {
	antlr.DefaultErrorListener
	rules map[string]int
}

func (l *fullContext) ReportAttemptingFullContext(p antlr.Parser, _ *antlr.DFA, _, _ int, _ *antlr.BitSet, _ *antlr.ATNConfigSet) {
	l.rules[p.GetRuleNames()[p.GetParserRuleContext().GetRuleIndex()]]++
}

// TestFullContextDecisions pins the decisions where SLL prediction meets a
// conflict on valid input, and resolves it to the first alternative, as
// the reference parser does. Both come from KRL's syntax:
//
//   - expr: in a function body, `y = x (1)` could end the declaration
//     before `(1)` if that were the value returned; the reference, and
//     SLL, always continue the value. Prediction looks ahead to the end
//     of the body to find the conflict, which is why the fast pass does
//     not use it for this decision (see gen.KRLParser.exprLoop).
//   - eventExpr: `count 2 (a b) max(m)` could end the event expression
//     before an action `max(m)`; the aggregator wins.
//
// A new entry means a grammar change made a decision ambiguous.
func TestFullContextDecisions(t *testing.T) {
	l := &fullContext{rules: map[string]int{}}
	for _, f := range validFiles(t) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p := gen.NewKRLParser(gen.Lex(f, src, nil))
		p.RemoveErrorListeners()
		p.AddErrorListener(l)
		p.BuildParseTrees = false
		p.GetInterpreter().SetPredictionMode(antlr.PredictionModeLL)
		p.SetErrorHandler(newStrategy(true))
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%s: %v", f, r)
				}
			}()
			p.File()
		}()
	}
	for rule, n := range l.rules {
		if rule != "expr" && rule != "eventExpr" {
			t.Errorf("a decision of %s needs the full context (%d times)", rule, n)
		}
	}
	t.Logf("decisions that met an SLL conflict, by rule: %v", l.rules)
}

// parseExprWith parses src as an expression with or without greedy
// operators (with the exact, LL prediction) and returns its AST as JSON, or
// "error".
func parseExprWith(t *testing.T, src string, greedy bool) string {
	t.Helper()
	b := &builder{filename: "expr"}
	b.tokens = gen.Lex("expr", []byte(src), nil)
	p := gen.NewKRLParser(b.tokens)
	p.RemoveErrorListeners()
	p.SetGreedyOperators(greedy)
	p.BuildParseTrees = !greedy
	mode := antlr.PredictionModeSLL
	if !greedy {
		mode = antlr.PredictionModeLL
	}
	tree, serr, deep := parseOnce(p, func(p *gen.KRLParser) antlr.ParserRuleContext { return p.ExprOnly() }, mode)
	if serr != nil || deep != nil {
		return "error"
	}
	out, err := json.Marshal(b.expr(tree.(*gen.ExprOnlyContext).GetE()))
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// TestGreedyOperators checks that greedy operators (gen.KRLParser.exprLoop)
// parse expressions as the runtime's exact prediction does: every pair of
// operators, in both orders, with prefix operators and conditionals.
func TestGreedyOperators(t *testing.T) {
	binary := []string{"*", "/", "%", "+", "-", "==", "!=", "<", "<=", ">", ">=", "like", "><", "<=>", "cmp", "&&", "||"}
	suffix := []string{"(x)", "()", ".m", ".d:m", "{x}", "[x]"}
	var exprs []string
	for _, op1 := range binary {
		for _, op2 := range binary {
			exprs = append(exprs, "a "+op1+" b "+op2+" c", "- a "+op1+" b "+op2+" c", "a "+op1+" not b "+op2+" c")
		}
		for _, s := range suffix {
			exprs = append(exprs, "a "+op1+" b"+s, "a"+s+" "+op1+" b", "-a"+s+" "+op1+" b")
		}
		exprs = append(exprs, "a "+op1+" b => c | d "+op1+" e", "a => b "+op1+" c | d", "a => b | c => d | e "+op1+" f")
	}
	for _, s1 := range suffix {
		for _, s2 := range suffix {
			exprs = append(exprs, "a"+s1+s2, "not a"+s1+s2, "f(a"+s1+")"+s2)
		}
	}
	exprs = append(exprs, "a => (b => c | d) | e", "function(x) { y = x; -y }", "function(x) { y = x + 1; [y] }", "<<#{a + b}>>.length()")
	for _, src := range exprs {
		greedy, exact := parseExprWith(t, src, true), parseExprWith(t, src, false)
		if greedy != exact {
			t.Errorf("%s:\n greedy %s\n exact  %s", src, greedy, exact)
		}
		if greedy == "error" {
			t.Errorf("%s: does not parse", src)
		}
	}
}
