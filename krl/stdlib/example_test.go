package stdlib_test

import (
	"fmt"

	"github.com/gopico/pico/krl/stdlib"
	"github.com/gopico/pico/krl/value"
	"github.com/gopico/pico/krl/value/valuetest"
)

func ExampleOperator() {
	substr, _ := stdlib.Operator("substr")
	fmt.Println(substr.Params)
	th := valuetest.NewThread()
	v, _ := substr.Apply(th, []value.Value{value.Str("abcdef"), value.Num(2)})
	fmt.Println(v)
	// Output:
	// [val start len]
	// "cdef"
}

func ExampleOperator_callback() {
	// A KRL callback implemented in Go; operators call it with
	// (value, key, collection) through the Thread.
	square := valuetest.Func("square", []string{"x"}, func(args []value.Value) value.Value {
		v, _ := value.Mul(args[0], args[0])
		return v
	})
	mapOp, _ := stdlib.Operator("map")
	v, err := mapOp.Apply(valuetest.NewThread(), []value.Value{valuetest.Nums(1, 2, 3), square})
	fmt.Println(v, err)
	// Output: [1,4,9] <nil>
}

func ExampleModule() {
	math, _ := stdlib.Module("math")
	round := math["round"].AsFunc()
	v, _ := round.Apply(valuetest.NewThread(), []value.Value{value.Num(1.005), value.Num(2)})
	fmt.Println(v)
	// Output: 1.01
}

func ExampleModule_time() {
	time, _ := stdlib.Module("time")
	add := time["add"].AsFunc()
	spec, _ := value.FromJSON([]byte(`{"months": 1}`))
	v, _ := add.Apply(valuetest.NewThread(), []value.Value{value.Str("2017-01-31"), spec})
	fmt.Println(v)
	// Output: "2017-02-28T00:00:00.000Z"
}

func ExampleOperatorNames() {
	names := stdlib.OperatorNames()
	fmt.Println(len(names) > 60, names[:3])
	// Output: true [all any append]
}
