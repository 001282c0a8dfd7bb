package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// startServe runs serve on a free port until the test ends and returns its
// base URL and the ECI it printed.
func startServe(t *testing.T, dir string, args ...string) (base, eci string, stop func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, w := io.Pipe()
	done := make(chan int, 1)
	var stderr bytes.Buffer
	go func() {
		done <- serve(ctx, append([]string{"-q", "--dir", dir, "--addr", "127.0.0.1:0"}, args...), w, &stderr)
		w.Close()
	}()
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		line := lines.Text()
		if rest, ok := strings.CutPrefix(line, "krl serve: "); ok {
			base, _, _ = strings.Cut(rest, " ")
		}
		if rest, ok := strings.CutPrefix(line, "root pico channel: "); ok {
			eci = rest
			break
		}
	}
	go func() { _, _ = io.Copy(io.Discard, out) }()
	if eci == "" {
		cancel()
		t.Fatalf("serve printed no channel; exit %d; stderr:\n%s", <-done, stderr.String())
	}
	stopped := false
	stop = func() int {
		stopped = true
		cancel()
		select {
		case code := <-done:
			return code
		case <-time.After(20 * time.Second):
			t.Fatal("serve did not stop")
			return -1
		}
	}
	t.Cleanup(func() {
		if !stopped {
			stop()
		}
	})
	return base, eci, stop
}

func getJSON(t *testing.T, u string) any {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var v any
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		t.Fatalf("%s: %v", u, err)
	}
	return v
}

func TestServe_EventsQueriesAndRestart(t *testing.T) {
	dir := t.TempDir()
	hello := filepath.Join("..", "..", "examples", "hello", "hello.krl")
	base, eci, stop := startServe(t, dir, hello)

	install := getJSON(t, base+"/sky/event/"+eci+"/none/wrangler/install_ruleset_request?url="+url.QueryEscape("hello.krl"))
	if m, _ := install.(map[string]any); m == nil || m["error"] != nil {
		t.Fatalf("install: %v", install)
	}
	res := getJSON(t, base+"/sky/event/"+eci+"/none/echo/hello?name=Ada").(map[string]any)
	dirs, _ := res["directives"].([]any)
	if len(dirs) != 1 || dirs[0].(map[string]any)["options"].(map[string]any)["something"] != "Hello, Ada!" {
		t.Fatalf("event: %v", res)
	}
	if got := getJSON(t, base+"/sky/cloud/"+eci+"/hello/greetings"); got != float64(1) {
		t.Fatalf("greetings = %v", got)
	}
	if got := getJSON(t, base+"/sky/cloud/"+eci+"/io.picolabs.wrangler/name"); got != "Pico" {
		t.Fatalf("root name = %v", got)
	}
	if code := stop(); code != 0 {
		t.Fatalf("exit status %d", code)
	}

	// The same data, the same channel, the state kept.
	base, eci2, _ := startServe(t, dir)
	if eci2 != eci {
		t.Fatalf("channel %s after restart, was %s", eci2, eci)
	}
	if got := getJSON(t, base+"/sky/cloud/"+eci+"/hello/greetings"); got != float64(1) {
		t.Fatalf("greetings after restart = %v", got)
	}
}

func TestServe_Failures(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.krl")
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"unknown flag", []string{"--nope"}, 2},
		{"missing ruleset file", []string{"--addr", "127.0.0.1:0", "--dir", t.TempDir(), bad}, 1},
		{"bad host", []string{"--addr", "127.0.0.1:0", "--dir", t.TempDir(), "--host", "localhost:1"}, 1},
		{"bad address", []string{"--addr", "256.0.0.1:99999", "--dir", t.TempDir()}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := serve(context.Background(), tt.args, &stdout, &stderr); code != tt.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr.String())
			}
		})
	}
}
