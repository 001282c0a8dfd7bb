package eventbus_test

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gopico/pico/eventbus"
	"github.com/gopico/pico/krl/value"
)

func BenchmarkBus_Submit_oneKey(b *testing.B) {
	bus, err := eventbus.New()
	if err != nil {
		b.Fatal(err)
	}
	var wg sync.WaitGroup
	var n atomic.Int64
	job := eventbus.Job{
		Run:  func(context.Context) error { n.Add(1); return nil },
		Done: func(error) { wg.Done() },
	}
	start := time.Now()
	for b.Loop() {
		wg.Add(1)
		if err := bus.Submit("pico", job); err != nil {
			b.Fatal(err)
		}
	}
	wg.Wait()
	b.ReportMetric(float64(n.Load())/time.Since(start).Seconds(), "jobs/s")
	_ = bus.Close(context.Background())
}

func BenchmarkBus_Submit_10000Keys(b *testing.B) {
	bus, err := eventbus.New()
	if err != nil {
		b.Fatal(err)
	}
	keys := make([]string, 10000)
	for i := range keys {
		keys[i] = fmt.Sprint("pico-", i)
	}
	var wg sync.WaitGroup
	var next atomic.Int64
	job := eventbus.Job{
		Run:  func(context.Context) error { return nil },
		Done: func(error) { wg.Done() },
	}
	b.SetParallelism(4) // 4 × GOMAXPROCS submitters
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			wg.Add(1)
			i := next.Add(1)
			if err := bus.Submit(keys[i%int64(len(keys))], job); err != nil {
				panic(err)
			}
		}
	})
	wg.Wait()
	b.ReportMetric(float64(next.Load())/time.Since(start).Seconds(), "jobs/s")
	_ = bus.Close(context.Background())
}

func BenchmarkBus_Do(b *testing.B) {
	bus, err := eventbus.New()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	fn := func(context.Context) error { return nil }
	for b.Loop() {
		if err := bus.Do(ctx, "pico", fn); err != nil {
			b.Fatal(err)
		}
	}
	_ = bus.Close(ctx)
}

// benchRuleset is 50 rules: one `e a then e b` (a 3-state machine), a
// couple of others that also listen for e:a or e:b, and rules about other
// events.
func benchRuleset(b *testing.B) []*eventbus.Machine {
	srcs := []string{
		"e a then e b",
		"e a x re#^(\\d+)$# setting(n) where n > 5",
		"count 3 (e b)",
	}
	for i := len(srcs); i < 50; i++ {
		switch i % 4 {
		case 0:
			srcs = append(srcs, fmt.Sprintf("d%d t%d", i, i))
		case 1:
			srcs = append(srcs, fmt.Sprintf("d%d t%d before d%d u%d", i, i, i, i))
		case 2:
			srcs = append(srcs, fmt.Sprintf("d%d t%d x re#^(\\w+)$# setting(v) then d%d u%d", i, i, i, i))
		default:
			srcs = append(srcs, fmt.Sprintf("repeat 3 (d%d t%d m re#(\\d+)#) max(m)", i, i))
		}
	}
	ms := make([]*eventbus.Machine, len(srcs))
	for i, s := range srcs {
		ms[i] = mustMachine(b, s)
	}
	return ms
}

// BenchmarkMachine_Step_ruleset measures the matching work of one event on
// a ruleset of 50 rules: the index lookup and a step of every listening
// rule, with its primitive tests. Events alternate e:a, e:b, which advance
// and fire the `then` rule.
func BenchmarkMachine_Step_ruleset(b *testing.B) {
	benchRuleStep(b, false)
}

// BenchmarkMachine_Step_rulesetStored is the same, plus decoding each
// listening rule's stored state and encoding the new one, as the engine does
// inside the event's transaction.
func BenchmarkMachine_Step_rulesetStored(b *testing.B) {
	benchRuleStep(b, true)
}

func benchRuleStep(b *testing.B, stored bool) {
	ms := benchRuleset(b)
	ix := eventbus.NewIndex(ms)
	states := make([]eventbus.State, len(ms))
	blobs := make([][]byte, len(ms))
	caps := []value.Value{value.Str("7")}
	test := func(int) (bool, []value.Value, error) { return true, caps, nil }
	events := []eventbus.Event{
		{Domain: "e", Type: "a", Time: time.UnixMilli(1000)},
		{Domain: "e", Type: "b", Time: time.UnixMilli(2000)},
	}
	fires := 0
	buf := make([]byte, 0, 64)
	i := 0
	for b.Loop() {
		ev := events[i%2]
		i++
		for _, r := range ix.Lookup(ev.Domain, ev.Type) {
			m := ms[r]
			st := states[r]
			if stored {
				var err error
				if st, err = m.UnmarshalState(blobs[r]); err != nil {
					b.Fatal(err)
				}
			}
			fired, _, next, err := m.Step(st, ev, 0, test)
			if err != nil {
				b.Fatal(err)
			}
			if fired {
				fires++
			}
			if stored {
				if buf, err = next.AppendBinary(buf[:0]); err != nil {
					b.Fatal(err)
				}
				blobs[r] = append(blobs[r][:0], buf...)
			} else {
				states[r] = next
			}
		}
	}
	if fires == 0 {
		b.Fatal("no rule fired")
	}
}

func BenchmarkIndex_Lookup_nobody(b *testing.B) {
	ix := eventbus.NewIndex(benchRuleset(b))
	for b.Loop() {
		if ix.Lookup("nobody", "listens") != nil {
			b.Fatal("listeners")
		}
	}
}

func BenchmarkCompile_then(b *testing.B) {
	sel := mustSelect(b, "then(e a x re#(.*)# setting(v), e b, e c) within 5 minutes")
	for b.Loop() {
		if _, err := eventbus.Compile(sel); err != nil {
			b.Fatal(err)
		}
	}
}

var _ = runtime.GOMAXPROCS
