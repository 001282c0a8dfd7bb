package pico

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gopico/pico/krl"
	"github.com/gopico/pico/krl/value"
)

// WithHTTPClient sets the client that KRL's http module (http:get,
// http:post, ...) sends its requests with; the default is
// http.DefaultClient. Requests carry the deadline of the event or query
// that makes them, so the client needs no timeout of its own.
func WithHTTPClient(c *http.Client) Option {
	return func(cfg *config) error {
		if c == nil {
			return fmt.Errorf("%w: nil http client", ErrInvalid)
		}
		cfg.httpClient = c
		return nil
	}
}

// httpParams are the parameters of the http module's members. Their order
// is part of the API: KRL code passes them by position too.
var httpParams = []string{"url", "qs", "headers", "body", "auth", "json", "form",
	"parseJSON", "autoraise", "autosend", "dontFollowRedirect"}

// httpUserAgent is the User-Agent of requests that do not set one.
const httpUserAgent = "gopico-http"

// maxHTTPContent bounds the response bodies KRL reads (a KRL string's
// limit).
const maxHTTPContent = 64 << 20

// httpMember returns http:get, http:head (functions and actions),
// http:post, http:put, http:patch or http:delete (actions), or nil.
func (e *Engine) httpMember(name string) *value.Func {
	var method string
	both := false
	switch name {
	case "get":
		method, both = http.MethodGet, true
	case "head":
		method, both = http.MethodHead, true
	case "post":
		method = http.MethodPost
	case "put":
		method = http.MethodPut
	case "patch":
		method = http.MethodPatch
	case "delete":
		method = http.MethodDelete
	default:
		return nil
	}
	return &value.Func{Name: "http:" + name, Params: httpParams, Action: true, Both: both,
		Fn: func(t value.Thread, args []value.Value) (value.Value, error) { return e.httpCall(t, method, args) }}
}

// httpCall makes the request of an http member and returns the response
// {"content", "content_type", "content_length", "headers", "status_code",
// "status_line"}. A status that is not 2xx is not an error; a failed
// request is. With autoraise it also raises http:<method> with the response
// and {"label"}; with autosend the request is made after the event commits
// and the response goes, merged into the event's attributes, to the event
// autosend names, and the result is null.
func (e *Engine) httpCall(t value.Thread, method string, args []value.Value) (value.Value, error) {
	_, h, err := hostOf(t)
	if err != nil {
		return value.Null, err
	}
	lower := strings.ToLower(method)
	if !value.Truthy(args[0]) {
		return value.Null, fmt.Errorf("http:%s needs a url string", lower)
	}
	if args[0].Kind() != value.StringKind {
		return value.Null, value.TypeErrorf("http:%s was given %s instead of a url string", lower, value.ToString(args[0]))
	}
	req, err := newHTTPRequest(method, args)
	if err != nil {
		return value.Null, err
	}
	client := e.cfg.httpClient
	if client == nil {
		client = http.DefaultClient
	}
	if value.Truthy(args[10]) {
		c := *client
		c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		client = &c
	}
	if value.Truthy(args[9]) {
		ev, err := autosendEvent(args[9])
		if err != nil {
			return value.Null, err
		}
		send := func() { e.autosend(client, req, ev) }
		if h != nil {
			h.onCommit(func() { e.goTracked(send) })
		} else {
			e.goTracked(send)
		}
		return value.Null, nil
	}
	if err := h.mayBlock(); err != nil {
		return value.Null, err
	}
	resp, err := doHTTP(t.Context(), client, req, args[7].Kind() == value.BooleanKind && args[7].AsBool())
	if err != nil {
		return value.Null, err
	}
	if value.Truthy(args[8]) {
		if h == nil {
			return value.Null, fmt.Errorf("http:%s autoraise: %w", lower, krl.ErrReadOnly)
		}
		attrs := resp.AsMap().With("label", value.Str(value.ToString(args[8])))
		if err := h.Raise("", krl.RaisedEvent{Domain: "http", Type: lower, Attrs: value.NewMap(attrs)}); err != nil {
			return value.Null, err
		}
	}
	return resp, nil
}

// newHTTPRequest builds the request of an http member call (without
// context). The body is the first of body (its string form), json (KRL's
// JSON encoding) and form (URL-encoded).
func newHTTPRequest(method string, args []value.Value) (*http.Request, error) {
	u := args[0].AsStr()
	if q := encodeQuery(args[1]); q != "" {
		sep := "?"
		if strings.Contains(u, "?") {
			sep = "&"
		}
		u += sep + q
	}
	var body io.Reader
	ctype := ""
	switch {
	case value.Truthy(args[3]):
		body = strings.NewReader(value.ToString(args[3]))
	case value.Truthy(args[5]):
		raw, err := args[5].MarshalJSON()
		if err != nil {
			return nil, err
		}
		body, ctype = bytes.NewReader(raw), "application/json"
	case value.Truthy(args[6]):
		body, ctype = strings.NewReader(encodeQuery(args[6])), "application/x-www-form-urlencoded"
	}
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", httpUserAgent)
	if args[2].Kind() == value.MapKind {
		args[2].AsMap().Range(func(k string, v value.Value) bool {
			req.Header.Set(k, value.ToString(v))
			return true
		})
	}
	if ctype != "" && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", ctype)
	}
	if auth := args[4]; auth.Kind() == value.MapKind {
		user := value.Get(auth, value.Str("username"))
		if user.Kind() == value.StringKind {
			pass := ""
			if p := value.Get(auth, value.Str("password")); p.Kind() == value.StringKind {
				pass = p.AsStr()
			}
			req.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(user.AsStr()+":"+pass)))
		}
	}
	return req, nil
}

// doHTTP sends req and reads the response into KRL's shape.
func doHTTP(ctx context.Context, client *http.Client, req *http.Request, parseJSON bool) (value.Value, error) {
	resp, err := client.Do(req.WithContext(ctx))
	if err != nil {
		return value.Null, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxHTTPContent+1))
	if err != nil {
		return value.Null, err
	}
	if len(data) > maxHTTPContent {
		return value.Null, fmt.Errorf("%w: http response over %d bytes", krl.ErrValueTooLarge, maxHTTPContent)
	}
	content := value.Str(string(data))
	if parseJSON {
		if v, err := value.FromJSON(data); err == nil {
			content = v
		}
	}
	ctype := value.Null
	if c := resp.Header.Get("Content-Type"); c != "" {
		ctype = value.Str(c)
	}
	length, _ := strconv.Atoi(resp.Header.Get("Content-Length"))
	names := make([]string, 0, len(resp.Header))
	for k := range resp.Header {
		names = append(names, k)
	}
	slices.Sort(names)
	hb := value.NewMapBuilder(len(names))
	for _, k := range names {
		hb.Set(strings.ToLower(k), value.Str(strings.Join(resp.Header.Values(k), ", ")))
	}
	statusLine := strings.TrimSpace(strings.TrimPrefix(resp.Status, strconv.Itoa(resp.StatusCode)))
	return value.NewMapValue(
		[]string{"content", "content_type", "content_length", "headers", "status_code", "status_line"},
		[]value.Value{content, ctype, value.Num(float64(length)), hb.Value(), value.Num(float64(resp.StatusCode)), value.Str(statusLine)}), nil
}

// autosendEvent reads the autosend argument: {"eci", "domain", "name" (or
// "type"), "data": {"attrs"}} ("attrs" also works at the top level).
func autosendEvent(v value.Value) (Event, error) {
	if v.Kind() != value.MapKind {
		return Event{}, value.TypeErrorf("autosend expects an event {eci, domain, name, data: {attrs}}")
	}
	get := func(m value.Value, k string) value.Value { return value.Get(m, value.Str(k)) }
	ev := Event{ECI: value.ToString(get(v, "eci")), Domain: value.ToString(get(v, "domain"))}
	name := get(v, "name")
	if name.IsNull() {
		name = get(v, "type")
	}
	ev.Type = value.ToString(name)
	attrs := get(get(v, "data"), "attrs")
	if attrs.IsNull() {
		attrs = get(v, "attrs")
	}
	switch attrs.Kind() {
	case value.NullKind:
	case value.MapKind:
		ev.Attrs, _ = value.ToGo(attrs).(map[string]any)
	default:
		return Event{}, fmt.Errorf("%w: autosend attrs", ErrBadAttrs)
	}
	if strings.TrimSpace(ev.ECI) == "" || strings.TrimSpace(ev.Domain) == "" || strings.TrimSpace(ev.Type) == "" {
		return Event{}, fmt.Errorf("%w: autosend needs an eci, a domain and a name", ErrInvalid)
	}
	return ev, nil
}

// autosend makes an autosend request and sends its event, the response
// merged into its attributes. Failures are logged.
func (e *Engine) autosend(client *http.Client, req *http.Request, ev Event) {
	ctx, cancel := limitsCtx(context.Background(), e.cfg.limits.EventTimeout)
	defer cancel()
	resp, err := doHTTP(ctx, client, req, false)
	if err != nil {
		e.log.Error("http autosend: request failed", "url", req.URL.String(), "err", err)
		return
	}
	attrs := make(map[string]any, len(ev.Attrs)+6)
	for k, v := range ev.Attrs {
		attrs[k] = v
	}
	for k, v := range value.ToGo(resp).(map[string]any) {
		attrs[k] = v
	}
	ev.Attrs = attrs
	if _, err := e.Send(ctx, ev); err != nil {
		e.log.Error("http autosend: sending the event failed", "eci", ev.ECI, "err", err)
	}
}

// goTracked runs f on a goroutine that Close waits for.
func (e *Engine) goTracked(f func()) {
	if err := e.enter(); err != nil {
		return
	}
	go func() {
		defer e.leave()
		f()
	}()
}

// encodeQuery encodes a map the way the reference engine's qs library
// does: nested maps as a[b]=c, arrays with indices a[0]=x, null as "a=",
// everything percent-encoded per RFC 3986. Anything but a map encodes to
// "".
func encodeQuery(v value.Value) string {
	if v.Kind() != value.MapKind {
		return ""
	}
	var parts []string
	var walk func(key string, v value.Value)
	walk = func(key string, v value.Value) {
		switch v.Kind() {
		case value.MapKind:
			v.AsMap().Range(func(k string, x value.Value) bool {
				walk(key+"["+k+"]", x)
				return true
			})
		case value.ArrayKind:
			for i, x := range v.AsArray().Elems() {
				walk(key+"["+strconv.Itoa(i)+"]", x)
			}
		case value.NullKind:
			parts = append(parts, encodeURIComponent(key)+"=")
		case value.FunctionKind, value.ActionKind:
		default:
			parts = append(parts, encodeURIComponent(key)+"="+encodeURIComponent(value.ToString(v)))
		}
	}
	v.AsMap().Range(func(k string, x value.Value) bool {
		walk(k, x)
		return true
	})
	return strings.Join(parts, "&")
}

// encodeURIComponent percent-encodes everything but RFC 3986's unreserved
// characters.
func encodeURIComponent(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
