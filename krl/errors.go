package krl

import (
	"io"

	"github.com/gopico/pico/krl/internal/diag"
)

// Error is one positioned diagnostic of the KRL toolchain: a position, a
// stable code (see the package documentation) and a lower-case message.
// Its Error method returns "file:line:col: msg".
type Error = diag.Error

// ErrorList is a list of errors sorted by position. It implements error;
// Err returns nil when the list is empty. errors.Is and errors.As look
// through it at each [Error].
type ErrorList = diag.ErrorList

// Sentinel errors matching every [Error] of one code, for errors.Is:
//
//	if errors.Is(err, krl.ErrSyntax) { ... }
var (
	// ErrSyntax matches E1001: an unexpected or missing token.
	ErrSyntax = diag.ErrSyntax
	// ErrIllegalChar matches E1002: a character KRL does not use.
	ErrIllegalChar = diag.ErrIllegalChar
	// ErrUnterminated matches E1003: a string, chevron, regular expression
	// or comment left open.
	ErrUnterminated = diag.ErrUnterminated
	// ErrReserved matches E1004: a reserved word used as a name, or an
	// operator word starting an expression.
	ErrReserved = diag.ErrReserved
	// ErrRulesetID matches E1005: a malformed ruleset id.
	ErrRulesetID = diag.ErrRulesetID
	// ErrLiteral matches E1006: a malformed literal.
	ErrLiteral = diag.ErrLiteral
	// ErrClause matches E1007: a clause the language does not allow.
	ErrClause = diag.ErrClause
	// ErrContinuation matches E1008: a `{ [ ( - +` continuing the previous
	// expression where a new one was meant.
	ErrContinuation = diag.ErrContinuation
	// ErrTooLarge matches E1009: a source over the size limit.
	ErrTooLarge = diag.ErrTooLarge
	// ErrTooDeep matches E1010: nesting over the depth limit.
	ErrTooDeep = diag.ErrTooDeep
	// ErrTooMany matches E1011: more errors than the error limit.
	ErrTooMany = diag.ErrTooMany
)

// FormatError writes err for a person: every error on its own line, each
// followed by the source line it points into and a caret under the column.
// src is the source that was parsed. Errors that are not KRL errors are
// written as their Error text.
func FormatError(w io.Writer, err error, src []byte) error {
	return diag.Format(w, err, src)
}
