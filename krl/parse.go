package krl

import (
	"github.com/gopico/pico/krl/ast"
	"github.com/gopico/pico/krl/internal/parse"
)

// Parse parses the KRL ruleset in src. filename is used in positions and
// error messages only.
//
// On failure the tree is nil and the error is an [ErrorList]: the first
// syntax error (parsing stops there), or every problem found while building
// the tree. Print it for a person with [FormatError].
//
// Parse is safe for concurrent use.
func Parse(filename string, src []byte) (*ast.Ruleset, error) {
	return parse.File(filename, src)
}

// ParseExpr parses src as a single KRL expression, such as
// `[1, 2].map(function(x) { x * 2 })`. Errors are as for [Parse].
func ParseExpr(filename string, src []byte) (ast.Expr, error) {
	return parse.Expr(filename, src)
}
