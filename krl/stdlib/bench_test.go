package stdlib_test

import (
	"testing"

	"github.com/gopico/pico/krl/stdlib"
	"github.com/gopico/pico/krl/value"
	"github.com/gopico/pico/krl/value/valuetest"
)

func benchOp(b *testing.B, name string, args ...value.Value) {
	f, ok := stdlib.Operator(name)
	if !ok {
		b.Fatalf("no operator %q", name)
	}
	th := valuetest.NewThread()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := f.Apply(th, args); err != nil {
			b.Fatal(err)
		}
	}
}

func hundred() value.Value {
	vs := make([]value.Value, 100)
	for i := range vs {
		vs[i] = N(float64(i))
	}
	return value.NewArray(vs)
}

func BenchmarkSprintf(b *testing.B) {
	benchOp(b, "sprintf", N(42), S("Hello %d, you have %d new messages"))
}

func BenchmarkExtract(b *testing.B) {
	r, _ := value.NewRegExp(`(\w+)@(\w+)\.com`, "")
	benchOp(b, "extract", S("contact: alice@example.com or bob@example.com"), value.NewRegExpValue(r))
}

func BenchmarkExtract_Global(b *testing.B) {
	r, _ := value.NewRegExp(`\d+`, "g")
	benchOp(b, "extract", S("1 22 333 4444 55555 666666"), value.NewRegExpValue(r))
}

func BenchmarkReplace(b *testing.B) {
	r, _ := value.NewRegExp(`(\d+)-(\d+)`, "g")
	benchOp(b, "replace", S("10-20 30-40 50-60"), value.NewRegExpValue(r), S("$2:$1"))
}

func BenchmarkMap100(b *testing.B) {
	benchOp(b, "map", hundred(), double)
}

func BenchmarkFilter100(b *testing.B) {
	benchOp(b, "filter", hundred(), isOdd)
}

func BenchmarkReduce100(b *testing.B) {
	benchOp(b, "reduce", hundred(), sum)
}

func BenchmarkSort100(b *testing.B) {
	benchOp(b, "sort", hundred(), S("numeric"))
}

func BenchmarkSortFunc100(b *testing.B) {
	benchOp(b, "sort", hundred(), fn(nil, func(a []value.Value) value.Value { r, _ := value.Sub(a[1], a[0]); return r }))
}

func BenchmarkPut(b *testing.B) {
	benchOp(b, "put", J(`{"a":{"b":1},"c":[1,2,3]}`), J(`["a","d"]`), N(5))
}

func BenchmarkEncode(b *testing.B) {
	benchOp(b, "encode", J(`{"name":"counter","n":12,"tags":["a","b","c"],"nested":{"x":1.5,"y":null}}`))
}
