package pico

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/gopico/pico/store"
)

// Channel is a channel of a pico: its ECI is what senders use to reach the
// pico, and its policies say which events and queries it lets through.
type Channel struct {
	ECI         string
	PicoID      string
	Tags        []string
	EventPolicy Policy
	QueryPolicy Policy
	// FamilyOf is set on family channels (the ones linking a parent and a
	// child): the id of the only pico allowed to use the channel.
	FamilyOf string
}

// channelInfo is a channel as the event path needs it, cached by ECI.
type channelInfo struct {
	store.ChannelRecord
	eventPolicy Policy
	queryPolicy Policy
}

func newChannelInfo(rec store.ChannelRecord) *channelInfo {
	ci := &channelInfo{ChannelRecord: rec}
	for _, r := range rec.EventPolicy.Allow {
		ci.eventPolicy.Allow = append(ci.eventPolicy.Allow, PolicyRule{Domain: r.Domain, Name: r.Name})
	}
	for _, r := range rec.EventPolicy.Deny {
		ci.eventPolicy.Deny = append(ci.eventPolicy.Deny, PolicyRule{Domain: r.Domain, Name: r.Name})
	}
	for _, r := range rec.QueryPolicy.Allow {
		ci.queryPolicy.Allow = append(ci.queryPolicy.Allow, PolicyRule{RID: r.RID, Name: r.Name})
	}
	for _, r := range rec.QueryPolicy.Deny {
		ci.queryPolicy.Deny = append(ci.queryPolicy.Deny, PolicyRule{RID: r.RID, Name: r.Name})
	}
	return ci
}

func (ci *channelInfo) public() Channel {
	return Channel{ECI: ci.ECI, PicoID: ci.PicoID, Tags: slices.Clone(ci.Tags),
		EventPolicy: ci.eventPolicy, QueryPolicy: ci.queryPolicy, FamilyOf: ci.FamilyOf}
}

func channelRecord(c Channel) store.ChannelRecord {
	rec := store.ChannelRecord{ECI: c.ECI, PicoID: c.PicoID, Tags: c.Tags, FamilyOf: c.FamilyOf}
	rec.EventPolicy.Allow, rec.EventPolicy.Deny = []store.EventRule{}, []store.EventRule{}
	rec.QueryPolicy.Allow, rec.QueryPolicy.Deny = []store.QueryRule{}, []store.QueryRule{}
	for _, r := range c.EventPolicy.Allow {
		rec.EventPolicy.Allow = append(rec.EventPolicy.Allow, store.EventRule{Domain: r.Domain, Name: r.Name})
	}
	for _, r := range c.EventPolicy.Deny {
		rec.EventPolicy.Deny = append(rec.EventPolicy.Deny, store.EventRule{Domain: r.Domain, Name: r.Name})
	}
	for _, r := range c.QueryPolicy.Allow {
		rec.QueryPolicy.Allow = append(rec.QueryPolicy.Allow, store.QueryRule{RID: r.RID, Name: r.Name})
	}
	for _, r := range c.QueryPolicy.Deny {
		rec.QueryPolicy.Deny = append(rec.QueryPolicy.Deny, store.QueryRule{RID: r.RID, Name: r.Name})
	}
	return rec
}

// channel resolves an ECI: a cache hit costs a map lookup, a miss one point
// read of the ECI index.
func (e *Engine) channel(ctx context.Context, eci string) (*channelInfo, error) {
	if ci, ok := e.channels.Load(eci); ok {
		return ci.(*channelInfo), nil
	}
	var rec store.ChannelRecord
	err := e.st.View(ctx, func(tx store.Tx) error {
		var err error
		rec, err = tx.GetChannel(eci)
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("%w: %s", ErrUnknownChannel, eci)
	}
	if err != nil {
		return nil, err
	}
	ci := newChannelInfo(rec)
	e.channels.Store(eci, ci)
	return ci, nil
}

// ChannelOption configures a new channel.
type ChannelOption func(*Channel) error

// Tags labels a channel. Tags are slugified (lower case, runs of other
// characters than letters, digits, _ and - become one -); "system" is
// reserved.
func Tags(tags ...string) ChannelOption {
	return func(c *Channel) error {
		t, err := cleanTags(tags)
		if err != nil {
			return err
		}
		c.Tags = append(c.Tags, t...)
		return nil
	}
}

// EventPolicy sets the channel's event policy (default: allow every event).
func EventPolicy(p Policy) ChannelOption {
	return func(c *Channel) error {
		q, err := cleanEventPolicy(p)
		c.EventPolicy = q
		return err
	}
}

// QueryPolicy sets the channel's query policy (default: allow every query).
func QueryPolicy(p Policy) ChannelOption {
	return func(c *Channel) error {
		q, err := cleanQueryPolicy(p)
		c.QueryPolicy = q
		return err
	}
}

// AllowEvents sets an event policy allowing exactly the given events,
// written "domain:type" ("*" for any part).
func AllowEvents(events ...string) ChannelOption {
	var p Policy
	for _, ev := range events {
		d, t, _ := cutColon(ev)
		p.Allow = append(p.Allow, PolicyRule{Domain: d, Name: t})
	}
	return EventPolicy(p)
}

// AllowQueries sets a query policy allowing exactly the given functions,
// written "rid/name" ("*" for any part).
func AllowQueries(queries ...string) ChannelOption {
	var p Policy
	for _, q := range queries {
		rid, name := q, "*"
		for i := len(q) - 1; i >= 0; i-- {
			if q[i] == '/' {
				rid, name = q[:i], q[i+1:]
				break
			}
		}
		p.Allow = append(p.Allow, PolicyRule{RID: rid, Name: name})
	}
	return QueryPolicy(p)
}

func cutColon(s string) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == ':' {
			return s[:i], s[i+1:], true
		}
	}
	return s, "*", false
}

// NewChannel creates a channel on the pico and returns it.
func (p *Pico) NewChannel(ctx context.Context, opts ...ChannelOption) (Channel, error) {
	c := Channel{ECI: newSecretID(), PicoID: p.id, Tags: []string{}, EventPolicy: AllowAllEvents(), QueryPolicy: AllowAllQueries()}
	for _, o := range opts {
		if err := o(&c); err != nil {
			return Channel{}, err
		}
	}
	if err := p.e.enter(); err != nil {
		return Channel{}, err
	}
	defer p.e.leave()
	err := p.e.st.Update(ctx, func(tx store.Tx) error {
		if ok, err := tx.HasPico(p.id); err != nil {
			return err
		} else if !ok {
			return fmt.Errorf("%w: %s", ErrUnknownPico, p.id)
		}
		return tx.PutChannel(channelRecord(c))
	})
	if err != nil {
		return Channel{}, err
	}
	return c, nil
}

// Channels lists the pico's channels, sorted by ECI.
func (p *Pico) Channels(ctx context.Context) ([]Channel, error) {
	if err := p.e.enter(); err != nil {
		return nil, err
	}
	defer p.e.leave()
	var out []Channel
	err := p.e.st.View(ctx, func(tx store.Tx) error {
		recs, err := tx.PicoChannels(p.id)
		for _, r := range recs {
			out = append(out, newChannelInfo(r).public())
		}
		return err
	})
	slices.SortFunc(out, func(a, b Channel) int {
		if a.ECI < b.ECI {
			return -1
		}
		if a.ECI > b.ECI {
			return 1
		}
		return 0
	})
	return out, err
}

// DeleteChannel deletes one of the pico's channels. Family channels cannot
// be deleted: they go with their pico.
func (p *Pico) DeleteChannel(ctx context.Context, eci string) error {
	if err := p.e.enter(); err != nil {
		return err
	}
	defer p.e.leave()
	err := p.e.st.Update(ctx, func(tx store.Tx) error {
		rec, err := tx.GetChannel(eci)
		if errors.Is(err, store.ErrNotFound) || err == nil && rec.PicoID != p.id {
			return fmt.Errorf("%w: %s", ErrUnknownChannel, eci)
		}
		if err != nil {
			return err
		}
		if rec.FamilyOf != "" {
			return fmt.Errorf("%w: cannot delete family channel %s", ErrFamilyChannel, eci)
		}
		return tx.DeleteChannel(eci)
	})
	if err == nil {
		p.e.channels.Delete(eci)
	}
	return err
}
