package sky

import (
	"bytes"
	"context"
	crand "crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gopico/pico"
)

// Errors of Transport.SendEvent, matched with errors.Is.
var (
	// ErrNoHost is returned for an event without a host: the transport
	// does not know where to send it.
	ErrNoHost = errors.New("sky: no host to send the event to")
	// ErrRejected is returned when the other engine answered with an
	// error (an unknown channel, a policy that denies the event, ...):
	// sending again would not help.
	ErrRejected = errors.New("sky: the other engine rejected the event")
	// ErrGaveUp is returned when every attempt failed on a transient
	// error; it wraps the last one.
	ErrGaveUp = errors.New("sky: giving up after retries")
)

// Transport sends events to picos of other engines (a pico.Transport):
// a POST of the attributes as a JSON object to HOST/c/ECI/event/DOMAIN/TYPE,
// which a Handler (or a reference pico engine) serves.
//
// A transient failure (no connection, a timeout, a 5xx or 429 answer) is
// retried with exponential backoff and jitter until MaxAttempts or the
// context's deadline (pico.Limits.EventTimeout when the engine calls it).
// Every attempt of one event carries the same idempotency key, so a
// Handler runs the event once even when an answer was lost and the event
// is sent again. The zero Transport is ready to use.
type Transport struct {
	// Client sends the requests; nil means http.DefaultClient.
	Client *http.Client
	// AttemptTimeout bounds each attempt. Default 5s.
	AttemptTimeout time.Duration
	// MaxAttempts bounds the attempts of one event. Default 8.
	MaxAttempts int
	// Backoff is the wait before the second attempt; it doubles with each
	// attempt up to MaxBackoff. Defaults 100ms and 2s.
	Backoff    time.Duration
	MaxBackoff time.Duration
	// Logger receives a line per failed attempt; nil discards them.
	Logger *slog.Logger
}

var _ pico.Transport = (*Transport)(nil)

func (t *Transport) settings() (c *http.Client, attempt time.Duration, attempts int, backoff, maxBackoff time.Duration, log *slog.Logger) {
	c, attempt, attempts, backoff, maxBackoff, log = t.Client, t.AttemptTimeout, t.MaxAttempts, t.Backoff, t.MaxBackoff, t.Logger
	if c == nil {
		c = http.DefaultClient
	}
	if attempt <= 0 {
		attempt = 5 * time.Second
	}
	if attempts <= 0 {
		attempts = 8
	}
	if backoff <= 0 {
		backoff = 100 * time.Millisecond
	}
	if maxBackoff <= 0 {
		maxBackoff = 2 * time.Second
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return
}

// SendEvent delivers ev to the engine at host (a base URL such as
// "https://picos.example.com"). It returns nil once that engine has
// accepted the event (queued it on the pico), an error wrapping
// ErrRejected when it refused it, ErrGaveUp when every attempt failed, or
// the context's error.
func (t *Transport) SendEvent(ctx context.Context, host string, ev pico.Event) error {
	if host == "" {
		return fmt.Errorf("%w: %s:%s to %s", ErrNoHost, ev.Domain, ev.Type, ev.ECI)
	}
	client, attemptTimeout, attempts, backoff, maxBackoff, log := t.settings()
	attrs := ev.Attrs
	if attrs == nil {
		attrs = map[string]any{}
	}
	body, err := json.Marshal(attrs)
	if err != nil {
		return fmt.Errorf("sky: encoding the attributes of %s:%s: %w", ev.Domain, ev.Type, err)
	}
	u := strings.TrimRight(host, "/") + "/c/" + url.PathEscape(ev.ECI) + "/event/" +
		url.PathEscape(ev.Domain) + "/" + url.PathEscape(ev.Type)
	key := newKey()
	wait := backoff
	var last error
	for n := 1; ; n++ {
		retry, err := t.attempt(ctx, client, attemptTimeout, u, key, body)
		if err == nil {
			return nil
		}
		if !retry {
			return err
		}
		last = err
		log.Warn("sky: sending an event failed", "url", u, "attempt", n, "err", err)
		if n >= attempts {
			return fmt.Errorf("%w (%d attempts): %w", ErrGaveUp, n, last)
		}
		// Full jitter in [wait/2, wait) spreads the retries of many senders.
		d := wait/2 + rand.N(wait/2+1)
		select {
		case <-ctx.Done():
			return fmt.Errorf("sky: %w after %d attempts; last error: %w", ctx.Err(), n, last)
		case <-time.After(d):
		}
		wait = min(2*wait, maxBackoff)
	}
}

// attempt posts the event once. retry tells whether a failure is
// transient.
func (t *Transport) attempt(ctx context.Context, c *http.Client, timeout time.Duration, u, key string, body []byte) (retry bool, err error) {
	actx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return false, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(IdempotencyKeyHeader, key)
	resp, err := c.Do(req)
	if err != nil {
		// No answer: the connection failed or timed out. A cancelled
		// context ends the retries in the caller.
		return ctx.Err() == nil, err
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return ctx.Err() == nil, err
	}
	switch {
	case resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusRequestTimeout:
		return true, fmt.Errorf("sky: %s answered %s", u, resp.Status)
	case resp.StatusCode/100 != 2:
		return false, fmt.Errorf("%w: %s answered %s", ErrRejected, u, resp.Status)
	}
	// The reference's answers: the eid as a JSON string, or {"error": ...}
	// with status 200.
	var failure struct {
		Error *string `json:"error"`
	}
	if json.Unmarshal(answer, &failure) == nil && failure.Error != nil {
		return false, fmt.Errorf("%w: %s", ErrRejected, *failure.Error)
	}
	return false, nil
}

// newKey returns a fresh idempotency key.
func newKey() string {
	var b [16]byte
	if _, err := crand.Read(b[:]); err != nil {
		panic("sky: crypto/rand failed: " + err.Error()) // never on supported platforms
	}
	return hex.EncodeToString(b[:])
}
