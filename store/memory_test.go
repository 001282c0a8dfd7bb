package store

import (
	"errors"
	"fmt"
	"testing"
)

// memSet commits one write, or fails the test.
func memSet(t *testing.T, b *memBackend, key, val string) {
	t.Helper()
	kt := b.begin(true)
	defer kt.discard()
	if err := kt.set([]byte(key), []byte(val)); err != nil {
		t.Fatal(err)
	}
	if err := kt.commit(); err != nil {
		t.Fatal(err)
	}
}

func memGet(t *testing.T, kt kvTxn, key string) string {
	t.Helper()
	v, err := kt.get([]byte(key))
	if errors.Is(err, ErrNotFound) {
		return "<none>"
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(v)
}

// TestMemBackend_KeepsCommitsOnlyForOpenWriters checks the bookkeeping of
// conflict detection: a commit is kept while a writable transaction that
// started before it is open, and forgotten when the last such one ends.
func TestMemBackend_KeepsCommitsOnlyForOpenWriters(t *testing.T) {
	b := newMemBackend()
	memSet(t, b, "a", "1")
	if len(b.recent) != 0 || len(b.open) != 0 {
		t.Fatalf("a lone writer left %d commits, %d snapshots", len(b.recent), len(b.open))
	}

	view := b.begin(false)
	defer view.discard()
	memSet(t, b, "a", "2")
	if len(b.recent) != 0 {
		t.Fatal("a view made a commit be kept")
	}

	old := b.begin(true)
	memSet(t, b, "a", "3")
	memSet(t, b, "b", "1")
	if len(b.recent) != 2 {
		t.Fatalf("%d commits kept for an open writer, want 2", len(b.recent))
	}
	newer := b.begin(true)
	old.discard()
	if len(b.recent) != 0 {
		t.Fatalf("%d commits kept after the old writer ended, want 0: the newer one started after them", len(b.recent))
	}
	memSet(t, b, "c", "1")
	if len(b.recent) != 1 {
		t.Fatalf("%d commits kept for the newer writer, want 1", len(b.recent))
	}
	if err := newer.commit(); err != nil {
		t.Fatalf("commit without writes: %v", err)
	}
	if len(b.recent) != 0 || len(b.open) != 0 {
		t.Fatalf("after the last writer: %d commits, %d snapshots", len(b.recent), len(b.open))
	}
	if got := memGet(t, view, "a"); got != "1" {
		t.Errorf("the view sees a=%s, want its snapshot's 1", got)
	}
}

func TestMemBackend_Conflict(t *testing.T) {
	tests := []struct {
		name    string
		read    string // key the transaction reads
		written string // key another transaction commits meanwhile
		want    error
	}{
		{"same key", "k", "k", errConflict},
		{"other key", "k", "other", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newMemBackend()
			kt := b.begin(true)
			defer kt.discard()
			memGet(t, kt, tt.read)
			memSet(t, b, tt.written, "x")
			if err := kt.set([]byte("out"), nil); err != nil {
				t.Fatal(err)
			}
			if err := kt.commit(); err != tt.want {
				t.Fatalf("commit: %v, want %v", err, tt.want)
			}
			after := b.begin(false)
			defer after.discard()
			want := "<none>"
			if tt.want == nil {
				want = ""
			}
			if got := memGet(t, after, "out"); got != want {
				t.Errorf("out = %q, want %q", got, want)
			}
		})
	}
}

// TestMemBackend_SnapshotsOfADeepTree checks copy-on-write on a tree of
// several levels: a snapshot keeps seeing every key while later commits
// rewrite and delete them all.
func TestMemBackend_SnapshotsOfADeepTree(t *testing.T) {
	const n = 5000
	b := newMemBackend()
	key := func(i int) []byte { return fmt.Appendf(nil, "k%05d", i) }
	kt := b.begin(true)
	for i := range n {
		if err := kt.set(key(i), []byte("old")); err != nil {
			t.Fatal(err)
		}
	}
	if err := kt.commit(); err != nil {
		t.Fatal(err)
	}
	if h := b.work.Height(); h < 3 {
		t.Fatalf("tree of height %d, want at least 3", h)
	}
	snap := b.begin(false)
	defer snap.discard()
	for start := 0; start < n; start += 500 {
		kt := b.begin(true)
		for i := start; i < start+500; i++ {
			var err error
			if i%2 == 0 {
				err = kt.set(key(i), []byte("new"))
			} else {
				err = kt.delete(key(i))
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if err := kt.commit(); err != nil {
			t.Fatal(err)
		}
	}
	count := func(kt kvTxn) map[string]int {
		seen := map[string]int{}
		err := kt.scan(nil, nil, nil, func(_ []byte, value func() ([]byte, error)) error {
			v, err := value()
			seen[string(v)]++
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return seen
	}
	if got := count(snap); got["old"] != n || len(got) != 1 {
		t.Errorf("the snapshot sees %v, want %d old values", got, n)
	}
	now := b.begin(false)
	defer now.discard()
	if got := count(now); got["new"] != n/2 || len(got) != 1 {
		t.Errorf("the last commit shows %v, want %d new values", got, n/2)
	}
}

func TestMemBackend_ReadOnly(t *testing.T) {
	b := newMemBackend()
	kt := b.begin(false)
	defer kt.discard()
	if err := kt.set([]byte("k"), nil); err != ErrTxReadOnly {
		t.Errorf("set: %v, want ErrTxReadOnly", err)
	}
	if err := kt.delete([]byte("k")); err != ErrTxReadOnly {
		t.Errorf("delete: %v, want ErrTxReadOnly", err)
	}
}

// TestMemLimits checks that a transaction holds as much in memory as on
// disk.
func TestMemLimits(t *testing.T) {
	disk, err := Open(WithDir(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	defer disk.Close()
	mem, err := Open(WithInMemory())
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	if mem.maxCount != disk.maxCount || mem.maxSize != disk.maxSize {
		t.Errorf("in memory a commit holds %d writes, %d bytes; on disk %d, %d",
			mem.maxCount, mem.maxSize, disk.maxCount, disk.maxSize)
	}
}

// BenchmarkMemBackend measures the backend alone on trees of several
// sizes: a commit that reads one key and writes two, and a snapshot that
// reads two.
func BenchmarkMemBackend(b *testing.B) {
	for _, n := range []int{100, 100_000} {
		be := newMemBackend()
		keys := make([][]byte, n)
		for i := range keys {
			keys[i] = fmt.Appendf(nil, "ent\x00\x01pico%08d\x00\x01r\x00\x01n\x00\x01", i)
		}
		key := func(i int) []byte { return keys[i] }
		kt := be.begin(true)
		for i := range n {
			if err := kt.set(key(i), []byte("12345")); err != nil {
				b.Fatal(err)
			}
		}
		if err := kt.commit(); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("keys=%d/commit", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				kt := be.begin(true)
				if _, err := kt.get(key(i * 7919 % n)); err != nil {
					b.Fatal(err)
				}
				_ = kt.set(key(i*7919%n), []byte("54321"))
				_ = kt.set(key(i*104729%n), []byte("54321"))
				if err := kt.commit(); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("keys=%d/view", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				kt := be.begin(false)
				if _, err := kt.get(key(i * 7919 % n)); err != nil {
					b.Fatal(err)
				}
				if _, err := kt.get(key(i * 104729 % n)); err != nil {
					b.Fatal(err)
				}
				kt.discard()
			}
		})
	}
}
