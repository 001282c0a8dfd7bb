// Functions: parameters, defaults, named arguments, closures, recursion,
// method sugar, defactions as values.

// Positional and named arguments.
add(1, 2) ==> 3
add(b = 10, a = 1) ==> 11
add(1, b = 5) ==> 6
add(1, 2, 3) ==> 3
add(1, c = 9) ==> "1null"
add() ==> "nullnull"
add(1, 2,) ==> 3
add(b = 1, 2) ### "once you used a named argument"
add = function(a, b) { a + b }

// Defaults are evaluated at call time, left to right, may use earlier
// parameters, and apply when the argument is missing or null.
scale(3) ==> 26
scale(3, 3) ==> 39
scale(3, factor = 1) ==> 13
scale(3, offset = 0) ==> 6
scale(3, null, null) ==> 26
scale(3, offset = null) ==> 26
scale(x = 2, offset = 1) ==> 5
scale = function(x, factor = 2, offset = factor * 10) { y = x * factor; y + offset }
stamp() ==> 1
stamp(5) ==> 5
stamp(false) ==> false
stamp(0) ==> 0
stamp("") ==> ""
stamp = function(v = counter + 1) { v }
counter = 0

// Duplicate and misordered parameters are compile errors.
bad = function(a, a) { a } ### "duplicate parameter: a"
---
bad2 = function(a = 1, b) { b } ### "non-default parameter after a defaulted one"
---
f1 = function(x) { x }
f1 = function(y) { y } ### "duplicate declaration: f1"
---

// Closures capture their defining scope.
adder(2)(3) ==> 5
plus10(1) ==> 11
compose(double, inc)(5) ==> 12
compose(inc, double)(5) ==> 11
counterFrom(5)() ==> 6
adder = function(n) { function(x) { x + n } }
plus10 = adder(10)
double = function(x) { x * 2 }
inc = function(x) { x + 1 }
compose = function(f, g) { function(x) { f(g(x)) } }
counterFrom = function(start) { next = start + 1; function() { next } }

// Recursion, mutual recursion and forward references.
fact(0) ==> 1
fact(5) ==> 120
fact(20) ==> 2432902008176640000
fib(15) ==> 610
isEven(10) ==> true
isOdd(7) ==> true
isEven(7) ==> false
usesLater() ==> "later"
fact = function(n) { n <= 1 => 1 | n * fact(n - 1) }
fib = function(n) { n < 2 => n | fib(n - 1) + fib(n - 2) }
isEven = function(n) { n == 0 => true | isOdd(n - 1) }
isOdd = function(n) { n == 0 => false | isEven(n - 1) }
usesLater = function() { later }
later = "later"

// Function bodies: declarations, then one expression, `return` optional.
body(4) ==> 20
withReturn(4) ==> 8
body = function(x) { a = x + 1; b = a * 4; b }
withReturn = function(x) { y = x * 2; return y }

// Functions are values.
double.typeof() ==> "Function"
apply(double, 21) ==> 42
[double, inc][1](1) ==> 2
{"f": inc}{"f"}(41) ==> 42
(function(x) { x * x })(7) ==> 49
apply = function(f, x) { f(x) }

---
// Method sugar: x.f(a) is f(x, a); user functions shadow the library.
5.double() ==> 10
"a".twice("b") ==> "abab"
3.add(4) ==> 7
"abc".length() ==> 99
2.scale() ==> 24
twice = function(s, t) { s + t + s + t }
add = function(a, b) { a + b }
double = function(x) { x * 2 }
length = function(s) { 99 }
scale = function(x, factor = 2, offset = factor * 10) { x * factor + offset }

---
// Calling what is not a function.
notFn(1) ### "is not a function"
5(1) ### "5 is not a function"
"s"() ### "s is not a function"
null() ### "null is not a function"
m{"x"}(1) ### "null is not a function"
nf() ### "5 is not a function"
notFn = {"a": 1}
m = {"x": null}
nf = [5][0]

---
// Defactions are actions, not functions.
act.typeof() ==> "Action"
send_directive.typeof() ==> "Action"
noop.typeof() ==> "ActionFunction"
act = defaction(x) { noop() }
---
act(1) ### "not a function: Action"
act = defaction(x) { noop() }
---
send_directive("x") ### "not a function: Action"
---
// noop is an ActionFunction: usable as a function too (the reference
// compiler rejects this call).
noop() ==> null

---
// Deep recursion stops at the depth limit, never overflowing the stack.
down(100) ==> 0
down(100000) ### "depth limit"
forever(1) ### "step limit|depth limit"
down = function(n) { n == 0 => 0 | down(n - 1) }
forever = function(n) { forever(n + 1) + 1 }
