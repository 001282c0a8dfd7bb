ruleset hello {
  meta {
    name "Hello"
    description <<
      Greets whoever says hello and remembers how many times it was greeted.
    >>
    shares greeting, greetings
  }
  global {
    greeting = function(name = "world") {
      <<Hello, #{name}!>>
    }
    greetings = function() {
      ent:count.defaultsTo(0)
    }
  }
  rule hello {
    select when echo hello name re#(.+)# setting(name)
    send_directive("say", {"something": greeting(name)})
    fired {
      ent:count := greetings() + 1
    }
  }
}
