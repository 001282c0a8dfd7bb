package pico_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gopico/pico"
	"github.com/gopico/pico/picotest"
)

// TestScenarios_SideEffects runs the scenario files of the ctx, schedule
// and module features.
func TestScenarios_SideEffects(t *testing.T) {
	var files []string
	for _, pat := range []string{"ctx_*.json", "schedule_*.json", "modules_*.json"} {
		m, err := filepath.Glob(filepath.Join("testdata", "scenarios", pat))
		require.NoError(t, err)
		files = append(files, m...)
	}
	require.GreaterOrEqual(t, len(files), 7)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) { picotest.Run(t, f) })
	}
}

const kidKRL = `ruleset kid {
  meta { shares hello }
  global { hello = function() { ent:greeting } }
  rule set {
    select when kid set
    always { ent:greeting := event:attrs{"g"} }
  }
}`

const parentKRL = `ruleset parent {
  meta { shares kids }
  global { kids = function() { ctx:children } }
  rule make {
    select when parent make
    ctx:newPico([{"url": "kid.krl"}]) setting(eci)
    fired {
      ent:kid := eci
      raise parent event "made" attributes {"eci": eci}
    }
  }
  rule made {
    select when parent made
    ctx:event(event:attrs{"eci"}, "kid", "set", {"g": "hi"})
  }
  rule fail_after_make {
    select when parent make_then_fail
    ctx:newPico([{"url": "kid.krl"}])
    fired { ent:x := "x" - 1 }
  }
  rule del {
    select when parent del
    ctx:delPico(ent:kid)
  }
}`

// manualEngine is an in-memory engine on a manual clock.
func manualEngine(t *testing.T, opts ...pico.Option) (*pico.Engine, *pico.ManualClock) {
	t.Helper()
	clock := pico.NewManualClock(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	return picotest.NewEngine(t, append([]pico.Option{pico.WithClock(clock)}, opts...)...), clock
}

func TestCtx_NewPico_InstallsAndReceivesEvents(t *testing.T) {
	ctx := context.Background()
	eng, _ := manualEngine(t)
	_, err := eng.Register(ctx, pico.Source("kid.krl", []byte(kidKRL)))
	require.NoError(t, err)
	p, eci := setup(t, eng, parentKRL)

	_, err = eng.Raise(ctx, pico.Event{ECI: eci, Domain: "parent", Type: "make"})
	require.NoError(t, err)
	require.NoError(t, eng.Advance(ctx, 0)) // let the child handle the event the parent sent

	kids, err := p.Children(ctx)
	require.NoError(t, err)
	require.Len(t, kids, 1)
	installed, err := kids[0].Installed(ctx)
	require.NoError(t, err)
	require.Equal(t, []string{"io.picolabs.wrangler", "io.picolabs.subscription", "kid"}, installed,
		"the built-ins, then what ctx:newPico installed")
	g, err := kids[0].Ent(ctx, "kid", "greeting")
	require.NoError(t, err)
	require.Equal(t, "hi", g)
	parent, err := kids[0].Parent(ctx)
	require.NoError(t, err)
	require.Equal(t, p.ID(), parent.ID())

	// The child's family channel works for the parent only.
	kidECI, err := p.Ent(ctx, "parent", "kid")
	require.NoError(t, err)
	_, err = eng.Raise(ctx, pico.Event{ECI: kidECI.(string), Domain: "kid", Type: "set"})
	require.ErrorIs(t, err, pico.ErrFamilyChannel)
}

func TestCtx_NewPico_FailedEventCreatesNoPico(t *testing.T) {
	ctx := context.Background()
	eng, _ := manualEngine(t)
	_, err := eng.Register(ctx, pico.Source("kid.krl", []byte(kidKRL)))
	require.NoError(t, err)
	p, eci := setup(t, eng, parentKRL)
	before, err := p.Channels(ctx)
	require.NoError(t, err)

	_, err = eng.Raise(ctx, pico.Event{ECI: eci, Domain: "parent", Type: "make_then_fail"})
	require.Error(t, err)

	kids, err := p.Children(ctx)
	require.NoError(t, err)
	require.Empty(t, kids)
	after, err := p.Channels(ctx)
	require.NoError(t, err)
	require.Equal(t, before, after, "no family channel is left on the parent")
}

func TestCtx_DelPico_DeletesSubtreeAndItsSchedules(t *testing.T) {
	ctx := context.Background()
	eng, _ := manualEngine(t)
	_, err := eng.Register(ctx, pico.Source("kid.krl", []byte(`ruleset kid {
  rule tick {
    select when kid start
    always { schedule kid event "tick" repeat "* * * * *" }
  }
  rule count {
    select when kid tick
    always { ent:n := ent:n.defaultsTo(0) + 1 }
  }
}`)))
	require.NoError(t, err)
	p, eci := setup(t, eng, `ruleset parent {
  rule make {
    select when parent make
    ctx:newPico([{"url": "kid"}]) setting(eci)
    fired { ent:kid := eci }
  }
  rule start {
    select when parent start
    ctx:event(ent:kid, "kid", "start")
  }
  rule del {
    select when parent del
    ctx:delPico(ent:kid)
  }
}`)
	_, err = eng.Raise(ctx, pico.Event{ECI: eci, Domain: "parent", Type: "make"})
	require.NoError(t, err)
	_, err = eng.Raise(ctx, pico.Event{ECI: eci, Domain: "parent", Type: "start"})
	require.NoError(t, err)
	require.NoError(t, eng.Advance(ctx, 2*time.Minute))
	kids, err := p.Children(ctx)
	require.NoError(t, err)
	require.Len(t, kids, 1)
	kid := kids[0]
	n, err := kid.Ent(ctx, "kid", "n")
	require.NoError(t, err)
	require.EqualValues(t, 2, n)
	grandchild, err := eng.NewPico(ctx, pico.ChildOf(kid))
	require.NoError(t, err)

	_, err = eng.Raise(ctx, pico.Event{ECI: eci, Domain: "parent", Type: "del"})
	require.NoError(t, err)
	for _, gone := range []*pico.Pico{kid, grandchild} {
		ok, err := gone.Exists(ctx)
		require.NoError(t, err)
		require.False(t, ok)
	}
	require.NoError(t, eng.Advance(ctx, 10*time.Minute)) // nothing left to fire
	kids, err = p.Children(ctx)
	require.NoError(t, err)
	require.Empty(t, kids)
}

func TestCtx_EventQuery(t *testing.T) {
	ctx := context.Background()
	eng, _ := manualEngine(t)
	_, err := eng.Register(ctx, pico.Source("kid.krl", []byte(kidKRL)))
	require.NoError(t, err)
	p, eci := setup(t, eng, `ruleset asker {
  rule make {
    select when a make
    ctx:newPico([{"url": "kid"}]) setting(eci)
    fired { ent:kid := eci }
  }
  rule ask {
    select when a ask
    ctx:eventQuery(ent:kid, "kid", "set", {"g": event:attrs{"g"}}, "kid", "hello") setting(v)
    fired { ent:answer := v }
  }
  rule self {
    select when a self
    ctx:eventQuery(event:eci, "a", "make", {}, "asker", "nothing")
  }
}`)
	_, err = eng.Raise(ctx, pico.Event{ECI: eci, Domain: "a", Type: "make"})
	require.NoError(t, err)
	_, err = eng.Raise(ctx, pico.Event{ECI: eci, Domain: "a", Type: "ask", Attrs: map[string]any{"g": "yo"}})
	require.NoError(t, err)
	v, err := p.Ent(ctx, "asker", "answer")
	require.NoError(t, err)
	require.Equal(t, "yo", v)

	done := make(chan error, 1)
	go func() {
		_, err := eng.Raise(ctx, pico.Event{ECI: eci, Domain: "a", Type: "self"})
		done <- err
	}()
	select {
	case err := <-done:
		require.ErrorIs(t, err, pico.ErrInvalid, "a pico cannot eventQuery itself")
	case <-time.After(5 * time.Second):
		t.Fatal("ctx:eventQuery on the pico's own channel deadlocked")
	}
}

func TestCtx_Query_FamilyChannelOfOwnChild(t *testing.T) {
	ctx := context.Background()
	eng, _ := manualEngine(t)
	_, err := eng.Register(ctx, pico.Source("kid.krl", []byte(kidKRL)))
	require.NoError(t, err)
	_, eci := setup(t, eng, `ruleset asker {
  meta { shares kidSays, strangerSays }
  global {
    kidSays = function() { ctx:query(ent:kid, "kid", "hello") }
    strangerSays = function(eci) { ctx:query(eci, "kid", "hello") }
  }
  rule make {
    select when a make
    ctx:newPico([{"url": "kid"}]) setting(eci)
    fired { ent:kid := eci }
  }
  rule tell {
    select when a tell
    ctx:event(ent:kid, "kid", "set", {"g": "from parent"})
  }
}`)
	_, err = eng.Raise(ctx, pico.Event{ECI: eci, Domain: "a", Type: "make"})
	require.NoError(t, err)
	_, err = eng.Raise(ctx, pico.Event{ECI: eci, Domain: "a", Type: "tell"})
	require.NoError(t, err)
	require.NoError(t, eng.Advance(ctx, 0))
	got, err := eng.Query(ctx, pico.Query{ECI: eci, RID: "asker", Name: "kidSays"})
	require.NoError(t, err)
	require.Equal(t, "from parent", got)

	// Another pico's family channel is refused.
	other, err := eng.NewPico(ctx)
	require.NoError(t, err)
	otherKids, err := eng.NewPico(ctx, pico.ChildOf(other))
	require.NoError(t, err)
	require.NoError(t, otherKids.Install(ctx, "kid", nil))
	chs, err := otherKids.Channels(ctx)
	require.NoError(t, err)
	var family string
	for _, c := range chs {
		if c.FamilyOf != "" {
			family = c.ECI
		}
	}
	require.NotEmpty(t, family)
	_, err = eng.Query(ctx, pico.Query{ECI: eci, RID: "asker", Name: "strangerSays", Args: map[string]any{"eci": family}})
	require.ErrorIs(t, err, pico.ErrFamilyChannel)
}

func TestCtx_Event_RemoteNeedsTransport(t *testing.T) {
	ctx := context.Background()
	eng, _ := manualEngine(t)
	_, eci := setup(t, eng, `ruleset s {
  rule remote {
    select when s remote
    ctx:event("some-eci", "d", "t", {}, "https://picos.example.com")
  }
  rule unknown {
    select when s unknown
    ctx:event("no-such-eci", "d", "t")
  }
}`)
	_, err := eng.Raise(ctx, pico.Event{ECI: eci, Domain: "s", Type: "remote"})
	require.ErrorIs(t, err, pico.ErrNoTransport)
	_, err = eng.Raise(ctx, pico.Event{ECI: eci, Domain: "s", Type: "unknown"})
	require.ErrorIs(t, err, pico.ErrUnknownChannel)
}

func TestRIDFromURL(t *testing.T) {
	for _, tc := range []struct{ url, rid string }{
		{"io.picolabs.hello", "io.picolabs.hello"},
		{"io.picolabs.hello.krl", "io.picolabs.hello"},
		{"https://example.com/krl/io.picolabs.hello.krl", "io.picolabs.hello"},
		{"https://example.com/krl/io.picolabs.hello.krl?v=2#x", "io.picolabs.hello"},
		{"file:///home/me/rulesets/hello.krl", "hello"},
		{"mem://hello/", "hello"},
		{"  hello  ", "hello"},
	} {
		require.Equal(t, tc.rid, pico.RIDFromURL(tc.url), tc.url)
	}
}
