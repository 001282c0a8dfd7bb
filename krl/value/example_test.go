package value_test

import (
	"fmt"

	"github.com/gopico/pico/krl/value"
)

func ExampleAdd() {
	sum, _ := value.Add(value.Num(0.1), value.Num(0.2))
	concat, _ := value.Add(value.Str("1"), value.Num(1))
	fmt.Println(value.ToString(sum), value.ToString(concat))
	// Output: 0.30000000000000004 11
}

func ExampleSub() {
	_, err := value.Sub(value.Str("two"), value.Num(1))
	fmt.Println(err)
	// Output: TypeError: 1 cannot be subtracted from two
}

func ExampleCompare() {
	fmt.Println(value.Compare(value.Str("10"), value.Str("9")))
	fmt.Println(value.CompareStrings(value.Str("10"), value.Str("9")))
	// Output:
	// 1
	// -1
}

func ExampleFromJSON() {
	v, _ := value.FromJSON([]byte(`{"b":1,"a":2,"10":3,"2":4}`))
	fmt.Println(v.AsMap().Keys())
	b, _ := v.MarshalJSON()
	fmt.Println(string(b))
	// Output:
	// [2 10 b a]
	// {"2":4,"10":3,"b":1,"a":2}
}

func ExampleNewMapValue() {
	m := value.NewMapValue(
		[]string{"name", "1", "name"},
		[]value.Value{value.Str("a"), value.True, value.Str("b")},
	)
	fmt.Println(m)
	// Output: {"1":true,"name":"b"}
}

func ExampleGet() {
	v, _ := value.FromJSON([]byte(`{"a":{"b":[10,20]}}`))
	path := value.NewArray([]value.Value{value.Str("a"), value.Str("b"), value.Num(1)})
	fmt.Println(value.Get(v, path))
	// Output: 20
}

func ExamplePutPath() {
	v, _ := value.FromJSON([]byte(`{}`))
	path := value.NewArray([]value.Value{value.Str("list"), value.Str("0"), value.Str("name")})
	fmt.Println(value.PutPath(v, path, value.Str("x")))
	// Output: {"list":[{"name":"x"}]}
}

func ExampleFromGo() {
	v, _ := value.FromGo(map[string]any{"n": 1, "tags": []string{"a"}})
	fmt.Println(v, value.TypeOf(v))
	back := value.ToGo(v).(map[string]any)
	fmt.Println(back["n"])
	// Output:
	// {"n":1,"tags":["a"]} Map
	// 1
}

func ExampleFormatNumber() {
	for _, f := range []float64{3, 2.5, 1e21, 1e-7, 123456789.125} {
		fmt.Println(value.FormatNumber(f))
	}
	// Output:
	// 3
	// 2.5
	// 1e+21
	// 1e-7
	// 123456789.125
}

func ExampleNewRegExp() {
	r, _ := value.NewRegExp(`(\d+)/(\d+)`, "g")
	ok, _ := r.MatchString("date: 3/4")
	fmt.Println(r, ok)
	// Output: re#(\d+)\/(\d+)#g true
}
