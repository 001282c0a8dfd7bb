package ast

import (
	"fmt"
	"reflect"
)

// A Visitor's Visit method is called for each node Walk meets. If the
// returned visitor w is not nil, Walk visits each child of node with w,
// then calls w.Visit(nil).
type Visitor interface {
	Visit(node Node) (w Visitor)
}

// Walk traverses the tree rooted at node in depth-first source order: it
// calls v.Visit(node), then walks every non-nil child with the visitor that
// call returned, then calls Visit(nil) on it. A statement's guard
// expression is visited after the statement's own children.
func Walk(v Visitor, node Node) {
	if v = v.Visit(node); v == nil {
		return
	}
	for _, c := range Children(node) {
		Walk(v, c)
	}
	v.Visit(nil)
}

type inspector func(Node) bool

func (f inspector) Visit(node Node) Visitor {
	if f(node) {
		return f
	}
	return nil
}

// Inspect traverses the tree rooted at node in depth-first source order,
// calling f(node) for each node and, after the children of a node, f(nil).
// When f returns false, the children of that node are skipped.
func Inspect(node Node, f func(Node) bool) {
	Walk(inspector(f), node)
}

// Children returns the direct children of node in source order, leaving out
// absent (nil) ones.
func Children(node Node) []Node {
	var out []Node
	add := func(ns ...Node) {
		for _, n := range ns {
			if !isNil(n) {
				out = append(out, n)
			}
		}
	}
	guard := func(g Guard) { add(g.If) }
	switch n := node.(type) {
	case *Ruleset:
		if n.Version != nil {
			add(n.Version)
		}
		if n.Meta != nil {
			add(n.Meta)
		}
		for _, d := range n.Global {
			add(d)
		}
		for _, r := range n.Rules {
			add(r)
		}
	case *Meta:
		for _, p := range n.Props {
			add(p)
		}
	case *MetaValue:
		add(n.Value)
	case *MetaLogging:
	case *MetaShares:
		addIdents(add, n.Names)
	case *MetaProvides:
		addIdents(add, n.Names)
	case *MetaProvidesKeys:
		addIdents(add, n.Keys)
		for _, r := range n.To {
			add(r)
		}
	case *MetaUse:
		add(n.RID)
		if n.Alias != nil {
			add(n.Alias)
		}
		for _, d := range n.With {
			add(d)
		}
	case *MetaConfigure:
		for _, d := range n.Decls {
			add(d)
		}
	case *MetaKey:
		add(n.Name, n.Value)
	case *MetaErrorsTo:
		add(n.RID)
	case *RID:
	case *Decl:
		add(n.Name, n.Value)
	case *Rule:
		add(n.Name)
		if n.Select != nil {
			add(n.Select)
		}
		for _, f := range n.Foreach {
			add(f)
		}
		for _, d := range n.Pre {
			add(d)
		}
		if n.Action != nil {
			add(n.Action)
		}
		if n.Postlude != nil {
			add(n.Postlude)
		}
	case *Select:
		add(n.Event, n.Where)
		if n.Within != nil {
			add(n.Within)
		}
	case *Within:
		add(n.Expr)
	case *Foreach:
		add(n.Expr)
		addIdents(add, n.Setting)
	case *EventPrim:
		add(n.Domain, n.Type)
		for _, a := range n.Attrs {
			add(a)
		}
		if n.WhereFirst {
			add(n.Where)
			addIdents(add, n.Setting)
		} else {
			addIdents(add, n.Setting)
			add(n.Where)
		}
	case *AttrMatch:
		add(n.Name, n.Regex)
	case *EventOp:
		for _, a := range n.Args {
			add(a)
		}
	case *EventBetween:
		add(n.Event, n.Start, n.End)
	case *EventAny:
		for _, a := range n.Args {
			add(a)
		}
	case *EventGroup:
		add(n.Event)
		if n.Aggregate != nil {
			add(n.Aggregate)
		}
	case *Aggregate:
		addIdents(add, n.Vars)
	case *ActionBlock:
		add(n.Cond, n.Choose)
		for _, a := range n.Actions {
			add(a)
		}
	case *Action:
		add(n.Label, n.Domain, n.Name)
		for _, a := range n.Args {
			add(a)
		}
		add(n.Setting)
	case *Postlude:
		// In source order: the block written first, then else, then finally.
		first, second := n.Fired, n.NotFired
		if n.Kind == "notfired" {
			first, second = second, first
		}
		for _, list := range [][]Stmt{first, second, n.Always} {
			for _, s := range list {
				add(s)
			}
		}
	case *EntAssign:
		add(n.Domain, n.Name, n.Path, n.Value)
		guard(n.Guard)
	case *Clear:
		add(n.Domain, n.Name, n.Path)
		guard(n.Guard)
	case *Raise:
		add(n.Domain, n.Type, n.For, n.Attributes)
		guard(n.Guard)
	case *Schedule:
		add(n.Domain, n.Type, n.AtTime, n.Repeat, n.Attributes, n.Setting)
		guard(n.Guard)
	case *Log:
		add(n.Value)
		guard(n.Guard)
	case *ErrorStmt:
		add(n.Value)
		guard(n.Guard)
	case *Last:
		guard(n.Guard)
	case *DeclStmt:
		add(n.Decl)
		guard(n.Guard)
	case *Null, *Boolean, *Number, *String, *RegExp, *Ident, *DomainIdent:
	case *Chevron:
		for _, e := range n.Parts {
			add(e)
		}
	case *Array:
		for _, e := range n.Elems {
			add(e)
		}
	case *Map:
		for _, e := range n.Entries {
			add(e)
		}
	case *MapEntry:
		add(n.Key, n.Value)
	case *Param:
		add(n.Name, n.Default)
	case *Function:
		for _, p := range n.Params {
			add(p)
		}
		for _, d := range n.Body {
			add(d)
		}
		add(n.Return)
	case *Defaction:
		for _, p := range n.Params {
			add(p)
		}
		for _, d := range n.Body {
			add(d)
		}
		if n.Action != nil {
			add(n.Action)
		}
		add(n.Return)
	case *Unary:
		add(n.X)
	case *Binary:
		add(n.X, n.Y)
	case *Conditional:
		add(n.Cond, n.Then, n.Else)
	case *Arg:
		add(n.Name, n.Value)
	case *Call:
		add(n.Fn)
		for _, a := range n.Args {
			add(a)
		}
	case *Dot:
		add(n.X)
	case *Index:
		add(n.X, n.Index)
	case *Path:
		add(n.X, n.Key)
	default:
		panic(fmt.Sprintf("ast.Children: unexpected node type %T", node))
	}
	return out
}

func addIdents(add func(...Node), ids []*Ident) {
	for _, id := range ids {
		add(id)
	}
}

// isNil reports whether n is nil or a typed nil pointer.
func isNil(n Node) bool {
	if n == nil {
		return true
	}
	v := reflect.ValueOf(n)
	return v.Kind() == reflect.Pointer && v.IsNil()
}
