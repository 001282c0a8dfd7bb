package store

// Entity variables and rule states are opaque bytes (the engine stores JSON)
// keyed by pico, ruleset and name. The store does not check that the
// ruleset is installed, to keep these hot-path writes to a single key; the
// engine must only write them for installed rulesets, and [Store.Check]
// reports orphans.

// GetEntVar returns entity variable name of ruleset rid on pico picoID, or
// an error wrapping [ErrNotFound].
func (tx Tx) GetEntVar(picoID, rid, name string) ([]byte, error) {
	v, err := tx.Get(keyEntVar(picoID, rid, name))
	if isNotFound(err) {
		return nil, notFound("entity variable %q of %q on pico %q", name, rid, picoID)
	}
	return v, err
}

// PutEntVar stores entity variable name of ruleset rid on pico picoID.
func (tx Tx) PutEntVar(picoID, rid, name string, val []byte) error {
	if picoID == "" || rid == "" || name == "" {
		return invalidf("entity variable needs a pico, a rid and a name")
	}
	return tx.Set(keyEntVar(picoID, rid, name), val)
}

// DeleteEntVar deletes an entity variable; a missing one is not an error.
func (tx Tx) DeleteEntVar(picoID, rid, name string) error {
	return tx.Delete(keyEntVar(picoID, rid, name))
}

// EntVars calls fn with every entity variable of ruleset rid on pico
// picoID, in name order.
func (tx Tx) EntVars(picoID, rid string, fn func(name string, val []byte) error) error {
	return scanNamed(tx, NewKey(nsEntVar, picoID, rid), fn)
}

// DeleteEntVars deletes every entity variable of ruleset rid on pico picoID.
func (tx Tx) DeleteEntVars(picoID, rid string) error {
	return tx.DeletePrefix(NewKey(nsEntVar, picoID, rid))
}

// GetRuleState returns the saved event-expression state of rule on ruleset
// rid of pico picoID, or an error wrapping [ErrNotFound].
func (tx Tx) GetRuleState(picoID, rid, rule string) ([]byte, error) {
	v, err := tx.Get(keyRuleState(picoID, rid, rule))
	if isNotFound(err) {
		return nil, notFound("state of rule %q of %q on pico %q", rule, rid, picoID)
	}
	return v, err
}

// PutRuleState saves the event-expression state of a rule.
func (tx Tx) PutRuleState(picoID, rid, rule string, state []byte) error {
	if picoID == "" || rid == "" || rule == "" {
		return invalidf("rule state needs a pico, a rid and a rule")
	}
	return tx.Set(keyRuleState(picoID, rid, rule), state)
}

// DeleteRuleState deletes the state of a rule (back to its start); a
// missing one is not an error.
func (tx Tx) DeleteRuleState(picoID, rid, rule string) error {
	return tx.Delete(keyRuleState(picoID, rid, rule))
}

// RuleStates calls fn with the state of every rule of ruleset rid on pico
// picoID that has one, in rule name order.
func (tx Tx) RuleStates(picoID, rid string, fn func(rule string, state []byte) error) error {
	return scanNamed(tx, NewKey(nsRuleState, picoID, rid), fn)
}

// DeleteRuleStates deletes the states of every rule of ruleset rid on pico
// picoID.
func (tx Tx) DeleteRuleStates(picoID, rid string) error {
	return tx.DeletePrefix(NewKey(nsRuleState, picoID, rid))
}

// scanNamed scans 4-component keys under prefix and passes the last
// component with the value.
func scanNamed(tx Tx, prefix Key, fn func(name string, val []byte) error) error {
	return tx.Scan(prefix, func(k, v []byte) error {
		name, err := lastPart(k, 4)
		if err != nil {
			return err
		}
		return fn(name, v)
	})
}
