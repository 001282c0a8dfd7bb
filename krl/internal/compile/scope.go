package compile

import (
	"github.com/gopico/pico/krl/ast"
	"github.com/gopico/pico/krl/value"
)

// A level is a scope that owns a frame at run time: the ruleset (its frame
// holds configure variables and globals), a rule, one primitive event
// expression's `where`, a function or a defaction. Levels nest lexically;
// depth counts from the ruleset level (0).
type level struct {
	parent *level
	depth  int
	nslots int
	names  []string // slot names, for debugging output
}

func (lv *level) newSlot(name string) int {
	lv.nslots++
	lv.names = append(lv.names, name)
	return lv.nslots - 1
}

func (lv *level) child() *level {
	return &level{parent: lv, depth: lv.depth + 1}
}

// bindKind says where a name's value lives.
type bindKind uint8

const (
	bindSlot    bindKind = iota // a frame slot
	bindConst                   // a compile-time constant (stdlib operators, send_directive, noop)
	bindTesting                 // the generated __testing value
)

// A binding is what a name resolves to.
type binding struct {
	name   string
	kind   bindKind
	lv     *level // bindSlot
	slot   int    // bindSlot
	val    value.Value
	typ    string   // statically known KRL type name ("Function", "Action", ...), "" when unknown
	params []string // parameter names when typ is Function or Action
	pos    ast.Pos
}

// A scope maps names to bindings. Scopes chain to their parent; each belongs
// to a level. Declarations add names to a scope progressively, so code
// compiled earlier keeps the bindings it saw.
type scope struct {
	parent *scope
	lv     *level
	names  map[string]*binding
}

func newScope(parent *scope, lv *level) *scope {
	return &scope{parent: parent, lv: lv, names: map[string]*binding{}}
}

func (s *scope) lookup(name string) *binding {
	for ; s != nil; s = s.parent {
		if b, ok := s.names[name]; ok {
			return b
		}
	}
	return nil
}

// declare adds a slot binding for name in s's level.
func (s *scope) declare(name string, pos ast.Pos) *binding {
	b := &binding{name: name, kind: bindSlot, lv: s.lv, slot: s.lv.newSlot(name), pos: pos}
	s.names[name] = b
	return b
}

// visible returns every name visible from s, for "did you mean" hints.
func (s *scope) visible() []string {
	seen := map[string]bool{}
	var out []string
	for ; s != nil; s = s.parent {
		for n := range s.names {
			if !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	return out
}
