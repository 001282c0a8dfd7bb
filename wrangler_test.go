package pico_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gopico/pico"
	"github.com/gopico/pico/builtin"
	"github.com/gopico/pico/picotest"
)

const (
	wranglerRID     = builtin.WranglerRID
	subscriptionRID = builtin.SubscriptionRID
)

// wellKnownChannels returns the pico's channels tagged as the
// Subscriptions well-known channel.
func wellKnownChannels(t *testing.T, p *pico.Pico) []pico.Channel {
	t.Helper()
	chs, err := p.Channels(context.Background())
	require.NoError(t, err)
	var out []pico.Channel
	for _, c := range chs {
		if len(c.Tags) == 2 && c.Tags[0] == "wellknown_rx" && c.Tags[1] == "tx_rx" {
			out = append(out, c)
		}
	}
	return out
}

func TestBuiltins_InstalledOnRootAndNewPicos(t *testing.T) {
	ctx := context.Background()
	eng := picotest.NewEngine(t)
	root := eng.Root()
	installed, err := root.Installed(ctx)
	require.NoError(t, err)
	require.Equal(t, []string{wranglerRID, subscriptionRID}, installed)
	require.Len(t, wellKnownChannels(t, root), 1, "the root's well-known channel exists when Open returns")

	kid, err := eng.NewPico(ctx)
	require.NoError(t, err)
	installed, err = kid.Installed(ctx)
	require.NoError(t, err)
	require.Equal(t, []string{wranglerRID, subscriptionRID}, installed)
	wk := wellKnownChannels(t, kid)
	require.Len(t, wk, 1, "the new pico's well-known channel exists when NewPico returns")

	// The well-known channel answers its query and refuses other events.
	got, err := eng.Query(ctx, pico.Query{ECI: wk[0].ECI, RID: subscriptionRID, Name: "wellKnown_Rx"})
	require.NoError(t, err)
	require.Equal(t, wk[0].ECI, got.(map[string]any)["id"])
	_, err = eng.Raise(ctx, pico.Event{ECI: wk[0].ECI, Domain: "wrangler", Type: "child_deletion_request"})
	require.ErrorIs(t, err, pico.ErrPolicyDenied)

	// Wrangler knows who the pico is.
	ch, err := kid.NewChannel(ctx, pico.Tags("test"))
	require.NoError(t, err)
	me, err := eng.Query(ctx, pico.Query{ECI: ch.ECI, RID: wranglerRID, Name: "myself"})
	require.NoError(t, err)
	rootCh, err := root.NewChannel(ctx, pico.Tags("test"))
	require.NoError(t, err)
	kids, err := eng.Query(ctx, pico.Query{ECI: rootCh.ECI, RID: wranglerRID, Name: "children"})
	require.NoError(t, err)
	require.Len(t, kids, 1)
	picotest.Equal(t, me, map[string]any{"name": nil, "id": kid.ID(), "eci": kids.([]any)[0].(map[string]any)["eci"]})
	rootMe, err := eng.Query(ctx, pico.Query{ECI: rootCh.ECI, RID: wranglerRID, Name: "myself"})
	require.NoError(t, err)
	picotest.Equal(t, rootMe, map[string]any{"name": "Pico", "id": root.ID(), "eci": nil})
}

func TestBuiltins_NotInstalledWhenDisabled(t *testing.T) {
	ctx := context.Background()
	eng := picotest.NewEngine(t, pico.WithBuiltins(false))
	kid, err := eng.NewPico(ctx)
	require.NoError(t, err)
	for _, p := range []*pico.Pico{eng.Root(), kid} {
		installed, err := p.Installed(ctx)
		require.NoError(t, err)
		require.Empty(t, installed)
		chs, err := p.Channels(ctx)
		require.NoError(t, err)
		require.Empty(t, wellKnownChannels(t, p), "channels: %v", chs)
	}
	// They are registered all the same.
	require.NoError(t, kid.Install(ctx, wranglerRID, nil))
	require.NoError(t, kid.Install(ctx, subscriptionRID, nil))
}

func TestBuiltins_SetUpOnceAcrossReopens(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for range 3 {
		eng, err := pico.Open(ctx, pico.WithDir(dir))
		require.NoError(t, err)
		installed, err := eng.Root().Installed(ctx)
		require.NoError(t, err)
		require.Equal(t, []string{wranglerRID, subscriptionRID}, installed)
		require.Len(t, wellKnownChannels(t, eng.Root()), 1)
		require.NoError(t, eng.Close())
	}
	// An engine that did not install them installs them on the root when
	// it is opened with them.
	dir = t.TempDir()
	eng, err := pico.Open(ctx, pico.WithDir(dir), pico.WithBuiltins(false))
	require.NoError(t, err)
	require.NoError(t, eng.Close())
	eng, err = pico.Open(ctx, pico.WithDir(dir))
	require.NoError(t, err)
	defer eng.Close()
	require.Len(t, wellKnownChannels(t, eng.Root()), 1)
}

func TestBuiltins_CtxNewPicoGetsThem(t *testing.T) {
	ctx := context.Background()
	clock := pico.NewManualClock(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	eng := picotest.NewEngine(t, pico.WithClock(clock))
	p, eci := picotest.Setup(t, eng, `ruleset maker {
  rule make { select when maker make  ctx:newPico([]) }
}`)
	picotest.Raise(t, eng, eci, "maker", "make", nil)
	require.NoError(t, eng.Advance(ctx, 0))
	kids, err := p.Children(ctx)
	require.NoError(t, err)
	require.Len(t, kids, 1)
	installed, err := kids[0].Installed(ctx)
	require.NoError(t, err)
	require.Equal(t, []string{wranglerRID, subscriptionRID}, installed)
	require.Len(t, wellKnownChannels(t, kids[0]), 1)
}

// TestWrangler_DeleteChild_RemovesChannelsAndState creates children through
// Wrangler events, gives each a ruleset with state, deletes one and checks
// that nothing of it is left.
func TestWrangler_DeleteChild_RemovesChannelsAndState(t *testing.T) {
	ctx := context.Background()
	clock := pico.NewManualClock(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	eng := picotest.NewEngine(t, pico.WithClock(clock))
	_, err := eng.Register(ctx, pico.Source("counter.krl", []byte(counterKRL)))
	require.NoError(t, err)
	root := eng.Root()
	rootCh, err := root.NewChannel(ctx, pico.Tags("test"))
	require.NoError(t, err)
	for _, name := range []string{"a", "b", "c"} {
		_, dirs := picotest.Raise(t, eng, rootCh.ECI, "wrangler", "new_child_request", map[string]any{"name": name})
		require.Empty(t, dirs.Directives)
	}
	require.NoError(t, eng.Advance(ctx, 0))

	kids, err := root.Children(ctx)
	require.NoError(t, err)
	require.Len(t, kids, 3)
	kidECIs := make([]string, len(kids))
	for i, kid := range kids {
		ch, err := kid.NewChannel(ctx, pico.Tags("test"))
		require.NoError(t, err)
		kidECIs[i] = ch.ECI
		picotest.Raise(t, eng, ch.ECI, "wrangler", "install_ruleset_request", map[string]any{"url": "https://example.com/krl/bench.counter.krl"})
		picotest.Raise(t, eng, ch.ECI, "bench", "inc", nil)
		require.Equal(t, float64(1), picotest.Query(t, eng, ch.ECI, "bench.counter", "count", nil))
	}
	children := picotest.Query(t, eng, rootCh.ECI, wranglerRID, "children", nil).([]any)
	require.Len(t, children, 3)
	var names []any
	for _, c := range children {
		names = append(names, c.(map[string]any)["name"])
	}
	require.Equal(t, []any{"a", "b", "c"}, names)

	b := kids[1]
	bChannels, err := b.Channels(ctx)
	require.NoError(t, err)
	require.NotEmpty(t, bChannels)
	bFamily := children[1].(map[string]any)["eci"].(string)
	picotest.Raise(t, eng, rootCh.ECI, "wrangler", "child_deletion_request", map[string]any{"eci": bFamily})

	ok, err := b.Exists(ctx)
	require.NoError(t, err)
	require.False(t, ok)
	for _, c := range append(bChannels, pico.Channel{ECI: bFamily}) {
		_, err := eng.Query(ctx, pico.Query{ECI: c.ECI, RID: "bench.counter", Name: "count"})
		require.ErrorIs(t, err, pico.ErrUnknownChannel, "channel %s", c.ECI)
	}
	chs, err := b.Channels(ctx)
	require.NoError(t, err)
	require.Empty(t, chs)
	_, err = b.Ent(ctx, "bench.counter", "n")
	require.ErrorIs(t, err, pico.ErrNotInstalled)

	left, err := root.Children(ctx)
	require.NoError(t, err)
	require.Equal(t, []string{kids[0].ID(), kids[2].ID()}, []string{left[0].ID(), left[1].ID()})
	for _, i := range []int{0, 2} {
		require.Equal(t, float64(1), picotest.Query(t, eng, kidECIs[i], "bench.counter", "count", nil))
	}
}

// TestWrangler_ChildAsksForDeletion: a child's ready_for_deletion makes
// its parent delete it.
func TestWrangler_ChildAsksForDeletion(t *testing.T) {
	ctx := context.Background()
	clock := pico.NewManualClock(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	eng := picotest.NewEngine(t, pico.WithClock(clock))
	kid, err := eng.NewPico(ctx)
	require.NoError(t, err)
	ch, err := kid.NewChannel(ctx, pico.Tags("test"))
	require.NoError(t, err)
	picotest.Raise(t, eng, ch.ECI, "wrangler", "ready_for_deletion", nil)
	require.NoError(t, eng.Advance(ctx, 0))
	ok, err := kid.Exists(ctx)
	require.NoError(t, err)
	require.False(t, ok)
}

func TestWithHost(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		opt  pico.Option
		want any
		err  error
	}{
		{"none", nil, nil, nil},
		{"trailing slash dropped", pico.WithHost("http://127.0.0.1:3000/"), "http://127.0.0.1:3000", nil},
		{"https with path", pico.WithHost("https://picos.example.com/engine"), "https://picos.example.com/engine", nil},
		{"no scheme", pico.WithHost("picos.example.com"), nil, pico.ErrInvalid},
		{"empty", pico.WithHost(""), nil, pico.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := []pico.Option{pico.WithInMemory(), pico.WithBuiltins(false)}
			if tt.opt != nil {
				opts = append(opts, tt.opt)
			}
			eng, err := pico.Open(ctx, opts...)
			if tt.err != nil {
				require.True(t, errors.Is(err, tt.err), "err = %v", err)
				return
			}
			require.NoError(t, err)
			defer eng.Close()
			_, eci := picotest.Setup(t, eng, `ruleset host { meta { shares host } global { host = function() { meta:host } } }`)
			require.Equal(t, tt.want, picotest.Query(t, eng, eci, "host", "host", nil))
		})
	}
}

// Every pico gets Wrangler and Subscriptions unless the engine is told
// otherwise.
func ExampleWithBuiltins() {
	ctx := context.Background()
	for _, on := range []bool{true, false} {
		eng, err := pico.Open(ctx, pico.WithInMemory(), pico.WithBuiltins(on))
		if err != nil {
			panic(err)
		}
		p, _ := eng.NewPico(ctx)
		rids, _ := p.Installed(ctx)
		fmt.Println(on, rids)
		eng.Close()
	}
	// Output:
	// true [io.picolabs.wrangler io.picolabs.subscription]
	// false []
}

// meta:host is the engine's public base URL.
func ExampleWithHost() {
	ctx := context.Background()
	eng, err := pico.Open(ctx, pico.WithInMemory(), pico.WithHost("https://picos.example.com/"))
	if err != nil {
		panic(err)
	}
	defer eng.Close()
	rs, _ := eng.Register(ctx, pico.Source("host.krl", []byte(`ruleset host {
  meta { shares host }
  global { host = function() { meta:host } }
}`)))
	p, _ := eng.NewPico(ctx)
	_ = p.Install(ctx, rs.RID, nil)
	ch, _ := p.NewChannel(ctx)
	v, _ := eng.Query(ctx, pico.Query{ECI: ch.ECI, RID: rs.RID, Name: "host"})
	fmt.Println(v)
	// Output:
	// https://picos.example.com
}
