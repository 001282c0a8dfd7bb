// Package gen holds the ANTLR-generated lexer and parser of KRL.
//
// The grammars are KRLLexer.g4 and KRLParser.g4; `go generate` runs
// generate.sh, which installs the pinned antlr-ng tool with npm and rewrites
// krl_lexer.go and krl_parser.go. Only the grammars, the scripts, lexer.go
// and this file are written by hand. A normal build needs neither Node nor
// Java.
//
// Nothing outside krl/internal may import this package: krl/internal/parse
// wraps it, owns the error reporting, and converts parse trees into krl/ast
// nodes at once.
//
// # Concurrency
//
// The generated code keeps the ATN and the DFA cache in package-level static
// data shared by every lexer and parser instance, guarded by the runtime's
// locks. Lexer and parser instances themselves must not be shared between
// goroutines; create one of each per parse.
package gen
