package pico

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/gopico/pico/eventbus"
	"github.com/gopico/pico/krl"
	"github.com/gopico/pico/krl/value"
	"github.com/gopico/pico/store"
)

// entKey names an entity variable of one ruleset on the current pico.
type entKey struct{ rid, name string }

// readHost is the krl.Host of queries and of ruleset initialisation: it
// reads entity variables through a store transaction and refuses writes.
type readHost struct {
	e    *Engine
	tx   store.Tx
	pico string
	view *picoView
}

func (h *readHost) EntGet(rid, name string) (value.Value, error) {
	raw, err := h.tx.GetEntVar(h.pico, rid, name)
	if errors.Is(err, store.ErrNotFound) {
		return value.Null, nil
	}
	if err != nil {
		return value.Null, err
	}
	return value.FromJSON(raw)
}

func (h *readHost) EntSet(string, string, value.Value) error { return krl.ErrReadOnly }
func (h *readHost) Raise(string, krl.RaisedEvent) error      { return krl.ErrReadOnly }
func (h *readHost) ClearSchedule(string) error               { return krl.ErrReadOnly }
func (h *readHost) Directive(krl.Directive) error            { return krl.ErrReadOnly }
func (h *readHost) Schedule(string, krl.ScheduleRequest) (value.Value, error) {
	return value.Null, krl.ErrReadOnly
}

func (h *readHost) Module(rid, domain, name string) (value.Value, error) {
	return h.e.moduleMember(h, rid, domain, name)
}

// queued is one entry of an event's schedule: an event for one ruleset.
type queued struct {
	rid string
	ev  *krl.Event
}

// eventHost is the krl.Host of one event: entity variable writes are
// buffered and written to the transaction when the event has run, raised
// events extend the schedule, directives collect per ruleset run.
type eventHost struct {
	readHost
	ents     entSet // reads and writes of this event
	schedule []queued
	pos      int
	dirs     []Directive // directives of the ruleset run in progress
	after    []func()    // effects to apply once the transaction committed
	shared   bool        // in a group commit: blocking work must ask for its own (errOwnTx)
}

// onCommit registers f to run after the event's transaction commits (in
// registration order); nothing runs when the event fails. In-memory state
// (loaded views, the channel cache, armed schedules) and messages to other
// picos change only through it, so a failed event leaves no trace.
func (h *eventHost) onCommit(f func()) { h.after = append(h.after, f) }

// committed applies the effects registered with onCommit.
func (h *eventHost) committed() {
	for _, f := range h.after {
		f()
	}
}

func (h *eventHost) EntGet(rid, name string) (value.Value, error) {
	k := entKey{rid, name}
	if s := h.ents.find(k); s != nil {
		return s.v, nil
	}
	v, ok := h.view.cachedEnt(k)
	if !ok {
		var err error
		if v, err = h.readHost.EntGet(rid, name); err != nil {
			return value.Null, err
		}
	}
	h.ents.add(entSlot{k: k, v: v})
	return v, nil
}

func (h *eventHost) EntSet(rid, name string, v value.Value) error {
	k := entKey{rid, name}
	if s := h.ents.find(k); s != nil {
		s.v, s.dirty = v, true
		return nil
	}
	h.ents.add(entSlot{k: k, v: v, dirty: true})
	return nil
}

// entSlot is an entity variable that an event read or wrote.
type entSlot struct {
	k     entKey
	v     value.Value
	dirty bool // written by the event
}

// entSet holds an event's entity variables. Events touch a few, so a slice
// scanned linearly is cheapest; an index map is built past entSetIndexAt.
type entSet struct {
	slots []entSlot
	index map[entKey]int
}

const entSetIndexAt = 16

func (s *entSet) find(k entKey) *entSlot {
	if s.index != nil {
		if i, ok := s.index[k]; ok {
			return &s.slots[i]
		}
		return nil
	}
	for i := range s.slots {
		if s.slots[i].k == k {
			return &s.slots[i]
		}
	}
	return nil
}

func (s *entSet) add(slot entSlot) {
	s.slots = append(s.slots, slot)
	if s.index != nil {
		s.index[slot.k] = len(s.slots) - 1
	} else if len(s.slots) > entSetIndexAt {
		s.index = make(map[entKey]int, 2*len(s.slots))
		for i, x := range s.slots {
			s.index[x.k] = i
		}
	}
}

func (h *eventHost) Raise(rid string, ev krl.RaisedEvent) error {
	attrs, err := normaliseAttrs(ev.Attrs)
	if err != nil {
		return err
	}
	cur := h.schedule[h.pos].ev
	kev := &krl.Event{EID: cur.EID, ECI: cur.ECI, Domain: ev.Domain, Type: ev.Type, Attrs: attrs, Time: h.e.cfg.clock.Now()}
	if ev.ForRID != "" {
		if h.view.byRID[ev.ForRID] != nil {
			h.schedule = append(h.schedule, queued{rid: ev.ForRID, ev: kev})
		}
		return nil
	}
	for _, in := range h.view.installs {
		h.schedule = append(h.schedule, queued{rid: in.rid, ev: kev})
	}
	return nil
}

// normaliseAttrs gives raised attributes the JSON shape incoming ones have.
func normaliseAttrs(v value.Value) (value.Value, error) {
	switch v.Kind() {
	case value.NullKind:
		return value.EmptyMap(), nil
	case value.MapKind:
		raw, err := v.MarshalJSON()
		if err != nil {
			return value.Null, err
		}
		return value.FromJSON(raw)
	}
	return value.Null, fmt.Errorf("%w: got %s", krl.ErrBadEventAttrs, value.TypeOf(v))
}

func (h *eventHost) ClearSchedule(string) error {
	h.schedule = h.schedule[:h.pos+1]
	return nil
}

func (h *eventHost) Directive(d krl.Directive) error {
	opts, _ := value.ToGo(d.Options).(map[string]any)
	if opts == nil {
		opts = map[string]any{}
	}
	raw, err := d.Options.MarshalJSON()
	if err != nil {
		return err
	}
	h.dirs = append(h.dirs, Directive{Name: d.Name, Options: opts, Meta: DirectiveMeta{RID: d.RID, Rule: d.Rule, EID: h.schedule[h.pos].ev.EID}, raw: raw})
	return nil
}

// flush writes the buffered entity variables to the transaction.
func (h *eventHost) flush() error {
	for i := range h.ents.slots {
		k, v := h.ents.slots[i].k, h.ents.slots[i].v
		if !h.ents.slots[i].dirty {
			continue
		}
		if h.view.byRID[k.rid] == nil {
			continue // the event uninstalled the ruleset
		}
		if v.IsNull() {
			if err := h.tx.DeleteEntVar(h.pico, k.rid, k.name); err != nil {
				return err
			}
			continue
		}
		raw, err := v.MarshalJSON()
		if err != nil {
			return err
		}
		if err := h.tx.PutEntVar(h.pico, k.rid, k.name, raw); err != nil {
			return err
		}
	}
	return nil
}

// runEvent runs one event on a pico, in the pico's mailbox: every installed
// ruleset, then every raised event, breadth first, in one transaction.
func (e *Engine) runEvent(ctx context.Context, picoID string, ev *krl.Event) (*Result, error) {
	return e.runEventWith(ctx, picoID, ev, nil)
}

// runEventWith is runEvent with a hook that runs first in the event's
// transaction: when it returns false the event is dropped (nothing runs,
// nothing is written, the result is nil). Scheduled events use it to claim
// their schedule record in the same transaction.
func (e *Engine) runEventWith(ctx context.Context, picoID string, ev *krl.Event, pre func(tx store.Tx) (bool, error)) (*Result, error) {
	ctx, cancel := limitsCtx(ctx, e.cfg.limits.EventTimeout)
	defer cancel()
	v, err := e.view(ctx, picoID)
	if err != nil {
		return nil, err
	}
	res := &Result{EID: ev.EID}
	var ents []entSlot
	var final *eventHost // the host of the run that committed
	shared := true       // the first run may share a group commit: it must not block
	run := func(tx store.Tx) error {
		res.Directives = res.Directives[:0]
		h := &eventHost{readHost: readHost{e: e, tx: tx, pico: picoID, view: v},
			shared: shared}
		final = h
		if pre != nil {
			if run, err := pre(tx); err != nil || !run {
				final = nil
				return err
			}
		}
		for _, in := range v.installs {
			h.schedule = append(h.schedule, queued{rid: in.rid, ev: ev})
		}
		t := e.newThread(ctx, h)
		for h.pos = 0; h.pos < len(h.schedule); h.pos++ {
			q := h.schedule[h.pos]
			in := h.view.byRID[q.rid] // h.view changes when the event installs or uninstalls
			if in == nil || in.inst == nil {
				continue
			}
			h.dirs = h.dirs[:0]
			if err := e.runRuleset(t, h, in, q.ev); err != nil {
				return err
			}
			res.Directives = append(res.Directives, h.dirs...)
		}
		ents = h.ents.slots
		return h.flush()
	}
	err = e.commit(ctx, run)
	if errors.Is(err, errOwnTx) { // it blocks (http, eventQuery): again, alone
		shared = false
		err = e.st.Update(ctx, run)
	}
	if err != nil {
		return res, err
	}
	if final == nil {
		return nil, nil
	}
	v.cacheEnts(ents)
	final.committed()
	return res, nil
}

// commit runs an event's transaction through the store's group commit:
// concurrent events (of different picos) share one Badger commit, which
// avoids Badger's commit lock contention and, in durable mode, shares the
// fsync.
func (e *Engine) commit(ctx context.Context, fn func(store.Tx) error) error {
	return e.st.Batch(ctx, fn)
}

// runRuleset gives one event to one ruleset: each listening rule's machine
// steps, and each selected rule runs before the next rule's machine steps.
func (e *Engine) runRuleset(t *krl.Thread, h *eventHost, in *installed, ev *krl.Event) error {
	rs := in.rs
	rules := rs.index.Lookup(ev.Domain, ev.Type)
	if len(rules) == 0 {
		return nil
	}
	t.Event = ev
	defer func() { t.Event = nil }()
	prules := rs.prog.Rules()
	bev := eventbus.Event{Domain: ev.Domain, Type: ev.Type, Time: ev.Time}
	for _, ri := range rules {
		rule, m := prules[ri], rs.machines[ri]
		st, err := e.ruleState(h, in, rule.Name(), m)
		if err != nil {
			return err
		}
		within, _ := in.inst.Within(rule)
		fired, vars, next, err := m.Step(st, bev, within, func(prim int) (bool, []value.Value, error) {
			if prim == eventbus.SelectWherePrim {
				ok, err := in.inst.SelectWhere(t, rule)
				return ok, nil, err
			}
			return in.inst.TestPrim(t, rule, prim)
		})
		if err != nil {
			return err
		}
		if err := e.saveRuleState(h, in, rule.Name(), st, next); err != nil {
			return err
		}
		if !fired {
			continue
		}
		names := m.Vars()
		vm := make(map[string]value.Value, len(names))
		for i, n := range names {
			vm[n] = vars[i]
		}
		r, err := in.inst.Run(t, rule, vm)
		if err != nil {
			return err
		}
		if r.Last || h.view.byRID[in.rid] == nil { // `last`, or the rule uninstalled its ruleset
			break
		}
	}
	return nil
}

// ruleState reads the event-expression state of a rule on the pico. States
// are stamped with the ruleset's version and flush epoch: a state written
// before a Register of a new version or a Flush starts over.
func (e *Engine) ruleState(h *eventHost, in *installed, rule string, m *eventbus.Machine) (eventbus.State, error) {
	if m.States() <= 2 {
		return eventbus.State{}, nil // start and end only: the state is always the start
	}
	raw, err := h.tx.GetRuleState(h.pico, in.rid, rule)
	if errors.Is(err, store.ErrNotFound) {
		return eventbus.State{}, nil
	}
	if err != nil {
		return eventbus.State{}, err
	}
	stamp := e.stateStamp(in)
	if len(raw) < 1+len(stamp) || int(raw[0]) != len(stamp) || string(raw[1:1+len(stamp)]) != stamp {
		return eventbus.State{}, nil
	}
	st, err := m.UnmarshalState(raw[1+len(stamp):])
	if err != nil {
		// A state of another form of the rule, or damaged: start over.
		return eventbus.State{}, nil
	}
	return st, nil
}

func (e *Engine) saveRuleState(h *eventHost, in *installed, rule string, old, next eventbus.State) error {
	if next.IsZero() {
		if old.IsZero() {
			return nil
		}
		return h.tx.DeleteRuleState(h.pico, in.rid, rule)
	}
	stamp := e.stateStamp(in)
	raw := append(append(make([]byte, 0, 64), byte(len(stamp))), stamp...)
	raw, err := next.AppendBinary(raw)
	if err != nil {
		return err
	}
	return h.tx.PutRuleState(h.pico, in.rid, rule, raw)
}

// stateStamp identifies the ruleset version and flush epoch that rule
// states belong to.
func (e *Engine) stateStamp(in *installed) string {
	return in.rs.version + "." + strconv.FormatUint(e.epoch(in.rid), 36)
}

// runQuery answers a query on a snapshot of the pico.
func (e *Engine) runQuery(ctx context.Context, picoID string, q Query, args value.Value) (value.Value, error) {
	ctx, cancel := limitsCtx(ctx, e.cfg.limits.QueryTimeout)
	defer cancel()
	v, err := e.view(ctx, picoID)
	if err != nil {
		return value.Null, err
	}
	in := v.byRID[q.RID]
	if in == nil {
		return value.Null, fmt.Errorf("%w: pico does not have %s installed", ErrNotInstalled, q.RID)
	}
	if in.inst == nil {
		return value.Null, fmt.Errorf("ruleset %s failed to initialise: %w", q.RID, in.initErr)
	}
	argm := map[string]value.Value{}
	args.AsMap().Range(func(k string, v value.Value) bool { argm[k] = v; return true })
	var out value.Value
	err = e.st.View(ctx, func(tx store.Tx) error {
		t := e.newThread(ctx, &readHost{e: e, tx: tx, pico: picoID, view: v})
		t.Query = &krl.Query{QID: e.eids.next(), ECI: q.ECI, RID: q.RID, Name: q.Name}
		var err error
		out, err = in.inst.Query(t, q.Name, argm)
		return err
	})
	if errors.Is(err, krl.ErrQueryNotFound) {
		return value.Null, fmt.Errorf("%w: %w", ErrNotShared, err)
	}
	return out, err
}

// moduleMember implements the engine's library modules (ctx, meta, event)
// for compiled code.
func (e *Engine) moduleMember(h *readHost, rid, domain, name string) (value.Value, error) {
	switch domain + ":" + name {
	case "ctx:picoId", "meta:picoId":
		return value.Str(h.pico), nil
	case "meta:host":
		if e.cfg.host == "" {
			return value.Null, nil
		}
		return value.Str(e.cfg.host), nil
	case "meta:rid_url", "meta:rulesetURI", "ctx:rid_url":
		if in := h.view.byRID[rid]; in != nil && in.rs != nil {
			return value.Str(in.rs.filename), nil
		}
		return value.Null, nil
	case "ctx:parent":
		rec, err := h.tx.GetPico(h.pico)
		if err != nil || rec.ParentECI == "" {
			return value.Null, err
		}
		return value.Str(rec.ParentECI), nil
	case "ctx:children":
		rec, err := h.tx.GetPico(h.pico)
		if err != nil {
			return value.Null, err
		}
		out := make([]value.Value, len(rec.ChildrenECIs))
		for i, c := range rec.ChildrenECIs {
			out[i] = value.Str(c)
		}
		return value.NewArray(out), nil
	case "ctx:channels":
		recs, err := h.tx.PicoChannels(h.pico)
		if err != nil {
			return value.Null, err
		}
		out := make([]value.Value, 0, len(recs))
		for _, r := range recs {
			out = append(out, channelValue(newChannelInfo(r).public()))
		}
		return value.NewArray(out), nil
	case "ctx:rulesets":
		out := make([]value.Value, 0, len(h.view.installs))
		for _, in := range h.view.installs {
			m := map[string]any{"rid": in.rid, "config": value.ToGo(in.config)}
			if in.rs != nil {
				m["url"], m["version"] = in.rs.filename, in.rs.version
			}
			if in.inst != nil { // the reference's meta: the ruleset's meta block and hash
				krlMeta := map[string]any{}
				for _, k := range []string{"name", "description", "author", "version"} {
					if mv := in.inst.Meta(k); !mv.IsNull() {
						krlMeta[k] = value.ToGo(mv)
					}
				}
				m["meta"] = map[string]any{"krlMeta": krlMeta, "hash": in.rs.version}
			}
			v, err := value.FromGo(m)
			if err != nil {
				return value.Null, err
			}
			out = append(out, v)
		}
		return value.NewArray(out), nil
	}
	if v, ok := e.libraryMember(rid, domain, name); ok {
		return v, nil
	}
	if domain == "ctx" || domain == "meta" || domain == "event" || e.isHostModule(domain) {
		return value.Null, fmt.Errorf("%w: %s:%s", krl.ErrNoMember, domain, name)
	}
	return value.Null, fmt.Errorf("%w: %s", krl.ErrNoModule, domain)
}
