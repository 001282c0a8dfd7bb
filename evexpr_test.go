package pico_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gopico/pico"
	"github.com/gopico/pico/picotest"
)

// TestEngine_PartialMatchSurvivesReopen starts a `before` match, closes and
// reopens the engine, and completes the match with the second event.
func TestEngine_PartialMatchSurvivesReopen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	const src = `ruleset seq {
  rule ab {
    select when s a x re#(.+)# setting(x) before s b y re#(.+)# setting(y) within 1 hour
    send_directive("ab", {"x": x, "y": y})
  }
}`
	clock := pico.NewManualClock(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	eng, err := pico.Open(ctx, pico.WithDir(dir), pico.WithClock(clock))
	require.NoError(t, err)
	_, eci := setup(t, eng, src)
	res, err := eng.Raise(ctx, pico.Event{ECI: eci, Domain: "s", Type: "a", Attrs: map[string]any{"x": "first"}})
	require.NoError(t, err)
	require.Empty(t, res.Directives)
	require.NoError(t, eng.Close())

	eng, err = pico.Open(ctx, pico.WithDir(dir), pico.WithClock(clock))
	require.NoError(t, err)
	defer eng.Close()
	clock.Add(30 * time.Minute)
	res, err = eng.Raise(ctx, pico.Event{ECI: eci, Domain: "s", Type: "b", Attrs: map[string]any{"y": "second"}})
	require.NoError(t, err)
	require.Len(t, res.Directives, 1)
	require.Equal(t, map[string]any{"x": "first", "y": "second"}, res.Directives[0].Options)

	// The match is consumed: another b alone does not fire.
	res, err = eng.Raise(ctx, pico.Event{ECI: eci, Domain: "s", Type: "b", Attrs: map[string]any{"y": "again"}})
	require.NoError(t, err)
	require.Empty(t, res.Directives)
}

// TestEngine_PartialMatchRolledBack checks that event-expression state is
// part of the event's transaction: a failing event leaves it as it was.
func TestEngine_PartialMatchRolledBack(t *testing.T) {
	ctx := context.Background()
	eng := picotest.NewEngine(t)
	_, eci := setup(t, eng, `ruleset seq2 {
  rule ab {
    select when s a before s b
    send_directive("ab")
  }
  rule boom {
    select when s a
    pre { x = event:attrs{"fail"} => "a" - 1 | 0 }
  }
}`)
	_, err := eng.Raise(ctx, pico.Event{ECI: eci, Domain: "s", Type: "a", Attrs: map[string]any{"fail": true}})
	require.Error(t, err)
	res, err := eng.Raise(ctx, pico.Event{ECI: eci, Domain: "s", Type: "b"})
	require.NoError(t, err)
	require.Empty(t, res.Directives, "the failed event's `a` must not count")
	_, err = eng.Raise(ctx, pico.Event{ECI: eci, Domain: "s", Type: "a"})
	require.NoError(t, err)
	res, err = eng.Raise(ctx, pico.Event{ECI: eci, Domain: "s", Type: "b"})
	require.NoError(t, err)
	require.Len(t, res.Directives, 1)
}

// TestEngine_FlushResetsPartialMatches checks that Flush and a new version
// make event-expression state start over, while a plain restart keeps it.
func TestEngine_FlushResetsPartialMatches(t *testing.T) {
	ctx := context.Background()
	eng := picotest.NewEngine(t)
	src := `ruleset seq3 {
  rule ab { select when s a before s b  send_directive("ab") }
}`
	_, eci := setup(t, eng, src)
	raise := func(typ string) int {
		res, err := eng.Raise(ctx, pico.Event{ECI: eci, Domain: "s", Type: typ})
		require.NoError(t, err)
		return len(res.Directives)
	}
	raise("a")
	require.NoError(t, eng.Flush(ctx, "seq3"))
	require.Equal(t, 0, raise("b"), "flush must forget the partial match")
	raise("a")
	require.Equal(t, 1, raise("b"))

	raise("a")
	_, err := eng.Register(ctx, pico.Source("seq3.krl", []byte(src+"\n// a new version\n")))
	require.NoError(t, err)
	require.Equal(t, 0, raise("b"), "a new version must forget the partial match")
}
