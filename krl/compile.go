package krl

import (
	"github.com/gopico/pico/krl/ast"
	"github.com/gopico/pico/krl/internal/compile"
	"github.com/gopico/pico/krl/value"
)

// Codes of the compiler's errors ([Error].Code). They never change meaning;
// match on them rather than on message text.
const (
	CodeUndefined        = compile.CodeUndefined        // a name that is not in scope
	CodeDuplicateDecl    = compile.CodeDuplicateDecl    // a name declared twice in one block
	CodeDuplicateRule    = compile.CodeDuplicateRule    // two rules with one name
	CodeDuplicateParam   = compile.CodeDuplicateParam   // a parameter listed twice
	CodeDuplicateAlias   = compile.CodeDuplicateAlias   // two `use module` lines with one alias
	CodeDefaultOrder     = compile.CodeDefaultOrder     // a parameter without default after a defaulted one
	CodeArgOrder         = compile.CodeArgOrder         // a positional argument after a named one
	CodeNotFunction      = compile.CodeNotFunction      // calling what is known not to be a function
	CodeNotAction        = compile.CodeNotAction        // invoking what is known not to be an action
	CodeShareUndefined   = compile.CodeShareUndefined   // `shares x` without a global x
	CodeProvideUndefined = compile.CodeProvideUndefined // `provides x` without a global x
	CodeShareAction      = compile.CodeShareAction      // sharing a defaction
	CodeMetaDuplicate    = compile.CodeMetaDuplicate    // a meta name, description, author or version given twice
	CodeUnsupported      = compile.CodeUnsupported      // `key`, `errors to`, `provides keys`, app: variables
	CodeEntDomain        = compile.CodeEntDomain        // `:=` or `clear` on something other than ent:
	CodeMissingSelect    = compile.CodeMissingSelect    // an active rule without select
	CodeChooseLabel      = compile.CodeChooseLabel      // an action of a choose block without a label
	CodeUnknownModule    = compile.CodeUnknownModule    // a domain that is no module
	CodeUnknownMember    = compile.CodeUnknownMember    // a member a known module does not have
	CodeRegexp           = compile.CodeRegexp           // an invalid regular expression literal
	CodeMeaningless      = compile.CodeMeaningless      // `x.m:f` without a call
	CodeInternal         = compile.CodeInternal         // an AST the compiler does not expect
)

// Codes of the compiler's warnings ([Program.Warnings]).
const (
	WarnDot        = compile.WarnDot        // the deprecated `a.b` member read
	WarnEventAttr  = compile.WarnEventAttr  // the deprecated event:attr(k)
	WarnVersion    = compile.WarnVersion    // the deprecated ruleset-level version
	WarnLogging    = compile.WarnLogging    // the deprecated meta logging
	WarnInactive   = compile.WarnInactive   // a rule that is inactive
	WarnEntPut     = compile.WarnEntPut     // ent:v := ent:v.put(k, x), better written ent:v{k} := x
	WarnWhereOrder = compile.WarnWhereOrder // `where` written before `setting`
)

// CompileOption configures [Compile], [CompileSource] and the CompileExpr
// functions.
type CompileOption func(*compileOptions)

// compileOptions are the compiler's options (the zero value is the default).
type compileOptions = compile.Options

// HostModules declares the domains of the host's native modules. Once
// given, a domain that is neither built in, nor a `use module` alias, nor
// one of names is a compile error (with a "did you mean" hint); without it
// such domains are left to the [Host] at run time.
func HostModules(names ...string) CompileOption {
	return func(o *compileOptions) {
		o.HostModules = append(append([]string{}, o.HostModules...), names...)
	}
}

// MaxErrors caps the number of errors one compilation reports (default 50).
func MaxErrors(n int) CompileOption {
	return func(o *compileOptions) { o.MaxErrors = n }
}

func options(opts []CompileOption) compileOptions {
	var o compileOptions
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// Compile compiles a parsed ruleset into a [Program]. Names are resolved
// here: an unknown name, a duplicate declaration or rule, a misplaced
// argument, sharing an undefined name or an action, calling a defaction as
// a function and the other mistakes that can be seen without running are
// reported together, as an [ErrorList] sorted by position (see the Code
// constants). Warnings do not fail compilation; see [Program.Warnings].
//
// Compile is safe for concurrent use.
func Compile(rs *ast.Ruleset, opts ...CompileOption) (*Program, error) {
	p, err := compile.Compile(rs, options(opts))
	if err != nil {
		return nil, err
	}
	return newProgram(p), nil
}

// CompileSource parses and compiles the KRL ruleset in src; filename is used
// in positions only.
func CompileSource(filename string, src []byte, opts ...CompileOption) (*Program, error) {
	rs, err := Parse(filename, src)
	if err != nil {
		return nil, err
	}
	return Compile(rs, opts...)
}

// emptyRuleset is the program that CompileExpr compiles expressions in: only
// the predeclared names are visible.
var emptyRuleset = func() *compile.Program {
	p, err := compile.Compile(&ast.Ruleset{}, compile.Options{})
	if err != nil {
		panic(err)
	}
	return p
}()

// CompileExpr compiles an expression that sees only the predeclared names
// (the library operators, send_directive, noop, __testing). Evaluate it
// with a nil instance.
func CompileExpr(e ast.Expr, opts ...CompileOption) (*Expr, error) {
	x, err := emptyRuleset.CompileExpr(e, options(opts))
	if err != nil {
		return nil, err
	}
	return &Expr{x: x}, nil
}

// Eval parses, compiles and evaluates the expression in src on t; filename
// is used in positions only.
func Eval(t *Thread, filename string, src []byte) (value.Value, error) {
	e, err := ParseExpr(filename, src)
	if err != nil {
		return value.Null, err
	}
	x, err := CompileExpr(e)
	if err != nil {
		return value.Null, err
	}
	return x.Eval(t, nil)
}
