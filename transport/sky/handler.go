package sky

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gopico/pico"
	"github.com/gopico/pico/krl/value"
)

// IdempotencyKeyHeader is the request header naming an event delivery:
// the handler runs an event at most once per key, and answers a repeated
// request with the first answer. The Transport sets it, with the same value
// on every attempt of one event.
const IdempotencyKeyHeader = "Idempotency-Key"

// Handler serves the HTTP API of the reference pico engine over an Engine:
//
//	/sky/event/ECI/EID/DOMAIN/TYPE    raise, wait: {"eid", "directives"}
//	/sky/cloud/ECI/RID/NAME           query: the result as JSON
//	/c/ECI/event/DOMAIN/TYPE          send, do not wait: the eid as JSON
//	/c/ECI/event-wait/DOMAIN/TYPE     raise, wait: {"eid", "directives"}
//	/c/ECI/event/DOMAIN/TYPE/query/RID/NAME   raise, then query
//	/c/ECI/query/RID/NAME             query: the result as JSON
//
// See the package documentation for attributes and errors. A Handler is
// safe for concurrent use.
type Handler struct {
	eng     *pico.Engine
	mux     *http.ServeMux
	maxBody int64
	log     *slog.Logger
	seen    *dedup
}

// HandlerOption configures a Handler.
type HandlerOption func(*Handler)

// WithMaxBodyBytes bounds the size of request bodies (default 8 MiB); a
// larger body is refused with an error answer.
func WithMaxBodyBytes(n int64) HandlerOption {
	return func(h *Handler) {
		if n > 0 {
			h.maxBody = n
		}
	}
}

// WithLogger sends the handler's logs (requests that failed on the server's
// side) to l. By default they are discarded.
func WithLogger(l *slog.Logger) HandlerOption {
	return func(h *Handler) {
		if l != nil {
			h.log = l
		}
	}
}

// WithDedupWindow sets how long the handler remembers an idempotency key
// (default 10 minutes) and how many keys it keeps at most (default
// 100,000; the oldest are forgotten first).
func WithDedupWindow(ttl time.Duration, maxKeys int) HandlerOption {
	return func(h *Handler) {
		if ttl > 0 {
			h.seen.ttl = ttl
		}
		if maxKeys > 0 {
			h.seen.max = maxKeys
		}
	}
}

// NewHandler returns a handler serving eng.
func NewHandler(eng *pico.Engine, opts ...HandlerOption) *Handler {
	h := &Handler{eng: eng, maxBody: 8 << 20, log: slog.New(slog.DiscardHandler), seen: newDedup(10*time.Minute, 100_000)}
	for _, o := range opts {
		o(h)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/sky/event/{eci}/{eid}/{domain}/{type}", h.event(h.skyEvent))
	mux.HandleFunc("/sky/cloud/{eci}/{rid}/{name}", h.plain(h.query))
	mux.HandleFunc("/c/{eci}/event/{domain}/{type}", h.event(h.sendEvent))
	mux.HandleFunc("/c/{eci}/event-wait/{domain}/{type}", h.event(h.waitEvent))
	mux.HandleFunc("/c/{eci}/event/{domain}/{type}/query/{rid}/{name}", h.event(h.eventQuery))
	mux.HandleFunc("/c/{eci}/query/{rid}/{name}", h.plain(h.query))
	mux.HandleFunc("/", h.plain(func(*http.Request, map[string]any) response {
		return response{status: http.StatusNotFound, body: errorBody("not found")}
	}))
	h.mux = mux
	return h
}

// ServeHTTP answers one request.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Header().Set("Access-Control-Allow-Headers", "Origin, X-Requested-With, Content-Type, Accept, "+IdempotencyKeyHeader)
	if r.Method == http.MethodOptions {
		w.Header().Set("Allow", "POST, GET, OPTIONS")
		w.Header().Set("Access-Control-Allow-Methods", "POST, GET, OPTIONS")
		w.WriteHeader(http.StatusOK)
		return
	}
	h.mux.ServeHTTP(w, r)
}

// response is an answer built before it is written, so that the answer to
// an event can be kept for repeated deliveries.
type response struct {
	status int // 0 means 200
	header http.Header
	body   []byte
}

func (resp response) write(w http.ResponseWriter) {
	for k, vs := range resp.header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
	}
	status := resp.status
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	_, _ = w.Write(resp.body)
}

// transient reports whether the answer is a failure of the server that a
// sender should try again later (it is not remembered for the key).
func (resp response) transient() bool { return resp.status >= 500 }

type route func(r *http.Request, attrs map[string]any) response

// plain adapts a route that changes nothing (queries).
func (h *Handler) plain(fn route) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		attrs, err := h.attrs(r)
		if err != nil {
			h.fail(r, err).write(w)
			return
		}
		fn(r, attrs).write(w)
	}
}

// event adapts a route that runs an event: a request carrying an
// idempotency key runs it at most once.
func (h *Handler) event(fn route) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get(IdempotencyKeyHeader)
		if key == "" {
			h.plain(fn)(w, r)
			return
		}
		key = r.URL.Path + "\x00" + key
		ent, first := h.seen.begin(key)
		if !first {
			select {
			case <-ent.done:
			case <-r.Context().Done():
				return
			}
			if ent.kept {
				ent.resp.write(w)
				return
			}
			// The first delivery failed on the server's side: the sender
			// may try again later.
			response{status: http.StatusServiceUnavailable, body: errorBody("an earlier delivery of this event failed; try again")}.write(w)
			return
		}
		finished := false
		defer func() {
			if !finished { // a panic: release the deliveries waiting for this one
				h.seen.finish(key, ent, response{status: http.StatusInternalServerError})
			}
		}()
		var resp response
		if attrs, err := h.attrs(r); err != nil {
			resp = h.fail(r, err)
		} else {
			resp = fn(r, attrs)
		}
		h.seen.finish(key, ent, resp)
		finished = true
		resp.write(w)
	}
}

// fail turns an error into the reference engine's answer: status 200 and
// {"error": message}. Only failures that a later attempt may not meet (the
// engine is closing, the request was cancelled) get a 503, so that senders
// retry them.
func (h *Handler) fail(r *http.Request, err error) response {
	if errors.Is(err, pico.ErrClosed) || errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		h.log.Warn("sky: request failed", "path", r.URL.Path, "err", err)
		return response{status: http.StatusServiceUnavailable, body: errorBody(err.Error())}
	}
	return response{body: errorBody(err.Error())}
}

func errorBody(msg string) []byte {
	b, _ := json.Marshal(map[string]string{"error": msg})
	return b
}

func jsonBody(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		return errorBody(err.Error())
	}
	return b
}

// eventOf builds the event of a request from its path.
func eventOf(r *http.Request, attrs map[string]any) pico.Event {
	return pico.Event{ECI: r.PathValue("eci"), Domain: r.PathValue("domain"), Type: r.PathValue("type"), Attrs: attrs}
}

// sendEvent queues the event and answers its eid.
func (h *Handler) sendEvent(r *http.Request, attrs map[string]any) response {
	eid, err := h.eng.Send(r.Context(), eventOf(r, attrs))
	if err != nil {
		return h.fail(r, err)
	}
	return response{body: jsonBody(eid)}
}

// waitEvent raises the event and answers {"eid", "directives"}.
func (h *Handler) waitEvent(r *http.Request, attrs map[string]any) response {
	res, err := h.eng.Raise(r.Context(), eventOf(r, attrs))
	if err != nil {
		return h.fail(r, err)
	}
	return response{body: eventResult(res)}
}

// skyEvent is waitEvent with the reference's extras: the EID of the path
// becomes attribute __eid (unless it is "none" or given), and directives
// named _cookie and _redirect set cookies and redirect.
func (h *Handler) skyEvent(r *http.Request, attrs map[string]any) response {
	if eid := r.PathValue("eid"); eid != "none" {
		if _, ok := attrs["__eid"]; !ok {
			attrs["__eid"] = eid
		}
	}
	res, err := h.eng.Raise(r.Context(), eventOf(r, attrs))
	if err != nil {
		return h.fail(r, err)
	}
	resp := response{header: http.Header{}, body: eventResult(res)}
	for _, d := range res.Directives {
		if c, ok := d.Options["cookie"].(string); ok && d.Name == "_cookie" {
			resp.header.Add("Set-Cookie", c)
		}
	}
	for _, d := range res.Directives {
		if u, ok := d.Options["url"].(string); ok && d.Name == "_redirect" {
			resp.status = http.StatusFound
			resp.header.Set("Location", u)
			resp.body = nil
			resp.header.Set("Content-Type", "text/plain; charset=utf-8")
			break
		}
	}
	return resp
}

// eventQuery raises the event, then runs the query with the attributes
// as arguments.
func (h *Handler) eventQuery(r *http.Request, attrs map[string]any) response {
	if _, err := h.eng.Raise(r.Context(), eventOf(r, attrs)); err != nil {
		return h.fail(r, err)
	}
	return h.query(r, attrs)
}

// query runs a query. A name ending in .html or .txt answers the result,
// a string, as that kind of text.
func (h *Handler) query(r *http.Request, args map[string]any) response {
	name, ext, _ := strings.Cut(r.PathValue("name"), ".")
	v, err := h.eng.QueryValue(r.Context(), pico.Query{ECI: r.PathValue("eci"), RID: r.PathValue("rid"), Name: name, Args: args})
	if err != nil {
		return h.fail(r, err)
	}
	if ctype, ok := map[string]string{"html": "text/html; charset=utf-8", "txt": "text/plain; charset=utf-8"}[ext]; ok {
		var text string
		if v.Kind() == value.StringKind {
			text = v.AsStr()
		} else {
			b, _ := v.MarshalJSON()
			text = string(b)
		}
		return response{header: http.Header{"Content-Type": {ctype}}, body: []byte(text)}
	}
	b, err := v.MarshalJSON()
	if err != nil {
		return h.fail(r, err)
	}
	return response{body: b}
}

// directiveJSON is a directive as the reference engine answers it.
type directiveJSON struct {
	Type    string             `json:"type"`
	Name    string             `json:"name"`
	Options json.RawMessage    `json:"options"`
	Meta    pico.DirectiveMeta `json:"meta"`
}

func eventResult(res *pico.Result) []byte {
	dirs := make([]directiveJSON, len(res.Directives))
	for i, d := range res.Directives {
		dirs[i] = directiveJSON{Type: "directive", Name: d.Name, Options: d.OptionsJSON(), Meta: d.Meta}
	}
	return jsonBody(struct {
		EID        string          `json:"eid"`
		Directives []directiveJSON `json:"directives"`
	}{res.EID, dirs})
}

// attrs merges the query string and the body (a JSON object or a form;
// the body wins) and adds the request headers as _headers.
func (h *Handler) attrs(r *http.Request) (map[string]any, error) {
	attrs := map[string]any{}
	mergeValues(attrs, r.URL.Query())
	if r.Body != nil && r.Method != http.MethodGet && r.Method != http.MethodHead {
		body, err := io.ReadAll(io.LimitReader(r.Body, h.maxBody+1))
		if err != nil {
			return nil, fmt.Errorf("reading the request body: %w", err)
		}
		if int64(len(body)) > h.maxBody {
			return nil, fmt.Errorf("request entity too large (more than %d bytes)", h.maxBody)
		}
		if err := mergeBody(attrs, r.Header.Get("Content-Type"), body); err != nil {
			return nil, err
		}
	}
	headers := map[string]any{}
	for k, vs := range r.Header {
		headers[strings.ToLower(k)] = strings.Join(vs, ", ")
	}
	if r.Host != "" {
		headers["host"] = r.Host
	}
	attrs["_headers"] = headers
	return attrs, nil
}

// mergeValues adds form values: one value as a string, several as an
// array of strings.
func mergeValues(dst map[string]any, vals url.Values) {
	for k, vs := range vals {
		if len(vs) == 1 {
			dst[k] = vs[0]
			continue
		}
		arr := make([]any, len(vs))
		for i, v := range vs {
			arr[i] = v
		}
		dst[k] = arr
	}
}

// mergeBody adds the fields of a JSON object body (also for
// application/octet-stream, as the reference reads it) or a form body.
// Other bodies are ignored.
func mergeBody(dst map[string]any, contentType string, body []byte) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	mt, _, _ := mime.ParseMediaType(contentType)
	switch mt {
	case "application/json", "application/octet-stream", "application/ssi-agent-wire":
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(body, &obj); err != nil {
			return fmt.Errorf("the body is not a JSON object: %v", err)
		}
		for k, v := range obj {
			dst[k] = v
		}
	case "application/x-www-form-urlencoded":
		vals, err := url.ParseQuery(string(body))
		if err != nil {
			return fmt.Errorf("malformed form body: %v", err)
		}
		mergeValues(dst, vals)
	}
	return nil
}
