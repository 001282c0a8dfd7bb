// Package picotest helps test picos and rulesets: an in-memory engine per
// test, setup and raise/query helpers, and the scenario runner behind
// `krl test`.
//
// # Scenario files
//
// A scenario is one JSON file that drives an in-memory engine:
//
//	{
//	  "rulesets": {"counter": "ruleset counter { ... }", "other": {"file": "other.krl"}},
//	  "install": ["counter"],
//	  "picos": {"kid": {"parent": "main", "install": ["other"]}},
//	  "steps": [
//	    {"kind": "event", "domain": "counter", "type": "inc", "attrs": {"by": 2},
//	     "expect_directives": [{"name": "inc", "options": {"by": 2}}]},
//	    {"kind": "query", "rid": "counter", "name": "count", "args": {}, "expect": 2},
//	    {"kind": "ent", "rid": "counter", "name": "count", "expect": 2},
//	    {"kind": "event", "pico": "kid", "domain": "a", "type": "b", "time": 1700000000000,
//	     "expect_error": "substring of the message"},
//	    {"kind": "install", "pico": "main", "rid": "other", "config": {}},
//	    {"kind": "uninstall", "pico": "main", "rid": "other"},
//	    {"kind": "new_pico", "label": "kid2", "parent": "main", "install": ["other"]},
//	    {"kind": "del_pico", "label": "kid2"},
//	    {"kind": "advance", "ms": 60000}
//	  ]
//	}
//
// Keys of "rulesets" are the RIDs the sources declare; {"file": p} is
// relative to the scenario's folder. "install" lists what the main pico
// (the root) gets, in order; without it every ruleset is installed,
// modules first. Every pico gets a channel allowing every event and query,
// which steps use ("pico" defaults to "main"; "eci" sends to a literal ECI
// instead). "time" is the event time in milliseconds since 1970; "advance"
// moves the engine's clock (it starts at [ScenarioStart]) and fires the
// schedules that became due. Any step may carry "expect_error" (a substring
// of the error message); events may carry "expect_directives" (names and
// options, in order), queries and "ent" steps "expect" (compared as KRL
// values).
//
// The output is one JSON line per step: {"step", "kind", "eid",
// "directives"} for events, {"step", "kind", "result"} for queries and
// "ent"; "error" when the step failed; "ok": false and the expectation
// when an expectation did not hold. A step without expectations only
// reports. `krl test` exits with 1 when an expectation failed and 2 when
// the file is invalid.
package picotest
