ruleset org.example.actions {
  rule inactive_one is inactive { select when a b }
  rule active_one is active {
    select when a b
    send_directive("single")
  }
  rule conditional {
    select when a b
    foreach [1, 2, 3] setting(n)
      foreach {"x": n} setting(v, k)
    pre {
      total = n * 2;
      label = <<#{k}=#{v}>>
    }
    if total > 2 then send_directive("big", {"total": total}) setting(dir);
  }
  rule all_of {
    select when a b
    if ent:on then every {
      send_directive("one")
      ctx:event(eci = meta:eci, domain = "x", type = "y");
      http:post("http://example.com/hook", body = {"a": 1}) setting(resp)
    }
  }
  rule one_of {
    select when a b
    sample { send_directive("heads"); send_directive("tails") }
  }
  rule switch {
    select when a b
    choose event:attr("kind") {
      hot => send_directive("cool it")
      cold => send_directive("warm it") setting(x)
      notify("ops", text = "other")
    }
  }
  rule switch_call {
    select when a b
    choose kind() { a => noop() }
  }
  rule empty_every { select when a b every { } }
}
