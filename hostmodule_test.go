package pico_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gopico/pico"
	"github.com/gopico/pico/krl"
	"github.com/gopico/pico/picotest"
)

// ExampleWithModule offers Go code to KRL as a host module: a function
// and an action.
func ExampleWithModule() {
	ctx := context.Background()
	var sent []string
	weather := pico.Module{
		Funcs: map[string]pico.Func{
			"forecast": func(ctx context.Context, args []any) (any, error) {
				city, _ := args[0].(string)
				return map[string]any{"city": city, "sky": "sunny", "high": 21}, nil
			},
		},
		Actions: map[string]pico.Func{
			"alert": func(ctx context.Context, args []any) (any, error) {
				sent = append(sent, fmt.Sprint(args[0]))
				return len(sent), nil
			},
		},
		Params: map[string][]string{"forecast": {"city"}, "alert": {"text"}},
	}
	eng, err := pico.Open(ctx, pico.WithInMemory(), pico.WithModule("weather", weather))
	if err != nil {
		panic(err)
	}
	defer eng.Close()
	src := `ruleset umbrella {
  rule check {
    select when weather check
    pre { f = weather:forecast(city = event:attrs{"city"}) }
    if f{"sky"} != "rain" then weather:alert("no umbrella in " + f{"city"}) setting(n)
    fired { ent:alerts := n }
  }
}`
	if _, err := eng.Register(ctx, pico.Source("umbrella.krl", []byte(src))); err != nil {
		panic(err)
	}
	p, _ := eng.NewPico(ctx)
	_ = p.Install(ctx, "umbrella", nil)
	ch, _ := p.NewChannel(ctx)
	if _, err := eng.Raise(ctx, pico.Event{ECI: ch.ECI, Domain: "weather", Type: "check", Attrs: map[string]any{"city": "Provo"}}); err != nil {
		panic(err)
	}
	n, _ := p.Ent(ctx, "umbrella", "alerts")
	fmt.Println(sent, n)
	// Output: [no umbrella in Provo] 1
}

func TestWithModule_Validation(t *testing.T) {
	ctx := context.Background()
	fn := func(context.Context, []any) (any, error) { return nil, nil }
	for _, tc := range []struct {
		name string
		opts []pico.Option
	}{
		{"empty name", []pico.Option{pico.WithModule("", pico.Module{})}},
		{"not an identifier", []pico.Option{pico.WithModule("my-mod", pico.Module{})}},
		{"starts with a digit", []pico.Option{pico.WithModule("2fa", pico.Module{})}},
		{"built-in", []pico.Option{pico.WithModule("http", pico.Module{})}},
		{"built-in stdlib", []pico.Option{pico.WithModule("math", pico.Module{})}},
		{"twice", []pico.Option{pico.WithModule("m", pico.Module{}), pico.WithModule("m", pico.Module{})}},
		{"nil func", []pico.Option{pico.WithModule("m", pico.Module{Funcs: map[string]pico.Func{"f": nil}})}},
		{"nil action", []pico.Option{pico.WithModule("m", pico.Module{Actions: map[string]pico.Func{"a": nil}})}},
		{"func and action", []pico.Option{pico.WithModule("m", pico.Module{Funcs: map[string]pico.Func{"x": fn}, Actions: map[string]pico.Func{"x": fn}})}},
		{"params of nothing", []pico.Option{pico.WithModule("m", pico.Module{Params: map[string][]string{"x": {"a"}}})}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := pico.Open(ctx, append([]pico.Option{pico.WithInMemory()}, tc.opts...)...)
			require.ErrorIs(t, err, pico.ErrInvalid)
		})
	}
}

var errQuota = errors.New("quota exceeded")

func TestHostModule_CallsFromKRL(t *testing.T) {
	ctx := context.Background()
	var callers []pico.Caller
	mod := pico.Module{
		Funcs: map[string]pico.Func{
			"args": func(ctx context.Context, args []any) (any, error) { return args, nil },
			"pair": func(ctx context.Context, args []any) (any, error) {
				return map[string]any{"a": args[0], "b": args[1]}, nil
			},
			"point": func(ctx context.Context, args []any) (any, error) {
				return struct {
					X int `json:"x"`
					Y int `json:"y"`
				}{1, 2}, nil
			},
			"fail": func(ctx context.Context, args []any) (any, error) { return nil, errQuota },
			"bad":  func(ctx context.Context, args []any) (any, error) { return make(chan int), nil },
			"who": func(ctx context.Context, args []any) (any, error) {
				c, ok := pico.CallerFrom(ctx)
				if !ok {
					return nil, errors.New("no caller")
				}
				callers = append(callers, c)
				return c.RID, nil
			},
		},
		Actions: map[string]pico.Func{
			"store": func(ctx context.Context, args []any) (any, error) {
				return strings.ToUpper(fmt.Sprint(args[0])), nil
			},
		},
		Params: map[string][]string{"pair": {"a", "b"}},
	}
	eng := picotest.NewEngine(t, pico.WithModule("go", mod))
	p, eci := setup(t, eng, `ruleset host.user {
  meta { shares args, pair, point, fail, bad, who }
  global {
    args = function() { go:args(1, "two", [3], {"four": 4}, null) }
    pair = function() { go:pair(b = "B", a = "A") }
    point = function() { go:point() }
    fail = function() { go:fail() }
    bad = function() { go:bad() }
    who = function() { go:who() }
    hidden = function() { go:nothing() }
  }
  rule store {
    select when go store
    go:store(event:attrs{"v"}) setting(r)
    fired { ent:r := r; ent:who := go:who() }
  }
}`)
	for _, tc := range []struct {
		name string
		want any
	}{
		{"args", []any{1.0, "two", []any{3.0}, map[string]any{"four": 4.0}, nil}},
		{"pair", map[string]any{"a": "A", "b": "B"}},
		{"point", map[string]any{"x": 1.0, "y": 2.0}},
		{"who", "host.user"},
	} {
		got, err := eng.Query(ctx, pico.Query{ECI: eci, RID: "host.user", Name: tc.name})
		require.NoError(t, err, tc.name)
		require.Equal(t, tc.want, got, tc.name)
	}
	_, err := eng.Query(ctx, pico.Query{ECI: eci, RID: "host.user", Name: "fail"})
	require.ErrorIs(t, err, errQuota)
	var re *krl.RuntimeError
	require.ErrorAs(t, err, &re)
	_, err = eng.Query(ctx, pico.Query{ECI: eci, RID: "host.user", Name: "bad"})
	require.ErrorContains(t, err, "go:bad returned chan int")

	res, err := eng.Raise(ctx, pico.Event{ECI: eci, Domain: "go", Type: "store", Attrs: map[string]any{"v": "hello"}})
	require.NoError(t, err)
	r, err := p.Ent(ctx, "host.user", "r")
	require.NoError(t, err)
	require.Equal(t, "HELLO", r)
	last := callers[len(callers)-1]
	require.Equal(t, pico.Caller{PicoID: p.ID(), RID: "host.user", TxnID: res.EID}, last)

	// Unknown domains are compile errors once host modules are declared;
	// unknown members of a host module fail when called.
	_, err = eng.Register(ctx, pico.Source("typo.krl", []byte(`ruleset typo {
  global { f = function() { og:args() } }
}`)))
	require.ErrorContains(t, err, "unknown module: og")
	_, eci2 := setup(t, eng, `ruleset missing {
  meta { shares f }
  global { f = function() { go:nothing() } }
}`)
	_, err = eng.Query(ctx, pico.Query{ECI: eci2, RID: "missing", Name: "f"})
	require.ErrorIs(t, err, krl.ErrNoMember)
}

func TestUseModule_CycleRejectedAtRegister(t *testing.T) {
	ctx := context.Background()
	eng := picotest.NewEngine(t)
	src := func(rid string, uses ...string) pico.SourceFile {
		var b strings.Builder
		fmt.Fprintf(&b, "ruleset %s {\n  meta {\n", rid)
		for _, u := range uses {
			fmt.Fprintf(&b, "    use module %s\n", u)
		}
		fmt.Fprintf(&b, "    provides f\n  }\n  global { f = function() { %q } }\n}\n", rid)
		return pico.Source(rid+".krl", []byte(b.String()))
	}
	_, err := eng.Register(ctx, src("self", "self"))
	require.ErrorIs(t, err, pico.ErrInvalid)
	require.ErrorContains(t, err, "self -> self")

	_, err = eng.Register(ctx, src("a", "b"))
	require.NoError(t, err, "b is not registered yet: checked when it is")
	_, err = eng.Register(ctx, src("c", "a"))
	require.NoError(t, err)
	_, err = eng.Register(ctx, src("b", "c"))
	require.ErrorIs(t, err, pico.ErrInvalid)
	require.ErrorContains(t, err, "b -> c -> a -> b")
	require.Nil(t, eng.Uses("b"), "the refused source is not registered")

	_, err = eng.Register(ctx, src("b"))
	require.NoError(t, err)
	_, err = eng.Register(ctx, src("b", "a"))
	require.ErrorContains(t, err, "b -> a -> b", "a new version may not close a cycle either")
	require.Empty(t, eng.Uses("b"), "the previous version stays current")
}

func TestUseModule_ReRegisteredModuleRelinksUsers(t *testing.T) {
	ctx := context.Background()
	eng := picotest.NewEngine(t)
	lib := func(version string) pico.SourceFile {
		return pico.Source("lib.krl", []byte(`ruleset lib {
  meta { provides version }
  global { version = function() { "`+version+`" } }
}`))
	}
	_, err := eng.Register(ctx, lib("v1"))
	require.NoError(t, err)
	_, err = eng.Register(ctx, pico.Source("app.krl", []byte(`ruleset app {
  meta {
    use module lib
    shares libVersion
  }
  global { libVersion = function() { lib:version() } }
}`)))
	require.NoError(t, err)
	p, err := eng.NewPico(ctx)
	require.NoError(t, err)
	require.ErrorIs(t, p.Install(ctx, "app", nil), pico.ErrNotInstalled, "modules are installed first")
	require.NoError(t, p.Install(ctx, "lib", nil))
	require.NoError(t, p.Install(ctx, "app", nil))
	ch, err := p.NewChannel(ctx)
	require.NoError(t, err)
	q := pico.Query{ECI: ch.ECI, RID: "app", Name: "libVersion"}
	v, err := eng.Query(ctx, q)
	require.NoError(t, err)
	require.Equal(t, "v1", v)

	_, err = eng.Register(ctx, lib("v2"))
	require.NoError(t, err)
	v, err = eng.Query(ctx, q)
	require.NoError(t, err)
	require.Equal(t, "v2", v)
}
