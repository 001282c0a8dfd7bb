// The gotchas of the language reference (§9), one group each. Those about
// rules, events and entity variables (15, 17-22) are tested in Go
// (compile_test.go).

// 1. Strings decode only \" and \\.
"\n".length() ==> 2
"\\n".length() ==> 2
"\"".length() ==> 1

// 2. + adds only two finite Numbers; - * / % coerce.
"1" + 1 ==> "11"
"3" * "4" ==> 12
[1] + [2] ==> "[Array][Array]"

// 3. Division and remainder by zero give 0.
7 / 0 ==> 0
7 % 0 ==> 0
(7 / 0) + 1 ==> 1

// 4. < and > are numeric when both sides convert, String order otherwise;
// cmp and the default sort are String order.
"10" > "9" ==> true
[1, 2] < 3 ==> true
"10" cmp "9" ==> -1
["10", "9"].sort() ==> ["10", "9"]
[10, 9].sort() ==> [10, 9]

// 5. == is deep and type-strict, yet null == NaN.
{"a": [1]} == {"a": [1]} ==> true
1 == "1" ==> false
null == "x".as("Number") ==> true

// 6. Falsy: "" and 0; truthy: "0", "false", [], {}; && and || return operands.
["" || "e", 0 || "z", "0" || "no", "false" && "yes", [] && "a", {} && "m"] ==> ["e", "z", "0", "yes", "a", "m"]

// 7. not binds tighter than ==.
not 1 == 2 ==> false
not (1 == 2) ==> true

// 8. Operator words cannot start an expression (see scope.krl) but work as
// method names.
[1, 2, 3].any(function(x) { x == 2 }) ==> true

// 9. A { or [ after an expression continues it, even across lines.
f() ==> 1
f = function() { x = {"a": 1}; x{"a"} }

// 10. Map key order follows JavaScript.
{"z": 1, "10": 2, "9": 3}.keys() ==> ["9", "10", "z"]
{"z": 1, "10": 2, "9": 3}.values() ==> [3, 2, 1]
{"z": 1, "10": 2, "9": 3}.encode() ==> "{\"9\":3,\"10\":2,\"z\":1}"
{"b": 1}.put("a", 2).put("0", 3) ==> {"0": 3, "b": 1, "a": 2}

// 11. Numbers print as JavaScript prints them.
[3.0, 0.1 * 3, 2 / 3] ==> [3, 0.30000000000000004, 0.6666666666666666]
<<#{100 * 10000000000000000000}>> ==> "1e+21"

// 12. slice ends are inclusive; substr(i, 0) is the rest; reduce([]) is 0.
[1, 2, 3].slice(1) ==> [1, 2]
"abcdef".substr(3, 0) ==> "def"
[].reduce(function(a, b) { a + b }) ==> 0

// 13. String operators stringify anything; chevrons print collections as
// [Array] and [Map].
null.uc() ==> "NULL"
true.length() ==> 0
<<#{[1]} #{{}}>> ==> "[Array] [Map]"
<<#{[1].encode()}>> ==> "[1]"

// 14. isEmpty is true for numbers and booleans; head of a non-array is itself.
42.isEmpty() ==> true
false.isEmpty() ==> true
"x".head() ==> "x"

// 16. Passing null triggers a parameter default.
g(null) ==> "default"
g() ==> "default"
g(false) ==> false
g = function(v = "default") { v }

// 23. Regular expressions are ECMAScript: lookahead, backreferences, $1.
"abcabc".match(re#(abc)\1#) ==> true
"price: 100".extract(re#(?<=: )\d+#) ==> []
"foobar".replace(re#foo(?=bar)#, "X") ==> "Xbar"
"a1".replace(re#([a-z])(\d)#, "$2$1") ==> "1a"
"A\nB".match(re#^B#m) ==> false
---
// Numbers have no exponent: 1e3 is 1 followed by the name e3.
[1e3] ### "expected `\\]` or `,`, found `e3`"
