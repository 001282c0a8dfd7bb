package pico_test

import (
	"context"
	"fmt"
	"log"

	"github.com/gopico/pico"
)

const helloKRL = `ruleset hello {
  meta { shares greeting }
  global { greeting = function(name = "world") { <<Hello, #{name}!>> } }
  rule hello {
    select when echo hello name re#(.+)# setting(name)
    send_directive("say", {"something": greeting(name)})
    always { ent:last := name }
  }
}`

// Example shows a host program's whole round trip: register, create a pico
// and a channel, raise an event, query.
func Example() {
	ctx := context.Background()
	eng, err := pico.Open(ctx, pico.WithInMemory())
	if err != nil {
		log.Fatal(err)
	}
	defer eng.Close()
	rs, err := eng.Register(ctx, pico.Source("hello.krl", []byte(helloKRL)))
	if err != nil {
		log.Fatal(err)
	}
	p, err := eng.NewPico(ctx, pico.ChildOf(eng.Root()))
	if err != nil {
		log.Fatal(err)
	}
	if err := p.Install(ctx, rs.RID, nil); err != nil {
		log.Fatal(err)
	}
	ch, err := p.NewChannel(ctx, pico.Tags("app"))
	if err != nil {
		log.Fatal(err)
	}
	res, err := eng.Raise(ctx, pico.Event{ECI: ch.ECI, Domain: "echo", Type: "hello", Attrs: map[string]any{"name": "Ada"}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Directives[0].Name, res.Directives[0].Options["something"])
	v, err := eng.Query(ctx, pico.Query{ECI: ch.ECI, RID: "hello", Name: "greeting", Args: map[string]any{"name": "Grace"}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(v)
	last, err := p.Ent(ctx, "hello", "last")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(last)
	// Output:
	// say Hello, Ada!
	// Hello, Grace!
	// Ada
}

// ExampleEngine_Register shows the positioned error of a ruleset that does
// not compile.
func ExampleEngine_Register() {
	ctx := context.Background()
	eng, err := pico.Open(ctx, pico.WithInMemory())
	if err != nil {
		log.Fatal(err)
	}
	defer eng.Close()
	_, err = eng.Register(ctx, pico.Source("bad.krl", []byte("ruleset bad {\n  rule r {\n    select when a b\n    send_directive(\"x\", nope)\n  }\n}\n")))
	fmt.Println(err)
	// Output:
	// bad.krl:4:25: undefined id: nope (did you mean none?)
	//  |     send_directive("x", nope)
	//  | ........................^
}

// ExamplePico_NewChannel makes a channel that lets through only some events
// and queries.
func ExamplePico_NewChannel() {
	ctx := context.Background()
	eng, err := pico.Open(ctx, pico.WithInMemory())
	if err != nil {
		log.Fatal(err)
	}
	defer eng.Close()
	p, err := eng.NewPico(ctx)
	if err != nil {
		log.Fatal(err)
	}
	ch, err := p.NewChannel(ctx, pico.Tags("Sensor Input"), pico.AllowEvents("sensor:*"), pico.AllowQueries("thermostat/temperature"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ch.Tags, ch.EventPolicy.Allow[0].Domain, ch.QueryPolicy.Allow[0].Name)
	_, err = eng.Raise(ctx, pico.Event{ECI: ch.ECI, Domain: "admin", Type: "reset"})
	fmt.Println(err)
	// Output:
	// [sensor-input] sensor temperature
	// pico: denied by channel policy: event admin:reset is not allowed
}

// ExampleEngine_Send queues an event without waiting for it.
func ExampleEngine_Send() {
	ctx := context.Background()
	eng, err := pico.Open(ctx, pico.WithInMemory())
	if err != nil {
		log.Fatal(err)
	}
	rs, err := eng.Register(ctx, pico.Source("hello.krl", []byte(helloKRL)))
	if err != nil {
		log.Fatal(err)
	}
	p, _ := eng.NewPico(ctx)
	_ = p.Install(ctx, rs.RID, nil)
	ch, _ := p.NewChannel(ctx)
	eid, err := eng.Send(ctx, pico.Event{ECI: ch.ECI, Domain: "echo", Type: "hello", Attrs: map[string]any{"name": "Bo"}})
	fmt.Println(eid != "", err)
	eng.Close() // waits for queued events
	// Output: true <nil>
}
