// Package krl is the KRL toolchain: it parses and compiles rulesets written
// in KRL, the rule language of picos.
//
// # Basics
//
// [Parse] turns a source file into a syntax tree (package krl/ast);
// [ParseExpr] does the same for a single expression. Both report problems
// as an [ErrorList] of positioned [Error] values; [FormatError] prints them
// with the offending source line and a caret:
//
//	rs, err := krl.Parse("hello.krl", src)
//	if err != nil {
//		krl.FormatError(os.Stderr, err, src)
//		return err
//	}
//
// The parser follows the reference engine's parser: what it accepts parses,
// what it rejects fails with a clear message. Parsing stops at the first
// syntax error; checks made on the tree report every problem found.
//
// # Error codes
//
// Every [Error] has a stable code, for tests and tools (errors.Is with the
// Err* sentinels matches them too):
//
//	E1001 ErrSyntax        an unexpected or missing token
//	E1002 ErrIllegalChar   a character KRL does not use (`!`, `&`, `'`, `@`, non-ASCII)
//	E1003 ErrUnterminated  a string, chevron, regular expression or comment left open
//	E1004 ErrReserved      a reserved word used as a name, or an operator word starting an expression
//	E1005 ErrRulesetID     a malformed ruleset id (spaces inside, trailing `.` or `-`)
//	E1006 ErrLiteral       a malformed literal, such as a count that is not a positive integer
//	E1007 ErrClause        a clause KRL does not allow: unknown meta property, time period,
//	                       log level or `logging` value, more than one returned value or
//	                       action setting variable
//	E1008 ErrContinuation  a `{ [ ( - +` continuing the previous declaration's value where
//	                       a function's return expression was meant (write `;` or `return`)
//	E1009 ErrTooLarge      a source over 4 MiB
//	E1010 ErrTooDeep       nesting over 1,000 grammar levels
//	E1011 ErrTooMany       more than 10 errors (the rest are dropped)
//
// Codes from E2001 on are the compiler's (see the Code* and Warn*
// constants): E2001 undefined name (with a "did you mean" hint), E2002–E2005
// duplicates, E2006–E2007 parameter and argument order, E2008–E2009 not a
// function / not an action, E2010–E2012 shares and provides, E2013 meta
// property twice, E2014 unsupported construct, E2015 `:=` on other than
// ent:, E2016 rule without select, E2017 choose without labels, E2018–E2019
// unknown module or member, E2020 invalid regular expression, E2021
// meaningless construct; warnings W2001–W2008 for deprecated forms.
//
// # Compiling and running
//
// [Compile] (or [CompileSource]) resolves every name at compile time and
// turns the ruleset into a [Program] of Go closures. A Program is immutable
// and shared by every pico that runs the ruleset; [Program.Init] makes an
// [Instance] per pico (configuration, module instances, globals computed
// once). A [Thread] carries one event or query: its context, step budget,
// call depth limit, clock, logger and the [Host] through which rules reach
// the engine (entity variables, raised events, schedules, directives,
// library modules). Runtime errors are [*RuntimeError] values naming the
// ruleset, rule and position; exceeding the budget gives [ErrStepLimit] or
// [ErrDepthLimit], never a hang or a Go stack overflow.
//
//	prog, err := krl.CompileSource("hello.krl", src)
//	in, err := prog.Init(&krl.Thread{Ctx: ctx, Host: host}, krl.InitOptions{})
//	v, err := in.Query(&krl.Thread{Ctx: ctx, Host: host, Query: &krl.Query{}}, "greeting", nil)
//
// [Eval] evaluates a single expression, as `krl eval` does.
//
// # Concurrency
//
// Parse, ParseExpr and Compile are safe for concurrent use, and so are a
// Program and its Instances (each evaluation has its own Thread, used by one
// goroutine at a time). The generated parser
// keeps its prediction cache in shared memory, so every parse after the
// first few is fast whichever goroutine runs it.
package krl
