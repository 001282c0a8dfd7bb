package compile

import (
	"slices"

	"github.com/gopico/pico/krl/value"
)

// testingInfo collects what the generated __testing value lists: per rule,
// the events it selects and the attributes it reads.
type testingInfo struct {
	rules [][]*testingEvent
}

type testingEvent struct {
	domain, name string
	attrs        []string
}

// testingRule starts the events of a new rule.
func (c *compiler) testingRule() { c.testing.rules = append(c.testing.rules, nil) }

// testingEvent records that the current rule selects domain:name.
func (c *compiler) testingEvent(domain, name string) {
	ti := c.testing
	if len(ti.rules) == 0 {
		return
	}
	cur := &ti.rules[len(ti.rules)-1]
	for _, e := range *cur {
		if e.domain == domain && e.name == name {
			return
		}
	}
	*cur = append(*cur, &testingEvent{domain: domain, name: name})
}

// testingAttr records that the current rule reads event attribute key: it is
// listed for the events of the rule seen so far.
func (c *compiler) testingAttr(key string) {
	ti := c.testing
	if len(ti.rules) == 0 {
		return
	}
	for _, e := range ti.rules[len(ti.rules)-1] {
		if !slices.Contains(e.attrs, key) {
			e.attrs = append(e.attrs, key)
		}
	}
}

// value builds {"queries": [{"name", "args"}], "events": [{"domain",
// "name", "attrs"}]}. Events of a rule are grouped by domain, domains in the
// order they first appear.
func (ti *testingInfo) value(p *Program, sc *scope) value.Value {
	var queries []value.Value
	for _, name := range p.shares {
		var args []value.Value
		if b := sc.names[name]; b != nil && b.typ == "Function" {
			for _, a := range b.params {
				args = append(args, value.Str(a))
			}
		}
		queries = append(queries, value.NewMapValue(
			[]string{"name", "args"},
			[]value.Value{value.Str(name), value.NewArray(nonNil(args))}))
	}
	var events []value.Value
	for _, evs := range ti.rules {
		var domains []string
		for _, e := range evs {
			if !slices.Contains(domains, e.domain) {
				domains = append(domains, e.domain)
			}
		}
		for _, d := range domains {
			for _, e := range evs {
				if e.domain != d {
					continue
				}
				attrs := make([]value.Value, len(e.attrs))
				for i, a := range e.attrs {
					attrs[i] = value.Str(a)
				}
				events = append(events, value.NewMapValue(
					[]string{"domain", "name", "attrs"},
					[]value.Value{value.Str(e.domain), value.Str(e.name), value.NewArray(attrs)}))
			}
		}
	}
	return value.NewMapValue(
		[]string{"queries", "events"},
		[]value.Value{value.NewArray(nonNil(queries)), value.NewArray(nonNil(events))})
}

func nonNil(vs []value.Value) []value.Value {
	if vs == nil {
		return []value.Value{}
	}
	return vs
}
