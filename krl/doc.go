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
// Codes from E2001 on are the compiler's.
//
// # Concurrency
//
// Parse and ParseExpr are safe for concurrent use. The generated parser
// keeps its prediction cache in shared memory, so every parse after the
// first few is fast whichever goroutine runs it.
package krl
