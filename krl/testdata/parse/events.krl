ruleset org.example.events {
  rule primitive { select when wx reading }
  rule colon_form { select when wx:reading }
  rule attrs {
    select when wx reading temp re#^(\d+)$# unit re#([CF])#i setting(t, u) where t.as("Number") > 30
  }
  rule where_first {
    select when wx reading temp re#(.*)# where temp != "" setting(t)
  }
  rule setting_only { select when wx reading setting(x) }
  rule where_only { select when wx reading where event:attrs{"ok"} }
  rule infix {
    select when a one or b two and c three before d four then e five after f six
  }
  rule grouped { select when (a one or b two) and (c three or d four) }
  rule variadic {
    select when and(a one, b two, c three) or before(d four, e five) or then(f six, g seven)
      or after(h eight, i nine) or or(j ten, k eleven)
  }
  rule between_forms {
    select when a one between(b two, c three) or d four not between(e five, f six)
  }
  rule any_of { select when any 2 (a one, b two, c three) }
  rule counting {
    select when count 3 (sensor temp t re#(\d+)#) max(m)
  }
  rule repeating {
    select when repeat 5 (sensor temp t re#(\d+)#) avg(mean)
  }
  rule plain_repeat { select when repeat 2 (button press) }
  rule aggregators {
    select when count 2 (a b x re#(.)#) sum(s) or count 2 (a c x re#(.)#) min(mn)
      or repeat 2 (a d x re#(.)# y re#(.)#) push(px, py)
  }
  rule windowed { select when a one before b two within 5 minutes }
  rule windowed_expr { select when a one then b two within limit * 2 seconds }
  rule by_condition { select where event:domain == "wx" && event:type like re#^read# }
  rule keyword_names { select when system online where rule == "x" }
}
