package pico_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gopico/pico"
	"github.com/gopico/pico/krl"
	"github.com/gopico/pico/picotest"
)

const counterKRL = `ruleset bench.counter {
  meta { shares count }
  global { count = function(){ ent:n } }
  rule inc { select when bench inc  always { ent:n := ent:n.defaultsTo(0) + 1 } }
}`

// setup registers src, installs it on a new child of the root and returns
// the pico and an allow-all channel.
func setup(t testing.TB, eng *pico.Engine, srcs ...string) (*pico.Pico, string) {
	t.Helper()
	ctx := context.Background()
	p, err := eng.NewPico(ctx)
	require.NoError(t, err)
	for i, src := range srcs {
		rs, err := eng.Register(ctx, pico.Source(fmt.Sprintf("rs%d.krl", i), []byte(src)))
		require.NoError(t, err)
		require.NoError(t, p.Install(ctx, rs.RID, nil))
	}
	ch, err := p.NewChannel(ctx, pico.Tags("test"))
	require.NoError(t, err)
	return p, ch.ECI
}

func TestEngine_Counter_SurvivesReopen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	eng, err := pico.Open(ctx, pico.WithDir(dir))
	require.NoError(t, err)
	p, eci := setup(t, eng, counterKRL)
	for i := 0; i < 5; i++ {
		_, err := eng.Raise(ctx, pico.Event{ECI: eci, Domain: "bench", Type: "inc"})
		require.NoError(t, err)
	}
	require.NoError(t, eng.Close())
	_, err = eng.Raise(ctx, pico.Event{ECI: eci, Domain: "bench", Type: "inc"})
	require.ErrorIs(t, err, pico.ErrClosed)

	eng, err = pico.Open(ctx, pico.WithDir(dir))
	require.NoError(t, err)
	defer eng.Close()
	got, err := eng.Query(ctx, pico.Query{ECI: eci, RID: "bench.counter", Name: "count"})
	require.NoError(t, err)
	require.EqualValues(t, 5, got)
	_, err = eng.Raise(ctx, pico.Event{ECI: eci, Domain: "bench", Type: "inc"})
	require.NoError(t, err)
	n, err := eng.Pico(p.ID()).Ent(ctx, "bench.counter", "n")
	require.NoError(t, err)
	require.EqualValues(t, 6, n)
}

func TestEngine_Raise_RollsBackFailedEvent(t *testing.T) {
	ctx := context.Background()
	eng := picotest.NewEngine(t)
	_, eci := setup(t, eng, `ruleset tx.test {
  meta { shares get }
  global { get = function() { [ent:a, ent:b] } }
  rule first { select when t go
    send_directive("first")
    always { ent:a := ent:a.defaultsTo(0) + 1 } }
  rule second { select when t go
    pre { boom = event:attrs{"fail"} => "x" - 1 | 0 }
    always { ent:b := ent:b.defaultsTo(0) + 1 } }
}`)
	res, err := eng.Raise(ctx, pico.Event{ECI: eci, Domain: "t", Type: "go"})
	require.NoError(t, err)
	require.Len(t, res.Directives, 1)

	res, err = eng.Raise(ctx, pico.Event{ECI: eci, Domain: "t", Type: "go", Attrs: map[string]any{"fail": true}})
	require.Error(t, err)
	var rerr *krl.RuntimeError
	require.ErrorAs(t, err, &rerr)
	require.Equal(t, "tx.test", rerr.RID)
	require.Equal(t, "second", rerr.Rule)
	require.NotNil(t, res)
	require.Empty(t, res.Directives, "the failed ruleset's directives must not leak")

	got, err := eng.Query(ctx, pico.Query{ECI: eci, RID: "tx.test", Name: "get"})
	require.NoError(t, err)
	require.Equal(t, []any{float64(1), float64(1)}, got, "no write of the failed event stays")

	// The pico keeps working.
	_, err = eng.Raise(ctx, pico.Event{ECI: eci, Domain: "t", Type: "go"})
	require.NoError(t, err)
	got, err = eng.Query(ctx, pico.Query{ECI: eci, RID: "tx.test", Name: "get"})
	require.NoError(t, err)
	require.Equal(t, []any{float64(2), float64(2)}, got)
}

func TestEngine_Query_SelfQueryFromRule(t *testing.T) {
	ctx := context.Background()
	eng := picotest.NewEngine(t)
	_, eci := setup(t, eng, `ruleset self.q {
  meta { shares total }
  global { total = function() { ent:n.defaultsTo(0) } }
  rule ask { select when q ask
    pre { prior = ctx:query(event:eci, "self.q", "total") }
    send_directive("asked", {"before": prior})
    always { ent:n := prior + 10 } }
}`)
	for i, want := range []float64{0, 10, 20} {
		res, err := eng.Raise(ctx, pico.Event{ECI: eci, Domain: "q", Type: "ask"})
		require.NoError(t, err, "event %d", i)
		require.Equal(t, want, res.Directives[0].Options["before"])
	}
}

func TestEngine_Policies(t *testing.T) {
	ctx := context.Background()
	eng := picotest.NewEngine(t)
	p, _ := setup(t, eng, `ruleset pol {
  meta { shares a, b }
  global { a = function() { "a" } b = function() { "b" } }
  rule x { select when d x send_directive("x") }
  rule y { select when d y send_directive("y") }
  rule z { select when e z send_directive("z") }
}`)
	ch, err := p.NewChannel(ctx, pico.EventPolicy(pico.Policy{
		Allow: []pico.PolicyRule{{Domain: "d", Name: "*"}, {Domain: "e", Name: "z"}},
		Deny:  []pico.PolicyRule{{Domain: "d", Name: "y"}},
	}), pico.QueryPolicy(pico.Policy{
		Allow: []pico.PolicyRule{{RID: "pol", Name: "*"}},
		Deny:  []pico.PolicyRule{{RID: "pol", Name: "b"}},
	}))
	require.NoError(t, err)
	none, err := p.NewChannel(ctx, pico.EventPolicy(pico.Policy{}), pico.QueryPolicy(pico.Policy{}))
	require.NoError(t, err)

	events := []struct {
		eci, domain, typ string
		allowed          bool
	}{
		{ch.ECI, "d", "x", true},
		{ch.ECI, "d", "y", false}, // denied first
		{ch.ECI, "e", "z", true},
		{ch.ECI, "e", "x", false}, // not allowed
		{none.ECI, "d", "x", false},
	}
	for _, c := range events {
		res, err := eng.Raise(ctx, pico.Event{ECI: c.eci, Domain: c.domain, Type: c.typ})
		if c.allowed {
			require.NoError(t, err, "%s:%s", c.domain, c.typ)
			require.Len(t, res.Directives, 1)
		} else {
			require.ErrorIs(t, err, pico.ErrPolicyDenied, "%s:%s", c.domain, c.typ)
		}
	}
	queries := []struct {
		eci, name string
		allowed   bool
	}{
		{ch.ECI, "a", true},
		{ch.ECI, "b", false},
		{none.ECI, "a", false},
	}
	for _, c := range queries {
		_, err := eng.Query(ctx, pico.Query{ECI: c.eci, RID: "pol", Name: c.name})
		if c.allowed {
			require.NoError(t, err)
		} else {
			require.ErrorIs(t, err, pico.ErrPolicyDenied)
		}
	}
	_, err = p.NewChannel(ctx, pico.Tags("system"))
	require.ErrorIs(t, err, pico.ErrInvalid)
	_, err = p.NewChannel(ctx, pico.EventPolicy(pico.Policy{Allow: []pico.PolicyRule{{Domain: " ", Name: "x"}}}))
	require.ErrorIs(t, err, pico.ErrInvalid)
}

func TestEngine_BadInput(t *testing.T) {
	ctx := context.Background()
	eng := picotest.NewEngine(t)
	p, eci := setup(t, eng, counterKRL)

	_, err := eng.Raise(ctx, pico.Event{ECI: "nope", Domain: "bench", Type: "inc"})
	require.ErrorIs(t, err, pico.ErrUnknownChannel)
	_, err = eng.Raise(ctx, pico.Event{ECI: eci, Domain: "", Type: "inc"})
	require.ErrorIs(t, err, pico.ErrInvalid)
	_, err = eng.Raise(ctx, pico.Event{ECI: eci, Domain: "bench", Type: "inc", Attrs: map[string]any{"f": func() {}}})
	require.ErrorIs(t, err, pico.ErrBadAttrs)
	_, err = eng.Query(ctx, pico.Query{ECI: eci, RID: "missing", Name: "count"})
	require.ErrorIs(t, err, pico.ErrNotInstalled)
	_, err = eng.Query(ctx, pico.Query{ECI: eci, RID: "bench.counter", Name: "nope"})
	require.ErrorIs(t, err, pico.ErrNotShared)
	require.ErrorIs(t, p.Install(ctx, "never.registered", nil), pico.ErrUnknownRuleset)

	_, err = eng.Register(ctx, pico.Source("bad.krl", []byte("ruleset bad {\n  rule r {\n    select when a b\n    send_directive(\n  }\n}")))
	require.Error(t, err)
	var list krl.ErrorList
	require.ErrorAs(t, err, &list)
	require.Contains(t, err.Error(), "bad.krl:")
}

func TestEngine_StepLimit_StopsRunawayRule(t *testing.T) {
	ctx := context.Background()
	eng := picotest.NewEngine(t, pico.WithLimits(pico.Limits{Steps: 10_000}))
	_, eci := setup(t, eng, `ruleset runaway {
  global { loop = function(n) { loop(n + 1) } }
  rule spin { select when r spin pre { x = loop(0) } }
  rule ok { select when r ok send_directive("ok") }
}`)
	_, err := eng.Raise(ctx, pico.Event{ECI: eci, Domain: "r", Type: "spin"})
	require.Error(t, err)
	require.True(t, errors.Is(err, krl.ErrStepLimit) || errors.Is(err, krl.ErrDepthLimit), "got %v", err)
	res, err := eng.Raise(ctx, pico.Event{ECI: eci, Domain: "r", Type: "ok"})
	require.NoError(t, err)
	require.Len(t, res.Directives, 1)
}

// TestEngine_ConcurrentSenders sends from 1,000 goroutines to 100 picos:
// each pico must apply its events exactly once, in the order each sender
// sent them.
func TestEngine_ConcurrentSenders(t *testing.T) {
	ctx := context.Background()
	eng := picotest.NewEngine(t)
	rs, err := eng.Register(ctx, pico.Source("order.krl", []byte(`ruleset order {
  meta { shares seen }
  global { seen = function() { ent:seen.defaultsTo({}) } }
  rule see { select when o see
    pre { s = event:attrs{"sender"}; n = event:attrs{"n"}; last = ent:seen{s}.defaultsTo(-1) }
    if n == last + 1 then noop()
    fired { ent:seen{s} := n } else { ent:bad := ent:bad.defaultsTo(0) + 1 }
  }
}`)))
	require.NoError(t, err)
	const picos, senders, perSender = 100, 1000, 5
	ecis := make([]string, picos)
	for i := range ecis {
		p, err := eng.NewPico(ctx)
		require.NoError(t, err)
		require.NoError(t, p.Install(ctx, rs.RID, nil))
		ch, err := p.NewChannel(ctx)
		require.NoError(t, err)
		ecis[i] = ch.ECI
	}
	var wg sync.WaitGroup
	errs := make(chan error, senders)
	for s := 0; s < senders; s++ {
		wg.Add(1)
		go func(s int) {
			defer wg.Done()
			eci := ecis[s%picos]
			for n := 0; n < perSender; n++ {
				if _, err := eng.Raise(ctx, pico.Event{ECI: eci, Domain: "o", Type: "see",
					Attrs: map[string]any{"sender": fmt.Sprint(s), "n": n}}); err != nil {
					errs <- err
					return
				}
			}
		}(s)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for i, eci := range ecis {
		got, err := eng.Query(ctx, pico.Query{ECI: eci, RID: "order", Name: "seen"})
		require.NoError(t, err)
		seen := got.(map[string]any)
		require.Len(t, seen, senders/picos, "pico %d", i)
		for s, n := range seen {
			require.EqualValues(t, perSender-1, n, "pico %d sender %s", i, s)
		}
	}
}

func TestPico_DeleteCascades(t *testing.T) {
	ctx := context.Background()
	eng := picotest.NewEngine(t)
	parent, _ := setup(t, eng, counterKRL)
	child, err := eng.NewPico(ctx, pico.ChildOf(parent))
	require.NoError(t, err)
	require.NoError(t, child.Install(ctx, "bench.counter", nil))
	ch, err := child.NewChannel(ctx)
	require.NoError(t, err)
	_, err = eng.Raise(ctx, pico.Event{ECI: ch.ECI, Domain: "bench", Type: "inc"})
	require.NoError(t, err)
	kids, err := parent.Children(ctx)
	require.NoError(t, err)
	require.Len(t, kids, 1)
	require.Equal(t, child.ID(), kids[0].ID())

	require.NoError(t, parent.Delete(ctx))
	for _, p := range []*pico.Pico{parent, child} {
		ok, err := p.Exists(ctx)
		require.NoError(t, err)
		require.False(t, ok)
	}
	_, err = eng.Raise(ctx, pico.Event{ECI: ch.ECI, Domain: "bench", Type: "inc"})
	require.ErrorIs(t, err, pico.ErrUnknownChannel)
	kids, err = eng.Root().Children(ctx)
	require.NoError(t, err)
	require.Empty(t, kids)
}

func TestPico_UninstallClearsState(t *testing.T) {
	ctx := context.Background()
	eng := picotest.NewEngine(t)
	p, eci := setup(t, eng, counterKRL)
	_, err := eng.Raise(ctx, pico.Event{ECI: eci, Domain: "bench", Type: "inc"})
	require.NoError(t, err)
	require.NoError(t, p.Uninstall(ctx, "bench.counter"))
	_, err = eng.Query(ctx, pico.Query{ECI: eci, RID: "bench.counter", Name: "count"})
	require.ErrorIs(t, err, pico.ErrNotInstalled)
	require.NoError(t, p.Install(ctx, "bench.counter", nil))
	got, err := eng.Query(ctx, pico.Query{ECI: eci, RID: "bench.counter", Name: "count"})
	require.NoError(t, err)
	require.Nil(t, got, "entity variables go with the uninstall")
}

func TestEngine_Register_CompileErrorHasCaret(t *testing.T) {
	eng := picotest.NewEngine(t)
	_, err := eng.Register(context.Background(), pico.Source("bad.krl", []byte("ruleset bad {\n  rule r {\n    select when a b\n    send_directive(\"x\", nope)\n  }\n}\n")))
	var cerr *pico.CompileError
	require.ErrorAs(t, err, &cerr)
	require.Contains(t, err.Error(), "bad.krl:4:25: ")
	require.Contains(t, err.Error(), "\n |     send_directive(\"x\", nope)\n | ........................^")
	var list krl.ErrorList
	require.ErrorAs(t, err, &list)
}

func TestEngine_UnloadsPicosPastTheLimit(t *testing.T) {
	ctx := context.Background()
	eng := picotest.NewEngine(t, pico.WithMaxLoadedPicos(8))
	var ecis []string
	for i := 0; i < 40; i++ {
		_, eci := setup(t, eng, counterKRL)
		ecis = append(ecis, eci)
	}
	for round := 1; round <= 3; round++ {
		for _, eci := range ecis {
			_, err := eng.Raise(ctx, pico.Event{ECI: eci, Domain: "bench", Type: "inc"})
			require.NoError(t, err)
		}
		for _, eci := range ecis {
			got, err := eng.Query(ctx, pico.Query{ECI: eci, RID: "bench.counter", Name: "count"})
			require.NoError(t, err)
			require.EqualValues(t, round, got)
		}
	}
	require.LessOrEqual(t, eng.Stats().LoadedPicos, 8)
}
