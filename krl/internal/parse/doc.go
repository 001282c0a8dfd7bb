// Package parse is the KRL frontend: it runs the ANTLR-generated lexer and
// parser of krl/internal/gen and builds krl/ast trees from their parse
// trees, so that no ANTLR type leaves krl/internal.
//
// # Basics
//
// [File] parses a ruleset and [Expr] a lone expression. Both return a
// diag.ErrorList on failure. The parse stops at the first syntax error,
// like the reference parser; the checks made while building the tree (a
// ruleset id with spaces, an unknown time period, ...) report every
// problem they find, up to [MaxErrors].
//
// Parsing runs in SLL prediction mode first, without a parse tree: the
// builder reads the labelled parts of the grammar's contexts. Only when
// that parse fails does a second one run, in full LL mode and with a parse
// tree for the error messages; in this grammar that means the input has a
// real error. The tokens and contexts of both come from a gen.Arena that
// the next parse recycles: the AST keeps none of them, only strings of the
// source.
//
// # Concurrency
//
// File and Expr may be called from any number of goroutines at once. Each
// call has its own token stream, parser and arena; the ATN and the DFA
// cache they fill are shared and stay warm across calls.
//
// # Caveats
//
// Sources larger than [MaxSourceSize] and nesting deeper than [MaxDepth]
// are rejected with an error rather than parsed.
package parse
