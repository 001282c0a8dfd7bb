package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/gopico/pico/krl"
	"github.com/gopico/pico/krl/value"
)

const evalUsage = "eval [--ruleset FILE] EXPR"

var evalCommand = &command{
	usage:   evalUsage,
	summary: "evaluate a KRL expression and print its value as JSON",
	run:     runEval,
}

// runEval evaluates one expression ("-" reads it from standard input). With
// --ruleset the expression sees that ruleset's configure variables and
// globals, computed as on a fresh pico (entity variables unset, default
// configuration). The value is printed in KRL's JSON encoding. Exit status:
// 0 on success, 1 when the expression or the ruleset fails, 2 on bad usage.
func runEval(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	rulesetFile := fs.String("ruleset", "", "make the globals of the ruleset in `FILE` visible")
	indent := fs.Int("indent", 0, "indent the JSON output by `N` spaces")
	steps := fs.Int64("steps", krl.DefaultMaxSteps, "evaluation step budget")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: krl", evalUsage)
		return 2
	}
	src := []byte(fs.Arg(0))
	if fs.Arg(0) == "-" {
		var err error
		if src, err = io.ReadAll(os.Stdin); err != nil {
			fmt.Fprintln(stderr, "krl:", err)
			return 1
		}
	}
	th := &krl.Thread{Ctx: context.Background(), Host: evalHost{}, MaxSteps: *steps}

	var prog *krl.Program
	var inst *krl.Instance
	if *rulesetFile != "" {
		rsSrc, err := readSource(*rulesetFile)
		if err != nil {
			fmt.Fprintln(stderr, "krl:", err)
			return 1
		}
		if prog, err = krl.CompileSource(*rulesetFile, rsSrc); err != nil {
			krl.FormatError(stderr, err, rsSrc)
			return 1
		}
		if inst, err = prog.Init(th, krl.InitOptions{Modules: noModules}); err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
	}

	e, err := krl.ParseExpr("<expr>", src)
	if err != nil {
		krl.FormatError(stderr, err, src)
		return 1
	}
	var x *krl.Expr
	if prog != nil {
		x, err = prog.CompileExpr(e)
	} else {
		x, err = krl.CompileExpr(e)
	}
	if err != nil {
		krl.FormatError(stderr, err, src)
		return 1
	}
	v, err := x.Eval(th, inst)
	if err != nil {
		var re *krl.RuntimeError
		if errors.As(err, &re) {
			fmt.Fprintln(stderr, re.Backtrace())
		} else {
			fmt.Fprintln(stderr, err)
		}
		return 1
	}
	fmt.Fprintln(stdout, value.Encode(v, *indent))
	return 0
}

// noModules refuses `use module`: krl eval has no pico to find modules on.
func noModules(_ *krl.Thread, use krl.Use, _ map[string]value.Value) (*krl.Instance, error) {
	return nil, fmt.Errorf("%w: %s (krl eval cannot load modules)", krl.ErrNoModule, use.RID)
}

// evalHost is the host of `krl eval`: a pico with no entity variables,
// where nothing can be written and no engine module exists.
type evalHost struct{}

func (evalHost) EntGet(rid, name string) (value.Value, error) { return value.Null, nil }

func (evalHost) EntSet(rid, name string, v value.Value) error { return krl.ErrReadOnly }

func (evalHost) Raise(rid string, ev krl.RaisedEvent) error { return krl.ErrReadOnly }

func (evalHost) ClearSchedule(rid string) error { return krl.ErrReadOnly }

func (evalHost) Schedule(rid string, req krl.ScheduleRequest) (value.Value, error) {
	return value.Null, krl.ErrReadOnly
}

func (evalHost) Directive(d krl.Directive) error { return krl.ErrReadOnly }

func (evalHost) Module(rid, domain, name string) (value.Value, error) {
	return value.Null, fmt.Errorf("%w: %s:%s is not available in krl eval", krl.ErrNoModule, domain, strings.TrimSpace(name))
}
