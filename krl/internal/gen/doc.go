// Package gen holds the ANTLR-generated lexer and parser of KRL.
//
// The grammars are KRLLexer.g4 and KRLParser.g4; `go generate` runs
// generate.sh, which installs the pinned antlr-ng tool with npm and rewrites
// krl_lexer.go and krl_parser.go. Only the grammars, the scripts, this file
// and three more are written by hand:
//
//   - tokens.go: [Lex] lexes a whole source at once into a [TokenStream] of
//     [Token] values held in one slice, whose text is a substring of the
//     source (the runtime's lexer and token stream allocate a token object
//     per token and convert its text on every call);
//   - scan.go: the scanner Lex runs, which makes the tokens KRLLexer.g4
//     defines, checked against the generated lexer by TestScanMatchesLexer
//     and FuzzScan; the generated lexer runs a DFA through interface calls
//     and a lock per character and is fifteen times slower;
//   - lexer.go: the generated lexer's mode stack;
//   - parser.go: the nesting limit ([KRLParser.SetMaxDepth]), what the
//     parser needs to run without building a parse tree, and the greedy
//     prediction of the operators of expr
//     ([KRLParser.SetGreedyOperators]); generate.sh makes the generated
//     expr call it and writes krl_expr.go, the operator alternatives by
//     precedence;
//   - arena.go: [Arena], which recycles the tokens and contexts of a parse
//     for the next one. generate.sh makes the generated constructors
//     allocate from it and writes krl_arena.go, a slab per context type.
//
// A normal build needs neither Node nor Java.
//
// Nothing outside krl/internal may import this package: krl/internal/parse
// wraps it, owns the error reporting, and converts parse trees into krl/ast
// nodes at once.
//
// # Basics
//
// The grammar labels every part of a rule that the AST builder needs, so
// that a parse can run with BuildParseTrees off: the builder reads the
// labels, never the children of a context. Only the consequent of `a => b |
// c` cannot be labelled (see [KRLParser.UnrollRecursionContexts]).
//
// # Concurrency
//
// The generated code keeps the ATN and the DFA cache in package-level static
// data shared by every lexer and parser instance, guarded by the runtime's
// locks. Lexers, parsers, token streams and arenas themselves must not be
// shared between goroutines; create one of each per parse ([NewArena]
// recycles arenas safely through a sync.Pool).
package gen
