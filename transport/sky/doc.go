// Package sky puts a pico engine on the network the way the reference
// pico engine does: [Handler] serves its HTTP API ("sky" events and
// queries) over a *pico.Engine, and [Transport] sends events to picos of
// other engines, so that subscriptions and event:send work across hosts.
//
// # Basics
//
//	h := &sky.Transport{}
//	eng, err := pico.Open(ctx, pico.WithDir("data"),
//		pico.WithHost("https://picos.example.com"), pico.WithTransport(h))
//	err = http.ListenAndServe(":3000", sky.NewHandler(eng))
//
// The routes, for GET and POST alike:
//
//	/sky/event/ECI/EID/DOMAIN/TYPE           raise, wait:  {"eid", "directives"}
//	/sky/cloud/ECI/RID/NAME                  query:        the result
//	/c/ECI/event/DOMAIN/TYPE                 queue:        "EID"
//	/c/ECI/event-wait/DOMAIN/TYPE            raise, wait:  {"eid", "directives"}
//	/c/ECI/event/DOMAIN/TYPE/query/RID/NAME  raise, then query
//	/c/ECI/query/RID/NAME                    query:        the result
//
// Event attributes and query arguments are the query string merged with
// the body, a JSON object or a form (the body wins), plus "_headers", the
// request's headers by lower-case name. On /sky/event the EID of the path
// becomes the attribute "__eid" unless it is "none". Directives are
// {"type": "directive", "name", "options", "meta": {"rid", "rule_name",
// "txnId"}}; on /sky/event a directive named "_cookie" sets the cookie of
// its option "cookie" and one named "_redirect" redirects to its option
// "url". A query NAME ending in ".html" or ".txt" answers a string result
// as that kind of text. Every answer allows any origin (CORS).
//
// Errors are answered as the reference engine does: status 200 and
// {"error": "message"}. Only failures that a later attempt may not meet,
// an engine that is closing, answer 503, so that senders retry them.
//
// # Delivery between engines
//
// A [Transport] posts an event to HOST/c/ECI/event/DOMAIN/TYPE and retries
// transient failures (no connection, timeouts, 5xx answers) with
// exponential backoff for as long as the engine's event deadline allows.
// Each attempt carries the same Idempotency-Key header; the Handler
// remembers the keys it has accepted (10 minutes by default, see
// [WithDedupWindow]) and answers a repeated delivery with its first answer
// instead of running the event again, so a retry after a lost answer does
// not deliver the event twice.
//
// # Concurrency
//
// A Handler and a Transport are safe for concurrent use.
//
// # Caveats
//
// The keys are remembered in memory: a delivery repeated after the
// receiving engine restarted runs again. Retries are in memory too: an
// event whose peer stays down past the event deadline is dropped (and
// logged by the engine). There is no authentication beyond the ECI, as in
// the reference engine: serve over HTTPS and guard ECIs like passwords.
package sky
