package stdlib_test

import (
	"strings"
	"testing"

	"github.com/gopico/pico/krl/stdlib"
	"github.com/gopico/pico/krl/value"
	"github.com/gopico/pico/krl/value/valuetest"
)

var (
	J    = valuetest.JSON
	S    = value.Str
	N    = value.Num
	null = value.Null
)

func re(t testing.TB, pattern, flags string) value.Value {
	t.Helper()
	r, err := value.NewRegExp(pattern, flags)
	if err != nil {
		t.Fatal(err)
	}
	return value.NewRegExpValue(r)
}

// fn returns a KRL function implemented in Go.
func fn(params []string, f func(args []value.Value) value.Value) value.Value {
	return valuetest.Func("test", params, f)
}

// opCase is one call of an operator: the arguments (receiver first), the
// expected result in JSON, or an expected error message.
type opCase struct {
	name string
	op   string
	args []value.Value
	want string
	err  string
}

func runCases(t *testing.T, cases []opCase) {
	t.Helper()
	for _, tc := range cases {
		name := tc.name
		if name == "" {
			name = tc.op
		}
		t.Run(name, func(t *testing.T) {
			f, ok := stdlib.Operator(tc.op)
			if !ok {
				t.Fatalf("no operator %q", tc.op)
			}
			got, err := f.Apply(valuetest.NewThread(), tc.args)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("%s%v: error %v, want %q", tc.op, tc.args, err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s%v: %v", tc.op, tc.args, err)
			}
			if s := got.String(); s != tc.want {
				t.Errorf("%s%v = %s, want %s", tc.op, tc.args, s, tc.want)
			}
		})
	}
}

func args(vs ...value.Value) []value.Value { return vs }

func TestOperatorNames(t *testing.T) {
	names := stdlib.OperatorNames()
	want := []string{
		"all", "any", "append", "as", "band", "bnot", "bor", "bxor", "capitalize", "chr", "cmp",
		"collect", "contains", "decode", "defaultsTo", "delete", "difference", "duplicates",
		"encode", "endsWith", "extract", "filter", "get", "has", "head", "index", "intersection",
		"isEmpty", "isnull", "join", "keys", "klog", "lc", "length", "like", "map", "match",
		"none", "noop", "notall", "once", "ord", "pairwise", "put", "range", "reduce", "replace",
		"reverse", "set", "shiftLeft", "shiftRight", "slice", "sort", "splice", "split",
		"sprintf", "startsWith", "substr", "tail", "trim", "trimLeading", "trimTrailing",
		"typeof", "uc", "union", "unique", "values",
	}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("OperatorNames() = %q\nwant %q", names, want)
	}
	names[0] = "changed"
	if stdlib.OperatorNames()[0] != "all" {
		t.Error("OperatorNames shares its slice")
	}
	for _, n := range want {
		f, _ := stdlib.Operator(n)
		if f.Name != n || f.Fn == nil {
			t.Errorf("operator %q is %+v", n, f)
		}
		if n != "noop" && len(f.Params) == 0 {
			t.Errorf("operator %q has no receiver parameter", n)
		}
	}
	if _, ok := stdlib.Operator("nope"); ok {
		t.Error(`Operator("nope") found something`)
	}
	if f, _ := stdlib.Operator("substr"); strings.Join(f.Params, ",") != "val,start,len" {
		t.Errorf("substr params = %q", f.Params)
	}
	if f, _ := stdlib.Operator("noop"); !f.Action || !f.Both || value.TypeOf(value.NewFunc(f)) != "ActionFunction" {
		t.Errorf("noop is %+v", f)
	}
}

func TestModules(t *testing.T) {
	if got := stdlib.ModuleNames(); strings.Join(got, ",") != "math,random,time" {
		t.Errorf("ModuleNames() = %q", got)
	}
	m, ok := stdlib.Module("math")
	if !ok || m["hash"].Kind() != value.FunctionKind || m["hashAlgorithms"].Kind() != value.ArrayKind {
		t.Fatalf("math module: %v", m)
	}
	delete(m, "hash")
	if m2, _ := stdlib.Module("math"); m2["hash"].IsNull() {
		t.Error("Module returns a shared map")
	}
	if _, ok := stdlib.Module("ctx"); ok {
		t.Error(`Module("ctx") found something`)
	}
}
