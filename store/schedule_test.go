package store_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gopico/pico/store"
)

var t0 = time.UnixMilli(1_700_000_000_000).UTC()

func at(id, pico string, d time.Duration) store.ScheduleRecord {
	return store.ScheduleRecord{
		ID: id, PicoID: pico, RID: "r", Type: store.ScheduleAt, At: t0.Add(d),
		Event: json.RawMessage(`{"domain":"d","name":"n"}`),
	}
}

func repeat(id, pico string) store.ScheduleRecord {
	return store.ScheduleRecord{ID: id, PicoID: pico, RID: "r", Type: store.ScheduleRepeat, Timespec: "*/5 * * * *"}
}

// withScheduler stores picos p and q with ruleset r installed.
func withScheduler(t *testing.T, s *store.Store) {
	t.Helper()
	mustUpdate(t, s, func(tx store.Tx) error {
		if err := newRoot(tx, "p"); err != nil {
			return err
		}
		if err := family(tx, "p", "q"); err != nil {
			return err
		}
		for _, id := range []string{"p", "q"} {
			if err := tx.PutInstall(id, store.InstallRecord{RID: "r"}); err != nil {
				return err
			}
		}
		return nil
	})
}

func putSchedules(t *testing.T, s *store.Store, recs ...store.ScheduleRecord) {
	t.Helper()
	mustUpdate(t, s, func(tx store.Tx) error {
		for _, r := range recs {
			if err := tx.PutSchedule(r); err != nil {
				return err
			}
		}
		return nil
	})
}

func ids(recs []store.ScheduleRecord) []string {
	var out []string
	for _, r := range recs {
		out = append(out, r.ID)
	}
	return out
}

func TestTx_PutSchedule_GetSchedule(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		withScheduler(t, s)
		want := []store.ScheduleRecord{at("s1", "p", time.Minute), repeat("s2", "q")}
		putSchedules(t, s, want...)
		mustView(t, s, func(tx store.Tx) error {
			for _, w := range want {
				got, err := tx.GetSchedule(w.ID)
				require.NoError(t, err)
				require.Equal(t, w, got)
			}
			_, err := tx.GetSchedule("nope")
			require.ErrorIs(t, err, store.ErrNotFound)
			return nil
		})
	})
}

func TestTx_PutSchedule_Invalid(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		withScheduler(t, s)
		noTime := at("x", "p", 0)
		noTime.At = time.Time{}
		noSpec := repeat("x", "p")
		noSpec.Timespec = ""
		badType := at("x", "p", 0)
		badType.Type = "sometimes"
		notInstalled := at("x", "p", 0)
		notInstalled.RID = "other"
		tests := []struct {
			name    string
			rec     store.ScheduleRecord
			wantErr error
		}{
			{"no id", at("", "p", 0), store.ErrInvalidRecord},
			{"no pico", at("x", "", 0), store.ErrInvalidRecord},
			{"at without time", noTime, store.ErrInvalidRecord},
			{"repeat without timespec", noSpec, store.ErrInvalidRecord},
			{"unknown type", badType, store.ErrInvalidRecord},
			{"ruleset not installed", notInstalled, store.ErrNotFound},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := s.Update(ctx, func(tx store.Tx) error { return tx.PutSchedule(tt.rec) })
				require.ErrorIs(t, err, tt.wantErr)
			})
		}
	})
}

func TestTx_SchedulesDue(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		withScheduler(t, s)
		putSchedules(t, s,
			at("late", "p", time.Hour),
			at("b-now", "q", 0),
			at("a-now", "p", 0),
			at("past", "p", -time.Hour),
			repeat("cron", "p"),
		)
		tests := []struct {
			name  string
			until time.Time
			want  []string
		}{
			{"before everything", t0.Add(-2 * time.Hour), nil},
			{"inclusive bound", t0, []string{"past", "a-now", "b-now"}},
			{"one nanosecond early", t0.Add(-time.Nanosecond), []string{"past"}},
			{"all", t0.Add(24 * time.Hour), []string{"past", "a-now", "b-now", "late"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				var got []store.ScheduleRecord
				mustView(t, s, func(tx store.Tx) error {
					return tx.SchedulesDue(tt.until, func(r store.ScheduleRecord) error {
						got = append(got, r)
						return nil
					})
				})
				require.Equal(t, tt.want, ids(got))
			})
		}
		mustView(t, s, func(tx store.Tx) error {
			first, err := tx.EarliestSchedule()
			require.NoError(t, err)
			require.Equal(t, "past", first.ID)
			return nil
		})
	})
}

func TestTx_PutSchedule_Moves(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		withScheduler(t, s)
		putSchedules(t, s, at("s", "p", time.Hour))
		// Re-storing with another time (or type) moves it in the indexes.
		putSchedules(t, s, at("s", "p", -time.Hour))
		due := func() []string {
			var got []store.ScheduleRecord
			mustView(t, s, func(tx store.Tx) error {
				return tx.SchedulesDue(t0, func(r store.ScheduleRecord) error {
					got = append(got, r)
					return nil
				})
			})
			return ids(got)
		}
		require.Equal(t, []string{"s"}, due())
		putSchedules(t, s, repeat("s", "p"))
		require.Empty(t, due())
		var reps []store.ScheduleRecord
		mustView(t, s, func(tx store.Tx) error {
			return tx.RepeatSchedules(func(r store.ScheduleRecord) error {
				reps = append(reps, r)
				return nil
			})
		})
		require.Equal(t, []string{"s"}, ids(reps))
	})
}

func TestTx_EarliestSchedule_NotFound(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		withScheduler(t, s)
		putSchedules(t, s, repeat("cron", "p"))
		err := s.View(ctx, func(tx store.Tx) error {
			_, err := tx.EarliestSchedule()
			return err
		})
		require.ErrorIs(t, err, store.ErrNotFound)
	})
}

func TestTx_PicoSchedules(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		withScheduler(t, s)
		mustUpdate(t, s, func(tx store.Tx) error { return tx.PutInstall("p", store.InstallRecord{RID: "a"}) })
		other := repeat("z-other", "p")
		other.RID = "a"
		putSchedules(t, s, at("s2", "p", 0), repeat("s1", "p"), at("s3", "q", 0), other)
		tests := []struct {
			name string
			list func(tx store.Tx) ([]store.ScheduleRecord, error)
			want []string
		}{
			{"pico p, by rid then id", func(tx store.Tx) ([]store.ScheduleRecord, error) { return tx.PicoSchedules("p") }, []string{"z-other", "s1", "s2"}},
			{"pico q", func(tx store.Tx) ([]store.ScheduleRecord, error) { return tx.PicoSchedules("q") }, []string{"s3"}},
			{"ruleset r on p", func(tx store.Tx) ([]store.ScheduleRecord, error) { return tx.RulesetSchedules("p", "r") }, []string{"s1", "s2"}},
			{"nothing", func(tx store.Tx) ([]store.ScheduleRecord, error) { return tx.RulesetSchedules("q", "a") }, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				mustView(t, s, func(tx store.Tx) error {
					got, err := tt.list(tx)
					require.NoError(t, err)
					require.Equal(t, tt.want, ids(got))
					return nil
				})
			})
		}
	})
}

func TestTx_DeleteSchedule(t *testing.T) {
	eachMode(t, func(t *testing.T, s *store.Store) {
		withScheduler(t, s)
		putSchedules(t, s, at("s1", "p", 0), repeat("s2", "p"))
		mustUpdate(t, s, func(tx store.Tx) error {
			if err := tx.DeleteSchedule("s1"); err != nil {
				return err
			}
			return tx.DeleteSchedule("s2")
		})
		mustView(t, s, func(tx store.Tx) error {
			for _, kind := range []string{"sched", "sat", "srep", "psched"} {
				require.Empty(t, scanAll(t, tx, store.NewKey(kind)), kind)
			}
			return nil
		})
		err := s.Update(ctx, func(tx store.Tx) error { return tx.DeleteSchedule("s1") })
		require.ErrorIs(t, err, store.ErrNotFound)
	})
}
