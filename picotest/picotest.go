package picotest

import (
	"bytes"
	"context"
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
