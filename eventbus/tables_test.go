package eventbus_test

import (
	"encoding/json"
	"os"
	"testing"
)

// TestCompile_referenceTables compares compiled transition tables with the
// tables the reference engine (select-when 0.1.9) builds for the same
// expressions, recorded in testdata/reference_tables.json: same states, same
// transitions, same order.
func TestCompile_referenceTables(t *testing.T) {
	data, err := os.ReadFile("testdata/reference_tables.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Expr  string `json:"expr"`
		Table string `json:"table"`
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no cases")
	}
	for _, c := range cases {
		t.Run(c.Expr, func(t *testing.T) {
			m := mustMachine(t, c.Expr)
			if got := m.String(); got != c.Table {
				t.Errorf("table of %q\ngot:\n%s\nwant:\n%s", c.Expr, got, c.Table)
			}
		})
	}
}
