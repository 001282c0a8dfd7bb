package store

import (
	"cmp"
	"slices"
)

// PutInstall records that ruleset rec.RID is installed on pico picoID, with
// rec's version and configuration. The pico must exist. A new install goes
// after the others; re-installing keeps the install's position and the
// ruleset's entity variables. The store assigns rec.Order: the value given
// is ignored.
func (tx Tx) PutInstall(picoID string, rec InstallRecord) error {
	if rec.RID == "" {
		return invalidf("install on pico %q has no rid", picoID)
	}
	ok, err := tx.HasPico(picoID)
	if err != nil {
		return err
	}
	if !ok {
		return notFound("pico %q", picoID)
	}
	installs, err := tx.PicoInstalls(picoID)
	if err != nil {
		return err
	}
	rec.Order = 1
	for _, in := range installs {
		if in.RID == rec.RID {
			rec.Order = in.Order
			break
		}
		rec.Order = max(rec.Order, in.Order+1)
	}
	return putJSON(tx, keyInstall(picoID, rec.RID), rec)
}

// GetInstall returns the install of ruleset rid on pico picoID, or an error
// wrapping [ErrNotFound].
func (tx Tx) GetInstall(picoID, rid string) (InstallRecord, error) {
	return getJSON[InstallRecord](tx, keyInstall(picoID, rid), `ruleset "`+rid+`" on pico "`+picoID+`"`)
}

// HasInstall reports whether ruleset rid is installed on pico picoID.
func (tx Tx) HasInstall(picoID, rid string) (bool, error) {
	return tx.Has(keyInstall(picoID, rid))
}

// PicoInstalls returns the installs of pico picoID in install order.
func (tx Tx) PicoInstalls(picoID string) ([]InstallRecord, error) {
	var out []InstallRecord
	err := scanJSON(tx, NewKey(nsInstall, picoID), func(r InstallRecord) error {
		out = append(out, r)
		return nil
	})
	slices.SortFunc(out, func(a, b InstallRecord) int {
		return cmp.Or(cmp.Compare(a.Order, b.Order), cmp.Compare(a.RID, b.RID))
	})
	return out, err
}

// DeleteInstall uninstalls ruleset rid from pico picoID, deleting with it
// the ruleset's entity variables, rule states and schedules on that pico.
// It returns an error wrapping [ErrNotFound] if the ruleset is not
// installed.
func (tx Tx) DeleteInstall(picoID, rid string) error {
	ok, err := tx.HasInstall(picoID, rid)
	if err != nil {
		return err
	}
	if !ok {
		return notFound("ruleset %q on pico %q", rid, picoID)
	}
	if err := tx.Delete(keyInstall(picoID, rid)); err != nil {
		return err
	}
	if err := tx.DeleteEntVars(picoID, rid); err != nil {
		return err
	}
	if err := tx.DeleteRuleStates(picoID, rid); err != nil {
		return err
	}
	return tx.deleteSchedulesUnder(NewKey(nsPicoSched, picoID, rid))
}
