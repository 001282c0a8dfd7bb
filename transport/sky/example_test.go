package sky_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/gopico/pico"
	"github.com/gopico/pico/transport/sky"
)

// A pico served over HTTP: an event through /sky/event, a query through
// /sky/cloud.
func ExampleNewHandler() {
	ctx := context.Background()
	eng, err := pico.Open(ctx, pico.WithInMemory())
	if err != nil {
		panic(err)
	}
	defer eng.Close()
	rs, err := eng.Register(ctx, pico.Source("hello.krl", []byte(`ruleset hello {
  meta { shares greeting }
  global { greeting = function(name) { "Hello, " + name + "!" } }
  rule hi {
    select when echo hello
    send_directive("say", {"to": event:attrs{"name"}})
  }
}`)))
	if err != nil {
		panic(err)
	}
	p, _ := eng.NewPico(ctx)
	_ = p.Install(ctx, rs.RID, nil)
	ch, _ := p.NewChannel(ctx, pico.Tags("web"))

	srv := httptest.NewServer(sky.NewHandler(eng))
	defer srv.Close()
	get := func(path string) string {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			panic(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	fmt.Println(get("/sky/cloud/" + ch.ECI + "/hello/greeting?name=Ada"))
	fmt.Println(get("/sky/cloud/nobody/hello/greeting"))
	// Output:
	// "Hello, Ada!"
	// {"error":"pico: unknown channel: nobody"}
}

// Two engines: events that KRL sends to a pico of the other engine go
// through the Transport, which retries until the other engine has them.
func ExampleTransport() {
	ctx := context.Background()
	tr := &sky.Transport{MaxAttempts: 5}
	eng, err := pico.Open(ctx, pico.WithInMemory(), pico.WithHost("https://a.example.com"), pico.WithTransport(tr))
	if err != nil {
		panic(err)
	}
	defer eng.Close()
	fmt.Println(tr.SendEvent(ctx, "", pico.Event{ECI: "x", Domain: "a", Type: "b"}))
	// Output:
	// sky: no host to send the event to: a:b to x
}
