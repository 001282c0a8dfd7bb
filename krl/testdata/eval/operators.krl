// Infix and prefix operators (language reference §5.5) and their gotchas (§9).

// + adds two finite Numbers and concatenates String forms otherwise.
1 + 2 ==> 3
1.5 + 1.5 ==> 3
0.1 + 0.2 ==> 0.30000000000000004
"1" + 1 ==> "11"
1 + "1" ==> "11"
"a" + "b" ==> "ab"
null + 1 ==> "null1"
1 + null ==> "1null"
null + null ==> "nullnull"
true + 1 ==> "true1"
false + "" ==> "false"
[1, 2] + 1 ==> "[Array]1"
{"a": 1} + "!" ==> "[Map]!"
re#a+#gi + "" ==> "re#a+#gi"
"" + 0 ==> "0"
+5 ==> 5
+"5" ==> "5"

// - * / % use Number forms or fail.
5 - 3 ==> 2
"5" - 3 ==> 2
" 12 " - 2 ==> 10
"0x1F" - 1 ==> 30
"0b101" - 0 ==> 5
"" - 1 ==> -1
null - 1 ==> -1
true - 1 ==> 0
[1, 2, 3] - 1 ==> 2
{"a": 1} - 1 ==> 0
"a" - 1 ### "TypeError"
"1,000" - 1 ### "TypeError"
1 - "abc" ### "TypeError"
2 * 3 ==> 6
"2" * "3" ==> 6
null * 5 ==> 0
"x" * 2 ### "TypeError"
6 / 3 ==> 2
5 / 2 ==> 2.5
1 / 3 ==> 0.3333333333333333
"6" / "2" ==> 3
1 / 0 ==> 0
0 / 0 ==> 0
-4 / 0 ==> 0
"a" / 2 ### "TypeError"
7 % 3 ==> 1
-7 % 3 ==> -1
7 % -3 ==> 1
5.5 % 2 ==> 1.5
5 % 0 ==> 0
"7" % "4" ==> 3

// Unary minus.
-5 ==> -5
-(2 + 3) ==> -5
-"5" ==> -5
- -3 ==> 3
-null ==> 0
-true ==> -1
-"a" ### "TypeError: Cannot negate"

// Precedence and associativity.
1 + 2 * 3 ==> 7
(1 + 2) * 3 ==> 9
10 - 2 - 3 ==> 5
2 * 3 % 4 ==> 2
-2 * 3 ==> -6
1 < 2 == true ==> true
1 + 1 == 2 ==> true
1 == 1 && 2 == 2 ==> true
1 || 2 && 0 ==> 1
0 || 2 && 3 ==> 3
not 1 == 2 ==> false
not (1 == 2) ==> true
not 0 == true ==> true

// == is deep and type-strict; != is its negation.
1 == 1 ==> true
1 == 1.0 ==> true
1 == "1" ==> false
true == 1 ==> false
null == null ==> true
null == false ==> false
"a" == "a" ==> true
[1, 2] == [1, 2] ==> true
[1, 2] == [2, 1] ==> false
[1, [2, {"x": 3}]] == [1, [2, {"x": 3}]] ==> true
{"a": 1, "b": 2} == {"b": 2, "a": 1} ==> true
{"a": 1} == {"a": 1, "b": null} ==> false
{} == [] ==> false
[] == [] ==> true
1 != 2 ==> true
1 != "1" ==> true
[1] != [1] ==> false

// < <= > >= <=> compare numerically when both sides have a Number form,
// String forms otherwise.
1 < 2 ==> true
2 < 1 ==> false
2 <= 2 ==> true
3 >= 4 ==> false
"10" > "9" ==> true
"10" < "9a" ==> true
"a" < "b" ==> true
"B" < "a" ==> true
"abc" < "abd" ==> true
[1, 2] < 3 ==> true
{"a": 1} > 0 ==> true
null < 1 ==> true
true > false ==> true
"" < 1 ==> true
1 <=> 2 ==> -1
2 <=> 1 ==> 1
2 <=> 2 ==> 0
"a" <=> "a" ==> 0
"10" <=> "9" ==> 1
"b" <=> "a" ==> 1
"a" <=> 1 ==> 1

// cmp always compares String forms.
"10" cmp "9" ==> -1
2 cmp 10 ==> 1
"a" cmp "b" ==> -1
"b" cmp "b" ==> 0
null cmp "null" ==> 0

// like matches a regular expression (or a String compiled to one) against
// the String form of the left side.
"hello" like re#ell# ==> true
"hello" like re#^ELL#i ==> false
"hello" like re#^HEL#i ==> true
"hello" like "^h.l" ==> true
5 like re#^5$# ==> true
null like re#null# ==> true
"x" like re#y# ==> false
[1] like re#Array# ==> true

// >< tests membership: deep element of an Array, key (or path) of a Map.
[1, 2, 3] >< 2 ==> true
[1, 2, 3] >< "2" ==> false
[[1], [2]] >< [1] ==> true
[{"a": 1}] >< {"a": 1} ==> true
{"a": 1} >< "a" ==> true
{"a": 1} >< "b" ==> false
{"a": {"b": 1}} >< ["a", "b"] ==> true
"abc" >< "b" ==> false
null >< null ==> false

// && and || short-circuit and return an operand.
1 && 2 ==> 2
0 && 2 ==> 0
"" && x ==> ""
null || "anon" ==> "anon"
"" || 0 ==> 0
"x" || "y" ==> "x"
[] && 5 ==> 5
{} || 5 ==> {}
false || null ==> null
true && "yes" ==> "yes"
1 || x ==> 1
x = "never evaluated when short-circuited"

// not returns a Boolean of the falsiness.
not 0 ==> true
not "0" ==> false
not "false" ==> false
not "" ==> true
not null ==> true
not [] ==> false
not {} ==> false
not 0.0 ==> true
not -1 ==> false
not not "a" ==> true

// Truthiness as seen by the conditional.
0 => "t" | "f" ==> "f"
"" => "t" | "f" ==> "f"
null => "t" | "f" ==> "f"
false => "t" | "f" ==> "f"
"0" => "t" | "f" ==> "t"
"false" => "t" | "f" ==> "t"
[] => "t" | "f" ==> "t"
{} => "t" | "f" ==> "t"
re#x# => "t" | "f" ==> "t"
0.5 => "t" | "f" ==> "t"

// The conditional evaluates one branch; the alternative may chain.
n < 10 => "small" | n < 100 => "medium" | "large" ==> "medium"
m < 10 => "small" | m < 100 => "medium" | "large" ==> "large"
true => 1 | 1 / "x" ==> 1
false => 1 / "x" | 2 ==> 2
n = 42
m = 420
