ruleset io.picolabs.wrangler {
  meta {
    name "Wrangler"
    description <<
      Pico management, installed on every pico: the pico's identity, its
      children, channels and rulesets, driven by events of the wrangler
      domain. Other rulesets use it as a module:
      use module io.picolabs.wrangler alias wrangler
    >>
    author "gopico"
    provides skyQuery, picoQuery, channels, createChannel, deleteChannel,
      rulesetConfig, rulesetMeta, installedRIDs, installedRulesets,
      children, parent_eci, name, myself, id
    shares skyQuery, picoQuery, channels,
      rulesetConfig, rulesetMeta, installedRIDs, installedRulesets,
      children, parent_eci, name, myself, id
  }
  global {
    subscriptionRID = "io.picolabs.subscription"

    // Identity of this pico. The entity variables are written when the
    // ruleset is installed by the engine (wrangler:ruleset_installed) and
    // when a parent creates the pico with wrangler:new_child_request.
    name = function() {
      ent:name
    }
    id = function() {
      meta:picoId
    }
    parent_eci = function() {
      ent:parent_eci.defaultsTo(ctx:parent)
    }
    myself = function() {
      {"name": ent:name, "id": ent:id.defaultsTo(meta:picoId), "eci": ent:eci}
    }

    // The children, each described by its own Wrangler.
    children = function() {
      ctx:children.map(function(eci) {
        {
          "eci": eci,
          "name": ctx:query(eci, meta:rid, "name"),
          "parent_eci": ctx:query(eci, meta:rid, "parent_eci")
        }
      })
    }

    // Rulesets installed on this pico.
    installedRulesets = function() {
      ctx:rulesets
    }
    installedRIDs = function() {
      ctx:rulesets.map(function(rs) { rs{"rid"} })
    }
    rulesetOf = function(rid) {
      ctx:rulesets.filter(function(rs) { rs{"rid"} == rid }).head()
    }
    rulesetConfig = function(rid) {
      rulesetOf(rid){"config"}
    }
    rulesetMeta = function(rid) {
      rulesetOf(rid){["meta", "krlMeta"]}
    }

    // A set of tags as one comparable string: lower case, sorted, joined.
    // Tags may be given as an array or as a comma-separated string.
    tagKey = function(tags) {
      list = tags.typeof() == "Array" => tags | tags.as("String").split(",")
      list.map(function(t) { t.as("String").lc().trim() }).sort().join(",")
    }

    // The channels whose set of tags is exactly tags; all of them without
    // tags.
    channels = function(tags) {
      wanted = tags => tagKey(tags) | null
      wanted.isnull() => ctx:channels
        | ctx:channels.filter(function(c) { tagKey(c{"tags"}) == wanted })
    }
    ownsChannel = function(eci) {
      ctx:channels.any(function(c) { c{"id"} == eci })
    }

    createChannel = defaction(tags, eventPolicy, queryPolicy) {
      ctx:newChannel(tags = tags, eventPolicy = eventPolicy, queryPolicy = queryPolicy) setting(channel)
      return channel
    }
    deleteChannel = defaction(eci) {
      ctx:delChannel(eci)
    }

    // A JSON text given where a map or an array is expected (form posts)
    // is decoded.
    decoded = function(x) {
      x.typeof() == "String" => x.decode() | x
    }

    // Querying other picos. Picos of this engine are queried directly;
    // others with an HTTP GET of ROOT/ECI/RID/NAME, ROOT being _root_url,
    // or _host (default meta:host) followed by _path (default /sky/cloud/).
    selfQuery = {
      "status_code": 400,
      "status_line": "HTTP/1.1 400 Pico should not query itself",
      "content": "{\"error\":\"Pico should not query itself\"}"
    }
    queryURL = function(eci, mod, func, _host, _path, _root_url) {
      root = _root_url || ((_host || meta:host) + (_path || "/sky/cloud/"))
      root + eci + "/" + mod + "/" + func
    }
    queryResult = function(response) {
      status = response{"status_code"}
      content = response{"content"}.decode()
      isMap = content.typeof() == "Map"
      err = (isMap && not content{"error"}.isnull()) => content{"error"} | 0
      errStr = (isMap && not content{"error_str"}.isnull()) => content{"error_str"} | 0
      bad = content.isnull() || content == "null" || err || errStr
      return (status == 200 && not bad) => content | {
        "error": "sky query request was unsuccessful.",
        "httpStatus": {"code": status, "message": response{"status_line"}},
        "picoQueryError": err,
        "picoQueryErrorMsg": errStr,
        "picoQueryReturnValue": content
      }
    }
    skyQuery = function(eci, mod, func, params, _host, _path, _root_url) {
      response = ownsChannel(eci) => selfQuery
        | http:get(queryURL(eci, mod, func, _host, _path, _root_url), params.defaultsTo({}))
      queryResult(response)
    }
    picoQuery = function(eci, mod, func, params, _host, _path, _root_url) {
      local = _root_url.isnull() && (_host.isnull() || _host == meta:host)
      ownsChannel(eci) => queryResult(selfQuery)
        | local => ctx:query(eci, mod, func, params.defaultsTo({}))
        | skyQuery(eci, mod, func, params, _host, _path, _root_url)
    }
  }

  // ---------------------------------------------------------------- rulesets

  // {absoluteURL, rid}: the ruleset next to absoluteURL, named rid.krl.
  rule install_ruleset_next_to {
    select when wrangler install_ruleset_request
      absoluteURL re#(.+)#
      rid re#(.+)#
      setting(absoluteURL, rid)
    pre {
      parts = absoluteURL.split("/")
      url = parts.splice(parts.length() - 1, 1, rid + ".krl").join("/")
    }
    fired {
      raise wrangler event "install_ruleset_request"
        attributes event:attrs.delete("absoluteURL").put("url", url)
    }
  }

  // {url, config}: the registered ruleset the url names (its last path
  // segment, without .krl), installed or installed again with config.
  rule install_ruleset {
    select when wrangler install_ruleset_request
      url re#(.+)#
      setting(url)
    pre {
      config = decoded(event:attrs{"config"}) || {}
    }
    ctx:install(url = url, config = config) setting(rid)
    fired {
      raise wrangler event "ruleset_installed"
        attributes event:attrs.put("rids", [rid])
    }
  }

  rule uninstall_ruleset {
    select when wrangler uninstall_ruleset_request
      rid re#(.+)#
      setting(rid)
    ctx:uninstall(rid)
    fired {
      raise wrangler event "ruleset_uninstalled" attributes event:attrs
    }
  }

  rule flush_rulesets {
    select when wrangler rulesets_need_flushing
    foreach ctx:rulesets setting(rs)
    ctx:flush(rs{"rid"})
    fired {
      raise wrangler event "rulesets_flushed" attributes event:attrs on final
    }
  }

  // ---------------------------------------------------------------- channels

  // {tags, eventPolicy, queryPolicy}: tags are required; a missing policy
  // allows everything.
  rule create_channel {
    select when wrangler new_channel_request
    pre {
      given = event:attrs{"tags"}
      tags = given.typeof() == "String" => given.split(",") | given
    }
    if tags then
      createChannel(tags, decoded(event:attrs{"eventPolicy"}), decoded(event:attrs{"queryPolicy"})) setting(channel)
    fired {
      raise wrangler event "channel_created"
        attributes event:attrs.put("channel", channel)
    }
  }

  rule delete_channel {
    select when wrangler channel_deletion_request
      eci re#^(.+)$#
      setting(eci)
    deleteChannel(eci)
    fired {
      raise wrangler event "channel_deleted" attributes event:attrs
    }
  }

  // ---------------------------------------------------------------- identity

  // The engine installs Wrangler on the root pico and on every new pico
  // and then sends wrangler:ruleset_installed; a reinstall sends it too.
  rule record_identity {
    select when wrangler ruleset_installed where event:attrs{"rids"} >< meta:rid
    fired {
      ent:id := meta:picoId
      ent:parent_eci := ctx:parent
      ent:eci := ent:eci || channels(["system", "child"]).head(){"id"}
      ent:name := ent:name || event:attrs{"name"} || (ctx:parent.isnull() => "Pico" | null)
    }
  }

  rule rename {
    select when wrangler name_changed
      name re#(.+)#
      setting(name)
    fired {
      ent:name := name
    }
  }

  // ------------------------------------------------------- parent's side

  // {name}: a child with Wrangler and Subscriptions. It answers with
  // wrangler:child_initialized once it has set itself up.
  rule create_child {
    select when wrangler new_child_request
      name re#.+#
    every {
      ctx:newPico(rulesets = [
        {"url": meta:rid, "config": {}},
        {"url": subscriptionRID, "config": {}}
      ]) setting(eci)
      ctx:event(eci = eci, domain = "wrangler", name = "pico_created", attrs = event:attrs)
    }
    fired {
      raise wrangler event "new_child_created"
        attributes event:attrs.put("eci", eci)
    }
  }

  // {eci}: the child reached on eci (one of ctx:children) and all its
  // descendants are deleted.
  rule delete_child {
    select when wrangler child_deletion_request
      eci re#^(.+)$#
      setting(eci)
    ctx:delPico(eci)
    fired {
      raise wrangler event "child_deleted" attributes event:attrs
    }
  }

  // ------------------------------------------------------- child's side

  rule initialize_child {
    select when wrangler pico_created
    fired {
      ent:parent_eci := ctx:parent
      ent:name := event:attrs{"name"}
      ent:id := meta:picoId
      ent:eci := event:eci
      raise wrangler event "pico_initialized"
        attributes event:attrs.put("eci", event:eci)
    }
  }

  rule report_to_parent {
    select when wrangler pico_initialized
    if parent_eci() then
      event:send({
        "eci": parent_eci(),
        "domain": "wrangler", "type": "child_initialized",
        "attrs": event:attrs
      })
  }

  // The child asks its parent to delete it.
  rule ask_for_deletion {
    select when wrangler ready_for_deletion
    pre {
      myEci = channels(["system", "child"]).head(){"id"}
    }
    if myEci && parent_eci() then
      event:send({
        "eci": parent_eci(),
        "domain": "wrangler", "type": "child_deletion_request",
        "attrs": {"eci": myEci}
      })
  }
}
