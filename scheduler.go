package pico

import (
	"container/heap"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/gopico/pico/eventbus"
	"github.com/gopico/pico/krl"
	"github.com/gopico/pico/krl/value"
	"github.com/gopico/pico/store"
)

// cronParser reads the timespecs of `schedule ... repeat`: five fields
// (minute hour day-of-month month day-of-week), or six with leading seconds
// as node-schedule accepts, and the @hourly/@every descriptors.
var cronParser = cron.NewParser(cron.SecondOptional | cron.Minute | cron.Hour |
	cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// farFuture bounds scans of the due-time index that look for the earliest
// schedule.
var farFuture = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)

// scheduler fires the stored schedules on the engine clock.
//
// "at" schedules are not held in memory: the store's due-time index is the
// queue, so Open costs nothing for them. "repeat" schedules are kept in a
// heap ordered by their next firing time, loaded at Open (a cron entry has
// no stored next time).
//
// With a *ManualClock nothing fires by itself: Engine.Advance moves the
// clock from due time to due time and fires each schedule, waiting for its
// event. With any other clock a goroutine sleeps until the next due time
// and queues the events on the picos' mailboxes.
//
// A fired event claims its schedule in its own transaction (an "at"
// record is deleted there; a schedule removed meanwhile fires nothing), so
// a schedule fires at most once per due time even across restarts.
type scheduler struct {
	e      *Engine
	manual *ManualClock // nil: a timer goroutine fires

	mu       sync.Mutex
	repeats  map[string]*armed // "repeat" schedules by id
	queue    armedHeap
	inflight map[string]bool // "at" schedules whose event is queued (timer mode)

	advanceMu sync.Mutex // one Advance at a time

	wake     chan struct{}
	quit     chan struct{}
	done     chan struct{}
	stopOnce sync.Once
	looping  bool
}

// armed is a "repeat" schedule waiting for its next time.
type armed struct {
	rec   store.ScheduleRecord
	spec  cron.Schedule
	next  time.Time
	index int // in the heap
}

// armedHeap orders repeat schedules by next time, then id.
type armedHeap []*armed

func (h armedHeap) Len() int { return len(h) }
func (h armedHeap) Less(i, j int) bool {
	if !h[i].next.Equal(h[j].next) {
		return h[i].next.Before(h[j].next)
	}
	return h[i].rec.ID < h[j].rec.ID
}
func (h armedHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index, h[j].index = i, j
}
func (h *armedHeap) Push(x any) {
	a := x.(*armed)
	a.index = len(*h)
	*h = append(*h, a)
}
func (h *armedHeap) Pop() any {
	old := *h
	a := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	a.index = -1
	return a
}

func newScheduler(e *Engine) *scheduler {
	s := &scheduler{e: e, repeats: map[string]*armed{}, inflight: map[string]bool{},
		wake: make(chan struct{}, 1), quit: make(chan struct{}), done: make(chan struct{})}
	s.manual, _ = e.cfg.clock.(*ManualClock)
	return s
}

// start arms the stored repeat schedules and fires the "at" schedules
// missed while the engine was closed (once each).
func (s *scheduler) start(ctx context.Context) error {
	var recs []store.ScheduleRecord
	err := s.e.st.View(ctx, func(tx store.Tx) error {
		return tx.RepeatSchedules(func(rec store.ScheduleRecord) error {
			recs = append(recs, rec)
			return nil
		})
	})
	if err != nil {
		return err
	}
	for _, rec := range recs {
		s.arm(rec)
	}
	if s.manual != nil {
		failed, err := s.fireUntil(ctx, s.manual.Now())
		for _, f := range failed {
			s.e.log.Error("scheduler: a missed schedule failed at startup", "err", f)
		}
		return err
	}
	s.looping = true
	go s.loop()
	return nil
}

// stop ends the timer goroutine; events already queued still run.
func (s *scheduler) stop() {
	s.stopOnce.Do(func() {
		close(s.quit)
		if s.looping {
			<-s.done
		}
	})
}

// poke wakes the timer goroutine to look at the schedules again.
func (s *scheduler) poke() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// arm takes a schedule written by a committed transaction: a repeat
// schedule enters the heap; for an "at" schedule the timer is recomputed.
func (s *scheduler) arm(rec store.ScheduleRecord) {
	if rec.Type == store.ScheduleRepeat {
		spec, err := cronParser.Parse(rec.Timespec)
		if err != nil {
			s.e.log.Error("stored schedule has a bad timespec", "id", rec.ID, "timespec", rec.Timespec, "err", err)
			return
		}
		s.mu.Lock()
		if old := s.repeats[rec.ID]; old != nil {
			heap.Remove(&s.queue, old.index)
		}
		a := &armed{rec: rec, spec: spec, next: spec.Next(s.e.cfg.clock.Now())}
		if !a.next.IsZero() {
			s.repeats[rec.ID] = a
			heap.Push(&s.queue, a)
		}
		s.mu.Unlock()
	}
	s.poke()
}

// forget disarms schedules whose records a committed transaction deleted.
func (s *scheduler) forget(ids ...string) {
	s.mu.Lock()
	for _, id := range ids {
		if a := s.repeats[id]; a != nil {
			delete(s.repeats, id)
			heap.Remove(&s.queue, a.index)
		}
	}
	s.mu.Unlock()
	s.poke()
}

// forgetWhere disarms the repeat schedules of a pico (rid "") or of one
// ruleset on it.
func (s *scheduler) forgetWhere(picoID, rid string) {
	s.mu.Lock()
	var ids []string
	for id, a := range s.repeats {
		if a.rec.PicoID == picoID && (rid == "" || a.rec.RID == rid) {
			ids = append(ids, id)
		}
	}
	s.mu.Unlock()
	s.forget(ids...)
}

// due is a schedule to fire: its record and the time it was due.
type due struct {
	rec    store.ScheduleRecord
	at     time.Time
	repeat *armed // nil for an "at" schedule
}

// next returns the schedule due first at or before until, "at" schedules
// before repeat ones at the same time. skipInflight leaves out "at"
// schedules already queued.
func (s *scheduler) next(ctx context.Context, until time.Time, skipInflight bool) (due, bool, error) {
	var at *store.ScheduleRecord
	err := s.e.st.View(ctx, func(tx store.Tx) error {
		return tx.SchedulesDue(until, func(rec store.ScheduleRecord) error {
			if skipInflight {
				s.mu.Lock()
				busy := s.inflight[rec.ID]
				s.mu.Unlock()
				if busy {
					return nil
				}
			}
			at = &rec
			return store.ErrStopScan
		})
	})
	if err != nil {
		return due{}, false, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.queue) > 0 {
		r := s.queue[0]
		if !r.next.After(until) && (at == nil || r.next.Before(at.At)) {
			return due{rec: r.rec, at: r.next, repeat: r}, true, nil
		}
	}
	if at == nil {
		return due{}, false, nil
	}
	return due{rec: *at, at: at.At}, true, nil
}

// reschedule moves a repeat schedule that fired at time t to its next
// time. When catchUp is false (timer mode) runs missed by more than one
// period are skipped: the next time is after now.
func (s *scheduler) reschedule(a *armed, t time.Time, catchUp bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.repeats[a.rec.ID] != a {
		return // forgotten meanwhile
	}
	a.next = a.spec.Next(t)
	if !catchUp {
		if now := s.e.cfg.clock.Now(); !a.next.After(now) {
			a.next = a.spec.Next(now)
		}
	}
	if a.next.IsZero() { // a timespec that never fires again
		delete(s.repeats, a.rec.ID)
		heap.Remove(&s.queue, a.index)
		return
	}
	heap.Fix(&s.queue, a.index)
}

// advance moves the manual clock to target, firing every schedule due on
// the way in due order, each at its due time, waiting for its event. It
// returns the errors of the fired events.
func (s *scheduler) advance(ctx context.Context, target time.Time) error {
	s.advanceMu.Lock()
	defer s.advanceMu.Unlock()
	var failed []error
	err := func() error {
		for {
			f, err := s.fireUntil(ctx, target)
			failed = append(failed, f...)
			if err != nil {
				return err
			}
			if err := s.waitIdle(ctx); err != nil {
				return err
			}
			if _, ok, err := s.next(ctx, target, false); err != nil || !ok {
				return err // nothing became due while the picos settled
			}
		}
	}()
	s.manual.Set(target)
	return errors.Join(append(failed, err)...)
}

// waitIdle waits until no event is queued or running on any pico: the
// events that fired schedules sent to other picos have run too.
func (s *scheduler) waitIdle(ctx context.Context) error {
	pause := 50 * time.Microsecond
	for s.e.bus.Stats().Pending > 0 {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(pause):
		}
		pause = min(2*pause, 5*time.Millisecond)
	}
	return nil
}

// fireUntil fires, one after the other, the schedules due at or before
// until (manual clock), setting the clock to each due time that is later
// than it. It returns the errors of the scheduled events that failed, and
// err when it could not go on.
func (s *scheduler) fireUntil(ctx context.Context, until time.Time) (failed []error, err error) {
	for {
		d, ok, err := s.next(ctx, until, false)
		if err != nil || !ok {
			return failed, err
		}
		if d.at.After(s.manual.Now()) {
			s.manual.Set(d.at)
		}
		if d.repeat != nil {
			s.reschedule(d.repeat, d.at, true)
		}
		err = s.e.bus.Do(ctx, d.rec.PicoID, func(ctx context.Context) error {
			return s.e.fireSchedule(ctx, d)
		})
		var fail *scheduleFailure
		switch {
		case errors.As(err, &fail):
			failed = append(failed, err)
		case err != nil:
			return failed, err
		}
	}
}

// loop is the timer goroutine of a scheduler on a real clock.
func (s *scheduler) loop() {
	defer close(s.done)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		wait := s.fireDue()
		if wait >= 0 {
			timer.Reset(wait)
		}
		select {
		case <-s.quit:
			timer.Stop()
			return
		case <-s.wake:
		case <-timer.C:
		}
		timer.Stop()
	}
}

// fireDue queues the events of the schedules due now and returns how long
// to wait for the next one (-1: none is armed).
func (s *scheduler) fireDue() time.Duration {
	ctx := context.Background()
	for {
		now := s.e.cfg.clock.Now()
		d, ok, err := s.next(ctx, now, true)
		if err != nil {
			if !errors.Is(err, store.ErrClosed) {
				s.e.log.Error("scheduler: reading schedules failed", "err", err)
			}
			return time.Second
		}
		if !ok {
			break
		}
		if d.repeat != nil {
			s.reschedule(d.repeat, d.at, false)
		} else {
			s.mu.Lock()
			s.inflight[d.rec.ID] = true
			s.mu.Unlock()
		}
		s.submit(d)
	}
	d, ok, err := s.next(ctx, farFuture, true)
	if err != nil || !ok {
		return -1
	}
	return max(d.at.Sub(s.e.cfg.clock.Now()), 0)
}

// submit queues the event of a due schedule on its pico's mailbox.
func (s *scheduler) submit(d due) {
	done := func() {
		if d.repeat == nil {
			s.mu.Lock()
			delete(s.inflight, d.rec.ID)
			s.mu.Unlock()
			s.poke()
		}
	}
	if err := s.e.enter(); err != nil {
		done()
		return
	}
	err := s.e.bus.Submit(d.rec.PicoID, eventbus.Job{
		Run: func(ctx context.Context) error { return s.e.fireSchedule(ctx, d) },
		Done: func(err error) {
			defer s.e.leave()
			defer done()
			if err != nil {
				s.e.log.Error("scheduled event failed", "schedule", d.rec.ID, "err", err)
			}
		},
	})
	if err != nil {
		s.e.leave()
		done()
	}
}

// scheduledEvent is the event of a schedule record, in the reference
// engine's shape.
type scheduledEvent struct {
	ECI    string `json:"eci"`
	Domain string `json:"domain"`
	Name   string `json:"name"`
	Data   struct {
		Attrs json.RawMessage `json:"attrs,omitempty"`
	} `json:"data"`
}

// scheduleFailure is the error of a scheduled event that ran and failed.
type scheduleFailure struct {
	id  string
	err error
}

func (f *scheduleFailure) Error() string {
	return fmt.Sprintf("scheduled event %s: %v", f.id, f.err)
}

func (f *scheduleFailure) Unwrap() error { return f.err }

// fireSchedule runs the event of a due schedule on its pico (in the pico's
// mailbox). The event bypasses the channel policy, carries the ECI of the
// event that scheduled it and has no time (event:time is 0), as in the
// reference engine. An "at" schedule is deleted by the event's transaction;
// when the event fails it is deleted anyway, so it fires once. A schedule
// whose record is gone (removed, uninstalled, pico deleted) fires nothing
// and is disarmed.
func (e *Engine) fireSchedule(ctx context.Context, d due) error {
	var sev scheduledEvent
	attrs := value.EmptyMap()
	err := json.Unmarshal(d.rec.Event, &sev)
	if err == nil && len(sev.Data.Attrs) > 0 {
		attrs, err = value.FromJSON(sev.Data.Attrs)
	}
	if err != nil {
		e.log.Error("stored schedule has a bad event; dropping it", "id", d.rec.ID, "err", err)
		e.sch.forget(d.rec.ID)
		return e.dropSchedule(ctx, d.rec.ID)
	}
	if attrs.Kind() != value.MapKind {
		attrs = value.EmptyMap()
	}
	ev := &krl.Event{EID: e.eids.next(), ECI: sev.ECI, Domain: sev.Domain, Type: sev.Name, Attrs: attrs}
	gone := false
	_, err = e.runEventWith(ctx, d.rec.PicoID, ev, func(tx store.Tx) (bool, error) {
		cur, err := tx.GetSchedule(d.rec.ID)
		if errors.Is(err, store.ErrNotFound) {
			gone = true
			return false, nil
		}
		if err != nil {
			return false, err
		}
		if cur.Type == store.ScheduleAt {
			return true, tx.DeleteSchedule(d.rec.ID)
		}
		return true, nil
	})
	if errors.Is(err, ErrUnknownPico) {
		gone, err = true, nil
	}
	if gone {
		e.sch.forget(d.rec.ID)
	}
	if err == nil {
		return nil
	}
	if errors.Is(err, ErrClosed) || errors.Is(err, store.ErrClosed) || ctx.Err() != nil {
		return err // not run: an "at" schedule stays for the next Open
	}
	e.log.Error("scheduled event failed", "schedule", d.rec.ID, "pico", d.rec.PicoID, "rid", d.rec.RID,
		"domain", ev.Domain, "type", ev.Type, "err", err)
	if d.repeat == nil {
		if derr := e.dropSchedule(ctx, d.rec.ID); derr != nil {
			return derr
		}
	}
	return &scheduleFailure{id: d.rec.ID, err: err}
}

// dropSchedule deletes a schedule record (a missing one is not an error).
func (e *Engine) dropSchedule(ctx context.Context, id string) error {
	err := e.st.Update(ctx, func(tx store.Tx) error { return tx.DeleteSchedule(id) })
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	return err
}
