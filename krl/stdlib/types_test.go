package stdlib_test

import (
	"log/slog"
	"testing"

	"github.com/gopico/pico/krl/stdlib"
	"github.com/gopico/pico/krl/value"
	"github.com/gopico/pico/krl/value/valuetest"
)

func TestAs(t *testing.T) {
	f := fn(nil, func([]value.Value) value.Value { return null })
	runCases(t, []opCase{
		{op: "as", args: args(S("0x1F"), S("Number")), want: `31`},
		{op: "as", args: args(S("0x1F"), S("String")), want: `"0x1F"`},
		{op: "as", args: args(S("0x1F"), S("Hex")), want: `"0x1F"`},
		{op: "as", args: args(S("  5 "), S("Number")), want: `5`},
		{op: "as", args: args(S("1e3"), S("Number")), want: `1000`},
		{op: "as", args: args(S("-0x10"), S("Number")), want: `null`},
		{op: "as", args: args(S("0o17"), S("Number")), want: `15`},
		{op: "as", args: args(S(".5"), S("Number")), want: `0.5`},
		{op: "as", args: args(S("Infinity"), S("Number")), want: `null`},
		{op: "as", args: args(S("1,000"), S("Number")), want: `null`},
		{op: "as", args: args(value.True, S("Number")), want: `1`},
		{op: "as", args: args(null, S("Number")), want: `0`},
		{op: "as", args: args(J(`[1,2]`), S("Number")), want: `2`},
		{op: "as", args: args(N(5), S("Number")), want: `5`},
		{op: "as", args: args(S("false"), S("Boolean")), want: `false`},
		{op: "as", args: args(S("true"), S("Boolean")), want: `true`},
		{op: "as", args: args(S("0"), S("Boolean")), want: `true`},
		{op: "as", args: args(S(""), S("Boolean")), want: `false`},
		{op: "as", args: args(N(0), S("Boolean")), want: `false`},
		{op: "as", args: args(N(-2), S("Boolean")), want: `true`},
		{op: "as", args: args(J(`[]`), S("Boolean")), want: `true`},
		{op: "as", args: args(null, S("Boolean")), want: `false`},
		{op: "as", args: args(N(2.5), S("String")), want: `"2.5"`},
		{op: "as", args: args(null, S("String")), want: `"null"`},
		{op: "as", args: args(J(`{"a":1}`), S("String")), want: `"[Map]"`},
		{op: "as", args: args(re(t, "a/b", "gi"), S("String")), want: `"re#a\\/b#gi"`},
		{op: "as", args: args(N(10.5), S("Hex")), want: `"a.8"`},
		{op: "as", args: args(N(255), S("Hex")), want: `"ff"`},
		{op: "as", args: args(N(-255), S("Hex")), want: `"-ff"`},
		{op: "as", args: args(S("ff"), S("Hex")), want: `"ff"`},
		{op: "as", args: args(value.True, S("Hex")), want: `"true"`},
		{op: "as", args: args(null, S("Hex")), want: `null`},
		{op: "as", args: args(J(`[1]`), S("Hex")), want: `null`},
		{op: "as", args: args(S("a.c"), S("RegExp")), want: `"re#a.c#"`},
		{op: "as", args: args(N(5), S("RegExp")), want: `"re#5#"`},
		{op: "as", args: args(J(`[1]`), S("RegExp")), want: `"re#\\[Array\\]#"`},
		{op: "as", args: args(S("[Array]"), S("RegExp")), want: `"re#[Array]#"`},
		{op: "as", args: args(re(t, "x", "g"), S("RegExp")), want: `"re#x#g"`},
		{op: "as", args: args(S("("), S("RegExp")), err: "invalid regular expression"},
		{op: "as", args: args(J(`[1]`), S("Array")), want: `[1]`},
		{op: "as", args: args(J(`{}`), S("Map")), want: `{}`},
		{op: "as", args: args(null, S("Null")), want: `null`},
		{op: "as", args: args(N(1), null), want: `1`},
		{op: "as", args: args(N(1), S("Map")), err: `TypeError: Cannot use the .as("Map") operator with 1 (type Number)`},
		{op: "as", args: args(S("x"), S("Array")), err: `Cannot use the .as("Array") operator with x (type String)`},
		{op: "as", args: args(f, S("String")), want: `"[Function]"`},
		{op: "as", args: args(f, S("Function")), want: `"[Function]"`},
	})
}

func TestIsnullTypeof(t *testing.T) {
	runCases(t, []opCase{
		{op: "isnull", args: args(null), want: `true`},
		{op: "isnull", args: args(N(0)), want: `false`},
		{op: "isnull", args: args(S("")), want: `false`},
		{op: "isnull", args: args(value.False), want: `false`},
		{op: "typeof", args: args(null), want: `"Null"`},
		{op: "typeof", args: args(S("0x1F")), want: `"Hex"`},
		{op: "typeof", args: args(S("x")), want: `"String"`},
		{op: "typeof", args: args(J(`[]`)), want: `"Array"`},
		{op: "typeof", args: args(J(`{}`)), want: `"Map"`},
		{op: "typeof", args: args(re(t, "a", "")), want: `"RegExp"`},
		{op: "typeof", args: args(N(1)), want: `"Number"`},
		{op: "typeof", args: args(value.True), want: `"Boolean"`},
	})
}

func TestEncodeDecode(t *testing.T) {
	f := fn(nil, func([]value.Value) value.Value { return null })
	runCases(t, []opCase{
		{op: "encode", args: args(J(`{"b":1,"a":[1,null]}`)), want: `"{\"b\":1,\"a\":[1,null]}"`},
		{op: "encode", args: args(J(`{"a":[1]}`), N(2)), want: `"{\n  \"a\": [\n    1\n  ]\n}"`},
		{op: "encode", args: args(J(`[1]`), S("1")), want: `"[\n 1\n]"`},
		{op: "encode", args: args(J(`[1]`), S("x")), want: `"[1]"`},
		{op: "encode", args: args(J(`[1]`), N(2.7)), want: `"[\n  1\n]"`},
		{op: "encode", args: args(J(`[1]`), N(-1)), want: `"[1]"`},
		{op: "encode", args: args(re(t, "a", "")), want: `"\"re#a#\""`},
		{op: "encode", args: args(value.NewMapValue([]string{"a", "f"}, []value.Value{re(t, "x", ""), f})), want: `"{\"a\":\"re#x#\",\"f\":\"[Function]\"}"`},
		{op: "encode", args: args(S("é\n")), want: `"\"é\\n\""`},
		{op: "encode", args: args(null), want: `"null"`},
		{op: "decode", args: args(S(`{"b":1,"1":2}`)), want: `{"1":2,"b":1}`},
		{op: "decode", args: args(S(`[1, "a"]`)), want: `[1,"a"]`},
		{op: "decode", args: args(S(`"s"`)), want: `"s"`},
		{op: "decode", args: args(S(`not json`)), want: `"not json"`},
		{op: "decode", args: args(S(`{"a":`)), want: `"{\"a\":"`},
		{op: "decode", args: args(N(5)), want: `5`},
		{op: "decode", args: args(J(`{"a":1}`)), want: `{"a":1}`},
		{op: "decode", args: args(null), want: `null`},
	})
}

func TestRange(t *testing.T) {
	runCases(t, []opCase{
		{op: "range", args: args(N(0), N(3)), want: `[0,1,2,3]`},
		{op: "range", args: args(N(3), N(0)), want: `[3,2,1,0]`},
		{op: "range", args: args(N(3), N(3)), want: `[3]`},
		{op: "range", args: args(N(0.5), N(3)), want: `[0.5,1.5,2.5,3.5]`},
		{op: "range", args: args(N(1.2), N(3.5)), want: `[1.2,2.2,3.2,4.2]`},
		{op: "range", args: args(N(-2), N(1)), want: `[-2,-1,0,1]`},
		{op: "range", args: args(S("a"), N(3)), want: `[]`},
		{op: "range", args: args(N(1), S("b")), want: `[]`},
		{op: "range", args: args(N(5), null), want: `[]`},
		{op: "range", args: args(S("2"), S("4")), want: `[2,3,4]`},
		{op: "range", args: args(N(0), N(1e12)), err: "result too large"},
	})
}

func TestRange_StepLimit(t *testing.T) {
	th := valuetest.NewThread()
	th.MaxSteps = 100
	f, _ := stdlib.Operator("range")
	if _, err := f.Apply(th, args(N(0), N(1000))); err != valuetest.ErrStepLimit {
		t.Errorf("range over 1001 numbers with 100 steps: %v", err)
	}
}

func TestChrOrd(t *testing.T) {
	runCases(t, []opCase{
		{op: "chr", args: args(N(65)), want: `"A"`},
		{op: "chr", args: args(N(233)), want: `"é"`},
		{op: "chr", args: args(S("66")), want: `"B"`},
		{op: "chr", args: args(N(65601)), want: `"A"`},
		{op: "chr", args: args(N(55357)), want: `"` + "\ufffd" + `"`},
		{op: "chr", args: args(S("x")), want: `null`},
		{op: "chr", args: args(null), want: `"\u0000"`},
		{op: "ord", args: args(S("A")), want: `65`},
		{op: "ord", args: args(S("ABC")), want: `65`},
		{op: "ord", args: args(S("é")), want: `233`},
		{op: "ord", args: args(S("😀")), want: `55357`},
		{op: "ord", args: args(S("")), want: `null`},
		{op: "ord", args: args(null), want: `110`},
		{op: "ord", args: args(N(5)), want: `53`},
	})
}

func TestBitOperators(t *testing.T) {
	runCases(t, []opCase{
		{op: "shiftLeft", args: args(N(5), N(2)), want: `20`},
		{op: "shiftLeft", args: args(N(1), N(31)), want: `-2147483648`},
		{op: "shiftLeft", args: args(N(1), N(33)), want: `2`},
		{op: "shiftRight", args: args(N(-5), N(1)), want: `-3`},
		{op: "shiftRight", args: args(N(20), S("2")), want: `5`},
		{op: "band", args: args(N(5), N(3)), want: `1`},
		{op: "bor", args: args(N(5), N(3)), want: `7`},
		{op: "bor", args: args(N(4294967297), N(0)), want: `1`},
		{op: "bxor", args: args(N(5), N(3)), want: `6`},
		{op: "bnot", args: args(N(5)), want: `-6`},
		{op: "bnot", args: args(N(-3)), want: `2`},
		{op: "bnot", args: args(N(2.9)), want: `-3`},
		{op: "shiftLeft", args: args(S("a"), N(2)), err: "TypeError: a cannot be shifted by 2"},
		{op: "shiftRight", args: args(N(1), S("b")), err: "1 cannot be shifted by b"},
		{op: "band", args: args(S("a"), N(2)), err: "a cannot be bitwise anded 2"},
		{op: "bor", args: args(S("a"), N(2)), err: "a cannot be bitwise anded 2"},
		{op: "bxor", args: args(S("a"), N(2)), err: "a cannot be bitwise anded 2"},
		{op: "bnot", args: args(S("a")), err: "a cannot be inverted"},
	})
}

func TestCmpLike(t *testing.T) {
	runCases(t, []opCase{
		{op: "cmp", args: args(S("abc"), S("abd")), want: `-1`},
		{op: "cmp", args: args(N(10), N(9)), want: `-1`},
		{op: "cmp", args: args(S("b"), S("a")), want: `1`},
		{op: "cmp", args: args(S("a"), S("a")), want: `0`},
		{op: "like", args: args(S("abc"), S("b")), want: `true`},
		{op: "like", args: args(S("abc"), re(t, "^B", "i")), want: `false`},
		{op: "like", args: args(S("bcd"), re(t, "^B", "i")), want: `true`},
		{op: "like", args: args(N(5), N(5)), want: `true`},
		{op: "like", args: args(S("x"), S("[")), err: "invalid regular expression"},
	})
}

func TestNoop(t *testing.T) {
	runCases(t, []opCase{{op: "noop", want: `null`}})
}

func TestKlog(t *testing.T) {
	th := valuetest.NewThread()
	f, _ := stdlib.Operator("klog")
	v := J(`{"a":1}`)
	got, err := f.Apply(th, args(v, S("seen")))
	if err != nil || !value.Equal(got, v) {
		t.Fatalf("klog = %v, %v", got, err)
	}
	if _, err := f.Apply(th, args(N(3))); err != nil {
		t.Fatal(err)
	}
	logs := th.Logs()
	if len(logs) != 2 {
		t.Fatalf("logs = %+v", logs)
	}
	if logs[0].Level != stdlib.LevelKlog || logs[0].Message != "seen" || !value.Equal(logs[0].Attrs["val"].(value.Value), v) {
		t.Errorf("first log = %+v", logs[0])
	}
	if logs[1].Message != "klog" || logs[1].Level <= slog.LevelDebug || logs[1].Level >= slog.LevelInfo {
		t.Errorf("second log = %+v", logs[1])
	}
}

func TestDefaultsTo(t *testing.T) {
	runCases(t, []opCase{
		{op: "defaultsTo", args: args(null, N(0)), want: `0`},
		{op: "defaultsTo", args: args(N(3), N(0)), want: `3`},
		{op: "defaultsTo", args: args(value.False, N(0)), want: `false`},
		{op: "defaultsTo", args: args(S(""), N(0)), want: `""`},
		{op: "defaultsTo", args: args(N(0), N(9)), want: `0`},
		{op: "defaultsTo", args: args(null), want: `null`},
	})
	th := valuetest.NewThread()
	f, _ := stdlib.Operator("defaultsTo")
	if _, err := f.Apply(th, args(null, N(1), S("no value"))); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Apply(th, args(N(2), N(1), S("not logged"))); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Apply(th, args(null, N(1))); err != nil {
		t.Fatal(err)
	}
	logs := th.Logs()
	if len(logs) != 1 || logs[0].Level != slog.LevelDebug || logs[0].Message != "[DEFAULTSTO] no value" {
		t.Errorf("logs = %+v", logs)
	}
}
