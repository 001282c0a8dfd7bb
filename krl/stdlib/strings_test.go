package stdlib_test

import (
	"testing"

	"github.com/gopico/pico/krl/value"
)

func TestCaseAndTrim(t *testing.T) {
	runCases(t, []opCase{
		{op: "lc", args: args(S("HeLLo É")), want: `"hello é"`},
		{op: "uc", args: args(S("hello é")), want: `"HELLO É"`},
		{op: "uc", args: args(S("ß")), want: `"SS"`},
		{op: "uc", args: args(null), want: `"NULL"`},
		{op: "uc", args: args(N(1e21)), want: `"1E+21"`},
		{op: "lc", args: args(J(`[1]`)), want: `"[array]"`},
		{op: "capitalize", args: args(S("hello")), want: `"Hello"`},
		{op: "capitalize", args: args(S("élan vital")), want: `"Élan vital"`},
		{op: "capitalize", args: args(S("")), want: `""`},
		{op: "capitalize", args: args(S("😀x")), want: `"😀x"`},
		{op: "capitalize", args: args(null), want: `"Null"`},
		{op: "trim", args: args(S(" \t x y \n\u00a0\ufeff")), want: `"x y"`},
		{op: "trim", args: args(S("\u0085x")), want: `"` + "\u0085" + `x"`},
		{op: "trimLeading", args: args(S("  x  ")), want: `"x  "`},
		{op: "trimTrailing", args: args(S("  x  ")), want: `"  x"`},
		{op: "trim", args: args(N(5)), want: `"5"`},
	})
}

func TestStringTests(t *testing.T) {
	runCases(t, []opCase{
		{op: "startsWith", args: args(S("abc"), S("ab")), want: `true`},
		{op: "startsWith", args: args(S("abc"), S("bc")), want: `false`},
		{op: "startsWith", args: args(N(123), N(12)), want: `true`},
		{op: "endsWith", args: args(S("abc"), S("bc")), want: `true`},
		{op: "endsWith", args: args(S("abc"), S("")), want: `true`},
		{op: "contains", args: args(S("abc"), S("b")), want: `true`},
		{op: "contains", args: args(S("abc"), null), want: `false`},
		{op: "contains", args: args(S("anull"), null), want: `true`},
		{op: "contains", args: args(J(`[1]`), S("Arr")), want: `true`},
	})
}

func TestSubstr(t *testing.T) {
	runCases(t, []opCase{
		{op: "substr", args: args(S("abc"), N(1)), want: `"bc"`},
		{op: "substr", args: args(S("abcdef"), N(1), N(2)), want: `"bc"`},
		{op: "substr", args: args(S("abcdef"), N(1), N(-2)), want: `"bcd"`},
		{op: "substr", args: args(S("abcdef"), N(4), N(-4)), want: `"cd"`},
		{op: "substr", args: args(S("abcdef"), N(-2), N(2)), want: `""`},
		{op: "substr", args: args(S("abcdef"), N(10)), want: `""`},
		{op: "substr", args: args(S("abcdef"), N(6)), want: `""`},
		{op: "substr", args: args(S("abcdef"), N(2), N(0)), want: `"cdef"`},
		{op: "substr", args: args(S("abcdef"), null), want: `"abcdef"`},
		{op: "substr", args: args(S("abcdef"), null, N(2)), want: `"ab"`},
		{op: "substr", args: args(S("abcdef"), S("x"), N(2)), want: `"abcdef"`},
		{op: "substr", args: args(S("abcdef"), N(1), S("x")), want: `"bcdef"`},
		{op: "substr", args: args(S("abcdef"), N(1.7), N(2)), want: `"bc"`},
		{op: "substr", args: args(S("abcdef"), N(2), N(100)), want: `"cdef"`},
		{op: "substr", args: args(S("😀a"), N(1)), want: `"` + "\ufffd" + `a"`},
		{op: "substr", args: args(S("héllo"), N(1), N(3)), want: `"éll"`},
		{op: "substr", args: args(N(12345), N(1), N(2)), want: `"23"`},
	})
}

func TestSplit(t *testing.T) {
	runCases(t, []opCase{
		{op: "split", args: args(S("a,b,"), S(",")), want: `["a","b",""]`},
		{op: "split", args: args(S(""), S(",")), want: `[""]`},
		{op: "split", args: args(S(""), S("")), want: `[]`},
		{op: "split", args: args(S("abc"), S("")), want: `["a","b","c"]`},
		{op: "split", args: args(S("😀a"), S("")), want: `["` + "\ufffd" + `","` + "\ufffd" + `","a"]`},
		{op: "split", args: args(S("a1b2c"), N(1)), want: `["a","b2c"]`},
		{op: "split", args: args(S("a null b"), null), want: `["a "," b"]`},
		{op: "split", args: args(S("a,b"), re(t, "(,)", "")), want: `["a",",","b"]`},
		{op: "split", args: args(S("abc"), re(t, "(b)", "")), want: `["a","b","c"]`},
		{op: "split", args: args(S("abc"), re(t, "x*", "")), want: `["a","b","c"]`},
		{op: "split", args: args(S("abc"), re(t, "(x)*", "")), want: `["a",null,"b",null,"c"]`},
		{op: "split", args: args(S(""), re(t, "x*", "")), want: `[]`},
		{op: "split", args: args(S(""), re(t, "x", "")), want: `[""]`},
		{op: "split", args: args(S("a, b ,c"), re(t, `\s*,\s*`, "")), want: `["a","b","c"]`},
		{op: "split", args: args(S("aXbxc"), re(t, "x", "i")), want: `["a","b","c"]`},
		{op: "split", args: args(S(",a,"), re(t, ",", "")), want: `["","a",""]`},
		{op: "split", args: args(S("ab"), re(t, "", "")), want: `["a","b"]`},
		{op: "split", args: args(S("a1b22c"), re(t, `\d`, "")), want: `["a","b","","c"]`},
	})
}

func TestReplace(t *testing.T) {
	var seen [][]value.Value
	rec := fn(nil, func(a []value.Value) value.Value {
		seen = append(seen, a)
		r, _ := value.Add(a[0], a[len(a)-2])
		return r
	})
	upper := fn([]string{"m"}, func(a []value.Value) value.Value {
		return S("<" + value.ToString(a[0]) + ">")
	})
	arrayResult := fn(nil, func([]value.Value) value.Value { return J(`[1,null,[2,3]]`) })
	runCases(t, []opCase{
		{op: "replace", args: args(S("a-b-c"), S("-"), S("+")), want: `"a+b-c"`},
		{op: "replace", args: args(S("a-b-c"), re(t, "-", ""), S("+")), want: `"a+b-c"`},
		{op: "replace", args: args(S("a-b-c"), re(t, "-", "g"), S("+")), want: `"a+b+c"`},
		{op: "replace", args: args(S("abc"), S("b"), S("[$&$1$$]")), want: `"a[b$1$]c"`},
		{op: "replace", args: args(S("abc"), S("b"), S("[$`|$']")), want: `"a[a|c]c"`},
		{op: "replace", args: args(S("2024-03"), re(t, `(\d+)-(\d+)`, ""), S("$2/$1")), want: `"03/2024"`},
		{op: "replace", args: args(S("2024-03"), re(t, `(\d+)-(\d+)`, ""), S("$3|$0|$12|$")), want: `"$3|$0|20242|$"`},
		{op: "replace", args: args(S("2024-03"), re(t, `(?<y>\d+)-(?<m>\d+)`, ""), S("$<m>.$<y>.$<z>.$2")), want: `"03.2024..03"`},
		{op: "replace", args: args(S("ab"), re(t, `(a)`, ""), S("$<x>")), want: `"$<x>b"`},
		{op: "replace", args: args(S("aaa"), re(t, "^a", "g"), S("X")), want: `"Xaa"`},
		{op: "replace", args: args(S("abc"), re(t, "x*", "g"), S("-")), want: `"-a-b-c-"`},
		{op: "replace", args: args(S("abc"), re(t, "B", "gi"), null), want: `"ac"`},
		{op: "replace", args: args(S("abcb"), S("b"), null), want: `"acb"`},
		{op: "replace", args: args(S("a1b1"), N(1), N(2)), want: `"a2b1"`},
		{op: "replace", args: args(S("abc"), S(""), S("-")), want: `"-abc"`},
		{op: "replace", args: args(S("abc"), S("x"), S("-")), want: `"abc"`},
		{op: "replace", args: args(N(5)), want: `5`},
		{op: "replace", args: args(S("a-b-c"), re(t, "-", "g"), rec), want: `"a-1b-3c"`},
		{op: "replace", args: args(S("a.b"), S("."), upper), want: `"<a>.b"`},
		{op: "replace", args: args(S("a.b"), re(t, `\.`, ""), upper), want: `"a<.>b"`},
		{op: "replace", args: args(S("ab"), re(t, "b", ""), arrayResult), want: `"a1,,2,3"`},
		{op: "replace", args: args(S("xx"), re(t, "", "g"), upper), want: `"<>x<>x<>"`},
	})
	seen = nil
	f, _ := opFunc("replace")
	if _, err := f(args(S("😀-x"), re(t, "(-)(y)?", ""), rec)); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 1 || value.NewArray(seen[0]).String() != `["-","-",null,2,"😀-x"]` {
		t.Errorf("replacement function arguments = %v", seen)
	}
}

func TestExtractMatch(t *testing.T) {
	runCases(t, []opCase{
		{op: "extract", args: args(S("abc"), re(t, "(x)?(b)", "")), want: `[null,"b"]`},
		{op: "extract", args: args(S("ab ab"), re(t, "a(b)", "g")), want: `["ab","ab"]`},
		{op: "extract", args: args(S("ab ab"), re(t, "a(b)", "")), want: `["b"]`},
		{op: "extract", args: args(S("xyz"), re(t, "a(b)", "")), want: `[]`},
		{op: "extract", args: args(S("xyz"), re(t, "a(b)", "g")), want: `[]`},
		{op: "extract", args: args(S("a1b22"), S(`(\d+)`)), want: `["1"]`},
		{op: "extract", args: args(S("ab"), re(t, "x*", "g")), want: `["","",""]`},
		{op: "extract", args: args(S("2024-03"), re(t, `(?<y>\d+)-(\d+)`, "")), want: `["2024","03"]`},
		{op: "extract", args: args(S("abc")), want: `[]`},
		{op: "extract", args: args(S("abc"), S("(")), err: "invalid regular expression"},
		{op: "match", args: args(S("abc"), re(t, "B", "i")), want: `true`},
		{op: "match", args: args(S("abc"), re(t, "B", "")), want: `false`},
		{op: "match", args: args(S("abc"), S("b")), want: `true`},
		{op: "match", args: args(S("abc"), S("^b")), want: `false`},
		{op: "match", args: args(S("abc"), N(5)), want: `false`},
		{op: "match", args: args(N(15), re(t, `^1\d$`, "")), want: `true`},
		{op: "match", args: args(S("a"), S("(")), err: "invalid regular expression"},
	})
}

func TestSprintf(t *testing.T) {
	runCases(t, []opCase{
		{op: "sprintf", args: args(N(5), S(`x%dy%d%dz\%d`)), want: `"x5y5%dz%d"`},
		{op: "sprintf", args: args(N(5), S(`a\\%d b`)), want: `"a\\5 b"`},
		{op: "sprintf", args: args(S("$&"), S("%s and %s")), want: `"%s and  %s"`},
		{op: "sprintf", args: args(S("v"), S("%s%s")), want: `"v%s"`},
		{op: "sprintf", args: args(S("v"), S("%%s")), want: `"%v"`},
		{op: "sprintf", args: args(S("v"), S("%d %s")), want: `"%d v"`},
		{op: "sprintf", args: args(N(1.5), S("n=%d")), want: `"n=1.5"`},
		{op: "sprintf", args: args(N(2), S("%s %d")), want: `"%s 2"`},
		{op: "sprintf", args: args(N(7), S("%d0")), want: `"70"`},
		{op: "sprintf", args: args(S("$1"), S("x %s")), want: `"x  "`},
		{op: "sprintf", args: args(null, S("a%d")), want: `"a%d"`},
		{op: "sprintf", args: args(N(5), null), want: `""`},
		{op: "sprintf", args: args(J(`[1]`), S("%d")), want: `"%d"`},
		{op: "sprintf", args: args(N(5), N(12)), want: `"12"`},
		{op: "sprintf", args: args(S("é"), S("«%s»")), want: `"«é»"`},
	})
}
