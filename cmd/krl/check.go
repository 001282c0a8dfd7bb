package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/gopico/pico/eventbus"
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
// that parses: the compiler, then the event bus's compilation of each
// rule's event expression (as the engine does at Register). It returns nil
// or the errors (a krl.ErrorList prints with a caret like parse errors).
func compileRuleset(filename string, rs *ast.Ruleset) error {
	prog, err := krl.Compile(rs)
	if err != nil {
		return err
	}
	var list krl.ErrorList
	for _, r := range prog.Rules() {
		if _, err := eventbus.Compile(r.Select()); err != nil {
			list = append(list, &krl.Error{Pos: r.Select().At, Code: "E3001", Msg: fmt.Sprintf("rule %s: %v", r.Name(), err)})
		}
	}
	return list.Err()
}

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
