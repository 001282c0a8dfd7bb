package eventbus

import (
	"context"
	"fmt"
	"sync"
	"testing"
)

func TestBus_retire_shrinksShards(t *testing.T) {
	b, err := New(WithWorkers(1))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close(context.Background())
	gate := make(chan struct{})
	started := make(chan struct{})
	if err := b.Submit("gate", Job{Run: func(context.Context) error { close(started); <-gate; return nil }}); err != nil {
		t.Fatal(err)
	}
	<-started
	const keys = 100_000
	var wg sync.WaitGroup
	wg.Add(keys)
	for i := range keys {
		if err := b.Submit(fmt.Sprint(i), Job{Run: func(context.Context) error { return nil }, Done: func(error) { wg.Done() }}); err != nil {
			t.Fatal(err)
		}
	}
	peak := 0
	for i := range b.shards {
		peak = max(peak, b.shards[i].peak)
	}
	if peak < shrinkAbove {
		t.Fatalf("shards peaked at %d mailboxes; the test needs more", peak)
	}
	close(gate)
	wg.Wait()
	if err := b.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	for i := range b.shards {
		sh := &b.shards[i]
		sh.mu.Lock()
		n, p := len(sh.boxes), sh.peak
		sh.mu.Unlock()
		if n != 0 || p >= shrinkAbove {
			t.Fatalf("shard %d: %d mailboxes, peak %d after draining", i, n, p)
		}
	}
}
