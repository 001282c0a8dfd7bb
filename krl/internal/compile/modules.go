package compile

import (
	"fmt"
	"slices"

	"github.com/gopico/pico/krl/ast"
	"github.com/gopico/pico/krl/internal/eval"
	"github.com/gopico/pico/krl/value"
)

// hostMembers lists the members of the library modules that the host
// implements (§7 of the language reference), with their static types: ""
// for properties, "Function", "Action" or "ActionFunction". Members of these
// domains that the compiler answers itself are in localMembers.
var hostMembers = map[string]map[string]string{
	"ctx": {
		"picoId": "", "rid_url": "", "parent": "", "children": "", "channels": "", "rulesets": "",
		"newPico": "Action", "delPico": "Action", "newChannel": "Action", "putChannel": "Action",
		"upsertChannel": "Action", "delChannel": "Action", "install": "Action", "uninstall": "Action",
		"flush": "Action", "event": "Action", "eventQuery": "Action",
		"query": "Function", "logs": "Function",
	},
	"meta":     {"picoId": "", "host": "", "rid_url": "", "rulesetURI": ""},
	"event":    {"send": "Action"},
	"http":     {"get": "ActionFunction", "head": "ActionFunction", "post": "Action", "put": "Action", "patch": "Action", "delete": "Action"},
	"schedule": {"list": "Function", "get": "Function", "remove": "Action", "clear": "Action"},
}

// localMembers are the members the compiled code answers from the thread and
// the instance.
var localMembers = map[string][]string{
	"event": {"eci", "domain", "name", "attrs", "eid", "time", "attr"},
	"meta":  {"rid", "ruleName", "inEvent", "inQuery", "eci", "txnId", "rulesetConfig"},
	"ctx":   {"rid", "rid_name", "rid_description", "rid_author", "rid_version", "rid_config"},
}

// stdlibModules are the library modules implemented by package stdlib.
var stdlibModules = []string{"math", "time", "random"}

// unsupportedModules are domains KRL knows but this engine rejects.
var unsupportedModules = map[string]string{
	"app":    "app: variables (shared by all picos) are not supported; use ent:",
	"keys":   "keys: is not supported",
	"errors": "errors: is not supported",
}

// knownDomains lists every domain the compiler knows, for hints.
func (c *compiler) knownDomains() []string {
	ds := []string{"ent", "event", "meta", "ctx", "http", "schedule", "stdlib"}
	ds = append(ds, stdlibModules...)
	ds = append(ds, c.aliasNames()...)
	ds = append(ds, c.opts.HostModules...)
	return ds
}

// domainIdent compiles `domain:name`. applied says whether it is called (or
// invoked as an action), which only matters for error messages.
func (c *compiler) domainIdent(sc *scope, domain, name string, pos ast.Pos, applied bool) cx {
	_ = applied
	rid := c.prog.rid
	if domain == "ent" {
		return cx{fn: func(t *eval.Thread, fr *frame) (value.Value, error) {
			if t.Host == nil {
				return value.Null, c.rtError(t, pos, eval.ErrNoHost)
			}
			v, err := t.Host.EntGet(rid, name)
			if err != nil {
				return value.Null, c.rtError(t, pos, err)
			}
			return v, nil
		}}
	}
	if use, ok := c.aliases[domain]; ok {
		if c.exprMode {
			return cx{fn: c.moduleMember(use, name, pos)}
		}
		k := c.modRef(use, name, pos)
		return cx{fn: func(_ *eval.Thread, fr *frame) (value.Value, error) { return fr.in.modVals[k], nil }}
	}
	if names, ok := localMembers[domain]; ok && slices.Contains(names, name) {
		return c.localMember(domain, name, pos)
	}
	if slices.Contains(stdlibModules, domain) {
		mod, ok := stdModule(domain)
		if !ok {
			c.errorf(pos, CodeUnknownModule, "module %s is not available", domain)
			return badCx
		}
		v, ok := mod[name]
		if !ok {
			c.errorf(pos, CodeUnknownMember, "undefined id: %s:%s%s", domain, name, memberHint(domain, name, sortedKeys(mod)))
			return badCx
		}
		return constCx(v)
	}
	if domain == "stdlib" {
		f, ok := operator(name)
		if !ok {
			c.errorf(pos, CodeUnknownMember, "undefined id: stdlib:%s%s", name, memberHint(domain, name, operatorNames()))
			return badCx
		}
		return constCx(value.NewFunc(f))
	}
	if msg, ok := unsupportedModules[domain]; ok {
		c.errorf(pos, CodeUnsupported, "%s", msg)
		return badCx
	}
	typ := ""
	if members, ok := hostMembers[domain]; ok {
		t, ok := members[name]
		if !ok {
			all := sortedKeys(members)
			all = append(all, localMembers[domain]...)
			c.errorf(pos, CodeUnknownMember, "undefined id: %s:%s%s", domain, name, memberHint(domain, name, all))
			return badCx
		}
		typ = t
	} else if c.opts.HostModules != nil && !slices.Contains(c.opts.HostModules, domain) {
		c.errorf(pos, CodeUnknownModule, "unknown module: %s%s", domain, hint(domain, c.knownDomains()))
		return badCx
	}
	x := cx{typ: typ, fn: func(t *eval.Thread, fr *frame) (value.Value, error) {
		if t.Host == nil {
			return value.Null, c.rtError(t, pos, eval.ErrNoHost)
		}
		v, err := t.Host.Module(rid, domain, name)
		if err != nil {
			return value.Null, c.rtError(t, pos, err)
		}
		return v, nil
	}}
	return x
}

func memberHint(domain, name string, names []string) string {
	if n := nearest(name, names); n != "" {
		return fmt.Sprintf(" (did you mean %s:%s?)", domain, n)
	}
	return ""
}

// localMember compiles the members of event, meta and ctx that come from the
// thread and the instance. In a module instance there is no event.
func (c *compiler) localMember(domain, name string, pos ast.Pos) cx {
	ev := func(get func(ev *eval.Event) value.Value) cx {
		return cx{fn: func(t *eval.Thread, fr *frame) (value.Value, error) {
			if t.Event == nil || fr.in.asModule {
				return value.Null, nil
			}
			return get(t.Event), nil
		}}
	}
	switch domain + ":" + name {
	case "event:eci":
		return ev(func(e *eval.Event) value.Value { return value.Str(e.ECI) })
	case "event:domain":
		return ev(func(e *eval.Event) value.Value { return value.Str(e.Domain) })
	case "event:name":
		return ev(func(e *eval.Event) value.Value { return value.Str(e.Type) })
	case "event:eid":
		return ev(func(e *eval.Event) value.Value { return value.Str(e.EID) })
	case "event:attrs":
		return ev(eventAttrs)
	case "event:time":
		return ev(func(e *eval.Event) value.Value {
			if e.Time.IsZero() {
				return value.Num(0)
			}
			return value.Num(float64(e.Time.UnixMilli()))
		})
	case "event:attr":
		c.warnf(pos, WarnEventAttr, "event:attr(key) is deprecated: use event:attrs{key} instead")
		return cx{typ: "Function", fn: func(_ *eval.Thread, fr *frame) (value.Value, error) {
			if fr.in.asModule {
				return noEventAttr, nil
			}
			return eventAttr, nil
		}}
	case "meta:rid", "ctx:rid":
		return constCx(value.Str(c.prog.rid))
	case "meta:ruleName":
		rid := c.prog.rid
		return cx{fn: func(t *eval.Thread, fr *frame) (value.Value, error) {
			curRID, rule := t.Running()
			if fr.in.asModule || rule == "" || curRID != rid {
				return value.Null, nil
			}
			return value.Str(rule), nil
		}}
	case "meta:inEvent":
		return cx{fn: func(t *eval.Thread, fr *frame) (value.Value, error) {
			return value.Bool(t.Event != nil && !fr.in.asModule), nil
		}}
	case "meta:inQuery":
		return cx{fn: func(t *eval.Thread, fr *frame) (value.Value, error) {
			return value.Bool(t.Query != nil && !fr.in.asModule), nil
		}}
	case "meta:eci":
		return cx{fn: func(t *eval.Thread, fr *frame) (value.Value, error) {
			switch {
			case fr.in.asModule:
			case t.Event != nil:
				return value.Str(t.Event.ECI), nil
			case t.Query != nil:
				return value.Str(t.Query.ECI), nil
			}
			return value.Null, nil
		}}
	case "meta:txnId":
		return cx{fn: func(t *eval.Thread, fr *frame) (value.Value, error) {
			if id := t.TxnID(); id != "" && !fr.in.asModule {
				return value.Str(id), nil
			}
			return value.Null, nil
		}}
	case "meta:rulesetConfig", "ctx:rid_config":
		return cx{fn: func(_ *eval.Thread, fr *frame) (value.Value, error) { return fr.in.config, nil }}
	case "ctx:rid_name", "ctx:rid_description", "ctx:rid_author", "ctx:rid_version":
		i := slices.Index(metaKeys, name[len("rid_"):])
		return cx{fn: func(_ *eval.Thread, fr *frame) (value.Value, error) { return fr.in.meta[i], nil }}
	}
	c.errorf(pos, CodeInternal, "unhandled member %s:%s", domain, name)
	return badCx
}

func eventAttrs(e *eval.Event) value.Value {
	if e.Attrs.Kind() != value.MapKind {
		return emptyMap
	}
	return e.Attrs
}

var emptyMap = value.EmptyMap()

// eventAttr is event:attr(name), the deprecated attribute read.
var eventAttr = value.NewFunc(&value.Func{Name: "attr", Params: []string{"name"},
	Fn: func(vt value.Thread, args []value.Value) (value.Value, error) {
		t, ok := vt.(*eval.Thread)
		if !ok || t.Event == nil || len(args) == 0 {
			return value.Null, nil
		}
		return value.Get(eventAttrs(t.Event), args[0]), nil
	}})

// noEventAttr is event:attr in module code, where there is no event.
var noEventAttr = value.NewFunc(&value.Func{Name: "attr", Params: []string{"name"},
	Fn: func(value.Thread, []value.Value) (value.Value, error) { return value.Null, nil }})

// sendDirective is the root action send_directive(name, options = {}).
var sendDirective = value.NewFunc(&value.Func{Name: "send_directive", Params: []string{"name", "options"}, Action: true,
	Fn: func(vt value.Thread, args []value.Value) (value.Value, error) {
		t, ok := vt.(*eval.Thread)
		if !ok {
			return value.Null, errForeignThread
		}
		if t.Host == nil {
			return value.Null, eval.ErrNoHost
		}
		var name, opts value.Value
		if len(args) > 0 {
			name = args[0]
		}
		if len(args) > 1 {
			opts = args[1]
		}
		if opts.IsNull() {
			opts = emptyMap
		}
		rid, rule := t.Running()
		d := eval.Directive{RID: rid, Rule: rule, Name: value.ToString(name), Options: opts}
		if err := t.Host.Directive(d); err != nil {
			return value.Null, err
		}
		txn := value.Null
		if id := t.TxnID(); id != "" {
			txn = value.Str(id)
		}
		ruleV := value.Null
		if rule != "" {
			ruleV = value.Str(rule)
		}
		meta := value.NewMapValue([]string{"rid", "rule_name", "txnId"}, []value.Value{value.Str(rid), ruleV, txn})
		return value.NewMapValue(
			[]string{"type", "name", "options", "meta"},
			[]value.Value{value.Str("directive"), name, opts, meta}), nil
	}})

// noop is the root action noop(), usable as a function too.
var noop = value.NewFunc(&value.Func{Name: "noop", Action: true, Both: true,
	Fn: func(value.Thread, []value.Value) (value.Value, error) { return value.Null, nil }})
