package store_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gopico/pico/store"
	"github.com/gopico/pico/store/storetest"
)

// TestModes_Agree runs the same random transactions on a store in memory
// and one on disk: every read inside them, and the final content, must be
// the same. The transactions mix sets, deletes, prefix deletes, point reads
// and scans of committed and own writes, and some fail.
func TestModes_Agree(t *testing.T) {
	const txns = 300
	mem := storetest.New(t, store.WithInMemory())
	disk := storetest.New(t)
	for seed := range uint64(txns) {
		var logs [2][]string
		var errs [2]error
		for i, s := range []*store.Store{mem, disk} {
			write := s.Update
			if seed%3 == 0 {
				write = s.Batch
			}
			errs[i] = write(ctx, func(tx store.Tx) error {
				// The same seed gives both stores the same operations;
				// a retry starts the log again.
				logs[i] = randomTxn(tx, rand.New(rand.NewPCG(seed, 7)))
				if seed%5 == 0 {
					return errRolledBack
				}
				return nil
			})
		}
		require.Equal(t, errs[0], errs[1], "transaction %d", seed)
		require.Equal(t, logs[0], logs[1], "transaction %d", seed)
	}
	var contents [2][]string
	for i, s := range []*store.Store{mem, disk} {
		mustView(t, s, func(tx store.Tx) error {
			contents[i] = scanAll(t, tx, nil)
			return nil
		})
	}
	require.Equal(t, contents[0], contents[1])
	require.Greater(t, len(contents[0]), 5, "some writes survive")
}

var errRolledBack = errors.New("rolled back")

// randomTxn runs random operations on keys of the form r/<a>/<b> and
// returns a log of what the reads saw.
func randomTxn(tx store.Tx, rng *rand.Rand) []string {
	var log []string
	key := func() store.Key {
		return store.NewKey("r", string(rune('a'+rng.IntN(4))), fmt.Sprint(rng.IntN(12)))
	}
	scanned := func(prefix []byte) string {
		var b strings.Builder
		err := tx.Scan(prefix, func(k, v []byte) error {
			fmt.Fprintf(&b, "%s=%s ", store.Key(k), v)
			return nil
		})
		if err != nil {
			return err.Error()
		}
		return b.String()
	}
	for n := rng.IntN(30); n > 0; n-- {
		switch op := rng.IntN(10); {
		case op < 4:
			k := key()
			if err := tx.Set(k, fmt.Appendf(nil, "v%d", rng.IntN(100))); err != nil {
				log = append(log, "set: "+err.Error())
			}
		case op < 6:
			if err := tx.Delete(key()); err != nil {
				log = append(log, "delete: "+err.Error())
			}
		case op == 6 && rng.IntN(4) == 0:
			if err := tx.DeletePrefix(store.NewKey("r", string(rune('a'+rng.IntN(4))))); err != nil {
				log = append(log, "delete prefix: "+err.Error())
			}
		case op == 7:
			k := key()
			v, err := tx.Get(k)
			log = append(log, fmt.Sprintf("get %s: %q %v", k, v, err))
		case op == 8:
			prefix := store.NewKey("r", string(rune('a'+rng.IntN(4))))
			log = append(log, "scan "+prefix.String()+": "+scanned(prefix))
		default:
			start, end := key(), key()
			var b strings.Builder
			err := tx.ScanRange(start, end, func(k, _ []byte) error {
				b.WriteString(store.Key(k).String() + " ")
				return nil
			})
			log = append(log, fmt.Sprintf("range %s %s: %s %v", start, end, b.String(), err))
		}
	}
	return append(log, "all: "+scanned(store.NewKey("r")))
}
