package store

import (
	"context"
	"fmt"
	"slices"
	"sync"
)

// maxBatchCalls caps the number of functions merged into one commit.
const maxBatchCalls = 256

// batcher is the group commit queue behind Store.Batch. One caller at a
// time, the leader, runs the queued functions and commits them together;
// callers arriving meanwhile queue up, and when the leader's own call is
// done it hands leadership to the oldest waiting caller. There is no timer:
// an idle store commits a lone call at once, and a busy one accumulates the
// calls that arrive during a commit (typically during an fsync).
type batcher struct {
	mu      sync.Mutex
	queue   []*call
	leading bool
}

type callState uint8

const (
	callQueued callState = iota
	callTaken
	callPromoted
	callCancelled
)

type call struct {
	ctx  context.Context
	fn   func(Tx) error
	wake chan struct{} // receives once: finished, or promoted to leader; nil for a call that leads from the start

	state callState // guarded by batcher.mu

	// Set by the leader before waking the caller.
	finished bool
	err      error
	panicked bool
	panicVal any
}

// Batch runs fn in a read-write transaction like [Store.Update], but merges
// it with the Batch calls of other goroutines into a single commit. With
// [WithSyncWrites](true), the whole group then pays for one sync instead of
// one each: this is how many concurrent writers get both durability and
// throughput.
//
// Each fn still behaves as its own transaction towards its caller: if it
// returns an error (or panics), its writes are dropped, the error is
// returned to its caller (the panic is re-raised in its caller's goroutine),
// and the other functions of the group are unaffected. Functions of a group
// run one after the other, each seeing the writes of those before it, so
// the outcome is as if the calls had run serially in some order.
//
// Compared with Update, fn may run on another goroutine (the caller that
// leads the group) and, as with Update, more than once; it must be quick,
// since the group waits for it, and it must not call Batch itself. If ctx is
// done before fn runs, Batch returns ctx.Err() without running it.
func (s *Store) Batch(ctx context.Context, fn func(Tx) error) error {
	if err := s.acquire(); err != nil {
		return err
	}
	defer s.release()
	if err := ctx.Err(); err != nil {
		return err
	}
	c := &call{ctx: ctx, fn: fn}
	b := &s.batch
	b.mu.Lock()
	if !b.leading {
		// The leader finishes its own call: nobody needs to wake it.
		b.leading = true
		b.queue = append(b.queue, c)
		b.mu.Unlock()
		s.lead(c)
		return c.result()
	}
	c.wake = make(chan struct{}, 1)
	b.queue = append(b.queue, c)
	b.mu.Unlock()

	select {
	case <-c.wake:
	case <-ctx.Done():
		b.mu.Lock()
		if c.state == callQueued {
			c.state = callCancelled
			b.queue = slices.DeleteFunc(b.queue, func(x *call) bool { return x == c })
			b.mu.Unlock()
			return ctx.Err()
		}
		b.mu.Unlock()
		<-c.wake
	}
	if !c.finished {
		// Promoted: our call is at the head of the queue.
		s.lead(c)
	}
	return c.result()
}

func (c *call) result() error {
	if c.panicked {
		panic(c.panicVal)
	}
	return c.err
}

func (c *call) finish(err error) {
	c.err = err
	c.finished = true
	if c.wake != nil {
		c.wake <- struct{}{}
	}
}

// run calls fn on t, turning a panic into a recorded one.
func (c *call) run(t *txn) (err error) {
	defer func() {
		t.done = true
		if r := recover(); r != nil {
			c.panicked, c.panicVal = true, r
			err = fmt.Errorf("store: batched function panicked: %v", r)
		}
	}()
	return c.fn(Tx{t})
}

// lead commits queued calls until own is done, then passes leadership on.
func (s *Store) lead(own *call) {
	b := &s.batch
	for !own.finished {
		b.mu.Lock()
		n := min(len(b.queue), maxBatchCalls)
		calls := slices.Clone(b.queue[:n])
		b.queue = slices.Delete(b.queue, 0, n)
		for _, c := range calls {
			c.state = callTaken
		}
		b.mu.Unlock()
		for len(calls) > 0 {
			calls = s.commitGroup(calls)
		}
	}
	b.mu.Lock()
	if len(b.queue) > 0 {
		next := b.queue[0]
		next.state = callPromoted
		next.wake <- struct{}{}
	} else {
		b.leading = false
	}
	b.mu.Unlock()
}

// commitGroup runs as many of calls as fit in one commit, commits them, and
// returns the calls left over for another commit. Every call it does not
// return is finished.
func (s *Store) commitGroup(calls []*call) (rest []*call) {
	for attempt := 1; ; attempt++ {
		kt := s.kv.begin(true)
		// The writes of the calls applied so far: the overlay of the
		// first, which absorbs those of the next ones.
		var group *overlay
		var applied []*call
		var count, size int64
		rest = nil
		for i, c := range calls {
			if err := c.ctx.Err(); err != nil {
				c.finish(err)
				continue
			}
			t := newWriter(s, kt, c.ctx, group)
			ov := t.ov
			err := c.run(t)
			if err == nil {
				err = t.err
			}
			if err != nil {
				c.finish(err)
				continue
			}
			if len(applied) > 0 && (count+ov.count >= s.maxCount || size+ov.size >= s.maxSize) {
				rest = calls[i:]
				break
			}
			if group == nil {
				group = ov
			} else {
				group.absorb(ov)
			}
			count += ov.count
			size += ov.size
			applied = append(applied, c)
		}
		if len(applied) == 0 {
			kt.discard()
			return rest
		}
		if err := group.apply(kt); err != nil {
			// The backend refused a write that the overlays accepted.
			// Nothing is committed yet: fall back to one transaction per
			// call, so that only the culprit fails.
			kt.discard()
			for _, a := range applied {
				a.finish(s.update(a.ctx, a.fn))
			}
			return rest
		}
		conflict, err := s.commit(kt)
		kt.discard()
		if !conflict {
			if err == nil {
				s.stats.batchCommits.Add(1)
				s.stats.batchCalls.Add(int64(len(applied)))
			}
			for _, c := range applied {
				c.finish(err)
			}
			return rest
		}
		if attempt >= s.cfg.maxAttempts {
			err := fmt.Errorf("%w: gave up after %d attempts", ErrConflict, attempt)
			for _, c := range applied {
				c.finish(err)
			}
			return rest
		}
		_ = backoff(context.Background(), attempt)
		calls = append(applied[:len(applied):len(applied)], rest...)
	}
}
