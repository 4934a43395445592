package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/group"
	"github.com/parallaxhq/parallax/serve"
)

func newServeCommand(e *env) *cobra.Command {
	var addr, token string
	var every time.Duration
	cmd := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:8080] [--token T]",
		Short: "Serve the JSON API and the web pages",
		Long: `Serve answers the JSON API (/api/...) and the pages (stories, story
comparison, articles, search, outlets) over the store, on a loopback address
by default. It is read-only unless --token (env PARALLAX_TOKEN) is given: then
POST /api/ingest with "Authorization: Bearer TOKEN" ingests and groups the
request body. The search index catches up with the store every --catch-up.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			store, err := openStore(ctx, e.db)
			if err != nil {
				return err
			}
			defer store.Close()
			srv := &serve.Server{Store: store, Token: token, Logger: slog.New(slog.NewTextHandler(e.stderr, nil))}
			if ix, err := openSearch(ctx, e.db, store); err == nil {
				defer ix.Close()
				srv.Searcher = ix
				go catchUpEvery(ctx, e, ix, every)
			} else if errors.Is(err, parallax.ErrUnsupported) {
				fmt.Fprintf(e.stderr, "note: %v; search is off\n", err)
			} else {
				return err
			}
			if token != "" {
				srv.Ingest = func(ctx context.Context, body io.Reader) (any, error) {
					return ingestBody(ctx, e, store, body)
				}
			}
			hs := srv.HTTPServer(addr)
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "serving http://%s/ (read-only: %t)\n", ln.Addr(), token == "")
			errc := make(chan error, 1)
			go func() { errc <- hs.Serve(ln) }()
			select {
			case err := <-errc:
				return err
			case <-ctx.Done():
				shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				defer cancel()
				return hs.Shutdown(shut)
			}
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "the address to listen on (loopback by default)")
	cmd.Flags().StringVar(&token, "token", e.getenv("PARALLAX_TOKEN"), "accept POST /api/ingest with this bearer token (env PARALLAX_TOKEN)")
	cmd.Flags().DurationVar(&every, "catch-up", 10*time.Second, "how often the search index catches up with the store")
	return cmd
}

// catchUpEvery keeps the index in step with articles other processes
// store, until ctx ends.
func catchUpEvery(ctx context.Context, e *env, ix parallax.Searcher, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := ix.CatchUp(ctx); err != nil && ctx.Err() == nil {
				fmt.Fprintf(e.stderr, "search catch-up: %v\n", err)
			}
		}
	}
}

// ingestBody ingests one POST body as `parallax analyze -` would: read,
// store, group; problems with records are returned in the summary.
func ingestBody(ctx context.Context, e *env, store parallax.Store, body io.Reader) (any, error) {
	var skipped bytes.Buffer
	// no db: the server holds the index and catches it up itself
	be := &env{stdin: body, stdout: io.Discard, stderr: &skipped, getenv: e.getenv}
	stats, err := ingest(ctx, be, store, []string{"-"}, ingestFlags{outlets: e.getenv("PARALLAX_OUTLETS")})
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return nil, fmt.Errorf("%w: %v", parallax.ErrTooLarge, err)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", parallax.ErrInvalid, err)
	}
	gst, err := group.Run(ctx, store, group.Options{})
	if err != nil {
		return nil, err
	}
	return map[string]any{"total": stats.Total(), "by_format": stats.ByFormat, "grouping": gst, "skipped": skipped.String()}, nil
}
