package stdlib_test

import (
	"errors"
	"testing"

	"github.com/gopico/pico/krl/stdlib"
	"github.com/gopico/pico/krl/value"
	"github.com/gopico/pico/krl/value/valuetest"
)

var (
	double = fn([]string{"v"}, func(a []value.Value) value.Value { r, _ := value.Mul(a[0], N(2)); return r })
	isOdd  = fn([]string{"v"}, func(a []value.Value) value.Value { r, _ := value.Mod(a[0], N(2)); return value.Bool(r.AsNum() != 0) })
	keyVal = fn([]string{"v", "k"}, func(a []value.Value) value.Value { r, _ := value.Add(a[1], a[0]); return r })
	gt1    = fn([]string{"v", "k"}, func(a []value.Value) value.Value { return value.Bool(value.Compare(a[0], N(1)) > 0) })
	sum    = fn([]string{"a", "b"}, func(a []value.Value) value.Value { r, _ := value.Add(a[0], a[1]); return r })
	pair   = fn([]string{"a", "b"}, func(a []value.Value) value.Value { return value.NewArray([]value.Value{a[0], a[1]}) })
	// byLen compares strings by length: a comparator for sort.
	byLen = fn([]string{"a", "b"}, func(a []value.Value) value.Value {
		return N(float64(len(value.ToString(a[0])) - len(value.ToString(a[1]))))
	})
	allArgs = fn(nil, func(a []value.Value) value.Value { return value.NewArray(a) })
)

func TestLengthIsEmpty(t *testing.T) {
	f := fn(nil, func([]value.Value) value.Value { return null })
	runCases(t, []opCase{
		{op: "length", args: args(J(`[1,2,3]`)), want: `3`},
		{op: "length", args: args(J(`{"a":1}`)), want: `1`},
		{op: "length", args: args(S("abc")), want: `3`},
		{op: "length", args: args(S("héllo")), want: `5`},
		{op: "length", args: args(S("😀a")), want: `2`},
		{op: "length", args: args(S("e\u0301")), want: `1`},
		{op: "length", args: args(S("👨\u200d👩\u200d👧")), want: `1`},
		{op: "length", args: args(S("👍🏽!")), want: `2`},
		{op: "length", args: args(S("🇫🇷🇩🇪")), want: `2`},
		{op: "length", args: args(S("")), want: `0`},
		{op: "length", args: args(N(12345)), want: `0`},
		{op: "length", args: args(null), want: `0`},
		{op: "isEmpty", args: args(null), want: `true`},
		{op: "isEmpty", args: args(N(5)), want: `true`},
		{op: "isEmpty", args: args(value.True), want: `true`},
		{op: "isEmpty", args: args(re(t, "x", "")), want: `true`},
		{op: "isEmpty", args: args(S("")), want: `true`},
		{op: "isEmpty", args: args(S(" ")), want: `false`},
		{op: "isEmpty", args: args(J(`[]`)), want: `true`},
		{op: "isEmpty", args: args(J(`[null]`)), want: `false`},
		{op: "isEmpty", args: args(J(`{}`)), want: `true`},
		{op: "isEmpty", args: args(J(`{"a":null}`)), want: `false`},
		{op: "isEmpty", args: args(f), want: `false`},
	})
}

func TestArrayBasics(t *testing.T) {
	runCases(t, []opCase{
		{op: "head", args: args(J(`[1,2]`)), want: `1`},
		{op: "head", args: args(J(`[]`)), want: `null`},
		{op: "head", args: args(N(5)), want: `5`},
		{op: "head", args: args(J(`{"a":1}`)), want: `{"a":1}`},
		{op: "tail", args: args(J(`[1,2,3]`)), want: `[2,3]`},
		{op: "tail", args: args(J(`[]`)), want: `[]`},
		{op: "tail", args: args(N(5)), want: `[]`},
		{op: "index", args: args(J(`[1,[2],3]`), J(`[2]`)), want: `1`},
		{op: "index", args: args(J(`[1,2]`), S("2")), want: `-1`},
		{op: "index", args: args(J(`[null,1]`), null), want: `0`},
		{op: "index", args: args(J(`{"a":1}`), N(1)), err: "TypeError: only works on Arrays"},
		{op: "join", args: args(J(`[1,null,"x",[1],{}]`)), want: `"1,null,x,[Array],[Map]"`},
		{op: "join", args: args(J(`[1,2]`), S(" - ")), want: `"1 - 2"`},
		{op: "join", args: args(J(`[1,2]`), null), want: `"1,2"`},
		{op: "join", args: args(J(`[1,2]`), N(0)), want: `"102"`},
		{op: "join", args: args(J(`[]`)), want: `""`},
		{op: "join", args: args(J(`{"a":1}`)), want: `"[Map]"`},
		{op: "join", args: args(N(1.5)), want: `"1.5"`},
		{op: "reverse", args: args(J(`[1,2,3]`)), want: `[3,2,1]`},
		{op: "reverse", args: args(S("abc")), err: "only works on Arrays"},
		{op: "append", args: args(J(`[1,[2,3],[[4]]]`), N(5), J(`[6]`)), want: `[1,[2,3],[[4]],5,6]`},
		{op: "append", args: args(null, N(1)), want: `[null,1]`},
		{op: "append", args: args(N(1), null), want: `[1,null]`},
		{op: "append", args: args(J(`[1]`)), want: `[1]`},
		{op: "append", args: args(J(`[1]`), N(2), N(3), N(4), N(5), N(6), N(7)), want: `[1,2,3,4,5,6]`},
		{op: "append", args: args(J(`{"a":1}`), J(`[]`)), want: `[{"a":1}]`},
	})
}

func TestSliceSplice(t *testing.T) {
	runCases(t, []opCase{
		{op: "slice", args: args(J(`[1,2,3,4]`), N(1)), want: `[1,2]`},
		{op: "slice", args: args(J(`[1,2,3,4]`), N(1), N(2)), want: `[2,3]`},
		{op: "slice", args: args(J(`[1,2,3,4]`), N(2), N(1)), want: `[2,3]`},
		{op: "slice", args: args(J(`[1,2,3,4]`), N(3), N(3)), want: `[4]`},
		{op: "slice", args: args(J(`[1,2,3,4]`), N(2), N(4)), want: `[]`},
		{op: "slice", args: args(J(`[1,2,3,4]`), N(-1), N(2)), want: `[]`},
		{op: "slice", args: args(J(`[1,2,3,4]`), N(4)), want: `[1,2,3,4]`},
		{op: "slice", args: args(J(`[1,2,3,4]`), N(5)), want: `[]`},
		{op: "slice", args: args(J(`[1,2,3]`), N(-2)), want: `[1,2]`},
		{op: "slice", args: args(J(`[1,2,3]`), N(-1)), want: `[]`},
		{op: "slice", args: args(J(`[1,2,3]`), N(1.5)), want: `[1,2]`},
		{op: "slice", args: args(J(`[1,2,3]`), S("1")), want: `[1,2]`},
		{op: "slice", args: args(J(`[1,2,3]`)), want: `[1,2,3]`},
		{op: "slice", args: args(J(`[1,2,3]`), N(1), null), want: `[1,2]`},
		{op: "slice", args: args(J(`[]`), N(1)), want: `[]`},
		{op: "slice", args: args(J(`[1,2,3]`), S("x")), err: "TypeError: The .slice() operator cannot use x as an index"},
		{op: "slice", args: args(J(`[1,2,3]`), N(0), S("y")), err: "The .slice() operator cannot use y as the other index"},
		{op: "slice", args: args(S("abc"), N(1)), err: "only works on Arrays"},
		{op: "splice", args: args(J(`[1,2,3,4]`), N(1), N(1)), want: `[1,3,4]`},
		{op: "splice", args: args(J(`[1,2,3,4]`), N(1), N(1), J(`[7,8]`)), want: `[1,7,8,3,4]`},
		{op: "splice", args: args(J(`[1,2,3,4]`), N(1), N(0), S("x")), want: `[1,"x",2,3,4]`},
		{op: "splice", args: args(J(`[1,2,3,4]`), N(1), N(-1)), want: `[1]`},
		{op: "splice", args: args(J(`[1,2,3,4]`), N(2), N(10), N(9)), want: `[1,2,9]`},
		{op: "splice", args: args(J(`[1,2,3,4]`), N(-5), N(1)), want: `[2,3,4]`},
		{op: "splice", args: args(J(`[1,2,3,4]`), N(10), N(1)), want: `[1,2,3]`},
		{op: "splice", args: args(J(`[1,2,3,4]`), N(1), N(1), J(`[[5]]`)), want: `[1,[5],3,4]`},
		{op: "splice", args: args(J(`[]`), N(0), N(0), N(1)), want: `[]`},
		{op: "splice", args: args(J(`[1]`), S("x"), N(0)), err: "The .splice() operator cannot use xas an index"},
		{op: "splice", args: args(J(`[1]`), N(0), S("y")), err: "The .splice() operator cannot use yas a number of elements"},
		{op: "splice", args: args(N(1), N(0), N(0)), err: "only works on Arrays"},
	})
}

func TestMapFilter(t *testing.T) {
	runCases(t, []opCase{
		{op: "map", args: args(J(`[1,2,3]`), double), want: `[2,4,6]`},
		{op: "map", args: args(J(`{"a":1,"b":2}`), keyVal), want: `{"a":"a1","b":"b2"}`},
		{op: "map", args: args(J(`[1,2]`), allArgs), want: `[[1,0,[1,2]],[2,1,[1,2]]]`},
		{op: "map", args: args(J(`{"k":1}`), allArgs), want: `{"k":[1,"k",{"k":1}]}`},
		{op: "map", args: args(J(`[1,2]`), null), want: `[1,2]`},
		{op: "map", args: args(J(`[]`), double), want: `[]`},
		{op: "map", args: args(S("abc"), double), err: "TypeError: only works on collections"},
		{op: "map", args: args(J(`[1]`), N(5)), err: "5 is not a function"},
		{op: "filter", args: args(J(`[1,2,3]`), isOdd), want: `[1,3]`},
		{op: "filter", args: args(J(`{"a":1,"b":2}`), gt1), want: `{"b":2}`},
		{op: "filter", args: args(J(`[0,1,"",null,"a"]`), null), want: `[1,"a"]`},
		{op: "filter", args: args(J(`{"a":1}`), fn(nil, func([]value.Value) value.Value { return value.False })), want: `{}`},
		{op: "filter", args: args(null, isOdd), err: "only works on collections"},
	})
}

func TestReduce(t *testing.T) {
	runCases(t, []opCase{
		{op: "reduce", args: args(J(`[1,2,3]`), sum), want: `6`},
		{op: "reduce", args: args(J(`[1,2,3]`), sum, N(10)), want: `16`},
		{op: "reduce", args: args(J(`["a","b"]`), sum, S(">")), want: `">ab"`},
		{op: "reduce", args: args(J(`[]`), sum), want: `0`},
		{op: "reduce", args: args(J(`[]`), sum, S("init")), want: `"init"`},
		{op: "reduce", args: args(J(`[7]`), sum), want: `7`},
		{op: "reduce", args: args(J(`[7]`), sum, N(1)), want: `8`},
		{op: "reduce", args: args(J(`[7]`), N(3)), err: "The .reduce() operator cannot use 3 as a function"},
		{op: "reduce", args: args(J(`[]`), N(3)), want: `0`},
		{op: "reduce", args: args(J(`[1,2]`), allArgs), want: `[1,2,1,[1,2]]`},
		{op: "reduce", args: args(J(`[1,2]`), allArgs, N(0)), want: `[[0,1,0,[1,2]],2,1,[1,2]]`},
		{op: "reduce", args: args(J(`[1,2]`), N(3)), err: "The .reduce() operator cannot use 3 as a function"},
		{op: "reduce", args: args(J(`[1]`), null, N(3)), err: "is not a function"},
		{op: "reduce", args: args(J(`{"a":1}`), sum), err: "only works on Arrays"},
	})
}

func TestCollect(t *testing.T) {
	isEven := fn([]string{"v"}, func(a []value.Value) value.Value { r, _ := value.Mod(a[0], N(2)); return value.Bool(r.AsNum() == 0) })
	runCases(t, []opCase{
		{op: "collect", args: args(J(`[1,2,3]`), isEven), want: `{"false":[1,3],"true":[2]}`},
		{op: "collect", args: args(J(`[1,2,3]`), fn([]string{"v"}, func(a []value.Value) value.Value { return value.NewArray([]value.Value{a[0], N(1)}) })), want: `{"1,1":[1],"2,1":[2],"3,1":[3]}`},
		{op: "collect", args: args(J(`[1,2,3]`), fn(nil, func([]value.Value) value.Value { return J(`{}`) })), want: `{"[object Object]":[1,2,3]}`},
		{op: "collect", args: args(J(`["b",2,"a",10]`), null), want: `{"2":[2],"10":[10],"b":["b"],"a":["a"]}`},
		{op: "collect", args: args(J(`{"x":1,"y":2}`), fn(nil, func([]value.Value) value.Value { return null })), want: `{"null":[1,2]}`},
		{op: "collect", args: args(N(1), isEven), err: "only works on collections"},
	})
}

func TestQuantifiers(t *testing.T) {
	runCases(t, []opCase{
		{op: "all", args: args(J(`[1,3]`), isOdd), want: `true`},
		{op: "all", args: args(J(`[1,2]`), isOdd), want: `false`},
		{op: "all", args: args(J(`[]`), isOdd), want: `true`},
		{op: "notall", args: args(J(`[1,2]`), isOdd), want: `true`},
		{op: "notall", args: args(J(`[1,3]`), isOdd), want: `false`},
		{op: "notall", args: args(J(`[]`), isOdd), want: `false`},
		{op: "any", args: args(J(`[2,3]`), isOdd), want: `true`},
		{op: "any", args: args(J(`[2,4]`), isOdd), want: `false`},
		{op: "any", args: args(J(`[]`), isOdd), want: `false`},
		{op: "none", args: args(J(`[2,4]`), isOdd), want: `true`},
		{op: "none", args: args(J(`[2,3]`), isOdd), want: `false`},
		{op: "none", args: args(J(`[]`), isOdd), want: `true`},
		{op: "any", args: args(J(`{"a":1,"b":2}`), gt1), want: `true`},
		{op: "all", args: args(J(`{"a":1,"b":2}`), gt1), want: `false`},
		{op: "all", args: args(S("x"), isOdd), err: "only works on collections"},
	})
}

func TestQuantifiers_ShortCircuit(t *testing.T) {
	calls := 0
	counting := fn([]string{"v"}, func(a []value.Value) value.Value { calls++; return value.Bool(a[0].AsNum() > 1) })
	th := valuetest.NewThread()
	f, _ := stdlib.Operator("any")
	if got, err := f.Apply(th, args(J(`[1,2,3,4]`), counting)); err != nil || !got.AsBool() {
		t.Fatalf("any = %v, %v", got, err)
	}
	if calls != 2 || th.Steps() != 2 {
		t.Errorf("any called the function %d times, charged %d steps; want 2, 2", calls, th.Steps())
	}
}

func TestPairwise(t *testing.T) {
	runCases(t, []opCase{
		{op: "pairwise", args: args(J(`[1,2]`), sum), want: `[3]`},
		{op: "pairwise", args: args(J(`[[1,2],[3]]`), pair), want: `[[1,3],[2,null]]`},
		{op: "pairwise", args: args(J(`[[1,2],[3,4],[5,6]]`), allArgs), want: `[[1,3,5],[2,4,6]]`},
		{op: "pairwise", args: args(J(`[1]`), sum), err: "TypeError: The .pairwise() operator needs a longer array"},
		{op: "pairwise", args: args(S("x"), sum), err: "The .pairwise() operator cannot be called on x"},
		{op: "pairwise", args: args(J(`[1,2]`), N(1)), err: "The .pairwise() operator cannot use 1 as a function"},
	})
}

func TestSort(t *testing.T) {
	mixed := J(`["b",1,"a",null,10,9]`)
	runCases(t, []opCase{
		{op: "sort", args: args(mixed), want: `[1,10,9,"a","b",null]`},
		{op: "sort", args: args(mixed, S("numeric")), want: `[1,9,10,"a","b",null]`},
		{op: "sort", args: args(mixed, S("reverse")), want: `["b","a",9,10,1,null]`},
		{op: "sort", args: args(mixed, S("ciremun")), want: `["b","a",10,9,1,null]`},
		{op: "sort", args: args(J(`["b",1,"a",10,9,"c",3,"10",2]`), S("numeric")), want: `[1,2,3,9,10,"10","a","b","c"]`},
		{op: "sort", args: args(J(`[5,3,"x",1,4,"a","b",2]`), fn(nil, func(a []value.Value) value.Value { return N(float64(value.Compare(a[0], a[1]))) })), want: `[1,2,3,4,5,"a","b","x"]`},
		{op: "sort", args: args(mixed, S("default")), want: `[1,10,9,"a","b",null]`},
		{op: "sort", args: args(mixed, N(5)), want: `[1,10,9,"a","b",null]`},
		{op: "sort", args: args(J(`["ccc","a","bb","d","ee"]`), byLen), want: `["a","d","bb","ee","ccc"]`},
		{op: "sort", args: args(J(`[3,1,2]`), fn(nil, func(a []value.Value) value.Value { r, _ := value.Sub(a[1], a[0]); return r })), want: `[3,2,1]`},
		{op: "sort", args: args(J(`[3,1,2]`), fn(nil, func(a []value.Value) value.Value { return value.Bool(a[0].AsNum() > a[1].AsNum()) })), want: `[1,2,3]`},
		{op: "sort", args: args(J(`[2,1]`), fn(nil, func([]value.Value) value.Value { return null })), want: `[1,2]`},
		{op: "sort", args: args(J(`[2,1]`), fn(nil, func([]value.Value) value.Value { return S("1") })), want: `[1,2]`},
		{op: "sort", args: args(J(`[]`), byLen), want: `[]`},
		{op: "sort", args: args(J(`{"b":1}`)), want: `{"b":1}`},
		{op: "sort", args: args(S("cba")), want: `"cba"`},
		{op: "sort", args: args(J(`["B","a","C"]`)), want: `["B","C","a"]`},
		{op: "sort", args: args(J(`[[2],[1],{"x":1}]`)), want: `[[2],[1],{"x":1}]`},
	})
}

func TestSort_Stable(t *testing.T) {
	in := J(`[{"k":1,"n":"a"},{"k":0,"n":"b"},{"k":1,"n":"c"},{"k":0,"n":"d"},{"k":1,"n":"e"}]`)
	byK := fn(nil, func(a []value.Value) value.Value {
		r, _ := value.Sub(value.Get(a[0], S("k")), value.Get(a[1], S("k")))
		return r
	})
	f, _ := opFunc("sort")
	got, err := f(args(in, byK))
	if err != nil {
		t.Fatal(err)
	}
	names := ""
	for _, e := range got.AsArray().Elems() {
		names += value.Get(e, S("n")).AsStr()
	}
	if names != "bdace" {
		t.Errorf("stable sort gives %s, want bdace", names)
	}
}

func TestSetOperators(t *testing.T) {
	runCases(t, []opCase{
		{op: "unique", args: args(J(`[[1,2],[1,2],{"a":1},1,"1",1]`)), want: `[[1,2],{"a":1},1,"1"]`},
		{op: "unique", args: args(S("x")), want: `"x"`},
		{op: "once", args: args(J(`[3,1,3,"1",2]`)), want: `[2]`},
		{op: "once", args: args(J(`["b","a","b",10,2]`)), want: `[2,10,"a"]`},
		{op: "once", args: args(N(5)), want: `5`},
		{op: "duplicates", args: args(J(`[3,1,3,"1"]`)), want: `[1,3]`},
		{op: "duplicates", args: args(J(`[null,null,[1],"1"]`)), want: `[[1],null]`},
		{op: "duplicates", args: args(N(5)), want: `[]`},
		{op: "union", args: args(J(`[1,2]`), J(`[2,3]`)), want: `[1,2,3]`},
		{op: "union", args: args(J(`[1,1,2]`), N(3)), want: `[1,2,3]`},
		{op: "union", args: args(N(1), N(2)), want: `[1,2]`},
		{op: "union", args: args(J(`[{"a":1}]`), J(`[{"a":1}]`)), want: `[{"a":1}]`},
		{op: "union", args: args(S("x"), null), want: `"x"`},
		{op: "intersection", args: args(J(`[1,1,2,3]`), J(`[1,3,3]`)), want: `[1,3]`},
		{op: "intersection", args: args(J(`[[1],2]`), J(`[[1]]`)), want: `[[1]]`},
		{op: "intersection", args: args(J(`[1]`), null), want: `[]`},
		{op: "difference", args: args(J(`[1,1,2,3]`), J(`[2]`)), want: `[1,1,3]`},
		{op: "difference", args: args(J(`[1,2]`), N(2)), want: `[1]`},
		{op: "difference", args: args(J(`[1,2]`), null), want: `[1,2]`},
		{op: "has", args: args(J(`[1,2,3]`), J(`[1,2]`)), want: `true`},
		{op: "has", args: args(J(`[1,2,3]`), N(4)), want: `false`},
		{op: "has", args: args(J(`[1,2,3]`), N(2)), want: `true`},
		{op: "has", args: args(J(`[1,2,3]`), J(`[]`)), want: `true`},
		{op: "has", args: args(N(2), N(2)), want: `true`},
	})
}

func TestKeysValues(t *testing.T) {
	runCases(t, []opCase{
		{op: "keys", args: args(J(`{"b":1,"10":2,"2":3,"a":4}`)), want: `["2","10","b","a"]`},
		{op: "values", args: args(J(`{"b":1,"10":2,"2":3,"a":4}`)), want: `[3,2,1,4]`},
		{op: "keys", args: args(J(`[5,6]`)), want: `["0","1"]`},
		{op: "values", args: args(J(`[5,6]`)), want: `[5,6]`},
		{op: "keys", args: args(J(`{"a":{"b":[1,2]}}`), J(`["a","b"]`)), want: `["0","1"]`},
		{op: "keys", args: args(J(`{"a":{"b":{"x":1}}}`), J(`["a","b"]`)), want: `["x"]`},
		{op: "values", args: args(J(`{"a":{"b":{"x":1}}}`), S("a")), want: `[{"x":1}]`},
		{op: "keys", args: args(J(`{"a":1}`), S("zz")), want: `[]`},
		{op: "keys", args: args(J(`{"a":1}`), S("")), want: `["a"]`},
		{op: "keys", args: args(S("abc")), want: `[]`},
		{op: "values", args: args(N(1)), want: `[]`},
	})
}

func TestGetPutSetDelete(t *testing.T) {
	runCases(t, []opCase{
		{op: "get", args: args(J(`{"a":{"b":[1,2]}}`), J(`["a","b","1"]`)), want: `2`},
		{op: "get", args: args(J(`{"a":1}`), S("a")), want: `1`},
		{op: "get", args: args(J(`{"a":1}`), S("b")), want: `null`},
		{op: "get", args: args(S("abc"), N(0)), want: `null`},
		{op: "put", args: args(J(`{"a":[1,2]}`), J(`["a","2","x"]`), N(3)), want: `{"a":[1,2,{"x":3}]}`},
		{op: "put", args: args(J(`{"a":[1,2]}`), J(`["a","3","x"]`), N(3)), want: `{"a":{"0":1,"1":2,"3":{"x":3}}}`},
		{op: "put", args: args(J(`{}`), J(`["a","0","b"]`), N(3)), want: `{"a":{"0":{"b":3}}}`},
		{op: "put", args: args(J(`{"b":1,"a":2}`), J(`{"a":3,"1":4}`)), want: `{"1":4,"b":1,"a":3}`},
		{op: "put", args: args(J(`{"a":1}`), S("a"), null), want: `{"a":null}`},
		{op: "put", args: args(J(`{"a":1}`), J(`["b","c"]`), null), want: `{"a":1,"b":{"c":null}}`},
		{op: "put", args: args(J(`[1,2]`), N(5), N(6)), want: `[1,2,null,null,null,6]`},
		{op: "put", args: args(S("s"), S("a"), N(1)), want: `"s"`},
		{op: "put", args: args(J(`{"a":1}`), J(`[]`), J(`{"b":2}`)), want: `{"a":1,"b":2}`},
		{op: "set", args: args(J(`{}`), J(`["a","0","b"]`), N(3)), want: `{"a":[{"b":3}]}`},
		{op: "set", args: args(J(`[1,2]`), J(`["5"]`), N(3)), want: `[1,2,null,null,null,3]`},
		{op: "set", args: args(J(`[1,2]`), J(`["foo"]`), N(3)), want: `[1,2]`},
		{op: "set", args: args(N(5), S("a"), N(1)), want: `{"a":1}`},
		{op: "set", args: args(J(`{"b":1}`), N(7), null), want: `{"7":null,"b":1}`},
		{op: "delete", args: args(J(`[1,2,3]`), N(1)), want: `[1,null,3]`},
		{op: "delete", args: args(J(`{"a":[1,2]}`), J(`["a","0"]`)), want: `{"a":[null,2]}`},
		{op: "delete", args: args(J(`{"a":1,"b":2}`), S("a")), want: `{"b":2}`},
		{op: "delete", args: args(J(`{"a":1}`), J(`[]`)), want: `{"a":1}`},
		{op: "delete", args: args(S("x"), S("a")), want: `"x"`},
	})
}

func TestCallbacks_Errors(t *testing.T) {
	boom := errors.New("boom")
	failing := value.NewFunc(&value.Func{Name: "fail", Params: []string{"v"},
		Fn: func(value.Thread, []value.Value) (value.Value, error) { return null, boom }})
	for _, op := range []string{"map", "filter", "reduce", "collect", "all", "any", "none", "notall", "pairwise", "sort"} {
		f, _ := opFunc(op)
		in := J(`[1,2,3]`)
		if _, err := f(args(in, failing)); !errors.Is(err, boom) {
			t.Errorf("%s with a failing callback: error %v, want boom", op, err)
		}
	}
	f, _ := opFunc("replace")
	if _, err := f(args(S("abc"), S("b"), failing)); !errors.Is(err, boom) {
		t.Errorf("replace with a failing callback: %v", err)
	}
}

func TestCallbacks_StepLimit(t *testing.T) {
	for _, op := range []string{"map", "filter", "reduce", "collect", "all", "sort"} {
		th := valuetest.NewThread()
		th.MaxSteps = 5
		f, _ := stdlib.Operator(op)
		cb := sum
		if op != "reduce" && op != "sort" {
			cb = double
		}
		_, err := f.Apply(th, args(J(`[1,2,3,4,5,6,7,8,9,10]`), cb))
		if !errors.Is(err, valuetest.ErrStepLimit) {
			t.Errorf("%s over 10 elements with 5 steps: %v", op, err)
		}
	}
}
