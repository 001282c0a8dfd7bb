// Package ast declares the syntax tree of KRL rulesets and expressions, as
// built by krl.Parse and krl.ParseExpr and consumed by the compiler.
//
// # Basics
//
// A [Ruleset] holds its meta block ([Meta] with [MetaProp] values), its
// global declarations and its [Rule] values. A rule has a [Select] (an
// [EventExpr] tree or a `select where` expression), foreach clauses, a
// prelude, an [ActionBlock] and a [Postlude] of [Stmt] values. Expressions
// implement [Expr].
//
// Every node records its position in At ([Pos]: file, 1-based line,
// 1-based column in code points, byte offset). For a node made by an
// operator the position is that of the operator token, where errors about
// the operation should point: the `+` of a [Binary], the `(` of a [Call],
// the `.` of a [Dot], the `{` of a [Path], the `[` of an [Index], the `=>`
// of a [Conditional], the keyword of an infix [EventOp]. Other nodes start
// at their first token.
//
// Literals are already decoded: [String] values have `\"` and `\\`
// replaced, [Chevron] parts alternate text and expressions, [RegExp]
// patterns have `\#` replaced, and [Number] values are float64 (Raw keeps
// the source text).
//
// [Walk], [Inspect] and [Children] traverse a tree in source order. Every
// node marshals to JSON with a "type" member naming its kind (see
// json.go); `krl parse --json` prints that form.
//
// # Concurrency
//
// Trees are plain data. Nothing in this package mutates them, so a tree may
// be read from many goroutines once built.
package ast
