package picotest_test

import (
	"path/filepath"
	"testing"

	"github.com/gopico/pico/picotest"
)

func TestScenarios(t *testing.T) {
	files, err := filepath.Glob("../testdata/scenarios/*.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no scenario files")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			picotest.Run(t, f)
		})
	}
}
