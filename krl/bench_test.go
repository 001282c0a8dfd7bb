package krl_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/gopico/pico/krl"
)

const benchFile = "testdata/bench/large.krl"

// largeRuleset generates a realistic ruleset of about lines lines: a meta
// block, global functions, and rules mixing event expressions, foreach,
// preludes, action blocks and postludes.
func largeRuleset(lines int) string {
	var b strings.Builder
	b.WriteString(`ruleset org.example.bench.large {
  meta {
    name "Generated benchmark ruleset"
    description <<Rules generated for parser benchmarks.>>
    use module org.example.helpers alias helpers with level = 2
    shares summary, lookup
  }
  global {
    summary = function() {
      ent:totals.defaultsTo({}).map(function(v, k) { v.as("Number") * 2 })
    }
    lookup = function(key, fallback = "none") {
      ent:index{key}.defaultsTo(fallback)
    }
    notify = defaction(to, msg) {
      every { send_directive("notify", {"to": to, "msg": msg}) }
    }
  }
`)
	for i := 0; strings.Count(b.String(), "\n") < lines-20; i++ {
		fmt.Fprintf(&b, `  rule handle_reading_%d {
    select when sensor reading_%d temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > %d
      or sensor reset_%d before timer tick_%d within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "%d"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor %d reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(%d) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": %d, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "%d"]} := history;
      ent:totals{"%d"} := ent:totals{"%d"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": %d, "value": value} if value > 100
    } else {
      log debug "no alert for sensor %d: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
`, i, i, 20+i%50, i, i, i, i, i, i, i, i, i, i, i)
	}
	b.WriteString("}\n")
	return b.String()
}

// TestBenchRulesetUpToDate keeps testdata/bench/large.krl (also usable with
// `krl parse`) equal to what largeRuleset generates; -update rewrites it.
func TestBenchRulesetUpToDate(t *testing.T) {
	want := largeRuleset(1000)
	if *update {
		if err := os.WriteFile(benchFile, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(benchFile)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if string(got) != want {
		t.Fatalf("%s is stale; run go test -run TestBenchRulesetUpToDate -update", benchFile)
	}
	if n := strings.Count(want, "\n"); n < 950 || n > 1050 {
		t.Fatalf("benchmark ruleset has %d lines, want about 1000", n)
	}
	if _, err := krl.Parse(benchFile, got); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkParse parses the ~1,000-line benchmark ruleset with a warm
// prediction cache.
func BenchmarkParse(b *testing.B) {
	src, err := os.ReadFile(benchFile)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := krl.Parse(benchFile, src); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := krl.Parse(benchFile, src); err != nil {
			b.Fatal(err)
		}
	}
}

// TestParse_Cold measures the first parse of the benchmark ruleset in a
// fresh process, when the prediction cache is empty, and checks that it
// stays within a generous bound. Run with -v to see the time.
func TestParse_Cold(t *testing.T) {
	if os.Getenv("KRL_COLD_CHILD") == "1" {
		src, err := os.ReadFile(benchFile)
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		if _, err := krl.Parse(benchFile, src); err != nil {
			t.Fatal(err)
		}
		fmt.Printf("cold-parse-ns %d\n", time.Since(start).Nanoseconds())
		return
	}
	if testing.Short() {
		t.Skip("starts a child process")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestParse_Cold$")
	cmd.Env = append(os.Environ(), "KRL_COLD_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	var ns int64
	for _, line := range bytes.Split(out, []byte("\n")) {
		if _, err := fmt.Sscanf(string(line), "cold-parse-ns %d", &ns); err == nil {
			break
		}
	}
	if ns == 0 {
		t.Fatalf("no timing in child output:\n%s", out)
	}
	t.Logf("first parse of %s in a fresh process: %v", benchFile, time.Duration(ns))
	if time.Duration(ns) > 5*time.Second {
		t.Errorf("cold parse took %v", time.Duration(ns))
	}
}
