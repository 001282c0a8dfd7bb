// Lexical scope, resolved at compile time (language reference §3).

// A declaration sees the names declared before it.
a ==> 1
b ==> 2
a = 1
b = a + 1
---
x = y ### "undefined id: y"
y = 1
---
// Function declarations are compiled after the rest of their block, so a
// function may use any name of the block.
f() ==> 10
f = function() { later * 2 }
later = 5
---
// Names shadow outer names; an earlier mention resolves to the outer one.
g() ==> 2
h(7) ==> 7
k() ==> 11
nested()() ==> "inner"
x = 1
g = function() { x = 2; x }
h = function(x) { x }
k = function() { y = x + 10; x = 99; y }
nested = function() { v = "outer"; function() { v = "inner"; v } }
---
// Inner functions see the enclosing function's names, and those of the
// enclosing function's enclosing function.
outer(1)(2)(3) ==> [1, 2, 3, 4]
outer = function(a) { d = 4; function(b) { function(c) { [a, b, c, d] } } }
---
// Library names live in the outermost scope and can be shadowed.
"abc".uc() ==> "custom abc"
uc("abc") ==> "custom abc"
"abc".lc() ==> "abc"
uc = function(s) { "custom " + s }
---
lc = 5
"abc".lc() ### "5 is not a function"
---
// send_directive can be shadowed too.
send_directive ==> "mine"
send_directive = "mine"
---
// Parameters shadow globals; defaults see earlier parameters and globals.
p(1) ==> [1, 100]
p(1, 2) ==> [1, 2]
p = function(x, y = base) { [x, y] }
base = 100
---
// Unknown names are compile errors with a hint.
q = function() { lenght } ### "undefined id: lenght"
---
r = function() { "a".lenght() } ### "undefined id: lenght \\(did you mean length\\?\\)"
---
s = function(value) { valeu } ### "did you mean value\\?"
---
t = undefinedThing ### "undefined id: undefinedThing$"
---
u = 1
u = 2 ### "duplicate declaration: u"
---
// A declaration may refer to the global of the same name only through an
// outer scope: at the top level the name is not yet declared.
v = v ### "undefined id: v"
---
w = function() { z = z; z } ### "undefined id: z"
---
// Operator words cannot be names, but work as method names.
[1, 2].any(function(x) { x > 1 }) ==> true
[3].count ==> null
---
count + 1 ### "cannot start an expression"
