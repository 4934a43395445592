// Package shared finds the project's shared folder (../shared beside the
// repository), which holds the seed reports and the external evaluation sets.
// They are copyrighted or separately licensed, so tests and eval commands read
// them from there and never copy them into the repository.
package shared

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// Env names an environment variable that overrides where the shared folder is.
const Env = "PARALLAX_SHARED"

// RequireEnv, when set to 1 (as CI does), turns a missing shared folder into
// a test failure instead of a skip.
const RequireEnv = "PARALLAX_REQUIRE_SHARED"

// Find returns the shared folder: $PARALLAX_SHARED if set, else the folder
// named shared beside the module root found by walking up from the working
// directory.
func Find() (string, error) {
	if d := os.Getenv(Env); d != "" {
		return d, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			d := filepath.Join(filepath.Dir(dir), "shared")
			if st, err := os.Stat(d); err == nil && st.IsDir() {
				return d, nil
			}
			return "", errors.New("shared: no shared folder beside " + dir)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("shared: no go.mod above the working directory")
		}
		dir = parent
	}
}

// Path returns a path inside the shared folder for a test. When the folder
// or the path is missing it skips the test, or fails it if $PARALLAX_REQUIRE_SHARED=1.
func Path(tb testing.TB, elem ...string) string {
	tb.Helper()
	root, err := Find()
	if err == nil {
		p := filepath.Join(append([]string{root}, elem...)...)
		if _, err = os.Stat(p); err == nil {
			return p
		}
	}
	if os.Getenv(RequireEnv) == "1" {
		tb.Fatalf("shared data required: %v", err)
	}
	tb.Skipf("shared data not available: %v", err)
	return ""
}
