package store

import (
	"context"
	"encoding/binary"
	"fmt"
	"strings"
)

// maxProblems caps the problems listed by Check.
const maxProblems = 50

// Check verifies the invariants of the key layout and returns an error
// wrapping [ErrInconsistent] that lists the violations, or nil. It reads the
// whole store, so it is meant for tests and repair tools. See [Tx.Check].
func (s *Store) Check(ctx context.Context) error {
	return s.View(ctx, func(tx Tx) error { return tx.Check() })
}

// Check verifies, inside the transaction, that:
//   - every record decodes and matches its key;
//   - the pico counter equals the number of picos, and the root pico exists;
//   - every pico's parent exists, and its ParentECI and ChildrenECIs are
//     existing channels;
//   - every channel's pico (and FamilyOf pico) exists, and the channel is
//     listed under its pico; every listing entry names a channel of that
//     pico;
//   - every install's pico exists; every entity variable, rule state and
//     schedule belongs to an installed ruleset;
//   - every schedule is in the right indexes, and every index entry names
//     a matching schedule;
//   - every current ruleset version exists.
//
// Keys outside the layout's kinds are ignored.
func (tx Tx) Check() error {
	c := checker{
		picos:    map[string]PicoRecord{},
		channels: map[string]ChannelRecord{},
		pchan:    map[[2]string]bool{},
		installs: map[[2]string]bool{},
		scheds:   map[string]ScheduleRecord{},
		index:    map[string]bool{},
		rulesets: map[[2]string]bool{},
		current:  map[string]string{},
	}
	err := tx.Scan(nil, func(k, v []byte) error {
		c.visit(k, v)
		return nil
	})
	if err != nil {
		return err
	}
	c.verify()
	if len(c.problems) == 0 {
		return nil
	}
	msg := strings.Join(c.problems, "\n  ")
	if c.dropped > 0 {
		msg += fmt.Sprintf("\n  and %d more", c.dropped)
	}
	return fmt.Errorf("%w: %d problems:\n  %s", ErrInconsistent, len(c.problems)+c.dropped, msg)
}

// kindArity is the number of components of each kind of key.
var kindArity = map[string]int{
	nsMeta: 2, nsRoot: 1, nsPico: 2, nsChannel: 2, nsPicoChan: 3, nsInstall: 3,
	nsEntVar: 4, nsRuleState: 4, nsSchedule: 2, nsSchedAt: 3, nsSchedRep: 2,
	nsPicoSched: 4, nsRuleset: 3, nsRulesetCur: 2,
}

type checker struct {
	problems []string
	dropped  int

	count    uint64
	hasCount bool
	root     string

	picos    map[string]PicoRecord
	channels map[string]ChannelRecord
	pchan    map[[2]string]bool // (pico, eci)
	installs map[[2]string]bool // (pico, rid)
	owned    [][3]string        // (kind, pico, rid) of entvars and states
	scheds   map[string]ScheduleRecord
	index    map[string]bool // schedule index keys seen, as strings
	rulesets map[[2]string]bool
	current  map[string]string
}

func (c *checker) problem(format string, args ...any) {
	if len(c.problems) >= maxProblems {
		c.dropped++
		return
	}
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

func (c *checker) visit(k, v []byte) {
	parts, err := Key(k).Parts()
	if err != nil || len(parts) == 0 {
		return // not a tuple key: not ours
	}
	n, ours := kindArity[parts[0]]
	if !ours {
		return
	}
	if len(parts) != n {
		c.problem("key %s: %d components, want %d", Key(k), len(parts), n)
		return
	}
	switch parts[0] {
	case nsMeta:
		if parts[1] == metaPicos {
			if len(v) != 8 {
				c.problem("pico counter of %d bytes", len(v))
				return
			}
			c.count, c.hasCount = binary.BigEndian.Uint64(v), true
		}
	case nsRoot:
		c.root = string(v)
	case nsPico:
		if rec, ok := decodeAs[PicoRecord](c, k, v); ok {
			if rec.ID != parts[1] {
				c.problem("pico record %s has id %q", Key(k), rec.ID)
			}
			c.picos[parts[1]] = rec
		}
	case nsChannel:
		if rec, ok := decodeAs[ChannelRecord](c, k, v); ok {
			if rec.ECI != parts[1] {
				c.problem("channel record %s has eci %q", Key(k), rec.ECI)
			}
			c.channels[parts[1]] = rec
		}
	case nsPicoChan:
		c.pchan[[2]string{parts[1], parts[2]}] = true
	case nsInstall:
		if rec, ok := decodeAs[InstallRecord](c, k, v); ok {
			if rec.RID != parts[2] {
				c.problem("install record %s has rid %q", Key(k), rec.RID)
			}
			c.installs[[2]string{parts[1], parts[2]}] = true
		}
	case nsEntVar, nsRuleState:
		c.owned = append(c.owned, [3]string{parts[0], parts[1], parts[2]})
	case nsSchedule:
		if rec, ok := decodeAs[ScheduleRecord](c, k, v); ok {
			if rec.ID != parts[1] {
				c.problem("schedule record %s has id %q", Key(k), rec.ID)
			}
			if err := rec.validate(); err != nil {
				c.problem("schedule record %s: %v", Key(k), err)
			}
			c.scheds[parts[1]] = rec
		}
	case nsSchedAt, nsSchedRep, nsPicoSched:
		c.index[string(k)] = true
	case nsRuleset:
		rec, err := decodeRuleset(k, v)
		if err != nil {
			c.problem("%v", err)
			return
		}
		if rec.RID != parts[1] || rec.Version != parts[2] {
			c.problem("ruleset record %s is %q version %q", Key(k), rec.RID, rec.Version)
		}
		c.rulesets[[2]string{parts[1], parts[2]}] = true
	case nsRulesetCur:
		c.current[parts[1]] = string(v)
	}
}

func decodeAs[T any](c *checker, k, v []byte) (T, bool) {
	rec, err := decodeJSON[T](k, v)
	if err != nil {
		c.problem("%v", err)
		return rec, false
	}
	return rec, true
}

func (c *checker) verify() {
	if n := uint64(len(c.picos)); n != c.count && (c.hasCount || n > 0) {
		c.problem("pico counter says %d, %d pico records", c.count, n)
	}
	if _, ok := c.picos[c.root]; c.root != "" && !ok {
		c.problem("root pico %q does not exist", c.root)
	}
	for id, p := range c.picos {
		if _, ok := c.picos[p.ParentID]; p.ParentID != "" && !ok {
			c.problem("pico %q: parent %q does not exist", id, p.ParentID)
		}
		if _, ok := c.channels[p.ParentECI]; p.ParentECI != "" && !ok {
			c.problem("pico %q: parent channel %q does not exist", id, p.ParentECI)
		}
		for _, eci := range p.ChildrenECIs {
			if _, ok := c.channels[eci]; !ok {
				c.problem("pico %q: child channel %q does not exist", id, eci)
			}
		}
	}
	for eci, ch := range c.channels {
		if _, ok := c.picos[ch.PicoID]; !ok {
			c.problem("channel %q: pico %q does not exist", eci, ch.PicoID)
		}
		if _, ok := c.picos[ch.FamilyOf]; ch.FamilyOf != "" && !ok {
			c.problem("channel %q: family pico %q does not exist", eci, ch.FamilyOf)
		}
		if !c.pchan[[2]string{ch.PicoID, eci}] {
			c.problem("channel %q is not listed under pico %q", eci, ch.PicoID)
		}
	}
	for pc := range c.pchan {
		if ch, ok := c.channels[pc[1]]; !ok || ch.PicoID != pc[0] {
			c.problem("pico %q lists channel %q, which is not one of its channels", pc[0], pc[1])
		}
	}
	for in := range c.installs {
		if _, ok := c.picos[in[0]]; !ok {
			c.problem("install of %q on missing pico %q", in[1], in[0])
		}
	}
	for _, o := range c.owned {
		if !c.installs[[2]string{o[1], o[2]}] {
			c.problem("%s key of %q on pico %q, which does not have it installed", o[0], o[2], o[1])
		}
	}
	c.verifySchedules()
	for rid, v := range c.current {
		if !c.rulesets[[2]string{rid, v}] {
			c.problem("current version %q of ruleset %q does not exist", v, rid)
		}
	}
}

func (c *checker) verifySchedules() {
	expected := map[string]bool{}
	for id, s := range c.scheds {
		if !c.installs[[2]string{s.PicoID, s.RID}] {
			c.problem("schedule %q: ruleset %q is not installed on pico %q", id, s.RID, s.PicoID)
		}
		for _, k := range []Key{s.timeIndexKey(), keyPicoSched(s.PicoID, s.RID, id)} {
			expected[string(k)] = true
			if !c.index[string(k)] {
				c.problem("schedule %q: index key %s missing", id, k)
			}
		}
	}
	for k := range c.index {
		if !expected[k] {
			c.problem("index key %s names no matching schedule", Key(k))
		}
	}
}
