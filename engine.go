package pico

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gopico/pico/eventbus"
	"github.com/gopico/pico/krl"
	"github.com/gopico/pico/krl/value"
	"github.com/gopico/pico/store"
)

// Engine hosts picos: it owns the store, the compiled rulesets and the
// mailboxes that run each pico's events one at a time. All methods are safe
// for concurrent use.
type Engine struct {
	cfg  *config
	log  *slog.Logger
	st   *store.Store
	bus  *eventbus.Bus
	reg  *registry
	eids *eidSource
	sch  *scheduler

	rootID string

	actors   sync.Map // pico id -> *actor (picos loaded in memory)
	nloaded  atomic.Int64
	evicting atomic.Bool
	channels sync.Map // eci -> *channelInfo (cache of the ECI index)
	epochs   sync.Map // rid -> uint64 flush epoch (see Flush)
	epochMu  sync.Mutex

	inflight sync.WaitGroup
	closeMu  sync.RWMutex
	closed   bool
}

// Open opens an engine. WithDir or WithInMemory chooses where data lives
// (in memory when neither is given). The root pico is created by the first
// Open of a store.
func Open(ctx context.Context, opts ...Option) (*Engine, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		if err := o(cfg); err != nil {
			return nil, err
		}
	}
	sopts := []store.Option{store.WithLogger(cfg.logger), store.WithSyncWrites(cfg.syncWrites)}
	if cfg.dir != "" {
		sopts = append(sopts, store.WithDir(cfg.dir))
	} else {
		sopts = append(sopts, store.WithInMemory())
	}
	st, err := store.Open(sopts...)
	if err != nil {
		return nil, err
	}
	bus, err := eventbus.New()
	if err != nil {
		st.Close()
		return nil, err
	}
	e := &Engine{cfg: cfg, log: cfg.logger, st: st, bus: bus, reg: newRegistry(cfg.compileOptions()), eids: newEIDSource()}
	e.sch = newScheduler(e)
	if err := e.loadEpochs(ctx); err != nil {
		e.shutdown()
		return nil, err
	}
	if err := e.loadRegistered(ctx); err != nil {
		e.shutdown()
		return nil, err
	}
	if err := e.registerBuiltins(ctx); err != nil {
		e.shutdown()
		return nil, err
	}
	if err := e.ensureRoot(ctx); err != nil {
		e.shutdown()
		return nil, err
	}
	if err := e.sch.start(ctx); err != nil {
		e.sch.stop()
		e.shutdown()
		return nil, err
	}
	if err := e.resumeInbox(ctx); err != nil {
		e.Close()
		return nil, err
	}
	if err := e.setUpRoot(ctx); err != nil {
		e.Close()
		return nil, err
	}
	return e, nil
}

func (e *Engine) shutdown() {
	_ = e.bus.Close(context.Background())
	_ = e.st.Close()
}

// Close waits for the events and queries in flight, then closes the store.
// Methods called after Close return ErrClosed.
func (e *Engine) Close() error {
	e.closeMu.Lock()
	if e.closed {
		e.closeMu.Unlock()
		return nil
	}
	e.closed = true
	e.closeMu.Unlock()
	e.sch.stop()
	e.inflight.Wait()
	err := e.bus.Close(context.Background())
	if serr := e.st.Close(); err == nil {
		err = serr
	}
	return err
}

// enter registers an operation in flight; it fails after Close.
func (e *Engine) enter() error {
	e.closeMu.RLock()
	defer e.closeMu.RUnlock()
	if e.closed {
		return ErrClosed
	}
	e.inflight.Add(1)
	return nil
}

func (e *Engine) leave() { e.inflight.Done() }

// ensureRoot creates the root pico on a new store.
func (e *Engine) ensureRoot(ctx context.Context) error {
	return e.st.Update(ctx, func(tx store.Tx) error {
		id, err := tx.RootPico()
		if err == nil {
			e.rootID = id
			return nil
		}
		if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		id = newSecretID()
		if err := tx.PutPico(store.PicoRecord{ID: id, CreatedAt: e.cfg.clock.Now()}); err != nil {
			return err
		}
		e.rootID = id
		return tx.SetRootPico(id)
	})
}

// Root returns the root pico, which exists from the first Open on.
func (e *Engine) Root() *Pico { return &Pico{e: e, id: e.rootID} }

// Pico returns a handle on the pico with the given id. It does not check
// that the pico exists; methods on the handle do.
func (e *Engine) Pico(id string) *Pico { return &Pico{e: e, id: id} }

// Raise sends an event and waits until it and every event it raised have
// run. The result lists the directives of the rules that ran. When a rule
// fails, the whole event is rolled back (no write of any of its rules
// stays) and the error, a *krl.RuntimeError naming the ruleset, rule and
// position, is returned with the directives of the rulesets that completed.
func (e *Engine) Raise(ctx context.Context, ev Event) (*Result, error) {
	if err := e.enter(); err != nil {
		return nil, err
	}
	defer e.leave()
	ch, kev, err := e.prepareEvent(ctx, ev)
	if err != nil {
		return nil, err
	}
	var res *Result
	err = e.bus.Do(ctx, ch.PicoID, func(ctx context.Context) error {
		var err error
		res, err = e.runEvent(ctx, ch.PicoID, kev)
		return err
	})
	return res, err
}

// Send queues an event and returns its id without waiting for it to run.
// The event is checked (channel, policy, attributes) and stored in the
// pico's inbox before Send returns, so it runs exactly once even if the
// engine stops first (it then runs after the next Open). Errors of its rules
// go to the engine's logger.
func (e *Engine) Send(ctx context.Context, ev Event) (string, error) {
	if err := e.enter(); err != nil {
		return "", err
	}
	defer e.leave()
	ch, kev, err := e.prepareEvent(ctx, ev)
	if err != nil {
		return "", err
	}
	if err := e.enqueue(ctx, ch.PicoID, kev); err != nil {
		return "", err
	}
	return kev.EID, nil
}

// prepareEvent checks an incoming event and turns it into the KRL event.
func (e *Engine) prepareEvent(ctx context.Context, ev Event) (*channelInfo, *krl.Event, error) {
	ev.ECI, ev.Domain, ev.Type = strings.TrimSpace(ev.ECI), strings.TrimSpace(ev.Domain), strings.TrimSpace(ev.Type)
	if ev.ECI == "" || ev.Domain == "" || ev.Type == "" {
		return nil, nil, fmt.Errorf("%w: an event needs an eci, a domain and a type", ErrInvalid)
	}
	ch, err := e.channel(ctx, ev.ECI)
	if err != nil {
		return nil, nil, err
	}
	if ch.FamilyOf != "" {
		return nil, nil, fmt.Errorf("%w: %s can only be used by its owner", ErrFamilyChannel, ev.ECI)
	}
	if err := ch.eventPolicy.allowsEvent(ev.Domain, ev.Type); err != nil {
		return nil, nil, err
	}
	attrs, err := attrsValue(ev.Attrs)
	if err != nil {
		return nil, nil, err
	}
	t := ev.Time
	if t.IsZero() {
		t = e.cfg.clock.Now()
	}
	return ch, &krl.Event{EID: e.eids.next(), ECI: ev.ECI, Domain: ev.Domain, Type: ev.Type, Attrs: attrs, Time: t}, nil
}

// attrsValue converts event attributes or query arguments to a KRL map.
func attrsValue(m map[string]any) (value.Value, error) {
	if m == nil {
		return value.EmptyMap(), nil
	}
	v, err := value.FromGo(m)
	if err != nil {
		return value.Null, fmt.Errorf("%w: %v", ErrBadAttrs, err)
	}
	if v.Kind() != value.MapKind {
		return value.Null, ErrBadAttrs
	}
	return v, nil
}

// Query calls a function that a ruleset installed on the channel's pico
// shares, and returns its result as a JSON-shaped Go value. Queries run on
// a snapshot of the pico, concurrently with its events, and cannot change
// anything.
func (e *Engine) Query(ctx context.Context, q Query) (any, error) {
	v, err := e.QueryValue(ctx, q)
	if err != nil {
		return nil, err
	}
	return value.ToGo(v), nil
}

// QueryValue is Query returning the KRL value itself (whose MarshalJSON is
// KRL's JSON encoding, map key order included).
func (e *Engine) QueryValue(ctx context.Context, q Query) (value.Value, error) {
	if err := e.enter(); err != nil {
		return value.Null, err
	}
	defer e.leave()
	q.ECI, q.RID, q.Name = strings.TrimSpace(q.ECI), strings.TrimSpace(q.RID), strings.TrimSpace(q.Name)
	if q.ECI == "" || q.RID == "" || q.Name == "" {
		return value.Null, fmt.Errorf("%w: a query needs an eci, a rid and a name", ErrInvalid)
	}
	ch, err := e.channel(ctx, q.ECI)
	if err != nil {
		return value.Null, err
	}
	if ch.FamilyOf != "" {
		return value.Null, fmt.Errorf("%w: %s can only be used by its owner", ErrFamilyChannel, q.ECI)
	}
	if err := ch.queryPolicy.allowsQuery(q.RID, q.Name); err != nil {
		return value.Null, err
	}
	args, err := attrsValue(q.Args)
	if err != nil {
		return value.Null, err
	}
	return e.runQuery(ctx, ch.PicoID, q, args)
}

// limitsCtx applies a deadline to ctx.
func limitsCtx(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	if d <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, d)
}

// Stats describes the engine's current load.
type Stats struct {
	// LoadedPicos is the number of picos loaded in memory.
	LoadedPicos int
	// Mailboxes is the number of picos with queued or running work.
	Mailboxes int
}

// Stats returns the engine's current load.
func (e *Engine) Stats() Stats {
	return Stats{LoadedPicos: int(e.nloaded.Load()), Mailboxes: e.bus.Stats().Mailboxes}
}
