// Ruleset structure: legacy version, every meta property, global.
ruleset org.example.weather-station {
  version "0.9-legacy"
  meta {
    name "Weather station"
    description <<
      Collects readings from #{sensorCount} sensors
      and reports \>\> anomalies.
    >>
    author "Station Team"
    version "2.1.0"
    logging on
    key openweather "abc123"
    keys twilio {"sid": "AC1", "token": "t0k"}
    use module org.example.units alias units
      with precision = 2 and system = "metric"
    use module org.example.alerts
      with channel = "ops" level = 3
    use module org.example.geo alias geo
    errors to org.example.error-log
    configure using threshold = 40; window = 10
    provide latest, history
    provides keys openweather to org.example.ui, org.example.dashboard
    share latest
    shares history, summary, __testing
  }
  global {
    sensorCount = 3;
    latest = function() { ent:readings.defaultsTo([]).head() }
    history = function(limit = 10) {
      all = ent:readings.defaultsTo([]);
      all.slice(0, limit - 1)
    }
    summary = function(){
      r = history(100)
      return {"count": r.length(), "max": r.reduce(function(a, b){ a > b => a | b })}
    }
    notify = defaction(to, text = "reading out of range") {
      payload = {"to": to, "text": text}
      every {
        send_directive("notify", payload) setting(d)
        units:record(payload)
      }
      return d
    }
    quiet = defaction() { }
    log_only = defaction(msg) { noop() }
  }
}
