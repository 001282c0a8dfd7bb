package pico

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gopico/pico/krl"
	"github.com/gopico/pico/krl/value"
)

func TestEncodeQuery(t *testing.T) {
	for _, tc := range []struct {
		in   string // KRL JSON
		want string
	}{
		{`{"a": "b"}`, "a=b"},
		{`{"q": "a b&c=d/é"}`, "q=a%20b%26c%3Dd%2F%C3%A9"},
		{`{"n": 1.5, "t": true, "z": null}`, "n=1.5&t=true&z="},
		{`{"list": ["x", "y"]}`, "list%5B0%5D=x&list%5B1%5D=y"},
		{`{"m": {"k": "v", "deep": {"x": 1}}}`, "m%5Bk%5D=v&m%5Bdeep%5D%5Bx%5D=1"},
		{`{"empty": [], "none": {}}`, ""},
		{`{"2": "two", "a": "A"}`, "2=two&a=A"},
		{`"not a map"`, ""},
		{`null`, ""},
	} {
		v, err := value.FromJSON([]byte(tc.in))
		require.NoError(t, err)
		require.Equal(t, tc.want, encodeQuery(v), tc.in)
	}
}

const webKRL = `ruleset web {
  meta { shares fetch, fetchRaise }
  global {
    fetch = function(url) { http:get(url, qs = {"from": "query"}, parseJSON = true){"content"} }
    fetchRaise = function(url) { http:get(url, autoraise = "nope") }
  }
  rule get {
    select when web get
    http:get(event:attrs{"url"}, qs = event:attrs{"qs"}, headers = event:attrs{"headers"},
      parseJSON = event:attrs{"parse"}, dontFollowRedirect = event:attrs{"noFollow"}) setting(r)
    fired { ent:r := r }
  }
  rule head {
    select when web head
    http:head(event:attrs{"url"}) setting(r)
    fired { ent:r := r }
  }
  rule post {
    select when web post
    http:post(event:attrs{"url"}, body = event:attrs{"body"}, json = event:attrs{"json"},
      form = event:attrs{"form"}, auth = event:attrs{"auth"}, parseJSON = true,
      autoraise = event:attrs{"label"}) setting(r)
    fired { ent:r := r }
  }
  rule put {
    select when web put
    http:put(event:attrs{"url"}, json = {"put": true}, parseJSON = true) setting(r)
    fired { ent:r := r }
  }
  rule patch {
    select when web patch
    http:patch(event:attrs{"url"}, json = {"patch": true}, parseJSON = true) setting(r)
    fired { ent:r := r }
  }
  rule delete {
    select when web delete
    http:delete(event:attrs{"url"}, parseJSON = true) setting(r)
    fired { ent:r := r }
  }
  rule raised {
    select when http post
    always { ent:raised := event:attrs.delete(["headers"]) }
  }
  rule autosend {
    select when web autosend
    http:post(event:attrs{"url"}, json = {"x": 1}, parseJSON = true,
      autosend = {"eci": meta:eci, "domain": "web", "name": "answer", "attrs": {"mine": true}}) setting(r)
    fired { ent:autosend_result := r.isnull() }
  }
  rule answer {
    select when web answer
    always { ent:answer := event:attrs.delete(["headers"]) }
  }
  rule fails_after_request {
    select when web get_then_fail
    http:get(event:attrs{"url"})
    fired { ent:x := "x" - 1 }
  }
}`

// echoServer answers /echo with what it received, as JSON.
func echoServer(t *testing.T) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var hits atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Add("X-Multi", "a")
		w.Header().Add("X-Multi", "b")
		_ = json.NewEncoder(w).Encode(map[string]any{
			"method": r.Method, "query": r.URL.RawQuery, "ua": r.UserAgent(), "auth": r.Header.Get("Authorization"),
			"ctype": r.Header.Get("Content-Type"), "body": string(body), "x": r.Header.Get("X-Custom"),
		})
	})
	mux.HandleFunc("/text", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, "not json")
	})
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/echo", http.StatusFound)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, &hits
}

// webEngine opens an engine with the web ruleset on a pico.
func webEngine(t *testing.T, opts ...Option) (*Engine, *Pico, string) {
	t.Helper()
	ctx := context.Background()
	eng, err := Open(ctx, append([]Option{WithInMemory()}, opts...)...)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, eng.Close()) })
	_, err = eng.Register(ctx, Source("web.krl", []byte(webKRL)))
	require.NoError(t, err)
	p, err := eng.NewPico(ctx)
	require.NoError(t, err)
	require.NoError(t, p.Install(ctx, "web", nil))
	ch, err := p.NewChannel(ctx)
	require.NoError(t, err)
	return eng, p, ch.ECI
}

// webCall raises web:typ and returns ent:r.
func webCall(t *testing.T, eng *Engine, p *Pico, eci, typ string, attrs map[string]any) (map[string]any, error) {
	t.Helper()
	ctx := context.Background()
	if _, err := eng.Raise(ctx, Event{ECI: eci, Domain: "web", Type: typ, Attrs: attrs}); err != nil {
		return nil, err
	}
	r, err := p.Ent(ctx, "web", "r")
	require.NoError(t, err)
	return r.(map[string]any), nil
}

func TestHTTP_Requests(t *testing.T) {
	srv, _ := echoServer(t)
	eng, p, eci := webEngine(t)
	echo := srv.URL + "/echo"
	for _, tc := range []struct {
		name  string
		typ   string
		attrs map[string]any
		want  map[string]any // subset of the echoed request
	}{
		{"get with qs and headers", "get", map[string]any{"url": echo, "parse": true,
			"qs": map[string]any{"a": "1 2", "b": []any{1, 2}}, "headers": map[string]any{"X-Custom": "yes"}},
			map[string]any{"method": "GET", "query": "a=1%202&b%5B0%5D=1&b%5B1%5D=2", "x": "yes", "ua": httpUserAgent}},
		{"qs added to a url with a query", "get", map[string]any{"url": echo + "?z=0", "parse": true, "qs": map[string]any{"a": "b"}},
			map[string]any{"query": "z=0&a=b"}},
		{"user agent can be replaced", "get", map[string]any{"url": echo, "parse": true, "headers": map[string]any{"user-agent": "me"}},
			map[string]any{"ua": "me"}},
		{"body wins over json and form", "post", map[string]any{"url": echo, "body": "raw", "json": map[string]any{"j": 1}, "form": map[string]any{"f": 1}},
			map[string]any{"method": "POST", "body": "raw", "ctype": ""}},
		{"json wins over form", "post", map[string]any{"url": echo, "json": map[string]any{"j": 1}, "form": map[string]any{"f": 1}},
			map[string]any{"body": `{"j":1}`, "ctype": "application/json"}},
		{"form", "post", map[string]any{"url": echo, "form": map[string]any{"f": "a b", "g": []any{"x"}}},
			map[string]any{"body": "f=a%20b&g%5B0%5D=x", "ctype": "application/x-www-form-urlencoded"}},
		{"basic auth", "post", map[string]any{"url": echo, "auth": map[string]any{"username": "ann", "password": "pw"}},
			map[string]any{"auth": "Basic YW5uOnB3"}},
		{"put", "put", map[string]any{"url": echo}, map[string]any{"method": "PUT", "body": `{"put":true}`}},
		{"patch", "patch", map[string]any{"url": echo}, map[string]any{"method": "PATCH", "body": `{"patch":true}`}},
		{"delete", "delete", map[string]any{"url": echo}, map[string]any{"method": "DELETE"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := webCall(t, eng, p, eci, tc.typ, tc.attrs)
			require.NoError(t, err)
			require.EqualValues(t, 200, r["status_code"])
			require.Equal(t, "OK", r["status_line"])
			require.Equal(t, "application/json", r["content_type"])
			require.Greater(t, r["content_length"], 0.0)
			require.Equal(t, "a, b", r["headers"].(map[string]any)["x-multi"])
			got := r["content"].(map[string]any)
			for k, v := range tc.want {
				require.Equal(t, v, got[k], k)
			}
		})
	}
}

func TestHTTP_ResponseShapes(t *testing.T) {
	ctx := context.Background()
	srv, hits := echoServer(t)
	eng, p, eci := webEngine(t)

	r, err := webCall(t, eng, p, eci, "get", map[string]any{"url": srv.URL + "/text", "parse": true})
	require.NoError(t, err, "a 404 is not an error")
	require.Equal(t, map[string]any{"content": "not json", "content_type": "text/plain", "content_length": 8.0,
		"headers": r["headers"], "status_code": 404.0, "status_line": "Not Found"}, r)

	r, err = webCall(t, eng, p, eci, "get", map[string]any{"url": srv.URL + "/echo"})
	require.NoError(t, err)
	require.IsType(t, "", r["content"], "without parseJSON the content is text")

	r, err = webCall(t, eng, p, eci, "head", map[string]any{"url": srv.URL + "/echo"})
	require.NoError(t, err)
	require.Equal(t, "", r["content"])

	r, err = webCall(t, eng, p, eci, "get", map[string]any{"url": srv.URL + "/redirect", "parse": true})
	require.NoError(t, err)
	require.EqualValues(t, 200, r["status_code"])
	r, err = webCall(t, eng, p, eci, "get", map[string]any{"url": srv.URL + "/redirect", "noFollow": true})
	require.NoError(t, err)
	require.EqualValues(t, 302, r["status_code"])
	require.Equal(t, "/echo", r["headers"].(map[string]any)["location"])

	// A function in a query may use http:get.
	got, err := eng.Query(ctx, Query{ECI: eci, RID: "web", Name: "fetch", Args: map[string]any{"url": srv.URL + "/echo"}})
	require.NoError(t, err)
	require.Equal(t, "from=query", got.(map[string]any)["query"])
	_, err = eng.Query(ctx, Query{ECI: eci, RID: "web", Name: "fetchRaise", Args: map[string]any{"url": srv.URL + "/echo"}})
	require.ErrorIs(t, err, krl.ErrReadOnly)

	// A failed event keeps none of its writes, but its request was made.
	before := hits.Load()
	_, err = eng.Raise(ctx, Event{ECI: eci, Domain: "web", Type: "get_then_fail", Attrs: map[string]any{"url": srv.URL + "/echo"}})
	require.Error(t, err)
	require.Equal(t, before+1, hits.Load())
}

func TestHTTP_Errors(t *testing.T) {
	srv, _ := echoServer(t)
	eng, p, eci := webEngine(t, WithLimits(Limits{EventTimeout: 300 * time.Millisecond}))
	for _, tc := range []struct {
		name  string
		attrs map[string]any
		want  string
		is    error
	}{
		{"no url", map[string]any{}, "http:get needs a url string", nil},
		{"url not a string", map[string]any{"url": 5}, "http:get was given 5 instead of a url string", value.ErrType},
		{"connection refused", map[string]any{"url": "http://127.0.0.1:1/"}, "connect", nil},
		{"event deadline", map[string]any{"url": srv.URL + "/slow"}, "", context.DeadlineExceeded},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := webCall(t, eng, p, eci, "get", tc.attrs)
			require.Error(t, err)
			require.ErrorContains(t, err, tc.want)
			if tc.is != nil {
				require.ErrorIs(t, err, tc.is)
			}
		})
	}
}

func TestHTTP_AutoraiseAndAutosend(t *testing.T) {
	ctx := context.Background()
	srv, _ := echoServer(t)
	eng, p, eci := webEngine(t)

	_, err := webCall(t, eng, p, eci, "post", map[string]any{"url": srv.URL + "/echo", "json": map[string]any{"a": 1}, "label": "mine"})
	require.NoError(t, err)
	raised, err := p.Ent(ctx, "web", "raised")
	require.NoError(t, err)
	m := raised.(map[string]any)
	require.Equal(t, "mine", m["label"])
	require.EqualValues(t, 200, m["status_code"])
	require.Equal(t, `{"a":1}`, m["content"].(map[string]any)["body"])

	_, err = eng.Raise(ctx, Event{ECI: eci, Domain: "web", Type: "autosend", Attrs: map[string]any{"url": srv.URL + "/echo"}})
	require.NoError(t, err)
	isNull, err := p.Ent(ctx, "web", "autosend_result")
	require.NoError(t, err)
	require.Equal(t, true, isNull)
	require.Eventually(t, func() bool {
		v, err := p.Ent(ctx, "web", "answer")
		return err == nil && v != nil
	}, 5*time.Second, 10*time.Millisecond)
	answer, err := p.Ent(ctx, "web", "answer")
	require.NoError(t, err)
	am := answer.(map[string]any)
	require.Equal(t, true, am["mine"])
	require.EqualValues(t, 200, am["status_code"])
	require.Contains(t, am["content"], `"body":"{\"x\":1}"`, "autosend does not parse JSON")
}

// roundTripFunc answers requests without a network.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestHTTP_WithHTTPClient(t *testing.T) {
	var seen atomic.Value
	client := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		seen.Store(r.URL.String())
		_, hasDeadline := r.Context().Deadline()
		body := fmt.Sprintf(`{"deadline": %v}`, hasDeadline)
		return &http.Response{StatusCode: 201, Status: "201 Created", Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
	})}
	eng, p, eci := webEngine(t, WithHTTPClient(client))
	r, err := webCall(t, eng, p, eci, "get", map[string]any{"url": "https://nowhere.invalid/x", "parse": true})
	require.NoError(t, err)
	require.Equal(t, "https://nowhere.invalid/x", seen.Load())
	require.EqualValues(t, 201, r["status_code"])
	require.Equal(t, "Created", r["status_line"])
	require.Equal(t, map[string]any{"deadline": true}, r["content"], "requests carry the event deadline")

	_, err = Open(context.Background(), WithHTTPClient(nil))
	require.ErrorIs(t, err, ErrInvalid)
}

// TestHTTP_LeavesGroupCommit checks that an event making a request runs in
// a transaction of its own, so a slow server does not hold up other picos.
func TestHTTP_LeavesGroupCommit(t *testing.T) {
	ctx := context.Background()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-release
		fmt.Fprint(w, "done")
	}))
	defer srv.Close()
	eng, _, eci := webEngine(t, WithSyncWrites(true))
	_, err := eng.Register(ctx, Source("counter.krl", []byte(`ruleset counter {
  rule inc { select when c inc always { ent:n := ent:n.defaultsTo(0) + 1 } }
}`)))
	require.NoError(t, err)
	other, err := eng.NewPico(ctx)
	require.NoError(t, err)
	require.NoError(t, other.Install(ctx, "counter", nil))
	och, err := other.NewChannel(ctx)
	require.NoError(t, err)

	slow := make(chan error, 1)
	go func() {
		_, err := eng.Raise(ctx, Event{ECI: eci, Domain: "web", Type: "get", Attrs: map[string]any{"url": srv.URL}})
		slow <- err
	}()
	time.Sleep(50 * time.Millisecond) // the request is waiting on the server
	for range 20 {
		_, err := eng.Raise(ctx, Event{ECI: och.ECI, Domain: "c", Type: "inc"})
		require.NoError(t, err)
	}
	n, err := other.Ent(ctx, "counter", "n")
	require.NoError(t, err)
	require.EqualValues(t, 20, n)
	close(release)
	require.NoError(t, <-slow)
}
