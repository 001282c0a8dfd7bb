package krl_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gopico/pico/krl"
	"github.com/gopico/pico/krl/ast"
)

var update = flag.Bool("update", false, "rewrite the golden files of TestParse and the benchmark ruleset")

// TestParse parses every testdata/parse/*.krl file and compares its JSON
// syntax tree with the golden file beside it (refresh with -update).
func TestParse(t *testing.T) {
	files, err := filepath.Glob("testdata/parse/*.krl")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test files: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			rs, err := krl.Parse(filepath.Base(file), src)
			if err != nil {
				var b bytes.Buffer
				krl.FormatError(&b, err, src)
				t.Fatalf("parse failed:\n%s", b.String())
			}
			checkPositions(t, rs, src)
			got, err := json.MarshalIndent(rs, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := strings.TrimSuffix(file, ".krl") + ".json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("syntax tree differs from %s (run with -update to accept):\n%s", golden, firstDiff(string(want), string(got)))
			}
		})
	}
}

// checkPositions asserts that every node of the tree has a valid position
// whose offset, line and column agree with the source.
func checkPositions(t *testing.T, root ast.Node, src []byte) {
	t.Helper()
	ast.Inspect(root, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		p := n.Pos()
		if !p.IsValid() || p.Offset < 0 || p.Offset > len(src) {
			t.Errorf("%T has bad position %+v", n, p)
			return true
		}
		line := 1 + bytes.Count(src[:p.Offset], []byte("\n"))
		lineStart := bytes.LastIndexByte(src[:p.Offset], '\n') + 1
		col := 1 + len([]rune(string(src[lineStart:p.Offset])))
		if line != p.Line || col != p.Column {
			t.Errorf("%T at offset %d is %d:%d, position says %d:%d", n, p.Offset, line, col, p.Line, p.Column)
		}
		return true
	})
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n want %q\n  got %q", i+1, w, g)
		}
	}
	return "(no difference)"
}

// sexpr prints an expression compactly, with explicit grouping.
func sexpr(e ast.Expr) string {
	switch e := e.(type) {
	case nil:
		return "<nil>"
	case *ast.Null:
		return "null"
	case *ast.Boolean:
		return strconv.FormatBool(e.Value)
	case *ast.Number:
		return strconv.FormatFloat(e.Value, 'g', -1, 64)
	case *ast.String:
		return strconv.Quote(e.Value)
	case *ast.RegExp:
		return "re#" + e.Pattern + "#" + e.Flags
	case *ast.Ident:
		return e.Name
	case *ast.DomainIdent:
		return e.Domain + ":" + e.Name
	case *ast.Chevron:
		parts := make([]string, len(e.Parts))
		for i, p := range e.Parts {
			parts[i] = sexpr(p)
		}
		return "(<< " + strings.Join(parts, " ") + ")"
	case *ast.Array:
		parts := make([]string, len(e.Elems))
		for i, p := range e.Elems {
			parts[i] = sexpr(p)
		}
		return "[" + strings.Join(parts, " ") + "]"
	case *ast.Map:
		parts := make([]string, len(e.Entries))
		for i, p := range e.Entries {
			parts[i] = strconv.Quote(p.Key.Value) + ":" + sexpr(p.Value)
		}
		return "{" + strings.Join(parts, " ") + "}"
	case *ast.Unary:
		return "(" + e.Op + " " + sexpr(e.X) + ")"
	case *ast.Binary:
		return "(" + e.Op + " " + sexpr(e.X) + " " + sexpr(e.Y) + ")"
	case *ast.Conditional:
		return "(? " + sexpr(e.Cond) + " " + sexpr(e.Then) + " " + sexpr(e.Else) + ")"
	case *ast.Call:
		s := "(call " + sexpr(e.Fn)
		for _, a := range e.Args {
			if a.Name != nil {
				s += " " + a.Name.Name + "=" + sexpr(a.Value)
			} else {
				s += " " + sexpr(a.Value)
			}
		}
		return s + ")"
	case *ast.Dot:
		name := e.Name
		if e.Domain != "" {
			name = e.Domain + ":" + name
		}
		return "(. " + sexpr(e.X) + " " + name + ")"
	case *ast.Path:
		return "(path " + sexpr(e.X) + " " + sexpr(e.Key) + ")"
	case *ast.Index:
		return "(index " + sexpr(e.X) + " " + sexpr(e.Index) + ")"
	case *ast.Function:
		s := "(function ("
		for i, p := range e.Params {
			if i > 0 {
				s += " "
			}
			s += p.Name.Name
			if p.Default != nil {
				s += "=" + sexpr(p.Default)
			}
		}
		s += ")"
		for _, d := range e.Body {
			s += " " + d.Name.Name + "=" + sexpr(d.Value)
		}
		return s + " " + sexpr(e.Return) + ")"
	case *ast.Defaction:
		return fmt.Sprintf("(defaction %d params %d decls %d actions %s)", len(e.Params), len(e.Body), len(e.Action.Actions), sexpr(e.Return))
	}
	return fmt.Sprintf("<%T>", e)
}

func TestParseExpr(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		// literals
		{`12`, `12`},
		{`12.5`, `12.5`},
		{`.5`, `0.5`},
		{`1e5`, ``}, // `1` then `e5`: not one expression
		{`5.3.floor()`, `(call (. 5.3 floor))`},
		{`1.isnull()`, `(call (. 1 isnull))`},
		{`"a\"b\\c\nd"`, `"a\"b\\c\\nd"`},
		{`re#a\#b/c#gim`, `re#a#b/c#gim`},
		{`re##`, `re##`},
		{`<<>>`, `(<< )`},
		{`<<a #{b} c>>`, `(<< "a " b " c")`},
		{`<<#{<<#{x}>>}>>`, `(<< (<< x))`},
		{`<<\#{x} \> \\ >\> # > x>>`, `(<< "#{x} > \\ >> # > x")`},
		{`<<#{ {"a": {"b": 1}}{"a"} }>>`, `(<< (path {"a":{"b":1}} "a"))`},
		{`[1, 2,]`, `[1 2]`},
		{`{"a": 1, "b": [],}`, `{"a":1 "b":[]}`},
		{`ent:x`, `ent:x`},
		{`event : attrs`, `event:attrs`},
		{`true && false || null`, `(|| (&& true false) null)`},
		// keywords that are names in expressions
		{`select + rule + pre`, `(+ (+ select rule) pre)`},
		// precedence and associativity
		{`1 + 2 * 3`, `(+ 1 (* 2 3))`},
		{`1 - 2 - 3`, `(- (- 1 2) 3)`},
		{`a / b % c * d`, `(* (% (/ a b) c) d)`},
		{`a < b < c`, `(< (< a b) c)`},
		{`not a == b`, `(== (not a) b)`},
		{`-x.length()`, `(- (call (. x length)))`},
		{`- -x`, `(- (- x))`},
		{`+x`, `(+ x)`},
		{`a || b && c == d + e * f`, `(|| a (&& b (== c (+ d (* e f)))))`},
		{`a like b cmp c >< d <=> e != f`, `(!= (<=> (>< (cmp (like a b) c) d) e) f)`},
		{`a >= b <= c > d`, `(> (<= (>= a b) c) d)`},
		{`n < 10 => "s" | n < 100 => "m" | "l"`, `(? (< n 10) "s" (? (< n 100) "m" "l"))`},
		{`(a => b | c) => d | e`, `(? (? a b c) d e)`},
		{`a => (b => c | d) | e`, `(? a (? b c d) e)`},
		{`a || b => c | d`, `(? (|| a b) c d)`},
		// postfix operators
		{`f(1)(2)`, `(call (call f 1) 2)`},
		{`a.b.c()`, `(call (. (. a b) c))`},
		{`x.mod:fn(1)`, `(call (. x mod:fn) 1)`},
		{`m{"a"}["b"]{["c", 0]}`, `(path (index (path m "a") "b") ["c" 0])`},
		{"m\n{\"a\"}", `(path m "a")`},
		{"m\n[0]", `(index m 0)`},
		{`f(1, b = 2, c = 3,)`, `(call f 1 b=2 c=3)`},
		{`f()`, `(call f)`},
		{`list.any(g) && list.count`, `(&& (call (. list any) g) (. list count))`},
		// functions and defactions
		{`function(a, b = 2,) { c = a; c + b }`, `(function (a b=2) c=a (+ c b))`},
		{`function() { return 1; }`, `(function () 1)`},
		{`function(x) { y = x; {"y": y} }`, `(function (x) y=x {"y":y})`},
		{`function(x) { y = x return [y] }`, `(function (x) y=x [y])`},
		{`function(x) { y = x (1) }`, ``}, // `(` continues `x`: no return expression left
		{`defaction() { }`, `(defaction 0 params 0 decls 0 actions <nil>)`},
		{`defaction(a) { x = a noop() return x }`, `(defaction 1 params 1 decls 1 actions x)`},
		{`defaction(a) { every { noop() noop() } }`, `(defaction 1 params 0 decls 2 actions <nil>)`},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			e, err := krl.ParseExpr("expr", []byte(tt.src))
			if tt.want == "" {
				if err == nil {
					t.Fatalf("got %s, want an error", sexpr(e))
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if got := sexpr(e); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// errorComment is `/* ERROR "rx" */` (the error is at the token right
// before it) or `/* ERROR HERE "rx" */` (the error is at the token right
// after it, for errors at a token that cannot be followed by a comment,
// such as the end of input).
var errorComment = regexp.MustCompile(`/\* ERROR (HERE )?"((?:[^"\\]|\\.)*)" \*/`)

// TestParse_Errors checks the files testdata/errors/*.src. Each is a series
// of chunks separated by lines holding only `---`; each chunk is parsed on
// its own (its line numbers stay those of the file) and must produce
// exactly the errors its ERROR comments announce, at their positions.
func TestParse_Errors(t *testing.T) {
	files, err := filepath.Glob("testdata/errors/*.src")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test files: %v", err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitAfter(string(data), "\n")
		start := 0
		for i := 0; i <= len(lines); i++ {
			if i < len(lines) && strings.TrimSpace(lines[i]) != "---" {
				continue
			}
			// Keep line numbers: blank out the lines outside the chunk.
			chunk := strings.Repeat("\n", start) + strings.Join(lines[start:i], "")
			name := fmt.Sprintf("%s:%d", filepath.Base(file), start+1)
			t.Run(name, func(t *testing.T) { checkErrors(t, filepath.Base(file), chunk) })
			start = i + 1
		}
	}
}

func checkErrors(t *testing.T, filename, src string) {
	type expect struct {
		pos ast.Pos
		rx  *regexp.Regexp
	}
	var want []expect
	for _, m := range errorComment.FindAllStringSubmatchIndex(src, -1) {
		rx, err := regexp.Compile(src[m[4]:m[5]])
		if err != nil {
			t.Fatalf("bad ERROR regexp: %v", err)
		}
		var off int
		if m[2] >= 0 { // HERE: the next non-space character
			off = m[1]
			for off < len(src) && strings.ContainsRune(" \t\r\n", rune(src[off])) {
				off++
			}
		} else { // the start of the token before the comment
			off = tokenStart(src[:m[0]])
		}
		want = append(want, expect{offsetPos(filename, src, off), rx})
	}
	if len(want) == 0 {
		t.Fatal("chunk without ERROR comment")
	}
	_, err := krl.Parse(filename, []byte(src))
	var list krl.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("got %v, want errors", err)
	}
	for _, w := range want {
		found := false
		for _, e := range list {
			if e.Pos == w.pos && w.rx.MatchString(e.Msg) {
				found = true
			}
		}
		if !found {
			t.Errorf("missing error at %s matching %q; got:\n%v", w.pos, w.rx, errorLines(list))
		}
	}
	if len(list) != len(want) {
		t.Errorf("got %d errors, want %d:\n%v", len(list), len(want), errorLines(list))
	}
}

func errorLines(list krl.ErrorList) string {
	var b strings.Builder
	for _, e := range list {
		fmt.Fprintf(&b, "\t%s [%s]\n", e, e.Code)
	}
	return b.String()
}

// tokenStart returns the offset where the last token of s starts: a run of
// word characters, or a single punctuation character (two for the
// operators that have two).
func tokenStart(s string) int {
	end := len(strings.TrimRight(s, " \t\r\n"))
	i := end
	isWord := func(c byte) bool {
		return c == '_' || c == '$' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	for i > 0 && isWord(s[i-1]) {
		i--
	}
	if i < end {
		return i
	}
	if end >= 2 {
		switch s[end-2 : end] {
		case "<=", ">=", "==", "!=", "=>", ":=", "&&", "||", "><", "<<", ">>", "#{":
			return end - 2
		}
	}
	return end - 1
}

func offsetPos(filename, src string, off int) ast.Pos {
	line := 1 + strings.Count(src[:off], "\n")
	col := 1 + len([]rune(src[strings.LastIndexByte(src[:off], '\n')+1:off]))
	return ast.Pos{Filename: filename, Offset: off, Line: line, Column: col}
}

// TestParse_Concurrent parses the test rulesets, the benchmark ruleset and
// the error test files (whole, so that they fail) from many goroutines at
// once and checks that every result equals the sequential one. Run it with
// -race: the generated parser shares its ATN and DFA cache between parsers,
// and parses recycle each other's tokens and contexts.
func TestParse_Concurrent(t *testing.T) {
	files, _ := filepath.Glob("testdata/parse/*.krl")
	errFiles, _ := filepath.Glob("testdata/errors/*.src")
	files = append(append(files, benchFile), errFiles...)
	result := func(name string, src []byte) string {
		rs, err := krl.Parse(name, src)
		if err != nil {
			return err.Error()
		}
		b, _ := json.Marshal(rs)
		return string(b)
	}
	srcs := make([][]byte, len(files))
	want := make([]string, len(files))
	for i, f := range files {
		srcs[i], _ = os.ReadFile(f)
		want[i] = result(f, srcs[i])
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8*len(files))
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := range files {
				i := (k + g) % len(files)
				if result(files[i], srcs[i]) != want[i] {
					errs <- fmt.Errorf("%s: concurrent parse differs", files[i])
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestParse_LongExpressions parses expressions that chain 20,000
// operators. Each `+`, `-`, `(`, `{` and `[` after an expression could also
// start the value returned by a function body, and prediction used to look
// ahead to the end of the chain for each, which took seconds; it takes
// milliseconds now, and the bound is generous for slow machines.
func TestParse_LongExpressions(t *testing.T) {
	if testing.Short() {
		t.Skip("parses large sources")
	}
	const n = 20000
	for _, tt := range []struct{ name, first, each string }{
		{"sum", "a", " + a"},
		{"difference", "a", " - a"},
		{"calls", "f", "(1)"},
		{"paths", "m", `{"k"}`},
		{"indexes", "m", "[0]"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := "ruleset a { global { x = " + tt.first + strings.Repeat(tt.each, n) + " } }"
			start := time.Now()
			if _, err := krl.Parse("long.krl", []byte(src)); err != nil {
				t.Fatal(err)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("parsing %d operators took %v", n, d)
			}
		})
	}
}

// corpusRejects are the files of the reference engine's repository that the
// reference parser itself rejects, by path suffix (with `/` as `_`).
var corpusRejects = map[string]string{
	"legacy_krl_io.picolabs.wrangler.krl": "Classic `returns` in defactions",
	"samples_echo_server.krl":             "a bare expression statement in a postlude",
}

// TestCorpus parses every .krl file below the directory named by
// KRL_CORPUS (for instance the files of the reference engine's repository,
// extracted with git show). It is skipped when KRL_CORPUS is not set.
func TestCorpus(t *testing.T) {
	dir := os.Getenv("KRL_CORPUS")
	if dir == "" {
		t.Skip("KRL_CORPUS is not set")
	}
	var parsed, rejected int
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".krl") {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		key := strings.ReplaceAll(filepath.ToSlash(rel), "/", "_")
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		_, perr := krl.Parse(rel, src)
		why := ""
		for suffix, reason := range corpusRejects {
			if strings.HasSuffix(key, suffix) {
				why = reason
			}
		}
		switch {
		case perr == nil && why == "":
			parsed++
		case perr != nil && why != "":
			rejected++
			t.Logf("%s rejected as expected (%s): %v", rel, why, perr)
		case perr != nil:
			var b bytes.Buffer
			krl.FormatError(&b, perr, src)
			t.Errorf("%s does not parse:\n%s", rel, b.String())
		default:
			t.Errorf("%s parses but the reference rejects it (%s)", rel, why)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d files parsed, %d rejected as expected", parsed, rejected)
}

// FuzzParse checks that no input makes Parse panic or hang, and that every
// tree it returns has consistent positions and a JSON form.
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"testdata/parse/*.krl", "testdata/errors/*.src"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			src, _ := os.ReadFile(file)
			f.Add(src)
		}
	}
	f.Add([]byte(`ruleset a { rule b { select when c d always { ent:e := <<#{f}>> } } }`))
	f.Fuzz(func(t *testing.T, src []byte) {
		rs, err := krl.Parse("fuzz.krl", src)
		if err != nil {
			var list krl.ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error is not a non-empty ErrorList: %v", err)
			}
			for _, e := range list {
				if !e.Pos.IsValid() || e.Pos.Offset > len(src) {
					t.Fatalf("error with bad position: %v %+v", e, e.Pos)
				}
			}
			return
		}
		if _, err := json.Marshal(rs); err != nil {
			t.Fatal(err)
		}
		checkPositions(t, rs, src)
	})
}
