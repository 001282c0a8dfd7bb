// Command hello is the smallest complete host program: it opens an
// in-memory engine, registers a ruleset, creates a pico with a channel,
// raises an event and runs a query.
package main

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"log"

	"github.com/gopico/pico"
)

//go:embed hello.krl
var helloKRL []byte

func main() {
	ctx := context.Background()
	eng, err := pico.Open(ctx, pico.WithInMemory())
	if err != nil {
		log.Fatal(err)
	}
	defer eng.Close()

	rs, err := eng.Register(ctx, pico.Source("hello.krl", helloKRL))
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
	ch, err := p.NewChannel(ctx, pico.Tags("hello"), pico.AllowEvents("echo:*"), pico.AllowQueries("hello/*"))
	if err != nil {
		log.Fatal(err)
	}

	res, err := eng.Raise(ctx, pico.Event{ECI: ch.ECI, Domain: "echo", Type: "hello", Attrs: map[string]any{"name": "Ada"}})
	if err != nil {
		log.Fatal(err)
	}
	for _, d := range res.Directives {
		fmt.Printf("directive %s %s\n", d.Name, d.OptionsJSON())
	}
	n, err := eng.Query(ctx, pico.Query{ECI: ch.ECI, RID: rs.RID, Name: "greetings"})
	if err != nil {
		log.Fatal(err)
	}
	g, err := eng.Query(ctx, pico.Query{ECI: ch.ECI, RID: rs.RID, Name: "greeting", Args: map[string]any{"name": "Grace"}})
	if err != nil {
		log.Fatal(err)
	}
	out, _ := json.Marshal(map[string]any{"greetings": n, "greeting": g})
	fmt.Printf("query %s\n", out)
}
