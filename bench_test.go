package pico_test

import (
	"context"

	"sync"
	"sync/atomic"
	"testing"

	"github.com/gopico/pico"
)

func benchEngine(b *testing.B, opts ...pico.Option) *pico.Engine {
	b.Helper()
	eng, err := pico.Open(context.Background(), opts...)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { eng.Close() })
	return eng
}

func benchSequential(b *testing.B, eng *pico.Engine) {
	ctx := context.Background()
	_, eci := setup(b, eng, counterKRL)
	ev := pico.Event{ECI: eci, Domain: "bench", Type: "inc"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := eng.Raise(ctx, ev); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkRaise_SequentialMemory is the counter rule on one pico, in memory.
func BenchmarkRaise_SequentialMemory(b *testing.B) {
	benchSequential(b, benchEngine(b, pico.WithInMemory()))
}

// BenchmarkRaise_SequentialDisk is the same on disk, default durability.
func BenchmarkRaise_SequentialDisk(b *testing.B) {
	benchSequential(b, benchEngine(b, pico.WithDir(b.TempDir())))
}

// BenchmarkRaise_ManyPicos spreads events over 10,000 picos from many
// goroutines.
func BenchmarkRaise_ManyPicos(b *testing.B) {
	ctx := context.Background()
	eng := benchEngine(b, pico.WithInMemory())
	rs, err := eng.Register(ctx, pico.Source("counter.krl", []byte(counterKRL)))
	if err != nil {
		b.Fatal(err)
	}
	const n = 10_000
	ecis := make([]string, n)
	for i := range ecis {
		p, err := eng.NewPico(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if err := p.Install(ctx, rs.RID, nil); err != nil {
			b.Fatal(err)
		}
		ch, err := p.NewChannel(ctx)
		if err != nil {
			b.Fatal(err)
		}
		ecis[i] = ch.ECI
	}
	var next atomic.Int64
	b.ReportAllocs()
	b.SetParallelism(64)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := next.Add(1)
			if _, err := eng.Raise(ctx, pico.Event{ECI: ecis[i%n], Domain: "bench", Type: "inc"}); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkRaise_Durable64 sends from 64 goroutines to 64 picos with
// synchronous writes.
func BenchmarkRaise_Durable64(b *testing.B) {
	ctx := context.Background()
	eng := benchEngine(b, pico.WithDir(b.TempDir()), pico.WithSyncWrites(true))
	ecis := make([]string, 64)
	for i := range ecis {
		_, ecis[i] = setup(b, eng, counterKRL)
	}
	var next atomic.Int64
	b.SetParallelism(32) // 2 cores x 32 = 64 senders
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		eci := ecis[next.Add(1)%64]
		for pb.Next() {
			if _, err := eng.Raise(ctx, pico.Event{ECI: eci, Domain: "bench", Type: "inc"}); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkQuery_Idle is a query on an idle pico.
func BenchmarkQuery_Idle(b *testing.B) {
	ctx := context.Background()
	eng := benchEngine(b, pico.WithInMemory())
	_, eci := setup(b, eng, counterKRL)
	if _, err := eng.Raise(ctx, pico.Event{ECI: eci, Domain: "bench", Type: "inc"}); err != nil {
		b.Fatal(err)
	}
	q := pico.Query{ECI: eci, RID: "bench.counter", Name: "count"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := eng.Query(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkQuery_DuringBurst queries a pico while another goroutine floods
// it with events.
func BenchmarkQuery_DuringBurst(b *testing.B) {
	ctx := context.Background()
	eng := benchEngine(b, pico.WithInMemory())
	_, eci := setup(b, eng, counterKRL)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := eng.Send(ctx, pico.Event{ECI: eci, Domain: "bench", Type: "inc"}); err != nil {
				return
			}
		}
	}()
	q := pico.Query{ECI: eci, RID: "bench.counter", Name: "count"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := eng.Query(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	close(stop)
	wg.Wait()
}
