// Collection operators (language reference §6.3).

// length, isEmpty, head, tail.
[1, 2, 3].length() ==> 3
{"a": 1, "b": 2}.length() ==> 2
"abc".length() ==> 3
5.length() ==> 0
null.length() ==> 0
[].isEmpty() ==> true
{}.isEmpty() ==> true
"".isEmpty() ==> true
null.isEmpty() ==> true
5.isEmpty() ==> true
true.isEmpty() ==> true
[0].isEmpty() ==> false
"a".isEmpty() ==> false
[1, 2, 3].head() ==> 1
[].head() ==> null
"abc".head() ==> "abc"
5.head() ==> 5
[1, 2, 3].tail() ==> [2, 3]
[1].tail() ==> []
"abc".tail() ==> []

// index: deep equality, Arrays only.
[1, [2], {"a": 3}].index([2]) ==> 1
[1, [2], {"a": 3}].index({"a": 3}) ==> 2
[1, 2].index(3) ==> -1
[1, 2].index("1") ==> -1
"abc".index("b") ### "only works on Arrays"

// join uses String forms.
[1, "a", null, true].join() ==> "1,a,null,true"
[1, 2, 3].join("-") ==> "1-2-3"
[[1, 2], {"a": 1}].join(";") ==> "[Array];[Map]"
[].join(",") ==> ""
"abc".join(",") ==> "abc"

// reverse.
[1, 2, 3].reverse() ==> [3, 2, 1]
[].reverse() ==> []

// slice: inclusive ends, slice(n) is 0..n.
[0, 1, 2, 3, 4].slice(2) ==> [0, 1, 2]
[0, 1, 2, 3, 4].slice(1, 3) ==> [1, 2, 3]
[0, 1, 2, 3, 4].slice(3, 1) ==> [1, 2, 3]
[0, 1, 2, 3, 4].slice(4, 4) ==> [4]
[0, 1, 2, 3, 4].slice(2, 10) ==> []
[0, 1, 2].slice(0) ==> [0]

// splice(i, n, v?): remove n from i, insert v (arrays spread).
[0, 1, 2, 3].splice(1, 2) ==> [0, 3]
[0, 1, 2, 3].splice(1, 0, "x") ==> [0, "x", 1, 2, 3]
[0, 1, 2, 3].splice(1, 1, ["x", "y"]) ==> [0, "x", "y", 2, 3]
[0, 1, 2, 3].splice(2, -1) ==> [0, 1]
[0, 1, 2, 3].splice(10, 1, "z") ==> [0, 1, 2, "z"]

// append: arrays flattened one level.
[1].append(2) ==> [1, 2]
[1].append([2, [3]]) ==> [1, 2, [3]]
[1].append(2, 3, [4]) ==> [1, 2, 3, 4]
null.append(1) ==> [null, 1]
"a".append("b") ==> ["a", "b"]

// map and filter keep the collection's kind; callbacks get (value, key, collection).
[1, 2, 3].map(function(x) { x * 2 }) ==> [2, 4, 6]
[1, 2, 3].map(function(x, i) { i }) ==> [0, 1, 2]
{"a": 1, "b": 2}.map(function(v, k) { k + v }) ==> {"a": "a1", "b": "b2"}
[1, 2, 3, 4].filter(function(x) { x % 2 == 0 }) ==> [2, 4]
{"a": 1, "b": 2}.filter(function(v) { v > 1 }) ==> {"b": 2}
[3, 4].map(function(x, i, all) { all.length() }) ==> [2, 2]
"abc".map(function(x) { x }) ### "only works on collections"
5.filter(function(x) { x }) ### "only works on collections"

// reduce: f(acc, v, i, arr); [] gives init or 0; one element without init gives it.
[1, 2, 3].reduce(function(a, b) { a + b }) ==> 6
[1, 2, 3].reduce(function(a, b) { a + b }, 10) ==> 16
[].reduce(function(a, b) { a + b }) ==> 0
[].reduce(function(a, b) { a + b }, "init") ==> "init"
[7].reduce(function(a, b) { a + b }) ==> 7
["a", "b"].reduce(function(acc, v, i) { acc + v + i }, "") ==> "a0b1"

// collect groups by the callback's result (as a key).
[1, 2, 3, 4].collect(function(x) { x % 2 == 0 => "even" | "odd" }) ==> {"odd": [1, 3], "even": [2, 4]}
["ab", "c", "de"].collect(function(s) { s.length() }) ==> {"1": ["c"], "2": ["ab", "de"]}

// all any none notall short-circuit; on empty arrays: true, false, true, false.
[2, 4].all(function(x) { x % 2 == 0 }) ==> true
[2, 3].all(function(x) { x % 2 == 0 }) ==> false
[1, 3].any(function(x) { x > 2 }) ==> true
[1, 3].none(function(x) { x > 2 }) ==> false
[1, 3].notall(function(x) { x > 2 }) ==> true
[].all(function(x) { false }) ==> true
[].any(function(x) { true }) ==> false
[].none(function(x) { true }) ==> true
[].notall(function(x) { false }) ==> false
[1, "x"].any(function(x) { x == 1 }) ==> true

// pairwise zips arrays.
[[1, 2], [3, 4]].pairwise(function(a, b) { a + b }) ==> [4, 6]
[[1, 2, 3], [4]].pairwise(function(a, b) { [a, b] }) ==> [[1, 4], [2, null], [3, null]]

// sort: String order by default, "reverse", "numeric", "ciremun", or a comparator.
[10, 9, 1, 100].sort() ==> [1, 10, 100, 9]
[10, 9, 1, 100].sort("numeric") ==> [1, 9, 10, 100]
[10, 9, 1, 100].sort("ciremun") ==> [100, 10, 9, 1]
["b", "a", "c"].sort("reverse") ==> ["c", "b", "a"]
[3, 1, 2].sort(function(a, b) { b - a }) ==> [3, 2, 1]
[{"n": 2}, {"n": 1}].sort(function(a, b) { a{"n"} <=> b{"n"} }) ==> [{"n": 1}, {"n": 2}]
"unchanged".sort() ==> "unchanged"
["B", "a", "C"].sort() ==> ["B", "C", "a"]

// unique, once, duplicates.
[1, 2, 1, 3, 2].unique() ==> [1, 2, 3]
[[1], [1], [2]].unique() ==> [[1], [2]]
[1, 2, 1, 3].once() ==> [2, 3]
[1, 2, 1, 3, 2].duplicates() ==> [1, 2]

// union, intersection, difference (deep equality); has.
[1, 2].union([2, 3]) ==> [1, 2, 3]
[1, 2, 3].intersection([2, 3, 4]) ==> [2, 3]
[1, 2, 3].difference([2]) ==> [1, 3]
[{"a": 1}, 2].difference([{"a": 1}]) ==> [2]
1.union(2) ==> [1, 2]
[1, 2, 3].has([1, 3]) ==> true
[1, 2, 3].has([4]) ==> false
[1, 2, 3].has([]) ==> true

// keys and values (with an optional path).
{"b": 1, "a": 2}.keys() ==> ["b", "a"]
["x", "y"].keys() ==> ["0", "1"]
{"a": {"b": 1, "c": 2}}.keys(["a"]) ==> ["b", "c"]
{"b": 1, "a": 2}.values() ==> [1, 2]
5.keys() ==> []
{"a": {"b": 1}}.values("a") ==> [1]

// get, put, set, delete.
{"a": {"b": [1, 2]}}.get(["a", "b", 1]) ==> 2
{"a": 1}.get("z") ==> null
{"a": 1}.put("b", 2) ==> {"a": 1, "b": 2}
{"a": 1}.put(["x", "y"], 2) ==> {"a": 1, "x": {"y": 2}}
{"a": 1}.put({"b": 2}) ==> {"a": 1, "b": 2}
{"a": {"x": 1}}.put({"a": {"y": 2}}) ==> {"a": {"y": 2}}
{}.put(["a", "0"], "v") ==> {"a": {"0": "v"}}
{}.set(["a", "0"], "v") ==> {"a": ["v"]}
[1, 2].set(["1"], "x") ==> [1, "x"]
5.set("k", 1) ==> {"k": 1}
{"a": 1, "b": 2}.delete("a") ==> {"b": 2}
{"a": {"b": 1, "c": 2}}.delete(["a", "b"]) ==> {"a": {"c": 2}}
{"a": 1}.delete("zz") ==> {"a": 1}

// Operators never change their receiver.
[m.put("a", 9), m] ==> [{"a": 9}, {"a": 1}]
[arr.append(3), arr] ==> [[1, 2, 3], [1, 2]]
m = {"a": 1}
arr = [1, 2]
