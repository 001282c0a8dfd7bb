package eventbus

import (
	"sync"
	"sync/atomic"
)

// Mailbox states: idle (no worker owns it) and scheduled (queued for a
// worker or running). Whoever moves a mailbox from idle to scheduled with a
// compare-and-swap owns it until it sets idle again.
const (
	idle int32 = iota
	scheduled
)

// mailbox is the FIFO of one key. It exists only while the key has queued
// or running jobs.
type mailbox struct {
	key    string
	shard  *shard
	status atomic.Int32

	mu     sync.Mutex
	system ring[Job]
	user   ring[Job]
}

func (mb *mailbox) push(j Job) {
	mb.mu.Lock()
	if j.System {
		mb.system.push(j)
	} else {
		mb.user.push(j)
	}
	mb.mu.Unlock()
}

// pop returns the next job: system jobs first.
func (mb *mailbox) pop() (Job, bool) {
	mb.mu.Lock()
	defer mb.mu.Unlock()
	if j, ok := mb.system.pop(); ok {
		return j, true
	}
	return mb.user.pop()
}

func (mb *mailbox) len() int {
	mb.mu.Lock()
	defer mb.mu.Unlock()
	return mb.system.n + mb.user.n
}

// ring is a growable FIFO queue. Its zero value is empty and holds no
// memory; it lets go of its buffer when it runs empty.
type ring[T any] struct {
	buf  []T
	head int
	n    int
}

func (r *ring[T]) push(v T) {
	if r.n == len(r.buf) {
		size := 2 * len(r.buf)
		if size == 0 {
			size = 4
		}
		buf := make([]T, size)
		k := copy(buf, r.buf[r.head:])
		copy(buf[k:], r.buf[:r.head])
		r.buf, r.head = buf, 0
	}
	r.buf[(r.head+r.n)%len(r.buf)] = v
	r.n++
}

func (r *ring[T]) pop() (T, bool) {
	var zero T
	if r.n == 0 {
		return zero, false
	}
	v := r.buf[r.head]
	r.buf[r.head] = zero
	r.head = (r.head + 1) % len(r.buf)
	r.n--
	if r.n == 0 && len(r.buf) > 64 {
		r.buf, r.head = nil, 0
	}
	return v, true
}
