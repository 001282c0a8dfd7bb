package pico

import (
	"context"
	"encoding/json"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/gopico/pico/eventbus"
	"github.com/gopico/pico/krl"
	"github.com/gopico/pico/krl/value"
	"github.com/gopico/pico/store"
)

// The inbox makes Send durable: Send stores the event under
// engine/inbox/<pico>/<seq> before it returns, and the event's own
// transaction deletes that record, so an event is processed exactly once
// even if the process stops in between. Open queues the records left over,
// in their order. A failing event's record is deleted after the failure is
// logged (its transaction rolled back, so nothing else of it stays).

// inboxRecord is the stored form of a sent event.
type inboxRecord struct {
	EID    string          `json:"eid"`
	ECI    string          `json:"eci"`
	Domain string          `json:"domain"`
	Type   string          `json:"type"`
	Attrs  json.RawMessage `json:"attrs"`
	Time   int64           `json:"time"` // ms since 1970
}

func inboxPrefix() store.Key { return store.NewKey("engine", "inbox") }

// inboxSeq orders the inbox records of a pico: wall-clock nanoseconds, then
// a counter for ties, both fixed-width so that key order is send order.
var inboxCounter atomic.Uint64

func inboxKey(picoID string) store.Key {
	seq := fmt.Sprintf("%020d-%010d", time.Now().UnixNano(), inboxCounter.Add(1)%1e10)
	return store.NewKey("engine", "inbox", picoID, seq)
}

// putInbox writes an event into picoID's inbox in tx and returns its key.
func putInbox(tx store.Tx, picoID string, kev *krl.Event) (store.Key, error) {
	attrs, err := kev.Attrs.MarshalJSON()
	if err != nil {
		return nil, err
	}
	rec, err := json.Marshal(inboxRecord{EID: kev.EID, ECI: kev.ECI, Domain: kev.Domain, Type: kev.Type,
		Attrs: attrs, Time: kev.Time.UnixMilli()})
	if err != nil {
		return nil, err
	}
	key := inboxKey(picoID)
	return key, tx.Set(key, rec)
}

// enqueue stores a checked event in the inbox and queues it on the pico.
func (e *Engine) enqueue(ctx context.Context, picoID string, kev *krl.Event) error {
	var key store.Key
	err := e.st.Batch(ctx, func(tx store.Tx) error {
		var err error
		key, err = putInbox(tx, picoID, kev)
		return err
	})
	if err != nil {
		return err
	}
	return e.submitInboxed(picoID, key, kev)
}

// submitInboxed queues an inboxed event on its pico's mailbox.
func (e *Engine) submitInboxed(picoID string, key store.Key, kev *krl.Event) error {
	if err := e.enter(); err != nil {
		return err
	}
	err := e.bus.Submit(picoID, eventbus.Job{
		Run: func(ctx context.Context) error {
			_, err := e.runEventWith(ctx, picoID, kev, func(tx store.Tx) (bool, error) {
				if ok, err := tx.Has(key); err != nil || !ok {
					return false, err // already processed
				}
				return true, tx.Delete(key)
			})
			if err != nil {
				// The event rolled back; drop its record so that it is
				// not run again at the next Open.
				if derr := e.st.Update(context.WithoutCancel(ctx), func(tx store.Tx) error { return tx.Delete(key) }); derr != nil {
					e.log.Error("inbox: cannot drop failed event", "eid", kev.EID, "err", derr)
				}
			}
			return err
		},
		Done: func(err error) {
			defer e.leave()
			if err != nil {
				e.log.Error("event failed", "eid", kev.EID, "domain", kev.Domain, "type", kev.Type, "err", err)
			}
		},
	})
	if err != nil {
		e.leave()
	}
	return err
}

// resumeInbox queues the events that were sent but not processed before the
// engine last closed.
func (e *Engine) resumeInbox(ctx context.Context) error {
	type pending struct {
		pico string
		key  store.Key
		ev   *krl.Event
	}
	var todo []pending
	err := e.st.View(ctx, func(tx store.Tx) error {
		return tx.Scan(inboxPrefix(), func(k, v []byte) error {
			parts, err := store.Key(k).Parts()
			if err != nil || len(parts) != 4 {
				e.log.Warn("inbox: malformed key", "key", store.Key(k).String())
				return nil
			}
			var rec inboxRecord
			if err := json.Unmarshal(v, &rec); err != nil {
				e.log.Warn("inbox: malformed record", "key", store.Key(k).String(), "err", err)
				return nil
			}
			attrs, err := value.FromJSON(rec.Attrs)
			if err != nil || attrs.Kind() != value.MapKind {
				attrs = value.EmptyMap()
			}
			todo = append(todo, pending{pico: parts[2], key: append(store.Key(nil), k...), ev: &krl.Event{
				EID: rec.EID, ECI: rec.ECI, Domain: rec.Domain, Type: rec.Type, Attrs: attrs, Time: time.UnixMilli(rec.Time)}})
			return nil
		})
	})
	if err != nil {
		return err
	}
	for _, p := range todo {
		if err := e.submitInboxed(p.pico, p.key, p.ev); err != nil {
			return err
		}
	}
	if len(todo) > 0 {
		e.log.Info("inbox: resumed events sent before the last close", "events", len(todo))
	}
	return nil
}
