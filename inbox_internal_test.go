package pico

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gopico/pico/store"
)

// TestInbox_ResumesAfterStop leaves events in the inbox as a process that
// stopped right after Send would, and checks that the next Open runs each
// of them once, in order.
func TestInbox_ResumesAfterStop(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	eng, err := Open(ctx, WithDir(dir))
	require.NoError(t, err)
	rs, err := eng.Register(ctx, Source("order.krl", []byte(`ruleset order {
  meta { shares seen }
  global { seen = function() { ent:seen.defaultsTo([]) } }
  rule see { select when o see n re#(\d+)# setting(n) always { ent:seen := seen().append(n) } }
}`)))
	require.NoError(t, err)
	p, err := eng.NewPico(ctx)
	require.NoError(t, err)
	require.NoError(t, p.Install(ctx, rs.RID, nil))
	ch, err := p.NewChannel(ctx)
	require.NoError(t, err)
	for _, n := range []int{1, 2, 3} {
		_, kev, err := eng.prepareEvent(ctx, Event{ECI: ch.ECI, Domain: "o", Type: "see", Attrs: map[string]any{"n": n}})
		require.NoError(t, err)
		require.NoError(t, eng.st.Update(ctx, func(tx store.Tx) error {
			_, err := putInbox(tx, p.ID(), kev)
			return err
		}))
	}
	require.NoError(t, eng.Close())

	eng, err = Open(ctx, WithDir(dir))
	require.NoError(t, err)
	require.NoError(t, eng.Close()) // drains the resumed events
	eng, err = Open(ctx, WithDir(dir))
	require.NoError(t, err)
	defer eng.Close()
	got, err := eng.Query(ctx, Query{ECI: ch.ECI, RID: "order", Name: "seen"})
	require.NoError(t, err)
	require.Equal(t, []any{"1", "2", "3"}, got)
	n := 0
	require.NoError(t, eng.st.View(ctx, func(tx store.Tx) error {
		return tx.ScanKeys(inboxPrefix(), func([]byte) error { n++; return nil })
	}))
	require.Zero(t, n, "the inbox is empty")
}
