package eventbus_test

// A small parser for the event-expression part of KRL and a primitive test
// that evaluates attribute regexps and simple `where` clauses against
// string attributes. The real parser and evaluator live in the krl
// packages; these stand-ins keep the tests of this package self-contained.

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/dlclark/regexp2"

	"github.com/gopico/pico/eventbus"
	"github.com/gopico/pico/krl/ast"
	"github.com/gopico/pico/krl/value"
)

type token struct {
	kind string // "id", "num", "str", "re", "op", "eof"
	text string
	re   *ast.RegExp
}

func tokenize(src string) ([]token, error) {
	var toks []token
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			i++
		case strings.HasPrefix(src[i:], "re#"):
			j := i + 3
			var pat strings.Builder
			for ; j < len(src) && src[j] != '#'; j++ {
				if src[j] == '\\' && j+1 < len(src) && src[j+1] == '#' {
					j++
				}
				pat.WriteByte(src[j])
			}
			if j >= len(src) {
				return nil, fmt.Errorf("unterminated regexp at %d", i)
			}
			j++
			k := j
			for k < len(src) && strings.IndexByte("gim", src[k]) >= 0 {
				k++
			}
			toks = append(toks, token{kind: "re", re: &ast.RegExp{Pattern: pat.String(), Flags: src[j:k]}})
			i = k
		case unicode.IsLetter(rune(c)) || c == '_':
			j := i
			for j < len(src) && (unicode.IsLetter(rune(src[j])) || unicode.IsDigit(rune(src[j])) || src[j] == '_') {
				j++
			}
			toks = append(toks, token{kind: "id", text: src[i:j]})
			i = j
		case unicode.IsDigit(rune(c)):
			j := i
			for j < len(src) && (unicode.IsDigit(rune(src[j])) || src[j] == '.') {
				j++
			}
			toks = append(toks, token{kind: "num", text: src[i:j]})
			i = j
		case c == '"':
			j := strings.IndexByte(src[i+1:], '"')
			if j < 0 {
				return nil, fmt.Errorf("unterminated string at %d", i)
			}
			toks = append(toks, token{kind: "str", text: src[i+1 : i+1+j]})
			i += j + 2
		default:
			op := string(c)
			if i+1 < len(src) && slices.Contains([]string{"==", "!=", "<=", ">="}, src[i:i+2]) {
				op = src[i : i+2]
			}
			if !strings.Contains("(),:<>", op) && len(op) == 1 {
				return nil, fmt.Errorf("unexpected %q at %d", c, i)
			}
			toks = append(toks, token{kind: "op", text: op})
			i += len(op)
		}
	}
	return append(toks, token{kind: "eof"}), nil
}

type exprParser struct {
	toks []token
	i    int
}

type parseError struct{ msg string }

func (p *exprParser) fail(format string, args ...any) {
	panic(parseError{fmt.Sprintf(format, args...)})
}

func (p *exprParser) peek() token { return p.toks[p.i] }
func (p *exprParser) peekAt(k int) token {
	if p.i+k < len(p.toks) {
		return p.toks[p.i+k]
	}
	return token{kind: "eof"}
}
func (p *exprParser) next() token { t := p.toks[p.i]; p.i++; return t }

func (p *exprParser) expect(kind, text string) token {
	t := p.next()
	if t.kind != kind || (text != "" && t.text != text) {
		p.fail("expected %s %q, got %s %q", kind, text, t.kind, t.text)
	}
	return t
}

func (p *exprParser) isOp(text string) bool { t := p.peek(); return t.kind == "op" && t.text == text }

// parseSelect parses `EXPR [within N unit]` or `where EXPR`.
func parseSelect(src string) (sel *ast.Select, err error) {
	toks, err := tokenize(src)
	if err != nil {
		return nil, err
	}
	p := &exprParser{toks: toks}
	defer func() {
		if r := recover(); r != nil {
			pe, ok := r.(parseError)
			if !ok {
				panic(r)
			}
			err = fmt.Errorf("parse %q: %s", src, pe.msg)
		}
	}()
	sel = &ast.Select{}
	if t := p.peek(); t.kind == "id" && t.text == "where" {
		p.next()
		sel.Where = p.whereExpr()
	} else {
		sel.Event = p.expr(0)
		if t := p.peek(); t.kind == "id" && t.text == "within" {
			p.next()
			n := p.operand()
			unit := p.expect("id", "").text
			sel.Within = &ast.Within{Expr: n, Unit: unit}
		}
	}
	if t := p.peek(); t.kind != "eof" {
		p.fail("unexpected %q", t.text)
	}
	return sel, nil
}

func mustSelect(t testing.TB, src string) *ast.Select {
	t.Helper()
	sel, err := parseSelect(src)
	if err != nil {
		t.Fatal(err)
	}
	return sel
}

func mustMachine(t testing.TB, src string) *eventbus.Machine {
	t.Helper()
	m, err := eventbus.Compile(mustSelect(t, src))
	if err != nil {
		t.Fatalf("Compile(%q): %v", src, err)
	}
	return m
}

var infixPower = map[string]int{"or": 20, "and": 30, "before": 40, "then": 40, "after": 40, "between": 50, "not": 50}

func (p *exprParser) expr(rbp int) ast.EventExpr {
	left := p.nud()
	for {
		t := p.peek()
		if t.kind != "id" || infixPower[t.text] <= rbp {
			return left
		}
		p.next()
		switch t.text {
		case "between", "not":
			if t.text == "not" {
				p.expect("id", "between")
			}
			p.expect("op", "(")
			a := p.expr(0)
			p.expect("op", ",")
			b := p.expr(0)
			p.expect("op", ")")
			left = &ast.EventBetween{Not: t.text == "not", Event: left, Start: a, End: b}
		default:
			right := p.expr(infixPower[t.text])
			left = &ast.EventOp{Op: t.text, Args: []ast.EventExpr{left, right}}
		}
	}
}

func (p *exprParser) nud() ast.EventExpr {
	t := p.peek()
	if t.kind == "op" && t.text == "(" {
		p.next()
		e := p.expr(0)
		p.expect("op", ")")
		return e
	}
	if t.kind != "id" {
		p.fail("expected an event expression, got %q", t.text)
	}
	switch t.text {
	case "and", "or", "before", "then", "after":
		if p.peekAt(1).kind == "op" && p.peekAt(1).text == "(" {
			p.next()
			return &ast.EventOp{Op: t.text, Variadic: true, Args: p.list()}
		}
	case "any":
		if p.peekAt(1).kind == "num" {
			p.next()
			n, _ := strconv.Atoi(p.next().text)
			return &ast.EventAny{N: n, Args: p.list()}
		}
	case "count", "repeat":
		if p.peekAt(1).kind == "num" {
			p.next()
			n, _ := strconv.Atoi(p.next().text)
			p.expect("op", "(")
			prim := p.prim()
			p.expect("op", ")")
			g := &ast.EventGroup{Op: t.text, N: n, Event: prim}
			if a := p.peek(); a.kind == "id" && slices.Contains([]string{"max", "min", "sum", "avg", "push"}, a.text) {
				p.next()
				g.Aggregate = &ast.Aggregate{Op: a.text, Vars: p.idents()}
			}
			return g
		}
	}
	return p.prim()
}

func (p *exprParser) list() []ast.EventExpr {
	p.expect("op", "(")
	var args []ast.EventExpr
	for {
		args = append(args, p.expr(0))
		if !p.isOp(",") {
			break
		}
		p.next()
	}
	p.expect("op", ")")
	return args
}

func (p *exprParser) idents() []*ast.Ident {
	p.expect("op", "(")
	var ids []*ast.Ident
	for {
		ids = append(ids, &ast.Ident{Name: p.expect("id", "").text})
		if !p.isOp(",") {
			break
		}
		p.next()
	}
	p.expect("op", ")")
	return ids
}

func (p *exprParser) prim() *ast.EventPrim {
	prim := &ast.EventPrim{Domain: &ast.Ident{Name: p.expect("id", "").text}}
	if p.isOp(":") {
		p.next()
	}
	prim.Type = &ast.Ident{Name: p.expect("id", "").text}
	for p.peek().kind == "id" && p.peekAt(1).kind == "re" {
		name := p.next().text
		prim.Attrs = append(prim.Attrs, &ast.AttrMatch{Name: &ast.Ident{Name: name}, Regex: p.next().re})
	}
	for {
		t := p.peek()
		switch {
		case t.kind == "id" && t.text == "setting" && prim.Setting == nil:
			p.next()
			prim.Setting = p.idents()
			continue
		case t.kind == "id" && t.text == "where" && prim.Where == nil:
			p.next()
			prim.WhereFirst = prim.Setting == nil
			prim.Where = p.whereExpr()
			continue
		}
		return prim
	}
}

// whereExpr parses `operand [cmp operand]`.
func (p *exprParser) whereExpr() ast.Expr {
	x := p.operand()
	if t := p.peek(); t.kind == "op" && slices.Contains([]string{"==", "!=", "<", ">", "<=", ">="}, t.text) {
		p.next()
		return &ast.Binary{Op: t.text, X: x, Y: p.operand()}
	}
	return x
}

func (p *exprParser) operand() ast.Expr {
	t := p.next()
	switch t.kind {
	case "num":
		f, _ := strconv.ParseFloat(t.text, 64)
		return &ast.Number{Value: f, Raw: t.text}
	case "str":
		return &ast.String{Value: t.text}
	case "id":
		switch t.text {
		case "true", "false":
			return &ast.Boolean{Value: t.text == "true"}
		case "null":
			return &ast.Null{}
		}
		return &ast.Ident{Name: t.text}
	}
	p.fail("expected an operand, got %q", t.text)
	return nil
}

// ---------------------------------------------------------------------------
// The primitive test.

// tev is a test event. Attrs absent from the map test as "".
type tev struct {
	Domain string            `json:"domain"`
	Type   string            `json:"type"`
	Attrs  map[string]string `json:"attrs,omitempty"`
	Time   int64             `json:"time,omitempty"` // ms
}

func (e tev) event() eventbus.Event {
	return eventbus.Event{Domain: e.Domain, Type: e.Type, Time: time.UnixMilli(e.Time)}
}

var regexps sync.Map // *ast.RegExp -> *regexp2.Regexp

func compileRegexp(r *ast.RegExp) *regexp2.Regexp {
	if re, ok := regexps.Load(r); ok {
		return re.(*regexp2.Regexp)
	}
	var opts regexp2.RegexOptions = regexp2.ECMAScript
	if strings.Contains(r.Flags, "i") {
		opts |= regexp2.IgnoreCase
	}
	if strings.Contains(r.Flags, "m") {
		opts |= regexp2.Multiline
	}
	re := regexp2.MustCompile(r.Pattern, opts)
	regexps.Store(r, re)
	return re
}

// primTest evaluates the primitives of m against e: each attribute regexp
// in order (captures appended), then the `where` clause with the `setting`
// names bound.
func primTest(m *eventbus.Machine, e tev) eventbus.PrimTest {
	return func(i int) (bool, []value.Value, error) {
		if i == eventbus.SelectWherePrim {
			v, err := evalWhere(m.Select().Where, nil)
			return err == nil && v.Kind() == value.BooleanKind && v.AsBool(), nil, err
		}
		p := m.Prims()[i]
		if p.Domain.Name != e.Domain || p.Type.Name != e.Type {
			return false, nil, fmt.Errorf("prim %d (%s:%s) tested on %s:%s", i, p.Domain.Name, p.Type.Name, e.Domain, e.Type)
		}
		var caps []value.Value
		for _, a := range p.Attrs {
			match, err := compileRegexp(a.Regex).FindStringMatch(e.Attrs[a.Name.Name])
			if err != nil {
				return false, nil, err
			}
			if match == nil {
				return false, nil, nil
			}
			for _, g := range match.Groups()[1:] {
				if len(g.Captures) == 0 {
					caps = append(caps, value.Null)
				} else {
					caps = append(caps, value.Str(g.String()))
				}
			}
		}
		if p.Where != nil {
			env := map[string]value.Value{}
			for j, s := range p.Setting {
				env[s.Name] = value.Null
				if j < len(caps) {
					env[s.Name] = caps[j]
				}
			}
			v, err := evalWhere(p.Where, env)
			if err != nil {
				return false, nil, err
			}
			if !truthy(v) {
				return false, nil, nil
			}
		}
		return true, caps, nil
	}
}

func truthy(v value.Value) bool {
	switch v.Kind() {
	case value.NullKind:
		return false
	case value.BooleanKind:
		return v.AsBool()
	case value.NumberKind:
		return v.AsNum() != 0
	case value.StringKind:
		return v.AsStr() != ""
	}
	return true
}

func evalWhere(e ast.Expr, env map[string]value.Value) (value.Value, error) {
	switch e := e.(type) {
	case *ast.Boolean:
		return value.Bool(e.Value), nil
	case *ast.Null:
		return value.Null, nil
	case *ast.Number:
		return value.Num(e.Value), nil
	case *ast.String:
		return value.Str(e.Value), nil
	case *ast.Ident:
		v, ok := env[e.Name]
		if !ok {
			return value.Null, fmt.Errorf("unknown name %s", e.Name)
		}
		return v, nil
	case *ast.Binary:
		x, err := evalWhere(e.X, env)
		if err != nil {
			return value.Null, err
		}
		y, err := evalWhere(e.Y, env)
		if err != nil {
			return value.Null, err
		}
		switch e.Op {
		case "==":
			return value.Bool(x.Kind() == y.Kind() && x.AsStr() == y.AsStr() && x.AsNum() == y.AsNum()), nil
		case "!=":
			return value.Bool(!(x.Kind() == y.Kind() && x.AsStr() == y.AsStr() && x.AsNum() == y.AsNum())), nil
		}
		a, b := num(x), num(y)
		switch e.Op {
		case "<":
			return value.Bool(a < b), nil
		case ">":
			return value.Bool(a > b), nil
		case "<=":
			return value.Bool(a <= b), nil
		case ">=":
			return value.Bool(a >= b), nil
		}
	}
	return value.Null, fmt.Errorf("cannot evaluate %T", e)
}

func num(v value.Value) float64 {
	if v.Kind() == value.StringKind {
		f, _ := strconv.ParseFloat(v.AsStr(), 64)
		return f
	}
	return v.AsNum()
}

// ---------------------------------------------------------------------------
// Values as plain Go data, for comparisons.

func plain(v value.Value) any {
	switch v.Kind() {
	case value.NullKind:
		return nil
	case value.BooleanKind:
		return v.AsBool()
	case value.NumberKind:
		return v.AsNum()
	case value.StringKind:
		return v.AsStr()
	case value.ArrayKind:
		out := []any{}
		for _, e := range v.AsArray().Elems() {
			out = append(out, plain(e))
		}
		return out
	}
	return fmt.Sprintf("<%d>", v.Kind())
}

func plainVars(m *eventbus.Machine, vals []value.Value) map[string]any {
	out := map[string]any{}
	for i, name := range m.Vars() {
		out[name] = plain(vals[i])
	}
	return out
}

// stepper runs events through one machine, round-tripping the state through
// its binary form after every step.
type stepper struct {
	t      testing.TB
	m      *eventbus.Machine
	st     eventbus.State
	within time.Duration
}

func (s *stepper) step(e tev) (bool, map[string]any) {
	s.t.Helper()
	test := primTest(s.m, e)
	calls := map[int]int{}
	once := func(i int) (bool, []value.Value, error) {
		if calls[i]++; calls[i] > 1 {
			s.t.Fatalf("primitive %d tested twice for one event", i)
		}
		return test(i)
	}
	fired, vals, next, err := s.m.Step(s.st, e.event(), s.within, once)
	if err != nil {
		s.t.Fatalf("Step(%v): %v", e, err)
	}
	data, err := next.MarshalBinary()
	if err != nil {
		s.t.Fatalf("MarshalBinary: %v", err)
	}
	back, err := s.m.UnmarshalState(data)
	if err != nil {
		s.t.Fatalf("UnmarshalState: %v", err)
	}
	again, err := back.MarshalBinary()
	if err != nil || string(again) != string(data) {
		s.t.Fatalf("state does not round-trip: %x then %x (%v)", data, again, err)
	}
	s.st = back
	if !fired {
		return false, nil
	}
	return true, plainVars(s.m, vals)
}

// ev parses "d:t" or "d:t k=v k2=v2 @ms" into a test event.
func ev(spec string) tev {
	fields := strings.Fields(spec)
	d, t, _ := strings.Cut(fields[0], ":")
	e := tev{Domain: d, Type: t}
	for _, f := range fields[1:] {
		if ms, ok := strings.CutPrefix(f, "@"); ok {
			e.Time, _ = strconv.ParseInt(ms, 10, 64)
			continue
		}
		k, v, _ := strings.Cut(f, "=")
		if e.Attrs == nil {
			e.Attrs = map[string]string{}
		}
		e.Attrs[k] = v
	}
	return e
}

func sortedKeys(m map[string]any) []string { return slices.Sorted(maps.Keys(m)) }

var eventbusPeriodUnit = eventbus.PeriodUnit
