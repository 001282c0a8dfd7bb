// Compile errors and warnings, each pinned to its line (see TestCompileScripts).
ruleset names {
  global {
    a = b  // ### ":4:9: undefined id: b$"
    b = 1
    c = lenght  // ### "undefined id: lenght \\(did you mean length\\?\\)$"
    d = "s".lenght()  // ### "undefined id: lenght \\(did you mean length\\?\\)"
    e = function(value) { valeu }  // ### "did you mean value\\?"
    f = 1
    f = 2  // ### ":10:5: duplicate declaration: f"
  }
}
---
ruleset functions {
  global {
    f = function(a, a) { a }  // ### "duplicate parameter: a"
    g = function(a = 1, b) { b }  // ### "non-default parameter after a defaulted one"
    h = function(a, b) { a }
    i = h(b = 1, 2)  // ### "once you used a named argument, all following must be named"
    act = defaction() { noop() }
    j = act()  // ### ":21:9: not a function: Action"
    k = send_directive("x")  // ### "not a function: Action"
    l = __testing()  // ### "not a function: Map"
    m = function() { n = 1; n = 2; n }  // ### "duplicate declaration: n"
  }
  rule r {
    select when a b
    h(1)  // ### "not an action: Function"
  }
}
---
ruleset rules {
  rule r { select when a b }
  rule r { select when a c }  // ### "duplicate rule name: r"
  rule noselect { send_directive("x") }  // ### "rule noselect is missing a `select`"
  rule off is inactive { select when a b }  // !!! "rule off is inactive"
  rule w {
    select when a b amount re#(\d+)# setting(amt) where amt() > 1  // ### "not a function: String"
  }
  rule unknownInWhere {
    select when a b where nothere  // ### "undefined id: nothere"
  }
}
---
ruleset shares {
  meta {
    shares f, act  // ### "actions must not be shared: act"
    shares missing  // ### ":48:12: trying to share missing but it is not defined in global"
    provides g, gone  // ### "trying to provide gone but it is not defined in global"
  }
  global {
    f = function() { 1 }
    g = 2
    act = defaction() { noop() }
  }
}
---
ruleset shares2 {
  meta { shares nothing }  // ### "trying to share nothing but it is not defined in global"
}
---
ruleset meta {
  meta {
    name "one"
    name "two"  // ### "only 1 meta.name allowed"
    description "d"
    author "a"
    author "b"  // ### "only 1 meta.author allowed"
    logging on  // !!! "meta.logging is no longer needed"
    key twitter "abc"  // ### "meta property not supported: key"
    errors to other.rs  // ### "meta property not supported: errors to"
    provides keys k to other.rs  // ### "meta property not supported: provides keys"
    use module a.b alias x
    use module c.d alias x  // ### "duplicate module alias: x"
  }
}
---
ruleset ents {
  rule r {
    select when a b
    always {
      app:x := 1  // ### "app: variables .* are not supported"
      other:x := 1  // ### "only ent: variables can be assigned, not other:"
      clear foo:x  // ### "clear only works on ent: variables"
      ent:x := ent:x.put("k", 1)  // !!! "use `ent:x\\{key\\} := value` instead of .put"
      raise a event "b" for "other.rs"  // !!! "`raise ... for` is ignored"
      ent:y := app:y  // ### "app: variables"
    }
  }
}
---
ruleset modules {
  global {
    a = time:nwo()  // ### "undefined id: time:nwo \\(did you mean time:now\\?\\)"
    b = math:pi  // ### "undefined id: math:pi"
    c = ctx:rid_nam  // ### "undefined id: ctx:rid_nam \\(did you mean ctx:rid_name\\?\\)"
    d = meta:eic  // ### "did you mean meta:eci\\?"
    e = event:typ  // ### "undefined id: event:typ"
    f = http:gett  // ### "did you mean http:get\\?"
    g = keys:k()  // ### "keys: is not supported"
    h = stdlib:nope  // ### "undefined id: stdlib:nope"
    i = event:attrs()  // ### "`event:attrs` is a Map, not a Function"
    j = ctx:install("x")  // ### "not a function: Action"
    k = "x".ctx:rid  // ### "must be called"
    l = stdlib:uc("a")
    m = event:attr("x")  // !!! "event:attr\\(key\\) is deprecated"
    n = {"a": 1}.a  // !!! "use `\\{\\}` or `\\[\\]` instead of `.`"
    o = re#(#  // ### "invalid regular expression"
  }
  rule r {
    select when a b
    schedule:list()  // ### "not an action: Function"
  }
}
---
ruleset choose {
  rule r {
    select when a b
    choose event:type {  // ### "undefined id: event:type"
      x => noop()
      noop()  // ### "all actions inside a `choose` block need a label"
    }
  }
}
---
ruleset version.legacy {
  version "1.0"  // !!! "ruleset\\{version ...\\} is deprecated"
  rule r {
    select when a b where true setting(x)  // !!! "write `setting\\(...\\)` before `where`"
  }
}
