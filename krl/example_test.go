package krl_test

import (
	"fmt"
	"os"

	"github.com/gopico/pico/krl"
	"github.com/gopico/pico/krl/ast"
)

func ExampleParse() {
	src := []byte(`ruleset hello {
  meta { shares greet }
  global { greet = function(name) { <<Hello, #{name}!>> } }
  rule hi { select when echo hello  send_directive("hi") }
}`)
	rs, err := krl.Parse("hello.krl", src)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rs.RID, len(rs.Global), rs.Rules[0].Name.Name)
	prim := rs.Rules[0].Select.Event.(*ast.EventPrim)
	fmt.Println(prim.Domain.Name + ":" + prim.Type.Name)
	// Output:
	// hello 1 hi
	// echo:hello
}

func ExampleParseExpr() {
	e, err := krl.ParseExpr("expr", []byte(`1 + 2 * 3`))
	if err != nil {
		fmt.Println(err)
		return
	}
	sum := e.(*ast.Binary)
	fmt.Println(sum.Op, sum.Y.(*ast.Binary).Op)
	// Output: + *
}

func ExampleFormatError() {
	src := []byte("ruleset hello {\n  global {\n    total = price * \n  }\n}\n")
	_, err := krl.Parse("hello.krl", src)
	krl.FormatError(os.Stdout, err, src)
	// Output:
	// hello.krl:4:3: expected an expression, found `}`
	//  |   }
	//  | ..^
}
