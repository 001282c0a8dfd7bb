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

// Event is the event being processed (documented in package krl).
type Event struct {
	EID    string
	ECI    string
	Domain string
	Type   string
	Attrs  value.Value
	Time   time.Time
}

// Query is the query being answered (documented in package krl).
type Query struct {
	QID  string
	ECI  string
	RID  string
	Name string
}

// RaisedEvent is what `raise` and `error` statements ask the host to queue
// (documented in package krl).
type RaisedEvent struct {
	Domain string
	Type   string
	Attrs  value.Value
	ForRID string
}

// ScheduleRequest is what a `schedule` statement asks the host to register
// (documented in package krl).
type ScheduleRequest struct {
	Domain string
	Type   string
	Attrs  value.Value
	At     value.Value
	Repeat value.Value
}

// Directive is a directive sent by send_directive (documented in package krl).
type Directive struct {
	RID     string
	Rule    string
	Name    string
	Options value.Value
}
