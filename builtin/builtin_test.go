package builtin_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/gopico/pico"
	"github.com/gopico/pico/builtin"
	"github.com/gopico/pico/krl"
)

func TestRulesets_CompileWithoutWarnings(t *testing.T) {
	for _, rs := range builtin.Rulesets() {
		t.Run(rs.RID, func(t *testing.T) {
			prog, err := krl.CompileSource(rs.Filename, rs.Source)
			if err != nil {
				t.Fatal(err)
			}
			if prog.RID() != rs.RID {
				t.Fatalf("source declares %s", prog.RID())
			}
			if w := prog.Warnings(); len(w) > 0 {
				t.Fatalf("warnings: %v", w)
			}
			if !builtin.IsBuiltin(rs.RID) {
				t.Fatal("IsBuiltin is false")
			}
		})
	}
	if builtin.IsBuiltin("io.picolabs.pds") {
		t.Fatal("IsBuiltin of another RID")
	}
}

func TestRulesets_AreCopies(t *testing.T) {
	a := builtin.Rulesets()
	a[0].Source[0] = 'X'
	rids := builtin.RIDs()
	rids[0] = "changed"
	if b := builtin.Rulesets(); b[0].Source[0] == 'X' || builtin.RIDs()[0] == "changed" {
		t.Fatal("callers can change the embedded sources")
	}
}

// The shared functions and provided names that KRL written for the
// reference engine calls.
func TestRulesets_API(t *testing.T) {
	want := map[string]struct{ shares, provides []string }{
		builtin.WranglerRID: {
			shares: []string{"skyQuery", "picoQuery", "channels", "rulesetConfig", "rulesetMeta", "installedRIDs",
				"children", "parent_eci", "name", "myself", "id"},
			provides: []string{"skyQuery", "picoQuery", "channels", "createChannel", "deleteChannel", "rulesetConfig",
				"rulesetMeta", "installedRIDs", "children", "parent_eci", "name", "myself"},
		},
		builtin.SubscriptionRID: {
			shares:   []string{"established", "outbound", "inbound", "wellKnown_Rx", "autoAcceptConfig"},
			provides: []string{"established", "outbound", "inbound", "wellKnown_Rx", "autoAcceptConfig"},
		},
	}
	for _, rs := range builtin.Rulesets() {
		prog, err := krl.CompileSource(rs.Filename, rs.Source)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range want[rs.RID].shares {
			if !slices.Contains(prog.Shares(), name) {
				t.Errorf("%s does not share %s", rs.RID, name)
			}
		}
		for _, name := range want[rs.RID].provides {
			if !slices.Contains(prog.Provides(), name) {
				t.Errorf("%s does not provide %s", rs.RID, name)
			}
		}
	}
}

// Every pico of an engine has the built-in rulesets.
func ExampleRulesets() {
	for _, rs := range builtin.Rulesets() {
		fmt.Println(rs.RID, rs.Filename)
	}
	ctx := context.Background()
	eng, err := pico.Open(ctx, pico.WithInMemory())
	if err != nil {
		panic(err)
	}
	defer eng.Close()
	p, _ := eng.NewPico(ctx)
	rids, _ := p.Installed(ctx)
	fmt.Println(rids)
	// Output:
	// io.picolabs.wrangler io.picolabs.wrangler.krl
	// io.picolabs.subscription io.picolabs.subscription.krl
	// [io.picolabs.wrangler io.picolabs.subscription]
}
