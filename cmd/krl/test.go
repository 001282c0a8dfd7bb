package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/gopico/pico/picotest"
)

var testCommand = &command{
	usage:   "test FILE.json...",
	summary: "run scenario files on an in-memory engine, one JSON line per step",
	run:     runTest,
}

// runTest runs each scenario file and prints its step lines. Exit status: 0
// when every expectation held, 1 when one failed, 2 when a file is invalid.
func runTest(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(stderr)
	quiet := fs.Bool("q", false, "print only the failed steps and a summary")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: krl test [-q] FILE.json...")
		return 2
	}
	status := 0
	for _, file := range fs.Args() {
		sc, err := picotest.ReadScenario(file)
		if err != nil {
			fmt.Fprintf(stderr, "krl test: %v\n", err)
			status = 2
			continue
		}
		out := stdout
		var failed filterWriter
		if *quiet {
			failed.w = stdout
			out = &failed
		}
		rep, err := picotest.RunScenario(context.Background(), sc, out)
		if err != nil {
			fmt.Fprintf(stderr, "krl test: %s: %v\n", file, err)
			if errors.Is(err, picotest.ErrInvalidScenario) {
				status = 2
			} else if status == 0 {
				status = 1
			}
			continue
		}
		if *quiet || fs.NArg() > 1 {
			fmt.Fprintf(stderr, "%s: %d passed, %d failed\n", file, rep.Steps-rep.Failed, rep.Failed)
		}
		if rep.Failed > 0 && status == 0 {
			status = 1
		}
	}
	return status
}

// filterWriter passes on only the lines of failed steps.
type filterWriter struct {
	w   io.Writer
	buf []byte
}

func (f *filterWriter) Write(p []byte) (int, error) {
	f.buf = append(f.buf, p...)
	for {
		i := bytes.IndexByte(f.buf, '\n')
		if i < 0 {
			return len(p), nil
		}
		line := f.buf[:i+1]
		if bytes.Contains(line, []byte(`"ok":false`)) {
			if _, err := f.w.Write(line); err != nil {
				return 0, err
			}
		}
		f.buf = f.buf[i+1:]
	}
}
