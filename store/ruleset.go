package store

import (
	"cmp"
	"slices"
)

// PutRuleset stores a version of a ruleset's source and makes it the
// current version of rec.RID. Storing a version again replaces it.
func (tx Tx) PutRuleset(rec RulesetRecord) error {
	if rec.RID == "" || rec.Version == "" {
		return invalidf("ruleset needs a rid and a version")
	}
	rec.RegisteredAt = rec.RegisteredAt.UTC()
	data, err := encodeRuleset(rec)
	if err != nil {
		return err
	}
	if err := tx.Set(keyRuleset(rec.RID, rec.Version), data); err != nil {
		return err
	}
	return tx.Set(keyRulesetCur(rec.RID), []byte(rec.Version))
}

// GetRuleset returns one version of a ruleset, or an error wrapping
// [ErrNotFound].
func (tx Tx) GetRuleset(rid, version string) (RulesetRecord, error) {
	key := keyRuleset(rid, version)
	data, err := tx.Get(key)
	if isNotFound(err) {
		return RulesetRecord{}, notFound("ruleset %q version %q", rid, version)
	}
	if err != nil {
		return RulesetRecord{}, err
	}
	return decodeRuleset(key, data)
}

// CurrentRuleset returns the current version of ruleset rid, or an error
// wrapping [ErrNotFound].
func (tx Tx) CurrentRuleset(rid string) (RulesetRecord, error) {
	v, err := tx.Get(keyRulesetCur(rid))
	if isNotFound(err) {
		return RulesetRecord{}, notFound("ruleset %q", rid)
	}
	if err != nil {
		return RulesetRecord{}, err
	}
	return tx.GetRuleset(rid, string(v))
}

// SetCurrentRuleset makes a stored version the current one.
func (tx Tx) SetCurrentRuleset(rid, version string) error {
	ok, err := tx.Has(keyRuleset(rid, version))
	if err != nil {
		return err
	}
	if !ok {
		return notFound("ruleset %q version %q", rid, version)
	}
	return tx.Set(keyRulesetCur(rid), []byte(version))
}

// Rulesets calls fn with the current version of every ruleset, in rid
// order.
func (tx Tx) Rulesets(fn func(RulesetRecord) error) error {
	return tx.Scan(NewKey(nsRulesetCur), func(k, v []byte) error {
		rid, err := lastPart(k, 2)
		if err != nil {
			return err
		}
		rec, err := tx.GetRuleset(rid, string(v))
		if err != nil {
			return err
		}
		return fn(rec)
	})
}

// RulesetVersions returns every stored version of ruleset rid, oldest
// registration first.
func (tx Tx) RulesetVersions(rid string) ([]RulesetRecord, error) {
	var out []RulesetRecord
	err := tx.Scan(NewKey(nsRuleset, rid), func(k, v []byte) error {
		rec, err := decodeRuleset(k, v)
		if err != nil {
			return err
		}
		out = append(out, rec)
		return nil
	})
	slices.SortFunc(out, func(a, b RulesetRecord) int {
		return cmp.Or(a.RegisteredAt.Compare(b.RegisteredAt), cmp.Compare(a.Version, b.Version))
	})
	return out, err
}

// DeleteRuleset deletes every version of ruleset rid, or returns an error
// wrapping [ErrNotFound] if there is none. Installs of the ruleset are left
// alone.
func (tx Tx) DeleteRuleset(rid string) error {
	ok, err := tx.Has(keyRulesetCur(rid))
	if err != nil {
		return err
	}
	if !ok {
		return notFound("ruleset %q", rid)
	}
	if err := tx.Delete(keyRulesetCur(rid)); err != nil {
		return err
	}
	return tx.DeletePrefix(NewKey(nsRuleset, rid))
}
