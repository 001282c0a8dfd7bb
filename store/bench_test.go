package store_test

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gopico/pico/store"
)

func TestMain(m *testing.M) {
	code := m.Run()
	removeFixtures()
	os.Exit(code)
}

// benchStore opens a store for a benchmark with a pico "p" that has
// ruleset "r" installed.
func benchStore(b *testing.B, opts ...store.Option) *store.Store {
	b.Helper()
	all := append([]store.Option{store.WithDir(b.TempDir())}, opts...)
	s, err := store.Open(all...)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = s.Close() })
	err = s.Update(ctx, func(tx store.Tx) error {
		if err := tx.PutPico(store.PicoRecord{ID: "p"}); err != nil {
			return err
		}
		if err := tx.PutChannel(store.ChannelRecord{ECI: "eci-p", PicoID: "p"}); err != nil {
			return err
		}
		return tx.PutInstall("p", store.InstallRecord{RID: "r"})
	})
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// counterEvent is the store work of the benchmark counter rule: read an
// entity variable and write it back incremented.
func counterEvent(pico string) func(tx store.Tx) error {
	return func(tx store.Tx) error {
		n := 0
		if v, err := tx.GetEntVar(pico, "r", "n"); err == nil {
			n, _ = strconv.Atoi(string(v))
		}
		return tx.PutEntVar(pico, "r", "n", strconv.AppendInt(nil, int64(n+1), 10))
	}
}

var storeModes = []struct {
	name string
	opts []store.Option
}{
	{"mem", []store.Option{store.WithInMemory()}},
	{"disk", nil},
	{"disk-sync", []store.Option{store.WithSyncWrites(true)}},
}

// BenchmarkUpdate is one writer committing one small transaction at a time.
func BenchmarkUpdate(b *testing.B) {
	for _, m := range storeModes {
		for _, method := range []string{"Update", "Batch"} {
			b.Run(m.name+"/"+method, func(b *testing.B) {
				s := benchStore(b, m.opts...)
				write := s.Update
				if method == "Batch" {
					write = s.Batch
				}
				fn := counterEvent("p")
				b.ReportAllocs()
				for b.Loop() {
					if err := write(ctx, fn); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "txn/s")
			})
		}
	}
}

// BenchmarkConcurrent64 has 64 goroutines committing small transactions,
// each on its own pico (no conflicts), and reports throughput and latency
// percentiles. With sync writes, Update pays one sync per transaction while
// Batch shares one per group.
func BenchmarkConcurrent64(b *testing.B) {
	const writers = 64
	for _, m := range storeModes {
		for _, method := range []string{"Update", "Batch"} {
			b.Run(m.name+"/"+method, func(b *testing.B) {
				s := benchStore(b, m.opts...)
				err := s.Update(ctx, func(tx store.Tx) error {
					for w := range writers {
						id := "w" + strconv.Itoa(w)
						if err := tx.PutPico(store.PicoRecord{ID: id}); err != nil {
							return err
						}
						if err := tx.PutInstall(id, store.InstallRecord{RID: "r"}); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
				write := s.Update
				if method == "Batch" {
					write = s.Batch
				}
				before := s.Stats()
				lat := make([][]time.Duration, writers)
				per := max(b.N/writers, 1)
				b.ResetTimer()
				var wg sync.WaitGroup
				for w := range writers {
					wg.Go(func() {
						fn := counterEvent("w" + strconv.Itoa(w))
						for range per {
							start := time.Now()
							if err := write(ctx, fn); err != nil {
								b.Error(err)
								return
							}
							lat[w] = append(lat[w], time.Since(start))
						}
					})
				}
				wg.Wait()
				b.StopTimer()
				all := slices.Concat(lat...)
				slices.Sort(all)
				total := float64(len(all))
				b.ReportMetric(total/b.Elapsed().Seconds(), "txn/s")
				b.ReportMetric(float64(all[len(all)/2].Microseconds()), "p50-µs")
				b.ReportMetric(float64(all[len(all)*99/100].Microseconds()), "p99-µs")
				if st := s.Stats(); method == "Batch" && st.BatchCommits > before.BatchCommits {
					b.ReportMetric(float64(st.BatchCalls-before.BatchCalls)/float64(st.BatchCommits-before.BatchCommits), "calls/commit")
				}
			})
		}
	}
}

// BenchmarkGet reads one entity variable and resolves one channel per
// View, as routing and a query do.
func BenchmarkGet(b *testing.B) {
	for _, m := range storeModes[:2] {
		b.Run(m.name, func(b *testing.B) {
			s := benchStore(b, m.opts...)
			if err := s.Update(ctx, counterEvent("p")); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				err := s.View(ctx, func(tx store.Tx) error {
					ch, err := tx.GetChannel("eci-p")
					if err != nil {
						return err
					}
					_, err = tx.GetEntVar(ch.PicoID, "r", "n")
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLargeStore runs the counter event, and the reads of
// BenchmarkGet, on picos picked at random among many, so that lookups and
// commits walk a deep tree.
func BenchmarkLargeStore(b *testing.B) {
	const picos = 50_000
	for _, m := range storeModes[:2] {
		s := benchStore(b, m.opts...)
		fill(b, s, picos)
		b.Run(m.name+"/Update", func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				if err := s.Update(ctx, counterEvent(picoID(i*7919%picos))); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "txn/s")
		})
		b.Run(m.name+"/View", func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				err := s.View(ctx, func(tx store.Tx) error {
					ch, err := tx.GetChannel("eci-" + picoID(i*7919%picos))
					if err != nil {
						return err
					}
					_, err = tx.GetEntVar(ch.PicoID, "r", "n")
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func picoID(i int) string { return fmt.Sprintf("pico%08d", i) }

// fill adds n picos to s, each with a channel, an install and an entity
// variable.
func fill(b *testing.B, s *store.Store, n int) {
	const chunk = 2000
	created := time.Now()
	for start := 0; start < n; start += chunk {
		err := s.Update(ctx, func(tx store.Tx) error {
			for i := start; i < min(start+chunk, n); i++ {
				id := picoID(i)
				if err := tx.PutPico(store.PicoRecord{ID: id, CreatedAt: created}); err != nil {
					return err
				}
				if err := tx.PutChannel(store.ChannelRecord{ECI: "eci-" + id, PicoID: id}); err != nil {
					return err
				}
				if err := tx.PutInstall(id, store.InstallRecord{RID: "r"}); err != nil {
					return err
				}
				if err := tx.PutEntVar(id, "r", "n", []byte("1")); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

var fixtures = struct {
	sync.Mutex
	dirs map[int]string
}{dirs: map[int]string{}}

func removeFixtures() {
	for _, dir := range fixtures.dirs {
		os.RemoveAll(dir)
	}
}

// fixture returns a closed on-disk store holding n picos, each with a
// channel, an install and an entity variable; it is built once per run.
func fixture(b *testing.B, n int) string {
	fixtures.Lock()
	defer fixtures.Unlock()
	if dir, ok := fixtures.dirs[n]; ok {
		return dir
	}
	dir, err := os.MkdirTemp("", "store-bench")
	if err != nil {
		b.Fatal(err)
	}
	fixtures.dirs[n] = dir
	s, err := store.Open(store.WithDir(dir))
	if err != nil {
		b.Fatal(err)
	}
	fill(b, s, n)
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkOpen opens a store of many picos and serves a first lookup. Its
// time is the in-process figure; the memory figure comes from a fresh
// process (TestOpenChild) that opens the store and reports how much its
// resident set grew. STORE_BENCH_1M=1 adds a store of a million picos (its
// fixture takes minutes to build).
func BenchmarkOpen(b *testing.B) {
	sizes := []int{100_000}
	if os.Getenv("STORE_BENCH_1M") != "" {
		sizes = append(sizes, 1_000_000)
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("picos=%d", n), func(b *testing.B) {
			dir := fixture(b, n)
			for b.Loop() {
				s, err := store.Open(store.WithDir(dir))
				if err != nil {
					b.Fatal(err)
				}
				if err := firstLookup(s, n); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				if err := s.Close(); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
			b.StopTimer()
			rss, err := childOpen(dir, n)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(rss), "rss-B")
		})
	}
}

// firstLookup does what serving a first event needs: resolve an ECI, read
// an entity variable; it also checks the pico count.
func firstLookup(s *store.Store, n int) error {
	return s.View(ctx, func(tx store.Tx) error {
		ch, err := tx.GetChannel(fmt.Sprintf("eci-pico%08d", n/2))
		if err != nil {
			return err
		}
		if _, err := tx.GetEntVar(ch.PicoID, "r", "n"); err != nil {
			return err
		}
		count, err := tx.CountPicos()
		if err == nil && count != n {
			err = fmt.Errorf("count %d, want %d", count, n)
		}
		return err
	})
}

// childOpen runs TestOpenChild in a new process and returns the growth of
// its resident set.
func childOpen(dir string, n int) (int64, error) {
	exe, err := os.Executable()
	if err != nil {
		return 0, err
	}
	cmd := exec.Command(exe, "-test.run=^TestOpenChild$", "-test.v")
	cmd.Env = append(os.Environ(), "STORE_OPEN_CHILD="+dir, "STORE_OPEN_CHILD_N="+strconv.Itoa(n))
	out, err := cmd.CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("%v: %s", err, out)
	}
	for line := range strings.SplitSeq(string(out), "\n") {
		if rest, ok := strings.CutPrefix(line, "open-child rss-growth="); ok {
			return strconv.ParseInt(strings.TrimSpace(rest), 10, 64)
		}
	}
	return 0, fmt.Errorf("no measurement in: %s", out)
}

// TestOpenChild is run by BenchmarkOpen in a fresh process.
func TestOpenChild(t *testing.T) {
	dir := os.Getenv("STORE_OPEN_CHILD")
	if dir == "" {
		t.Skip("run by BenchmarkOpen")
	}
	n, err := strconv.Atoi(os.Getenv("STORE_OPEN_CHILD_N"))
	if err != nil {
		t.Fatal(err)
	}
	before := residentBytes()
	s, err := store.Open(store.WithDir(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := firstLookup(s, n); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	fmt.Printf("open-child rss-growth=%d\n", residentBytes()-before)
}

// residentBytes returns the process's resident set size, or 0 where
// /proc is not available.
func residentBytes() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
