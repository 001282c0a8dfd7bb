package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gopico/pico"
	"github.com/gopico/pico/krl"
)

var benchCommand = &command{
	usage:   "bench [--json] [--only N,..] [--quick]",
	summary: "measure the engine: events/s, latencies, compile time, memory per pico",
	run:     runBench,
}

// benchCounter is the ruleset of the design's performance targets.
const benchCounter = `ruleset bench.counter {
  meta { shares count }
  global { count = function(){ ent:n } }
  rule inc { select when bench inc  always { ent:n := ent:n.defaultsTo(0) + 1 } }
}`

// figure is one measured figure; zero fields are left out of the JSON.
type figure struct {
	Bench string  `json:"bench"`
	N     int     `json:"n"`
	PerS  float64 `json:"per_s,omitempty"`
	P50   float64 `json:"p50_us,omitempty"`
	P99   float64 `json:"p99_us,omitempty"`
	Bytes float64 `json:"bytes,omitempty"`
	Note  string  `json:"note,omitempty"`
}

type benchSpec struct {
	name string
	what string
	run  func(ctx context.Context, quick bool) (figure, error)
}

var benches = []benchSpec{
	{"seq-mem", "counter rule, one pico, sequential Raise, in memory", benchSeqMem},
	{"seq-disk", "same, on disk, default durability", benchSeqDisk},
	{"picos-10k", "10,000 picos, 64 concurrent senders", benchPicos},
	{"durable-64", "WithSyncWrites, 64 concurrent senders", benchDurable},
	{"query-idle", "query latency on an idle pico", benchQueryIdle},
	{"query-burst", "query latency during an event burst", benchQueryBurst},
	{"compile-1000", "parse + compile a 1,000-line ruleset", benchCompile},
	{"idle-pico-mem", "heap per stored idle pico after Open", benchIdleMem},
}

func runBench(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "one JSON object per figure")
	only := fs.String("only", "", "comma-separated figures to run: "+benchNames())
	quick := fs.Bool("quick", false, "small sizes, for smoke tests")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	selected := benches
	if *only != "" {
		selected = nil
		for _, name := range strings.Split(*only, ",") {
			i := slices.IndexFunc(benches, func(b benchSpec) bool { return b.name == strings.TrimSpace(name) })
			if i < 0 {
				fmt.Fprintf(stderr, "krl bench: unknown figure %q (have %s)\n", name, benchNames())
				return 2
			}
			selected = append(selected, benches[i])
		}
	}
	ctx := context.Background()
	const row = "%-14s %9s %10s %10s %10s %8s\n"
	if !*asJSON {
		fmt.Fprintf(stdout, "# %s, %s/%s, %d CPUs\n", runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU())
		fmt.Fprintf(stdout, row, "figure", "n", "per s", "p50 µs", "p99 µs", "bytes")
	}
	status := 0
	for _, b := range selected {
		f, err := b.run(ctx, *quick)
		if err != nil {
			fmt.Fprintf(stderr, "krl bench: %s: %v\n", b.name, err)
			status = 1
			continue
		}
		f.Bench = b.name
		if *asJSON {
			out, _ := json.Marshal(f)
			fmt.Fprintln(stdout, string(out))
			continue
		}
		fmt.Fprintf(stdout, row, f.Bench, fmt.Sprint(f.N), num(f.PerS, 0), num(f.P50, 1), num(f.P99, 1), num(f.Bytes, 0))
	}
	return status
}

func benchNames() string {
	var names []string
	for _, b := range benches {
		names = append(names, b.name)
	}
	return strings.Join(names, ",")
}

func num(x float64, prec int) string {
	if x == 0 {
		return "-"
	}
	return fmt.Sprintf("%.*f", prec, x)
}

// latencies summarises per-operation durations.
func latencies(f *figure, d []time.Duration, total time.Duration) {
	slices.Sort(d)
	f.N = len(d)
	f.PerS = float64(len(d)) / total.Seconds()
	f.P50 = float64(d[len(d)/2].Nanoseconds()) / 1e3
	f.P99 = float64(d[len(d)*99/100].Nanoseconds()) / 1e3
}

// counterPicos opens an engine and makes n picos running the counter, each
// with an allow-all channel.
func counterPicos(ctx context.Context, n int, opts ...pico.Option) (*pico.Engine, []string, error) {
	eng, err := pico.Open(ctx, opts...)
	if err != nil {
		return nil, nil, err
	}
	rs, err := eng.Register(ctx, pico.Source("bench.krl", []byte(benchCounter)))
	if err != nil {
		eng.Close()
		return nil, nil, err
	}
	ecis := make([]string, n)
	for i := range ecis {
		p, err := eng.NewPico(ctx)
		if err == nil {
			err = p.Install(ctx, rs.RID, nil)
		}
		var ch pico.Channel
		if err == nil {
			ch, err = p.NewChannel(ctx)
		}
		if err != nil {
			eng.Close()
			return nil, nil, err
		}
		ecis[i] = ch.ECI
	}
	return eng, ecis, nil
}

func sequential(ctx context.Context, n int, opts ...pico.Option) (figure, error) {
	eng, ecis, err := counterPicos(ctx, 1, opts...)
	if err != nil {
		return figure{}, err
	}
	defer eng.Close()
	ev := pico.Event{ECI: ecis[0], Domain: "bench", Type: "inc"}
	d := make([]time.Duration, n)
	start := time.Now()
	for i := range d {
		t := time.Now()
		if _, err := eng.Raise(ctx, ev); err != nil {
			return figure{}, err
		}
		d[i] = time.Since(t)
	}
	var f figure
	latencies(&f, d, time.Since(start))
	return f, nil
}

func size(quick bool, full, small int) int {
	if quick {
		return small
	}
	return full
}

func benchSeqMem(ctx context.Context, quick bool) (figure, error) {
	return sequential(ctx, size(quick, 200_000, 2_000), pico.WithInMemory())
}

func benchSeqDisk(ctx context.Context, quick bool) (figure, error) {
	dir, err := os.MkdirTemp("", "krl-bench-")
	if err != nil {
		return figure{}, err
	}
	defer os.RemoveAll(dir)
	return sequential(ctx, size(quick, 100_000, 2_000), pico.WithDir(dir))
}

// concurrent sends n events from senders goroutines, sender i to
// ecis[i % len(ecis)] or to random picos when spread is set.
func concurrent(ctx context.Context, eng *pico.Engine, ecis []string, senders, n int, spread bool) (figure, error) {
	d := make([]time.Duration, n)
	per := n / senders
	var wg sync.WaitGroup
	errs := make(chan error, senders)
	start := time.Now()
	for s := 0; s < senders; s++ {
		wg.Add(1)
		go func(s int) {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(s), 7))
			for i := 0; i < per; i++ {
				eci := ecis[s%len(ecis)]
				if spread {
					eci = ecis[r.IntN(len(ecis))]
				}
				t := time.Now()
				if _, err := eng.Raise(ctx, pico.Event{ECI: eci, Domain: "bench", Type: "inc"}); err != nil {
					errs <- err
					return
				}
				d[s*per+i] = time.Since(t)
			}
		}(s)
	}
	wg.Wait()
	total := time.Since(start)
	close(errs)
	if err := <-errs; err != nil {
		return figure{}, err
	}
	var f figure
	latencies(&f, d[:per*senders], total)
	return f, nil
}

func benchPicos(ctx context.Context, quick bool) (figure, error) {
	eng, ecis, err := counterPicos(ctx, size(quick, 10_000, 500), pico.WithInMemory())
	if err != nil {
		return figure{}, err
	}
	defer eng.Close()
	return concurrent(ctx, eng, ecis, 64, size(quick, 400_000, 6_400), true)
}

func benchDurable(ctx context.Context, quick bool) (figure, error) {
	dir, err := os.MkdirTemp("", "krl-bench-")
	if err != nil {
		return figure{}, err
	}
	defer os.RemoveAll(dir)
	eng, ecis, err := counterPicos(ctx, 64, pico.WithDir(dir), pico.WithSyncWrites(true))
	if err != nil {
		return figure{}, err
	}
	defer eng.Close()
	return concurrent(ctx, eng, ecis, 64, size(quick, 64_000, 1_280), false)
}

func queries(ctx context.Context, eng *pico.Engine, eci string, n int) (figure, error) {
	q := pico.Query{ECI: eci, RID: "bench.counter", Name: "count"}
	d := make([]time.Duration, n)
	start := time.Now()
	for i := range d {
		t := time.Now()
		if _, err := eng.Query(ctx, q); err != nil {
			return figure{}, err
		}
		d[i] = time.Since(t)
	}
	var f figure
	latencies(&f, d, time.Since(start))
	return f, nil
}

func benchQueryIdle(ctx context.Context, quick bool) (figure, error) {
	eng, ecis, err := counterPicos(ctx, 1, pico.WithInMemory())
	if err != nil {
		return figure{}, err
	}
	defer eng.Close()
	if _, err := eng.Raise(ctx, pico.Event{ECI: ecis[0], Domain: "bench", Type: "inc"}); err != nil {
		return figure{}, err
	}
	return queries(ctx, eng, ecis[0], size(quick, 200_000, 2_000))
}

// benchQueryBurst measures queries while 2,000-event bursts keep the
// pico's mailbox busy.
func benchQueryBurst(ctx context.Context, quick bool) (figure, error) {
	eng, ecis, err := counterPicos(ctx, 1, pico.WithInMemory())
	if err != nil {
		return figure{}, err
	}
	defer eng.Close()
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			for i := 0; i < 2000; i++ {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := eng.Send(ctx, pico.Event{ECI: ecis[0], Domain: "bench", Type: "inc"}); err != nil {
					return
				}
			}
			time.Sleep(time.Millisecond)
		}
	}()
	time.Sleep(5 * time.Millisecond)
	f, err := queries(ctx, eng, ecis[0], size(quick, 50_000, 1_000))
	close(stop)
	<-done
	return f, err
}

// largeRuleset writes about lines lines of realistic KRL.
func largeRuleset(lines int) []byte {
	var b strings.Builder
	b.WriteString("ruleset bench.large {\n  meta {\n    name \"large\"\n    shares total, summary\n  }\n")
	b.WriteString("  global {\n    total = function() { ent:total.defaultsTo(0) }\n")
	b.WriteString("    summary = function(prefix = \"n\") {\n      ent:items.defaultsTo([]).map(function(x) { <<#{prefix}-#{x}>> }).join(\",\")\n    }\n  }\n")
	for i := 0; b.Len() == 0 || strings.Count(b.String(), "\n") < lines-12; i++ {
		fmt.Fprintf(&b, `  rule r%[1]d {
    select when sensor reading%[1]d temperature re#^(\d+)$# setting(t)
      or sensor probe%[1]d
    pre {
      temp = t.as("Number").defaultsTo(0)
      items = ent:items.defaultsTo([]).append([temp]).slice(0, 9)
      label = temp > 30 => "hot" | temp < 10 => "cold" | "ok"
    }
    if temp > 0 then send_directive("reading%[1]d", {"t": temp, "label": label})
    fired {
      ent:total := total() + temp;
      ent:items := items;
      raise sensor event "checked" attributes {"rule": %[1]d} if label != "ok"
    }
  }
`, i)
	}
	b.WriteString("}\n")
	return []byte(b.String())
}

func benchCompile(ctx context.Context, quick bool) (figure, error) {
	src := largeRuleset(1000)
	if _, err := krl.CompileSource("large.krl", src); err != nil { // warm the parser's caches
		return figure{}, err
	}
	n := size(quick, 50, 3)
	d := make([]time.Duration, n)
	start := time.Now()
	for i := range d {
		t := time.Now()
		if _, err := krl.CompileSource("large.krl", src); err != nil {
			return figure{}, err
		}
		d[i] = time.Since(t)
	}
	var f figure
	latencies(&f, d, time.Since(start))
	f.Note = fmt.Sprintf("%d lines", strings.Count(string(src), "\n"))
	return f, nil
}

// storeTree stores n picos running the counter in dir, as children of
// parents of at most 500 children each (a parent's record lists its
// children, so one parent of 100,000 would make creation quadratic).
func storeTree(ctx context.Context, n int, dir string) error {
	eng, err := pico.Open(ctx, pico.WithDir(dir))
	if err != nil {
		return err
	}
	defer eng.Close()
	rs, err := eng.Register(ctx, pico.Source("bench.krl", []byte(benchCounter)))
	if err != nil {
		return err
	}
	var parent *pico.Pico
	for i := 0; i < n; i++ {
		if i%500 == 0 {
			if parent, err = eng.NewPico(ctx); err != nil {
				return err
			}
		}
		p, err := eng.NewPico(ctx, pico.ChildOf(parent))
		if err == nil {
			err = p.Install(ctx, rs.RID, nil)
		}
		if err == nil {
			_, err = p.NewChannel(ctx)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// benchIdleMem stores n picos on disk, reopens the engine and reports the
// heap it holds per stored pico, against a reopened empty engine.
func benchIdleMem(ctx context.Context, quick bool) (figure, error) {
	n := size(quick, 100_000, 2_000)
	heapAfterOpen := func(dir string) (uint64, error) {
		runtime.GC()
		eng, err := pico.Open(ctx, pico.WithDir(dir))
		if err != nil {
			return 0, err
		}
		defer eng.Close()
		// Serve one event so the engine is really up.
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc, nil
	}
	empty, err := os.MkdirTemp("", "krl-bench-")
	if err != nil {
		return figure{}, err
	}
	defer os.RemoveAll(empty)
	full, err := os.MkdirTemp("", "krl-bench-")
	if err != nil {
		return figure{}, err
	}
	defer os.RemoveAll(full)
	if err := storeTree(ctx, n, full); err != nil {
		return figure{}, err
	}
	if eng, err := pico.Open(ctx, pico.WithDir(empty)); err == nil {
		eng.Close()
	}
	base, err := heapAfterOpen(empty)
	if err != nil {
		return figure{}, err
	}
	heap, err := heapAfterOpen(full)
	if err != nil {
		return figure{}, err
	}
	f := figure{N: n}
	if heap > base {
		f.Bytes = float64(heap-base) / float64(n)
	}
	return f, nil
}
