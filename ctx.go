package pico

import (
	"context"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/gopico/pico/eventbus"
	"github.com/gopico/pico/krl"
	"github.com/gopico/pico/krl/value"
	"github.com/gopico/pico/store"
)

// This file implements the ctx library module's actions and functions:
// everything KRL does to picos, channels and installs. Their writes go into
// the event's transaction (a failing event changes nothing); what they
// change in memory (loaded views, the channel cache, armed schedules) is
// applied when the transaction has committed.

// hostOf returns the host of the thread a library member runs on: the
// read-only host of a query or initialisation, and, in an event, the event's
// host too.
func hostOf(t value.Thread) (*readHost, *eventHost, error) {
	kt, _ := t.(*krl.Thread)
	if kt != nil {
		switch h := kt.Host.(type) {
		case *eventHost:
			return &h.readHost, h, nil
		case *readHost:
			return h, nil, nil
		}
	}
	return nil, nil, krl.ErrNoHost
}

// eventOf returns the event host of the thread, or an error wrapping
// krl.ErrReadOnly outside an event: the member changes things.
func eventOf(t value.Thread, member string) (*eventHost, error) {
	_, h, err := hostOf(t)
	if err != nil {
		return nil, err
	}
	if h == nil {
		return nil, fmt.Errorf("%s: %w", member, krl.ErrReadOnly)
	}
	return h, nil
}

// errOwnTx is returned by library members that block (an HTTP request,
// waiting for another pico) when the event runs inside a group commit,
// where it would hold up the other picos' events: runEvent then runs the
// event again in a transaction of its own.
var errOwnTx = errors.New("pico: the event blocks and needs a transaction of its own")

// mayBlock reports errOwnTx when blocking now would hold up a group commit.
func (h *eventHost) mayBlock() error {
	if h != nil && h.shared {
		return errOwnTx
	}
	return nil
}

// libraryMember returns the members of the library modules with side
// effects (the ctx actions and functions, event:send, schedule, http) and
// of the host modules; ok is false for names it does not know.
func (e *Engine) libraryMember(rid, domain, name string) (v value.Value, ok bool) {
	var f *value.Func
	switch domain {
	case "ctx":
		f = e.ctxMember(name)
	case "event":
		if name == "send" {
			f = &value.Func{Name: "event:send", Params: []string{"options", "host"}, Action: true, Fn: e.eventSend}
		}
	case "schedule":
		f = e.scheduleMember(rid, name)
	case "http":
		f = e.httpMember(name)
	default:
		f = e.hostModuleMember(rid, domain, name)
	}
	if f == nil {
		return value.Null, false
	}
	return value.NewFunc(f), true
}

// ctxMember returns the ctx action or function called name, or nil.
func (e *Engine) ctxMember(name string) *value.Func {
	act := func(fn func(value.Thread, []value.Value) (value.Value, error), params ...string) *value.Func {
		return &value.Func{Name: "ctx:" + name, Params: params, Action: true, Fn: fn}
	}
	switch name {
	case "newPico":
		return act(e.ctxNewPico, "rulesets")
	case "delPico":
		return act(e.ctxDelPico, "eci")
	case "newChannel":
		return act(e.ctxNewChannel, "tags", "eventPolicy", "queryPolicy")
	case "putChannel":
		return act(e.ctxPutChannel, "eci", "tags", "eventPolicy", "queryPolicy")
	case "upsertChannel":
		return act(e.ctxUpsertChannel, "tags", "eventPolicy", "queryPolicy")
	case "delChannel":
		return act(e.ctxDelChannel, "eci")
	case "install":
		return act(e.ctxInstall, "url", "config")
	case "uninstall":
		return act(e.ctxUninstall, "rid")
	case "flush":
		return act(e.ctxFlush, "url")
	case "event":
		return act(e.ctxEvent, "eci", "domain", "name", "attrs", "host")
	case "eventQuery":
		return act(e.ctxEventQuery, "eci", "domain", "name", "attrs", "rid", "queryName", "args")
	case "query":
		return &value.Func{Name: "ctx:query", Params: []string{"eci", "rid", "name", "args"}, Fn: e.ctxQuery}
	case "logs":
		return &value.Func{Name: "ctx:logs", Fn: func(value.Thread, []value.Value) (value.Value, error) {
			return value.Null, fmt.Errorf("%w: ctx:logs is not supported: the engine writes its logs to its slog.Logger", krl.ErrNoMember)
		}}
	}
	return nil
}

// stringArg returns a string argument, or the reference engine's TypeError.
func stringArg(v value.Value, what string) (string, error) {
	if v.Kind() != value.StringKind {
		return "", value.TypeErrorf("Expected string for %s but got %s", what, value.TypeOf(v))
	}
	return v.AsStr(), nil
}

// RIDFromURL returns the RID that ctx:install, ctx:flush and ctx:newPico
// take from their url argument. The engine installs registered rulesets
// only (see Engine.Register), so a URL names one by its last path segment
// without a ".krl" suffix: "https://example.com/krl/io.picolabs.hello.krl",
// "mem://io.picolabs.hello" and "io.picolabs.hello" all name
// io.picolabs.hello.
func RIDFromURL(url string) string {
	s := strings.TrimSpace(url)
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i]
	}
	s = path.Base(strings.TrimRight(s, "/"))
	return strings.TrimSuffix(s, ".krl")
}

// ridArg resolves the url argument of ctx:install and ctx:flush to a
// registered RID.
func (e *Engine) ridArg(v value.Value) (string, *compiled, error) {
	url, err := stringArg(v, "url")
	if err != nil {
		return "", nil, err
	}
	rid := RIDFromURL(url)
	c := e.reg.get(rid)
	if c == nil {
		return "", nil, fmt.Errorf("%w: %s (from %q)", ErrUnknownRuleset, rid, url)
	}
	return rid, c, nil
}

// configArg returns an install configuration: a map, {} for null.
func configArg(v value.Value) (value.Value, error) {
	switch v.Kind() {
	case value.NullKind:
		return value.EmptyMap(), nil
	case value.MapKind:
		return v, nil
	}
	return value.Null, value.TypeErrorf("Expected a Map for config but got %s", value.TypeOf(v))
}

// installTx installs registered ruleset c on pico picoID in tx, refusing it
// when a module it uses is not installed there.
func installTx(tx store.Tx, picoID string, c *compiled, config value.Value) error {
	installs, err := tx.PicoInstalls(picoID)
	if err != nil {
		return err
	}
	for _, u := range c.prog.Uses() {
		if u.RID != c.rid && !slices.ContainsFunc(installs, func(r store.InstallRecord) bool { return r.RID == u.RID }) {
			return fmt.Errorf("%w: %s uses module %s, which is not installed on the pico", ErrNotInstalled, c.rid, u.RID)
		}
	}
	raw, err := config.MarshalJSON()
	if err != nil {
		return err
	}
	return tx.PutInstall(picoID, store.InstallRecord{RID: c.rid, Version: c.version, Config: raw})
}

// initedView builds the view of a pico in tx and fails when one of rids
// failed to initialise.
func (e *Engine) initedView(ctx context.Context, tx store.Tx, picoID string, rids ...string) (*picoView, error) {
	v, err := e.buildView(ctx, tx, picoID)
	if err != nil {
		return nil, err
	}
	for _, rid := range rids {
		if in := v.byRID[rid]; in != nil && in.initErr != nil {
			return nil, fmt.Errorf("installing %s: %w", rid, in.initErr)
		}
	}
	return v, nil
}

// ctxNewPico is ctx:newPico(rulesets): it creates a child of the current
// pico, installs the rulesets given as [{"url", "config"}] in order (a map
// may give "rid" instead of "url") and returns the ECI of the family
// channel the parent reaches the child on. An install that fails fails the
// event, and with it the child's creation. The built-in rulesets come
// first (unless WithBuiltins(false)); they set up in the child's first
// event, queued once the current event has committed.
func (e *Engine) ctxNewPico(t value.Thread, args []value.Value) (value.Value, error) {
	h, err := eventOf(t, "ctx:newPico")
	if err != nil {
		return value.Null, err
	}
	type spec struct {
		c      *compiled
		config value.Value
	}
	var specs []spec
	switch rs := args[0]; rs.Kind() {
	case value.NullKind:
	case value.ArrayKind:
		for _, item := range rs.AsArray().Elems() {
			if item.Kind() != value.MapKind {
				return value.Null, value.TypeErrorf("ctx:newPico expects an array of {url, config}")
			}
			url := value.Get(item, value.Str("url"))
			if url.IsNull() {
				url = value.Get(item, value.Str("rid"))
			}
			_, c, err := e.ridArg(url)
			if err != nil {
				return value.Null, err
			}
			config, err := configArg(value.Get(item, value.Str("config")))
			if err != nil {
				return value.Null, err
			}
			specs = append(specs, spec{c, config})
		}
	default:
		return value.Null, value.TypeErrorf("ctx:newPico expects an array of {url, config}")
	}
	id, childECI, err := e.createChild(h.tx, h.pico)
	if err != nil {
		return value.Null, err
	}
	setup, err := e.installBuiltinsTx(h.tx, id, childECI)
	if err != nil {
		return value.Null, err
	}
	rids := make([]string, len(specs))
	for i, s := range specs {
		if err := installTx(h.tx, id, s.c, s.config); err != nil {
			return value.Null, err
		}
		rids[i] = s.c.rid
	}
	var nv *picoView
	if len(specs) > 0 || setup != nil {
		if nv, err = e.initedView(t.Context(), h.tx, id, rids...); err != nil {
			return value.Null, err
		}
	}
	h.onCommit(func() {
		if nv != nil {
			e.setView(id, nv)
		}
		if setup != nil {
			if err := e.submitInboxed(setup.pico, setup.key, setup.ev); err != nil {
				e.log.Error("built-in rulesets not set up", "pico", setup.pico, "err", err)
			}
		}
	})
	return value.Str(childECI), nil
}

// ctxDelPico is ctx:delPico(eci): it deletes the child reached through eci
// (one of ctx:children) with all its descendants.
func (e *Engine) ctxDelPico(t value.Thread, args []value.Value) (value.Value, error) {
	h, err := eventOf(t, "ctx:delPico")
	if err != nil {
		return value.Null, err
	}
	eci := value.ToString(args[0])
	rec, err := h.tx.GetPico(h.pico)
	if err != nil {
		return value.Null, err
	}
	if !slices.Contains(rec.ChildrenECIs, eci) {
		return value.Null, fmt.Errorf("%w: delPico(%s) - not found in children ECIs", ErrUnknownChannel, eci)
	}
	ch, err := h.tx.GetChannel(eci)
	if err != nil {
		return value.Null, err
	}
	var order []string // children before parents
	var walk func(id string) error
	walk = func(id string) error {
		kids, err := childIDs(h.tx, id)
		if err != nil {
			return err
		}
		for _, k := range kids {
			if err := walk(k); err != nil {
				return err
			}
		}
		order = append(order, id)
		return nil
	}
	if err := walk(ch.PicoID); err != nil {
		return value.Null, err
	}
	var ecis []string
	rids := map[string][]string{} // pico id -> rulesets installed
	for _, id := range order {
		ins, err := h.tx.PicoInstalls(id)
		if err != nil {
			return value.Null, err
		}
		for _, in := range ins {
			rids[id] = append(rids[id], in.RID)
		}
		chs, err := h.tx.PicoChannels(id)
		if err != nil {
			return value.Null, err
		}
		for _, c := range chs {
			ecis = append(ecis, c.ECI)
		}
		if prec, err := h.tx.GetPico(id); err == nil && prec.ParentECI != "" {
			ecis = append(ecis, prec.ParentECI)
		}
		if err := h.tx.DeletePicoData(id); err != nil {
			return value.Null, err
		}
	}
	h.onCommit(func() {
		for _, id := range order {
			e.forget(id)
			e.sch.forgetWhere(id, "")
			e.sweepDeleted(id, rids[id])
		}
		for _, eci := range ecis {
			e.channels.Delete(eci)
		}
	})
	return value.Null, nil
}

// sweepDeleted runs in the mailbox of a pico that ctx:delPico deleted,
// before the events queued there, and deletes the entity variables and
// rule states that an event of the pico running during the deletion may
// have committed after it. The events queued behind it find no pico.
func (e *Engine) sweepDeleted(picoID string, rids []string) {
	if len(rids) == 0 || e.enter() != nil {
		return
	}
	err := e.bus.Submit(picoID, eventbus.Job{System: true,
		Run: func(ctx context.Context) error {
			return e.st.Update(ctx, func(tx store.Tx) error {
				for _, rid := range rids {
					if err := tx.DeleteEntVars(picoID, rid); err != nil {
						return err
					}
					if err := tx.DeleteRuleStates(picoID, rid); err != nil {
						return err
					}
				}
				return nil
			})
		},
		Done: func(err error) {
			defer e.leave()
			if err != nil {
				e.log.Error("cleaning up a deleted pico failed", "pico", picoID, "err", err)
			}
		},
	})
	if err != nil {
		e.leave()
	}
}

// channelArgs applies the tags and policies given to ctx:newChannel,
// ctx:putChannel or ctx:upsertChannel to c; null leaves a field as it is.
func channelArgs(c *Channel, tags, eventPolicy, queryPolicy value.Value) error {
	if !tags.IsNull() {
		t, err := tagsArg(tags)
		if err != nil {
			return err
		}
		c.Tags = t
	}
	if !eventPolicy.IsNull() {
		p, err := policyArg(eventPolicy, false)
		if err != nil {
			return err
		}
		c.EventPolicy = p
	}
	if !queryPolicy.IsNull() {
		p, err := policyArg(queryPolicy, true)
		if err != nil {
			return err
		}
		c.QueryPolicy = p
	}
	return nil
}

var errTags = value.TypeErrorf("Channel `tags` must be an array of non-empty strings.")

// tagsArg cleans the tags of a channel (see Tags).
func tagsArg(v value.Value) ([]string, error) {
	if v.Kind() != value.ArrayKind {
		return nil, errTags
	}
	tags := []string{}
	for _, t := range v.AsArray().Elems() {
		if t.Kind() != value.StringKind {
			return nil, errTags
		}
		switch s := slugify(t.AsStr()); s {
		case "":
			return nil, value.TypeErrorf("Channel tag cannot be a blank string.")
		case "system":
			return nil, value.TypeErrorf(`Cannot tag channel as "system".`)
		default:
			tags = append(tags, s)
		}
	}
	return tags, nil
}

// policyArg reads a policy given to KRL: exactly {"allow": [...], "deny":
// [...]} with rules of exactly {"domain", "name"} (event policies) or
// {"rid", "name"} (query policies), non-blank strings.
func policyArg(v value.Value, query bool) (Policy, error) {
	kind, first := "EventPolicy", "domain"
	if query {
		kind, first = "QueryPolicy", "rid"
	}
	shapeErr := value.TypeErrorf("%s expects {allow: %sRule[], deny: %sRule[]}", kind, kind, kind)
	ruleErr := value.TypeErrorf("%sRule expects {%s: string, name: string}", kind, first)
	if v.Kind() != value.MapKind {
		return Policy{}, shapeErr
	}
	m := v.AsMap()
	if m.Len() != 2 || !m.Has("allow") || !m.Has("deny") {
		return Policy{}, shapeErr
	}
	rules := func(key string) ([]PolicyRule, error) {
		list, _ := m.Get(key)
		if list.Kind() != value.ArrayKind {
			return nil, shapeErr
		}
		out := []PolicyRule{}
		for _, r := range list.AsArray().Elems() {
			if r.Kind() != value.MapKind || r.AsMap().Len() != 2 {
				return nil, ruleErr
			}
			a, _ := r.AsMap().Get(first)
			n, _ := r.AsMap().Get("name")
			if a.Kind() != value.StringKind || n.Kind() != value.StringKind ||
				strings.TrimSpace(a.AsStr()) == "" || strings.TrimSpace(n.AsStr()) == "" {
				return nil, ruleErr
			}
			pr := PolicyRule{Name: strings.TrimSpace(n.AsStr())}
			if query {
				pr.RID = strings.TrimSpace(a.AsStr())
			} else {
				pr.Domain = strings.TrimSpace(a.AsStr())
			}
			out = append(out, pr)
		}
		return out, nil
	}
	var p Policy
	var err error
	if p.Allow, err = rules("allow"); err != nil {
		return Policy{}, err
	}
	if p.Deny, err = rules("deny"); err != nil {
		return Policy{}, err
	}
	return p, nil
}

// channelValue is a channel as KRL sees it (ctx:channels, ctx:newChannel),
// with the reference engine's keys and key order.
func channelValue(c Channel) value.Value {
	rules := func(rs []PolicyRule, query bool) value.Value {
		out := make([]value.Value, len(rs))
		for i, r := range rs {
			if query {
				out[i] = value.NewMapValue([]string{"rid", "name"}, []value.Value{value.Str(r.RID), value.Str(r.Name)})
			} else {
				out[i] = value.NewMapValue([]string{"domain", "name"}, []value.Value{value.Str(r.Domain), value.Str(r.Name)})
			}
		}
		return value.NewArray(out)
	}
	policy := func(p Policy, query bool) value.Value {
		return value.NewMapValue([]string{"allow", "deny"}, []value.Value{rules(p.Allow, query), rules(p.Deny, query)})
	}
	tags := make([]value.Value, len(c.Tags))
	for i, t := range c.Tags {
		tags[i] = value.Str(t)
	}
	family := value.Null
	if c.FamilyOf != "" {
		family = value.Str(c.FamilyOf)
	}
	return value.NewMapValue(
		[]string{"id", "tags", "eventPolicy", "queryPolicy", "familyChannelPicoID"},
		[]value.Value{value.Str(c.ECI), value.NewArray(tags), policy(c.EventPolicy, false), policy(c.QueryPolicy, true), family})
}

// ctxNewChannel is ctx:newChannel(tags, eventPolicy, queryPolicy): it
// creates a channel on the current pico and returns it.
func (e *Engine) ctxNewChannel(t value.Thread, args []value.Value) (value.Value, error) {
	h, err := eventOf(t, "ctx:newChannel")
	if err != nil {
		return value.Null, err
	}
	c := Channel{ECI: newSecretID(), PicoID: h.pico, Tags: []string{}, EventPolicy: AllowAllEvents(), QueryPolicy: AllowAllQueries()}
	if err := channelArgs(&c, args[0], args[1], args[2]); err != nil {
		return value.Null, err
	}
	if err := h.tx.PutChannel(channelRecord(c)); err != nil {
		return value.Null, err
	}
	return channelValue(c), nil
}

// ownChannel returns channel eci of the current pico.
func ownChannel(h *eventHost, eci string) (store.ChannelRecord, error) {
	rec, err := h.tx.GetChannel(eci)
	if errors.Is(err, store.ErrNotFound) || err == nil && rec.PicoID != h.pico {
		return rec, fmt.Errorf("%w: ECI not found %s", ErrUnknownChannel, eci)
	}
	return rec, err
}

// putChannel updates a channel of the current pico; family channels do
// not change.
func (e *Engine) putChannel(h *eventHost, rec store.ChannelRecord, args []value.Value) error {
	if rec.FamilyOf != "" {
		return nil
	}
	c := newChannelInfo(rec).public()
	if err := channelArgs(&c, args[0], args[1], args[2]); err != nil {
		return err
	}
	if err := h.tx.PutChannel(channelRecord(c)); err != nil {
		return err
	}
	h.onCommit(func() { e.channels.Delete(c.ECI) })
	return nil
}

// ctxPutChannel is ctx:putChannel(eci, tags, eventPolicy, queryPolicy): it
// replaces the given fields of one of the current pico's channels.
func (e *Engine) ctxPutChannel(t value.Thread, args []value.Value) (value.Value, error) {
	h, err := eventOf(t, "ctx:putChannel")
	if err != nil {
		return value.Null, err
	}
	rec, err := ownChannel(h, value.ToString(args[0]))
	if err != nil {
		return value.Null, err
	}
	return value.Null, e.putChannel(h, rec, args[1:])
}

// ctxUpsertChannel is ctx:upsertChannel(tags, eventPolicy, queryPolicy):
// it updates the current pico's channel whose set of tags is tags, or
// creates one.
func (e *Engine) ctxUpsertChannel(t value.Thread, args []value.Value) (value.Value, error) {
	h, err := eventOf(t, "ctx:upsertChannel")
	if err != nil {
		return value.Null, err
	}
	tags, err := tagsArg(args[0])
	if err != nil {
		return value.Null, err
	}
	want := slices.Sorted(slices.Values(tags))
	recs, err := h.tx.PicoChannels(h.pico)
	if err != nil {
		return value.Null, err
	}
	for _, rec := range recs {
		if slices.Equal(slices.Sorted(slices.Values(rec.Tags)), want) {
			return value.Null, e.putChannel(h, rec, args)
		}
	}
	_, err = e.ctxNewChannel(t, args)
	return value.Null, err
}

// ctxDelChannel is ctx:delChannel(eci): it deletes one of the current
// pico's channels; family channels cannot be deleted.
func (e *Engine) ctxDelChannel(t value.Thread, args []value.Value) (value.Value, error) {
	h, err := eventOf(t, "ctx:delChannel")
	if err != nil {
		return value.Null, err
	}
	eci := value.ToString(args[0])
	rec, err := ownChannel(h, eci)
	if err != nil {
		return value.Null, err
	}
	if rec.FamilyOf != "" {
		return value.Null, fmt.Errorf("%w: Cannot delete family channels.", ErrFamilyChannel)
	}
	if err := h.tx.DeleteChannel(eci); err != nil {
		return value.Null, err
	}
	h.onCommit(func() { e.channels.Delete(eci) })
	return value.Null, nil
}

// ctxInstall is ctx:install(url, config = {}): it installs the registered
// ruleset that url names (see RIDFromURL) on the current pico, or installs
// it again with a new configuration, and returns its RID. The ruleset
// misses the current event but receives the events raised after the
// install.
func (e *Engine) ctxInstall(t value.Thread, args []value.Value) (value.Value, error) {
	h, err := eventOf(t, "ctx:install")
	if err != nil {
		return value.Null, err
	}
	rid, c, err := e.ridArg(args[0])
	if err != nil {
		return value.Null, err
	}
	config, err := configArg(args[1])
	if err != nil {
		return value.Null, err
	}
	if err := installTx(h.tx, h.pico, c, config); err != nil {
		return value.Null, err
	}
	if err := h.flush(); err != nil { // initialisation reads the event's writes
		return value.Null, err
	}
	nv, err := e.initedView(t.Context(), h.tx, h.pico, rid)
	if err != nil {
		return value.Null, err
	}
	h.view = nv
	h.onCommit(func() { e.setView(h.pico, nv) })
	return value.Str(rid), nil
}

// ctxUninstall is ctx:uninstall(rid): it uninstalls a ruleset from the
// current pico with its entity variables and schedules (nothing when it is
// not installed). A ruleset another installed ruleset uses as a module
// cannot be uninstalled.
func (e *Engine) ctxUninstall(t value.Thread, args []value.Value) (value.Value, error) {
	h, err := eventOf(t, "ctx:uninstall")
	if err != nil {
		return value.Null, err
	}
	rid, err := stringArg(args[0], "rid")
	if err != nil {
		return value.Null, err
	}
	if h.view.byRID[rid] == nil {
		return value.Null, nil
	}
	if err := uninstallTx(e, h.tx, h.pico, rid); err != nil {
		return value.Null, err
	}
	nv := &picoView{byRID: make(map[string]*installed, len(h.view.installs))}
	for _, in := range h.view.installs {
		if in.rid != rid {
			nv.installs = append(nv.installs, in)
			nv.byRID[in.rid] = in
		}
	}
	h.view = nv
	h.onCommit(func() {
		e.setView(h.pico, nv)
		e.sch.forgetWhere(h.pico, rid)
	})
	return value.Null, nil
}

// ctxFlush is ctx:flush(url): every pico running the ruleset initialises
// it again (see Engine.Flush). The engine does not fetch sources: register
// a new version with Engine.Register.
func (e *Engine) ctxFlush(t value.Thread, args []value.Value) (value.Value, error) {
	h, err := eventOf(t, "ctx:flush")
	if err != nil {
		return value.Null, err
	}
	rid, _, err := e.ridArg(args[0])
	if err != nil {
		return value.Null, err
	}
	h.onCommit(func() {
		if err := e.bumpEpoch(context.Background(), rid); err != nil {
			e.log.Error("ctx:flush", "rid", rid, "err", err)
		}
		e.reinitActive(context.Background(), rid)
	})
	return value.Null, nil
}

// familyOK checks that a channel may be used by pico from: family
// channels only by their owner.
func familyOK(ch store.ChannelRecord, from string) error {
	if ch.FamilyOf != "" && ch.FamilyOf != from {
		return fmt.Errorf("%w: %s can only be used by its owner", ErrFamilyChannel, ch.ECI)
	}
	return nil
}

// ctxQuery is ctx:query(eci, rid, name, args = {}): a query to a pico of
// this engine, on a snapshot (so a pico may query itself). Family channels
// work for their owner.
func (e *Engine) ctxQuery(t value.Thread, args []value.Value) (value.Value, error) {
	rh, _, err := hostOf(t)
	if err != nil {
		return value.Null, err
	}
	q := Query{ECI: strings.TrimSpace(value.ToString(args[0])), RID: strings.TrimSpace(value.ToString(args[1])),
		Name: strings.TrimSpace(value.ToString(args[2]))}
	return e.localQuery(t.Context(), rh.pico, q, args[3])
}

// localQuery runs a query from KRL code on pico from.
func (e *Engine) localQuery(ctx context.Context, from string, q Query, args value.Value) (value.Value, error) {
	if q.ECI == "" || q.RID == "" || q.Name == "" {
		return value.Null, fmt.Errorf("%w: a query needs an eci, a rid and a name", ErrInvalid)
	}
	switch args.Kind() {
	case value.NullKind:
		args = value.EmptyMap()
	case value.MapKind:
		var err error
		if args, err = normaliseAttrs(args); err != nil {
			return value.Null, err
		}
	default:
		return value.Null, fmt.Errorf("%w: query args", ErrBadAttrs)
	}
	ch, err := e.channel(ctx, q.ECI)
	if err != nil {
		return value.Null, err
	}
	if err := familyOK(ch.ChannelRecord, from); err != nil {
		return value.Null, err
	}
	if err := ch.queryPolicy.allowsQuery(q.RID, q.Name); err != nil {
		return value.Null, err
	}
	return e.runQuery(ctx, ch.PicoID, q, args)
}

// ctxEventQuery is ctx:eventQuery(eci, domain, name, attrs, rid,
// queryName, args): it sends an event to another pico of this engine,
// waits for it to run, then queries that pico. The other pico's event
// commits on its own: it stays even if the current event fails later. A
// pico cannot eventQuery itself (its mailbox is busy with the current
// event); two picos eventQuerying each other at the same time wait until
// the event deadline.
func (e *Engine) ctxEventQuery(t value.Thread, args []value.Value) (value.Value, error) {
	h, err := eventOf(t, "ctx:eventQuery")
	if err != nil {
		return value.Null, err
	}
	if err := h.mayBlock(); err != nil {
		return value.Null, err
	}
	eci := strings.TrimSpace(value.ToString(args[0]))
	target, kev, err := h.localEvent(eci, args[1], args[2], args[3])
	if err != nil {
		return value.Null, err
	}
	if target == "" {
		return value.Null, fmt.Errorf("%w: %s (ctx:eventQuery is for picos of this engine)", ErrUnknownChannel, eci)
	}
	if target == h.pico {
		return value.Null, fmt.Errorf("%w: ctx:eventQuery cannot target the pico's own channel", ErrInvalid)
	}
	ctx := t.Context()
	err = e.bus.Do(ctx, target, func(ctx context.Context) error {
		_, err := e.runEvent(ctx, target, kev)
		return err
	})
	if err != nil {
		return value.Null, err
	}
	q := Query{ECI: eci, RID: strings.TrimSpace(value.ToString(args[4])), Name: strings.TrimSpace(value.ToString(args[5]))}
	return e.localQuery(ctx, h.pico, q, args[6])
}
