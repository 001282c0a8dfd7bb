package store

// PutChannel stores rec, creating the channel or replacing its record. The
// pico rec.PicoID (and rec.FamilyOf, if set) must exist, and an existing
// channel cannot move to another pico.
func (tx Tx) PutChannel(rec ChannelRecord) error {
	if rec.ECI == "" {
		return invalidf("channel eci is empty")
	}
	if rec.PicoID == "" {
		return invalidf("channel %q has no pico", rec.ECI)
	}
	for _, id := range []string{rec.PicoID, rec.FamilyOf} {
		if id == "" {
			continue
		}
		ok, err := tx.HasPico(id)
		if err != nil {
			return err
		}
		if !ok {
			return notFound("pico %q", id)
		}
	}
	old, err := tx.GetChannel(rec.ECI)
	switch {
	case err == nil && old.PicoID != rec.PicoID:
		return invalidf("channel %q belongs to pico %q, not %q", rec.ECI, old.PicoID, rec.PicoID)
	case err != nil && !isNotFound(err):
		return err
	case err != nil:
		if err := tx.Set(keyPicoChan(rec.PicoID, rec.ECI), nil); err != nil {
			return err
		}
	}
	return putJSON(tx, keyChannel(rec.ECI), rec)
}

// GetChannel returns the channel with the given ECI, or an error wrapping
// [ErrNotFound]. This is the ECI index: one lookup, whatever the number of
// picos.
func (tx Tx) GetChannel(eci string) (ChannelRecord, error) {
	return getJSON[ChannelRecord](tx, keyChannel(eci), `channel "`+eci+`"`)
}

// PicoChannels returns the channels of pico picoID, ordered by ECI.
func (tx Tx) PicoChannels(picoID string) ([]ChannelRecord, error) {
	var out []ChannelRecord
	err := tx.ScanKeys(NewKey(nsPicoChan, picoID), func(k []byte) error {
		eci, err := lastPart(k, 3)
		if err != nil {
			return err
		}
		ch, err := tx.GetChannel(eci)
		if err != nil {
			return err
		}
		out = append(out, ch)
		return nil
	})
	return out, err
}

// DeleteChannel deletes the channel with the given ECI. Family channels are
// refused with [ErrFamilyChannel]: they are deleted with their pico by
// [Tx.DeletePicoData].
func (tx Tx) DeleteChannel(eci string) error {
	ch, err := tx.GetChannel(eci)
	if err != nil {
		return err
	}
	if ch.FamilyOf != "" {
		return wrapf(ErrFamilyChannel, "channel %q", eci)
	}
	return tx.deleteChannelKeys(ch.PicoID, eci)
}

func (tx Tx) deleteChannelKeys(picoID, eci string) error {
	if err := tx.Delete(keyChannel(eci)); err != nil {
		return err
	}
	return tx.Delete(keyPicoChan(picoID, eci))
}
