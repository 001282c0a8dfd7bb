ruleset org.example.bench.large {
  meta {
    name "Generated benchmark ruleset"
    description <<Rules generated for parser benchmarks.>>
    use module org.example.helpers alias helpers with level = 2
    shares summary, lookup
  }
  global {
    summary = function() {
      ent:totals.defaultsTo({}).map(function(v, k) { v.as("Number") * 2 })
    }
    lookup = function(key, fallback = "none") {
      ent:index{key}.defaultsTo(fallback)
    }
    notify = defaction(to, msg) {
      every { send_directive("notify", {"to": to, "msg": msg}) }
    }
  }
  rule handle_reading_0 {
    select when sensor reading_0 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 20
      or sensor reset_0 before timer tick_0 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "0"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 0 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(0) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 0, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "0"]} := history;
      ent:totals{"0"} := ent:totals{"0"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 0, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 0: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_1 {
    select when sensor reading_1 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 21
      or sensor reset_1 before timer tick_1 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "1"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 1 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(1) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 1, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "1"]} := history;
      ent:totals{"1"} := ent:totals{"1"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 1, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 1: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_2 {
    select when sensor reading_2 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 22
      or sensor reset_2 before timer tick_2 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "2"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 2 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(2) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 2, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "2"]} := history;
      ent:totals{"2"} := ent:totals{"2"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 2, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 2: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_3 {
    select when sensor reading_3 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 23
      or sensor reset_3 before timer tick_3 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "3"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 3 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(3) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 3, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "3"]} := history;
      ent:totals{"3"} := ent:totals{"3"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 3, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 3: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_4 {
    select when sensor reading_4 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 24
      or sensor reset_4 before timer tick_4 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "4"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 4 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(4) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 4, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "4"]} := history;
      ent:totals{"4"} := ent:totals{"4"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 4, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 4: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_5 {
    select when sensor reading_5 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 25
      or sensor reset_5 before timer tick_5 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "5"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 5 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(5) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 5, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "5"]} := history;
      ent:totals{"5"} := ent:totals{"5"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 5, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 5: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_6 {
    select when sensor reading_6 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 26
      or sensor reset_6 before timer tick_6 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "6"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 6 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(6) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 6, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "6"]} := history;
      ent:totals{"6"} := ent:totals{"6"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 6, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 6: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_7 {
    select when sensor reading_7 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 27
      or sensor reset_7 before timer tick_7 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "7"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 7 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(7) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 7, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "7"]} := history;
      ent:totals{"7"} := ent:totals{"7"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 7, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 7: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_8 {
    select when sensor reading_8 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 28
      or sensor reset_8 before timer tick_8 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "8"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 8 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(8) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 8, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "8"]} := history;
      ent:totals{"8"} := ent:totals{"8"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 8, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 8: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_9 {
    select when sensor reading_9 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 29
      or sensor reset_9 before timer tick_9 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "9"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 9 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(9) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 9, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "9"]} := history;
      ent:totals{"9"} := ent:totals{"9"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 9, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 9: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_10 {
    select when sensor reading_10 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 30
      or sensor reset_10 before timer tick_10 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "10"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 10 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(10) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 10, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "10"]} := history;
      ent:totals{"10"} := ent:totals{"10"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 10, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 10: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_11 {
    select when sensor reading_11 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 31
      or sensor reset_11 before timer tick_11 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "11"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 11 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(11) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 11, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "11"]} := history;
      ent:totals{"11"} := ent:totals{"11"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 11, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 11: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_12 {
    select when sensor reading_12 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 32
      or sensor reset_12 before timer tick_12 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "12"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 12 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(12) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 12, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "12"]} := history;
      ent:totals{"12"} := ent:totals{"12"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 12, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 12: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_13 {
    select when sensor reading_13 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 33
      or sensor reset_13 before timer tick_13 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "13"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 13 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(13) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 13, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "13"]} := history;
      ent:totals{"13"} := ent:totals{"13"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 13, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 13: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_14 {
    select when sensor reading_14 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 34
      or sensor reset_14 before timer tick_14 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "14"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 14 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(14) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 14, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "14"]} := history;
      ent:totals{"14"} := ent:totals{"14"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 14, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 14: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_15 {
    select when sensor reading_15 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 35
      or sensor reset_15 before timer tick_15 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "15"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 15 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(15) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 15, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "15"]} := history;
      ent:totals{"15"} := ent:totals{"15"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 15, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 15: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_16 {
    select when sensor reading_16 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 36
      or sensor reset_16 before timer tick_16 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "16"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 16 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(16) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 16, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "16"]} := history;
      ent:totals{"16"} := ent:totals{"16"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 16, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 16: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_17 {
    select when sensor reading_17 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 37
      or sensor reset_17 before timer tick_17 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "17"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 17 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(17) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 17, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "17"]} := history;
      ent:totals{"17"} := ent:totals{"17"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 17, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 17: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_18 {
    select when sensor reading_18 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 38
      or sensor reset_18 before timer tick_18 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "18"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 18 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(18) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 18, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "18"]} := history;
      ent:totals{"18"} := ent:totals{"18"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 18, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 18: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_19 {
    select when sensor reading_19 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 39
      or sensor reset_19 before timer tick_19 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "19"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 19 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(19) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 19, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "19"]} := history;
      ent:totals{"19"} := ent:totals{"19"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 19, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 19: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_20 {
    select when sensor reading_20 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 40
      or sensor reset_20 before timer tick_20 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "20"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 20 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(20) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 20, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "20"]} := history;
      ent:totals{"20"} := ent:totals{"20"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 20, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 20: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_21 {
    select when sensor reading_21 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 41
      or sensor reset_21 before timer tick_21 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "21"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 21 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(21) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 21, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "21"]} := history;
      ent:totals{"21"} := ent:totals{"21"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 21, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 21: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_22 {
    select when sensor reading_22 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 42
      or sensor reset_22 before timer tick_22 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "22"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 22 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(22) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 22, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "22"]} := history;
      ent:totals{"22"} := ent:totals{"22"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 22, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 22: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_23 {
    select when sensor reading_23 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 43
      or sensor reset_23 before timer tick_23 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "23"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 23 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(23) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 23, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "23"]} := history;
      ent:totals{"23"} := ent:totals{"23"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 23, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 23: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_24 {
    select when sensor reading_24 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 44
      or sensor reset_24 before timer tick_24 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "24"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 24 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(24) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 24, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "24"]} := history;
      ent:totals{"24"} := ent:totals{"24"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 24, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 24: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_25 {
    select when sensor reading_25 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 45
      or sensor reset_25 before timer tick_25 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "25"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 25 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(25) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 25, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "25"]} := history;
      ent:totals{"25"} := ent:totals{"25"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 25, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 25: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_26 {
    select when sensor reading_26 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 46
      or sensor reset_26 before timer tick_26 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "26"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 26 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(26) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 26, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "26"]} := history;
      ent:totals{"26"} := ent:totals{"26"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 26, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 26: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_27 {
    select when sensor reading_27 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 47
      or sensor reset_27 before timer tick_27 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "27"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 27 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(27) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 27, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "27"]} := history;
      ent:totals{"27"} := ent:totals{"27"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 27, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 27: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_28 {
    select when sensor reading_28 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 48
      or sensor reset_28 before timer tick_28 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "28"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 28 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(28) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 28, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "28"]} := history;
      ent:totals{"28"} := ent:totals{"28"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 28, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 28: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_29 {
    select when sensor reading_29 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 49
      or sensor reset_29 before timer tick_29 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "29"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 29 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(29) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 29, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "29"]} := history;
      ent:totals{"29"} := ent:totals{"29"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 29, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 29: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_30 {
    select when sensor reading_30 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 50
      or sensor reset_30 before timer tick_30 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "30"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 30 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(30) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 30, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "30"]} := history;
      ent:totals{"30"} := ent:totals{"30"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 30, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 30: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_31 {
    select when sensor reading_31 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 51
      or sensor reset_31 before timer tick_31 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "31"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 31 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(31) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 31, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "31"]} := history;
      ent:totals{"31"} := ent:totals{"31"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 31, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 31: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_32 {
    select when sensor reading_32 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 52
      or sensor reset_32 before timer tick_32 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "32"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 32 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(32) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 32, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "32"]} := history;
      ent:totals{"32"} := ent:totals{"32"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 32, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 32: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_33 {
    select when sensor reading_33 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 53
      or sensor reset_33 before timer tick_33 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "33"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 33 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(33) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 33, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "33"]} := history;
      ent:totals{"33"} := ent:totals{"33"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 33, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 33: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_34 {
    select when sensor reading_34 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 54
      or sensor reset_34 before timer tick_34 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "34"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 34 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(34) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 34, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "34"]} := history;
      ent:totals{"34"} := ent:totals{"34"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 34, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 34: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_35 {
    select when sensor reading_35 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 55
      or sensor reset_35 before timer tick_35 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "35"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 35 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(35) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 35, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "35"]} := history;
      ent:totals{"35"} := ent:totals{"35"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 35, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 35: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_36 {
    select when sensor reading_36 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 56
      or sensor reset_36 before timer tick_36 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "36"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 36 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(36) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 36, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "36"]} := history;
      ent:totals{"36"} := ent:totals{"36"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 36, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 36: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_37 {
    select when sensor reading_37 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 57
      or sensor reset_37 before timer tick_37 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "37"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 37 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(37) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 37, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "37"]} := history;
      ent:totals{"37"} := ent:totals{"37"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 37, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 37: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
  rule handle_reading_38 {
    select when sensor reading_38 temp re#^(\d+)$# unit re#^([CF])$# setting(t, u)
      where t.as("Number") > 58
      or sensor reset_38 before timer tick_38 within 5 minutes
    foreach event:attrs{"samples"}.defaultsTo([]) setting(sample, idx)
    pre {
      value = u == "F" => (t.as("Number") - 32) * 5 / 9 | t.as("Number");
      history = ent:history{["sensor", "38"]}.defaultsTo([]).append(value).slice(0, 99);
      label = <<sensor 38 reads #{value} (#{history.length()} samples)>>;
      alert = value > helpers:limit(38) && not ent:muted
    }
    if alert then every {
      send_directive("reading", {"sensor": 38, "value": value, "label": label});
      notify("ops", label) setting(sent)
    }
    fired {
      ent:history{["sensor", "38"]} := history;
      ent:totals{"38"} := ent:totals{"38"}.defaultsTo(0) + 1;
      raise sensor event "alerted" attributes {"sensor": 38, "value": value} if value > 100
    } else {
      log debug "no alert for sensor 38: " + value.encode()
    } finally {
      schedule sensor event "recheck" at time:add(time:now(), {"minutes": 10}) setting(id) on final
    }
  }
}
