package eventbus_test

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"github.com/gopico/pico/eventbus"
	"github.com/gopico/pico/krl/ast"
	"github.com/gopico/pico/krl/value"
)

func ExampleBus_Do() {
	bus, err := eventbus.New()
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	count := map[string]int{} // per-pico state, only touched inside the pico's mailbox
	for _, pico := range []string{"alice", "bob", "alice"} {
		err := bus.Do(ctx, pico, func(ctx context.Context) error {
			count[pico]++
			return nil
		})
		if err != nil {
			panic(err)
		}
	}
	if err := bus.Close(ctx); err != nil {
		panic(err)
	}
	fmt.Println(count["alice"], count["bob"])
	// Output: 2 1
}

func ExampleBus_Submit() {
	bus, err := eventbus.New()
	if err != nil {
		panic(err)
	}
	done := make(chan struct{})
	var seen []int
	for i := range 3 {
		err := bus.Submit("pico-1", eventbus.Job{
			Run: func(ctx context.Context) error {
				seen = append(seen, i) // jobs of one key never overlap
				return nil
			},
			Done: func(err error) {
				if i == 2 {
					close(done)
				}
			},
		})
		if err != nil {
			panic(err)
		}
	}
	<-done
	fmt.Println(seen, bus.Close(context.Background()))
	// Output: [0 1 2] <nil>
}

// prim builds `domain type [attr re#pattern#] [setting(names)]`.
func prim(domain, typ, attr, pattern string, setting ...string) *ast.EventPrim {
	p := &ast.EventPrim{Domain: &ast.Ident{Name: domain}, Type: &ast.Ident{Name: typ}}
	if attr != "" {
		p.Attrs = []*ast.AttrMatch{{Name: &ast.Ident{Name: attr}, Regex: &ast.RegExp{Pattern: pattern}}}
	}
	for _, s := range setting {
		p.Setting = append(p.Setting, &ast.Ident{Name: s})
	}
	return p
}

func ExampleCompile() {
	// select when door opened who re#(\w+)# setting(who) then door closed within 30 seconds
	sel := &ast.Select{
		Event: &ast.EventOp{Op: "then", Args: []ast.EventExpr{
			prim("door", "opened", "who", `(\w+)`, "who"),
			prim("door", "closed", "", ""),
		}},
		Within: &ast.Within{Expr: &ast.Number{Value: 30}, Unit: "seconds"},
	}
	m, err := eventbus.Compile(sel)
	if err != nil {
		panic(err)
	}
	unit, _ := m.Within()
	limit := 30 * unit // the within expression is evaluated by the caller

	// The primitive test: here a Go regexp over string attributes.
	testFor := func(attrs map[string]string) eventbus.PrimTest {
		return func(i int) (bool, []value.Value, error) {
			var caps []value.Value
			for _, a := range m.Prims()[i].Attrs {
				match := regexp.MustCompile(a.Regex.Pattern).FindStringSubmatch(attrs[a.Name.Name])
				if match == nil {
					return false, nil, nil
				}
				for _, g := range match[1:] {
					caps = append(caps, value.Str(g))
				}
			}
			return true, caps, nil
		}
	}

	var st eventbus.State // the start state
	t0 := time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC)
	for _, e := range []struct {
		typ   string
		attrs map[string]string
		after time.Duration
	}{
		{"opened", map[string]string{"who": "ann"}, 0},
		{"closed", nil, 10 * time.Second},
		{"opened", map[string]string{"who": "bob"}, 20 * time.Second},
		{"closed", nil, 55 * time.Second},
	} {
		ev := eventbus.Event{Domain: "door", Type: e.typ, Time: t0.Add(e.after)}
		fired, vars, next, err := m.Step(st, ev, limit, testFor(e.attrs))
		if err != nil {
			panic(err)
		}
		st = next
		if fired {
			fmt.Printf("%s: fired, %s = %s\n", e.typ, m.Vars()[0], vars[0].AsStr())
		} else {
			fmt.Printf("%s: waiting\n", e.typ)
		}
	}
	// Output:
	// opened: waiting
	// closed: fired, who = ann
	// opened: waiting
	// closed: waiting
}

func ExampleMachine_UnmarshalState() {
	m := eventbus.MustCompile(&ast.Select{Event: &ast.EventOp{Op: "before", Args: []ast.EventExpr{
		prim("user", "login", "", ""), prim("user", "logout", "", ""),
	}}})
	_, _, st, _ := m.Step(eventbus.State{}, eventbus.Event{Domain: "user", Type: "login"}, 0, nil)

	data, err := st.MarshalBinary() // store it with the pico
	if err != nil {
		panic(err)
	}
	restored, err := m.UnmarshalState(data) // after a restart
	if err != nil {
		panic(err)
	}
	fired, _, _, _ := m.Step(restored, eventbus.Event{Domain: "user", Type: "logout"}, 0, nil)
	fmt.Println(fired)
	// Output: true
}

func ExampleNewIndex() {
	rules := []*eventbus.Machine{
		eventbus.MustCompile(&ast.Select{Event: prim("shop", "order", "", "")}),
		eventbus.MustCompile(&ast.Select{Event: &ast.EventOp{Op: "or", Args: []ast.EventExpr{
			prim("shop", "order", "", ""), prim("shop", "refund", "", ""),
		}}}),
		eventbus.MustCompile(&ast.Select{Where: &ast.Boolean{Value: true}}), // select where: every event
	}
	ix := eventbus.NewIndex(rules)
	fmt.Println(ix.Lookup("shop", "order"), ix.Lookup("shop", "refund"), ix.Lookup("mail", "sent"))
	// Output: [0 1 2] [1 2] [2]
}
