package pico

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/gopico/pico/eventbus"
	"github.com/gopico/pico/krl"
	"github.com/gopico/pico/store"
)

// Ruleset describes a registered ruleset version.
type Ruleset struct {
	// RID is the ruleset id the source declares.
	RID string
	// Version identifies the source: a hash of its text. A changed source
	// is a new version.
	Version string
	// Filename is the name the source was registered under.
	Filename string
}

// SourceFile is a ruleset source to register (see Source).
type SourceFile struct {
	Filename string
	Text     []byte
}

// Source names a ruleset source for Engine.Register. filename is used in
// error messages.
func Source(filename string, src []byte) SourceFile { return SourceFile{Filename: filename, Text: src} }

// CompileError is returned by Register for a source that does not compile.
// Its message shows every error as file:line:col: message, followed by the
// source line and a caret under the column. It unwraps to the
// krl.ErrorList.
type CompileError struct {
	Filename string
	Source   []byte
	Err      error
}

func (e *CompileError) Error() string {
	var b strings.Builder
	if err := krl.FormatError(&b, e.Err, e.Source); err != nil {
		return e.Err.Error()
	}
	return strings.TrimRight(b.String(), "\n")
}

// Unwrap returns the compiler's error.
func (e *CompileError) Unwrap() error { return e.Err }

// compiled is one compiled ruleset version, shared by every pico running it.
type compiled struct {
	rid      string
	version  string
	filename string
	prog     *krl.Program
	machines []*eventbus.Machine // per rule, as prog.Rules()
	index    *eventbus.Index
}

// registry holds the compiled rulesets: the current version of each RID and
// every version some pico still runs.
type registry struct {
	mu       sync.RWMutex
	current  map[string]*compiled            // rid -> current version
	versions map[string]map[string]*compiled // rid -> version -> compiled
	compOpts []krl.CompileOption
}

func newRegistry(opts []krl.CompileOption) *registry {
	return &registry{current: map[string]*compiled{}, versions: map[string]map[string]*compiled{}, compOpts: opts}
}

// compile parses and compiles a source into a shareable ruleset.
func (r *registry) compile(filename string, src []byte) (*compiled, error) {
	prog, err := krl.CompileSource(filename, src, r.compOpts...)
	if err != nil {
		return nil, &CompileError{Filename: filename, Source: src, Err: err}
	}
	c := &compiled{rid: prog.RID(), version: store.RulesetVersion(src), filename: filename, prog: prog}
	for _, rule := range prog.Rules() {
		m, err := eventbus.Compile(rule.Select())
		if err != nil {
			return nil, fmt.Errorf("%s: rule %s: %w", rule.Pos(), rule.Name(), err)
		}
		c.machines = append(c.machines, m)
	}
	c.index = eventbus.NewIndex(c.machines)
	return c, nil
}

func (r *registry) get(rid string) *compiled {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.current[rid]
}

func (r *registry) getVersion(rid, version string) *compiled {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.versions[rid][version]
}

func (r *registry) add(c *compiled, makeCurrent bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.versions[c.rid] == nil {
		r.versions[c.rid] = map[string]*compiled{}
	}
	r.versions[c.rid][c.version] = c
	if makeCurrent {
		r.current[c.rid] = c
	}
}

func (r *registry) rids() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]string, 0, len(r.current))
	for rid := range r.current {
		out = append(out, rid)
	}
	return out
}

// Register parses and compiles a ruleset source, stores it, and makes it the
// current version of its RID. Registering the same source again changes
// nothing. A changed source is a new version: picos that have the RID
// installed switch to it (their globals are computed again; entity
// variables are kept). A source that does not compile is refused with a
// krl.ErrorList whose messages carry file:line:col.
func (e *Engine) Register(ctx context.Context, src SourceFile) (Ruleset, error) {
	if err := e.enter(); err != nil {
		return Ruleset{}, err
	}
	defer e.leave()
	c, err := e.reg.compile(src.Filename, src.Text)
	if err != nil {
		return Ruleset{}, err
	}
	info := Ruleset{RID: c.rid, Version: c.version, Filename: c.filename}
	if cur := e.reg.get(c.rid); cur != nil && cur.version == c.version {
		return info, nil
	}
	if err := e.checkModuleCycle(c); err != nil {
		return Ruleset{}, err
	}
	err = e.st.Update(ctx, func(tx store.Tx) error {
		if err := tx.PutRuleset(store.RulesetRecord{RID: c.rid, Version: c.version, Source: src.Text,
			Filename: src.Filename, RegisteredAt: e.cfg.clock.Now()}); err != nil {
			return err
		}
		return tx.SetCurrentRuleset(c.rid, c.version)
	})
	if err != nil {
		return Ruleset{}, err
	}
	e.reg.add(c, true)
	e.reinitActive(ctx, c.rid)
	return info, nil
}

// checkModuleCycle refuses a ruleset whose `use module` graph, together with
// the registered rulesets, has a cycle.
func (e *Engine) checkModuleCycle(c *compiled) error {
	var path []string
	onPath := map[string]bool{}
	var visit func(rid string, prog *krl.Program) error
	visit = func(rid string, prog *krl.Program) error {
		if onPath[rid] {
			cycle := append([]string{}, path[indexOf(path, rid):]...)
			cycle = append(cycle, rid)
			return fmt.Errorf("%w: module dependency cycle: %s", ErrInvalid, joinArrow(cycle))
		}
		onPath[rid] = true
		path = append(path, rid)
		for _, u := range prog.Uses() {
			var next *krl.Program
			if u.RID == c.rid {
				next = c.prog
			} else if m := e.reg.get(u.RID); m != nil {
				next = m.prog
			} else {
				continue // not registered yet: checked when it is
			}
			if err := visit(u.RID, next); err != nil {
				return err
			}
		}
		path = path[:len(path)-1]
		onPath[rid] = false
		return nil
	}
	if err := visit(c.rid, c.prog); err != nil {
		return err
	}
	// The new version may close a cycle through rulesets that use it.
	for _, rid := range e.reg.rids() {
		if rid == c.rid {
			continue
		}
		if err := visit(rid, e.reg.get(rid).prog); err != nil {
			return err
		}
	}
	return nil
}

func indexOf(s []string, x string) int {
	for i, v := range s {
		if v == x {
			return i
		}
	}
	return -1
}

func joinArrow(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += " -> "
		}
		out += x
	}
	return out
}

// Flush initialises the RID again on every pico that has it installed:
// globals are computed again and event-expression state starts over; entity
// variables are kept.
func (e *Engine) Flush(ctx context.Context, rid string) error {
	if err := e.enter(); err != nil {
		return err
	}
	defer e.leave()
	if e.reg.get(rid) == nil {
		return fmt.Errorf("%w: %s", ErrUnknownRuleset, rid)
	}
	if err := e.bumpEpoch(ctx, rid); err != nil {
		return err
	}
	e.reinitActive(ctx, rid)
	return nil
}

// Flush epochs: Flush makes the event-expression state of a ruleset start
// over on every pico. Rather than visiting every pico that has it, the
// engine counts flushes per RID (stored under engine/flush/<rid>) and
// stamps rule states with the count; a state with an old stamp reads as
// the start state.

func epochKey(rid string) store.Key { return store.NewKey("engine", "flush", rid) }

// epoch returns the flush count of rid.
func (e *Engine) epoch(rid string) uint64 {
	if v, ok := e.epochs.Load(rid); ok {
		return v.(uint64)
	}
	return 0
}

// bumpEpoch counts one more flush of rid.
func (e *Engine) bumpEpoch(ctx context.Context, rid string) error {
	e.epochMu.Lock()
	defer e.epochMu.Unlock()
	n := e.epoch(rid) + 1
	err := e.st.Update(ctx, func(tx store.Tx) error {
		return tx.Set(epochKey(rid), binary.BigEndian.AppendUint64(nil, n))
	})
	if err == nil {
		e.epochs.Store(rid, n)
	}
	return err
}

// loadEpochs reads the flush counts at Open.
func (e *Engine) loadEpochs(ctx context.Context) error {
	prefix := store.NewKey("engine", "flush")
	return e.st.View(ctx, func(tx store.Tx) error {
		return tx.Scan(prefix, func(k, v []byte) error {
			parts, err := store.Key(k).Parts()
			if err != nil || len(parts) != 3 || len(v) != 8 {
				return nil
			}
			e.epochs.Store(parts[2], binary.BigEndian.Uint64(v))
			return nil
		})
	})
}

// loadRegistered compiles every current ruleset source from the store at
// Open.
func (e *Engine) loadRegistered(ctx context.Context) error {
	var recs []store.RulesetRecord
	err := e.st.View(ctx, func(tx store.Tx) error {
		return tx.Rulesets(func(rec store.RulesetRecord) error {
			cur, err := tx.CurrentRuleset(rec.RID)
			if err != nil {
				return err
			}
			if cur.Version == rec.Version {
				recs = append(recs, cur)
			}
			return nil
		})
	})
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	for _, rec := range recs {
		c, err := e.reg.compile(rec.Filename, rec.Source)
		if err != nil {
			e.log.Error("stored ruleset does not compile", "rid", rec.RID, "version", rec.Version, "err", err)
			continue
		}
		e.reg.add(c, true)
	}
	return nil
}

// Uses returns the RIDs that the current version of rid uses as modules,
// in order (nil for an unknown RID).
func (e *Engine) Uses(rid string) []string {
	c := e.reg.get(rid)
	if c == nil {
		return nil
	}
	var out []string
	for _, u := range c.prog.Uses() {
		out = append(out, u.RID)
	}
	return out
}
