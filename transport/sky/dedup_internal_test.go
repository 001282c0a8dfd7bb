package sky

import (
	"net/http"
	"testing"
	"time"
)

func TestDedup_ExpiresAndBounds(t *testing.T) {
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	d := newDedup(time.Minute, 3)
	d.now = func() time.Time { return now }
	ok := response{body: []byte(`"eid"`)}

	deliver := func(key string, resp response) (first bool) {
		e, first := d.begin(key)
		if first {
			d.finish(key, e, resp)
		}
		return first
	}
	if !deliver("a", ok) || deliver("a", ok) {
		t.Fatal("a second delivery of a key must not run")
	}
	// A failure of the server is not remembered: the next delivery runs.
	if !deliver("b", response{status: http.StatusServiceUnavailable}) || !deliver("b", ok) {
		t.Fatal("a key whose delivery failed on the server's side must run again")
	}
	now = now.Add(2 * time.Minute)
	if !deliver("a", ok) {
		t.Fatal("an expired key must run again")
	}
	for _, k := range []string{"c", "d", "e", "f"} {
		deliver(k, ok)
	}
	if n := d.size(); n > 4 {
		t.Fatalf("size = %d, want at most max+1", n)
	}
	if deliver("f", ok) {
		t.Fatal("the newest key must be remembered")
	}
}

func TestDedup_InProgressWaits(t *testing.T) {
	d := newDedup(time.Minute, 10)
	e, first := d.begin("k")
	if !first {
		t.Fatal("first delivery")
	}
	e2, first2 := d.begin("k")
	if first2 || e2 != e {
		t.Fatal("a concurrent delivery must wait for the first")
	}
	select {
	case <-e2.done:
		t.Fatal("done before finish")
	default:
	}
	d.finish("k", e, response{body: []byte("1")})
	<-e2.done
	if !e2.kept || string(e2.resp.body) != "1" {
		t.Fatalf("kept = %v, body = %q", e2.kept, e2.resp.body)
	}
}
