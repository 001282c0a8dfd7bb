package store

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"time"
)

// The records stored by the typed accessors. Records are encoded as JSON
// (small, readable with a dump, and tolerant of added fields), except
// [RulesetRecord], whose source is stored as raw bytes after a JSON header.

// PicoRecord describes a pico.
type PicoRecord struct {
	// ID identifies the pico; required.
	ID string `json:"id"`
	// ParentID is the id of the parent pico, "" for a root.
	ParentID string `json:"parent_id,omitempty"`
	// ParentECI is the family channel, living on the parent, that this pico
	// uses to reach its parent; "" for a root.
	ParentECI string `json:"parent_eci,omitempty"`
	// ChildrenECIs are the family channels, one living on each child, that
	// this pico uses to reach its children, in creation order.
	ChildrenECIs []string `json:"children_ecis,omitempty"`
	// CreatedAt is when the pico was created.
	CreatedAt time.Time `json:"created_at,omitzero"`
}

// ChannelRecord describes a channel. A channel belongs to one pico (events
// and queries sent to its ECI go to that pico).
type ChannelRecord struct {
	// ECI is the channel's identifier; required, unique in the store.
	ECI string `json:"eci"`
	// PicoID is the pico the channel belongs to; required.
	PicoID string `json:"pico_id"`
	// Tags label the channel.
	Tags []string `json:"tags,omitempty"`
	// EventPolicy says which events the channel accepts.
	EventPolicy EventPolicy `json:"event_policy"`
	// QueryPolicy says which queries the channel accepts.
	QueryPolicy QueryPolicy `json:"query_policy"`
	// FamilyOf is set on a family channel: the only pico allowed to use it
	// (the parent for a channel on a child, the child for the channel on
	// its parent).
	FamilyOf string `json:"family_of,omitempty"`
}

// EventPolicy lists the event rules of a channel. The store keeps policies
// as they are; checking them is the engine's business.
type EventPolicy struct {
	Allow []EventRule `json:"allow"`
	Deny  []EventRule `json:"deny"`
}

// EventRule matches events by domain and name ("*" matches any).
type EventRule struct {
	Domain string `json:"domain"`
	Name   string `json:"name"`
}

// QueryPolicy lists the query rules of a channel.
type QueryPolicy struct {
	Allow []QueryRule `json:"allow"`
	Deny  []QueryRule `json:"deny"`
}

// QueryRule matches queries by ruleset id and function name ("*" matches
// any).
type QueryRule struct {
	RID  string `json:"rid"`
	Name string `json:"name"`
}

// InstallRecord describes a ruleset installed on a pico.
type InstallRecord struct {
	// RID is the ruleset id; required.
	RID string `json:"rid"`
	// Version is the ruleset version installed (see [RulesetRecord]).
	Version string `json:"version,omitempty"`
	// Config is the install configuration, as JSON.
	Config json.RawMessage `json:"config,omitempty"`
	// Order is the install position; [Tx.PutInstall] assigns it.
	Order int `json:"order"`
}

// ScheduleType says how a scheduled event fires.
type ScheduleType string

// The schedule types.
const (
	// ScheduleAt fires once, at ScheduleRecord.At.
	ScheduleAt ScheduleType = "at"
	// ScheduleRepeat fires on the cron specification
	// ScheduleRecord.Timespec.
	ScheduleRepeat ScheduleType = "repeat"
)

// ScheduleRecord describes a scheduled event.
type ScheduleRecord struct {
	// ID identifies the schedule; required, unique in the store.
	ID string `json:"id"`
	// PicoID and RID are the pico and the ruleset that scheduled the
	// event; required.
	PicoID string `json:"pico_id"`
	RID    string `json:"rid"`
	// Type is ScheduleAt or ScheduleRepeat.
	Type ScheduleType `json:"type"`
	// At is when an "at" schedule fires; required for ScheduleAt.
	At time.Time `json:"at,omitzero"`
	// Timespec is the cron specification of a "repeat" schedule; required
	// for ScheduleRepeat.
	Timespec string `json:"timespec,omitempty"`
	// Event is the event to raise, as JSON.
	Event json.RawMessage `json:"event,omitempty"`
}

// RulesetRecord is one registered version of a ruleset's source.
type RulesetRecord struct {
	// RID is the ruleset id; required.
	RID string `json:"rid"`
	// Version identifies the source, normally [RulesetVersion] of it;
	// required.
	Version string `json:"version"`
	// Source is the ruleset's text.
	Source []byte `json:"-"`
	// Filename is where the source came from, for messages.
	Filename string `json:"filename,omitempty"`
	// RegisteredAt is when this version was registered.
	RegisteredAt time.Time `json:"registered_at,omitzero"`
}

// RulesetVersion returns a version string for a source: the first 16 bytes
// of its SHA-256, in hex.
func RulesetVersion(src []byte) string {
	sum := sha256.Sum256(src)
	return hex.EncodeToString(sum[:16])
}

func encodeJSON(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, invalidf("%v", err)
	}
	return b, nil
}

func decodeJSON[T any](key, data []byte) (T, error) {
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		return v, invalidf("%s: %v", Key(key), err)
	}
	return v, nil
}

// rulesetFormat is the first byte of an encoded RulesetRecord.
const rulesetFormat = 1

// encodeRuleset writes: format byte, uvarint length of the JSON header, the
// header, then the source bytes.
func encodeRuleset(r RulesetRecord) ([]byte, error) {
	hdr, err := encodeJSON(r)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, 1+binary.MaxVarintLen64+len(hdr)+len(r.Source))
	out = append(out, rulesetFormat)
	out = binary.AppendUvarint(out, uint64(len(hdr)))
	out = append(out, hdr...)
	return append(out, r.Source...), nil
}

func decodeRuleset(key, data []byte) (RulesetRecord, error) {
	if len(data) == 0 || data[0] != rulesetFormat {
		return RulesetRecord{}, invalidf("%s: unknown ruleset format", Key(key))
	}
	n, w := binary.Uvarint(data[1:])
	if w <= 0 || uint64(len(data)-1-w) < n {
		return RulesetRecord{}, invalidf("%s: truncated ruleset header", Key(key))
	}
	hdr := data[1+w : 1+w+int(n)]
	r, err := decodeJSON[RulesetRecord](key, hdr)
	if err != nil {
		return r, err
	}
	r.Source = data[1+w+int(n):]
	return r, nil
}

// getJSON reads and decodes a JSON record; what describes it in errors.
func getJSON[T any](tx Tx, key Key, what string) (T, error) {
	var zero T
	data, err := tx.Get(key)
	if err != nil {
		if isNotFound(err) {
			return zero, notFound("%s", what)
		}
		return zero, err
	}
	return decodeJSON[T](key, data)
}

func putJSON(tx Tx, key Key, v any) error {
	data, err := encodeJSON(v)
	if err != nil {
		return err
	}
	return tx.Set(key, data)
}

// scanJSON decodes every record under prefix, in key order.
func scanJSON[T any](tx Tx, prefix Key, fn func(T) error) error {
	return tx.Scan(prefix, func(k, v []byte) error {
		rec, err := decodeJSON[T](k, v)
		if err != nil {
			return err
		}
		return fn(rec)
	})
}
