package eval

import (
	"time"

	"github.com/gopico/pico/krl/value"
)

// Host is the engine seen from compiled KRL. It is documented in package krl,
// which declares the same interface for users.
type Host interface {
	EntGet(rid, name string) (value.Value, error)
	EntSet(rid, name string, v value.Value) error
	Raise(rid string, ev RaisedEvent) error
	ClearSchedule(rid string) error
	Schedule(rid string, req ScheduleRequest) (value.Value, error)
	Directive(d Directive) error
	Module(rid, domain, name string) (value.Value, error)
}

// Event is the event being processed: what event:* reads and what the
// select tests.
type Event struct {
	EID    string      // event:eid, meta:txnId
	ECI    string      // event:eci, meta:eci
	Domain string      // event:domain
	Type   string      // event:name
	Attrs  value.Value // event:attrs: a Map (anything else reads as {})
	Time   time.Time   // event:time in ms since 1970; the zero Time reads as 0 (scheduled events)
}

// Query is the query being answered: what meta:eci, meta:txnId and
// meta:inQuery read.
type Query struct {
	QID  string // meta:txnId
	ECI  string // meta:eci
	RID  string // the ruleset queried
	Name string // the shared name queried
}

// RaisedEvent is an event that a `raise` statement (or an `error`
// statement, as system:error) asks the host to queue behind the current one.
type RaisedEvent struct {
	Domain string
	Type   string
	// Attrs is a Map or null, as the rule computed it; the host normalises
	// it (JSON round trip) like any incoming event's attributes.
	Attrs value.Value
	// ForRID, when not empty, restricts delivery to that ruleset (nobody
	// when it is not installed). It is set by `raise ... for RID` (which
	// the reference engine ignores) and for the system:error event of
	// `error` statements (the raising ruleset).
	ForRID string
}

// ScheduleRequest is what a `schedule` statement asks the host to
// register. Exactly one of At and Repeat is set (not null).
type ScheduleRequest struct {
	Domain string
	Type   string
	Attrs  value.Value // a Map or null
	At     value.Value // `at`: epoch milliseconds or a date string, unvalidated
	Repeat value.Value // `repeat`: a cron specification, unvalidated
}

// Directive is a directive sent by send_directive.
type Directive struct {
	RID     string      // the ruleset whose rule was running
	Rule    string      // the rule that was running
	Name    string      // the directive's name (String form)
	Options value.Value // a value, {} when not given
}
