package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/parallaxhq/parallax/pipeline"
	"github.com/parallaxhq/parallax/read"
	"github.com/parallaxhq/parallax/watch"
)

func newWatchCommand(e *env) *cobra.Command {
	var (
		f        ingestFlags
		interval time.Duration
		once     bool
	)
	cmd := &cobra.Command{
		Use:   "watch FEEDS_FILE",
		Short: "Poll RSS/Atom feeds and ingest their items and article pages",
		Long: `Watch reads FEEDS_FILE (one feed URL a line; # starts a comment) and polls
every feed each --interval: a feed that changed is ingested, and every article
page it links to that was not fetched before is fetched and ingested. Requests
are conditional (ETag, Last-Modified), at most one every 2 s per host, with a
User-Agent naming Parallax, a 30 s timeout, retries with backoff, and a 16 MiB
cap per response. --once polls one round and exits.`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			feeds, err := watch.ReadFeeds(args[0])
			if err != nil {
				return usageError{err}
			}
			reg, err := outletRegistry(f.outlets)
			if err != nil {
				return err
			}
			prep, err := pipeline.NewPreparer(pipeline.Config{Outlets: reg})
			if err != nil {
				return err
			}
			store, err := openStore(cmd.Context(), e.db)
			if err != nil {
				return err
			}
			defer store.Close()
			w := &watch.Watcher{
				Feeds: feeds,
				Ingester: &pipeline.Ingester{
					Store:   store,
					Prepare: prep.Prepare,
					OnError: func(pe *read.ParseError) { fmt.Fprintf(e.stderr, "skipped: %v\n", pe) },
				},
				Log: e.stderr,
			}
			if !once {
				return w.Run(cmd.Context(), interval)
			}
			r, err := w.Poll(cmd.Context())
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "feeds %d (unchanged %d), pages %d, new articles %d, failed %d\n", r.Feeds, r.Unchanged, r.Pages, r.New, r.Failed)
			return nil
		},
	}
	cmd.Flags().StringVar(&f.outlets, "outlets", e.getenv("PARALLAX_OUTLETS"), "a JSON file of outlets that extends or overrides the embedded registry (env PARALLAX_OUTLETS)")
	cmd.Flags().DurationVar(&interval, "interval", watch.DefaultInterval, "time between two polls")
	cmd.Flags().BoolVar(&once, "once", false, "poll once and exit")
	return cmd
}
