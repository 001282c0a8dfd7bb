package sky_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gopico/pico"
	"github.com/gopico/pico/picotest"
	"github.com/gopico/pico/transport/sky"
)

const echoKRL = `ruleset echo {
  meta { shares hello, page, total }
  global {
    hello = function(name) { "Hello " + name }
    page = function() { "<p>hi</p>" }
    total = function() { ent:n.defaultsTo(0) }
  }
  rule say {
    select when echo say
    send_directive("say", {"attrs": event:attrs.delete("_headers"), "agent": event:attrs{["_headers", "user-agent"]}})
  }
  rule tally {
    select when echo tally
    always { ent:n := total() + 1 }
  }
  rule login {
    select when echo login
    send_directive("_cookie", {"cookie": "sid=1; Path=/"})
  }
  rule go {
    select when echo go
    send_directive("_redirect", {"url": "https://example.com/next"})
  }
  rule boom {
    select when echo boom
    always { ent:x := "a" - 1 }
  }
}`

// serve returns an engine with the echo ruleset on a pico, the pico's
// channel and a test server running the handler.
func serve(t *testing.T, opts ...sky.HandlerOption) (*pico.Engine, string, *httptest.Server) {
	t.Helper()
	eng := picotest.NewEngine(t, pico.WithBuiltins(false))
	_, eci := picotest.Setup(t, eng, echoKRL)
	srv := httptest.NewServer(sky.NewHandler(eng, opts...))
	t.Cleanup(srv.Close)
	return eng, eci, srv
}

type answer struct {
	status int
	header http.Header
	body   string
}

func do(t *testing.T, method, url, ctype, body string, header ...string) answer {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	require.NoError(t, err)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	req.Header.Set("User-Agent", "sky-test")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return answer{resp.StatusCode, resp.Header, string(b)}
}

func decode(t *testing.T, s string) any {
	t.Helper()
	var v any
	require.NoError(t, json.Unmarshal([]byte(s), &v), "body %q", s)
	return v
}

func TestHandler_Events(t *testing.T) {
	_, eci, srv := serve(t)
	tests := []struct {
		name   string
		method string
		path   string
		ctype  string
		body   string
		want   map[string]any // the options of the say directive
	}{
		{"sky get with query", "GET", "/sky/event/ECI/abc/echo/say?name=ann", "", "",
			map[string]any{"attrs": map[string]any{"name": "ann", "__eid": "abc"}, "agent": "sky-test"}},
		{"sky none eid", "GET", "/sky/event/ECI/none/echo/say?name=ann", "", "",
			map[string]any{"attrs": map[string]any{"name": "ann"}, "agent": "sky-test"}},
		{"given __eid kept", "GET", "/sky/event/ECI/abc/echo/say?__eid=mine", "", "",
			map[string]any{"attrs": map[string]any{"__eid": "mine"}, "agent": "sky-test"}},
		{"json body wins over query", "POST", "/sky/event/ECI/none/echo/say?name=ann&q=1", "application/json", `{"name": "bob", "n": 2, "deep": {"a": [1]}}`,
			map[string]any{"attrs": map[string]any{"name": "bob", "q": "1", "n": float64(2), "deep": map[string]any{"a": []any{float64(1)}}}, "agent": "sky-test"}},
		{"form body, repeated keys", "POST", "/c/ECI/event-wait/echo/say", "application/x-www-form-urlencoded", "name=cy&x=1&x=2",
			map[string]any{"attrs": map[string]any{"name": "cy", "x": []any{"1", "2"}}, "agent": "sky-test"}},
		{"octet-stream read as json", "POST", "/c/ECI/event-wait/echo/say", "application/octet-stream", `{"k": true}`,
			map[string]any{"attrs": map[string]any{"k": true}, "agent": "sky-test"}},
		{"other bodies ignored", "POST", "/c/ECI/event-wait/echo/say?a=b", "text/plain", "hello",
			map[string]any{"attrs": map[string]any{"a": "b"}, "agent": "sky-test"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := do(t, tt.method, srv.URL+strings.Replace(tt.path, "ECI", eci, 1), tt.ctype, tt.body)
			require.Equal(t, http.StatusOK, a.status, a.body)
			require.Equal(t, "*", a.header.Get("Access-Control-Allow-Origin"))
			got := decode(t, a.body).(map[string]any)
			eid, _ := got["eid"].(string)
			require.NotEmpty(t, eid, a.body)
			require.Equal(t, []any{map[string]any{
				"type": "directive", "name": "say", "options": tt.want,
				"meta": map[string]any{"rid": "echo", "rule_name": "say", "txnId": eid},
			}}, got["directives"])
		})
	}
}

func TestHandler_QueriesAndErrors(t *testing.T) {
	eng, eci, srv := serve(t)
	tests := []struct {
		name   string
		method string
		path   string
		ctype  string
		body   string
		status int
		want   any    // decoded JSON answer, when wantText is empty
		text   string // raw answer
		errHas string // substring of {"error"}
	}{
		{name: "cloud query", method: "GET", path: "/sky/cloud/ECI/echo/hello?name=x", want: "Hello x"},
		{name: "c query, json args", method: "POST", path: "/c/ECI/query/echo/hello", ctype: "application/json", body: `{"name": "y"}`, want: "Hello y"},
		{name: "html", method: "GET", path: "/sky/cloud/ECI/echo/page.html", text: "<p>hi</p>"},
		{name: "txt", method: "GET", path: "/c/ECI/query/echo/hello.txt?name=z", text: "Hello z"},
		{name: "event then query", method: "POST", path: "/c/ECI/event/echo/tally/query/echo/total", want: float64(1)},
		{name: "unknown eci", method: "GET", path: "/sky/event/nope/none/echo/say", errHas: "unknown channel"},
		{name: "rule error", method: "GET", path: "/c/ECI/event-wait/echo/boom", errHas: "echo:boom"},
		{name: "not shared", method: "GET", path: "/sky/cloud/ECI/echo/nothing", errHas: "nothing"},
		{name: "not installed", method: "GET", path: "/sky/cloud/ECI/other/hello", errHas: "not installed"},
		{name: "bad json", method: "POST", path: "/c/ECI/event/echo/say", ctype: "application/json", body: `[1,2`, errHas: "JSON object"},
		{name: "json array", method: "POST", path: "/c/ECI/event/echo/say", ctype: "application/json", body: `[1,2]`, errHas: "JSON object"},
		{name: "unknown route", method: "GET", path: "/api/nothing", status: http.StatusNotFound, errHas: "not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := do(t, tt.method, srv.URL+strings.Replace(tt.path, "ECI", eci, 1), tt.ctype, tt.body)
			status := tt.status
			if status == 0 {
				status = http.StatusOK
			}
			require.Equal(t, status, a.status, a.body)
			switch {
			case tt.text != "":
				require.Equal(t, tt.text, a.body)
				require.NotContains(t, a.header.Get("Content-Type"), "json")
			case tt.errHas != "":
				got := decode(t, a.body).(map[string]any)
				require.Contains(t, got["error"], tt.errHas)
			default:
				require.Equal(t, tt.want, decode(t, a.body))
			}
		})
	}

	t.Run("queued event answers its eid", func(t *testing.T) {
		a := do(t, "POST", srv.URL+"/c/"+eci+"/event/echo/tally", "", "")
		eid, ok := decode(t, a.body).(string)
		require.True(t, ok, a.body)
		require.NotEmpty(t, eid)
		require.Eventually(t, func() bool {
			v, err := eng.Query(context.Background(), pico.Query{ECI: eci, RID: "echo", Name: "total"})
			return err == nil && v == float64(2)
		}, 5*time.Second, 5*time.Millisecond)
	})
	t.Run("cookie and redirect", func(t *testing.T) {
		a := do(t, "GET", srv.URL+"/sky/event/"+eci+"/none/echo/login", "", "")
		require.Equal(t, http.StatusOK, a.status)
		require.Equal(t, "sid=1; Path=/", a.header.Get("Set-Cookie"))
		a = do(t, "GET", srv.URL+"/sky/event/"+eci+"/none/echo/go", "", "")
		require.Equal(t, http.StatusFound, a.status)
		require.Equal(t, "https://example.com/next", a.header.Get("Location"))
	})
	t.Run("preflight", func(t *testing.T) {
		a := do(t, "OPTIONS", srv.URL+"/sky/event/"+eci+"/none/echo/say", "", "")
		require.Equal(t, http.StatusOK, a.status)
		require.Equal(t, "*", a.header.Get("Access-Control-Allow-Origin"))
		require.Contains(t, a.header.Get("Access-Control-Allow-Methods"), "POST")
	})
}

func TestHandler_BodyLimit(t *testing.T) {
	_, eci, srv := serve(t, sky.WithMaxBodyBytes(16))
	a := do(t, "POST", srv.URL+"/c/"+eci+"/event-wait/echo/say", "application/json", `{"name": "a long name, longer than sixteen bytes"}`)
	require.Contains(t, decode(t, a.body).(map[string]any)["error"], "too large")
	a = do(t, "POST", srv.URL+"/c/"+eci+"/event-wait/echo/say", "application/json", `{"n": 1}`)
	require.NotContains(t, a.body, "error")
}

func TestHandler_ClosedEngineAsksToRetry(t *testing.T) {
	eng, eci, srv := serve(t)
	require.NoError(t, eng.Close())
	a := do(t, "POST", srv.URL+"/c/"+eci+"/event/echo/tally", "", "")
	require.Equal(t, http.StatusServiceUnavailable, a.status)
	require.Contains(t, decode(t, a.body).(map[string]any)["error"], "closed")
}

func TestHandler_IdempotencyKey(t *testing.T) {
	eng, eci, srv := serve(t)
	ctx := context.Background()
	count := func() any {
		v, err := eng.Query(ctx, pico.Query{ECI: eci, RID: "echo", Name: "total"})
		require.NoError(t, err)
		return v
	}
	wait := srv.URL + "/c/" + eci + "/event-wait/echo/tally"
	first := do(t, "POST", wait, "", "", sky.IdempotencyKeyHeader, "k1")
	again := do(t, "POST", wait, "", "", sky.IdempotencyKeyHeader, "k1")
	require.Equal(t, first.body, again.body, "a repeated delivery gets the first answer")
	require.Equal(t, float64(1), count())

	// Concurrent deliveries of one key run the event once.
	var wg sync.WaitGroup
	bodies := make([]string, 8)
	for i := range bodies {
		wg.Go(func() { bodies[i] = do(t, "POST", wait, "", "", sky.IdempotencyKeyHeader, "k2").body })
	}
	wg.Wait()
	for _, b := range bodies {
		require.Equal(t, bodies[0], b)
	}
	require.Equal(t, float64(2), count())

	// The key is per route; without a key nothing is remembered.
	do(t, "POST", srv.URL+"/c/"+eci+"/event/echo/tally", "", "", sky.IdempotencyKeyHeader, "k1")
	do(t, "POST", wait, "", "")
	do(t, "POST", wait, "", "")
	require.Eventually(t, func() bool { return count() == float64(5) }, 5*time.Second, 5*time.Millisecond)

	// A rejected event is remembered too: it is not run again.
	boom := srv.URL + "/c/" + eci + "/event-wait/echo/boom"
	a := do(t, "POST", boom, "", "", sky.IdempotencyKeyHeader, "k3")
	b := do(t, "POST", boom, "", "", sky.IdempotencyKeyHeader, "k3")
	require.Contains(t, a.body, "error")
	require.Equal(t, a.body, b.body)
}
