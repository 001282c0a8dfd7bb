ruleset org.example.expressions {
  global {
    // literals
    n1 = 42; n2 = 3.25; n3 = .5; n4 = 5.3.floor(); n5 = 1.isnull()
    s1 = "plain"; s2 = "quote \" and backslash \\ and \n kept"
    s3 = "multi
line"
    r1 = re#^(\d+)-(\w+)$#gi; r2 = re#a\#b#; r3 = re##
    b1 = true; b2 = false; nothing = null
    arr = [1, "two", [3], {"four": 4},]
    map = {"a": 1, "b": {"c": [true]}, }
    empty = [[], {}]
    // chevrons with interpolation, nesting, escapes
    c1 = <<>>
    c2 = <<Hello #{name}!>>
    c3 = <<#{a}#{b}>>
    c4 = <<nested #{ <<inner #{x{"k"}} done>> } and #{ {"m": 1}{"m"} }>>
    c5 = <<escape \#{notInterp} and \> and \\ and # alone and > alone>>
    // identifiers and domains
    d1 = ent:count; d2 = event : attrs; d3 = ctx:rid
    kw = select + rule + meta + when + pre + always + fired
    // precedence
    p1 = 1 + 2 * 3 - 4 / 5 % 6
    p2 = not a == b
    p3 = -x.length()
    p4 = a < b < c
    p5 = a || b && c
    p6 = x like re#^a# && y >< "k" || z <=> 3 == w cmp v
    p7 = n < 10 => "small" | n < 100 => "medium" | "large"
    p8 = (a => b | c) => d | e
    p9 = +x - -y
    // calls, members, paths, indexes
    m1 = list.map(function(v, k) { v * 2 }).filter(function(v) { v > 2 })
    m2 = m{["a", "b"]}[0]{"c"}
    m3 = "bob".mod:greet(times = 2)
    m4 = f(1, 2, name = "x", other = y,)
    m5 = list.any(function(v){v}) && list.count
    m6 = obj.raw_member
    m7 = m
      {"continued"}
    m8 = g()()
    // functions
    f1 = function(a, b = a + 1, c = b * 2,) {
      d = a + b;
      e = d * c
      return e
    }
    f2 = function() { 1 }
    f3 = function(x) { y = x; {"y": y} }
  }
}
