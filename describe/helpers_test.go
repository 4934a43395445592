package describe_test

import (
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/describe"
)

// MustDefaultRegistry returns the embedded registry or fails the test.
func MustDefaultRegistry(tb testing.TB) *describe.Registry {
	tb.Helper()
	reg, err := describe.DefaultRegistry()
	if err != nil {
		tb.Fatal(err)
	}
	return reg
}

// MustRegistry returns a registry holding only the outlets of a JSON file.
func MustRegistry(tb testing.TB, file string) *describe.Registry {
	tb.Helper()
	reg := describe.NewRegistry()
	if err := reg.Merge(strings.NewReader(file)); err != nil {
		tb.Fatal(err)
	}
	return reg
}
