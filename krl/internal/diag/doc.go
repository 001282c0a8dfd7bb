// Package diag holds the positioned errors of the KRL toolchain: [Error],
// [ErrorList], the stable error codes and [Format], which prints errors with
// a source excerpt and a caret.
//
// It lives below krl so that every stage (the parser here, the compiler
// elsewhere in krl/internal) can produce the very same error values without
// an import cycle; package krl re-exports the types as krl.Error and
// krl.ErrorList.
//
// # Basics
//
// An [Error] is a position, a code and a lower-case message; its Error
// method gives the one-line "file:line:col: msg" form that editors can jump
// to. Stages collect errors in an [ErrorList], sort it and return
// list.Err(), which is nil when nothing went wrong. Match kinds of errors
// with errors.Is and the sentinels (errors.Is(err, diag.ErrSyntax)), or
// compare Error.Code.
//
// # Codes
//
//	E1001 syntax: an unexpected or missing token
//	E1002 a character KRL does not use (`!`, `&`, `'`, `@`, non-ASCII, ...)
//	E1003 a string, chevron, regular expression or comment left open
//	E1004 a reserved word used as a name, or an operator word starting an expression
//	E1005 a malformed ruleset id (spaces inside, trailing `.` or `-`)
//	E1006 a malformed literal (a count that is not a positive integer)
//	E1007 a clause the language does not allow (unknown meta property,
//	      time period, `logging` value, more than one returned value or
//	      setting variable)
//	E1008 a `{`, `[`, `(`, `-` or `+` that continues the previous
//	      expression across a line where a new one was meant
//	E1009 the source is larger than the size limit
//	E1010 the nesting is deeper than the depth limit
//	E1011 more errors than the error limit (the last entry of the list)
//
// Codes from E2001 on belong to the compiler.
package diag
