package eventbus_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gopico/pico/eventbus"
)

func newBus(t *testing.T, opts ...eventbus.Option) *eventbus.Bus {
	t.Helper()
	b, err := eventbus.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := b.Close(ctx); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return b
}

// waitIdle waits until the bus holds no mailbox and no worker.
func waitIdle(t *testing.T, b *eventbus.Bus) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		s := b.Stats()
		if s.Mailboxes == 0 && s.Workers == 0 && s.Pending == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("bus not idle: %+v", s)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestBus_Submit_orderPerKey(t *testing.T) {
	const (
		keys       = 100
		submitters = 1000
		perSubmit  = 20
	)
	b := newBus(t)
	var (
		mu      [keys]sync.Mutex
		nextSeq [keys]int
		ran     [keys][]int
		busy    [keys]atomic.Bool
		errs    = make(chan error, 16)
		wg      sync.WaitGroup
		done    sync.WaitGroup
	)
	report := func(err error) {
		select {
		case errs <- err:
		default:
		}
	}
	done.Add(submitters * perSubmit)
	for s := range submitters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			k := s % keys
			key := fmt.Sprintf("pico-%d", k)
			for range perSubmit {
				// The key's lock gives the submissions of a key a total
				// order, which the jobs must follow.
				mu[k].Lock()
				seq := nextSeq[k]
				nextSeq[k]++
				err := b.Submit(key, eventbus.Job{
					Run: func(context.Context) error {
						if !busy[k].CompareAndSwap(false, true) {
							return fmt.Errorf("%s: two jobs at once", key)
						}
						ran[k] = append(ran[k], seq)
						busy[k].Store(false)
						return nil
					},
					Done: func(err error) {
						if err != nil {
							report(err)
						}
						done.Done()
					},
				})
				mu[k].Unlock()
				if err != nil {
					report(err)
					done.Done()
				}
			}
		}()
	}
	wg.Wait()
	done.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for k := range keys {
		want := make([]int, submitters/keys*perSubmit)
		for i := range want {
			want[i] = i
		}
		if !slices.Equal(ran[k], want) {
			t.Fatalf("key %d ran %d jobs out of order or not exactly once: %v", k, len(ran[k]), ran[k][:min(len(ran[k]), 20)])
		}
	}
	waitIdle(t, b)
}

func TestBus_parallelAcrossKeys(t *testing.T) {
	b := newBus(t, eventbus.WithWorkers(2))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	aStarted := make(chan struct{})
	bDone := make(chan struct{})
	errc := make(chan error, 1)
	go func() {
		errc <- b.Do(ctx, "a", func(ctx context.Context) error {
			close(aStarted)
			select {
			case <-bDone:
				return nil
			case <-ctx.Done():
				return errors.New("a and b did not run at the same time")
			}
		})
	}()
	<-aStarted
	if err := b.Do(ctx, "b", func(context.Context) error { close(bDone); return nil }); err != nil {
		t.Fatal(err)
	}
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
}

func TestBus_workerLimit(t *testing.T) {
	b := newBus(t, eventbus.WithWorkers(3))
	var running, peak atomic.Int32
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		err := b.Submit(fmt.Sprint(i), eventbus.Job{
			Run: func(context.Context) error {
				n := running.Add(1)
				for {
					p := peak.Load()
					if n <= p || peak.CompareAndSwap(p, n) {
						break
					}
				}
				time.Sleep(time.Millisecond)
				running.Add(-1)
				return nil
			},
			Done: func(error) { wg.Done() },
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	wg.Wait()
	if p := peak.Load(); p > 3 || p < 2 {
		t.Fatalf("peak concurrency %d, want 2 or 3 with 3 workers", p)
	}
}

func TestBus_idleHoldsNothing(t *testing.T) {
	before := runtime.NumGoroutine()
	b := newBus(t)
	var wg sync.WaitGroup
	for i := range 10000 {
		wg.Add(1)
		if err := b.Submit(fmt.Sprint("k", i%2500), eventbus.Job{
			Run:  func(context.Context) error { return nil },
			Done: func(error) { wg.Done() },
		}); err != nil {
			t.Fatal(err)
		}
	}
	wg.Wait()
	waitIdle(t, b)
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines left, had %d before", runtime.NumGoroutine(), before)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestBus_panicRecovered(t *testing.T) {
	var reported atomic.Int32
	b := newBus(t, eventbus.WithPanicHandler(func(p *eventbus.PanicError) { reported.Add(1) }))
	ctx := context.Background()
	got := make(chan error, 1)
	if err := b.Submit("p", eventbus.Job{
		Run:  func(context.Context) error { panic("boom") },
		Done: func(err error) { got <- err },
	}); err != nil {
		t.Fatal(err)
	}
	err := <-got
	var pe *eventbus.PanicError
	if !errors.Is(err, eventbus.ErrJobPanicked) || !errors.As(err, &pe) || pe.Value != "boom" || pe.Key != "p" || len(pe.Stack) == 0 {
		t.Fatalf("Done got %v", err)
	}
	// The mailbox keeps working, and Do reports panics too.
	if err := b.Do(ctx, "p", func(context.Context) error { return nil }); err != nil {
		t.Fatalf("next job: %v", err)
	}
	cause := errors.New("cause")
	err = b.Do(ctx, "p", func(context.Context) error { panic(cause) })
	if !errors.Is(err, eventbus.ErrJobPanicked) || !errors.Is(err, cause) {
		t.Fatalf("Do = %v", err)
	}
	// A panicking Done callback is recovered as well.
	if err := b.Submit("p", eventbus.Job{
		Run:  func(context.Context) error { return nil },
		Done: func(error) { panic("in done") },
	}); err != nil {
		t.Fatal(err)
	}
	if err := b.Do(ctx, "p", func(context.Context) error { return nil }); err != nil {
		t.Fatalf("after a panicking Done: %v", err)
	}
	if n := reported.Load(); n != 3 {
		t.Fatalf("panic handler called %d times, want 3", n)
	}
}

func TestBus_Close_drains(t *testing.T) {
	b, err := eventbus.New(eventbus.WithWorkers(2))
	if err != nil {
		t.Fatal(err)
	}
	var ran atomic.Int32
	for i := range 200 {
		if err := b.Submit(fmt.Sprint(i%7), eventbus.Job{Run: func(context.Context) error {
			time.Sleep(50 * time.Microsecond)
			ran.Add(1)
			return nil
		}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := ran.Load(); n != 200 {
		t.Fatalf("Close returned after %d of 200 jobs", n)
	}
	if err := b.Submit("x", eventbus.Job{Run: func(context.Context) error { return nil }}); !errors.Is(err, eventbus.ErrClosed) {
		t.Fatalf("Submit after Close = %v", err)
	}
	if err := b.Do(context.Background(), "x", func(context.Context) error { return nil }); !errors.Is(err, eventbus.ErrClosed) {
		t.Fatalf("Do after Close = %v", err)
	}
	if err := b.Close(context.Background()); err != nil {
		t.Fatalf("second Close = %v", err)
	}
}

func TestBus_Close_timeout(t *testing.T) {
	b, err := eventbus.New()
	if err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	sawCancel := make(chan bool, 1)
	if err := b.Submit("slow", eventbus.Job{Run: func(ctx context.Context) error {
		<-release
		sawCancel <- ctx.Err() != nil
		return nil
	}}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if err := b.Close(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Close = %v, want deadline exceeded", err)
	}
	close(release)
	if !<-sawCancel {
		t.Fatal("job did not see its context cancelled")
	}
	if err := b.Close(context.Background()); err != nil {
		t.Fatalf("Close after the job ended = %v", err)
	}
}

// gate blocks key's mailbox until the returned function is called.
func gate(t *testing.T, b *eventbus.Bus, key string) (release func()) {
	t.Helper()
	started, ch := make(chan struct{}), make(chan struct{})
	if err := b.Submit(key, eventbus.Job{Run: func(context.Context) error {
		close(started)
		<-ch
		return nil
	}}); err != nil {
		t.Fatal(err)
	}
	<-started
	return func() { close(ch) }
}

func TestBus_yieldsAfterThroughput(t *testing.T) {
	b := newBus(t, eventbus.WithWorkers(1), eventbus.WithThroughput(2))
	release := gate(t, b, "a")
	var mu sync.Mutex
	var order []string
	var wg sync.WaitGroup
	job := func(name string) eventbus.Job {
		wg.Add(1)
		return eventbus.Job{
			Run:  func(context.Context) error { mu.Lock(); order = append(order, name); mu.Unlock(); return nil },
			Done: func(error) { wg.Done() },
		}
	}
	for i := range 5 {
		if err := b.Submit("a", job(fmt.Sprint("a", i))); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Submit("b", job("b0")); err != nil {
		t.Fatal(err)
	}
	release()
	wg.Wait()
	// The gate and a0 make a's first turn; then b, then a again.
	want := []string{"a0", "b0", "a1", "a2", "a3", "a4"}
	if !slices.Equal(order, want) {
		t.Fatalf("order %v, want %v", order, want)
	}
}

func TestBus_systemJobsFirst(t *testing.T) {
	b := newBus(t)
	release := gate(t, b, "p")
	var mu sync.Mutex
	var order []string
	var wg sync.WaitGroup
	submit := func(name string, system bool) {
		wg.Add(1)
		if err := b.Submit("p", eventbus.Job{
			Run:    func(context.Context) error { mu.Lock(); order = append(order, name); mu.Unlock(); return nil },
			Done:   func(error) { wg.Done() },
			System: system,
		}); err != nil {
			t.Fatal(err)
		}
	}
	submit("u1", false)
	submit("u2", false)
	submit("s1", true)
	submit("s2", true)
	release()
	wg.Wait()
	if want := []string{"s1", "s2", "u1", "u2"}; !slices.Equal(order, want) {
		t.Fatalf("order %v, want %v", order, want)
	}
}

func TestBus_Do_contextEnds(t *testing.T) {
	b := newBus(t)
	release := gate(t, b, "p")
	ctx, cancel := context.WithCancel(context.Background())
	var ran atomic.Bool
	errc := make(chan error, 1)
	go func() {
		errc <- b.Do(ctx, "p", func(context.Context) error { ran.Store(true); return nil })
	}()
	time.Sleep(5 * time.Millisecond)
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Fatalf("Do = %v, want context.Canceled", err)
	}
	release()
	waitIdle(t, b)
	if ran.Load() {
		t.Fatal("fn ran after its context ended")
	}
	if err := b.Do(ctx, "p", func(context.Context) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Fatalf("Do with a done context = %v", err)
	}
}

func TestBus_Do_returnsError(t *testing.T) {
	b := newBus(t)
	want := errors.New("rule failed")
	if err := b.Do(context.Background(), "p", func(context.Context) error { return want }); !errors.Is(err, want) {
		t.Fatalf("Do = %v", err)
	}
}

func TestBus_Stats(t *testing.T) {
	b := newBus(t, eventbus.WithWorkers(1))
	release := gate(t, b, "a")
	for _, k := range []string{"a", "b", "c"} {
		if err := b.Submit(k, eventbus.Job{Run: func(context.Context) error { return nil }}); err != nil {
			t.Fatal(err)
		}
	}
	s := b.Stats()
	if s.Mailboxes != 3 || s.Workers != 1 || s.Pending != 4 {
		t.Fatalf("Stats = %+v, want 3 mailboxes, 1 worker, 4 pending", s)
	}
	release()
	waitIdle(t, b)
}

func TestNew_options(t *testing.T) {
	for _, o := range []eventbus.Option{eventbus.WithWorkers(0), eventbus.WithThroughput(-1)} {
		if _, err := eventbus.New(o); err == nil {
			t.Error("New accepted an invalid option")
		}
	}
	b := newBus(t)
	if err := b.Submit("k", eventbus.Job{}); err == nil {
		t.Error("Submit accepted a job without Run")
	}
}
