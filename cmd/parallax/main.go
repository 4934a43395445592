// Command parallax reads news reports from many outlets, repairs them,
// works out who published what and when, and compares their coverage.
// Run "parallax help" for the commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

// memoryLimit is the soft Go heap limit every command runs under unless
// GOMEMLIMIT says otherwise, to keep within the 256 MB budget: without it
// Bleve's analysed batches and segment merges let the heap of an index
// rebuild reach about 310 MB at 100k articles; with it, 160 MB, for about
// 15 % more time (docs/SEARCH.md). Commands whose live data is smaller
// never feel it.
const memoryLimit = 160 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], newEnv())
	stop()
	os.Exit(code)
}
