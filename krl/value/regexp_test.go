package value_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/gopico/pico/krl/value"
)

func TestNewRegExp(t *testing.T) {
	tests := []struct {
		pattern, flags string
		source         string
		str            string
		input          string
		match          bool
	}{
		{"a/b", "", `a\/b`, `re#a\/b#`, "xa/by", true},
		{`a\/b`, "", `a\/b`, `re#a\/b#`, "a/b", true},
		{"[/]", "", "[/]", "re#[/]#", "/", true},
		{"a\nb", "", `a\nb`, `re#a\nb#`, "a\nb", true},
		{"", "g", "(?:)", "re#(?:)#g", "x", true},
		{"^B", "i", "^B", "re#^B#i", "bcd", true},
		{"^b", "", "^b", "re#^b#", "a\nb", false},
		{"^b", "m", "^b", "re#^b#", "a\nb", true},
		{`(?<y>\d{4})-(\d\d)`, "", `(?<y>\d{4})-(\d\d)`, `re#(?<y>\d{4})-(\d\d)#`, "on 2024-03", true},
		{`(?<=a)b`, "", `(?<=a)b`, `re#(?<=a)b#`, "ab", true},
		{`(a)\1`, "", `(a)\1`, `re#(a)\1#`, "aa", true},
		{`\w+$`, "", `\w+$`, `re#\w+$#`, "abc\n", false},
		{`[^]`, "", `[^]`, `re#[^]#`, "\n", true},
	}
	for _, tt := range tests {
		r, err := value.NewRegExp(tt.pattern, tt.flags)
		if err != nil {
			t.Errorf("NewRegExp(%q, %q): %v", tt.pattern, tt.flags, err)
			continue
		}
		if r.Source != tt.source {
			t.Errorf("NewRegExp(%q).Source = %q, want %q", tt.pattern, r.Source, tt.source)
		}
		if got := r.String(); got != tt.str {
			t.Errorf("NewRegExp(%q, %q).String() = %q, want %q", tt.pattern, tt.flags, got, tt.str)
		}
		if got, err := r.MatchString(tt.input); err != nil || got != tt.match {
			t.Errorf("/%s/%s on %q = %v, %v; want %v", tt.pattern, tt.flags, tt.input, got, err, tt.match)
		}
		if r.Flags() != tt.flags {
			t.Errorf("Flags() = %q, want %q", r.Flags(), tt.flags)
		}
	}
}

func TestNewRegExp_Errors(t *testing.T) {
	tests := []struct{ pattern, flags string }{
		{"(", ""}, {"[a", ""}, {"a", "x"}, {"a", "gg"}, {"*", ""}, {"a", "s"},
	}
	for _, tt := range tests {
		if _, err := value.NewRegExp(tt.pattern, tt.flags); !errors.Is(err, value.ErrInvalidRegExp) {
			t.Errorf("NewRegExp(%q, %q) error = %v, want ErrInvalidRegExp", tt.pattern, tt.flags, err)
		}
	}
}

func TestCompileRegExp_Cache(t *testing.T) {
	a, err := value.CompileRegExp("x+y")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := value.CompileRegExp("x+y")
	if a != b {
		t.Error("the same pattern was compiled twice")
	}
	// Fill the cache well past its bound, concurrently.
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 400; i++ {
				r, err := value.CompileRegExp(fmt.Sprintf("p%d_%d", g, i))
				if err != nil || r.Global || r.IgnoreCase {
					t.Errorf("CompileRegExp: %v %v", r, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if _, err := value.CompileRegExp("("); err == nil {
		t.Error("CompileRegExp(\"(\") did not fail")
	}
}

func TestRegExp_Groups(t *testing.T) {
	tests := []struct {
		pattern, input string
		want           string
		named          bool
	}{
		{`(?<y>\d{4})-(\d\d)`, "on 2024-03", `["2024-03","2024","03"]`, true},
		{`(a)|(b)`, "b", `["b",null,"b"]`, false},
		{`(\d)(?<n>x)?(\w)`, "1z", `["1z","1",null,"z"]`, true},
		{`[(](?<a>q)`, "(q", `["(q","q"]`, true},
		{`\((?<a>q)(r)`, "(qr", `["(qr","q","r"]`, true},
		{`(?:a)(?<n>b)(c)`, "abc", `["abc","b","c"]`, true},
		{`(?<=x)(y)`, "xy", `["y","y"]`, false},
	}
	for _, tt := range tests {
		r, err := value.NewRegExp(tt.pattern, "")
		if err != nil {
			t.Fatal(err)
		}
		m, err := r.Re.FindStringMatch(tt.input)
		if err != nil || m == nil {
			t.Fatalf("/%s/ on %q: no match (%v)", tt.pattern, tt.input, err)
		}
		if got := value.NewArray(r.Groups(m)).String(); got != tt.want {
			t.Errorf("/%s/ groups on %q = %s, want %s", tt.pattern, tt.input, got, tt.want)
		}
		if r.HasNamedGroups() != tt.named {
			t.Errorf("/%s/.HasNamedGroups() = %v", tt.pattern, !tt.named)
		}
	}
}

func TestRegExp_Exec(t *testing.T) {
	r, _ := value.NewRegExp(`(?<k>\w+)=(\d+)?`, "i")
	got, err := r.Exec("x: Name=")
	if err != nil || value.NewArray(got).String() != `["Name=","Name",null]` {
		t.Errorf("Exec = %v, %v", got, err)
	}
	if got, err := r.Exec("!!"); got != nil || err != nil {
		t.Errorf("Exec without a match = %v, %v", got, err)
	}
}
