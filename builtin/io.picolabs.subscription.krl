ruleset io.picolabs.subscription {
  meta {
    name "Subscriptions"
    description <<
      Subscriptions: lasting two-way relationships between picos, on one
      engine or across engines. Each side of a subscription is a bus
      {Id, Rx, Tx, Rx_role, Tx_role, Tx_host}: Rx is the channel this pico
      listens on, Tx the peer's, Tx_host the peer's engine when it is
      another one. A request travels to the peer's well-known channel; it
      stays outbound (requester) and inbound (peer) until the peer approves
      it, then both sides hold it as established.
    >>
    author "gopico"
    provides established, outbound, inbound, wellKnown_Rx, autoAcceptConfig
    shares established, outbound, inbound, wellKnown_Rx, autoAcceptConfig
  }
  global {
    allowAllEvents = {"allow": [{"domain": "*", "name": "*"}], "deny": []}
    allowAllQueries = {"allow": [{"rid": "*", "name": "*"}], "deny": []}

    // The well-known channel takes subscription requests from anyone who
    // knows it, and nothing else.
    wellKnownTags = ["wellKnown_Rx", "Tx_Rx"]
    wellKnownEvents = {
      "allow": [
        {"domain": "wrangler", "name": "subscription"},
        {"domain": "wrangler", "name": "new_subscription_request"},
        {"domain": "wrangler", "name": "inbound_removal"}
      ],
      "deny": []
    }
    wellKnownQueries = {"allow": [{"rid": meta:rid, "name": "wellKnown_Rx"}], "deny": []}

    sameTags = function(a, b) {
      a.map(function(t) { t.lc() }).sort() == b.map(function(t) { t.lc() }).sort()
    }
    wellKnown_Rx = function() {
      ctx:channels.filter(function(c) { sameTags(c{"tags"}, wellKnownTags) }).head()
    }
    ownsChannel = function(eci) {
      ctx:channels.any(function(c) { c{"id"} == eci })
    }

    // The buses of each state, all or those whose key equals value.
    only = function(buses, key, value) {
      list = buses.defaultsTo([])
      return (key && value) => list.filter(function(bus) { bus{key} == value }) | list
    }
    established = function(key, value) {
      only(ent:established, key, value)
    }
    outbound = function(key, value) {
      only(ent:outbound, key, value)
    }
    inbound = function(key, value) {
      only(ent:inbound, key, value)
    }
    autoAcceptConfig = function() {
      ent:autoAcceptConfig.defaultsTo({})
    }

    // The bus an event is about: by its Id, Rx or Tx attribute, else the
    // one whose Rx channel the event came in on.
    busFor = function(buses) {
      attrs = event:attrs
      pick = function(key, v) { buses.filter(function(bus) { bus{key} == v }).head() }
      attrs{"Id"} => pick("Id", attrs{"Id"})
        | attrs{"Rx"} => pick("Rx", attrs{"Rx"})
        | attrs{"Tx"} => pick("Tx", attrs{"Tx"})
        | pick("Rx", meta:eci)
    }
    positionOf = function(buses, Id) {
      buses.map(function(bus) { bus{"Id"} }).index(Id)
    }

    // A new pending bus from the event: its Id (given, else a new one),
    // roles and the peer's host when it is another engine.
    newBus = function() {
      attrs = event:attrs
      roles = attrs{"Rx_role"} => {"Rx_role": attrs{"Rx_role"}, "Tx_role": attrs{"Tx_role"}} | {}
      host = attrs{"Tx_host"}
      withHost = (host && host != meta:host) => roles.put("Tx_host", host) | roles
      withHost.put("Id", attrs{"Id"} || random:uuid())
    }
    remoteHost = function(host) {
      (host && host != meta:host) => host | null
    }
    decoded = function(x) {
      x.typeof() == "String" => x.decode() | x
    }

    // A configuration accepts a request when one of its entries, attribute
    // name -> [regular expressions], matches the request's attributes.
    accepts = function(config) {
      entries = decoded(config{"entries"}).defaultsTo({})
      entries.keys().any(function(k) {
        v = event:attrs{k}
        patterns = entries{k}
        not v.isnull() && patterns.typeof() == "Array"
          && patterns.any(function(p) { v.match(p.as("RegExp")) })
      })
    }

    dropChannel = defaction(eci) {
      if ownsChannel(eci) then ctx:delChannel(eci)
    }
  }

  // -------------------------------------------------- the well-known channel

  rule ensure_well_known_on_install {
    select when wrangler ruleset_installed where event:attrs{"rids"} >< meta:rid
    if wellKnown_Rx().isnull() then noop()
    fired {
      raise wrangler event "need_wellKnown_Rx" attributes event:attrs
    }
  }

  rule ensure_well_known_on_start {
    select when engine started or wrangler pico_created
    if wellKnown_Rx().isnull() then noop()
    fired {
      raise wrangler event "need_wellKnown_Rx" attributes event:attrs
    }
  }

  rule create_well_known {
    select when wrangler need_wellKnown_Rx
    if wellKnown_Rx().isnull() then
      ctx:newChannel(wellKnownTags, wellKnownEvents, wellKnownQueries)
    fired {
      raise wrangler event "wellKnown_Rx_created" attributes event:attrs
    }
  }

  // ------------------------------------------- the requester (A) asks B

  // {wellKnown_Tx, Rx_role, Tx_role, name, channel_type, Tx_host}
  rule request {
    select when wrangler subscription
    pre {
      channelName = event:attrs{"name"} || random:word()
      channelType = event:attrs{"channel_type"} || "Tx_Rx"
      pending = newBus().put("wellKnown_Tx", event:attrs{"wellKnown_Tx"})
    }
    if pending{"wellKnown_Tx"} then
      ctx:newChannel([channelName, channelType], allowAllEvents, allowAllQueries) setting(channel)
    fired {
      bus = pending.put("Rx", channel{"id"})
      ent:outbound := outbound().append(bus)
      details = event:attrs.put(bus).put({"channel_name": channelName, "channel_type": channelType})
      raise wrangler event "subscription_request_needed" attributes details
      raise wrangler event "outbound_pending_subscription_added" attributes details
    } else {
      raise wrangler event "wellKnown_Tx_format_failure" attributes event:attrs
    }
  }

  // The request as B sees it: roles swapped, B answers on A's Rx.
  rule send_request {
    select when wrangler subscription_request_needed
    pre {
      rxHost = event:attrs{"Rx_host"}
      myHost = (rxHost == "localhost") => null | (rxHost || meta:host)
      request = event:attrs.put({
        "Rx_role": event:attrs{"Tx_role"},
        "Tx_role": event:attrs{"Rx_role"},
        "Tx": event:attrs{"Rx"},
        "Tx_host": myHost
      })
    }
    event:send({
      "eci": event:attrs{"wellKnown_Tx"},
      "domain": "wrangler", "type": "new_subscription_request",
      "attrs": request
    }, remoteHost(event:attrs{"Tx_host"}))
  }

  // ------------------------------------------------ the peer (B) answers

  rule receive_request {
    select when wrangler new_subscription_request
    pre {
      pending = newBus().put("Tx", event:attrs{"Tx"})
      channelName = event:attrs{"channel_name"} || random:word()
      channelType = event:attrs{"channel_type"} || "Tx_Rx"
    }
    if pending{"Tx"} then
      ctx:newChannel([channelName, channelType], allowAllEvents, allowAllQueries) setting(channel)
    fired {
      ent:inbound := inbound().append(pending.put("Rx", channel{"id"}))
      raise wrangler event "inbound_pending_subscription_added"
        attributes event:attrs.put("Rx", channel{"id"})
    } else {
      raise wrangler event "no_Tx_failure" attributes event:attrs
    }
  }

  // {Id}: B approves an inbound request.
  rule approve {
    select when wrangler pending_subscription_approval
    pre {
      bus = busFor(inbound())
    }
    if bus then
      event:send({
        "eci": bus{"Tx"},
        "domain": "wrangler", "type": "outbound_pending_subscription_approved",
        "attrs": event:attrs.put({"Id": bus{"Id"}, "Tx": bus{"Rx"}})
      }, bus{"Tx_host"})
    fired {
      raise wrangler event "inbound_pending_subscription_approved"
        attributes event:attrs.put("Id", bus{"Id"}).put("bus", bus)
    }
  }

  rule establish_inbound {
    select when wrangler inbound_pending_subscription_approved
    pre {
      buses = inbound()
      at = positionOf(buses, event:attrs{"Id"})
    }
    if at >= 0 then noop()
    fired {
      ent:established := established().append(buses[at])
      ent:inbound := buses.splice(at, 1)
      raise wrangler event "subscription_added" attributes event:attrs
    }
  }

  // A learns that B approved: its bus gets B's Rx as Tx.
  rule establish_outbound {
    select when wrangler outbound_pending_subscription_approved
    pre {
      buses = outbound()
      found = busFor(buses)
      at = positionOf(buses, found{"Id"})
      bus = found.put("Tx", event:attrs{"Tx"}).delete("wellKnown_Tx")
    }
    if found && at >= 0 then noop()
    fired {
      ent:established := established().append(bus)
      ent:outbound := buses.splice(at, 1)
      raise wrangler event "subscription_added" attributes event:attrs.put("bus", bus)
    }
  }

  rule auto_accept {
    select when wrangler inbound_pending_subscription_added
    pre {
      matches = autoAcceptConfig().values().any(function(config) { accepts(config) })
    }
    if matches then noop()
    fired {
      raise wrangler event "pending_subscription_approval" attributes event:attrs
      raise wrangler event "auto_accepted_subscription_request" attributes event:attrs
    }
  }

  // {configName, entries | regexMap, delete}: add, replace or delete an
  // automatic acceptance configuration; or {config: {configName, ...}}.
  rule update_auto_accept {
    select when wrangler autoAcceptConfigUpdate
    pre {
      given = decoded(event:attrs{"config"}) || {
        "configName": event:attrs{"configName"},
        "password": event:attrs{"password"},
        "entries": decoded(event:attrs{"entries"} || event:attrs{"regexMap"})
      }
      configName = given{"configName"}
    }
    if configName then noop()
    fired {
      ent:autoAcceptConfig := event:attrs{"delete"}
        => autoAcceptConfig().delete([configName])
        | autoAcceptConfig().put([configName], given)
      raise wrangler event "auto_accept_config_updated" attributes event:attrs
    } else {
      raise wrangler event "autoAcceptConfigUpdate_failure" attributes event:attrs
    }
  }

  // -------------------------------------------------------------- teardown

  // {Id}: either side ends an established subscription.
  rule cancel_established {
    select when wrangler subscription_cancellation
    pre {
      bus = busFor(established())
    }
    if bus then
      event:send({
        "eci": bus{"Tx"},
        "domain": "wrangler", "type": "established_removal",
        "attrs": event:attrs.put({"Rx": bus{"Tx"}, "Tx": bus{"Rx"}, "Id": bus{"Id"}})
      }, bus{"Tx_host"})
    fired {
      raise wrangler event "established_removal" attributes event:attrs.put("Id", bus{"Id"})
    }
  }

  rule remove_established {
    select when wrangler established_removal
    pre {
      buses = established()
      bus = busFor(buses)
      at = positionOf(buses, bus{"Id"})
    }
    if bus && at >= 0 then dropChannel(bus{"Rx"})
    fired {
      ent:established := buses.splice(at, 1)
      raise wrangler event "subscription_removed" attributes event:attrs.put("bus", bus)
    }
  }

  // {Id}: B turns down an inbound request.
  rule reject_inbound {
    select when wrangler inbound_rejection
    pre {
      bus = busFor(inbound())
    }
    if bus then
      event:send({
        "eci": bus{"Tx"},
        "domain": "wrangler", "type": "outbound_removal",
        "attrs": event:attrs.put("Id", bus{"Id"})
      }, bus{"Tx_host"})
    fired {
      raise wrangler event "inbound_removal" attributes event:attrs.put("Id", bus{"Id"})
    }
  }

  rule remove_inbound {
    select when wrangler inbound_removal
    pre {
      buses = inbound()
      bus = busFor(buses)
      at = positionOf(buses, bus{"Id"})
    }
    if bus && at >= 0 then dropChannel(bus{"Rx"})
    fired {
      ent:inbound := buses.splice(at, 1)
      raise wrangler event "inbound_subscription_cancelled" attributes event:attrs.put("bus", bus)
    }
  }

  // {Id}: A withdraws its pending request.
  rule cancel_outbound {
    select when wrangler outbound_cancellation
    pre {
      bus = busFor(outbound())
    }
    if bus then
      event:send({
        "eci": bus{"wellKnown_Tx"},
        "domain": "wrangler", "type": "inbound_removal",
        "attrs": event:attrs.put({"Id": bus{"Id"}, "Tx": bus{"Rx"}})
      }, bus{"Tx_host"})
    fired {
      raise wrangler event "outbound_removal" attributes event:attrs.put("Id", bus{"Id"})
    }
  }

  rule remove_outbound {
    select when wrangler outbound_removal
    pre {
      buses = outbound()
      bus = busFor(buses)
      at = positionOf(buses, bus{"Id"})
    }
    if bus && at >= 0 then dropChannel(bus{"Rx"})
    fired {
      ent:outbound := buses.splice(at, 1)
      raise wrangler event "outbound_subscription_cancelled" attributes event:attrs.put("bus", bus)
    }
  }

  // Ending every subscription, e.g. before the pico is deleted.
  rule cancel_all {
    select when wrangler cancel_subscriptions or wrangler rulesets_need_to_cleanup
    pre {
      ids = function(buses) { buses.map(function(bus) { bus{"Id"} }) }
    }
    always {
      raise wrangler event "cancel_relationships" attributes event:attrs.put({
        "establishedIDs": ids(established()),
        "inboundIDs": ids(inbound()),
        "outboundIDs": ids(outbound())
      })
    }
  }

  rule cancel_all_established {
    select when wrangler cancel_relationships
    foreach event:attrs{"establishedIDs"} setting(Id)
    always {
      raise wrangler event "subscription_cancellation" attributes {"Id": Id}
    }
  }

  rule cancel_all_inbound {
    select when wrangler cancel_relationships
    foreach event:attrs{"inboundIDs"} setting(Id)
    always {
      raise wrangler event "inbound_rejection" attributes {"Id": Id}
    }
  }

  rule cancel_all_outbound {
    select when wrangler cancel_relationships
    foreach event:attrs{"outboundIDs"} setting(Id)
    always {
      raise wrangler event "outbound_cancellation" attributes {"Id": Id}
    }
  }

  // {Id}: end the subscription, then ask the parent to delete this pico.
  rule cancel_and_leave {
    select when wrangler intent_to_delete
      Id re#^(.+)$#
      setting(Id)
    if established("Id", Id).length() > 0 then noop()
    fired {
      raise wrangler event "subscription_cancellation" attributes event:attrs
      raise wrangler event "ready_for_deletion"
    }
  }

  // {subID | Tx_role | Rx_role, domain, type, attrs}: an event to the
  // matching established subscriptions.
  rule send_on_subscriptions {
    select when wrangler send_event_on_subs
    pre {
      subID = event:attrs{"subID"}
      txRole = event:attrs{"Tx_role"}
      rxRole = event:attrs{"Rx_role"}
      subs = (subID => established("Id", subID) | [])
        .append(txRole => established("Tx_role", txRole) | [])
        .append(rxRole => established("Rx_role", rxRole) | [])
    }
    if subs.length() > 0 && event:attrs{"domain"} && event:attrs{"type"} then noop()
    fired {
      raise wrangler event "send_event_to_subs" attributes event:attrs.put("subs", subs)
    } else {
      raise wrangler event "failed_to_send_event_to_sub" attributes event:attrs.put({
        "foundSubsToSendTo": subs.length() > 0,
        "domainGiven": event:attrs{"domain"}.as("Boolean"),
        "typeGiven": event:attrs{"type"}.as("Boolean")
      })
    }
  }

  rule send_to_subscriptions {
    select when wrangler send_event_to_subs
    foreach event:attrs{"subs"} setting(sub)
    event:send({
      "eci": sub{"Tx"},
      "domain": event:attrs{"domain"}, "type": event:attrs{"type"},
      "attrs": decoded(event:attrs{"attrs"}).defaultsTo({})
    }, sub{"Tx_host"})
  }
}
