package value_test

import (
	"testing"

	"github.com/gopico/pico/krl/value"
)

func TestGet(t *testing.T) {
	tests := []struct {
		v, key value.Value
		want   string
	}{
		{js(`{"a":{"b":[1,2]}}`), js(`["a","b","1"]`), `2`},
		{js(`{"a":{"b":[1,2]}}`), js(`["a","b",1]`), `2`},
		{js(`{"a":{"b":[1,2]}}`), js(`["a","c",1]`), `null`},
		{js(`[1,2,3]`), num(1), `2`},
		{js(`[1,2,3]`), str("1"), `2`},
		{js(`[1,2,3]`), num(-1), `null`},
		{js(`[1,2,3]`), num(1.5), `null`},
		{js(`[1,2,3]`), str("01"), `null`},
		{js(`[1,2,3]`), num(3), `null`},
		{str("abc"), num(1), `null`},
		{null, str("a"), `null`},
		{js(`{"a":1}`), null, `null`},
		{js(`{"null":5}`), null, `5`},
		{js(`{"1":"one"}`), num(1), `"one"`},
		{js(`{"a":1}`), js(`[]`), `{"a":1}`},
		{js(`{"a":"str"}`), js(`["a","0"]`), `null`},
	}
	for _, tt := range tests {
		if got := value.Get(tt.v, tt.key).String(); got != tt.want {
			t.Errorf("Get(%v, %v) = %s, want %s", tt.v, tt.key, got, tt.want)
		}
	}
}

func TestPutPath(t *testing.T) {
	tests := []struct {
		v, path, x value.Value
		want       string
	}{
		{js(`{}`), str("a"), num(1), `{"a":1}`},
		{js(`{"a":1}`), str("a"), num(2), `{"a":2}`},
		{null, str("a"), num(1), `{"a":1}`},
		{str("x"), js(`["a","b"]`), num(1), `{"a":{"b":1}}`},
		{js(`[1,2]`), js(`["foo"]`), num(3), `[1,2]`},
		{js(`[1,2]`), js(`["5"]`), num(3), `[1,2,null,null,null,3]`},
		{js(`[1,2]`), num(0), num(9), `[9,2]`},
		{js(`{}`), js(`["a","0","b"]`), num(3), `{"a":[{"b":3}]}`},
		{js(`{}`), js(`["a","01"]`), num(3), `{"a":{"01":3}}`},
		{js(`{"a":"s"}`), js(`["a","b"]`), num(3), `{"a":{"b":3}}`},
		{js(`{"a":{"x":1}}`), js(`["a","y"]`), num(2), `{"a":{"x":1,"y":2}}`},
		{js(`{"a":[1]}`), js(`["a","x"]`), num(2), `{"a":[1]}`},
		{js(`{"a":1}`), js(`[]`), num(2), `{"a":1}`},
		{js(`{"b":1}`), num(7), null, `{"7":null,"b":1}`},
		{js(`[]`), num(2000000), num(1), `{"2000000":1}`},
	}
	for _, tt := range tests {
		before := tt.v.String()
		if got := value.PutPath(tt.v, tt.path, tt.x).String(); got != tt.want {
			t.Errorf("PutPath(%v, %v, %v) = %s, want %s", tt.v, tt.path, tt.x, got, tt.want)
		}
		if tt.v.String() != before {
			t.Errorf("PutPath changed its receiver: %s became %s", before, tt.v.String())
		}
	}
}

func TestPut(t *testing.T) {
	tests := []struct {
		v, path, x value.Value
		want       string
	}{
		{js(`{"a":[1,2]}`), js(`["a","2","x"]`), num(3), `{"a":[1,2,{"x":3}]}`},
		{js(`{"a":[1,2]}`), js(`["a","3","x"]`), num(3), `{"a":{"0":1,"1":2,"3":{"x":3}}}`},
		{js(`{"a":[1,2]}`), js(`["a","x","y"]`), num(3), `{"a":{"0":1,"1":2,"x":{"y":3}}}`},
		{js(`{}`), js(`["a","0","b"]`), num(3), `{"a":{"0":{"b":3}}}`},
		{js(`{"a":"s"}`), js(`["a","b"]`), num(3), `{"a":{"b":3}}`},
		{js(`[1,2]`), js(`["foo"]`), num(3), `[1,2]`},
		{js(`[1,2]`), num(1), num(3), `[1,3]`},
		{str("s"), str("a"), num(1), `"s"`},
		{null, str("a"), num(1), `null`},
		{js(`{"b":1,"a":2}`), js(`[]`), js(`{"a":3,"1":4}`), `{"1":4,"b":1,"a":3}`},
	}
	for _, tt := range tests {
		if got := value.Put(tt.v, tt.path, tt.x).String(); got != tt.want {
			t.Errorf("Put(%v, %v, %v) = %s, want %s", tt.v, tt.path, tt.x, got, tt.want)
		}
	}
}

func TestMerge(t *testing.T) {
	tests := []struct {
		v, x value.Value
		want string
	}{
		{js(`{"b":1,"a":2}`), js(`{"a":3,"1":4}`), `{"1":4,"b":1,"a":3}`},
		{js(`[1,2,3]`), js(`[9]`), `[9,2,3]`},
		{js(`[1]`), js(`[7,8]`), `[7,8]`},
		{js(`{"a":1}`), js(`[9]`), `[9]`},
		{js(`[1]`), str("x"), `"x"`},
		{num(5), js(`{"a":1}`), `5`},
	}
	for _, tt := range tests {
		if got := value.Merge(tt.v, tt.x).String(); got != tt.want {
			t.Errorf("Merge(%v, %v) = %s, want %s", tt.v, tt.x, got, tt.want)
		}
	}
}

func TestDeletePath(t *testing.T) {
	tests := []struct {
		v, path value.Value
		want    string
	}{
		{js(`[1,2,3]`), num(1), `[1,null,3]`},
		{js(`[1,2,3]`), js(`[5]`), `[1,2,3]`},
		{js(`{"a":[1,2]}`), js(`["a","0"]`), `{"a":[null,2]}`},
		{js(`{"a":1,"b":2}`), str("a"), `{"b":2}`},
		{js(`{"a":{"b":1,"c":2}}`), js(`["a","b"]`), `{"a":{"c":2}}`},
		{js(`{"a":{"b":1}}`), js(`["x","b"]`), `{"a":{"b":1}}`},
		{js(`{"a":1}`), js(`[]`), `{"a":1}`},
		{str("abc"), num(0), `"abc"`},
	}
	for _, tt := range tests {
		if got := value.DeletePath(tt.v, tt.path).String(); got != tt.want {
			t.Errorf("DeletePath(%v, %v) = %s, want %s", tt.v, tt.path, got, tt.want)
		}
	}
}

func TestKeyPath(t *testing.T) {
	got := value.KeyPath(js(`["a",1,null,true]`))
	want := []string{"a", "1", "null", "true"}
	if len(got) != len(want) {
		t.Fatalf("KeyPath = %q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("KeyPath[%d] = %q, want %q", i, got[i], want[i])
		}
	}
	if got := value.KeyPath(num(2.5)); len(got) != 1 || got[0] != "2.5" {
		t.Errorf("KeyPath(2.5) = %q", got)
	}
}
