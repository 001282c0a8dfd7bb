package pico

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/gopico/pico/krl"
	"github.com/gopico/pico/krl/value"
	"github.com/gopico/pico/store"
)

// ErrNoTransport is returned (or logged) when KRL sends an event to a pico
// this engine does not host and no Transport was given (see WithTransport).
var ErrNoTransport = errors.New("pico: no transport for events to other engines")

// Transport delivers the events that KRL sends (event:send, ctx:event) to
// picos that this engine does not host: when the sender names a host, or
// when the ECI is not one of this engine's. The engine calls SendEvent
// after the sending event has committed, on a goroutine of its own, with a
// context bounded by Limits.EventTimeout; errors are logged. Delivery is
// fire and forget, as in the reference engine: no retry, no answer.
type Transport interface {
	// SendEvent delivers ev to the engine at host, a base URL such as
	// "https://picos.example.com" ("" when the sender named none).
	SendEvent(ctx context.Context, host string, ev Event) error
}

// TransportFunc adapts a function to the Transport interface.
type TransportFunc func(ctx context.Context, host string, ev Event) error

// SendEvent calls f.
func (f TransportFunc) SendEvent(ctx context.Context, host string, ev Event) error {
	return f(ctx, host, ev)
}

// HTTPTransport sends events to other pico engines as the reference engine
// does: a POST of the attributes as a JSON object to
// HOST/c/ECI/event/DOMAIN/TYPE. It needs a host.
type HTTPTransport struct {
	// Client sends the requests; nil means http.DefaultClient.
	Client *http.Client
}

// SendEvent posts ev to host. A response status other than 2xx is an
// error.
func (t HTTPTransport) SendEvent(ctx context.Context, host string, ev Event) error {
	if host == "" {
		return fmt.Errorf("%w: HTTPTransport needs a host to send %s to", ErrUnknownChannel, ev.ECI)
	}
	attrs, err := attrsValue(ev.Attrs)
	if err != nil {
		return err
	}
	body, err := attrs.MarshalJSON()
	if err != nil {
		return err
	}
	u := strings.TrimRight(host, "/") + "/c/" + url.PathEscape(ev.ECI) + "/event/" +
		url.PathEscape(ev.Domain) + "/" + url.PathEscape(ev.Type)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	c := t.Client
	if c == nil {
		c = http.DefaultClient
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("pico: sending %s:%s to %s: %s", ev.Domain, ev.Type, u, resp.Status)
	}
	return nil
}

// WithTransport sets how events reach picos of other engines (see
// Transport). Without it such events fail: ctx:event raises an error and
// event:send logs one.
func WithTransport(t Transport) Option {
	return func(c *config) error {
		if t == nil {
			return fmt.Errorf("%w: nil transport", ErrInvalid)
		}
		c.transport = t
		return nil
	}
}

// outgoing is an event that KRL sends to a pico: local (target set) or
// remote (through the transport).
type outgoing struct {
	target string // pico id; "" for a remote event
	host   string
	ev     *krl.Event
}

// buildEvent checks the parts of an event that KRL sends and gives it an
// id.
func (h *eventHost) buildEvent(eci string, domain, name, attrs value.Value) (*krl.Event, error) {
	d, n := strings.TrimSpace(value.ToString(domain)), strings.TrimSpace(value.ToString(name))
	switch {
	case eci == "":
		return nil, fmt.Errorf("%w: missing event.eci", ErrInvalid)
	case domain.IsNull() || d == "":
		return nil, fmt.Errorf("%w: missing event.domain", ErrInvalid)
	case name.IsNull() || n == "":
		return nil, fmt.Errorf("%w: missing event.name", ErrInvalid)
	}
	a, err := normaliseAttrs(attrs)
	if err != nil {
		return nil, err
	}
	return &krl.Event{EID: h.e.eids.next(), ECI: eci, Domain: d, Type: n, Attrs: a, Time: h.e.cfg.clock.Now()}, nil
}

// localEvent builds an event to eci and resolves eci in the event's
// transaction (channels it created are found): target is the pico it
// reaches, "" when eci is not a channel of this engine. The current pico
// may use the family channels it owns; the channel's event policy applies.
func (h *eventHost) localEvent(eci string, domain, name, attrs value.Value) (target string, ev *krl.Event, err error) {
	ev, err = h.buildEvent(eci, domain, name, attrs)
	if err != nil {
		return "", nil, err
	}
	ch, err := h.tx.GetChannel(eci)
	if errors.Is(err, store.ErrNotFound) {
		return "", ev, nil
	}
	if err != nil {
		return "", nil, err
	}
	if err := familyOK(ch, h.pico); err != nil {
		return "", nil, err
	}
	if err := newChannelInfo(ch).eventPolicy.allowsEvent(ev.Domain, ev.Type); err != nil {
		return "", nil, err
	}
	return ch.PicoID, ev, nil
}

// send routes an event KRL sends: to a host, to a pico of this engine
// (queued once the current event has committed) or, for an unknown ECI,
// to the transport. It returns the event id of a local event.
func (h *eventHost) send(eci, host string, domain, name, attrs value.Value) (value.Value, error) {
	var out outgoing
	if host != "" {
		ev, err := h.buildEvent(eci, domain, name, attrs)
		if err != nil {
			return value.Null, err
		}
		out = outgoing{host: host, ev: ev}
	} else {
		target, ev, err := h.localEvent(eci, domain, name, attrs)
		if err != nil {
			return value.Null, err
		}
		out = outgoing{target: target, ev: ev}
	}
	switch {
	case out.target != "" || h.e.cfg.transport != nil:
	case host == "":
		return value.Null, fmt.Errorf("%w: %s", ErrUnknownChannel, eci)
	default:
		return value.Null, fmt.Errorf("%w: cannot send %s:%s to %s", ErrNoTransport, out.ev.Domain, out.ev.Type, host)
	}
	if out.target == "" {
		h.onCommit(func() { h.e.deliver(out) })
		return value.Null, nil
	}
	// A local event goes into the target's inbox in this transaction: it
	// is queued if and only if the sending event commits, and survives a
	// stop before it runs.
	key, err := putInbox(h.tx, out.target, out.ev)
	if err != nil {
		return value.Null, err
	}
	h.onCommit(func() {
		if err := h.e.submitInboxed(out.target, key, out.ev); err != nil {
			h.e.log.Error("event not sent", "eci", out.ev.ECI, "err", err)
		}
	})
	return value.Str(out.ev.EID), nil
}

// deliver hands a sent event to the transport, for another engine.
func (e *Engine) deliver(out outgoing) {
	if err := e.enter(); err != nil {
		e.log.Error("event not sent: engine closing", "eci", out.ev.ECI, "domain", out.ev.Domain, "type", out.ev.Type)
		return
	}
	go func() {
		defer e.leave()
		ctx, cancel := limitsCtx(context.Background(), e.cfg.limits.EventTimeout)
		defer cancel()
		ev := Event{ECI: out.ev.ECI, Domain: out.ev.Domain, Type: out.ev.Type, Time: out.ev.Time}
		ev.Attrs, _ = value.ToGo(out.ev.Attrs).(map[string]any)
		if err := e.cfg.transport.SendEvent(ctx, out.host, ev); err != nil {
			e.log.Error("sending event to another engine failed", "host", out.host, "eci", ev.ECI,
				"domain", ev.Domain, "type", ev.Type, "err", err)
		}
	}()
}

// ctxEvent is ctx:event(eci, domain, name, attrs = {}, host): it sends an
// event to a pico and returns its event id (null when it goes to another
// engine). Unlike event:send it fails on a bad channel or policy.
func (e *Engine) ctxEvent(t value.Thread, args []value.Value) (value.Value, error) {
	h, err := eventOf(t, "ctx:event")
	if err != nil {
		return value.Null, err
	}
	host := ""
	if value.Truthy(args[4]) {
		host = value.ToString(args[4])
	}
	return h.send(strings.TrimSpace(value.ToString(args[0])), host, args[1], args[2], args[3])
}

// eventSend is event:send(options, host): it sends {"eci", "domain",
// "name" (or "type"), "attrs"} to a pico and returns the event id of a
// local event. Without "eci", options.sub gives it ({"Tx", "Tx_host"}, a
// subscription). Errors other than a non-string ECI are logged, not
// raised, as in the reference engine.
func (e *Engine) eventSend(t value.Thread, args []value.Value) (value.Value, error) {
	h, err := eventOf(t, "event:send")
	if err != nil {
		return value.Null, err
	}
	opts := args[0]
	get := func(m value.Value, k string) value.Value { return value.Get(m, value.Str(k)) }
	eci, name := get(opts, "eci"), get(opts, "name")
	if name.IsNull() {
		name = get(opts, "type")
	}
	host := ""
	if value.Truthy(args[1]) {
		host = value.ToString(args[1])
	}
	if !value.Truthy(eci) {
		if sub := get(opts, "sub"); sub.Kind() == value.MapKind {
			eci = get(sub, "Tx")
			if th := get(sub, "Tx_host"); value.Truthy(th) {
				host = value.ToString(th)
			}
		} else if !get(opts, "did").IsNull() {
			e.log.Error("event:send: DIDComm delivery (options.did) is not supported")
			return value.Null, nil
		}
	}
	if eci.Kind() != value.StringKind {
		return value.Null, value.TypeErrorf("eci was %s instead of a string", value.ToString(eci))
	}
	eid, err := h.send(strings.TrimSpace(eci.AsStr()), host, get(opts, "domain"), name, get(opts, "attrs"))
	if err != nil {
		e.log.Error("event:send failed", "eci", eci.AsStr(), "err", err)
		return value.Null, nil
	}
	return eid, nil
}
