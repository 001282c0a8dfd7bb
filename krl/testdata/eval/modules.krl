// Library modules (language reference §7) reachable without a host: math,
// time, random and stdlib:op. The test clock reads 2024-03-05T12:00:00Z.

// math.
math:abs(-3.5) ==> 3.5
math:int(3.9) ==> 3
math:int(-3.9) ==> -3
math:round(2.5) ==> 3
math:round(1.2345, 2) ==> 1.23
math:round(1234, -2) ==> 1200
math:ceiling(1.01) ==> 2
math:ceiling(1.011, 2) ==> 1.02
math:floor(-1.5) ==> -2
math:floor(1.999, 1) ==> 1.9
math:base64encode("hello") ==> "aGVsbG8="
math:base64decode("aGVsbG8=") ==> "hello"
math:hash("sha256", "abc") ==> "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
math:hash("md5", "abc", "base64") ==> "kAFQmDzST7DWlj99KOF/cg=="
math:hmac("sha256", "key", "msg", "hex") ==> "2d93cbc1be167bcb1637a4a23cbff01a7878f0c50ee833954ea5221bb1b8c628"
math:hashAlgorithms.typeof() ==> "Array"
math:hashAlgorithms >< "sha256" ==> true

// time, with epoch milliseconds, ISO strings and the test clock.
time:new(86400000) ==> "1970-01-02T00:00:00.000Z"
time:new(0) ### "time:new needs a date string"
time:new("2020-02-29T10:20:30Z") ==> "2020-02-29T10:20:30.000Z"
time:new("2020-02-29") ==> "2020-02-29T00:00:00.000Z"
time:add("2020-02-29T10:00:00Z", {"days": 1}) ==> "2020-03-01T10:00:00.000Z"
time:add("2020-01-31T00:00:00Z", {"months": 1, "hours": 2}) ==> "2020-02-29T02:00:00.000Z"
time:strftime("2020-02-29T10:20:30Z", "%Y/%m/%d") ==> "2020/02/29"
time:new("not a date") ### "invalid date"
time:now() ==> "2024-03-05T12:00:00.000Z"

// random: only the shapes are deterministic.
random:integer(10, 5) >= 5 ==> true
random:integer(10, 5) <= 10 ==> true
random:integer(3).typeof() ==> "Number"
random:number().typeof() ==> "Number"
random:word().typeof() ==> "String"
random:uuid().length() > 10 ==> true
math:int(random:integer(7, 7)) ==> 7

// stdlib:op reaches an operator even when its name is shadowed.
stdlib:uc("x") ==> "X"
"x".stdlib:uc() ==> "X"
uc("x") ==> "shadowed"
uc = function(s) { "shadowed" }
---
// A `use module` alias shadows a built-in module name: tested in Go
// (TestProgram_Init_modules); host modules and ctx:/http: need a host.
ctx:picoId ### "no host"
http:get("http://example.com") ### "no host"
