ruleset thermostat.gateway {
  meta {
    name "Gateway"
    description <<
      Knows the sensors of a site (by the ECI of a channel on each sensor
      pico) and answers with their latest temperatures.
    >>
    shares sensors, temperatures
  }
  global {
    sensors = function() {
      ent:sensors.defaultsTo({})
    }
    temperatures = function() {
      sensors().map(function(eci) {
        ctx:query(eci, "thermostat.sensor", "lastReading"){"temperature"}
      })
    }
  }
  rule add_sensor {
    select when gateway sensor_added name re#^(\w+)$# eci re#^(\S+)$# setting(name, eci)
    send_directive("sensor_added", {"name": name})
    always {
      ent:sensors{name} := eci
    }
  }
  rule remove_sensor {
    select when gateway sensor_removed name re#^(\w+)$# setting(name)
    always {
      clear ent:sensors{name}
    }
  }
}
