ruleset org.example.postludes {
  rule always_block {
    select when a b
    always {
      ent:count := ent:count.defaultsTo(0) + 1;
      ent:map{["a", "b"]} := 5
      ent:map{"k"} := null if ent:count > 3
      clear ent:old
      clear ent:map{"gone"} on final
      local = ent:count * 2
      raise wx event "derived" for "org.example.other" attributes {"n": local}
      raise event "wx:other" attributes event:attrs
      raise wx event type_name
      schedule wx event "later" at time:add(time:now(), {"minutes": 5}) attributes {} setting(id)
      schedule event "wx:tick" repeat "*/5 * * * *"
      schedule wx event "once" at "2030-01-01T00:00:00Z"
      log info "count is " + ent:count
      log debug <<local #{local}>>
      error warn "odd" if local > 100
      last if local > 1000
      last
    }
  }
  rule fired_forms {
    select when a b
    fired { ent:x := 1 } else { ent:x := 2 } finally { ent:y := 3 }
  }
  rule notfired_forms {
    select when a b
    if false then noop()
    notfired { log warn "not fired" } else { log error "fired" } finally { last }
  }
  rule fired_only {
    select when a b
    noop()
    fired { error error "stop" on final; error info event:attrs }
  }
  rule notfired_finally {
    select when a b
    notfired { ent:z := 0 } finally { ent:w := 1 }
  }
}
