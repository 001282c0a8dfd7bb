package sky_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"time"

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

// Two engines in one process: a rule on engine A sends an event to a pico
// of engine B, which serves the sky API. The Transport delivers it,
// retrying until B has it.
func ExampleTransport() {
	ctx := context.Background()

	b, err := pico.Open(ctx, pico.WithInMemory())
	if err != nil {
		panic(err)
	}
	defer b.Close()
	rs, _ := b.Register(ctx, pico.Source("inbox.krl", []byte(`ruleset inbox {
  meta { shares messages }
  global { messages = function() { ent:messages.defaultsTo([]) } }
  rule receive {
    select when inbox message
    always { ent:messages := messages().append(event:attrs{"text"}) }
  }
}`)))
	p, _ := b.NewPico(ctx)
	_ = p.Install(ctx, rs.RID, nil)
	ch, _ := p.NewChannel(ctx, pico.Tags("inbox"))
	srv := httptest.NewServer(sky.NewHandler(b))
	defer srv.Close()

	a, err := pico.Open(ctx, pico.WithInMemory(), pico.WithTransport(&sky.Transport{}))
	if err != nil {
		panic(err)
	}
	defer a.Close()
	rs, _ = a.Register(ctx, pico.Source("outbox.krl", []byte(`ruleset outbox {
  rule send {
    select when outbox send
    event:send({"eci": event:attrs{"eci"}, "domain": "inbox", "type": "message",
                "attrs": {"text": event:attrs{"text"}}}, event:attrs{"host"})
  }
}`)))
	q, _ := a.NewPico(ctx)
	_ = q.Install(ctx, rs.RID, nil)
	out, _ := q.NewChannel(ctx, pico.Tags("outbox"))
	_, err = a.Raise(ctx, pico.Event{ECI: out.ECI, Domain: "outbox", Type: "send",
		Attrs: map[string]any{"eci": ch.ECI, "host": srv.URL, "text": "hello from A"}})
	if err != nil {
		panic(err)
	}
	for {
		got, _ := b.Query(ctx, pico.Query{ECI: ch.ECI, RID: "inbox", Name: "messages"})
		if msgs, _ := got.([]any); len(msgs) > 0 {
			fmt.Println(msgs)
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	// Output:
	// [hello from A]
}
