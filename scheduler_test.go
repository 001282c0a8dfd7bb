package pico_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gopico/pico"
	"github.com/gopico/pico/picotest"
)

const tickerKRL = `ruleset ticker {
  meta { shares ticks, scheduled }
  global {
    ticks = function() { ent:ticks.defaultsTo(0) }
    scheduled = function() { schedule:list().length() }
  }
  rule start {
    select when ticker start
    always { schedule ticker event "tick" repeat event:attrs{"spec"} }
  }
  rule once {
    select when ticker once
    always { schedule ticker event "tick" at event:attrs{"at"} attributes {"once": true} }
  }
  rule tick {
    select when ticker tick
    always { ent:ticks := ticks() + 1 }
  }
  rule boom {
    select when ticker boom
    always { schedule ticker event "explode" at event:attrs{"at"} }
  }
  rule explode {
    select when ticker explode
    always { ent:never := "x" - 1 }
  }
}`

var scheduleStart = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

func ticks(t *testing.T, eng *pico.Engine, eci string) float64 {
	t.Helper()
	v, err := eng.Query(context.Background(), pico.Query{ECI: eci, RID: "ticker", Name: "ticks"})
	require.NoError(t, err)
	return v.(float64)
}

func TestSchedule_RepeatFiresAndSurvivesReopen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	clock := pico.NewManualClock(scheduleStart)
	eng, err := pico.Open(ctx, pico.WithDir(dir), pico.WithClock(clock))
	require.NoError(t, err)
	_, eci := setup(t, eng, tickerKRL)
	_, err = eng.Raise(ctx, pico.Event{ECI: eci, Domain: "ticker", Type: "start", Attrs: map[string]any{"spec": "*/10 * * * *"}})
	require.NoError(t, err)

	require.NoError(t, eng.Advance(ctx, 9*time.Minute))
	require.EqualValues(t, 0, ticks(t, eng, eci))
	require.NoError(t, eng.Advance(ctx, 21*time.Minute)) // 00:10, 00:20, 00:30
	require.EqualValues(t, 3, ticks(t, eng, eci))
	require.Equal(t, scheduleStart.Add(30*time.Minute), clock.Now())
	require.NoError(t, eng.Close())

	eng, err = pico.Open(ctx, pico.WithDir(dir), pico.WithClock(clock))
	require.NoError(t, err)
	defer eng.Close()
	require.EqualValues(t, 3, ticks(t, eng, eci), "a repeat schedule does not fire at Open")
	require.NoError(t, eng.Advance(ctx, 20*time.Minute)) // 00:40, 00:50
	require.EqualValues(t, 5, ticks(t, eng, eci))
}

func TestSchedule_FiresInDueOrder(t *testing.T) {
	ctx := context.Background()
	eng, _ := manualEngine(t)
	p, eci := setup(t, eng, `ruleset order {
  rule setup {
    select when order setup
    always {
      schedule order event "b" repeat "*/3 * * * *"
      schedule order event "a" repeat "*/2 * * * *"
      schedule order event "at" at time:add(time:now(), {"minutes": 6})
      schedule order event "early" at time:add(time:now(), {"minutes": 1})
    }
  }
  rule log {
    select when order a or order b or order at or order early
    always { ent:log := ent:log.defaultsTo([]).append(event:name + "@" + time:now().substr(14, 2)) }
  }
}`)
	_, err := eng.Raise(ctx, pico.Event{ECI: eci, Domain: "order", Type: "setup"})
	require.NoError(t, err)
	require.NoError(t, eng.Advance(ctx, 6*time.Minute))
	log, err := p.Ent(ctx, "order", "log")
	require.NoError(t, err)
	// Ties: "at" schedules first, then repeats in creation order.
	require.Equal(t, []any{"early@01", "a@02", "b@03", "a@04", "at@06", "b@06", "a@06"}, log)
}

func TestSchedule_MissedAtFiresOnceAtOpen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	clock := pico.NewManualClock(scheduleStart)
	eng, err := pico.Open(ctx, pico.WithDir(dir), pico.WithClock(clock))
	require.NoError(t, err)
	_, eci := setup(t, eng, tickerKRL)
	at := scheduleStart.Add(10 * time.Minute).UnixMilli()
	_, err = eng.Raise(ctx, pico.Event{ECI: eci, Domain: "ticker", Type: "once", Attrs: map[string]any{"at": at}})
	require.NoError(t, err)
	require.NoError(t, eng.Close())

	clock.Add(time.Hour) // the engine is down when the schedule is due
	for range 2 {
		eng, err = pico.Open(ctx, pico.WithDir(dir), pico.WithClock(clock))
		require.NoError(t, err)
		require.EqualValues(t, 1, ticks(t, eng, eci))
		n, err := eng.Query(ctx, pico.Query{ECI: eci, RID: "ticker", Name: "scheduled"})
		require.NoError(t, err)
		require.EqualValues(t, 0, n)
		require.NoError(t, eng.Close())
	}
}

func TestSchedule_FiredEventsBypassPolicy(t *testing.T) {
	ctx := context.Background()
	eng, _ := manualEngine(t)
	p, _ := setup(t, eng, tickerKRL)
	ch, err := p.NewChannel(ctx, pico.AllowEvents("ticker:once"))
	require.NoError(t, err)
	at := scheduleStart.Add(time.Minute).UnixMilli()
	_, err = eng.Raise(ctx, pico.Event{ECI: ch.ECI, Domain: "ticker", Type: "once", Attrs: map[string]any{"at": at}})
	require.NoError(t, err)
	_, err = eng.Raise(ctx, pico.Event{ECI: ch.ECI, Domain: "ticker", Type: "tick"})
	require.ErrorIs(t, err, pico.ErrPolicyDenied)

	require.NoError(t, eng.Advance(ctx, time.Minute))
	n, err := p.Ent(ctx, "ticker", "ticks")
	require.NoError(t, err)
	require.EqualValues(t, 1, n)
}

func TestSchedule_FailedEventIsReportedAndDropped(t *testing.T) {
	ctx := context.Background()
	eng, _ := manualEngine(t)
	_, eci := setup(t, eng, tickerKRL)
	for _, typ := range []string{"boom", "once"} {
		at := scheduleStart.Add(time.Minute).UnixMilli()
		_, err := eng.Raise(ctx, pico.Event{ECI: eci, Domain: "ticker", Type: typ, Attrs: map[string]any{"at": at}})
		require.NoError(t, err)
	}
	err := eng.Advance(ctx, time.Minute)
	require.ErrorContains(t, err, "cannot be subtracted")
	require.EqualValues(t, 1, ticks(t, eng, eci), "the other schedule fired")
	require.NoError(t, eng.Advance(ctx, time.Hour), "the failed schedule is gone")
	n, err := eng.Query(ctx, pico.Query{ECI: eci, RID: "ticker", Name: "scheduled"})
	require.NoError(t, err)
	require.EqualValues(t, 0, n)
}

func TestSchedule_CancelledWithRulesetAndPico(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name   string
		cancel func(p *pico.Pico) error
	}{
		{"uninstall", func(p *pico.Pico) error { return p.Uninstall(ctx, "ticker") }},
		{"delete", func(p *pico.Pico) error { return p.Delete(ctx) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			eng, _ := manualEngine(t)
			p, eci := setup(t, eng, tickerKRL)
			_, err := eng.Raise(ctx, pico.Event{ECI: eci, Domain: "ticker", Type: "start", Attrs: map[string]any{"spec": "* * * * *"}})
			require.NoError(t, err)
			require.NoError(t, eng.Advance(ctx, time.Minute))
			require.EqualValues(t, 1, ticks(t, eng, eci))
			require.NoError(t, tc.cancel(p))
			require.NoError(t, eng.Advance(ctx, time.Hour))
			if tc.name == "uninstall" {
				require.NoError(t, p.Install(ctx, "ticker", nil))
				require.EqualValues(t, 0, ticks(t, eng, eci))
			}
		})
	}
}

func TestSchedule_BadSchedulesAreRuntimeErrors(t *testing.T) {
	ctx := context.Background()
	eng, _ := manualEngine(t)
	_, eci := setup(t, eng, tickerKRL)
	for _, tc := range []struct {
		typ   string
		attrs map[string]any
		want  string
	}{
		{"start", map[string]any{"spec": "61 * * * *"}, "schedule .. repeat"},
		{"start", map[string]any{"spec": 5}, "expected a cron timespec string"},
		{"once", map[string]any{"at": "not a date"}, "expected a timestamp but got String"},
		{"once", map[string]any{"at": true}, "expected a timestamp but got Boolean"},
	} {
		_, err := eng.Raise(ctx, pico.Event{ECI: eci, Domain: "ticker", Type: tc.typ, Attrs: tc.attrs})
		require.ErrorContains(t, err, tc.want, "%s %v", tc.typ, tc.attrs)
	}
}

func TestSchedule_SystemClock(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for real time")
	}
	ctx := context.Background()
	eng := picotest.NewEngine(t)
	_, eci := setup(t, eng, tickerKRL)
	at := time.Now().Add(100 * time.Millisecond).UnixMilli()
	_, err := eng.Raise(ctx, pico.Event{ECI: eci, Domain: "ticker", Type: "once", Attrs: map[string]any{"at": at}})
	require.NoError(t, err)
	require.Eventually(t, func() bool { return ticks(t, eng, eci) == 1 }, 3*time.Second, 10*time.Millisecond)

	_, err = eng.Raise(ctx, pico.Event{ECI: eci, Domain: "ticker", Type: "start", Attrs: map[string]any{"spec": "* * * * * *"}})
	require.NoError(t, err)
	require.Eventually(t, func() bool { return ticks(t, eng, eci) >= 3 }, 4*time.Second, 20*time.Millisecond)
	require.ErrorIs(t, eng.Advance(ctx, time.Second), pico.ErrInvalid, "Advance needs a ManualClock")
}

// ExampleEngine_Advance shows a repeating schedule driven by a manual
// clock: Advance fires each occurrence at its time, then returns.
func ExampleEngine_Advance() {
	ctx := context.Background()
	clock := pico.NewManualClock(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	eng, err := pico.Open(ctx, pico.WithInMemory(), pico.WithClock(clock))
	if err != nil {
		panic(err)
	}
	defer eng.Close()
	src := `ruleset alarm {
  meta { shares rang }
  global { rang = function() { ent:rang.defaultsTo([]) } }
  rule set {
    select when alarm set
    always { schedule alarm event "ring" repeat "0 7 * * *" }
  }
  rule ring {
    select when alarm ring
    always { ent:rang := rang().append(time:now()) }
  }
}`
	if _, err := eng.Register(ctx, pico.Source("alarm.krl", []byte(src))); err != nil {
		panic(err)
	}
	p, _ := eng.NewPico(ctx)
	_ = p.Install(ctx, "alarm", nil)
	ch, _ := p.NewChannel(ctx)
	if _, err := eng.Raise(ctx, pico.Event{ECI: ch.ECI, Domain: "alarm", Type: "set"}); err != nil {
		panic(err)
	}
	if err := eng.Advance(ctx, 72*time.Hour); err != nil {
		panic(err)
	}
	rang, _ := eng.Query(ctx, pico.Query{ECI: ch.ECI, RID: "alarm", Name: "rang"})
	fmt.Println(rang)
	// Output: [2024-01-01T07:00:00.000Z 2024-01-02T07:00:00.000Z 2024-01-03T07:00:00.000Z]
}

// BenchmarkSchedule_Fire measures one scheduled event fired by Advance: a
// repeat schedule that fires every second and counts.
func BenchmarkSchedule_Fire(b *testing.B) {
	ctx := context.Background()
	clock := pico.NewManualClock(scheduleStart)
	eng := picotest.NewEngine(b, pico.WithClock(clock))
	_, eci := setup(b, eng, tickerKRL)
	_, err := eng.Raise(ctx, pico.Event{ECI: eci, Domain: "ticker", Type: "start", Attrs: map[string]any{"spec": "* * * * * *"}})
	require.NoError(b, err)
	b.ResetTimer()
	require.NoError(b, eng.Advance(ctx, time.Duration(b.N)*time.Second))
	b.StopTimer()
	v, err := eng.Query(ctx, pico.Query{ECI: eci, RID: "ticker", Name: "ticks"})
	require.NoError(b, err)
	require.EqualValues(b, b.N, v)
}
