package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/parallaxhq/parallax/internal/shared"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"parallax": main,
	})
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			if dir, err := shared.Find(); err == nil {
				env.Setenv("SHARED", dir)
			}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// gzip FILE writes FILE.gz and removes FILE.
			"gzip": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 {
					ts.Fatalf("usage: gzip FILE")
				}
				var buf bytes.Buffer
				zw := gzip.NewWriter(&buf)
				_, err := zw.Write([]byte(ts.ReadFile(args[0])))
				ts.Check(err)
				ts.Check(zw.Close())
				ts.Check(os.WriteFile(ts.MkAbs(args[0]+".gz"), buf.Bytes(), 0o644))
				ts.Check(os.Remove(ts.MkAbs(args[0])))
			},
		},
	})
}

// runCLI runs a command line in-process and returns its exit code and output.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	e := &env{stdin: bytes.NewReader(nil), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
	code := run(context.Background(), args, e)
	return code, stdout.String(), stderr.String()
}
