package sky

import (
	"sync"
	"time"
)

// dedup remembers the answers to event deliveries by idempotency key, for
// a while, so that a repeated delivery gets the first answer instead of
// running the event again.
type dedup struct {
	mu      sync.Mutex
	ttl     time.Duration
	max     int
	entries map[string]*delivery
	order   []string // keys, oldest first (some may be gone from entries)
	now     func() time.Time
}

// delivery is one key's delivery: in progress until done is closed, then
// its answer when kept.
type delivery struct {
	done    chan struct{}
	resp    response
	kept    bool
	expires time.Time
}

func newDedup(ttl time.Duration, maxKeys int) *dedup {
	return &dedup{ttl: ttl, max: maxKeys, entries: map[string]*delivery{}, now: time.Now}
}

// begin returns the delivery of key and whether the caller is the first
// to deliver it (and must call finish).
func (d *dedup) begin(key string) (*delivery, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	now := d.now()
	d.expire(now)
	if e, ok := d.entries[key]; ok && (!e.kept || now.Before(e.expires)) {
		return e, false
	}
	e := &delivery{done: make(chan struct{})}
	d.entries[key] = e
	d.order = append(d.order, key)
	return e, true
}

// finish records the answer of the first delivery of key. Failures of the
// server (5xx) are not kept: a later delivery runs the event.
func (d *dedup) finish(key string, e *delivery, resp response) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if !resp.transient() {
		e.resp, e.kept, e.expires = resp, true, d.now().Add(d.ttl)
	} else if d.entries[key] == e {
		delete(d.entries, key)
	}
	close(e.done)
}

// expire forgets the oldest keys: the expired ones and those beyond max.
// Deliveries in progress are never forgotten.
func (d *dedup) expire(now time.Time) {
	n := 0
	for n < len(d.order) {
		key := d.order[n]
		e, ok := d.entries[key]
		switch {
		case !ok:
		case !e.kept:
			// In progress: keep it and what follows.
			d.order = d.order[n:]
			return
		case len(d.entries) > d.max || !now.Before(e.expires):
			delete(d.entries, key)
		default:
			d.order = d.order[n:]
			return
		}
		n++
	}
	d.order = d.order[:0]
}

// size returns the number of keys remembered.
func (d *dedup) size() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.entries)
}
