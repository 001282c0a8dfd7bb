// Literals: numbers and their JavaScript formatting, strings, chevrons,
// arrays, maps (JavaScript key order) and regular expressions; member
// access with {}, [] and the deprecated dot.

// Numbers: one IEEE double type, printed as JavaScript prints it.
3 ==> 3
2.5 ==> 2.5
.5 ==> 0.5
1.50 ==> 1.5
007 ==> 7
123.456 ==> 123.456
100000000000000000000 ==> 100000000000000000000
1000000000000000000000 ==> 1e+21
12345678901234567890123 ==> 1.2345678901234568e+22
0.000001 ==> 0.000001
0.0000001 ==> 1e-7
0.00000123 ==> 0.00000123
0.000000123 ==> 1.23e-7
9007199254740993 ==> 9007199254740992
<<#{1000000000000000000000}>> ==> "1e+21"
<<#{0.1 + 0.2}>> ==> "0.30000000000000004"
<<#{2.50}>> ==> "2.5"
<<#{-0.0000001}>> ==> "-1e-7"

// Strings decode only \" and \\.
"plain" ==> "plain"
"a\"b" ==> "a\"b"
"a\\b" ==> "a\\b"
"a\nb" ==> "a\\nb"
"tab\there" ==> "tab\\there"
ml ==> "multi\nline"
ml = "multi
line"
"" ==> ""
"héllo ✓" ==> "héllo ✓"

// Chevrons interpolate String forms.
<<Hi #{name}!>> ==> "Hi Ann!"
<<>> ==> ""
<<plain text>> ==> "plain text"
<<#{1}#{2}>> ==> "12"
<<n=#{1 + 2}>> ==> "n=3"
<<#{null}>> ==> "null"
<<#{true} #{false}>> ==> "true false"
<<#{[1, 2]}>> ==> "[Array]"
<<#{{"a": 1}}>> ==> "[Map]"
<<#{re#a.b#i}>> ==> "re#a.b#i"
<<#{f}>> ==> "[Function]"
<<#{act}>> ==> "[Action]"
<<#{"str"}>> ==> "str"
<<outer #{<<inner #{name}>>} end>> ==> "outer inner Ann end"
<<a \> b>> ==> "a > b"
<<>\>>> ==> ">>"
<<\#{name}>> ==> "#{name}"
<<back\\slash>> ==> "back\\slash"
<<#{ {"k": "v"}{"k"} }>> ==> "v"
mlc ==> "line one\n  line two"
mlc = <<line one
  line two>>
<<#{name.length()}>> ==> "3"
name = "Ann"
f = function(x) { x }
act = defaction() { noop() }

// Arrays.
[] ==> []
[1, "a", null, true, 2.5] ==> [1, "a", null, true, 2.5]
[1, 2, ] ==> [1, 2]
[[1, [2]], []] ==> [[1, [2]], []]
[1 + 1, "x" + "y"] ==> [2, "xy"]

// Maps keep JavaScript key order: integer-like keys ascending first, then
// the other keys in insertion order; later duplicates win.
{} ==> {}
{"b": 1, "a": 2} ==> {"b": 1, "a": 2}
{"b": 1, "a": 2, "10": 3, "2": 4} ==> {"2": 4, "10": 3, "b": 1, "a": 2}
{"x": 1, "0": 2, "-1": 3, "01": 4, "1.5": 5} ==> {"0": 2, "x": 1, "-1": 3, "01": 4, "1.5": 5}
{"4294967294": 1, "4294967295": 2, "a": 3} ==> {"4294967294": 1, "4294967295": 2, "a": 3}
{"a": 1, "a": 2} ==> {"a": 2}
{"a": 1, "b": 2, "a": 3} ==> {"a": 3, "b": 2}
{"k": [1, {"n": null}], } ==> {"k": [1, {"n": null}]}
{"": 1} ==> {"": 1}

// Regular expressions print as re#source#flags (m is dropped).
re#^a+$#.typeof() ==> "RegExp"
<<#{re#a/b#}>> ==> "re#a\\/b#"
<<#{re##}>> ==> "re#(?:)#"
<<#{re#x#gim}>> ==> "re#x#gi"
<<#{re#a\#b#}>> ==> "re#a#b#"

// Member access: {} takes a key or a path, [] a single key.
m{"a"} ==> 1
m{"b"} ==> {"c": [10, 20, 30]}
m{["b", "c"]} ==> [10, 20, 30]
m{["b", "c", 1]} ==> 20
m{["b", "c", "2"]} ==> 30
m{["b", "x", "y"]} ==> null
m{"zz"} ==> null
m["a"] ==> 1
m["b"]["c"][0] ==> 10
m{"b"}{"c"}[2] ==> 30
arr[0] ==> "x"
arr[2] ==> "z"
arr["1"] ==> "y"
arr[3] ==> null
arr[-1] ==> null
arr[1.5] ==> null
arr{1} ==> "y"
arr{[0]} ==> "x"
null{"a"} ==> null
"str"{"0"} ==> null
5[0] ==> null
{"a,b": 1}[["a", "b"]] ==> null
{"1": "one"}{1} ==> "one"
m.a ==> 1
m.b.c ==> [10, 20, 30]
m = {"a": 1, "b": {"c": [10, 20, 30]}}
arr = ["x", "y", "z"]
