// Package compile turns a KRL ruleset's syntax tree into Go closures and runs
// them. Package krl is its public face.
//
// # Basics
//
// Compile resolves every name at compile time, following the language's
// lexical scopes: the predeclared names (library operators, send_directive,
// noop, __testing), then the ruleset (configure variables and globals), then
// a rule (select variables, foreach variables, prelude, action settings,
// postlude declarations) or a function. A name resolves to a constant or to
// a slot of a frame (levels up, index); function and defaction
// declarations of a block are compiled after the block's other declarations
// so that they may refer to any name of it. Every expression becomes an
// evalFn closure; constants are folded and regular expressions compiled
// once. Arithmetic and comparisons on Numbers take a fast path that
// allocates nothing.
//
// A Program is the compiled ruleset: closures, no values but constants. An
// Instance is a Program initialised on a pico: its ruleset frame holds the
// configure variables and globals, computed once by Init; module instances
// are linked there too. Rules run on a fresh frame per Run; functions get a
// frame per call that closures created inside capture.
//
// # Concurrency
//
// Programs and Instances do not change after Compile and Init, so any number
// of goroutines may use them, each with its own eval.Thread.
//
// # Caveats
//
// Errors are returned, never panicked; `last` unwinds as an error. Every
// entry point (Init, Query, TestPrim, SelectWhere, Run, Expr.Eval) recovers
// from panics and reports them as errors wrapping eval.ErrInternal, so that
// a bug in the run time or in a host fails one evaluation, not the process.
package compile
