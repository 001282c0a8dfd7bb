package value_test

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/gopico/pico/krl/value"
)

func TestFromJSON_RoundTrip(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{`null`, `null`},
		{` true `, `true`},
		{`false`, `false`},
		{`0`, `0`},
		{`-0`, `0`},
		{`1.50`, `1.5`},
		{`1e21`, `1e+21`},
		{`1E-7`, `1e-7`},
		{`123456789012345678901234`, `1.2345678901234569e+23`},
		{`1e400`, `null`},
		{`"a\"b\\c\/d\b\f\n\r\t"`, `"a\"b\\c/d\b\f\n\r\t"`},
		{`"\u0041\u00e9\u2028"`, "\"A\u00e9\u2028\""},
		{`"\ud83d\ude00"`, `"😀"`},
		{`"\ud83d"`, `"` + "\ufffd" + `"`},
		{`"\ude00\ud83d x"`, `"` + "\ufffd\ufffd x" + `"`},
		{`"\ud83d\u0041"`, `"` + "\ufffdA" + `"`},
		{`"\u0001\u001f\u007f"`, "\"\\u0001\\u001f\x7f\""},
		{"\"caf\xe9\"", `"caf` + "\ufffd" + `"`},
		{`[]`, `[]`},
		{`[1, [2, [3]], {}]`, `[1,[2,[3]],{}]`},
		{`{"b":1,"a":2,"10":3,"2":4}`, `{"2":4,"10":3,"b":1,"a":2}`},
		{`{"a":1,"a":2,"b":3}`, `{"a":2,"b":3}`},
		{`{"__proto__":1}`, `{"__proto__":1}`},
		{` { "x" : [ 1 , 2 ] } `, `{"x":[1,2]}`},
		{`"<>&"`, `"<>&"`},
	}
	for _, tt := range tests {
		v, err := value.FromJSON([]byte(tt.in))
		if err != nil {
			t.Errorf("FromJSON(%s): %v", tt.in, err)
			continue
		}
		b, _ := v.MarshalJSON()
		if string(b) != tt.want {
			t.Errorf("FromJSON(%s) encodes as %s, want %s", tt.in, b, tt.want)
		}
		v2, err := value.FromJSON(b)
		if err != nil {
			t.Errorf("re-decoding %s: %v", b, err)
		}
		if !strings.Contains(tt.in, "e400") && !value.Equal(v, v2) {
			t.Errorf("re-decoding %s gives %v, want %v", b, v2, v)
		}
	}
}

func TestFromJSON_Errors(t *testing.T) {
	bad := []string{
		``, ` `, `nul`, `tru`, `[1,]`, `{"a":1,}`, `{a:1}`, `[1 2]`, `{"a" 1}`, `"abc`, `01`, `1.`,
		`.5`, `-`, `1e`, `+1`, `"\x"`, `"\u12"`, `"\u12G4"`, "\"a\nb\"", `[`, `{`, `{"a":`, `1 2`,
		`NaN`, `'a'`, `[1]]`, `{"a":1}}`,
	}
	for _, in := range bad {
		if v, err := value.FromJSON([]byte(in)); err == nil {
			t.Errorf("FromJSON(%q) = %v, want an error", in, v)
		} else if !errors.Is(err, value.ErrInvalidJSON) {
			t.Errorf("FromJSON(%q) error %v does not wrap ErrInvalidJSON", in, err)
		}
	}
	deep := strings.Repeat("[", 20000) + strings.Repeat("]", 20000)
	if _, err := value.FromJSON([]byte(deep)); err == nil {
		t.Error("FromJSON accepted 20000 nested arrays")
	}
}

func TestEncode(t *testing.T) {
	r, _ := value.NewRegExp("a/b", "gi")
	tests := []struct {
		v      value.Value
		indent int
		want   string
	}{
		{js(`{"a":[1,{}],"b":[]}`), 2, "{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": []\n}"},
		{js(`[1]`), 0, `[1]`},
		{js(`[1]`), -3, `[1]`},
		{js(`[1]`), 20, "[\n          1\n]"},
		{value.NewRegExpValue(r), 0, `"re#a\\/b#gi"`},
		{value.NewArray([]value.Value{testFn, testAction, num(math.Inf(-1))}), 0, `["[Function]","[Action]",null]`},
		{str("\u2028"), 0, "\"\u2028\""},
	}
	for _, tt := range tests {
		if got := value.Encode(tt.v, tt.indent); got != tt.want {
			t.Errorf("Encode(%v, %d) = %q, want %q", tt.v, tt.indent, got, tt.want)
		}
	}
}

func TestValue_MarshalJSON_WithEncodingJSON(t *testing.T) {
	v := js(`{"z":1,"a":[true,null,"x"]}`)
	b, err := json.Marshal(map[string]any{"v": v})
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"v":{"z":1,"a":[true,null,"x"]}}` {
		t.Errorf("json.Marshal = %s", b)
	}
}

func TestFromGo(t *testing.T) {
	type point struct {
		X int `json:"x"`
		Y int `json:"y"`
	}
	tests := []struct {
		in   any
		want string
	}{
		{nil, `null`},
		{true, `true`},
		{3, `3`},
		{int64(-4), `-4`},
		{uint8(5), `5`},
		{float32(0.5), `0.5`},
		{math.NaN(), `null`},
		{json.Number("12.50"), `12.5`},
		{"s", `"s"`},
		{[]any{1, "a", nil}, `[1,"a",null]`},
		{[]string{"x", "y"}, `["x","y"]`},
		{[]int{1, 2}, `[1,2]`},
		{[2]bool{true, false}, `[true,false]`},
		{map[string]any{"b": 1, "a": map[string]any{"c": []any{}}, "1": 2}, `{"1":2,"a":{"c":[]},"b":1}`},
		{map[string]int{"y": 1, "x": 2}, `{"x":2,"y":1}`},
		{json.RawMessage(`{"q":[1,2]}`), `{"q":[1,2]}`},
		{point{1, 2}, `{"x":1,"y":2}`},
		{&point{3, 4}, `{"x":3,"y":4}`},
		{(*point)(nil), `null`},
		{[]byte("hi"), `"aGk="`},
		{str("already"), `"already"`},
		{map[string]value.Value{"k": num(1)}, `{"k":1}`},
		{[]value.Value{num(1)}, `[1]`},
	}
	for _, tt := range tests {
		v, err := value.FromGo(tt.in)
		if err != nil {
			t.Errorf("FromGo(%#v): %v", tt.in, err)
			continue
		}
		if got := v.String(); got != tt.want {
			t.Errorf("FromGo(%#v) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestFromGo_Errors(t *testing.T) {
	bad := []any{
		make(chan int),
		func() {},
		complex(1, 2),
		[]any{1, make(chan int)},
		map[string]any{"f": func() {}},
		json.RawMessage(`{`),
		json.Number("x"),
		errors.New("boom"),
	}
	for _, in := range bad {
		if v, err := value.FromGo(in); err == nil {
			t.Errorf("FromGo(%T) = %v, want an error", in, v)
		}
	}
	if _, err := value.FromGo(make(chan int)); !errors.Is(err, value.ErrUnsupported) {
		t.Errorf("FromGo(chan) error = %v, want ErrUnsupported", err)
	}
}

func TestToGo(t *testing.T) {
	r, _ := value.NewRegExp("x", "g")
	v := value.NewArray([]value.Value{
		null, value.True, num(1.5), str("s"), js(`{"a":[1]}`), value.NewRegExpValue(r), num(math.Inf(1)), testFn,
	})
	got, err := json.Marshal(value.ToGo(v))
	if err != nil {
		t.Fatal(err)
	}
	want := `[null,true,1.5,"s",{"a":[1]},"re#x#g",null,"[Function]"]`
	if string(got) != want {
		t.Errorf("ToGo = %s, want %s", got, want)
	}
	back, err := value.FromGo(value.ToGo(js(`{"k":[1,"x",{"n":null}]}`)))
	if err != nil || back.String() != `{"k":[1,"x",{"n":null}]}` {
		t.Errorf("FromGo(ToGo(v)) = %v, %v", back, err)
	}
}

func FuzzFromJSON(f *testing.F) {
	for _, s := range []string{
		`null`, `{"a":[1,2,{"b":"\u00e9"}]}`, `[1e400,-0,0.1]`, `"\ud83d\ude00"`, `{"1":1,"0":0,"a":2}`, `[`, `"\ud800"`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := value.FromJSON(data)
		if err != nil {
			return
		}
		b, _ := v.MarshalJSON()
		if !json.Valid(b) {
			t.Fatalf("invalid JSON output %q", b)
		}
		// Infinite numbers encode as null, so compare from the first
		// encoding on: it must decode to an equal value and encode again
		// to the same text.
		v2, err := value.FromJSON(b)
		if err != nil {
			t.Fatalf("re-decoding %q (from %q): %v", b, data, err)
		}
		b2, _ := v2.MarshalJSON()
		if string(b2) != string(b) {
			t.Fatalf("encoding is not stable: %s then %s", b, b2)
		}
		v3, err := value.FromJSON(b2)
		if err != nil || !value.Equal(v2, v3) {
			t.Fatalf("round trip of %q changed %s into %s (%v)", b, v2, v3, err)
		}
	})
}
