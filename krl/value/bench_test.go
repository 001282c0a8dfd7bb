package value_test

import (
	"fmt"
	"testing"

	"github.com/gopico/pico/krl/value"
)

func BenchmarkAdd_Numbers(b *testing.B) {
	x, y := num(1.5), num(2)
	b.ReportAllocs()
	for b.Loop() {
		x, _ = value.Add(x, y)
	}
}

func BenchmarkCompare_Numbers(b *testing.B) {
	x, y := num(1.5), num(2)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n += value.Compare(x, y)
	}
}

func BenchmarkTruthy_Number(b *testing.B) {
	x := num(1.5)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		if value.Truthy(x) {
			n++
		}
	}
}

func BenchmarkAdd_Strings(b *testing.B) {
	x, y := str("count: "), num(42)
	b.ReportAllocs()
	for b.Loop() {
		_, _ = value.Add(x, y)
	}
}

func BenchmarkFormatNumber(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = value.FormatNumber(0.30000000000000004)
	}
}

func BenchmarkMap_GetSmall(b *testing.B) {
	m := js(`{"a":1,"b":2,"c":3,"d":4}`).AsMap()
	b.ReportAllocs()
	for b.Loop() {
		_, _ = m.Get("d")
	}
}

func BenchmarkMap_GetLarge(b *testing.B) {
	mb := value.NewMapBuilder(100)
	for i := range 100 {
		mb.Set(fmt.Sprintf("key%d", i), num(float64(i)))
	}
	m := mb.Map()
	b.ReportAllocs()
	for b.Loop() {
		_, _ = m.Get("key77")
	}
}

func BenchmarkFromJSON(b *testing.B) {
	data := []byte(`{"name":"counter","n":12,"tags":["a","b","c"],"nested":{"x":1.5,"y":null,"ok":true}}`)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		_, _ = value.FromJSON(data)
	}
}

func BenchmarkMarshalJSON(b *testing.B) {
	v := js(`{"name":"counter","n":12,"tags":["a","b","c"],"nested":{"x":1.5,"y":null,"ok":true}}`)
	b.ReportAllocs()
	for b.Loop() {
		_, _ = v.MarshalJSON()
	}
}

func BenchmarkPutPath(b *testing.B) {
	v := js(`{"a":{"b":{"c":1}},"x":[1,2,3]}`)
	path := js(`["a","b","d"]`)
	b.ReportAllocs()
	for b.Loop() {
		_ = value.PutPath(v, path, num(2))
	}
}
