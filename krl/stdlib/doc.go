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
// nothing, union(null) returns the receiver, range(null) is [] and
// as(null) returns the receiver. put(m) with one Map argument merges, while
// put(path, null) sets the member to null.
//
// The reference engine runs on JavaScript, where a KRL null is sometimes
// undefined and sometimes null; this package has one null and follows the
// more common case: sorts by name put nulls last, a comparator returning
// null keeps the right element first, collect groups a null key under
// "null".
//
// Other deliberate differences: strftime formats in UTC (the reference uses
// the host's zone), %Z prints "UTC" and %j is always 1-based;
// random:integer() and random:number() default to an upper bound of 1 as
// documented (the reference returns 0); math:hashAlgorithms lists the
// algorithms of the Go standard library under Node's names; null.as("Hex")
// is null instead of a crash; random:word draws from its own word list;
// uc() knows ß but not every special case of Unicode; array properties
// such as [1,2]{"length"} are not values.
package stdlib
