package store_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gopico/pico/store"
)

func TestTx_PutChannel_GetChannel(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		rec := store.ChannelRecord{
			ECI:    "eci-1",
			PicoID: "root",
			Tags:   []string{"app", "ui"},
			EventPolicy: store.EventPolicy{
				Allow: []store.EventRule{{Domain: "echo", Name: "*"}},
				Deny:  []store.EventRule{{Domain: "echo", Name: "secret"}},
			},
			QueryPolicy: store.QueryPolicy{
				Allow: []store.QueryRule{{RID: "hello", Name: "greet"}},
			},
		}
		mustUpdate(t, s, func(tx store.Tx) error {
			if err := newRoot(tx, "root"); err != nil {
				return err
			}
			return tx.PutChannel(rec)
		})
		mustView(t, s, func(tx store.Tx) error {
			got, err := tx.GetChannel("eci-1")
			require.NoError(t, err)
			require.Equal(t, rec, got)
			return nil
		})
		// Replacing keeps one listing entry.
		rec.Tags = []string{"renamed"}
		mustUpdate(t, s, func(tx store.Tx) error { return tx.PutChannel(rec) })
		mustView(t, s, func(tx store.Tx) error {
			chans, err := tx.PicoChannels("root")
			require.NoError(t, err)
			require.Len(t, chans, 2)
			require.Equal(t, rec, chans[0])
			return nil
		})
	})
}

func TestTx_GetChannel_NotFound(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		err := s.View(ctx, func(tx store.Tx) error {
			_, err := tx.GetChannel("nope")
			return err
		})
		require.ErrorIs(t, err, store.ErrNotFound)
		require.Contains(t, err.Error(), `channel "nope"`)
	})
}

func TestTx_PutChannel_Invalid(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		mustUpdate(t, s, func(tx store.Tx) error {
			if err := newRoot(tx, "root"); err != nil {
				return err
			}
			return family(tx, "root", "kid")
		})
		tests := []struct {
			name    string
			rec     store.ChannelRecord
			wantErr error
		}{
			{"no eci", store.ChannelRecord{PicoID: "root"}, store.ErrInvalidRecord},
			{"no pico", store.ChannelRecord{ECI: "e"}, store.ErrInvalidRecord},
			{"missing pico", store.ChannelRecord{ECI: "e", PicoID: "ghost"}, store.ErrNotFound},
			{"missing family pico", store.ChannelRecord{ECI: "e", PicoID: "root", FamilyOf: "ghost"}, store.ErrNotFound},
			{"moving to another pico", store.ChannelRecord{ECI: "root-main", PicoID: "kid"}, store.ErrInvalidRecord},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := s.Update(ctx, func(tx store.Tx) error { return tx.PutChannel(tt.rec) })
				require.ErrorIs(t, err, tt.wantErr)
			})
		}
	})
}

func TestTx_PicoChannels(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		mustUpdate(t, s, func(tx store.Tx) error {
			if err := newRoot(tx, "root"); err != nil {
				return err
			}
			if err := family(tx, "root", "kid"); err != nil {
				return err
			}
			for _, eci := range []string{"z", "b", "m"} {
				if err := tx.PutChannel(store.ChannelRecord{ECI: eci, PicoID: "kid"}); err != nil {
					return err
				}
			}
			return nil
		})
		tests := []struct {
			pico string
			want []string
		}{
			{"kid", []string{"b", "kid-down", "m", "z"}},
			{"root", []string{"kid-up", "root-main"}},
			{"ghost", nil},
		}
		for _, tt := range tests {
			t.Run(tt.pico, func(t *testing.T) {
				mustView(t, s, func(tx store.Tx) error {
					chans, err := tx.PicoChannels(tt.pico)
					require.NoError(t, err)
					var ecis []string
					for _, c := range chans {
						require.Equal(t, tt.pico, c.PicoID)
						ecis = append(ecis, c.ECI)
					}
					require.Equal(t, tt.want, ecis)
					return nil
				})
			})
		}
	})
}

func TestTx_DeleteChannel(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		mustUpdate(t, s, func(tx store.Tx) error {
			if err := newRoot(tx, "root"); err != nil {
				return err
			}
			return family(tx, "root", "kid")
		})
		tests := []struct {
			name    string
			eci     string
			wantErr error
		}{
			{"ordinary", "root-main", nil},
			{"again", "root-main", store.ErrNotFound},
			{"family channel", "kid-up", store.ErrFamilyChannel},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := s.Update(ctx, func(tx store.Tx) error { return tx.DeleteChannel(tt.eci) })
				if tt.wantErr != nil {
					require.ErrorIs(t, err, tt.wantErr)
					return
				}
				require.NoError(t, err)
				mustView(t, s, func(tx store.Tx) error {
					chans, err := tx.PicoChannels("root")
					require.NoError(t, err)
					require.Len(t, chans, 1)
					require.Equal(t, "kid-up", chans[0].ECI)
					return nil
				})
			})
		}
	})
}
