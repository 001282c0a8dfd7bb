// Types and conversions (language reference §5.1, §5.6, §6.1).

// typeof.
null.typeof() ==> "Null"
true.typeof() ==> "Boolean"
1.typeof() ==> "Number"
"s".typeof() ==> "String"
"0x1F".typeof() ==> "Hex"
"0xZZ".typeof() ==> "String"
[].typeof() ==> "Array"
{}.typeof() ==> "Map"
re#x#.typeof() ==> "RegExp"
typeof(typeof) ==> "Function"
(0 / 0).typeof() ==> "Number"
{}{"missing"}.typeof() ==> "Null"

// isnull.
null.isnull() ==> true
{}{"x"}.isnull() ==> true
0.isnull() ==> false
"".isnull() ==> false
[].isnull() ==> false

// as: the same type is unchanged.
"5".as("String") ==> "5"
5.as("Number") ==> 5
// as("Boolean"): "false" is false, Numbers by != 0, others by truthiness.
"false".as("Boolean") ==> false
"true".as("Boolean") ==> true
"0".as("Boolean") ==> true
0.as("Boolean") ==> false
2.as("Boolean") ==> true
"".as("Boolean") ==> false
[].as("Boolean") ==> true
null.as("Boolean") ==> false
// as("String") and as("Number") use the String and Number forms.
5.as("String") ==> "5"
2.50.as("String") ==> "2.5"
null.as("String") ==> "null"
true.as("String") ==> "true"
[1].as("String") ==> "[Array]"
{}.as("String") ==> "[Map]"
re#a#i.as("String") ==> "re#a#i"
"12".as("Number") ==> 12
" 12 ".as("Number") ==> 12
"".as("Number") ==> 0
"0x1F".as("Number") ==> 31
"0b101".as("Number") ==> 5
"1e3".as("Number") ==> 1000
"1,000".as("Number") ==> null
"abc".as("Number") ==> null
null.as("Number") ==> 0
true.as("Number") ==> 1
false.as("Number") ==> 0
[1, 2, 3].as("Number") ==> 3
{"a": 1}.as("Number") ==> 1
// as("RegExp") compiles the String form without flags.
"^a.c$".as("RegExp").typeof() ==> "RegExp"
"abc".match("^a.c$".as("RegExp")) ==> true
// as("Hex") is JavaScript's toString(16).
255.as("Hex") ==> "ff"
5.as("Bogus") ### "Cannot use the .as\\(\"Bogus\"\\) operator with 5 \\(type Number\\)"
[].as("Map") ### "Cannot use the .as"

// defaultsTo keeps false and "".
null.defaultsTo(5) ==> 5
{}{"x"}.defaultsTo("d") ==> "d"
false.defaultsTo(5) ==> false
"".defaultsTo(5) ==> ""
0.defaultsTo(5) ==> 0
1.defaultsTo(5, "msg") ==> 1

// klog returns its value.
[1, 2].klog("value:") ==> [1, 2]

// encode and decode.
{"a": [1, "x", null, true]}.encode() ==> "{\"a\":[1,\"x\",null,true]}"
[1, 2].encode(2) ==> "[\n  1,\n  2\n]"
re#x#g.encode() ==> "\"re#x#g\""
"s".encode() ==> "\"s\""
"{\"a\": 1}".decode() ==> {"a": 1}
"[1, 2.5, \"x\"]".decode() ==> [1, 2.5, "x"]
"not json".decode() ==> "not json"
5.decode() ==> 5
"{\"b\": 1, \"1\": 2}".decode() ==> {"1": 2, "b": 1}

// range: inclusive, steps of one.
0.range(3) ==> [0, 1, 2, 3]
3.range(0) ==> [3, 2, 1, 0]
2.range(2) ==> [2]
"a".range(3) ==> []
0.range("x") ==> []
1.5.range(3) ==> [1.5, 2.5, 3.5]

// 32-bit integer bit operations.
1.shiftLeft(4) ==> 16
256.shiftRight(4) ==> 16
-16.shiftRight(2) ==> -4
12.band(10) ==> 8
12.bor(3) ==> 15
12.bxor(10) ==> 6
0.bnot() ==> -1
4294967296.bor(0) ==> 0
