package stdlib_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/gopico/pico/krl/stdlib"
	"github.com/gopico/pico/krl/value"
	"github.com/gopico/pico/krl/value/valuetest"
)

// memberCase is one call of a library module member.
type memberCase struct {
	member string
	args   []value.Value
	want   string
	err    string
}

func runMembers(t *testing.T, module string, cases []memberCase) {
	t.Helper()
	m, ok := stdlib.Module(module)
	if !ok {
		t.Fatalf("no module %q", module)
	}
	for _, tc := range cases {
		f := m[tc.member].AsFunc()
		if f == nil {
			t.Errorf("%s:%s is not a function", module, tc.member)
			continue
		}
		got, err := f.Apply(valuetest.NewThread(), tc.args)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s:%s%v: error %v, want %q", module, tc.member, tc.args, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s:%s%v: %v", module, tc.member, tc.args, err)
			continue
		}
		if s := got.String(); s != tc.want {
			t.Errorf("%s:%s%v = %s, want %s", module, tc.member, tc.args, s, tc.want)
		}
	}
}

func TestMath(t *testing.T) {
	runMembers(t, "math", []memberCase{
		{"abs", args(N(-5)), `5`, ""},
		{"abs", args(S("-5")), `5`, ""},
		{"abs", args(null), `null`, ""},
		{"abs", args(S("x")), `null`, ""},
		{"abs", args(J(`[3]`)), `3`, ""},
		{"abs", args(J(`{}`)), `null`, ""},
		{"int", args(N(-5.7)), `-5`, ""},
		{"int", args(N(5.7)), `5`, ""},
		{"int", args(S("5.7")), `5`, ""},
		{"int", args(null), `null`, ""},
		{"round", args(N(1.005), N(2)), `1.01`, ""},
		{"round", args(N(-2.5)), `-2`, ""},
		{"round", args(N(2.5)), `3`, ""},
		{"round", args(N(1234.5), N(-2)), `1200`, ""},
		{"round", args(N(5), S("a")), `5`, ""},
		{"round", args(S("3.7")), `4`, ""},
		{"round", args(N(1.23456e-10), N(12)), `1.23e-10`, ""},
		{"round", args(N(0.5), N(1.9)), `0.5`, ""},
		{"ceiling", args(N(1.21), N(1)), `1.3`, ""},
		{"ceiling", args(N(0.30000000000000004), N(1)), `0.4`, ""},
		{"ceiling", args(N(-1.5)), `-1`, ""},
		{"floor", args(N(-1.21), N(1)), `-1.3`, ""},
		{"floor", args(N(1234.5678), N(-2)), `1200`, ""},
		{"floor", args(S("x")), `null`, ""},
		{"floor", args(N(1e21), N(2)), `1e+21`, ""},
		{"base64encode", args(S("hello")), `"aGVsbG8="`, ""},
		{"base64encode", args(S("é")), `"w6k="`, ""},
		{"base64encode", args(S("hi"), S("hex")), `""`, ""},
		{"base64encode", args(S("6869"), S("hex")), `"aGk="`, ""},
		{"base64encode", args(S("é"), S("latin1")), `"6Q=="`, ""},
		{"base64encode", args(S("hi"), S("utf16le")), `"aABpAA=="`, ""},
		{"base64encode", args(null), `"bnVsbA=="`, ""},
		{"base64encode", args(S("x"), S("nope")), ``, "Unknown encoding: nope"},
		{"base64decode", args(S("aGVsbG8=")), `"hello"`, ""},
		{"base64decode", args(S("aGVsbG8")), `"hello"`, ""},
		{"base64decode", args(S("aGk"), S("hex")), `"6869"`, ""},
		{"base64decode", args(S("a!G-_k")), `"ho` + "\ufffd" + `"`, ""},
		{"base64decode", args(S("6Q=="), S("latin1")), `"é"`, ""},
		{"base64decode", args(S("aABpAA=="), S("UTF16LE")), `"hi"`, ""},
		{"base64decode", args(S("aGk="), S("base64")), `"aGk="`, ""},
		{"base64decode", args(S("/w=="), S("ascii")), "\"\x7f\"", ""},
		{"hash", args(S("sha256"), S("hi")), `"8f434346648f6b96df89dda901c5176b10a6d83961dd3c1ac88b59b2dc327aa4"`, ""},
		{"hash", args(S("sha256"), S("hi"), S("base64")), `"j0NDRmSPa5bfid2pAcUXaxCm2Dlh3TwayItZstwyeqQ="`, ""},
		{"hash", args(S("md5"), null), `"37a6259cc0c1dae299a7866489dff0bd"`, ""},
		{"hash", args(S("RSA-SHA1"), S("")), `"da39a3ee5e6b4b0d3255bfef95601890afd80709"`, ""},
		{"hash", args(S("sha3-256"), S("")), `"a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a"`, ""},
		{"hash", args(S("nope"), S("hi")), ``, "math:hash doesn't recognize the hash algorithm nope"},
		{"hash", args(N(5), S("hi")), ``, "TypeError: math:hash was given 5 instead of a algorithm string"},
		{"hash", args(S("sha1"), S("hi"), S("bin")), ``, `math:hash encoding must be "hex" or "base64" but was bin`},
		{"hmac", args(S("sha256"), S("k"), S("msg"), S("hex")), `"bf1a0c1242929b6464a6c0a9ac6298a67e09bd1cd4ef1f182ce0141691fc17a0"`, ""},
		{"hmac", args(S("sha256"), S("k"), S("msg")), `"bf1a0c1242929b6464a6c0a9ac6298a67e09bd1cd4ef1f182ce0141691fc17a0"`, ""},
		{"hmac", args(S("sha256"), N(5), S("msg")), ``, "math:hmac needs a key string"},
		{"hmac", args(S("x"), S("k"), S("msg")), ``, "math:hmac doesn't recognize the hash algorithm x"},
		{"hmac", args(S("md5"), S("k"), S("m"), S("b")), ``, `math:hmac encoding must be "hex" or "base64" but was b`},
	})
	m, _ := stdlib.Module("math")
	algs := m["hashAlgorithms"]
	if algs.Kind() != value.ArrayKind || !value.Has(algs, S("sha256")) || !value.Has(algs, S("RSA-SHA512/256")) {
		t.Errorf("hashAlgorithms = %v", algs)
	}
	th := valuetest.NewThread()
	if got, _ := m["hashFunctions"].AsFunc().Apply(th, nil); !value.Equal(got, algs) || len(th.Logs()) != 1 {
		t.Errorf("hashFunctions() = %v, logs %v", got, th.Logs())
	}
}

func TestTime(t *testing.T) {
	runMembers(t, "time", []memberCase{
		{"now", args(), `"2024-03-05T06:07:08.009Z"`, ""},
		{"now", args(J(`{"tz":"America/Denver"}`)), `"2024-03-05T06:07:08.009Z"`, ""},
		{"now", args(N(5)), ``, "TypeError: time:now was given 5 instead of an opts map"},
		{"new", args(N(1500000000000)), `"2017-07-14T02:40:00.000Z"`, ""},
		{"new", args(N(-1)), `"1969-12-31T23:59:59.999Z"`, ""},
		{"new", args(N(8640000000000001)), ``, "Invalid time value"},
		{"new", args(S("2017-01-01")), `"2017-01-01T00:00:00.000Z"`, ""},
		{"new", args(S("2017-01-01T12:30")), `"2017-01-01T12:30:00.000Z"`, ""},
		{"new", args(S("2017-01-01T12:30:00+05:00")), `"2017-01-01T07:30:00.000Z"`, ""},
		{"new", args(S("20170101")), `"2017-01-01T00:00:00.000Z"`, ""},
		{"new", args(S("2010-032")), `"2010-02-01T00:00:00.000Z"`, ""},
		{"new", args(S("2017001")), `"2017-01-01T00:00:00.000Z"`, ""},
		{"new", args(S("2011W206T1345-0600")), `"2011-05-21T19:45:00.000Z"`, ""},
		{"new", args(S("2011-W20-6")), `"2011-05-21T00:00:00.000Z"`, ""},
		{"new", args(S("2017W01")), `"2017-01-02T00:00:00.000Z"`, ""},
		{"new", args(S("2017-W01")), `"2017-01-02T00:00:00.000Z"`, ""},
		{"new", args(S("2017-01-01 12:30")), `"2017-01-01T12:30:00.000Z"`, ""},
		{"new", args(S("2017-01")), `"2017-01-01T00:00:00.000Z"`, ""},
		{"new", args(S("201701")), `"2017-01-01T00:00:00.000Z"`, ""},
		{"new", args(S("2017")), `"2017-01-01T00:00:00.000Z"`, ""},
		{"new", args(S("2017-01-01T12")), `"2017-01-01T12:00:00.000Z"`, ""},
		{"new", args(S("2017-01-01T12:30:00.123456Z")), `"2017-01-01T12:30:00.123Z"`, ""},
		{"new", args(S("2017-01-01T12:30:15,5+0530")), `"2017-01-01T07:00:15.500Z"`, ""},
		{"new", args(S("2017-01-01T12:30:15.5 Z")), `"2017-01-01T12:30:15.500Z"`, ""},
		{"new", args(S("  2017-01-01")), `"2017-01-01T00:00:00.000Z"`, ""},
		{"new", args(S("2017-01-01T24:00")), `"2017-01-02T00:00:00.000Z"`, ""},
		{"new", args(S("+012017-01-01")), `"+012017-01-01T00:00:00.000Z"`, ""},
		{"new", args(S("-000100-01-01")), `"-000100-01-01T00:00:00.000Z"`, ""},
		{"new", args(S("12:30")), `"2024-03-05T12:30:00.000Z"`, ""},
		{"new", args(S("1345-0600")), `"2024-03-05T19:45:00.000Z"`, ""},
		{"new", args(S("1230")), `"1230-01-01T00:00:00.000Z"`, ""},
		{"new", args(S("2017-02-30")), ``, "time:new was given an invalid date string (2017-02-30)"},
		{"new", args(S("2017-13-01")), ``, "invalid date string"},
		{"new", args(S("2017-01-01T25:00")), ``, "invalid date string"},
		{"new", args(S("2017-01-01T1230")), ``, "invalid date string"},
		{"new", args(S("20170101T12:30")), ``, "invalid date string"},
		{"new", args(S("garbage")), ``, "time:new was given an invalid date string (garbage)"},
		{"new", args(S("1500000000000")), ``, "invalid date string"},
		{"new", args(null), ``, "time:new needs a date string"},
		{"new", args(N(0)), ``, "time:new needs a date string"},
		{"new", args(value.True), ``, "TypeError: time:new was given true instead of a date string"},
		{"new", args(J(`[1]`)), ``, "time:new was given [Array] instead of a date string"},
		{"add", args(S("2017-01-31"), J(`{"months": 1}`)), `"2017-02-28T00:00:00.000Z"`, ""},
		{"add", args(S("2016-02-29"), J(`{"years": 1}`)), `"2017-02-28T00:00:00.000Z"`, ""},
		{"add", args(S("2017-01-01"), J(`{"days": 1.5}`)), `"2017-01-03T00:00:00.000Z"`, ""},
		{"add", args(S("2017-01-01"), J(`{"days": -1.5}`)), `"2016-12-30T00:00:00.000Z"`, ""},
		{"add", args(S("2017-01-01"), J(`{"hours": 1.5, "x": 5, "M": 2, "y": 1}`)), `"2018-03-01T01:30:00.000Z"`, ""},
		{"add", args(S("2017-01-01"), J(`{"Days": 2, "MONTHS": 1, "Y": 1, "D": 5, "w": 1, "ms": 5, "s": 1.5}`)), `"2018-02-10T00:00:01.505Z"`, ""},
		{"add", args(S("2017-01-01"), J(`{"weeks": -1}`)), `"2016-12-25T00:00:00.000Z"`, ""},
		{"add", args(S("2017-01-01"), J(`{"days": "2"}`)), `"2017-01-03T00:00:00.000Z"`, ""},
		{"add", args(S("2017-01-01"), J(`{"days": "x"}`)), `"2017-01-01T00:00:00.000Z"`, ""},
		{"add", args(S("2017-01-01"), J(`{"quarters": 1, "minutes": 90}`)), `"2017-04-01T01:30:00.000Z"`, ""},
		{"add", args(N(1500000000000), J(`{"days": 1}`)), ``, "TypeError: time:add was given 1500000000000 instead of a date string"},
		{"add", args(S("2017-01-01"), N(5)), ``, "TypeError: time:add was given 5 instead of a spec map"},
		{"add", args(S("2017-01-01"), null), ``, "time:add needs a spec map"},
		{"add", args(null, J(`{}`)), ``, "time:add needs a date string"},
		{"strftime", args(S("2017-01-05T13:04:05Z"), S("%Y-%m-%d %H:%M:%S %a %A %b %B %j %p %I %e %y %z %s %L %%")),
			`"2017-01-05 13:04:05 Thu Thursday Jan January 005 PM 01  5 17 +0000 1483621445 000 %"`, ""},
		{"strftime", args(S("2017-01-05T13:04:05Z"), S("%c|%D|%v|%o|%P|%U|%W|%u|%w|%k|%l|%C|%h|%-d|%_m|%0e|%:z|%q|%R|%r|%T|%F|%x|%X|%n|%t|%G")),
			`"Thu 05 Jan 2017 01:04:05 PM UTC|01/05/17| 5-Jan-2017|5th|pm|01|01|4|4|13| 1|20|Jan|5| 1|05|+00:00|%q|13:04|01:04:05 PM|13:04:05|2017-01-05|01/05/17|01:04:05 PM|\n|\t|%G"`, ""},
		{"strftime", args(S("2017-01-05T00:04:05Z"), S("%I %l %p")), `"12 12 AM"`, ""},
		{"strftime", args(S("2017-01-01"), S("%U %W %o")), `"01 00 1st"`, ""},
		{"strftime", args(S("2017-12-31"), S("%U %W %j %-j")), `"53 52 365 365"`, ""},
		{"strftime", args(S("2017-01-22T03:04:05.007Z"), S("%o %-H %_H %-I %L %-L")), `"22nd 3  3 3 007 007"`, ""},
		{"strftime", args(S("2017-01-13"), S("%o %-m")), `"13th 1"`, ""},
		{"strftime", args(S("2017-01-05"), S("100%")), `"100"`, ""},
		{"strftime", args(S("2017-01-05"), S("%d%-")), `"05"`, ""},
		{"strftime", args(S("2017-01-05"), N(5)), ``, "TypeError: time:strftime was given 5 instead of a fmt string"},
		{"strftime", args(S("2017-01-05"), null), ``, "time:strftime needs a fmt string"},
		{"strftime", args(N(0), S("%F")), ``, "time:strftime needs a date string"},
		{"strftime", args(S("nope"), S("%F")), ``, "time:strftime was given an invalid date string (nope)"},
	})
}

func TestRandom(t *testing.T) {
	m, _ := stdlib.Module("random")
	th := valuetest.NewThread()
	call := func(name string, args ...value.Value) value.Value {
		t.Helper()
		v, err := m[name].AsFunc().Apply(th, args)
		if err != nil {
			t.Fatalf("random:%s: %v", name, err)
		}
		return v
	}
	tests := []struct {
		upper, lower value.Value
		lo, hi       float64
	}{
		{null, null, 0, 1},
		{N(10), null, 0, 10},
		{N(10), N(5), 5, 10},
		{N(5), N(10), 5, 10},
		{null, N(3), 0, 3},
		{S("x"), S("y"), 0, 1},
		{N(2.4), N(0.6), 1, 2},
	}
	for _, tt := range tests {
		seen := map[float64]bool{}
		for range 200 {
			v := call("integer", tt.upper, tt.lower)
			n := v.AsNum()
			if v.Kind() != value.NumberKind || n != math.Trunc(n) || n < tt.lo || n > tt.hi {
				t.Fatalf("integer(%v, %v) = %v, want an integer in [%v, %v]", tt.upper, tt.lower, v, tt.lo, tt.hi)
			}
			seen[n] = true
			f := call("number", tt.upper, tt.lower).AsNum()
			if f < math.Min(tt.lo, 0.6) || f > math.Max(tt.hi, 2.4) {
				t.Fatalf("number(%v, %v) = %v", tt.upper, tt.lower, f)
			}
		}
		if len(seen) != int(tt.hi-tt.lo)+1 {
			t.Errorf("integer(%v, %v) gave %d distinct values, want %v", tt.upper, tt.lower, len(seen), tt.hi-tt.lo+1)
		}
	}
	ids := map[string]bool{}
	for range 1000 {
		id := call("uuid").AsStr()
		if len(id) != 25 || id[0] != 'c' || strings.Trim(id, "0123456789abcdefghijklmnopqrstuvwxyz") != "" {
			t.Fatalf("uuid() = %q", id)
		}
		if ids[id] {
			t.Fatalf("uuid() repeated %q", id)
		}
		ids[id] = true
	}
	th.Time = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	if id := call("uuid").AsStr(); !strings.HasPrefix(id, "c"+strings.ToLower(value.FormatRadix(float64(th.Time.UnixMilli()), 36))) {
		t.Errorf("uuid() = %q does not start with the time", id)
	}
	words := map[string]bool{}
	for range 100 {
		w := call("word").AsStr()
		if w == "" || strings.ToLower(w) != w {
			t.Fatalf("word() = %q", w)
		}
		words[w] = true
	}
	if len(words) < 50 {
		t.Errorf("100 words gave only %d distinct ones", len(words))
	}
}
