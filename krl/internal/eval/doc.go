// Package eval is the run-time side of compiled KRL: the Thread that carries
// one event's or one query's evaluation (its context, step budget and call
// depth), the Host interface through which compiled rules reach the engine,
// and the RuntimeError type.
//
// Package krl re-exports everything here; this package exists so that the
// compiler (krl/internal/compile) and the public facade share one definition
// without an import cycle.
//
// # Concurrency
//
// A Thread is used by one goroutine at a time. Host implementations are called
// only from the goroutine that runs the Thread.
package eval
