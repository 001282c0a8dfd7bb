package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"github.com/gopico/pico/krl"
)

const parseUsage = "parse [--json] FILE..."

var parseCommand = &command{
	usage:   parseUsage,
	summary: "check the syntax of rulesets; --json prints the syntax tree",
	run:     runParse,
}

// runParse parses every file. It prints nothing and exits 0 when they all
// parse; otherwise it prints each error with its source line and a caret on
// stderr and exits 1. With --json it prints the tree of each file that
// parses on stdout.
func runParse(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("parse", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the syntax tree of each file as JSON")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: krl", parseUsage)
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
		if err != nil {
			krl.FormatError(stderr, err, src)
			status = 1
			continue
		}
		if *asJSON {
			out, err := json.MarshalIndent(rs, "", "  ")
			if err != nil {
				fmt.Fprintln(stderr, "krl:", err)
				return 1
			}
			fmt.Fprintf(stdout, "%s\n", out)
		}
	}
	return status
}
