package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/gopico/pico/krl"
	"github.com/gopico/pico/krl/ast"
)

const checkUsage = "check FILE..."

var checkCommand = &command{
	usage:   checkUsage,
	summary: "parse and compile rulesets, reporting every error",
	run:     runCheck,
}

// compileRuleset is the compile step of `krl check`, run on every ruleset
// that parses. It returns nil or the compiler's errors (a krl.ErrorList, so
// they print with a caret like parse errors). Until the compiler is wired
// in here, it accepts everything and check reports syntax errors only.
var compileRuleset = func(filename string, rs *ast.Ruleset) error { return nil }

// runCheck parses and compiles every file; output and exit status are those
// of `krl parse`.
func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: krl", checkUsage)
		return 2
	}
	status := 0
	for _, name := range fs.Args() {
		src, err := readSource(name)
		if err != nil {
			fmt.Fprintln(stderr, "krl:", err)
			status = 1
			continue
		}
		rs, err := krl.Parse(name, src)
		if err == nil {
			err = compileRuleset(name, rs)
		}
		if err != nil {
			krl.FormatError(stderr, err, src)
			status = 1
		}
	}
	return status
}
