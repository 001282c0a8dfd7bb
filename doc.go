// Package pico hosts picos (Persistent Compute Objects) in-process: actors
// with a unique identity and persistent state whose behaviour is a set of
// installed KRL rulesets.
//
// # Basics
//
// An [Engine] owns a store (Badger on disk with [WithDir], or a
// copy-on-write B-tree in memory with [WithInMemory]), the compiled rulesets and the picos. [Engine.Register]
// compiles a ruleset once; every pico that installs it shares the compiled
// program and keeps its own state. A pico is reached through its channels:
// an event or a query names a channel's ECI, and the channel's policies say
// what may pass.
//
//	eng, err := pico.Open(ctx, pico.WithDir("data"))
//	rs, err := eng.Register(ctx, pico.Source("hello.krl", src))
//	p, err := eng.NewPico(ctx, pico.ChildOf(eng.Root()))
//	err = p.Install(ctx, rs.RID, nil)
//	ch, err := p.NewChannel(ctx, pico.Tags("app"))
//	res, err := eng.Raise(ctx, pico.Event{ECI: ch.ECI, Domain: "echo", Type: "hello"})
//	v, err := eng.Query(ctx, pico.Query{ECI: ch.ECI, RID: rs.RID, Name: "greeting"})
//
// Values crossing the API are JSON-shaped Go values: nil, bool, numbers,
// string, []any and map[string]any (json.RawMessage is accepted too).
//
// # Events and transactions
//
// Each pico runs its events one at a time, in arrival order; different
// picos run in parallel. An event reaches every installed ruleset in install
// order, then the events it raised, breadth first. All its writes (entity
// variables, event-expression state, schedules, picos, channels, installs)
// are one store transaction: they commit together when the event is done,
// or not at all when a rule fails, in which case [Engine.Raise] returns the
// error (a *krl.RuntimeError naming ruleset, rule and position).
//
// Queries run on a snapshot, concurrently with events and never through a
// pico's queue, so a pico can query itself without deadlock. They cannot
// change anything.
//
// # What rules can do
//
// Besides entity variables and directives, KRL reaches the engine through
// library modules: ctx (children, channels, installs, events and queries to
// other picos, all inside the event's transaction), event:send (to a local
// pico's inbox, or through a [Transport] to another engine), schedule
// (`schedule ... at` and `repeat` cron schedules, stored and re-armed at
// Open, driven by the engine [Clock]; [Engine.Advance] moves a
// [ManualClock] in tests), http (with the host's client, [WithHTTPClient])
// and host modules: Go functions and actions offered to KRL with
// [WithModule].
//
// # Built-in rulesets
//
// Like the reference engine, every pico runs Wrangler
// (io.picolabs.wrangler: children, channels, rulesets through events and
// queries) and Subscriptions (io.picolabs.subscription: long-lived
// relationships between picos, also across engines): they are registered
// at Open and installed on the root and on every new pico, unless
// WithBuiltins(false). The transport/sky package serves the reference's
// HTTP API over an Engine and carries events to other engines.
//
// # Concurrency
//
// An Engine is safe for concurrent use. An idle pico costs no goroutine and
// no memory: it is loaded when an event or query arrives.
//
// # Limits
//
// Every event and query runs under a step budget, a call depth limit and a
// deadline ([WithLimits]); a runaway rule fails its own event only.
package pico
