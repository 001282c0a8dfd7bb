package store

import (
	"time"
)

// PutSchedule stores rec, creating the schedule or replacing it. Ruleset
// rec.RID must be installed on pico rec.PicoID. Besides the record, the
// store keeps three indexes: "at" schedules by due time
// ([Tx.SchedulesDue]), "repeat" schedules ([Tx.RepeatSchedules]), and all
// schedules by pico and ruleset ([Tx.PicoSchedules]), which is how
// uninstalling and deleting picos cancel them.
func (tx Tx) PutSchedule(rec ScheduleRecord) error {
	if err := rec.validate(); err != nil {
		return err
	}
	ok, err := tx.HasInstall(rec.PicoID, rec.RID)
	if err != nil {
		return err
	}
	if !ok {
		return notFound("ruleset %q on pico %q", rec.RID, rec.PicoID)
	}
	old, err := tx.GetSchedule(rec.ID)
	switch {
	case err == nil:
		if err := tx.deleteScheduleIndexes(old); err != nil {
			return err
		}
	case !isNotFound(err):
		return err
	}
	rec.At = rec.At.UTC()
	if err := putJSON(tx, keySchedule(rec.ID), rec); err != nil {
		return err
	}
	if err := tx.Set(rec.timeIndexKey(), nil); err != nil {
		return err
	}
	return tx.Set(keyPicoSched(rec.PicoID, rec.RID, rec.ID), nil)
}

func (rec ScheduleRecord) validate() error {
	switch {
	case rec.ID == "":
		return invalidf("schedule id is empty")
	case rec.PicoID == "" || rec.RID == "":
		return invalidf("schedule %q needs a pico and a rid", rec.ID)
	case rec.Type == ScheduleAt && rec.At.IsZero():
		return invalidf("schedule %q of type at has no time", rec.ID)
	case rec.Type == ScheduleRepeat && rec.Timespec == "":
		return invalidf("schedule %q of type repeat has no timespec", rec.ID)
	case rec.Type != ScheduleAt && rec.Type != ScheduleRepeat:
		return invalidf("schedule %q has unknown type %q", rec.ID, rec.Type)
	}
	return nil
}

// timeIndexKey is the key of rec in the "at" or "repeat" index.
func (rec ScheduleRecord) timeIndexKey() Key {
	if rec.Type == ScheduleAt {
		return keySchedAt(rec.At, rec.ID)
	}
	return keySchedRep(rec.ID)
}

// GetSchedule returns schedule id, or an error wrapping [ErrNotFound].
func (tx Tx) GetSchedule(id string) (ScheduleRecord, error) {
	return getJSON[ScheduleRecord](tx, keySchedule(id), `schedule "`+id+`"`)
}

// DeleteSchedule deletes schedule id, or returns an error wrapping
// [ErrNotFound].
func (tx Tx) DeleteSchedule(id string) error {
	rec, err := tx.GetSchedule(id)
	if err != nil {
		return err
	}
	if err := tx.deleteScheduleIndexes(rec); err != nil {
		return err
	}
	return tx.Delete(keySchedule(id))
}

func (tx Tx) deleteScheduleIndexes(rec ScheduleRecord) error {
	if err := tx.Delete(rec.timeIndexKey()); err != nil {
		return err
	}
	return tx.Delete(keyPicoSched(rec.PicoID, rec.RID, rec.ID))
}

// deleteSchedulesUnder deletes the schedules listed under a prefix of the
// per-pico index.
func (tx Tx) deleteSchedulesUnder(prefix Key) error {
	var ids []string
	err := tx.ScanKeys(prefix, func(k []byte) error {
		id, err := lastPart(k, 4)
		if err != nil {
			return err
		}
		ids = append(ids, id)
		return nil
	})
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := tx.DeleteSchedule(id); err != nil && !isNotFound(err) {
			return err
		}
	}
	return tx.DeletePrefix(prefix)
}

// PicoSchedules returns the schedules of pico picoID, ordered by ruleset id
// then schedule id.
func (tx Tx) PicoSchedules(picoID string) ([]ScheduleRecord, error) {
	return tx.schedulesUnder(NewKey(nsPicoSched, picoID))
}

// RulesetSchedules returns the schedules of ruleset rid on pico picoID,
// ordered by schedule id (so ids that sort in creation order, such as
// time-based ones, list them in creation order).
func (tx Tx) RulesetSchedules(picoID, rid string) ([]ScheduleRecord, error) {
	return tx.schedulesUnder(NewKey(nsPicoSched, picoID, rid))
}

func (tx Tx) schedulesUnder(prefix Key) ([]ScheduleRecord, error) {
	var out []ScheduleRecord
	err := tx.ScanKeys(prefix, func(k []byte) error {
		id, err := lastPart(k, 4)
		if err != nil {
			return err
		}
		rec, err := tx.GetSchedule(id)
		if err != nil {
			return err
		}
		out = append(out, rec)
		return nil
	})
	return out, err
}

// SchedulesDue calls fn with every "at" schedule due at or before until, in
// due order (ties by id). It is a range scan of the due-time index: its cost
// depends on the number of schedules due, not on the number stored.
func (tx Tx) SchedulesDue(until time.Time, fn func(ScheduleRecord) error) error {
	start := NewKey(nsSchedAt)
	end := NewKey(nsSchedAt, timePart(until.Add(time.Nanosecond)))
	return tx.ScanRange(start, end, func(k, _ []byte) error {
		rec, err := tx.scheduleFromIndex(k, 3)
		if err != nil {
			return err
		}
		return fn(rec)
	})
}

// EarliestSchedule returns the "at" schedule due first, or an error
// wrapping [ErrNotFound] if there is none.
func (tx Tx) EarliestSchedule() (ScheduleRecord, error) {
	var first ScheduleRecord
	found := false
	err := tx.ScanKeys(NewKey(nsSchedAt), func(k []byte) error {
		rec, err := tx.scheduleFromIndex(k, 3)
		if err != nil {
			return err
		}
		first, found = rec, true
		return ErrStopScan
	})
	if err == nil && !found {
		err = notFound("schedule")
	}
	return first, err
}

// RepeatSchedules calls fn with every "repeat" schedule, in id order.
func (tx Tx) RepeatSchedules(fn func(ScheduleRecord) error) error {
	return tx.ScanKeys(NewKey(nsSchedRep), func(k []byte) error {
		rec, err := tx.scheduleFromIndex(k, 2)
		if err != nil {
			return err
		}
		return fn(rec)
	})
}

// scheduleFromIndex loads the schedule whose id ends an index key of n
// components.
func (tx Tx) scheduleFromIndex(k []byte, n int) (ScheduleRecord, error) {
	id, err := lastPart(k, n)
	if err != nil {
		return ScheduleRecord{}, err
	}
	return tx.GetSchedule(id)
}
