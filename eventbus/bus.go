package eventbus

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// Job is one unit of work for a key (a pico).
type Job struct {
	// Run does the work. For Submit, ctx is the bus's context, which is
	// cancelled when Close gives up waiting; for Do it is Do's context.
	Run func(ctx context.Context) error
	// Done, when set, is called after Run with Run's error, or with a
	// *PanicError when Run panicked. It runs on the mailbox's goroutine,
	// before the key's next job starts.
	Done func(err error)
	// System jobs of a key run before its queued ordinary jobs (for control
	// work such as deleting a pico); among themselves they keep their order.
	System bool
}

// Stats is a snapshot of a bus's load.
type Stats struct {
	Mailboxes int   // mailboxes in memory: keys with queued or running jobs
	Workers   int   // goroutines running mailboxes
	Pending   int64 // jobs submitted and not yet completed
}

// Option configures a Bus.
type Option func(*config) error

type config struct {
	workers    int
	throughput int
	onPanic    func(*PanicError)
}

// WithWorkers sets how many mailboxes may run at the same time, that is the
// most goroutines the bus runs; the default is 4 × GOMAXPROCS.
func WithWorkers(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return fmt.Errorf("eventbus: WithWorkers(%d): need at least one worker", n)
		}
		c.workers = n
		return nil
	}
}

// WithThroughput sets how many jobs a mailbox runs before it yields its
// worker to other ready mailboxes; the default is 64.
func WithThroughput(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return fmt.Errorf("eventbus: WithThroughput(%d): need at least one job per turn", n)
		}
		c.throughput = n
		return nil
	}
}

// WithPanicHandler sets a function called with every recovered panic, of a
// job or of its Done callback, besides passing the error to Done. The
// default logs it with slog.Default at level Error.
func WithPanicHandler(f func(*PanicError)) Option {
	return func(c *config) error {
		c.onPanic = f
		return nil
	}
}

// Bus runs jobs in per-key mailboxes: the jobs of one key run one at a time
// in the order they were submitted, jobs of different keys run in parallel
// on at most a fixed number of goroutines. A key without queued work costs
// nothing: its mailbox is created by the first Submit and dropped when it
// runs empty, and no goroutine waits for it.
//
// All methods are safe for concurrent use.
type Bus struct {
	cfg    config
	shards [shardCount]shard

	// pending counts jobs submitted and not completed; closedBit is set by
	// Close. drained is closed when both hold: closed and nothing pending.
	pending atomic.Int64
	drained chan struct{}

	ctx    context.Context
	cancel context.CancelFunc

	mailboxes atomic.Int64

	runMu   sync.Mutex
	ready   ring[*mailbox] // mailboxes waiting for a worker
	workers int
}

const closedBit = int64(1) << 62

const shardCount = 64

// shrinkAbove is the peak size from which a shard's map is rebuilt when it
// empties out.
const shrinkAbove = 1024

type shard struct {
	mu    sync.Mutex
	boxes map[string]*mailbox
	peak  int // most mailboxes since boxes was made
}

// New returns a running Bus.
func New(opts ...Option) (*Bus, error) {
	cfg := config{workers: 4 * runtime.GOMAXPROCS(0), throughput: 64}
	for _, o := range opts {
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	if cfg.onPanic == nil {
		cfg.onPanic = func(p *PanicError) {
			slog.Error("eventbus: job panicked", "key", p.Key, "panic", p.Value, "stack", string(p.Stack))
		}
	}
	b := &Bus{cfg: cfg, drained: make(chan struct{})}
	b.ctx, b.cancel = context.WithCancel(context.Background())
	for i := range b.shards {
		b.shards[i].boxes = make(map[string]*mailbox)
	}
	return b, nil
}

// Submit queues job for key and returns at once. It returns ErrClosed after
// Close. Jobs of one key run in the order of their Submit calls.
func (b *Bus) Submit(key string, job Job) error {
	if job.Run == nil {
		return fmt.Errorf("eventbus: Submit(%q): job without Run", key)
	}
	for {
		n := b.pending.Load()
		if n&closedBit != 0 {
			return ErrClosed
		}
		if b.pending.CompareAndSwap(n, n+1) {
			break
		}
	}
	sh, mb := b.mailbox(key)
	mb.push(job)
	sh.mu.Unlock()
	if mb.status.CompareAndSwap(idle, scheduled) {
		b.schedule(mb)
	}
	return nil
}

// Do runs fn in key's mailbox and waits for it. It returns fn's error, a
// *PanicError if fn panicked, ErrClosed after Close, or ctx's error when ctx
// ends first (fn is then skipped if it has not started yet, and otherwise
// left to finish). fn receives ctx.
//
// Calling Do for a key from a job running in that key's own mailbox
// deadlocks until ctx ends: the mailbox runs one job at a time.
func (b *Bus) Do(ctx context.Context, key string, fn func(ctx context.Context) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	// Fast path: when the key has nothing queued or running, fn runs on the
	// caller's goroutine, which saves a goroutine hand-off (and the stack
	// growth of a fresh worker) per call.
	if mb := b.claim(key); mb != nil {
		err := b.protect(key, func() error { return fn(ctx) })
		b.release(mb)
		return err
	}
	done := make(chan error, 1)
	err := b.Submit(key, Job{
		Run: func(context.Context) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			return fn(ctx)
		},
		Done: func(err error) { done <- err },
	})
	if err != nil {
		return err
	}
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// mailbox returns key's mailbox, creating it if needed, with its shard
// locked: the caller unlocks sh.mu.
func (b *Bus) mailbox(key string) (*shard, *mailbox) {
	sh := &b.shards[shardOf(key)]
	sh.mu.Lock()
	mb := sh.boxes[key]
	if mb == nil {
		mb = &mailbox{key: key, shard: sh}
		sh.boxes[key] = mb
		sh.peak = max(sh.peak, len(sh.boxes))
		b.mailboxes.Add(1)
	}
	return sh, mb
}

// claim takes key's mailbox for the calling goroutine if it is idle and
// empty, counting the caller's work as pending. It returns nil (and counts
// nothing) otherwise, and after Close.
func (b *Bus) claim(key string) *mailbox {
	for {
		n := b.pending.Load()
		if n&closedBit != 0 {
			return nil
		}
		if b.pending.CompareAndSwap(n, n+1) {
			break
		}
	}
	sh, mb := b.mailbox(key)
	// The status changes under the shard lock so that retire, which checks
	// it under the same lock, cannot drop the mailbox we are taking.
	claimed := mb.len() == 0 && mb.status.CompareAndSwap(idle, scheduled)
	sh.mu.Unlock()
	if !claimed {
		b.complete()
		return nil
	}
	return mb
}

// release ends the inline run of a claimed mailbox: jobs submitted
// meanwhile go to a worker, otherwise the mailbox becomes idle.
func (b *Bus) release(mb *mailbox) {
	if mb.len() > 0 {
		b.schedule(mb)
	} else {
		mb.status.Store(idle)
		if mb.len() > 0 && mb.status.CompareAndSwap(idle, scheduled) {
			b.schedule(mb)
		} else {
			b.retire(mb)
		}
	}
	b.complete()
}

// complete counts one pending job as done.
func (b *Bus) complete() {
	if b.pending.Add(-1) == closedBit {
		close(b.drained)
	}
}

// Close stops accepting jobs and waits until every queued and running job
// has completed, or until ctx ends: then it cancels the context that
// submitted jobs receive and returns ctx's error, leaving the remaining jobs
// to run (they see a cancelled context). Calling Close again waits again.
func (b *Bus) Close(ctx context.Context) error {
	for {
		n := b.pending.Load()
		if n&closedBit != 0 {
			break
		}
		if b.pending.CompareAndSwap(n, n|closedBit) {
			if n == 0 {
				close(b.drained)
			}
			break
		}
	}
	select {
	case <-b.drained:
		b.cancel()
		return nil
	case <-ctx.Done():
		b.cancel()
		return ctx.Err()
	}
}

// Stats returns the current load.
func (b *Bus) Stats() Stats {
	b.runMu.Lock()
	w := b.workers
	b.runMu.Unlock()
	return Stats{
		Mailboxes: int(b.mailboxes.Load()),
		Workers:   w,
		Pending:   b.pending.Load() &^ closedBit,
	}
}

// schedule hands a mailbox in state scheduled to a worker, starting one if
// fewer than the limit are running.
func (b *Bus) schedule(mb *mailbox) {
	b.runMu.Lock()
	b.ready.push(mb)
	start := b.workers < b.cfg.workers
	if start {
		b.workers++
	}
	b.runMu.Unlock()
	if start {
		go b.work()
	}
}

// work runs ready mailboxes until there are none, then exits.
func (b *Bus) work() {
	for {
		b.runMu.Lock()
		mb, ok := b.ready.pop()
		if !ok {
			b.workers--
			b.runMu.Unlock()
			return
		}
		b.runMu.Unlock()
		b.run(mb)
	}
}

// run runs up to throughput jobs of mb. The caller owns mb (its status is
// scheduled); run either hands it back to the ready queue or makes it idle.
func (b *Bus) run(mb *mailbox) {
	for n := 0; ; {
		job, ok := mb.pop()
		if !ok {
			mb.status.Store(idle)
			// A Submit may have pushed after pop and lost the race for the
			// status; take the mailbox back if so.
			if mb.len() > 0 && mb.status.CompareAndSwap(idle, scheduled) {
				continue
			}
			b.retire(mb)
			return
		}
		b.exec(mb.key, job)
		if n++; n >= b.cfg.throughput && mb.len() > 0 {
			b.schedule(mb) // yield: back of the line, still scheduled
			return
		}
	}
}

// retire drops an idle, empty mailbox from its shard.
func (b *Bus) retire(mb *mailbox) {
	sh := mb.shard
	sh.mu.Lock()
	if sh.boxes[mb.key] == mb && mb.status.Load() == idle && mb.len() == 0 {
		delete(sh.boxes, mb.key)
		b.mailboxes.Add(-1)
		// Go maps keep their size after a burst; give the memory back once
		// the shard has shrunk well below its peak.
		if sh.peak >= shrinkAbove && len(sh.boxes) < sh.peak/8 {
			boxes := make(map[string]*mailbox, 2*len(sh.boxes))
			for k, v := range sh.boxes {
				boxes[k] = v
			}
			sh.boxes, sh.peak = boxes, len(boxes)
		}
	}
	sh.mu.Unlock()
}

// exec runs one job, recovering panics, and completes it.
func (b *Bus) exec(key string, job Job) {
	err := b.protect(key, func() error { return job.Run(b.ctx) })
	if job.Done != nil {
		_ = b.protect(key, func() error { job.Done(err); return nil })
	}
	b.complete()
}

func (b *Bus) protect(key string, f func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			p := &PanicError{Key: key, Value: v, Stack: debug.Stack()}
			b.cfg.onPanic(p)
			err = p
		}
	}()
	return f()
}

// shardOf hashes key (FNV-1a) to a shard.
func shardOf(key string) int {
	h := uint32(2166136261)
	for i := 0; i < len(key); i++ {
		h ^= uint32(key[i])
		h *= 16777619
	}
	return int(h % shardCount)
}
