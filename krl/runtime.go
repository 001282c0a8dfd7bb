package krl

import (
	"github.com/gopico/pico/krl/internal/eval"
	"github.com/gopico/pico/krl/value"
)

// Thread is the evaluation state of one event or one query on one pico: its
// context, step budget, call depth, clock, logger and random source, the
// event or query being handled and the [Host]. It implements
// [value.Thread], which library operators receive.
//
// Create one per event (covering every ruleset the event and the events it
// raises reach) or per query, as a struct literal; the zero value of every
// field is a usable default:
//
//	t := &krl.Thread{Ctx: ctx, Host: txn, Event: &krl.Event{...}, MaxSteps: 1_000_000}
//
// Its fields:
//
//	Ctx      context.Context  // deadline and cancellation (Background when nil)
//	Host     Host             // the engine's side; nil for pure expressions
//	Event    *Event           // the event being processed; nil outside events
//	Query    *Query           // the query being answered; nil outside queries (writes refused)
//	MaxSteps int64            // step budget (DefaultMaxSteps when 0)
//	MaxDepth int              // nesting limit of KRL calls (DefaultMaxDepth when 0)
//	Clock    func() time.Time // the engine clock (time.Now when nil)
//	Log      *slog.Logger     // klog and `log` output (discarded when nil)
//	Random   *rand.Rand       // sample and random:* (randomly seeded when nil)
//
// A step is one KRL function call, one foreach iteration, one rule, one
// callback of a library operator, and a share of the size of every string,
// array or map a call or a concatenation builds; running out fails the
// evaluation with an error wrapping [ErrStepLimit]. Calls nested deeper than
// MaxDepth fail with [ErrDepthLimit] long before the Go stack is at risk.
// Steps() reports the steps spent.
//
// A Thread is used by one goroutine at a time. Cancel an evaluation through
// its context: loops and calls check it.
type Thread = eval.Thread

// Default limits of a [Thread].
const (
	// DefaultMaxSteps is the step budget of a Thread whose MaxSteps is 0.
	DefaultMaxSteps = eval.DefaultMaxSteps
	// DefaultMaxDepth is the call depth limit of a Thread whose MaxDepth is 0.
	DefaultMaxDepth = eval.DefaultMaxDepth
)

// Event is the event a [Thread] processes: what event:* reads and what
// select clauses test.
//
//	EID    string      // event:eid, meta:txnId
//	ECI    string      // event:eci, meta:eci
//	Domain string      // event:domain
//	Type   string      // event:name
//	Attrs  value.Value // event:attrs, a Map (anything else reads as {})
//	Time   time.Time   // event:time in ms since 1970; the zero Time reads as 0
type Event = eval.Event

// Query is the query a [Thread] answers: what meta:eci, meta:txnId and
// meta:inQuery read.
//
//	QID  string // meta:txnId
//	ECI  string // meta:eci
//	RID  string // the ruleset queried
//	Name string // the name queried
type Query = eval.Query

// RaisedEvent is an event that a rule asks the [Host] to queue: by a
// `raise` statement, or as system:error by an `error` statement.
//
//	Domain, Type string
//	Attrs        value.Value // a Map or null, to be normalised by the host like incoming attributes
//	ForRID       string      // only this ruleset ("" = every ruleset)
//
// ForRID is set only for the system:error event of `error` statements (to the
// raising ruleset); `raise ... for RID` is ignored, as by the reference
// engine, and the compiler warns about it.
type RaisedEvent = eval.RaisedEvent

// ScheduleRequest is what a `schedule` statement asks the [Host] to
// register.
//
//	Domain, Type string
//	Attrs        value.Value // a Map or null
//	At           value.Value // `at`: epoch ms or a date string, unvalidated (null for repeat)
//	Repeat       value.Value // `repeat`: a cron specification, unvalidated (null for at)
type ScheduleRequest = eval.ScheduleRequest

// Directive is what send_directive gives the [Host] for the event's
// response.
//
//	RID, Rule string      // the ruleset and rule that were running
//	Name      string      // the directive's name (String form)
//	Options   value.Value // {} when not given
//
// send_directive itself returns {"type": "directive", "name", "options",
// "meta": {"rid", "rule_name", "txnId"}}, which `setting(d)` binds.
type Directive = eval.Directive

// Host is the engine as compiled KRL sees it: everything a rule does besides
// computing values goes through it. The engine implements it per event or
// query (typically over the transaction's write buffer) and sets it as
// Thread.Host.
//
// One event is one transaction: the host buffers EntSet, Raise, Schedule
// and Directive and applies them when the event, with everything it raised,
// has run without error; it drops them otherwise. EntGet must see the
// transaction's own writes.
//
// While a query runs (Thread.Query set) compiled code never calls the
// writing methods: the run time refuses with [ErrReadOnly] before reaching
// the host. Value globals are computed by [Program.Init], whose thread has
// neither event nor query; globals only read.
//
// rid is always the ruleset whose code is running. For code of a module
// that is the module's RID, so a module's entity variables live under its
// own RID. Methods are called from the thread's goroutine only; an error
// they return aborts the rule (or query) with a [RuntimeError] wrapping it.
type Host interface {
	// EntGet returns entity variable name of ruleset rid on the current
	// pico, or null when it is unset.
	EntGet(rid, name string) (value.Value, error)

	// EntSet sets entity variable name of ruleset rid; null deletes it.
	// `ent:v{path} := x` and `clear ent:v{path}` arrive as EntGet followed
	// by EntSet of the whole new value.
	EntSet(rid, name string, v value.Value) error

	// Raise queues ev behind the current event: it is processed once the
	// current event has reached every ruleset (breadth first), by every
	// ruleset installed at that moment, or by ev.ForRID alone when set.
	Raise(rid string, ev RaisedEvent) error

	// ClearSchedule drops every event still queued in the current
	// transaction: the other rulesets' turns at the current event and the
	// raised events. `error error` calls it just before raising its
	// system:error event and stopping the ruleset.
	ClearSchedule(rid string) error

	// Schedule registers a scheduled event and returns its record, which
	// `setting(x)` binds: {"id", "type": "at"|"repeat", "time"|"timespec",
	// "event": {"eci", "domain", "name", "data": {"attrs"}}}. It validates
	// req.At and req.Repeat.
	Schedule(rid string, req ScheduleRequest) (value.Value, error)

	// Directive appends a directive to the event's response.
	Directive(d Directive) error

	// Module returns member name of library module domain for code of
	// ruleset rid: ctx:* (except rid, rid_name, rid_description,
	// rid_author, rid_version, rid_config), http:*, schedule:*, event:send,
	// meta:picoId, meta:host, meta:rid_url, meta:rulesetURI, and every
	// member of the host's native modules (any domain the compiler does not
	// know). It is called each time the member is read. Properties are
	// returned as values; functions and actions as Function or Action
	// values, whose Fn receives the running *Thread. Unknown names return an
	// error wrapping [ErrNoModule] or [ErrNoMember].
	Module(rid, domain, name string) (value.Value, error)
}

// The two declarations of the host interface must stay identical.
var (
	_ eval.Host = Host(nil)
	_ Host      = eval.Host(nil)
)
