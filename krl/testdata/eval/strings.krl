// String operators (language reference §6.2): the receiver is used in its
// String form.

// Case and trimming; null.uc() is "NULL".
"Hello".lc() ==> "hello"
"Hello".uc() ==> "HELLO"
null.uc() ==> "NULL"
5.uc() ==> "5"
[1].lc() ==> "[array]"
"hello world".capitalize() ==> "Hello world"
"".capitalize() ==> ""
"  pad  ".trim() ==> "pad"
"  pad  ".trimLeading() ==> "pad  "
"  pad  ".trimTrailing() ==> "  pad"
"\t x \n".trim() ==> "\\t x \\n"

// Substring tests.
"hello".startsWith("he") ==> true
"hello".startsWith("lo") ==> false
"hello".endsWith("lo") ==> true
"hello".contains("ell") ==> true
"hello".contains("") ==> true
12345.contains(34) ==> true
null.startsWith("nu") ==> true

// substr(start, len?): len 0 is the rest, negative counts from the end.
"abcdef".substr(2) ==> "cdef"
"abcdef".substr(2, 3) ==> "cde"
"abcdef".substr(2, 0) ==> "cdef"
"abcdef".substr(1, -2) ==> "bcd"
"abcdef".substr(0, 100) ==> "abcdef"
"abcdef".substr(10) ==> ""
"abcdef".substr(null) ==> "abcdef"
"abcdef".substr(4, -3) ==> "d"
"abcdef".substr(start = 3) ==> "def"
12345.substr(1, 2) ==> "23"

// split follows JavaScript.
"a,b,c".split(",") ==> ["a", "b", "c"]
"a,b,".split(",") ==> ["a", "b", ""]
"abc".split("") ==> ["a", "b", "c"]
"a1b22c".split(re#\d+#) ==> ["a", "b", "c"]
"a1b2c".split(re#(\d)#) ==> ["a", "1", "b", "2", "c"]
"".split(",") ==> [""]
"none".split(",") ==> ["none"]

// replace: a String pattern replaces the first occurrence, a RegExp the
// first or (with g) all; $1, $& and $$ in the replacement.
"aaa".replace("a", "b") ==> "baa"
"aaa".replace(re#a#, "b") ==> "baa"
"aaa".replace(re#a#g, "b") ==> "bbb"
"John Smith".replace(re#(\w+)\s(\w+)#, "$2, $1") ==> "Smith, John"
"abc".replace(re#b#, "[$&]") ==> "a[b]c"
"abc".replace("b", "$$") ==> "a$c"
"aAa".replace(re#a#gi, "x") ==> "xxx"
"abc".replace("b", null) ==> "ac"
"a-b".replace(re#(\w)-(\w)#, function(m, x, y) { y + "+" + x }) ==> "b+a"
"hello".replace("z", "y") ==> "hello"

// extract: the groups of the first match, or all matches with g.
"abc-123".extract(re#(\w+)-(\d+)#) ==> ["abc", "123"]
"a1b22c333".extract(re#\d+#g) ==> ["1", "22", "333"]
"nothing".extract(re#\d#) ==> []
"x=1".extract(re#x=(\d)?(y)?#) ==> ["1", null]

// match is a Boolean.
"hello".match(re#^h#) ==> true
"hello".match(re#^x#) ==> false
"hello".match("ll") ==> true
"hello".match(5) ==> false

// sprintf: a Number receiver fills every %d, a String every %s.
5.sprintf("%d items") ==> "5 items"
5.sprintf("%d and %d") ==> "5 and 5"
"x".sprintf("<%s>") ==> "<x>"
"x".sprintf("%s%s") ==> "x%s"
5.sprintf("%s") ==> "%s"
[1].sprintf("fmt %d") ==> "fmt %d"
5.sprintf(null) ==> ""
5.sprintf("\\%d") ==> "%d"
5.sprintf("%d%d") ==> "5%d"
2.5.sprintf("%d") ==> "2.5"

// length of a String counts characters (code points, as lodash does).
"hello".length() ==> 5
"".length() ==> 0
"héllo".length() ==> 5
"😀".length() ==> 1

// chr and ord.
65.chr() ==> "A"
"A".ord() ==> 65
"".ord() ==> null
"abc".ord() ==> 97
