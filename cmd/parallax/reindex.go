package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/parallaxhq/parallax/postgres"
	"github.com/parallaxhq/parallax/search"
)

func newReindexCommand(e *env) *cobra.Command {
	var batch int
	cmd := &cobra.Command{
		Use:   "reindex",
		Short: "Rebuild the search index from the store",
		Long: `Reindex throws the search index away (the store's path + ".bleve") and
builds it again from every stored article. The store is the record; the index
can always be rebuilt. Stop a running parallax serve first: it holds the index.
On a PostgreSQL store it rebuilds the full-text tables (search_docs,
search_terms) in the store's schema; servers may keep running.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			store, err := openStore(ctx, e.db)
			if err != nil {
				return err
			}
			defer store.Close()
			if pg, ok := store.(*postgres.Store); ok {
				start := time.Now()
				x := postgres.NewSearcher(pg)
				x.BatchSize = batch
				n, err := x.Rebuild(ctx)
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "indexed %d articles into PostgreSQL full text in %s\n", n, time.Since(start).Round(time.Millisecond))
				return nil
			}
			path, err := search.Path(e.db)
			if err != nil {
				return err
			}
			start := time.Now()
			ix, n, err := search.Rebuild(ctx, store, path, batch)
			if err != nil {
				return err
			}
			if err := ix.Close(); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "indexed %d articles into %s in %s\n", n, path, time.Since(start).Round(time.Millisecond))
			return nil
		},
	}
	cmd.Flags().IntVar(&batch, "batch", search.DefaultBatchSize, "articles per index batch (memory grows with it)")
	return cmd
}
