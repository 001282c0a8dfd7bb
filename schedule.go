package pico

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sync/atomic"
	"time"

	"github.com/gopico/pico/krl"
	"github.com/gopico/pico/krl/stdlib"
	"github.com/gopico/pico/krl/value"
	"github.com/gopico/pico/store"
)

// Advance moves the engine's clock forward by d and fires every schedule
// that became due on the way, in due order, each with the clock set to its
// due time and waiting for its event to run. It then waits until no event
// is queued or running on any pico (events that picos sent each other
// included) and fires what became due meanwhile, so that what follows sees
// every effect; Advance(ctx, 0) only settles. It needs a *ManualClock (see
// WithClock); it is how tests make time pass.
//
// A scheduled event that fails is logged and, for an "at" schedule,
// dropped; Advance still fires the others and returns the failures joined.
func (e *Engine) Advance(ctx context.Context, d time.Duration) error {
	if err := e.enter(); err != nil {
		return err
	}
	defer e.leave()
	mc, ok := e.cfg.clock.(*ManualClock)
	if !ok {
		return fmt.Errorf("%w: Advance needs a ManualClock", ErrInvalid)
	}
	return e.sch.advance(ctx, mc.Now().Add(d))
}

// scheduleIDs sort in creation order: 8 bytes of wall-clock time, a
// process-wide counter and random bits, in an order-preserving base 32.
var (
	scheduleIDEncoding = base32.NewEncoding("0123456789abcdefghjkmnpqrstvwxyz").WithPadding(base32.NoPadding)
	scheduleIDCounter  atomic.Uint32
)

func newScheduleID() string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(time.Now().UnixNano()))
	binary.BigEndian.PutUint32(b[8:12], scheduleIDCounter.Add(1))
	_, _ = rand.Read(b[12:])
	return scheduleIDEncoding.EncodeToString(b[:])
}

// Schedule registers the event of a `schedule` statement: a store record
// written in the event's transaction, armed once it commits. `at` takes
// epoch milliseconds or a date string (as time:new reads it); `repeat`
// takes a cron timespec of five fields, or six with leading seconds. The
// event goes to the ECI of the event being processed.
func (h *eventHost) Schedule(rid string, req krl.ScheduleRequest) (value.Value, error) {
	rec := store.ScheduleRecord{ID: newScheduleID(), PicoID: h.pico, RID: rid}
	if !req.Repeat.IsNull() {
		if req.Repeat.Kind() != value.StringKind {
			return value.Null, value.TypeErrorf("schedule .. repeat expected a cron timespec string but got %s", value.TypeOf(req.Repeat))
		}
		if _, err := cronParser.Parse(req.Repeat.AsStr()); err != nil {
			return value.Null, fmt.Errorf("%w: schedule .. repeat %q: %v", ErrInvalid, req.Repeat.AsStr(), err)
		}
		rec.Type, rec.Timespec = store.ScheduleRepeat, req.Repeat.AsStr()
	} else {
		at, err := scheduleTime(&krl.Thread{Clock: h.e.cfg.clock.Now}, req.At)
		if err != nil {
			return value.Null, err
		}
		rec.Type, rec.At = store.ScheduleAt, at
	}
	data := value.EmptyMap()
	if !req.Attrs.IsNull() {
		attrs, err := normaliseAttrs(req.Attrs)
		if err != nil {
			return value.Null, err
		}
		data = value.NewMapValue([]string{"attrs"}, []value.Value{attrs})
	}
	ev := value.NewMapValue([]string{"eci", "domain", "name", "data", "time"},
		[]value.Value{value.Str(h.schedule[h.pos].ev.ECI), value.Str(req.Domain), value.Str(req.Type), data, value.Num(0)})
	raw, err := ev.MarshalJSON()
	if err != nil {
		return value.Null, err
	}
	rec.Event = raw
	if err := h.tx.PutSchedule(rec); err != nil {
		return value.Null, err
	}
	h.onCommit(func() { h.e.sch.arm(rec) })
	return scheduleValue(rec, ev), nil
}

// timeNew is time:new, which reads dates the way the reference engine's
// JavaScript Date does.
var timeNew = func() *value.Func {
	m, _ := stdlib.Module("time")
	return m["new"].AsFunc()
}()

// scheduleTime reads the time of `schedule ... at`.
func scheduleTime(t *krl.Thread, v value.Value) (time.Time, error) {
	bad := value.TypeErrorf("schedule .. at expected a timestamp but got %s", value.TypeOf(v))
	switch v.Kind() {
	case value.NumberKind:
		ms := v.AsNum()
		if math.IsNaN(ms) || math.IsInf(ms, 0) {
			return time.Time{}, bad
		}
		return time.UnixMilli(0).Add(time.Duration(ms * float64(time.Millisecond))).UTC(), nil
	case value.StringKind:
		iso, err := timeNew.Apply(t, []value.Value{v})
		if err != nil {
			return time.Time{}, bad
		}
		t, err := time.Parse(time.RFC3339Nano, iso.AsStr())
		if err != nil {
			return time.Time{}, bad
		}
		return t, nil
	}
	return time.Time{}, bad
}

// scheduleValue is a schedule as KRL sees it (`setting`, schedule:list):
// {"id", "type": "at", "time": ms} or {"id", "type": "repeat", "timespec"},
// then "event".
func scheduleValue(rec store.ScheduleRecord, ev value.Value) value.Value {
	when, whenV := "time", value.Num(float64(rec.At.UnixNano())/1e6)
	if rec.Type == store.ScheduleRepeat {
		when, whenV = "timespec", value.Str(rec.Timespec)
	}
	return value.NewMapValue([]string{"id", "type", when, "event"},
		[]value.Value{value.Str(rec.ID), value.Str(string(rec.Type)), whenV, ev})
}

// storedScheduleValue is scheduleValue of a record read back.
func storedScheduleValue(rec store.ScheduleRecord) value.Value {
	ev, err := value.FromJSON(rec.Event)
	if err != nil {
		ev = value.Null
	}
	return scheduleValue(rec, ev)
}

// scheduleMember returns the member of the schedule module called name for
// code of ruleset rid: list() and get(id) read the ruleset's schedules on
// the pico; the actions remove(id) and clear() delete one or all of them.
func (e *Engine) scheduleMember(rid, name string) *value.Func {
	switch name {
	case "list":
		return &value.Func{Name: "schedule:list", Fn: func(t value.Thread, _ []value.Value) (value.Value, error) {
			h, _, err := hostOf(t)
			if err != nil {
				return value.Null, err
			}
			recs, err := h.tx.RulesetSchedules(h.pico, rid)
			if err != nil {
				return value.Null, err
			}
			out := make([]value.Value, len(recs))
			for i, r := range recs {
				out[i] = storedScheduleValue(r)
			}
			return value.NewArray(out), nil
		}}
	case "get":
		return &value.Func{Name: "schedule:get", Params: []string{"id"}, Fn: func(t value.Thread, args []value.Value) (value.Value, error) {
			h, _, err := hostOf(t)
			if err != nil {
				return value.Null, err
			}
			rec, ok, err := ownSchedule(h, rid, args[0])
			if !ok || err != nil {
				return value.Null, err
			}
			return storedScheduleValue(rec), nil
		}}
	case "remove":
		return &value.Func{Name: "schedule:remove", Params: []string{"id"}, Action: true, Fn: func(t value.Thread, args []value.Value) (value.Value, error) {
			h, err := eventOf(t, "schedule:remove")
			if err != nil {
				return value.Null, err
			}
			rec, ok, err := ownSchedule(&h.readHost, rid, args[0])
			if !ok || err != nil {
				return value.Null, err
			}
			if err := h.tx.DeleteSchedule(rec.ID); err != nil {
				return value.Null, err
			}
			h.onCommit(func() { e.sch.forget(rec.ID) })
			return value.Null, nil
		}}
	case "clear":
		return &value.Func{Name: "schedule:clear", Action: true, Fn: func(t value.Thread, _ []value.Value) (value.Value, error) {
			h, err := eventOf(t, "schedule:clear")
			if err != nil {
				return value.Null, err
			}
			recs, err := h.tx.RulesetSchedules(h.pico, rid)
			if err != nil {
				return value.Null, err
			}
			ids := make([]string, len(recs))
			for i, r := range recs {
				if err := h.tx.DeleteSchedule(r.ID); err != nil {
					return value.Null, err
				}
				ids[i] = r.ID
			}
			h.onCommit(func() { e.sch.forget(ids...) })
			return value.Null, nil
		}}
	}
	return nil
}

// ownSchedule reads schedule id if it belongs to ruleset rid on the
// current pico.
func ownSchedule(h *readHost, rid string, id value.Value) (store.ScheduleRecord, bool, error) {
	if id.Kind() != value.StringKind {
		return store.ScheduleRecord{}, false, nil
	}
	rec, err := h.tx.GetSchedule(id.AsStr())
	if errors.Is(err, store.ErrNotFound) {
		return rec, false, nil
	}
	if err != nil {
		return rec, false, err
	}
	return rec, rec.PicoID == h.pico && rec.RID == rid, nil
}
