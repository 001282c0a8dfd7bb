package gen

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// ruleBody returns the text of rule name in the grammar, from its `:` to
// its closing `;`.
func ruleBody(t *testing.T, grammar, name string) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^` + name + `\n(?:\s*//[^\n]*\n)*\s*:((?:[^;]|'[^']*')*);`).FindStringSubmatch(grammar)
	if m == nil {
		t.Fatalf("rule %s not found", name)
	}
	return m[1]
}

// tokenNames returns the sorted token names (upper-case words) of s,
// comments left out.
func tokenNames(s string) []string {
	s = regexp.MustCompile(`//[^\n]*`).ReplaceAllString(s, "")
	names := regexp.MustCompile(`\b[A-Z][A-Z_0-9]*\b`).FindAllString(s, -1)
	slices.Sort(names)
	return slices.Compact(names)
}

// TestInlineSets checks the token sets that KRLParser.g4 writes out instead
// of referring to a rule, which would cost a context per name: the first
// alternative of expr must be a varName, and name must be varName plus the
// operator words.
func TestInlineSets(t *testing.T) {
	src, err := os.ReadFile("KRLParser.g4")
	if err != nil {
		t.Fatal(err)
	}
	grammar := string(src)
	varName := tokenNames(ruleBody(t, grammar, "varName"))
	operatorWords := []string{"AFTER", "AND", "ANY", "BEFORE", "BETWEEN", "CMP", "COUNT", "LIKE", "OR", "REPEAT", "THEN"}

	expr := ruleBody(t, grammar, "expr")
	first, _, ok := strings.Cut(expr, "(COLON n=name)?")
	if !ok {
		t.Fatal("the first alternative of expr is not a name")
	}
	name := append(slices.Clone(varName), operatorWords...)
	slices.Sort(name)

	tests := []struct {
		what      string
		got, want []string
	}{
		{"the first alternative of expr", tokenNames(first), varName},
		{"name", tokenNames(ruleBody(t, grammar, "name")), name},
	}
	for _, tt := range tests {
		if !slices.Equal(tt.got, tt.want) {
			t.Errorf("%s:\n got  %v\n want %v", tt.what, tt.got, tt.want)
		}
	}
	if len(varName) < 60 || !slices.Contains(varName, "IDENT") || slices.Contains(varName, "AND") {
		t.Errorf("varName does not look right: %v", varName)
	}
}
