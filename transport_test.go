package pico_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gopico/pico"
	"github.com/gopico/pico/picotest"
)

// sent records the events a transport was given.
type sent struct {
	mu     sync.Mutex
	hosts  []string
	events []pico.Event
}

func (s *sent) SendEvent(ctx context.Context, host string, ev pico.Event) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := ctx.Deadline(); !ok {
		return errors.New("no deadline")
	}
	s.hosts = append(s.hosts, host)
	s.events = append(s.events, ev)
	return nil
}

func (s *sent) len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.events)
}

const senderKRL = `ruleset sender {
  rule send {
    select when s send
    event:send({"eci": event:attrs{"eci"}, "domain": "remote", "name": "hello", "attrs": {"n": 1}}, event:attrs{"host"}) setting(r)
    fired { ent:r := r }
  }
  rule ctx_event {
    select when s ctx_event
    ctx:event(event:attrs{"eci"}, "remote", "hi", {"m": 2}, event:attrs{"host"}) setting(r)
    fired { ent:r := r }
  }
  rule sub {
    select when s sub
    event:send({"sub": {"Tx": "their-eci", "Tx_host": "https://b.example"}, "domain": "sub", "type": "ping"})
  }
  rule send_then_fail {
    select when s send_then_fail
    event:send({"eci": "x", "domain": "remote", "name": "lost"}, "https://a.example")
    fired { ent:x := "x" - 1 }
  }
}`

func TestTransport_RemoteEvents(t *testing.T) {
	ctx := context.Background()
	tr := &sent{}
	eng := picotest.NewEngine(t, pico.WithTransport(tr))
	p, eci := setup(t, eng, senderKRL)

	for _, tc := range []struct {
		typ   string
		attrs map[string]any
		host  string
		want  pico.Event
	}{
		{"send", map[string]any{"eci": "their-eci", "host": "https://a.example"}, "https://a.example",
			pico.Event{ECI: "their-eci", Domain: "remote", Type: "hello", Attrs: map[string]any{"n": 1.0}}},
		{"send", map[string]any{"eci": "not-here"}, "",
			pico.Event{ECI: "not-here", Domain: "remote", Type: "hello", Attrs: map[string]any{"n": 1.0}}},
		{"ctx_event", map[string]any{"eci": "their-eci", "host": "https://a.example"}, "https://a.example",
			pico.Event{ECI: "their-eci", Domain: "remote", Type: "hi", Attrs: map[string]any{"m": 2.0}}},
		{"sub", nil, "https://b.example", pico.Event{ECI: "their-eci", Domain: "sub", Type: "ping", Attrs: map[string]any{}}},
	} {
		n := tr.len()
		_, err := eng.Raise(ctx, pico.Event{ECI: eci, Domain: "s", Type: tc.typ, Attrs: tc.attrs})
		require.NoError(t, err)
		require.Eventually(t, func() bool { return tr.len() == n+1 }, 5*time.Second, time.Millisecond)
		tr.mu.Lock()
		got, host := tr.events[n], tr.hosts[n]
		tr.mu.Unlock()
		got.Time = time.Time{}
		require.Equal(t, tc.want, got, tc.typ)
		require.Equal(t, tc.host, host)
		r, err := p.Ent(ctx, "sender", "r")
		require.NoError(t, err)
		if tc.typ != "sub" {
			require.Nil(t, r, "remote sends have no local event id")
		}
	}

	// A failed event sends nothing.
	n := tr.len()
	_, err := eng.Raise(ctx, pico.Event{ECI: eci, Domain: "s", Type: "send_then_fail"})
	require.Error(t, err)
	require.NoError(t, eng.Close(), "Close waits for deliveries in flight")
	require.Equal(t, n, tr.len())
}

func TestTransport_ErrorsAreLogged(t *testing.T) {
	ctx := context.Background()
	tr := pico.TransportFunc(func(context.Context, string, pico.Event) error { return errors.New("unreachable") })
	logs := &syncBuffer{}
	eng := picotest.NewEngine(t, pico.WithTransport(tr), pico.WithLogger(newTextLogger(logs)))
	_, eci := setup(t, eng, senderKRL)
	_, err := eng.Raise(ctx, pico.Event{ECI: eci, Domain: "s", Type: "send", Attrs: map[string]any{"eci": "x", "host": "https://a.example"}})
	require.NoError(t, err, "a failed delivery does not fail the sending event")
	require.Eventually(t, func() bool { return logs.contains("unreachable") }, 5*time.Second, time.Millisecond)
	_, err = pico.Open(ctx, pico.WithTransport(nil))
	require.ErrorIs(t, err, pico.ErrInvalid)
}

func TestHTTPTransport(t *testing.T) {
	ctx := context.Background()
	type got struct {
		path, ctype string
		body        map[string]any
	}
	reqs := make(chan got, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body map[string]any
		b, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(b, &body)
		reqs <- got{r.URL.EscapedPath(), r.Header.Get("Content-Type"), body}
		if r.URL.Path == "/c/bad/event/d/t" {
			http.Error(w, "no", http.StatusNotFound)
		}
	}))
	defer srv.Close()
	tr := pico.HTTPTransport{}
	err := tr.SendEvent(ctx, srv.URL+"/", pico.Event{ECI: "e c", Domain: "d", Type: "t", Attrs: map[string]any{"a": []any{1}}})
	require.NoError(t, err)
	require.Equal(t, got{"/c/e%20c/event/d/t", "application/json", map[string]any{"a": []any{1.0}}}, <-reqs)

	err = tr.SendEvent(ctx, srv.URL, pico.Event{ECI: "bad", Domain: "d", Type: "t"})
	require.ErrorContains(t, err, "404")
	require.Equal(t, map[string]any{}, (<-reqs).body, "no attributes post {}")

	err = tr.SendEvent(ctx, "", pico.Event{ECI: "x", Domain: "d", Type: "t"})
	require.ErrorIs(t, err, pico.ErrUnknownChannel)
}

// ExampleHTTPTransport connects two engines: events that the first sends
// with a host reach the second over HTTP.
func ExampleHTTPTransport() {
	ctx := context.Background()
	// The receiving engine, behind a tiny /c/ECI/event/DOMAIN/TYPE handler.
	remote, _ := pico.Open(ctx, pico.WithInMemory())
	defer remote.Close()
	_, _ = remote.Register(ctx, pico.Source("inbox.krl", []byte(`ruleset inbox {
  rule got { select when mail got  always { ent:last := event:attrs{"text"} } }
}`)))
	box, _ := remote.NewPico(ctx)
	_ = box.Install(ctx, "inbox", nil)
	ch, _ := box.NewChannel(ctx)
	done := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer close(done)
		var attrs map[string]any
		_ = json.NewDecoder(r.Body).Decode(&attrs)
		_, _ = remote.Raise(r.Context(), pico.Event{ECI: ch.ECI, Domain: "mail", Type: "got", Attrs: attrs})
	}))
	defer srv.Close()

	// The sending engine.
	local, _ := pico.Open(ctx, pico.WithInMemory(), pico.WithTransport(pico.HTTPTransport{}))
	defer local.Close()
	_, _ = local.Register(ctx, pico.Source("outbox.krl", []byte(`ruleset outbox {
  rule send {
    select when mail send
    event:send({"eci": event:attrs{"to"}, "domain": "mail", "name": "got", "attrs": {"text": "hi there"}}, event:attrs{"host"})
  }
}`)))
	p, _ := local.NewPico(ctx)
	_ = p.Install(ctx, "outbox", nil)
	out, _ := p.NewChannel(ctx)
	_, _ = local.Raise(ctx, pico.Event{ECI: out.ECI, Domain: "mail", Type: "send", Attrs: map[string]any{"to": ch.ECI, "host": srv.URL}})
	<-done
	text, _ := box.Ent(ctx, "inbox", "last")
	fmt.Println(text)
	// Output: hi there
}

// syncBuffer is a log destination safe for concurrent writers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) contains(sub string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return bytes.Contains(s.b.Bytes(), []byte(sub))
}

func newTextLogger(w io.Writer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }
