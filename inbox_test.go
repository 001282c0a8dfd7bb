package pico_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gopico/pico"
)

// TestEngine_Send_ExactlyOnceAcrossReopen checks that events sent and run
// before Close do not run again after Open (their inbox records went with
// their transactions).
func TestEngine_Send_ExactlyOnceAcrossReopen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	eng, err := pico.Open(ctx, pico.WithDir(dir))
	require.NoError(t, err)
	_, eci := setup(t, eng, counterKRL)
	const n = 200
	for i := 0; i < n; i++ {
		_, err := eng.Send(ctx, pico.Event{ECI: eci, Domain: "bench", Type: "inc"})
		require.NoError(t, err)
	}
	require.NoError(t, eng.Close()) // Close drains: every sent event has run

	eng, err = pico.Open(ctx, pico.WithDir(dir))
	require.NoError(t, err)
	defer eng.Close()
	got, err := eng.Query(ctx, pico.Query{ECI: eci, RID: "bench.counter", Name: "count"})
	require.NoError(t, err)
	require.EqualValues(t, n, got, "each sent event runs exactly once, none again after Open")
}
