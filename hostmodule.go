package pico

import (
	"context"
	"fmt"
	"slices"

	"github.com/gopico/pico/krl"
	"github.com/gopico/pico/krl/value"
)

// Module is a host module: Go functions and actions that KRL code calls
// under a domain of its own, `name:fn(a, b)` in expressions and
// `name:act(x) setting(r)` in action blocks (see WithModule).
type Module struct {
	// Funcs are the module's functions, by name. KRL may call them
	// anywhere, queries included, so they should not change anything.
	Funcs map[string]Func
	// Actions are the module's actions, by name. KRL invokes them in rule
	// action blocks (and defactions); `setting(r)` binds their result.
	Actions map[string]Func
	// Params optionally names the parameters of members, by member name.
	// A member with names receives exactly that many arguments, matched by
	// position or by name as for KRL functions (missing ones are nil). A
	// member without receives the positional arguments as given.
	Params map[string][]string
}

// Func is a function or action of a host module. Arguments and result are
// JSON-shaped Go values: nil, bool, float64, string, []any and
// map[string]any (a result may also be any value that encoding/json can
// encode, or json.RawMessage). Functions and actions given to KRL become
// their string forms. An error aborts the KRL rule (or query) with a
// krl.RuntimeError wrapping it.
//
// ctx carries the deadline of the event or query; CallerFrom tells which
// pico and ruleset called. A Func may be called from many picos at once.
type Func func(ctx context.Context, args []any) (any, error)

// Caller identifies the KRL code calling a host module member.
type Caller struct {
	PicoID string // the pico
	RID    string // the ruleset whose code called (a module's own RID in module code)
	TxnID  string // the event id or query id; "" while a ruleset initialises
}

type callerKey struct{}

// CallerFrom returns the caller recorded in the context a host module Func
// receives.
func CallerFrom(ctx context.Context) (Caller, bool) {
	c, ok := ctx.Value(callerKey{}).(Caller)
	return c, ok
}

// builtinDomains cannot be host module names: KRL gives them a meaning.
var builtinDomains = []string{"ent", "app", "event", "meta", "ctx", "http", "schedule",
	"math", "time", "random", "stdlib", "keys", "errors"}

// WithModule offers m to KRL code under the domain name. Once any host
// module is given, compiling a ruleset that uses an unknown domain fails
// (with a "did you mean" hint) instead of failing when it runs. A `use
// module ... alias name` in a ruleset takes precedence in that ruleset.
func WithModule(name string, m Module) Option {
	return func(c *config) error {
		if !isDomainName(name) {
			return fmt.Errorf("%w: host module name %q is not an identifier", ErrInvalid, name)
		}
		if slices.Contains(builtinDomains, name) {
			return fmt.Errorf("%w: %s is a built-in module", ErrInvalid, name)
		}
		if _, dup := c.modules[name]; dup {
			return fmt.Errorf("%w: host module %s given twice", ErrInvalid, name)
		}
		for member, f := range m.Funcs {
			if f == nil || m.Actions[member] != nil {
				return fmt.Errorf("%w: host module member %s:%s must be one non-nil Func or action", ErrInvalid, name, member)
			}
		}
		for member, f := range m.Actions {
			if f == nil {
				return fmt.Errorf("%w: host module action %s:%s is nil", ErrInvalid, name, member)
			}
		}
		for member := range m.Params {
			if m.Funcs[member] == nil && m.Actions[member] == nil {
				return fmt.Errorf("%w: Params names %s:%s, which is not a member", ErrInvalid, name, member)
			}
		}
		if c.modules == nil {
			c.modules = map[string]Module{}
		}
		c.modules[name] = m
		return nil
	}
}

// isDomainName reports whether s can be a KRL domain: an identifier.
func isDomainName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		letter := r == '_' || r == '$' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if !letter && (i == 0 || r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// compileOptions are the compiler options the engine's configuration
// implies: the host modules' domains.
func (c *config) compileOptions() []krl.CompileOption {
	if len(c.modules) == 0 {
		return nil
	}
	names := make([]string, 0, len(c.modules))
	for n := range c.modules {
		names = append(names, n)
	}
	slices.Sort(names)
	return []krl.CompileOption{krl.HostModules(names...)}
}

// hostModuleMember returns the member of host module domain called name,
// wrapped for KRL, or nil.
func (e *Engine) hostModuleMember(rid, domain, name string) *value.Func {
	m, ok := e.cfg.modules[domain]
	if !ok {
		return nil
	}
	fn, action := m.Funcs[name], false
	if fn == nil {
		fn, action = m.Actions[name], true
	}
	if fn == nil {
		return nil
	}
	params := m.Params[name]
	return &value.Func{Name: domain + ":" + name, Params: params, Variadic: params == nil, Action: action,
		Fn: func(t value.Thread, args []value.Value) (value.Value, error) {
			if action {
				if _, h, _ := hostOf(t); h != nil {
					if err := h.mayBlock(); err != nil {
						return value.Null, err
					}
				}
			}
			goArgs := make([]any, len(args))
			for i, a := range args {
				goArgs[i] = value.ToGo(a)
			}
			caller := Caller{RID: rid}
			if h, _, err := hostOf(t); err == nil {
				caller.PicoID = h.pico
			}
			if kt, ok := t.(*krl.Thread); ok {
				caller.TxnID = kt.TxnID()
			}
			out, err := fn(context.WithValue(t.Context(), callerKey{}, caller), goArgs)
			if err != nil {
				return value.Null, err
			}
			v, err := value.FromGo(out)
			if err != nil {
				return value.Null, fmt.Errorf("%s:%s returned %T: %w", domain, name, out, err)
			}
			return v, nil
		}}
}

// isHostModule reports whether domain is a host module.
func (e *Engine) isHostModule(domain string) bool {
	_, ok := e.cfg.modules[domain]
	return ok
}
