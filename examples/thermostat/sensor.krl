ruleset thermostat.sensor {
  meta {
    name "Temperature sensor"
    description <<
      Keeps the last readings of one sensor and raises an alert when a
      reading goes above the configured threshold.
    >>
    shares readings, lastReading, alerts
  }
  global {
    // The install configuration may set "threshold" and "keep".
    threshold = ctx:rid_config{"threshold"}.defaultsTo(30)
    keep = ctx:rid_config{"keep"}.defaultsTo(10)

    // The newest n readings, newest first.
    readings = function(n = 5) {
      ent:readings.defaultsTo([]).reverse().filter(function(r, i) { i < n })
    }
    lastReading = function() {
      ent:readings.defaultsTo([]).reverse().head()
    }
    alerts = function() {
      ent:alerts.defaultsTo([])
    }
  }
  rule record_reading {
    select when sensor reading temperature re#^(-?\d+(?:\.\d+)?)$# setting(t)
    pre {
      reading = {"temperature": t.as("Number"), "time": event:attrs{"time"} || time:now()}
      kept = ent:readings.defaultsTo([]).append([reading])
    }
    send_directive("recorded", reading)
    always {
      ent:readings := kept.length() > keep => kept.slice(kept.length() - keep, kept.length() - 1) | kept;
      raise sensor event "threshold_violation" attributes reading if reading{"temperature"} > threshold
    }
  }
  rule bad_reading {
    select when sensor reading temperature re#^(?!-?\d+(?:\.\d+)?$)#
    send_directive("rejected", {"temperature": event:attrs{"temperature"}})
  }
  rule alert {
    select when sensor threshold_violation
    pre {
      alert = event:attrs.put("threshold", threshold)
    }
    send_directive("alert", alert)
    always {
      ent:alerts := alerts().append([alert])
    }
  }
}
