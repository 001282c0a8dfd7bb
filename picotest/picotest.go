package picotest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/gopico/pico"
)

// NewEngine returns an in-memory engine that is closed when the test ends.
// opts are added to WithInMemory.
func NewEngine(tb testing.TB, opts ...pico.Option) *pico.Engine {
	tb.Helper()
	eng, err := pico.Open(context.Background(), append([]pico.Option{pico.WithInMemory()}, opts...)...)
	if err != nil {
		tb.Fatalf("picotest: open engine: %v", err)
	}
	tb.Cleanup(func() {
		if err := eng.Close(); err != nil {
			tb.Errorf("picotest: close engine: %v", err)
		}
	})
	return eng
}

// Run runs the scenario file on a fresh in-memory engine and fails t for
// each step whose expectation does not hold, showing the step's output
// line.
func Run(t testing.TB, file string) {
	t.Helper()
	sc, err := ReadScenario(file)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	rep, err := RunScenario(context.Background(), sc, &out)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Failed > 0 {
		for _, l := range bytes.Split(bytes.TrimSpace(out.Bytes()), []byte("\n")) {
			if bytes.Contains(l, []byte(`"ok":false`)) {
				t.Errorf("%s: %s", file, l)
			}
		}
	}
}

// Setup registers each source, creates a child of the root pico, installs
// the rulesets on it in order and gives it a channel that allows every
// event and query. It returns the pico and the channel's ECI.
func Setup(tb testing.TB, eng *pico.Engine, sources ...string) (*pico.Pico, string) {
	tb.Helper()
	ctx := context.Background()
	p, err := eng.NewPico(ctx)
	if err != nil {
		tb.Fatalf("picotest: new pico: %v", err)
	}
	for i, src := range sources {
		rs, err := eng.Register(ctx, pico.Source(fmt.Sprintf("source%d.krl", i), []byte(src)))
		if err != nil {
			tb.Fatalf("picotest: register:\n%v", err)
		}
		if err := p.Install(ctx, rs.RID, nil); err != nil {
			tb.Fatalf("picotest: install %s: %v", rs.RID, err)
		}
	}
	ch, err := p.NewChannel(ctx, pico.Tags("picotest"))
	if err != nil {
		tb.Fatalf("picotest: new channel: %v", err)
	}
	return p, ch.ECI
}

// Raise sends an event to eci and fails the test if it errs. It returns the
// names of the directives, in order, and the result.
func Raise(tb testing.TB, eng *pico.Engine, eci, domain, typ string, attrs map[string]any) ([]string, *pico.Result) {
	tb.Helper()
	res, err := eng.Raise(context.Background(), pico.Event{ECI: eci, Domain: domain, Type: typ, Attrs: attrs})
	if err != nil {
		tb.Fatalf("picotest: raise %s:%s: %v", domain, typ, err)
	}
	names := make([]string, len(res.Directives))
	for i, d := range res.Directives {
		names[i] = d.Name
	}
	return names, res
}

// Query runs a query and fails the test if it errs.
func Query(tb testing.TB, eng *pico.Engine, eci, rid, name string, args map[string]any) any {
	tb.Helper()
	v, err := eng.Query(context.Background(), pico.Query{ECI: eci, RID: rid, Name: name, Args: args})
	if err != nil {
		tb.Fatalf("picotest: query %s/%s: %v", rid, name, err)
	}
	return v
}

// Equal fails the test when got and want differ as JSON values (so 2 and
// 2.0, or map key order, do not matter).
func Equal(tb testing.TB, got, want any) {
	tb.Helper()
	g, err1 := json.Marshal(got)
	w, err2 := json.Marshal(want)
	if err1 != nil || err2 != nil || !sameJSON(g, w) {
		tb.Errorf("picotest: got %s, want %s", g, w)
	}
}
