package picotest_test

import (
	"testing"

	"github.com/gopico/pico/picotest"
)

// A test of a ruleset with the helpers: an in-memory engine per test, a
// pico with the ruleset and a channel, then events and queries.
func ExampleSetup() {
	t := &testing.T{} // in a real test: the *testing.T of the test function
	eng := picotest.NewEngine(t)
	_, eci := picotest.Setup(t, eng, `ruleset greeter {
  meta { shares greeted }
  global { greeted = function() { ent:names.defaultsTo([]) } }
  rule greet {
    select when greet person name re#(.+)# setting(name)
    send_directive("hello", {"name": name})
    always { ent:names := greeted().append(name) }
  }
}`)
	picotest.Raise(t, eng, eci, "greet", "person", map[string]any{"name": "Ada"})
	picotest.Equal(t, picotest.Query(t, eng, eci, "greeter", "greeted", nil), []string{"Ada"})
}
