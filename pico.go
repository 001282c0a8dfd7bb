package pico

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/gopico/pico/builtin"
	"github.com/gopico/pico/krl"
	"github.com/gopico/pico/krl/value"
	"github.com/gopico/pico/store"
)

// Pico is a handle on a pico of an engine. It is a small value: copying it
// or asking the engine again for the same id gives an equivalent handle.
type Pico struct {
	e  *Engine
	id string
}

// ID returns the pico's id.
func (p *Pico) ID() string { return p.id }

// Config is a ruleset's install configuration: a JSON-shaped map that the
// ruleset reads as ctx:rid_config / meta:rulesetConfig.
type Config map[string]any

// PicoOption configures a new pico.
type PicoOption func(*newPicoConfig) error

type newPicoConfig struct {
	parent string
}

// ChildOf makes the new pico a child of parent (the default is the root
// pico).
func ChildOf(parent *Pico) PicoOption {
	return func(c *newPicoConfig) error {
		if parent == nil {
			return fmt.Errorf("%w: nil parent", ErrInvalid)
		}
		c.parent = parent.id
		return nil
	}
}

// NewPico creates a pico, a child of the root pico unless ChildOf says
// otherwise. Parent and child are linked by family channels: one on the
// parent that only the child may use (the child's parent ECI), one on the
// child that only the parent may use (listed among the parent's children).
// Unless the engine was opened WithBuiltins(false), the new pico has the
// built-in rulesets, set up, when NewPico returns.
func (e *Engine) NewPico(ctx context.Context, opts ...PicoOption) (*Pico, error) {
	cfg := newPicoConfig{parent: e.rootID}
	for _, o := range opts {
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	if err := e.enter(); err != nil {
		return nil, err
	}
	defer e.leave()
	var id string
	var setup *inboxed
	err := e.st.Update(ctx, func(tx store.Tx) error {
		var childECI string
		var err error
		if id, childECI, err = e.createChild(tx, cfg.parent); err != nil {
			return err
		}
		setup, err = e.installBuiltinsTx(tx, id, childECI)
		return err
	})
	if err != nil {
		return nil, err
	}
	if err := e.runSetup(ctx, setup); err != nil {
		return nil, err
	}
	return &Pico{e: e, id: id}, nil
}

// createChild writes a new child of parent and its two family channels in
// tx. It returns the child's id and the ECI the parent uses to reach it.
func (e *Engine) createChild(tx store.Tx, parent string) (id, childECI string, err error) {
	prec, err := tx.GetPico(parent)
	if errors.Is(err, store.ErrNotFound) {
		return "", "", fmt.Errorf("%w: %s", ErrUnknownPico, parent)
	}
	if err != nil {
		return "", "", err
	}
	id = newSecretID()
	parentECI, childECI := newSecretID(), newSecretID()
	all := Channel{EventPolicy: AllowAllEvents(), QueryPolicy: AllowAllQueries()}
	up := all
	up.ECI, up.PicoID, up.Tags, up.FamilyOf = parentECI, parent, []string{"system", "parent"}, id
	down := all
	down.ECI, down.PicoID, down.Tags, down.FamilyOf = childECI, id, []string{"system", "child"}, parent
	if err := tx.PutPico(store.PicoRecord{ID: id, ParentID: parent, ParentECI: parentECI, CreatedAt: e.cfg.clock.Now()}); err != nil {
		return "", "", err
	}
	if err := tx.PutChannel(channelRecord(up)); err != nil {
		return "", "", err
	}
	if err := tx.PutChannel(channelRecord(down)); err != nil {
		return "", "", err
	}
	prec.ChildrenECIs = append(prec.ChildrenECIs, childECI)
	if err := tx.PutPico(prec); err != nil {
		return "", "", err
	}
	return id, childECI, nil
}

// Exists reports whether the pico exists.
func (p *Pico) Exists(ctx context.Context) (bool, error) {
	if err := p.e.enter(); err != nil {
		return false, err
	}
	defer p.e.leave()
	var ok bool
	err := p.e.st.View(ctx, func(tx store.Tx) error {
		var err error
		ok, err = tx.HasPico(p.id)
		return err
	})
	return ok, err
}

// Parent returns the parent pico, or nil for the root.
func (p *Pico) Parent(ctx context.Context) (*Pico, error) {
	rec, err := p.record(ctx)
	if err != nil || rec.ParentID == "" {
		return nil, err
	}
	return &Pico{e: p.e, id: rec.ParentID}, nil
}

// Children returns the pico's children in creation order.
func (p *Pico) Children(ctx context.Context) ([]*Pico, error) {
	if err := p.e.enter(); err != nil {
		return nil, err
	}
	defer p.e.leave()
	var out []*Pico
	err := p.e.st.View(ctx, func(tx store.Tx) error {
		ids, err := childIDs(tx, p.id)
		for _, id := range ids {
			out = append(out, &Pico{e: p.e, id: id})
		}
		return err
	})
	return out, err
}

func childIDs(tx store.Tx, id string) ([]string, error) {
	rec, err := tx.GetPico(id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("%w: %s", ErrUnknownPico, id)
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, eci := range rec.ChildrenECIs {
		ch, err := tx.GetChannel(eci)
		if err != nil {
			return nil, err
		}
		out = append(out, ch.PicoID)
	}
	return out, nil
}

func (p *Pico) record(ctx context.Context) (store.PicoRecord, error) {
	if err := p.e.enter(); err != nil {
		return store.PicoRecord{}, err
	}
	defer p.e.leave()
	var rec store.PicoRecord
	err := p.e.st.View(ctx, func(tx store.Tx) error {
		var err error
		rec, err = tx.GetPico(p.id)
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return rec, fmt.Errorf("%w: %s", ErrUnknownPico, p.id)
	}
	return rec, err
}

// Delete deletes the pico and, first, all its descendants: their channels,
// installed rulesets, entity variables, event-expression state and
// schedules. The root pico cannot be deleted.
func (p *Pico) Delete(ctx context.Context) error {
	if p.id == p.e.rootID {
		return fmt.Errorf("%w: the root pico cannot be deleted", ErrInvalid)
	}
	if err := p.e.enter(); err != nil {
		return err
	}
	defer p.e.leave()
	var order []string // children before parents
	var walk func(tx store.Tx, id string) error
	walk = func(tx store.Tx, id string) error {
		kids, err := childIDs(tx, id)
		if err != nil {
			return err
		}
		for _, k := range kids {
			if err := walk(tx, k); err != nil {
				return err
			}
		}
		order = append(order, id)
		return nil
	}
	if err := p.e.st.View(ctx, func(tx store.Tx) error { return walk(tx, p.id) }); err != nil {
		return err
	}
	for _, id := range order {
		err := p.e.bus.Do(ctx, id, func(ctx context.Context) error {
			var ecis []string
			_ = p.e.st.View(ctx, func(tx store.Tx) error {
				chs, err := tx.PicoChannels(id)
				for _, c := range chs {
					ecis = append(ecis, c.ECI)
				}
				if rec, err := tx.GetPico(id); err == nil && rec.ParentECI != "" {
					ecis = append(ecis, rec.ParentECI)
				}
				return err
			})
			if err := p.e.st.DeletePico(ctx, id); err != nil {
				return err
			}
			p.e.forget(id)
			p.e.sch.forgetWhere(id, "")
			for _, eci := range ecis {
				p.e.channels.Delete(eci)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// actor is a pico loaded in memory: the instances of its installed
// rulesets. Only the view pointer changes; a view is immutable.
type actor struct {
	mu   sync.Mutex // serialises loading
	view atomic.Pointer[picoView]
}

// picoView is what a pico runs: its installed rulesets, initialised, in
// install order.
type picoView struct {
	installs []*installed
	byRID    map[string]*installed

	// ents caches committed entity variables (null for known-unset ones)
	// so events need not read them from the store. Events update it after
	// their commit; any other change of the pico's installs replaces the
	// whole view, and with it the cache.
	entsMu sync.Mutex
	ents   map[entKey]value.Value
}

// cachedEnt returns a committed entity variable from the cache.
func (v *picoView) cachedEnt(k entKey) (value.Value, bool) {
	v.entsMu.Lock()
	defer v.entsMu.Unlock()
	x, ok := v.ents[k]
	return x, ok
}

// cacheEnts records committed values; the cache is bounded (maxCachedEnts),
// dropping everything when full, which keeps it simple and cheap.
func (v *picoView) cacheEnts(slots []entSlot) {
	v.entsMu.Lock()
	defer v.entsMu.Unlock()
	if v.ents == nil || len(v.ents)+len(slots) > maxCachedEnts {
		v.ents = make(map[entKey]value.Value, len(slots))
	}
	for _, s := range slots {
		v.ents[s.k] = s.v
	}
}

// maxCachedEnts bounds the entity variables cached per active pico.
const maxCachedEnts = 256

// installed is one ruleset installed on a pico.
type installed struct {
	rid     string
	rs      *compiled
	config  value.Value
	inst    *krl.Instance // nil when initialisation failed
	initErr error
}

// view returns the pico's loaded rulesets, loading them on first use.
func (e *Engine) view(ctx context.Context, picoID string) (*picoView, error) {
	a, loaded := e.actors.LoadOrStore(picoID, &actor{})
	ac := a.(*actor)
	if !loaded {
		e.loadedPicos(1)
	}
	if v := ac.view.Load(); v != nil {
		return v, nil
	}
	ac.mu.Lock()
	defer ac.mu.Unlock()
	if v := ac.view.Load(); v != nil {
		return v, nil
	}
	var v *picoView
	err := e.st.View(ctx, func(tx store.Tx) error {
		if ok, err := tx.HasPico(picoID); err != nil {
			return err
		} else if !ok {
			return fmt.Errorf("%w: %s", ErrUnknownPico, picoID)
		}
		var err error
		v, err = e.buildView(ctx, tx, picoID)
		return err
	})
	if err != nil {
		e.forget(picoID)
		return nil, err
	}
	ac.view.Store(v)
	return v, nil
}

// forget drops a pico's loaded state.
func (e *Engine) forget(picoID string) {
	if _, ok := e.actors.LoadAndDelete(picoID); ok {
		e.loadedPicos(-1)
	}
}

// loadedPicos counts picos loaded in memory; past the limit
// (WithMaxLoadedPicos) it unloads about a quarter of them. An unloaded pico
// costs nothing until its next event or query loads it again from the
// store; an event running on it meanwhile keeps its own view.
func (e *Engine) loadedPicos(delta int64) {
	n := e.nloaded.Add(delta)
	if delta <= 0 || n <= int64(e.cfg.maxLoaded) || !e.evicting.CompareAndSwap(false, true) {
		return
	}
	defer e.evicting.Store(false)
	drop := n / 4
	e.actors.Range(func(k, _ any) bool {
		e.forget(k.(string))
		drop--
		return drop > 0
	})
}

// setView replaces a pico's view after a committed change of its installs.
func (e *Engine) setView(picoID string, v *picoView) {
	a, loaded := e.actors.LoadOrStore(picoID, &actor{})
	if !loaded {
		e.loadedPicos(1)
	}
	a.(*actor).view.Store(v)
}

// reinitActive drops the loaded views of the picos that run rid, so their
// next event or query initialises it again with the current version.
func (e *Engine) reinitActive(_ context.Context, rid string) {
	e.actors.Range(func(k, a any) bool {
		ac := a.(*actor)
		if v := ac.view.Load(); v != nil && v.byRID[rid] != nil {
			ac.mu.Lock()
			ac.view.Store(nil)
			ac.mu.Unlock()
		}
		return true
	})
}

// buildView initialises every ruleset installed on the pico, in install
// order, reading through tx.
func (e *Engine) buildView(ctx context.Context, tx store.Tx, picoID string) (*picoView, error) {
	recs, err := tx.PicoInstalls(picoID)
	if err != nil {
		return nil, err
	}
	v := &picoView{byRID: make(map[string]*installed, len(recs))}
	for _, rec := range recs {
		in := &installed{rid: rec.RID, config: value.EmptyMap()}
		if len(rec.Config) > 0 {
			if c, err := value.FromJSON(rec.Config); err == nil {
				in.config = c
			}
		}
		v.installs = append(v.installs, in)
		v.byRID[rec.RID] = in
	}
	for _, in := range v.installs {
		e.initInstalled(ctx, tx, picoID, v, in)
	}
	return v, nil
}

// initInstalled initialises one installed ruleset; a failure is recorded
// on it (the ruleset then ignores events and refuses queries) and logged.
func (e *Engine) initInstalled(ctx context.Context, tx store.Tx, picoID string, v *picoView, in *installed) {
	in.rs = e.reg.get(in.rid)
	if in.rs == nil {
		in.initErr = fmt.Errorf("%w: %s", ErrUnknownRuleset, in.rid)
		e.log.Error("installed ruleset is not registered", "pico", picoID, "rid", in.rid)
		return
	}
	h := &readHost{e: e, tx: tx, pico: picoID, view: v}
	t := e.newThread(ctx, h)
	inst, err := in.rs.prog.Init(t, krl.InitOptions{Config: in.config, Modules: e.moduleLoader(picoID, v, []string{in.rid})})
	if err != nil {
		in.initErr = err
		e.log.Error("ruleset initialisation failed", "pico", picoID, "rid", in.rid, "err", err)
		return
	}
	in.inst = inst
}

// moduleLoader returns the loader of `use module` instances for a ruleset
// on a pico: the module must be installed on the same pico; each use line
// gets its own instance, configured by the line's `with`.
func (e *Engine) moduleLoader(picoID string, v *picoView, stack []string) krl.ModuleLoader {
	return func(t *krl.Thread, use krl.Use, with map[string]value.Value) (*krl.Instance, error) {
		for _, s := range stack {
			if s == use.RID {
				return nil, fmt.Errorf("module dependency cycle: %s -> %s", joinArrow(stack), use.RID)
			}
		}
		m := v.byRID[use.RID]
		if m == nil || m.rs == nil {
			if m == nil {
				return nil, fmt.Errorf("%w: module %s is not installed on the pico", ErrNotInstalled, use.RID)
			}
			if m.rs = e.reg.get(use.RID); m.rs == nil {
				return nil, fmt.Errorf("%w: module %s", ErrUnknownRuleset, use.RID)
			}
		}
		next := append(append([]string{}, stack...), use.RID)
		return m.rs.prog.Init(t, krl.InitOptions{Config: m.config, With: with, AsModule: true, Modules: e.moduleLoader(picoID, v, next)})
	}
}

// newThread returns a KRL thread with the engine's limits, clock and logger.
func (e *Engine) newThread(ctx context.Context, h krl.Host) *krl.Thread {
	return &krl.Thread{Ctx: ctx, Host: h, MaxSteps: int64(e.cfg.limits.Steps), MaxDepth: e.cfg.limits.Depth,
		Clock: e.cfg.clock.Now, Log: e.log}
}

// Install installs a registered ruleset on the pico, or installs it again
// with a new configuration (keeping its place and its entity variables).
// Its globals are computed and it receives the pico's next events. The
// modules it uses must be installed on the pico first.
func (p *Pico) Install(ctx context.Context, rid string, cfg Config) error {
	if err := p.e.enter(); err != nil {
		return err
	}
	defer p.e.leave()
	rs := p.e.reg.get(rid)
	if rs == nil {
		return fmt.Errorf("%w: %s", ErrUnknownRuleset, rid)
	}
	var raw json.RawMessage
	if cfg != nil {
		v, err := value.FromGo(map[string]any(cfg))
		if err != nil {
			return fmt.Errorf("%w: config: %v", ErrInvalid, err)
		}
		if raw, err = v.MarshalJSON(); err != nil {
			return err
		}
	}
	return p.e.bus.Do(ctx, p.id, func(ctx context.Context) error {
		var nv *picoView
		err := p.e.st.Update(ctx, func(tx store.Tx) error {
			if ok, err := tx.HasPico(p.id); err != nil {
				return err
			} else if !ok {
				return fmt.Errorf("%w: %s", ErrUnknownPico, p.id)
			}
			existing, err := tx.PicoInstalls(p.id)
			if err != nil {
				return err
			}
			have := map[string]bool{}
			for _, r := range existing {
				have[r.RID] = true
			}
			for _, u := range rs.prog.Uses() {
				if !have[u.RID] && u.RID != rid {
					return fmt.Errorf("%w: %s uses module %s, which is not installed on the pico", ErrNotInstalled, rid, u.RID)
				}
			}
			if err := tx.PutInstall(p.id, store.InstallRecord{RID: rid, Version: rs.version, Config: raw}); err != nil {
				return err
			}
			if nv, err = p.e.buildView(ctx, tx, p.id); err != nil {
				return err
			}
			if in := nv.byRID[rid]; in.initErr != nil {
				return in.initErr
			}
			return nil
		})
		if err != nil {
			return err
		}
		p.e.setView(p.id, nv)
		return nil
	})
}

// Uninstall removes a ruleset from the pico with its entity variables,
// event-expression state and schedules. A ruleset that another installed
// ruleset uses as a module cannot be uninstalled (ErrInUse).
func (p *Pico) Uninstall(ctx context.Context, rid string) error {
	if err := p.e.enter(); err != nil {
		return err
	}
	defer p.e.leave()
	return p.e.bus.Do(ctx, p.id, func(ctx context.Context) error {
		var nv *picoView
		err := p.e.st.Update(ctx, func(tx store.Tx) error {
			if err := uninstallTx(p.e, tx, p.id, rid); err != nil {
				return err
			}
			var err error
			nv, err = p.e.buildView(ctx, tx, p.id)
			return err
		})
		if err != nil {
			return err
		}
		p.e.setView(p.id, nv)
		p.e.sch.forgetWhere(p.id, rid)
		return nil
	})
}

func uninstallTx(e *Engine, tx store.Tx, picoID, rid string) error {
	recs, err := tx.PicoInstalls(picoID)
	if err != nil {
		return err
	}
	found := false
	var users []string
	for _, r := range recs {
		if r.RID == rid {
			found = true
			continue
		}
		if c := e.reg.get(r.RID); c != nil {
			for _, u := range c.prog.Uses() {
				if u.RID == rid {
					users = append(users, r.RID)
					break // one entry per user, however many aliases
				}
			}
		}
	}
	if !found {
		return fmt.Errorf("%w: %s", ErrNotInstalled, rid)
	}
	if len(users) > 0 {
		return fmt.Errorf("%w: cannot uninstall %s because %v depend on it", ErrInUse, rid, users)
	}
	scheds, err := tx.RulesetSchedules(picoID, rid)
	if err != nil {
		return err
	}
	for _, s := range scheds {
		if err := tx.DeleteSchedule(s.ID); err != nil {
			return err
		}
	}
	if err := tx.DeleteEntVars(picoID, rid); err != nil {
		return err
	}
	if err := tx.DeleteRuleStates(picoID, rid); err != nil {
		return err
	}
	return tx.DeleteInstall(picoID, rid)
}

// Installed lists the RIDs installed on the pico, in install order.
func (p *Pico) Installed(ctx context.Context) ([]string, error) {
	if err := p.e.enter(); err != nil {
		return nil, err
	}
	defer p.e.leave()
	var out []string
	err := p.e.st.View(ctx, func(tx store.Tx) error {
		recs, err := tx.PicoInstalls(p.id)
		for _, r := range recs {
			out = append(out, r.RID)
		}
		return err
	})
	return out, err
}

// Ent reads entity variable name of ruleset rid on the pico, as a
// JSON-shaped Go value (nil when unset).
func (p *Pico) Ent(ctx context.Context, rid, name string) (any, error) {
	v, err := p.EntValue(ctx, rid, name)
	if err != nil {
		return nil, err
	}
	return value.ToGo(v), nil
}

// EntValue is Ent returning the KRL value.
func (p *Pico) EntValue(ctx context.Context, rid, name string) (value.Value, error) {
	if err := p.e.enter(); err != nil {
		return value.Null, err
	}
	defer p.e.leave()
	v := value.Null
	err := p.e.st.View(ctx, func(tx store.Tx) error {
		if ok, err := tx.HasInstall(p.id, rid); err != nil {
			return err
		} else if !ok {
			return fmt.Errorf("%w: %s", ErrNotInstalled, rid)
		}
		raw, err := tx.GetEntVar(p.id, rid, name)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		v, err = value.FromJSON(raw)
		return err
	})
	return v, err
}

// inboxed is an event stored in a pico's inbox, to run once its
// transaction has committed.
type inboxed struct {
	pico string
	key  store.Key
	ev   *krl.Event
}

// registerBuiltins registers the built-in rulesets (package builtin); a
// source that did not change since the last Open changes nothing.
func (e *Engine) registerBuiltins(ctx context.Context) error {
	for _, rs := range builtin.Rulesets() {
		if _, err := e.Register(ctx, Source(rs.Filename, rs.Source)); err != nil {
			return fmt.Errorf("registering built-in ruleset %s: %w", rs.RID, err)
		}
	}
	return nil
}

// installBuiltinsTx installs on a pico, in tx, the built-in rulesets it
// lacks and puts wrangler:ruleset_installed {"rids": [...]} in its inbox
// (sent on eci), so that they set themselves up in the pico's next event:
// Wrangler records the pico's identity, Subscriptions creates its
// well-known channel. It returns nil when the engine does not install
// built-ins (WithBuiltins(false)) or nothing was missing.
func (e *Engine) installBuiltinsTx(tx store.Tx, picoID, eci string) (*inboxed, error) {
	if e.cfg.noBuiltins {
		return nil, nil
	}
	have, err := tx.PicoInstalls(picoID)
	if err != nil {
		return nil, err
	}
	var rids []value.Value
	for _, rid := range builtin.RIDs() {
		if slices.ContainsFunc(have, func(r store.InstallRecord) bool { return r.RID == rid }) {
			continue
		}
		c := e.reg.get(rid)
		if c == nil {
			return nil, fmt.Errorf("%w: built-in %s", ErrUnknownRuleset, rid)
		}
		if err := installTx(tx, picoID, c, value.EmptyMap()); err != nil {
			return nil, err
		}
		rids = append(rids, value.Str(rid))
	}
	if len(rids) == 0 {
		return nil, nil
	}
	attrs := value.NewMapValue([]string{"rids"}, []value.Value{value.NewArray(rids)})
	ev := &krl.Event{EID: e.eids.next(), ECI: eci, Domain: "wrangler", Type: "ruleset_installed", Attrs: attrs, Time: e.cfg.clock.Now()}
	key, err := putInbox(tx, picoID, ev)
	if err != nil {
		return nil, err
	}
	return &inboxed{pico: picoID, key: key, ev: ev}, nil
}

// runSetup queues the set-up event of installBuiltinsTx, once its
// transaction committed, and waits until it has run. A failure of the
// event is logged, as for any event taken from an inbox.
func (e *Engine) runSetup(ctx context.Context, in *inboxed) error {
	if in == nil {
		return nil
	}
	if err := e.submitInboxed(in.pico, in.key, in.ev); err != nil {
		return err
	}
	// The mailbox runs jobs in order: this one runs after the set-up.
	return e.bus.Do(ctx, in.pico, func(context.Context) error { return nil })
}

// setUpRoot installs the built-in rulesets on the root pico when they are
// missing there (the first Open of a store, or one after WithBuiltins(false)).
func (e *Engine) setUpRoot(ctx context.Context) error {
	var setup *inboxed
	err := e.st.Update(ctx, func(tx store.Tx) error {
		var err error
		setup, err = e.installBuiltinsTx(tx, e.rootID, "")
		return err
	})
	if err != nil {
		return err
	}
	return e.runSetup(ctx, setup)
}
