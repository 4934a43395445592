package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// env is what a command may touch of the outside world; tests replace it.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	stderrIsTTY    bool

	// set from the global flags
	db string
}

func newEnv() *env {
	return &env{
		stdin:       os.Stdin,
		stdout:      os.Stdout,
		stderr:      os.Stderr,
		getenv:      os.Getenv,
		stderrIsTTY: term.IsTerminal(int(os.Stderr.Fd())),
	}
}

// usageError marks an error in how the command was called (exit code 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// Exit codes (DESIGN.md, CLI contract).
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

// run runs the command line args and returns the exit code.
func run(ctx context.Context, args []string, e *env) int {
	root := newRootCommand(e)
	root.SetArgs(args)
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	fmt.Fprintf(e.stderr, "Error: %v\n", err)
	var ue usageError
	if errors.As(err, &ue) || isCobraUsage(err) {
		fmt.Fprintf(e.stderr, "Try: parallax help\n")
		return exitUsage
	}
	return exitFailed
}

// isCobraUsage tells cobra's own usage errors, which it returns as plain
// errors, from failures.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "flag needs an argument", "invalid argument", "accepts ", "requires at least", "requires at most"} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

func newRootCommand(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "parallax",
		Short: "Compare how outlets cover the same news",
		Long: `Parallax reads news reports from many outlets in whatever shape they arrive,
repairs them, works out who published what and when, and keeps them in a
store (SQLite by default) for grouping and comparison.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	defaultDB := e.getenv("PARALLAX_DB")
	if defaultDB == "" {
		defaultDB = "./parallax.db"
	}
	root.PersistentFlags().StringVar(&e.db, "db", defaultDB, "the store: a SQLite file path (env PARALLAX_DB)")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(
		newIngestCommand(e),
		newAnalyzeCommand(e),
		newArticlesCommand(e),
		newArticleCommand(e),
		newExportCommand(e),
		newGroupCommand(e),
		newRegroupCommand(e),
		newStoriesCommand(e),
		newStoryCommand(e),
		newRepairCommand(e),
		newEvalCommand(e),
		newWatchCommand(e),
		newCompareCommand(e),
		newQuotesCommand(e),
		newEntitiesCommand(e),
		newSearchCommand(e),
		newServeCommand(e),
		newReindexCommand(e),
	)
	return root
}

// exactArgs is cobra.ExactArgs reporting a usage error.
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.ExactArgs(n)(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}

// minArgs is cobra.MinimumNArgs reporting a usage error.
func minArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.MinimumNArgs(n)(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}
