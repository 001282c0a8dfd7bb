// Command krl is the command-line tool of the KRL toolchain.
//
// Usage:
//
//	krl <command> [arguments]
//
// Each command lives in its own file and registers itself in commands.
// Run `krl help` for the list.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
)

// command is one subcommand: run gets the arguments after the command name
// and returns the process exit status.
type command struct {
	usage   string // one line: "parse [--json] FILE..."
	summary string // one sentence for `krl help`
	run     func(args []string, stdout, stderr io.Writer) int
}

// commands is the dispatch table, by name.
var commands = map[string]*command{
	"bench": benchCommand,
	"parse": parseCommand,
	"check": checkCommand,
	"eval":  evalCommand,
	"serve": serveCommand,
	"test":  testCommand,
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "krl: unknown command %q\n", args[0])
		usage(stderr)
		return 2
	}
	return cmd.run(args[1:], stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "krl is a tool for KRL rulesets.")
	fmt.Fprintln(w, "\nUsage:")
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "  krl %-28s %s\n", commands[name].usage, commands[name].summary)
	}
}

// readSource reads a file, or standard input for "-".
func readSource(name string) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(os.Stdin)
	}
	return os.ReadFile(name)
}
