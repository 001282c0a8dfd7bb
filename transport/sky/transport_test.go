package sky_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gopico/pico"
	"github.com/gopico/pico/transport/sky"
)

// fast is a transport with short waits for tests.
func fast() *sky.Transport {
	return &sky.Transport{Backoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond, AttemptTimeout: time.Second}
}

// flaky wraps h: the first fails requests get fail's answer, or, when
// after is true, reach h first and then get fail's answer (an answer lost
// on the way back). It records the idempotency keys it saw.
type flaky struct {
	h     http.Handler
	fails int
	fail  int // status
	after bool

	mu   sync.Mutex
	n    int
	keys []string
}

func (f *flaky) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.n++
	n := f.n
	f.keys = append(f.keys, r.Header.Get(sky.IdempotencyKeyHeader))
	f.mu.Unlock()
	if n > f.fails {
		f.h.ServeHTTP(w, r)
		return
	}
	if f.after {
		f.h.ServeHTTP(httptest.NewRecorder(), r)
	}
	w.WriteHeader(f.fail)
}

func (f *flaky) attempts() (int, []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.n, append([]string(nil), f.keys...)
}

func TestTransport_SendEvent(t *testing.T) {
	tests := []struct {
		name      string
		fails     int
		status    int
		after     bool
		eci       string
		attempts  int
		wantErr   error
		wantTally float64
	}{
		{name: "first try", attempts: 1, wantTally: 1},
		{name: "503 then ok", fails: 3, status: http.StatusServiceUnavailable, attempts: 4, wantTally: 1},
		{name: "429 then ok", fails: 1, status: http.StatusTooManyRequests, attempts: 2, wantTally: 1},
		{name: "lost answers, delivered once", fails: 2, status: http.StatusBadGateway, after: true, attempts: 3, wantTally: 1},
		{name: "peer down too long", fails: 100, status: http.StatusInternalServerError, attempts: 4, wantErr: sky.ErrGaveUp},
		{name: "not found is final", fails: 100, status: http.StatusNotFound, attempts: 1, wantErr: sky.ErrRejected},
		{name: "error answer is final", eci: "no-such-eci", attempts: 1, wantErr: sky.ErrRejected},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			eng, eci, _ := serve(t)
			f := &flaky{h: sky.NewHandler(eng), fails: tt.fails, fail: tt.status, after: tt.after}
			srv := httptest.NewServer(f)
			defer srv.Close()
			tr := fast()
			tr.MaxAttempts = 4
			if tt.eci != "" {
				eci = tt.eci
			}
			err := tr.SendEvent(context.Background(), srv.URL+"/", pico.Event{ECI: eci, Domain: "echo", Type: "tally", Attrs: map[string]any{"a": 1}})
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
			} else {
				require.NoError(t, err)
			}
			n, keys := f.attempts()
			require.Equal(t, tt.attempts, n)
			for _, k := range keys {
				require.Equal(t, keys[0], k, "every attempt carries the same key")
			}
			require.Len(t, keys[0], 32)
			if tt.wantErr == nil {
				require.Eventually(t, func() bool {
					v, err := eng.Query(context.Background(), pico.Query{ECI: eci, RID: "echo", Name: "total"})
					return err == nil && v == tt.wantTally
				}, 5*time.Second, 5*time.Millisecond)
				time.Sleep(20 * time.Millisecond) // a duplicate would have run by now
				v, err := eng.Query(context.Background(), pico.Query{ECI: eci, RID: "echo", Name: "total"})
				require.NoError(t, err)
				require.Equal(t, tt.wantTally, v)
			}
		})
	}
}

func TestTransport_ConnectionRefusedThenUp(t *testing.T) {
	eng, eci, _ := serve(t)
	srv := httptest.NewUnstartedServer(sky.NewHandler(eng))
	addr := srv.Listener.Addr().String()
	require.NoError(t, srv.Listener.Close()) // nobody listens on addr for now
	var attempts atomic.Int32
	tr := fast()
	tr.Backoff, tr.MaxBackoff, tr.MaxAttempts = 20*time.Millisecond, 50*time.Millisecond, 50
	tr.Client = &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if attempts.Add(1) == 3 {
			// The peer comes back.
			srv2 := &http.Server{Handler: sky.NewHandler(eng)}
			ln, err := listen(addr)
			if err != nil {
				return nil, err
			}
			go func() { _ = srv2.Serve(ln) }()
			t.Cleanup(func() { _ = srv2.Close() })
		}
		return http.DefaultTransport.RoundTrip(r)
	})}
	err := tr.SendEvent(context.Background(), "http://"+addr, pico.Event{ECI: eci, Domain: "echo", Type: "tally"})
	require.NoError(t, err)
	require.GreaterOrEqual(t, attempts.Load(), int32(3))
	require.Eventually(t, func() bool {
		v, err := eng.Query(context.Background(), pico.Query{ECI: eci, RID: "echo", Name: "total"})
		return err == nil && v == float64(1)
	}, 5*time.Second, 5*time.Millisecond)
}

func TestTransport_StopsAtDeadline(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	tr := &sky.Transport{Backoff: 10 * time.Millisecond, MaxAttempts: 1000}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := tr.SendEvent(ctx, srv.URL, pico.Event{ECI: "x", Domain: "a", Type: "b"})
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.Less(t, time.Since(start), 2*time.Second)
}

func TestTransport_NeedsAHost(t *testing.T) {
	err := (&sky.Transport{}).SendEvent(context.Background(), "", pico.Event{ECI: "x", Domain: "a", Type: "b"})
	require.True(t, errors.Is(err, sky.ErrNoHost), "err = %v", err)
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func listen(addr string) (net.Listener, error) { return net.Listen("tcp", addr) }
