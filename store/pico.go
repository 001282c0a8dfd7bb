package store

import (
	"context"
	"encoding/binary"
	"errors"
	"slices"
)

// PutPico stores rec, creating the pico or replacing its record. A new pico
// must have a ParentID that exists (or none, for a root). The store keeps
// the count of picos up to date (see [Tx.CountPicos]).
func (tx Tx) PutPico(rec PicoRecord) error {
	if rec.ID == "" {
		return invalidf("pico id is empty")
	}
	if rec.ParentID == rec.ID {
		return invalidf("pico %q is its own parent", rec.ID)
	}
	if rec.ParentID != "" {
		ok, err := tx.Has(keyPico(rec.ParentID))
		if err != nil {
			return err
		}
		if !ok {
			return notFound("parent pico %q", rec.ParentID)
		}
	}
	exists, err := tx.Has(keyPico(rec.ID))
	if err != nil {
		return err
	}
	if !exists {
		if err := tx.addPicoCount(1); err != nil {
			return err
		}
	}
	return putJSON(tx, keyPico(rec.ID), rec)
}

// GetPico returns the record of pico id, or an error wrapping [ErrNotFound].
func (tx Tx) GetPico(id string) (PicoRecord, error) {
	return getJSON[PicoRecord](tx, keyPico(id), `pico "`+id+`"`)
}

// HasPico reports whether pico id exists.
func (tx Tx) HasPico(id string) (bool, error) { return tx.Has(keyPico(id)) }

// Picos calls fn for every pico, in id order. It reads the whole table:
// it is meant for tools and checks, not for serving events.
func (tx Tx) Picos(fn func(PicoRecord) error) error {
	return scanJSON(tx, NewKey(nsPico), fn)
}

// CountPicos returns the number of picos, from a counter kept with the
// records (it does not scan).
func (tx Tx) CountPicos() (int, error) {
	n, err := tx.picoCount()
	return int(n), err
}

func (tx Tx) picoCount() (uint64, error) {
	b, err := tx.Get(keyMeta(metaPicos))
	switch {
	case isNotFound(err):
		return 0, nil
	case err != nil:
		return 0, err
	case len(b) != 8:
		return 0, invalidf("pico counter of %d bytes", len(b))
	}
	return binary.BigEndian.Uint64(b), nil
}

func (tx Tx) addPicoCount(delta int) error {
	n, err := tx.picoCount()
	if err != nil {
		return err
	}
	n += uint64(delta) // delta -1 wraps to subtract one
	return tx.Set(keyMeta(metaPicos), binary.BigEndian.AppendUint64(nil, n))
}

// RootPico returns the id of the root pico, or an error wrapping
// [ErrNotFound] if none was set.
func (tx Tx) RootPico() (string, error) {
	b, err := tx.Get(keyRoot())
	if isNotFound(err) {
		return "", notFound("root pico")
	}
	return string(b), err
}

// SetRootPico records id, an existing pico, as the root pico.
func (tx Tx) SetRootPico(id string) error {
	ok, err := tx.HasPico(id)
	if err != nil {
		return err
	}
	if !ok {
		return notFound("pico %q", id)
	}
	return tx.Set(keyRoot(), []byte(id))
}

// DeletePicoData deletes pico id and everything stored for it: its
// channels, installs, entity variables, rule states and schedules. It also
// unlinks the pico from its parent: the family channel on the parent that
// the pico used (its ParentECI) is deleted, and the pico's channels are
// removed from the parent's ChildrenECIs. If the pico was the root pico,
// there is no root pico any more.
//
// A pico with children is refused with [ErrHasChildren]: delete the
// descendants first, deepest first, in the same transaction if wanted. A
// pico holding more than one transaction can delete makes it return
// [ErrTxTooBig]; [Store.DeletePico] handles that case.
func (tx Tx) DeletePicoData(id string) error {
	rec, err := tx.GetPico(id)
	if err != nil {
		return err
	}
	if n := len(rec.ChildrenECIs); n > 0 {
		return wrapf(ErrHasChildren, "pico %q (%d children)", id, n)
	}
	// Own channels.
	var ecis []string
	err = tx.ScanKeys(NewKey(nsPicoChan, id), func(k []byte) error {
		eci, err := lastPart(k, 3)
		if err != nil {
			return err
		}
		ecis = append(ecis, eci)
		return nil
	})
	if err != nil {
		return err
	}
	for _, eci := range ecis {
		if err := tx.deleteChannelKeys(id, eci); err != nil {
			return err
		}
	}
	if err := tx.unlinkFromParent(rec, ecis); err != nil {
		return err
	}
	for _, ns := range []string{nsInstall, nsEntVar, nsRuleState} {
		if err := tx.DeletePrefix(NewKey(ns, id)); err != nil {
			return err
		}
	}
	if err := tx.deleteSchedulesUnder(NewKey(nsPicoSched, id)); err != nil {
		return err
	}
	if err := tx.Delete(keyPico(id)); err != nil {
		return err
	}
	if err := tx.addPicoCount(-1); err != nil {
		return err
	}
	root, err := tx.RootPico()
	switch {
	case err == nil && root == id:
		return tx.Delete(keyRoot())
	case err != nil && !isNotFound(err):
		return err
	}
	return nil
}

// unlinkFromParent removes the traces of rec in its parent: the family
// channel rec.ParentECI and the entries of ecis in ChildrenECIs.
func (tx Tx) unlinkFromParent(rec PicoRecord, ecis []string) error {
	if rec.ParentID == "" {
		return nil
	}
	if rec.ParentECI != "" {
		ch, err := tx.GetChannel(rec.ParentECI)
		switch {
		case err == nil && ch.FamilyOf == rec.ID:
			if err := tx.deleteChannelKeys(ch.PicoID, ch.ECI); err != nil {
				return err
			}
		case err != nil && !isNotFound(err):
			return err
		}
	}
	parent, err := tx.GetPico(rec.ParentID)
	if isNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	kept := slices.DeleteFunc(slices.Clone(parent.ChildrenECIs), func(e string) bool {
		return slices.Contains(ecis, e)
	})
	if len(kept) == len(parent.ChildrenECIs) {
		return nil
	}
	parent.ChildrenECIs = kept
	return putJSON(tx, keyPico(parent.ID), parent)
}

// DeletePico deletes pico id and all its data, like [Tx.DeletePicoData] in
// its own transaction, and also works for a pico with more data than one
// transaction holds: it then deletes the pico's entity variables and rule
// states first, in chunks (each intermediate state is valid: those values
// are simply missing), and the rest in one transaction. The pico should not
// be receiving events meanwhile.
func (s *Store) DeletePico(ctx context.Context, id string) error {
	del := func(tx Tx) error { return tx.DeletePicoData(id) }
	err := s.Update(ctx, del)
	if !errors.Is(err, ErrTxTooBig) {
		return err
	}
	for _, ns := range []string{nsEntVar, nsRuleState} {
		if err := s.DeletePrefix(ctx, NewKey(ns, id)); err != nil {
			return err
		}
	}
	return s.Update(ctx, del)
}
