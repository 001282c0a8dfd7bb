// Package eventbus moves events to rules: per-pico mailboxes that run a
// pico's work one job at a time, the salience index that finds the rules
// listening for an event, and the state machines of KRL event expressions
// (`select when ...`).
//
// # Basics
//
// A Bus runs jobs in mailboxes keyed by pico id:
//
//	bus, _ := eventbus.New()
//	err := bus.Do(ctx, picoID, func(ctx context.Context) error {
//		// evaluate one event for picoID
//		return nil
//	})
//	_ = bus.Close(ctx)
//
// Compile turns a rule's select clause into a Machine once per ruleset;
// Machine.Step advances a per-(pico, rule) State with each event the rule
// listens for and reports when the rule fires, with the values of its
// `setting` and aggregator variables. The primitives' tests (attribute
// regular expressions and `where` clauses) are KRL, so the caller evaluates
// them: Step asks through a PrimTest callback, by primitive number (see
// Machine.Prims). A State encodes to bytes with State.MarshalBinary and back
// with Machine.UnmarshalState, so partial matches can be stored with the
// pico and survive restarts.
//
// NewIndex builds the salience index of a ruleset's machines: Index.Lookup
// gives, in rule order, the rules that listen for a domain and type.
//
// # Semantics
//
// Machines follow the reference pico engine exactly, quirks included: they
// are built and optimised the same way (so equivalent states are merged and
// aggregators do not count twice), every transition of every active state
// is tried in table order, states that do not advance are dropped and start
// is not kept, a primitive whose domain and type match but whose test fails
// wipes the whole state, `then` returns to start on any other event it
// listens for, captures accumulate over a sequence and are cleared when the
// rule fires, and `within` measures event time from the first step away
// from start, inclusively.
//
// Where the reference engine fails with a JavaScript error, this package
// gives the evident meaning instead: a primitive that captures after another
// primitive failed its test in the same event starts from the wiped state; a
// rule that fires before anything was captured gets null variables;
// `setting` without attribute tests binds nothing; an aggregator over a
// primitive without attribute tests aggregates nulls. And a one-argument
// `and(e)` is e, where the reference builds a machine that never fires.
//
// # Concurrency
//
// Bus, Machine and Index are safe for concurrent use; Machine and Index are
// immutable and shared by every pico. A State is an immutable value owned by
// its (pico, rule) pair: steps of one pair must be serialised, which running
// a pico's events in its mailbox does. A PrimTest is only called during the
// Step it was passed to.
//
// A mailbox exists only while its key has queued or running jobs, and the
// bus's goroutines exit when no mailbox is ready: an idle pico costs no
// memory and no goroutine. A mailbox that has run a number of jobs in a row
// (WithThroughput) goes to the back of the line so other picos progress.
//
// # Caveats
//
// A job must not wait for another job of its own key (Do from inside the
// key's mailbox): the mailbox runs one job at a time, so it would wait until
// its context ends. A panicking job is recovered: its Done callback gets a
// *PanicError and the mailbox goes on with the next job.
//
// States are tied to the machine that made them (a fingerprint of its
// table): after a ruleset changes, UnmarshalState returns ErrStateMismatch
// and the rule starts over, as in the reference engine.
package eventbus
