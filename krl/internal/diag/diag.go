package diag

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/gopico/pico/krl/ast"
)

// Stable error codes. E1xxx are produced by the parser; E2xxx are left to
// the compiler. Codes never change meaning once published; tests and tools
// match on them rather than on message text.
const (
	CodeSyntax       = "E1001" // unexpected or missing token
	CodeIllegalChar  = "E1002" // a character KRL does not use
	CodeUnterminated = "E1003" // string, chevron, regular expression or comment left open
	CodeReserved     = "E1004" // reserved or operator word where a name or an expression is needed
	CodeRulesetID    = "E1005" // malformed ruleset id
	CodeLiteral      = "E1006" // malformed literal, such as a count that is not an integer
	CodeClause       = "E1007" // a clause the language does not allow (unknown meta property, time period, ...)
	CodeContinuation = "E1008" // `{ [ ( - +` that continues the previous expression instead of starting one
	CodeTooLarge     = "E1009" // source larger than the size limit
	CodeTooDeep      = "E1010" // nesting deeper than the depth limit
	CodeTooMany      = "E1011" // more errors than the error limit; the rest are dropped
)

// Sentinel errors, one per code, for errors.Is: an *Error matches the
// sentinel of its code, and an ErrorList matches when any of its errors does.
var (
	ErrSyntax       = &Error{Code: CodeSyntax, Msg: "syntax error"}
	ErrIllegalChar  = &Error{Code: CodeIllegalChar, Msg: "unsupported character"}
	ErrUnterminated = &Error{Code: CodeUnterminated, Msg: "unterminated literal"}
	ErrReserved     = &Error{Code: CodeReserved, Msg: "reserved word"}
	ErrRulesetID    = &Error{Code: CodeRulesetID, Msg: "malformed ruleset id"}
	ErrLiteral      = &Error{Code: CodeLiteral, Msg: "malformed literal"}
	ErrClause       = &Error{Code: CodeClause, Msg: "clause not allowed"}
	ErrContinuation = &Error{Code: CodeContinuation, Msg: "expression continues"}
	ErrTooLarge     = &Error{Code: CodeTooLarge, Msg: "source too large"}
	ErrTooDeep      = &Error{Code: CodeTooDeep, Msg: "nesting too deep"}
	ErrTooMany      = &Error{Code: CodeTooMany, Msg: "too many errors"}
)

// Error is one positioned diagnostic.
type Error struct {
	Pos  ast.Pos // where the problem is; the zero Pos when there is no position
	Code string  // stable code, one of the Code constants (or a compiler code)
	Msg  string  // lower-case message without position
}

// Error returns "file:line:col: msg", or just msg when the position is unknown.
func (e *Error) Error() string {
	if !e.Pos.IsValid() {
		if e.Pos.Filename != "" {
			return e.Pos.Filename + ": " + e.Msg
		}
		return e.Msg
	}
	return e.Pos.String() + ": " + e.Msg
}

// Is reports whether target is the sentinel of e's code (see ErrSyntax).
func (e *Error) Is(target error) bool {
	var t *Error
	if !errors.As(target, &t) || t.Pos.IsValid() {
		return false
	}
	return t.Code == e.Code && isSentinel(t)
}

func isSentinel(t *Error) bool {
	for _, s := range sentinels {
		if s == t {
			return true
		}
	}
	return false
}

var sentinels = []*Error{
	ErrSyntax, ErrIllegalChar, ErrUnterminated, ErrReserved, ErrRulesetID,
	ErrLiteral, ErrClause, ErrContinuation, ErrTooLarge, ErrTooDeep, ErrTooMany,
}

// ErrorList is a list of errors, sorted by position once Sort has run.
// Its zero value is an empty list ready to use.
type ErrorList []*Error

// Add appends an error.
func (l *ErrorList) Add(pos ast.Pos, code, msg string) {
	*l = append(*l, &Error{Pos: pos, Code: code, Msg: msg})
}

// Addf appends an error with a formatted message.
func (l *ErrorList) Addf(pos ast.Pos, code, format string, args ...any) {
	l.Add(pos, code, fmt.Sprintf(format, args...))
}

// Len, Less and Swap make an ErrorList a sort.Interface ordered by file,
// offset (line and column when offsets tie) and then message.
func (l ErrorList) Len() int      { return len(l) }
func (l ErrorList) Swap(i, j int) { l[i], l[j] = l[j], l[i] }
func (l ErrorList) Less(i, j int) bool {
	a, b := l[i].Pos, l[j].Pos
	switch {
	case a.Filename != b.Filename:
		return a.Filename < b.Filename
	case a.Line != b.Line:
		return a.Line < b.Line
	case a.Column != b.Column:
		return a.Column < b.Column
	}
	return l[i].Msg < l[j].Msg
}

// Sort sorts the list by position (stable, so equal positions keep the
// order in which they were found).
func (l ErrorList) Sort() { sort.Stable(l) }

// Error returns the first error's text, followed by the number of further
// errors, like go/scanner.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	case 2:
		return l[0].Error() + " (and 1 more error)"
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0].Error(), len(l)-1)
}

// Err returns nil for an empty list and the list itself otherwise.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Unwrap returns the errors of the list, for errors.Is and errors.As.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// Format writes err for a person: each error of it on its own line
// ("file:line:col: msg"), and under each positioned one the source line and
// a caret under the column, the line padded with dots:
//
//	hello.krl:3:12: expected an expression, found `}`
//	 | select when }
//	 | ...........^
//
// src is the source the errors refer to; errors without a position, or
// whose line is outside src, are written without the excerpt. An err that
// is neither an *Error nor an ErrorList is written as its Error text.
func Format(w io.Writer, err error, src []byte) error {
	if err == nil {
		return nil
	}
	var list ErrorList
	var one *Error
	switch {
	case errors.As(err, &list):
	case errors.As(err, &one):
		list = ErrorList{one}
	default:
		_, werr := fmt.Fprintln(w, err.Error())
		return werr
	}
	var b strings.Builder
	for _, e := range list {
		b.WriteString(e.Error())
		b.WriteByte('\n')
		if line, ok := sourceLine(src, e.Pos.Line); ok {
			b.WriteString(" | ")
			b.WriteString(line)
			b.WriteString("\n | ")
			b.WriteString(caretPad(line, e.Pos.Column))
			b.WriteString("^\n")
		}
	}
	_, werr := io.WriteString(w, b.String())
	return werr
}

// sourceLine returns line n (1-based) of src without its line terminator.
func sourceLine(src []byte, n int) (string, bool) {
	if n < 1 || len(src) == 0 {
		return "", false
	}
	s := string(src)
	for i := 1; i < n; i++ {
		j := strings.IndexByte(s, '\n')
		if j < 0 {
			return "", false
		}
		s = s[j+1:]
	}
	if j := strings.IndexByte(s, '\n'); j >= 0 {
		s = s[:j]
	}
	return strings.TrimRight(s, "\r"), true
}

// caretPad returns the padding that puts a caret under column col (1-based,
// in code points) of line: a dot per character, tabs kept as tabs so that
// the caret lines up in a terminal.
func caretPad(line string, col int) string {
	var b strings.Builder
	i := 1
	for _, r := range line {
		if i >= col {
			break
		}
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte('.')
		}
		i++
	}
	for ; i < col; i++ {
		b.WriteByte('.')
	}
	return b.String()
}
