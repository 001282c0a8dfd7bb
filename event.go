package pico

import (
	"encoding/json"
	"time"
)

// Event is an event sent to a pico through one of its channels.
type Event struct {
	// ECI is the channel the event is sent to.
	ECI string
	// Domain and Type select the rules (`select when DOMAIN TYPE`).
	Domain string
	Type   string
	// Attrs are the event attributes: a JSON-shaped map (nil means empty).
	// Values may be nil, bool, numbers, string, []any, map[string]any or
	// json.RawMessage.
	Attrs map[string]any
	// Time is the event time; the zero Time means "now" on the engine clock.
	Time time.Time
}

// Query asks a pico for the result of a function its ruleset shares.
type Query struct {
	ECI  string
	RID  string
	Name string
	// Args are matched to the function's parameters by name.
	Args map[string]any
}

// Directive is what a rule's `send_directive(name, options)` returns to the
// sender of the event.
type Directive struct {
	Name    string         `json:"name"`
	Options map[string]any `json:"options"`
	// Meta tells where the directive came from.
	Meta DirectiveMeta `json:"meta"`

	raw json.RawMessage // Options in KRL's JSON encoding (key order kept)
}

// OptionsJSON returns the options in KRL's JSON encoding, which keeps the
// order of map keys that the Options map loses.
func (d Directive) OptionsJSON() json.RawMessage {
	if d.raw == nil {
		b, _ := json.Marshal(d.Options)
		return b
	}
	return d.raw
}

// DirectiveMeta identifies the rule that sent a directive.
type DirectiveMeta struct {
	RID  string `json:"rid"`
	Rule string `json:"rule_name"`
	EID  string `json:"txnId"`
}

// Result is the outcome of an event that ran to completion.
type Result struct {
	// EID is the event id.
	EID string
	// Directives are the directives of every rule the event (and the events
	// it raised) selected, in execution order.
	Directives []Directive
}

// PolicyRule is one allow or deny rule of a channel policy. For event
// policies Domain and Name match the event's domain and type; for query
// policies RID and Name match the query's ruleset and function. "*" matches
// anything; any other value must be equal.
type PolicyRule struct {
	Domain string `json:"domain,omitempty"`
	RID    string `json:"rid,omitempty"`
	Name   string `json:"name"`
}

// Policy is a channel's event or query policy: a request is refused when
// any Deny rule matches, and otherwise allowed when an Allow rule matches.
// An empty Allow list allows nothing.
type Policy struct {
	Allow []PolicyRule `json:"allow"`
	Deny  []PolicyRule `json:"deny"`
}

// AllowAllEvents is the event policy that allows every event.
func AllowAllEvents() Policy { return Policy{Allow: []PolicyRule{{Domain: "*", Name: "*"}}} }

// AllowAllQueries is the query policy that allows every query.
func AllowAllQueries() Policy { return Policy{Allow: []PolicyRule{{RID: "*", Name: "*"}}} }
