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
