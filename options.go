package pico

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Option configures an Engine at Open.
type Option func(*config) error

// Limits bound the work one event or query may do. A zero field means the
// default.
type Limits struct {
	// Steps is the evaluation step budget of one event (all its rules and
	// raised events) or one query. Default 1,000,000.
	Steps int
	// Depth is the maximum call depth of KRL functions. Default 512.
	Depth int
	// EventTimeout is the deadline of one event, added to the caller's
	// context. Default 10s.
	EventTimeout time.Duration
	// QueryTimeout is the deadline of one query. Default 5s.
	QueryTimeout time.Duration
}

// DefaultLimits are the limits used when WithLimits is not given.
var DefaultLimits = Limits{Steps: 1_000_000, Depth: 512, EventTimeout: 10 * time.Second, QueryTimeout: 5 * time.Second}

// Clock tells the engine the time. Time-based rules (`within`), `time:now()`
// and schedules use it, so tests can drive time with a ManualClock.
type Clock interface {
	Now() time.Time
}

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

type config struct {
	dir        string
	inMemory   bool
	syncWrites bool
	clock      Clock
	logger     *slog.Logger
	limits     Limits
	maxLoaded  int
	transport  Transport         // WithTransport; nil: remote events fail
	httpClient *http.Client      // WithHTTPClient; nil: http.DefaultClient
	modules    map[string]Module // WithModule, by domain
	host       string            // WithHost: meta:host, the engine's public base URL
	noBuiltins bool              // WithBuiltins(false): built-ins registered, not installed
}

func defaultConfig() *config {
	return &config{clock: systemClock{}, logger: slog.New(slog.DiscardHandler), limits: DefaultLimits, maxLoaded: 10_000}
}

// WithDir stores the engine's data in dir (created when missing).
func WithDir(dir string) Option {
	return func(c *config) error {
		if dir == "" {
			return fmt.Errorf("%w: WithDir needs a directory", ErrInvalid)
		}
		c.dir, c.inMemory = dir, false
		return nil
	}
}

// WithInMemory keeps all data in memory; nothing survives Close. This is the
// mode for tests.
func WithInMemory() Option {
	return func(c *config) error { c.inMemory, c.dir = true, ""; return nil }
}

// WithSyncWrites makes every event durable before Raise returns: its
// transaction is fsynced (concurrent events share one fsync). Without it,
// events are atomic and the fsync happens shortly after.
func WithSyncWrites(on bool) Option {
	return func(c *config) error { c.syncWrites = on; return nil }
}

// WithClock replaces the system clock.
func WithClock(clk Clock) Option {
	return func(c *config) error {
		if clk == nil {
			return fmt.Errorf("%w: nil clock", ErrInvalid)
		}
		c.clock = clk
		return nil
	}
}

// WithLogger sends the engine's logs, including KRL's `log` statements and
// `klog`, to l. By default logs are discarded.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		if l == nil {
			return fmt.Errorf("%w: nil logger", ErrInvalid)
		}
		c.logger = l
		return nil
	}
}

// WithMaxLoadedPicos bounds how many picos the engine keeps loaded in
// memory (their initialised rulesets and cached entity variables); others
// are loaded again from the store on their next event or query. Default
// 10,000.
func WithMaxLoadedPicos(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return fmt.Errorf("%w: WithMaxLoadedPicos needs n >= 1", ErrInvalid)
		}
		c.maxLoaded = n
		return nil
	}
}

// WithLimits sets the step budget, call depth and deadlines of events and
// queries. Zero fields keep their defaults.
func WithLimits(l Limits) Option {
	return func(c *config) error {
		if l.Steps < 0 || l.Depth < 0 || l.EventTimeout < 0 || l.QueryTimeout < 0 {
			return fmt.Errorf("%w: negative limit", ErrInvalid)
		}
		if l.Steps != 0 {
			c.limits.Steps = l.Steps
		}
		if l.Depth != 0 {
			c.limits.Depth = l.Depth
		}
		if l.EventTimeout != 0 {
			c.limits.EventTimeout = l.EventTimeout
		}
		if l.QueryTimeout != 0 {
			c.limits.QueryTimeout = l.QueryTimeout
		}
		return nil
	}
}

// WithHost sets the engine's public base URL, such as
// "https://picos.example.com:3000": what KRL reads as meta:host and what
// the Subscription ruleset gives peers on other engines (Tx_host) to reach
// its picos. Without it meta:host is null.
func WithHost(baseURL string) Option {
	return func(c *config) error {
		u, err := url.Parse(baseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("%w: WithHost needs an http or https base URL, got %q", ErrInvalid, baseURL)
		}
		c.host = strings.TrimRight(baseURL, "/")
		return nil
	}
}

// WithBuiltins says whether the built-in rulesets, Wrangler
// (io.picolabs.wrangler) and Subscriptions (io.picolabs.subscription, see
// package builtin), are installed on the root pico and on every new pico
// (the default), as the reference engine does. Open installs them on the
// root when they are missing there; Engine.NewPico and ctx:newPico install
// them first on the new pico. Either way the pico then gets the event
// wrangler:ruleset_installed {"rids": [...]}, on which they set themselves
// up (Subscriptions creates the well-known channel); Engine.NewPico and
// Open return after it ran. With false the built-ins are registered but
// installed only where asked for, so a pico has exactly the rulesets given
// to it.
func WithBuiltins(install bool) Option {
	return func(c *config) error { c.noBuiltins = !install; return nil }
}
