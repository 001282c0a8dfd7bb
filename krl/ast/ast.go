package ast

import "fmt"

// Pos is a position in a KRL source file. Line and Column are 1-based; Column
// counts Unicode code points from the start of the line. Offset is the 0-based
// byte offset in the source. The zero Pos is "no position".
type Pos struct {
	Filename string `json:"file,omitempty"`
	Offset   int    `json:"offset"`
	Line     int    `json:"line"`
	Column   int    `json:"col"`
}

// IsValid reports whether p carries a position.
func (p Pos) IsValid() bool { return p.Line > 0 }

// String returns "file:line:col" (or "line:col" without a file name).
func (p Pos) String() string {
	if p.Filename == "" {
		return fmt.Sprintf("%d:%d", p.Line, p.Column)
	}
	return fmt.Sprintf("%s:%d:%d", p.Filename, p.Line, p.Column)
}

// Node is implemented by every AST node.
type Node interface {
	Pos() Pos
}

// Expr is an expression node.
type Expr interface {
	Node
	exprNode()
}

// Stmt is a postlude statement.
type Stmt interface {
	Node
	stmtNode()
}

// MetaProp is one property of a ruleset's meta block.
type MetaProp interface {
	Node
	metaNode()
}

// EventExpr is an event expression of a `select when` clause.
type EventExpr interface {
	Node
	eventNode()
}

// ---------------------------------------------------------------------------
// Ruleset structure

// Ruleset is a whole KRL source file.
type Ruleset struct {
	At      Pos
	RID     string
	RIDPos  Pos
	Version *String // legacy `version "..."` right after the RID; nil when absent
	Meta    *Meta   // nil when absent
	Global  []*Decl // nil when the global block is absent
	Rules   []*Rule
}

// Meta is the meta block.
type Meta struct {
	At    Pos
	Props []MetaProp
}

// MetaValue is `name E`, `description E`, `author E` or `version E`.
type MetaValue struct {
	At    Pos
	Key   string // "name", "description", "author" or "version"
	Value Expr
}

// MetaLogging is the deprecated `logging on|off`.
type MetaLogging struct {
	At Pos
	On bool
}

// MetaShares is `shares a, b` (or `share`).
type MetaShares struct {
	At    Pos
	Names []*Ident
}

// MetaProvides is `provides a, b` (or `provide`).
type MetaProvides struct {
	At    Pos
	Names []*Ident
}

// MetaProvidesKeys is `provides keys k1, k2 to rid1, rid2` (parsed, rejected by the compiler).
type MetaProvidesKeys struct {
	At   Pos
	Keys []*Ident
	To   []*RID
}

// MetaUse is `use module RID [alias A] [with d1 [and] d2 ...]`.
type MetaUse struct {
	At    Pos
	RID   *RID
	Alias *Ident  // nil when absent
	With  []*Decl // nil when absent
}

// MetaConfigure is `configure using d1 d2 ...`.
type MetaConfigure struct {
	At    Pos
	Decls []*Decl
}

// MetaKey is `key N E` (parsed, rejected by the compiler).
type MetaKey struct {
	At    Pos
	Name  *Ident
	Value Expr
}

// MetaErrorsTo is `errors to RID` (parsed, rejected by the compiler).
type MetaErrorsTo struct {
	At  Pos
	RID *RID
}

// RID is a ruleset id as written in a meta property.
type RID struct {
	At    Pos
	Value string
}

// Decl is `name = expr`.
type Decl struct {
	At    Pos
	Name  *Ident
	Value Expr
}

// Rule is one rule.
type Rule struct {
	At       Pos
	Name     *Ident
	Inactive bool         // `is inactive`
	Select   *Select      // nil only for an (invalid) rule without select
	Foreach  []*Foreach   // outermost first
	Pre      []*Decl      // nil when no pre block
	Action   *ActionBlock // nil when the rule has no action block
	Postlude *Postlude    // nil when absent
}

// Select is `select when EVENTEXPR [within E UNIT]` or `select where E`.
type Select struct {
	At     Pos
	Event  EventExpr // nil for `select where`
	Where  Expr      // set for `select where`
	Within *Within   // nil when absent
}

// Within is `within EXPR UNIT`.
type Within struct {
	At   Pos
	Expr Expr
	Unit string // as written: "second", "seconds", "minute", ..., "years"
}

// Foreach is `foreach EXPR setting(v [, k])`.
type Foreach struct {
	At      Pos
	Expr    Expr
	Setting []*Ident
}

// ---------------------------------------------------------------------------
// Event expressions

// EventPrim is a primitive event expression:
// `domain type attr re#..# ... [setting(v...)] [where E]`.
type EventPrim struct {
	At         Pos
	Domain     *Ident
	Type       *Ident
	Attrs      []*AttrMatch
	Setting    []*Ident // nil when absent
	Where      Expr     // nil when absent
	WhereFirst bool     // `where` written before `setting` (deprecated order)
}

// AttrMatch is `attr re#...#`.
type AttrMatch struct {
	At    Pos
	Name  *Ident
	Regex *RegExp
}

// EventOp is a binary infix (`a before b`, Variadic false, two Args) or a prefix
// variadic (`before(a, b, c)`, Variadic true) operator. Op is one of
// "or", "and", "before", "then", "after".
type EventOp struct {
	At       Pos
	Op       string
	Variadic bool
	Args     []EventExpr
}

// EventBetween is `e between(a, b)` or `e not between(a, b)`.
type EventBetween struct {
	At    Pos
	Not   bool
	Event EventExpr
	Start EventExpr
	End   EventExpr
}

// EventAny is `any N (e1, ..., ek)`.
type EventAny struct {
	At   Pos
	N    int
	Args []EventExpr
}

// EventGroup is `count N (e) [agg(v...)]` or `repeat N (e) [agg(v...)]`.
type EventGroup struct {
	At        Pos
	Op        string // "count" or "repeat"
	N         int
	Event     *EventPrim
	Aggregate *Aggregate // nil when absent
}

// Aggregate is `max|min|sum|avg|push (v...)`.
type Aggregate struct {
	At   Pos
	Op   string
	Vars []*Ident
}

// ---------------------------------------------------------------------------
// Actions

// ActionBlock is the action part of a rule or defaction.
type ActionBlock struct {
	At      Pos
	Cond    Expr      // `if COND then`; nil when absent
	Kind    string    // "" (a single action), "every", "sample" or "choose"
	Choose  Expr      // the choose expression (Kind == "choose")
	Actions []*Action // one for Kind == ""
}

// Action is `[label =>] [domain:]name(args) [setting(v)]`.
type Action struct {
	At      Pos
	Label   *Ident // nil when absent
	Domain  *Ident // nil for a plain name
	Name    *Ident
	Args    []*Arg
	Setting *Ident // nil when absent
}

// Postlude is the postlude of a rule. Kind is "always", "fired" or "notfired"
// as written. Fired/NotFired/Always hold the statements that run when the rule
// fired, did not fire, and in any case (`finally`/`always`), whichever way the
// source spelled them. Else records whether an `else` block was present.
type Postlude struct {
	At       Pos
	Kind     string
	Fired    []Stmt
	NotFired []Stmt
	Always   []Stmt
	Else     bool
	Finally  bool
}

// ---------------------------------------------------------------------------
// Postlude statements. Every statement may carry a guard: `if E` or `on final`.

// Guard is the optional guard of a statement.
type Guard struct {
	If      Expr // nil when absent
	OnFinal bool
}

// EntAssign is `domain:name [{path}] := value`.
type EntAssign struct {
	At     Pos
	Domain *Ident // "ent" (or "app", which the compiler rejects)
	Name   *Ident
	Path   Expr // nil when absent
	Value  Expr
	Guard
}

// Clear is `clear domain:name [{path}]`.
type Clear struct {
	At     Pos
	Domain *Ident
	Name   *Ident
	Path   Expr
	Guard
}

// Raise is `raise D event TYPE [for RID] [attributes E]` (Domain set, Type is
// the TYPE expression) or `raise event DT ...` (Domain nil, Type is the
// domain:type expression).
type Raise struct {
	At         Pos
	Domain     *Ident
	Type       Expr
	For        Expr // nil when absent
	Attributes Expr // nil when absent
	Guard
}

// Schedule is `schedule D event TYPE (at E | repeat E) [attributes E] [setting(v)]`
// (Domain nil for the `schedule event DT` form).
type Schedule struct {
	At         Pos
	Domain     *Ident
	Type       Expr
	AtTime     Expr // `at`; nil for repeat
	Repeat     Expr // `repeat`; nil for at
	Attributes Expr
	Setting    *Ident
	Guard
}

// Log is `log LEVEL E`.
type Log struct {
	At    Pos
	Level string // "error", "warn", "info" or "debug"
	Value Expr
	Guard
}

// ErrorStmt is `error LEVEL E`.
type ErrorStmt struct {
	At    Pos
	Level string
	Value Expr
	Guard
}

// Last is `last`.
type Last struct {
	At Pos
	Guard
}

// DeclStmt is a local declaration in a postlude.
type DeclStmt struct {
	At   Pos
	Decl *Decl
	Guard
}

// ---------------------------------------------------------------------------
// Expressions

// Null is `null`.
type Null struct{ At Pos }

// Boolean is `true` or `false`.
type Boolean struct {
	At    Pos
	Value bool
}

// Number is a numeric literal.
type Number struct {
	At    Pos
	Value float64
	Raw   string
}

// String is a string literal, already decoded (only `\"` and `\\` are escapes).
type String struct {
	At    Pos
	Value string
}

// Chevron is `<< text #{expr} text >>`. Parts alternate text (*String) and
// interpolated expressions, in source order; empty text parts are omitted.
type Chevron struct {
	At    Pos
	Parts []Expr
}

// RegExp is `re#pattern#flags`; Pattern has `\#` already turned into `#`.
type RegExp struct {
	At      Pos
	Pattern string
	Flags   string
}

// Ident is a plain identifier.
type Ident struct {
	At   Pos
	Name string
}

// DomainIdent is `domain:name` (ent:x, event:attrs, ctx:rid, alias:fn, ...).
type DomainIdent struct {
	At     Pos
	Domain string
	Name   string
}

// Array is `[e1, e2, ...]`.
type Array struct {
	At    Pos
	Elems []Expr
}

// Map is `{"k": v, ...}`.
type Map struct {
	At      Pos
	Entries []*MapEntry
}

// MapEntry is one `"k": v` of a map literal.
type MapEntry struct {
	At    Pos
	Key   *String
	Value Expr
}

// Param is a function or defaction parameter, with an optional default.
type Param struct {
	At      Pos
	Name    *Ident
	Default Expr // nil when absent
}

// Function is `function(params) { decls; [return] expr }`.
type Function struct {
	At     Pos
	Params []*Param
	Body   []*Decl
	Return Expr
}

// Defaction is `defaction(params) { decls; action-block; [return expr] }`.
type Defaction struct {
	At     Pos
	Params []*Param
	Body   []*Decl
	Action *ActionBlock
	Return Expr // nil when absent
}

// Unary is `not x`, `-x` or `+x`.
type Unary struct {
	At Pos
	Op string // "not", "-", "+"
	X  Expr
}

// Binary is `x OP y`; Op is one of
// `* / % + - == != < <= > >= like >< <=> cmp && ||`.
type Binary struct {
	At Pos
	Op string
	X  Expr
	Y  Expr
}

// Conditional is `cond => then | else`.
type Conditional struct {
	At   Pos
	Cond Expr
	Then Expr
	Else Expr
}

// Arg is a call argument; Name is nil for a positional argument.
type Arg struct {
	At    Pos
	Name  *Ident
	Value Expr
}

// Call is `fn(args)`. When Fn is a *Dot the call is a method call
// (`x.f(a)` ≡ `f(x, a)`).
type Call struct {
	At   Pos
	Fn   Expr
	Args []*Arg
}

// Dot is `x.name` or `x.domain:name`. Without a call around it, it is the
// deprecated raw member read.
type Dot struct {
	At     Pos
	X      Expr
	Domain string // "" for a plain name
	Name   string
}

// Index is `x[i]`.
type Index struct {
	At    Pos
	X     Expr
	Index Expr
}

// Path is `x{k}` (k may be a key or an array of keys).
type Path struct {
	At  Pos
	X   Expr
	Key Expr
}

// ---------------------------------------------------------------------------
// Positions and markers

func (n *Ruleset) Pos() Pos          { return n.At }
func (n *Meta) Pos() Pos             { return n.At }
func (n *MetaValue) Pos() Pos        { return n.At }
func (n *MetaLogging) Pos() Pos      { return n.At }
func (n *MetaShares) Pos() Pos       { return n.At }
func (n *MetaProvides) Pos() Pos     { return n.At }
func (n *MetaProvidesKeys) Pos() Pos { return n.At }
func (n *MetaUse) Pos() Pos          { return n.At }
func (n *MetaConfigure) Pos() Pos    { return n.At }
func (n *MetaKey) Pos() Pos          { return n.At }
func (n *MetaErrorsTo) Pos() Pos     { return n.At }
func (n *RID) Pos() Pos              { return n.At }
func (n *Decl) Pos() Pos             { return n.At }
func (n *Rule) Pos() Pos             { return n.At }
func (n *Select) Pos() Pos           { return n.At }
func (n *Within) Pos() Pos           { return n.At }
func (n *Foreach) Pos() Pos          { return n.At }
func (n *EventPrim) Pos() Pos        { return n.At }
func (n *AttrMatch) Pos() Pos        { return n.At }
func (n *EventOp) Pos() Pos          { return n.At }
func (n *EventBetween) Pos() Pos     { return n.At }
func (n *EventAny) Pos() Pos         { return n.At }
func (n *EventGroup) Pos() Pos       { return n.At }
func (n *Aggregate) Pos() Pos        { return n.At }
func (n *ActionBlock) Pos() Pos      { return n.At }
func (n *Action) Pos() Pos           { return n.At }
func (n *Postlude) Pos() Pos         { return n.At }
func (n *EntAssign) Pos() Pos        { return n.At }
func (n *Clear) Pos() Pos            { return n.At }
func (n *Raise) Pos() Pos            { return n.At }
func (n *Schedule) Pos() Pos         { return n.At }
func (n *Log) Pos() Pos              { return n.At }
func (n *ErrorStmt) Pos() Pos        { return n.At }
func (n *Last) Pos() Pos             { return n.At }
func (n *DeclStmt) Pos() Pos         { return n.At }
func (n *Null) Pos() Pos             { return n.At }
func (n *Boolean) Pos() Pos          { return n.At }
func (n *Number) Pos() Pos           { return n.At }
func (n *String) Pos() Pos           { return n.At }
func (n *Chevron) Pos() Pos          { return n.At }
func (n *RegExp) Pos() Pos           { return n.At }
func (n *Ident) Pos() Pos            { return n.At }
func (n *DomainIdent) Pos() Pos      { return n.At }
func (n *Array) Pos() Pos            { return n.At }
func (n *Map) Pos() Pos              { return n.At }
func (n *MapEntry) Pos() Pos         { return n.At }
func (n *Param) Pos() Pos            { return n.At }
func (n *Function) Pos() Pos         { return n.At }
func (n *Defaction) Pos() Pos        { return n.At }
func (n *Unary) Pos() Pos            { return n.At }
func (n *Binary) Pos() Pos           { return n.At }
func (n *Conditional) Pos() Pos      { return n.At }
func (n *Arg) Pos() Pos              { return n.At }
func (n *Call) Pos() Pos             { return n.At }
func (n *Dot) Pos() Pos              { return n.At }
func (n *Index) Pos() Pos            { return n.At }
func (n *Path) Pos() Pos             { return n.At }

func (*MetaValue) metaNode()        {}
func (*MetaLogging) metaNode()      {}
func (*MetaShares) metaNode()       {}
func (*MetaProvides) metaNode()     {}
func (*MetaProvidesKeys) metaNode() {}
func (*MetaUse) metaNode()          {}
func (*MetaConfigure) metaNode()    {}
func (*MetaKey) metaNode()          {}
func (*MetaErrorsTo) metaNode()     {}

func (*EventPrim) eventNode()    {}
func (*EventOp) eventNode()      {}
func (*EventBetween) eventNode() {}
func (*EventAny) eventNode()     {}
func (*EventGroup) eventNode()   {}

func (*EntAssign) stmtNode() {}
func (*Clear) stmtNode()     {}
func (*Raise) stmtNode()     {}
func (*Schedule) stmtNode()  {}
func (*Log) stmtNode()       {}
func (*ErrorStmt) stmtNode() {}
func (*Last) stmtNode()      {}
func (*DeclStmt) stmtNode()  {}

func (*Null) exprNode()        {}
func (*Boolean) exprNode()     {}
func (*Number) exprNode()      {}
func (*String) exprNode()      {}
func (*Chevron) exprNode()     {}
func (*RegExp) exprNode()      {}
func (*Ident) exprNode()       {}
func (*DomainIdent) exprNode() {}
func (*Array) exprNode()       {}
func (*Map) exprNode()         {}
func (*Function) exprNode()    {}
func (*Defaction) exprNode()   {}
func (*Unary) exprNode()       {}
func (*Binary) exprNode()      {}
func (*Conditional) exprNode() {}
func (*Call) exprNode()        {}
func (*Dot) exprNode()         {}
func (*Index) exprNode()       {}
func (*Path) exprNode()        {}
