// Package stdlib implements the KRL standard library: the operators called
// on values (x.map(f), s.sprintf(fmt), m.put(k, v), ...) and the pure
// library modules math, time and random, with the behaviour of the
// reference (JavaScript) pico engine.
//
// # Basics
//
// [Operator] returns an operator by name as a *value.Func whose first
// parameter is the receiver and whose other parameters carry the reference
// engine's names, so that named arguments work (s.substr(start = 2)).
// [OperatorNames] lists them. [Module] returns the members of a library
// module: Function values, and plain values for properties
// (math:hashAlgorithms).
//
// Operators that take callbacks (map, filter, reduce, sort with a
// comparator, ...) call them with Thread.Call, passing (value, key,
// collection), and charge one step per call with Thread.Step. klog and
// defaultsTo log through Thread.Logger (klog at [LevelKlog], defaultsTo at
// debug); time:now reads Thread.Now and random reads Thread.Rand.
//
// # Concurrency
//
// Operators and module members are immutable and may be shared; each call
// uses only its Thread, which belongs to one goroutine at a time.
//
// # Caveats
//
// The calling convention passes null for a missing argument, so an
// explicit null cannot be told from an omitted one. Where the reference
// engine counts its arguments this package treats null as omitted:
// reduce(f, null) uses no initial value, splice(i, n, null) inserts
// nothing, union(null) returns the receiver, range(null) is []. put(m)
// with one Map argument merges, while put(path, null) sets the member to
// null.
//
// Other deliberate differences: strftime formats in UTC (the reference uses
// the host's zone) with %Z printing "UTC"; random:integer() and
// random:number() default to an upper bound of 1 as documented (the
// reference returns 0); math:hashAlgorithms lists the algorithms of the Go
// standard library; null.as("Hex") is null instead of a crash; random:word
// draws from its own word list.
package stdlib
