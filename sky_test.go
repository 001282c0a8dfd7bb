package pico_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gopico/pico"
	"github.com/gopico/pico/picotest"
	"github.com/gopico/pico/transport/sky"
)

const chatKRL = `ruleset chat {
  meta {
    use module io.picolabs.subscription alias subs
    shares heard
  }
  global {
    heard = function() { ent:heard.defaultsTo([]) }
  }
  rule say {
    select when chat say
    foreach subs:established() setting(sub)
    event:send({"eci": sub{"Tx"}, "domain": "chat", "type": "heard",
                "attrs": {"text": event:attrs{"text"}}}, sub{"Tx_host"})
  }
  rule hear {
    select when chat heard
    always { ent:heard := heard().append(event:attrs{"text"}) }
  }
}`

// gate sits in front of an engine's handler: while down it answers 503;
// with lose > 0 it lets a request through but loses the answer (502).
type gate struct {
	h    http.Handler
	down atomic.Bool
	lose atomic.Int32
	hits atomic.Int32
}

func (g *gate) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g.hits.Add(1)
	switch {
	case g.down.Load():
		w.WriteHeader(http.StatusServiceUnavailable)
	case g.lose.Add(-1) >= 0:
		g.h.ServeHTTP(httptest.NewRecorder(), r)
		w.WriteHeader(http.StatusBadGateway)
	default:
		g.h.ServeHTTP(w, r)
	}
}

// node is an engine behind an HTTP server, sending to other engines with
// the sky transport; its root pico has the chat ruleset and a channel.
type node struct {
	eng  *pico.Engine
	url  string
	gate *gate
	eci  string
}

func newNode(t *testing.T) *node {
	t.Helper()
	g := &gate{}
	srv := httptest.NewServer(g)
	t.Cleanup(srv.Close)
	tr := &sky.Transport{Backoff: 10 * time.Millisecond, MaxBackoff: 50 * time.Millisecond, MaxAttempts: 1000}
	eng := picotest.NewEngine(t, pico.WithHost(srv.URL), pico.WithTransport(tr))
	g.h = sky.NewHandler(eng)
	ctx := context.Background()
	rs, err := eng.Register(ctx, pico.Source("chat.krl", []byte(chatKRL)))
	require.NoError(t, err)
	require.NoError(t, eng.Root().Install(ctx, rs.RID, nil))
	ch, err := eng.Root().NewChannel(ctx, pico.Tags("test"))
	require.NoError(t, err)
	return &node{eng: eng, url: srv.URL, gate: g, eci: ch.ECI}
}

func (n *node) raise(t *testing.T, domain, typ string, attrs map[string]any) {
	t.Helper()
	picotest.Raise(t, n.eng, n.eci, domain, typ, attrs)
}

func (n *node) query(t *testing.T, rid, name string) any {
	t.Helper()
	return picotest.Query(t, n.eng, n.eci, rid, name, nil)
}

// buses returns a list of subscriptions (established, inbound, outbound).
func (n *node) buses(t *testing.T, list string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, b := range n.query(t, subscriptionRID, list).([]any) {
		out = append(out, b.(map[string]any))
	}
	return out
}

// eventually waits until cond holds.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	require.Eventually(t, cond, 10*time.Second, 5*time.Millisecond, what)
}

// TestSky_SubscriptionAcrossEngines establishes a subscription between the
// root picos of two engines, each behind its own HTTP server, sends events
// both ways, delivers an event to a peer that was down for a while and
// through lost answers, exactly once, and cancels the subscription.
func TestSky_SubscriptionAcrossEngines(t *testing.T) {
	a, b := newNode(t), newNode(t)
	wk := b.query(t, subscriptionRID, "wellKnown_Rx").(map[string]any)["id"].(string)

	a.raise(t, "wrangler", "subscription", map[string]any{
		"wellKnown_Tx": wk, "Tx_host": b.url, "name": "peers", "Rx_role": "left", "Tx_role": "right",
	})
	eventually(t, "b has the request", func() bool { return len(b.buses(t, "inbound")) == 1 })
	in := b.buses(t, "inbound")[0]
	require.Equal(t, a.url, in["Tx_host"], "b answers on a's engine")
	require.Equal(t, "right", in["Rx_role"])

	b.raise(t, "wrangler", "pending_subscription_approval", map[string]any{"Id": in["Id"]})
	eventually(t, "a has it established", func() bool { return len(a.buses(t, "established")) == 1 })
	require.Empty(t, a.buses(t, "outbound"))
	require.Empty(t, b.buses(t, "inbound"))
	ea, eb := a.buses(t, "established")[0], b.buses(t, "established")[0]
	require.Equal(t, ea["Id"], eb["Id"])
	require.Equal(t, ea["Tx"], eb["Rx"])
	require.Equal(t, ea["Rx"], eb["Tx"])
	require.Equal(t, b.url, ea["Tx_host"])
	require.Equal(t, a.url, eb["Tx_host"])

	heard := func(n *node) []any { return n.query(t, "chat", "heard").([]any) }
	a.raise(t, "chat", "say", map[string]any{"text": "hello b"})
	b.raise(t, "chat", "say", map[string]any{"text": "hello a"})
	eventually(t, "b heard a", func() bool { return len(heard(b)) == 1 })
	eventually(t, "a heard b", func() bool { return len(heard(a)) == 1 })
	require.Equal(t, []any{"hello b"}, heard(b))
	require.Equal(t, []any{"hello a"}, heard(a))

	// Wrangler's picoQuery reaches a pico of the other engine over HTTP.
	got := picotest.Query(t, a.eng, a.eci, wranglerRID, "picoQuery",
		map[string]any{"eci": b.eci, "mod": "chat", "func": "heard", "_host": b.url})
	require.Equal(t, []any{"hello b"}, got)
	got = picotest.Query(t, a.eng, a.eci, wranglerRID, "picoQuery",
		map[string]any{"eci": "nobody", "mod": "chat", "func": "heard", "_host": b.url})
	require.Contains(t, got.(map[string]any)["picoQueryError"], "unknown channel")

	// b is down: a's event waits for it to come back.
	b.gate.down.Store(true)
	before := b.gate.hits.Load()
	a.raise(t, "chat", "say", map[string]any{"text": "while you were out"})
	eventually(t, "a tried a few times", func() bool { return b.gate.hits.Load()-before >= 3 })
	require.Len(t, heard(b), 1)
	b.gate.down.Store(false)
	eventually(t, "b got it after coming back", func() bool { return len(heard(b)) == 2 })

	// Answers lost on the way back: a sends again, b runs it once.
	b.gate.lose.Store(2)
	a.raise(t, "chat", "say", map[string]any{"text": "once"})
	eventually(t, "b got it", func() bool { return len(heard(b)) == 3 })
	eventually(t, "a stopped retrying", func() bool { return b.gate.lose.Load() < 0 })
	time.Sleep(50 * time.Millisecond)
	require.Equal(t, []any{"hello b", "while you were out", "once"}, heard(b))

	// Either side ends it; both forget it and delete their Rx channel.
	rxA, rxB := ea["Rx"].(string), eb["Rx"].(string)
	b.raise(t, "wrangler", "subscription_cancellation", map[string]any{"Id": eb["Id"]})
	eventually(t, "a forgot it", func() bool { return len(a.buses(t, "established")) == 0 })
	require.Empty(t, b.buses(t, "established"))
	for _, c := range []struct {
		n   *node
		eci string
	}{{a, rxA}, {b, rxB}} {
		_, err := c.n.eng.Query(context.Background(), pico.Query{ECI: c.eci, RID: "chat", Name: "heard"})
		require.ErrorIs(t, err, pico.ErrUnknownChannel)
	}
}

// TestSky_ManyEventsAcrossEngines sends events from many picos of one
// engine to one pico of another while the receiving server fails now and
// then; every event arrives exactly once.
func TestSky_ManyEventsAcrossEngines(t *testing.T) {
	a, b := newNode(t), newNode(t)
	ctx := context.Background()
	wk := b.query(t, subscriptionRID, "wellKnown_Rx").(map[string]any)["id"].(string)
	a.raise(t, "wrangler", "subscription", map[string]any{"wellKnown_Tx": wk, "Tx_host": b.url})
	eventually(t, "b has the request", func() bool { return len(b.buses(t, "inbound")) == 1 })
	b.raise(t, "wrangler", "pending_subscription_approval", map[string]any{"Id": b.buses(t, "inbound")[0]["Id"]})
	eventually(t, "established", func() bool { return len(a.buses(t, "established")) == 1 })

	const n = 40
	var wg sync.WaitGroup
	for i := range n {
		if i%10 == 5 {
			b.gate.lose.Store(1)
		}
		wg.Go(func() {
			_, err := a.eng.Raise(ctx, pico.Event{ECI: a.eci, Domain: "chat", Type: "say", Attrs: map[string]any{"text": i}})
			require.NoError(t, err)
		})
	}
	wg.Wait()
	eventually(t, "every event arrived", func() bool { return len(b.query(t, "chat", "heard").([]any)) >= n })
	time.Sleep(50 * time.Millisecond)
	got := b.query(t, "chat", "heard").([]any)
	require.Len(t, got, n)
	seen := map[float64]bool{}
	for _, x := range got {
		require.False(t, seen[x.(float64)], "%v arrived twice", x)
		seen[x.(float64)] = true
	}
}

// TestSky_SameEngineHostStaysLocal: a subscription whose Tx_host is the
// engine's own host does not go through HTTP.
func TestSky_SameEngineHostStaysLocal(t *testing.T) {
	a := newNode(t)
	ctx := context.Background()
	kid, err := a.eng.NewPico(ctx)
	require.NoError(t, err)
	wk := wellKnownChannels(t, kid)[0].ECI
	a.gate.down.Store(true)
	a.raise(t, "wrangler", "subscription", map[string]any{"wellKnown_Tx": wk, "Tx_host": a.url})
	kidCh, err := kid.NewChannel(ctx, pico.Tags("test"))
	require.NoError(t, err)
	inbound := func() []any { return picotest.Query(t, a.eng, kidCh.ECI, subscriptionRID, "inbound", nil).([]any) }
	eventually(t, "the kid has the request", func() bool { return len(inbound()) == 1 })
	bus := inbound()[0].(map[string]any)
	require.NotContains(t, bus, "Tx_host")
	picotest.Raise(t, a.eng, kidCh.ECI, "wrangler", "pending_subscription_approval", map[string]any{"Id": bus["Id"]})
	eventually(t, "established", func() bool { return len(a.buses(t, "established")) == 1 })
	require.NotContains(t, a.buses(t, "established")[0], "Tx_host")
	require.Zero(t, a.gate.hits.Load(), "nothing went through HTTP")
}
