package builtin

import (
	"embed"
	"slices"
)

// RIDs of the built-in rulesets.
const (
	// WranglerRID is the RID of Wrangler, the pico management ruleset.
	WranglerRID = "io.picolabs.wrangler"
	// SubscriptionRID is the RID of the Subscriptions ruleset. It does
	// not depend on Wrangler, but expects it next to it on a pico.
	SubscriptionRID = "io.picolabs.subscription"
)

//go:embed io.picolabs.wrangler.krl io.picolabs.subscription.krl
var sources embed.FS

// Ruleset is the source of one built-in ruleset.
type Ruleset struct {
	// RID is the ruleset id the source declares.
	RID string
	// Filename is the name the engine registers the source under.
	Filename string
	// Source is the KRL text.
	Source []byte
}

// order is the install order: Wrangler first.
var order = []string{WranglerRID, SubscriptionRID}

// Rulesets returns the built-in rulesets in install order. The sources are
// copies: changing them changes nothing here.
func Rulesets() []Ruleset {
	out := make([]Ruleset, 0, len(order))
	for _, rid := range order {
		src, err := sources.ReadFile(rid + ".krl")
		if err != nil {
			panic("builtin: missing embedded source " + rid + ".krl") // the go:embed line lists every file
		}
		out = append(out, Ruleset{RID: rid, Filename: rid + ".krl", Source: src})
	}
	return out
}

// RIDs returns the RIDs of the built-in rulesets in install order.
func RIDs() []string { return slices.Clone(order) }

// IsBuiltin reports whether rid is one of the built-in rulesets.
func IsBuiltin(rid string) bool { return slices.Contains(order, rid) }
