package krl_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gopico/pico/krl"
	"github.com/gopico/pico/krl/value"
)

// The KRL test scripts in testdata/eval are run by TestEvalScripts. A
// script is a sequence of chunks separated by lines holding only "---".
// In a chunk:
//
//	EXPR ==> JSON      EXPR evaluates to the value whose KRL JSON encoding is JSON
//	EXPR ### "RX"      compiling or evaluating EXPR fails with an error matching RX
//	// ...             a comment
//
// Every other line belongs to the chunk's declarations, which become the
// global block of a ruleset; the assertions of the chunk see those globals.
// A declaration line may end with `### "RX"`: the ruleset must then fail to
// compile or initialise with an error on that line matching RX.
//
// Values are compared through their JSON encoding, so map key order and
// number formatting are checked exactly.

// scriptChunk is one chunk of a script.
type scriptChunk struct {
	decls  []string       // declaration lines, with blanks for the other lines of the chunk
	first  int            // file line (1-based) of the chunk's first line
	errs   map[int]string // declaration line → expected error regexp
	checks []scriptCheck
}

type scriptCheck struct {
	line   int
	expr   string
	want   string // JSON, when wantRx is empty
	wantRx string
}

func parseScript(t *testing.T, name string, src string) []*scriptChunk {
	t.Helper()
	lines := strings.Split(src, "\n")
	cur := &scriptChunk{first: 1, errs: map[int]string{}}
	chunks := []*scriptChunk{cur}
	for i, line := range lines {
		n := i + 1
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "---":
			cur = &scriptChunk{first: n + 1, errs: map[int]string{}}
			chunks = append(chunks, cur)
			continue
		case strings.HasPrefix(trimmed, "//") || trimmed == "":
			cur.decls = append(cur.decls, "")
			continue
		}
		if expr, want, ok := strings.Cut(line, " ==> "); ok {
			cur.checks = append(cur.checks, scriptCheck{line: n, expr: strings.TrimSpace(expr), want: strings.TrimSpace(want)})
			cur.decls = append(cur.decls, "")
			continue
		}
		if before, rx, ok := strings.Cut(line, " ### "); ok {
			q, err := strconv.Unquote(strings.TrimSpace(rx))
			if err != nil {
				t.Fatalf("%s:%d: bad ### regexp %s: %v", name, n, rx, err)
			}
			if isDeclLine(before) {
				cur.errs[n] = q
				cur.decls = append(cur.decls, before)
			} else {
				cur.checks = append(cur.checks, scriptCheck{line: n, expr: strings.TrimSpace(before), wantRx: q})
				cur.decls = append(cur.decls, "")
			}
			continue
		}
		cur.decls = append(cur.decls, line)
	}
	return chunks
}

var declStart = regexp.MustCompile(`^\s*[A-Za-z_$][A-Za-z0-9_$]*\s*=[^=>]`)

func isDeclLine(s string) bool { return declStart.MatchString(s) }

// source returns the chunk's declarations as a ruleset whose lines keep their
// file line numbers (the header sits on the line before the chunk, or on an
// extra first line for a chunk starting the file; offset is then 1).
func (c *scriptChunk) source() (src string, offset int) {
	var b strings.Builder
	pad := c.first - 2
	if pad < 0 {
		offset = 1
		pad = 0
	}
	b.WriteString(strings.Repeat("\n", pad))
	b.WriteString("ruleset test.script { global {\n")
	for _, d := range c.decls {
		b.WriteString(d)
		b.WriteByte('\n')
	}
	b.WriteString("} }\n")
	return b.String(), offset
}

func newTestThread() *krl.Thread {
	return &krl.Thread{
		Ctx:      context.Background(),
		MaxSteps: 1_000_000,
		Clock:    func() time.Time { return time.Date(2024, 3, 5, 12, 0, 0, 0, time.UTC) },
	}
}

// encodeJSON is the KRL JSON encoding of v, for comparisons.
func encodeJSON(v value.Value) string { return value.Encode(v, 0) }

func compactJSON(s string) (string, error) {
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(s)); err != nil {
		return "", err
	}
	return b.String(), nil
}

func errorLine(err error) int {
	var re *krl.RuntimeError
	if errors.As(err, &re) {
		return re.Pos.Line
	}
	var list krl.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		return list[0].Pos.Line
	}
	var one *krl.Error
	if errors.As(err, &one) {
		return one.Pos.Line
	}
	return 0
}

func runScript(t *testing.T, path string) (checks int) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Base(path)
	for _, ch := range parseScript(t, name, string(data)) {
		if len(ch.checks) == 0 && len(ch.errs) == 0 && strings.TrimSpace(strings.Join(ch.decls, "")) == "" {
			continue
		}
		src, offset := ch.source()
		th := newTestThread()
		prog, err := krl.CompileSource(name, []byte(src))
		var inst *krl.Instance
		if err == nil {
			inst, err = prog.Init(th, krl.InitOptions{})
		}
		if len(ch.errs) > 0 {
			checks += len(ch.errs)
			checkChunkErrors(t, name, ch, offset, err)
			continue
		}
		if err != nil {
			t.Errorf("%s:%d: chunk does not compile: %v", name, ch.first, err)
			continue
		}
		for _, c := range ch.checks {
			checks++
			got, err := evalCheck(prog, inst, c.expr)
			where := fmt.Sprintf("%s:%d: %s", name, c.line, c.expr)
			if c.wantRx != "" {
				if err == nil {
					t.Errorf("%s: got %s, want error matching %q", where, encodeJSON(got), c.wantRx)
				} else if !regexp.MustCompile(c.wantRx).MatchString(err.Error()) {
					t.Errorf("%s: error %q does not match %q", where, err, c.wantRx)
				}
				continue
			}
			if err != nil {
				t.Errorf("%s: %v", where, err)
				continue
			}
			want, jerr := compactJSON(c.want)
			if jerr != nil {
				t.Errorf("%s: bad expected JSON %s: %v", where, c.want, jerr)
				continue
			}
			if g := encodeJSON(got); g != want {
				t.Errorf("%s\n got: %s\nwant: %s", where, g, want)
			}
		}
	}
	return checks
}

func evalCheck(prog *krl.Program, inst *krl.Instance, src string) (value.Value, error) {
	e, err := krl.ParseExpr("expr", []byte(src))
	if err != nil {
		return value.Null, err
	}
	x, err := prog.CompileExpr(e)
	if err != nil {
		return value.Null, err
	}
	return x.Eval(newTestThread(), inst)
}

func checkChunkErrors(t *testing.T, name string, ch *scriptChunk, offset int, err error) {
	t.Helper()
	if err == nil {
		t.Errorf("%s:%d: chunk compiled and initialised, want errors %v", name, ch.first, ch.errs)
		return
	}
	var got []error
	var list krl.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			got = append(got, e)
		}
	} else {
		got = []error{err}
	}
	matched := map[int]bool{}
	for _, e := range got {
		line := errorLine(e) - offset
		rx, ok := ch.errs[line]
		if !ok {
			t.Errorf("%s:%d: unexpected error: %v", name, line, e)
			continue
		}
		if !regexp.MustCompile(rx).MatchString(e.Error()) {
			t.Errorf("%s:%d: error %q does not match %q", name, line, e, rx)
		}
		matched[line] = true
	}
	for line, rx := range ch.errs {
		if !matched[line] {
			t.Errorf("%s:%d: missing error matching %q (got %v)", name, line, rx, err)
		}
	}
}

// TestEvalScripts runs every script of testdata/eval.
func TestEvalScripts(t *testing.T) {
	files, err := filepath.Glob("testdata/eval/*.krl")
	if err != nil || len(files) == 0 {
		t.Fatalf("no scripts: %v", err)
	}
	total := 0
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			n := runScript(t, f)
			if n == 0 {
				t.Errorf("%s has no assertions", f)
			}
			total += n
		})
	}
	t.Logf("%d assertions in %d scripts", total, len(files))
}

// benchExpr compiles src in a ruleset whose globals are decls and returns
// a function evaluating it once.
func benchExpr(b *testing.B, decls, src string) func() (value.Value, error) {
	b.Helper()
	prog, err := krl.CompileSource("bench.krl", []byte("ruleset bench { global {\n"+decls+"\n} }"))
	if err != nil {
		b.Fatal(err)
	}
	th := &krl.Thread{MaxSteps: 1 << 62}
	inst, err := prog.Init(th, krl.InitOptions{})
	if err != nil {
		b.Fatal(err)
	}
	e, err := krl.ParseExpr("bench", []byte(src))
	if err != nil {
		b.Fatal(err)
	}
	x, err := prog.CompileExpr(e)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := x.Eval(th, inst); err != nil {
		b.Fatal(err)
	}
	return func() (value.Value, error) { return x.Eval(th, inst) }
}

func runBench(b *testing.B, decls, src string) {
	eval := benchExpr(b, decls, src)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := eval(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEval_arithmetic(b *testing.B) {
	runBench(b, `x = 3`, `1 + 2 * x < 10`)
}

func BenchmarkEval_mapFilterReduce(b *testing.B) {
	runBench(b, `xs = 1.range(100)`,
		`xs.map(function(x) { x * 3 }).filter(function(x) { x % 2 == 0 }).reduce(function(a, x) { a + x }, 0)`)
}

func BenchmarkEval_recursion50(b *testing.B) {
	runBench(b, `sum = function(n) { n == 0 => 0 | n + sum(n - 1) }`, `sum(50)`)
}

func BenchmarkEval_sprintf(b *testing.B) {
	runBench(b, `n = 42`, `n.sprintf("%d items in the cart")`)
}

func BenchmarkEval_extract(b *testing.B) {
	runBench(b, `s = "order abc-12345 shipped"`, `s.extract(re#(\w+)-(\d+)#)`)
}

func BenchmarkEval_mapLiteral(b *testing.B) {
	runBench(b, `name = "bob"`, `{"name": name, "greeting": <<Hello #{name}!>>, "n": name.length()}`)
}

// BenchmarkRun_counter runs the design's benchmark rule against a fake host.
func BenchmarkRun_counter(b *testing.B) {
	prog, err := krl.CompileSource("counter.krl", []byte(`ruleset bench.counter {
  meta { shares count }
  global { count = function(){ ent:n } }
  rule inc { select when bench inc  always { ent:n := ent:n.defaultsTo(0) + 1 } }
}`))
	if err != nil {
		b.Fatal(err)
	}
	h := newFakeHost()
	th := &krl.Thread{Host: h, Event: &krl.Event{EID: "e", Domain: "bench", Type: "inc"}, MaxSteps: 1 << 62}
	inst, err := prog.Init(th, krl.InitOptions{})
	if err != nil {
		b.Fatal(err)
	}
	r := prog.Rule("inc")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := inst.Run(th, r, nil); err != nil {
			b.Fatal(err)
		}
	}
	if v := h.ents["bench.counter/n"]; v.AsNum() < 1 {
		b.Fatalf("counter = %v", v)
	}
}

// BenchmarkCompile compiles a ruleset of about 100 lines.
func BenchmarkCompile(b *testing.B) {
	var src strings.Builder
	src.WriteString("ruleset bench.compile {\n  meta { shares f0 }\n  global {\n")
	for i := range 20 {
		fmt.Fprintf(&src, "    f%d = function(x, y = %d) { z = x * y; [z, z + 1].map(function(v) { v + %d }) }\n", i, i, i)
	}
	src.WriteString("  }\n")
	for i := range 20 {
		fmt.Fprintf(&src, "  rule r%d {\n    select when d%d t%d a re#(\\d+)# setting(v)\n    pre { w = f%d(v.as(\"Number\")) }\n    send_directive(\"d\", {\"w\": w})\n    always { ent:c := ent:c.defaultsTo(0) + 1 }\n  }\n", i, i, i, i)
	}
	src.WriteString("}\n")
	rs, err := krl.Parse("bench.krl", []byte(src.String()))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := krl.Compile(rs); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzEval evaluates arbitrary expressions: whatever the input, parsing,
// compiling and evaluating must return (within the step budget) without a
// panic or an internal error. The seeds are the expressions of the eval
// scripts.
func FuzzEval(f *testing.F) {
	files, _ := filepath.Glob("testdata/eval/*.krl")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if expr, _, ok := strings.Cut(line, " ==> "); ok {
				f.Add(expr)
			}
		}
	}
	f.Fuzz(func(t *testing.T, src string) {
		e, err := krl.ParseExpr("fuzz", []byte(src))
		if err != nil {
			return
		}
		start := time.Now()
		x, err := krl.CompileExpr(e)
		if err != nil {
			return
		}
		if d := time.Since(start); d > time.Second {
			t.Fatalf("compiling %q took %v", src, d)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		th := &krl.Thread{Ctx: ctx, MaxSteps: 20_000, MaxDepth: 200}
		start = time.Now()
		_, err = x.Eval(th, nil)
		if errors.Is(err, krl.ErrInternal) {
			t.Fatalf("%q: %v", src, errors.Unwrap(err))
		}
		if d := time.Since(start); d > 3*time.Second {
			t.Fatalf("evaluating %q took %v", src, d)
		}
	})
}

func ExampleEval() {
	v, err := krl.Eval(&krl.Thread{}, "example", []byte(`[3, 1, 2].sort("numeric").map(function(x) { x * 10 })`))
	fmt.Println(v, err)
	_, err = krl.Eval(&krl.Thread{}, "example", []byte(`"abc" - 1`))
	fmt.Println(err)
	// Output:
	// [10,20,30] <nil>
	// example:1:7: TypeError: 1 cannot be subtracted from abc
}

func ExampleProgram_CompileExpr() {
	prog, err := krl.CompileSource("rates.krl", []byte(`ruleset rates {
  meta { configure using rate = 0.2 }
  global { tax = function(amount) { amount * rate } }
}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	t := &krl.Thread{}
	inst, err := prog.Init(t, krl.InitOptions{With: map[string]value.Value{"rate": value.Num(0.5)}})
	if err != nil {
		fmt.Println(err)
		return
	}
	e, _ := krl.ParseExpr("expr", []byte(`tax(30) + 1`))
	x, err := prog.CompileExpr(e)
	if err != nil {
		fmt.Println(err)
		return
	}
	v, err := x.Eval(t, inst)
	fmt.Println(v, err)
	// Output: 16 <nil>
}

func ExampleThread_limits() {
	prog, _ := krl.CompileSource("loop.krl", []byte(`ruleset loop {
  meta { shares spin }
  global { spin = function(n) { spin(n + 1) } }
}`))
	t := &krl.Thread{MaxDepth: 100}
	inst, _ := prog.Init(t, krl.InitOptions{})
	_, err := inst.Query(t, "spin", map[string]value.Value{"n": value.Num(0)})
	fmt.Println(errors.Is(err, krl.ErrDepthLimit))
	fmt.Println(err)
	// Output:
	// true
	// loop:3:33: krl: call depth limit exceeded (100)
}
