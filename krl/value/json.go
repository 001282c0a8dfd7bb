package value

import (
	"fmt"
	"math"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// maxJSONDepth bounds the nesting of arrays and objects read by FromJSON.
const maxJSONDepth = 10000

// FromJSON decodes one JSON text (surrounding white space allowed) into a
// Value, as JavaScript's JSON.parse does: numbers become float64 (too large
// ones infinite), object keys keep the JavaScript order (a repeated key
// keeps its first position and its last value), unpaired UTF-16 surrogates
// and invalid UTF-8 become U+FFFD. Errors wrap [ErrInvalidJSON].
func FromJSON(data []byte) (Value, error) {
	d := jsonDecoder{data: data}
	d.skipSpace()
	v, err := d.value(0)
	if err != nil {
		return Null, err
	}
	d.skipSpace()
	if d.pos < len(d.data) {
		return Null, d.errorf("unexpected %q after the value", d.data[d.pos])
	}
	return v, nil
}

type jsonDecoder struct {
	data []byte
	pos  int
	buf  []byte
}

func (d *jsonDecoder) errorf(format string, args ...any) error {
	return fmt.Errorf("%w at offset %d: %s", ErrInvalidJSON, d.pos, fmt.Sprintf(format, args...))
}

func (d *jsonDecoder) skipSpace() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

func (d *jsonDecoder) value(depth int) (Value, error) {
	if d.pos >= len(d.data) {
		return Null, d.errorf("unexpected end of input")
	}
	switch c := d.data[d.pos]; {
	case c == '{':
		return d.object(depth)
	case c == '[':
		return d.array(depth)
	case c == '"':
		s, err := d.str()
		return Str(s), err
	case c == '-' || isDigit(c):
		return d.number()
	case c == 't':
		return True, d.literal("true")
	case c == 'f':
		return False, d.literal("false")
	case c == 'n':
		return Null, d.literal("null")
	default:
		return Null, d.errorf("unexpected %q", c)
	}
}

func (d *jsonDecoder) literal(word string) error {
	if len(d.data)-d.pos < len(word) || string(d.data[d.pos:d.pos+len(word)]) != word {
		return d.errorf("invalid literal")
	}
	d.pos += len(word)
	return nil
}

func (d *jsonDecoder) number() (Value, error) {
	start := d.pos
	if d.data[d.pos] == '-' {
		d.pos++
	}
	digits := func() int {
		n := 0
		for d.pos < len(d.data) && isDigit(d.data[d.pos]) {
			d.pos++
			n++
		}
		return n
	}
	if d.pos < len(d.data) && d.data[d.pos] == '0' {
		d.pos++
	} else if digits() == 0 {
		return Null, d.errorf("invalid number")
	}
	if d.pos < len(d.data) && d.data[d.pos] == '.' {
		d.pos++
		if digits() == 0 {
			return Null, d.errorf("invalid number")
		}
	}
	if d.pos < len(d.data) && (d.data[d.pos] == 'e' || d.data[d.pos] == 'E') {
		d.pos++
		if d.pos < len(d.data) && (d.data[d.pos] == '+' || d.data[d.pos] == '-') {
			d.pos++
		}
		if digits() == 0 {
			return Null, d.errorf("invalid number")
		}
	}
	f, err := strconv.ParseFloat(string(d.data[start:d.pos]), 64)
	if err != nil && !math.IsInf(f, 0) && f != 0 {
		return Null, d.errorf("invalid number")
	}
	return Num(f), nil
}

func (d *jsonDecoder) str() (string, error) {
	d.pos++ // opening quote
	start := d.pos
	// Fast path: no escapes, ASCII or valid UTF-8.
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		if c == '"' {
			s := d.data[start:d.pos]
			d.pos++
			if !utf8.Valid(s) {
				return string([]rune(string(s))), nil
			}
			return string(s), nil
		}
		if c == '\\' || c < 0x20 {
			break
		}
		d.pos++
	}
	d.buf = append(d.buf[:0], d.data[start:d.pos]...)
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		switch {
		case c == '"':
			d.pos++
			s := d.buf
			if !utf8.Valid(s) {
				return string([]rune(string(s))), nil
			}
			return string(s), nil
		case c < 0x20:
			return "", d.errorf("control character in string")
		case c != '\\':
			d.buf = append(d.buf, c)
			d.pos++
			continue
		}
		d.pos++
		if d.pos >= len(d.data) {
			break
		}
		e := d.data[d.pos]
		d.pos++
		switch e {
		case '"', '\\', '/':
			d.buf = append(d.buf, e)
		case 'b':
			d.buf = append(d.buf, '\b')
		case 'f':
			d.buf = append(d.buf, '\f')
		case 'n':
			d.buf = append(d.buf, '\n')
		case 'r':
			d.buf = append(d.buf, '\r')
		case 't':
			d.buf = append(d.buf, '\t')
		case 'u':
			r, ok := d.hex4()
			if !ok {
				return "", d.errorf("invalid \\u escape")
			}
			if utf16.IsSurrogate(r) {
				// A high surrogate followed by a low one is one character;
				// anything else is unpaired and becomes U+FFFD.
				paired := false
				if r < 0xDC00 && d.pos+1 < len(d.data) && d.data[d.pos] == '\\' && d.data[d.pos+1] == 'u' {
					save := d.pos
					d.pos += 2
					if r2, ok := d.hex4(); ok && 0xDC00 <= r2 && r2 < 0xE000 {
						r = utf16.DecodeRune(r, r2)
						paired = true
					} else {
						d.pos = save
					}
				}
				if !paired {
					r = utf8.RuneError
				}
			}
			d.buf = utf8.AppendRune(d.buf, r)
		default:
			return "", d.errorf("invalid escape %q", e)
		}
	}
	return "", d.errorf("unterminated string")
}

func (d *jsonDecoder) hex4() (rune, bool) {
	if len(d.data)-d.pos < 4 {
		return 0, false
	}
	var r rune
	for i := 0; i < 4; i++ {
		v := digitVal(d.data[d.pos+i])
		if v >= 16 {
			return 0, false
		}
		r = r<<4 | rune(v)
	}
	d.pos += 4
	return r, true
}

func (d *jsonDecoder) array(depth int) (Value, error) {
	if depth >= maxJSONDepth {
		return Null, d.errorf("nested too deeply")
	}
	d.pos++
	var elems []Value
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] == ']' {
		d.pos++
		return NewArray(elems), nil
	}
	for {
		d.skipSpace()
		v, err := d.value(depth + 1)
		if err != nil {
			return Null, err
		}
		elems = append(elems, v)
		d.skipSpace()
		if d.pos >= len(d.data) {
			return Null, d.errorf("unterminated array")
		}
		switch d.data[d.pos] {
		case ',':
			d.pos++
		case ']':
			d.pos++
			return NewArray(elems), nil
		default:
			return Null, d.errorf("expected , or ] in array")
		}
	}
}

func (d *jsonDecoder) object(depth int) (Value, error) {
	if depth >= maxJSONDepth {
		return Null, d.errorf("nested too deeply")
	}
	d.pos++
	var b MapBuilder
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
		return b.Value(), nil
	}
	for {
		d.skipSpace()
		if d.pos >= len(d.data) || d.data[d.pos] != '"' {
			return Null, d.errorf("expected a string key in object")
		}
		k, err := d.str()
		if err != nil {
			return Null, err
		}
		d.skipSpace()
		if d.pos >= len(d.data) || d.data[d.pos] != ':' {
			return Null, d.errorf("expected : in object")
		}
		d.pos++
		d.skipSpace()
		v, err := d.value(depth + 1)
		if err != nil {
			return Null, err
		}
		b.Set(k, v)
		d.skipSpace()
		if d.pos >= len(d.data) {
			return Null, d.errorf("unterminated object")
		}
		switch d.data[d.pos] {
		case ',':
			d.pos++
		case '}':
			d.pos++
			return b.Value(), nil
		default:
			return Null, d.errorf("expected , or } in object")
		}
	}
}

// MarshalJSON encodes v as KRL's encode() does, without indentation: null
// (and NaN) as null, numbers in JavaScript format (infinities as null), map
// keys in iteration order, regular expressions and functions as their
// String forms. It never fails.
func (v Value) MarshalJSON() ([]byte, error) {
	return AppendJSON(nil, v, ""), nil
}

// Encode returns the JSON encoding of v (see [Value.MarshalJSON]) indented
// by indent spaces per level (at most 10, as JSON.stringify does; 0 or less
// means compact).
func Encode(v Value, indent int) string {
	indent = min(indent, 10)
	ind := ""
	if indent > 0 {
		ind = "          "[:indent]
	}
	return string(AppendJSON(nil, v, ind))
}

// AppendJSON appends the JSON encoding of v to dst, indenting nested
// levels by indent (compact when indent is "").
func AppendJSON(dst []byte, v Value, indent string) []byte {
	return appendJSON(dst, v, indent, 0)
}

func appendJSON(dst []byte, v Value, indent string, depth int) []byte {
	switch v.k {
	case NullKind:
		return append(dst, "null"...)
	case BooleanKind:
		if v.n != 0 {
			return append(dst, "true"...)
		}
		return append(dst, "false"...)
	case NumberKind:
		if math.IsInf(v.n, 0) {
			return append(dst, "null"...)
		}
		return AppendNumber(dst, v.n)
	case StringKind:
		return AppendQuote(dst, v.s)
	case ArrayKind:
		elems := v.AsArray().Elems()
		if len(elems) == 0 {
			return append(dst, "[]"...)
		}
		dst = append(dst, '[')
		for i, e := range elems {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = newline(dst, indent, depth+1)
			dst = appendJSON(dst, e, indent, depth+1)
		}
		dst = newline(dst, indent, depth)
		return append(dst, ']')
	case MapKind:
		m := v.AsMap()
		if m.Len() == 0 {
			return append(dst, "{}"...)
		}
		dst = append(dst, '{')
		for i, k := range m.keys {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = newline(dst, indent, depth+1)
			dst = AppendQuote(dst, k)
			dst = append(dst, ':')
			if indent != "" {
				dst = append(dst, ' ')
			}
			dst = appendJSON(dst, m.vals[i], indent, depth+1)
		}
		dst = newline(dst, indent, depth)
		return append(dst, '}')
	}
	return AppendQuote(dst, ToString(v))
}

func newline(dst []byte, indent string, depth int) []byte {
	if indent == "" {
		return dst
	}
	dst = append(dst, '\n')
	for i := 0; i < depth; i++ {
		dst = append(dst, indent...)
	}
	return dst
}

// AppendQuote appends s as a JSON string the way JSON.stringify writes it:
// only ", \ and control characters are escaped.
func AppendQuote(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			if c < utf8.RuneSelf {
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				dst = append(dst, s[start:i]...)
				dst = append(dst, `\ufffd`...)
				i++
				start = i
				continue
			}
			i += size
			continue
		}
		dst = append(dst, s[start:i]...)
		switch c {
		case '"':
			dst = append(dst, '\\', '"')
		case '\\':
			dst = append(dst, '\\', '\\')
		case '\b':
			dst = append(dst, '\\', 'b')
		case '\f':
			dst = append(dst, '\\', 'f')
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\t':
			dst = append(dst, '\\', 't')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
		}
		i++
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
