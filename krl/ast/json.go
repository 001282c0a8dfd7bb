package ast

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"strings"
)

// The JSON form of a node is an object whose "type" member names the node
// kind (the Go type name: "Ruleset", "EventPrim", "Binary", ...) followed by
// its fields with lower-camel-case names ("rid", "ridPos", "whereFirst";
// the Type field of EventPrim, Raise and Schedule becomes "eventType").
// Positions are {"line", "col", "offset"} objects (the file name is left
// out; it is the same everywhere). Fields holding their zero value (nil,
// false, "", no position) are omitted, except that a present but empty list
// is written as []. The fields of an embedded Guard appear in the
// statement itself. A Number carries "raw" and, when finite, "value".
//
// The form is meant for tools and golden tests; it is not parsed back.

// MarshalJSON implements json.Marshaler for every node.
func (n *Ruleset) MarshalJSON() ([]byte, error)          { return marshalNode(n) }
func (n *Meta) MarshalJSON() ([]byte, error)             { return marshalNode(n) }
func (n *MetaValue) MarshalJSON() ([]byte, error)        { return marshalNode(n) }
func (n *MetaLogging) MarshalJSON() ([]byte, error)      { return marshalNode(n) }
func (n *MetaShares) MarshalJSON() ([]byte, error)       { return marshalNode(n) }
func (n *MetaProvides) MarshalJSON() ([]byte, error)     { return marshalNode(n) }
func (n *MetaProvidesKeys) MarshalJSON() ([]byte, error) { return marshalNode(n) }
func (n *MetaUse) MarshalJSON() ([]byte, error)          { return marshalNode(n) }
func (n *MetaConfigure) MarshalJSON() ([]byte, error)    { return marshalNode(n) }
func (n *MetaKey) MarshalJSON() ([]byte, error)          { return marshalNode(n) }
func (n *MetaErrorsTo) MarshalJSON() ([]byte, error)     { return marshalNode(n) }
func (n *RID) MarshalJSON() ([]byte, error)              { return marshalNode(n) }
func (n *Decl) MarshalJSON() ([]byte, error)             { return marshalNode(n) }
func (n *Rule) MarshalJSON() ([]byte, error)             { return marshalNode(n) }
func (n *Select) MarshalJSON() ([]byte, error)           { return marshalNode(n) }
func (n *Within) MarshalJSON() ([]byte, error)           { return marshalNode(n) }
func (n *Foreach) MarshalJSON() ([]byte, error)          { return marshalNode(n) }
func (n *EventPrim) MarshalJSON() ([]byte, error)        { return marshalNode(n) }
func (n *AttrMatch) MarshalJSON() ([]byte, error)        { return marshalNode(n) }
func (n *EventOp) MarshalJSON() ([]byte, error)          { return marshalNode(n) }
func (n *EventBetween) MarshalJSON() ([]byte, error)     { return marshalNode(n) }
func (n *EventAny) MarshalJSON() ([]byte, error)         { return marshalNode(n) }
func (n *EventGroup) MarshalJSON() ([]byte, error)       { return marshalNode(n) }
func (n *Aggregate) MarshalJSON() ([]byte, error)        { return marshalNode(n) }
func (n *ActionBlock) MarshalJSON() ([]byte, error)      { return marshalNode(n) }
func (n *Action) MarshalJSON() ([]byte, error)           { return marshalNode(n) }
func (n *Postlude) MarshalJSON() ([]byte, error)         { return marshalNode(n) }
func (n *EntAssign) MarshalJSON() ([]byte, error)        { return marshalNode(n) }
func (n *Clear) MarshalJSON() ([]byte, error)            { return marshalNode(n) }
func (n *Raise) MarshalJSON() ([]byte, error)            { return marshalNode(n) }
func (n *Schedule) MarshalJSON() ([]byte, error)         { return marshalNode(n) }
func (n *Log) MarshalJSON() ([]byte, error)              { return marshalNode(n) }
func (n *ErrorStmt) MarshalJSON() ([]byte, error)        { return marshalNode(n) }
func (n *Last) MarshalJSON() ([]byte, error)             { return marshalNode(n) }
func (n *DeclStmt) MarshalJSON() ([]byte, error)         { return marshalNode(n) }
func (n *Null) MarshalJSON() ([]byte, error)             { return marshalNode(n) }
func (n *Boolean) MarshalJSON() ([]byte, error)          { return marshalNode(n) }
func (n *Number) MarshalJSON() ([]byte, error)           { return marshalNode(n) }
func (n *String) MarshalJSON() ([]byte, error)           { return marshalNode(n) }
func (n *Chevron) MarshalJSON() ([]byte, error)          { return marshalNode(n) }
func (n *RegExp) MarshalJSON() ([]byte, error)           { return marshalNode(n) }
func (n *Ident) MarshalJSON() ([]byte, error)            { return marshalNode(n) }
func (n *DomainIdent) MarshalJSON() ([]byte, error)      { return marshalNode(n) }
func (n *Array) MarshalJSON() ([]byte, error)            { return marshalNode(n) }
func (n *Map) MarshalJSON() ([]byte, error)              { return marshalNode(n) }
func (n *MapEntry) MarshalJSON() ([]byte, error)         { return marshalNode(n) }
func (n *Param) MarshalJSON() ([]byte, error)            { return marshalNode(n) }
func (n *Function) MarshalJSON() ([]byte, error)         { return marshalNode(n) }
func (n *Defaction) MarshalJSON() ([]byte, error)        { return marshalNode(n) }
func (n *Unary) MarshalJSON() ([]byte, error)            { return marshalNode(n) }
func (n *Binary) MarshalJSON() ([]byte, error)           { return marshalNode(n) }
func (n *Conditional) MarshalJSON() ([]byte, error)      { return marshalNode(n) }
func (n *Arg) MarshalJSON() ([]byte, error)              { return marshalNode(n) }
func (n *Call) MarshalJSON() ([]byte, error)             { return marshalNode(n) }
func (n *Dot) MarshalJSON() ([]byte, error)              { return marshalNode(n) }
func (n *Index) MarshalJSON() ([]byte, error)            { return marshalNode(n) }
func (n *Path) MarshalJSON() ([]byte, error)             { return marshalNode(n) }

var posType = reflect.TypeOf(Pos{})

// marshalNode writes node n (a non-nil pointer to a node struct) in the JSON
// form described above.
func marshalNode(n Node) ([]byte, error) {
	v := reflect.ValueOf(n)
	if v.IsNil() {
		return []byte("null"), nil
	}
	var buf bytes.Buffer
	buf.WriteString(`{"type":`)
	writeString(&buf, v.Elem().Type().Name())
	if err := writeFields(&buf, v.Elem()); err != nil {
		return nil, err
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

func writeFields(buf *bytes.Buffer, v reflect.Value) error {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f, fv := t.Field(i), v.Field(i)
		if !f.IsExported() {
			continue
		}
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			if err := writeFields(buf, fv); err != nil {
				return err
			}
			continue
		}
		if omit(fv) {
			continue
		}
		if f.Type.Kind() == reflect.Float64 && (math.IsInf(fv.Float(), 0) || math.IsNaN(fv.Float())) {
			continue
		}
		name := jsonName(f.Name)
		if name == "type" {
			name = "eventType" // the Type of EventPrim, Raise and Schedule
		}
		buf.WriteByte(',')
		writeString(buf, name)
		buf.WriteByte(':')
		if f.Type == posType {
			writePos(buf, fv.Interface().(Pos))
			continue
		}
		b, err := json.Marshal(fv.Interface())
		if err != nil {
			return err
		}
		buf.Write(b)
	}
	return nil
}

// omit reports whether a field value is left out of the JSON form.
func omit(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		return v.IsNil() || (v.Kind() == reflect.Interface && v.Elem().Kind() == reflect.Pointer && v.Elem().IsNil())
	case reflect.Slice:
		return v.IsNil()
	case reflect.Bool:
		return !v.Bool()
	case reflect.String:
		return v.Len() == 0
	case reflect.Struct:
		if v.Type() == posType {
			return !v.Interface().(Pos).IsValid()
		}
	}
	return false
}

func writePos(buf *bytes.Buffer, p Pos) {
	b, _ := json.Marshal(struct {
		Line   int `json:"line"`
		Col    int `json:"col"`
		Offset int `json:"offset"`
	}{p.Line, p.Column, p.Offset})
	buf.Write(b)
}

func writeString(buf *bytes.Buffer, s string) {
	b, _ := json.Marshal(s)
	buf.Write(b)
}

// jsonName turns a Go field name into lower camel case: "RIDPos" becomes
// "ridPos", "AtTime" "atTime", "At" "at".
func jsonName(s string) string {
	r := []rune(s)
	i := 0
	for i < len(r) && r[i] >= 'A' && r[i] <= 'Z' {
		i++
	}
	switch {
	case i == len(r):
		return strings.ToLower(s)
	case i > 1:
		i-- // keep the capital that starts the next word
	}
	return strings.ToLower(string(r[:i])) + string(r[i:])
}
