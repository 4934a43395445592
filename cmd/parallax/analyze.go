package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/group"
	"github.com/parallaxhq/parallax/present"
)

func newAnalyzeCommand(e *env) *cobra.Command {
	var f ingestFlags
	cmd := &cobra.Command{
		Use:   "analyze PATH...",
		Short: "Ingest inputs and show what came out of them",
		Long: `Analyze is the one-shot command: it ingests the inputs into the store, groups
the articles into stories, then prints the ingest summary, the stories, and the
articles read, with their outlet, date and title.`,
		Args: minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			store, err := openStore(ctx, e.db)
			if err != nil {
				return err
			}
			defer store.Close()
			stats, err := ingest(ctx, e, store, args, f)
			if err != nil {
				return err
			}
			if err := printIngestSummary(e.stdout, stats, false); err != nil {
				return err
			}
			gst, err := group.Run(ctx, store, group.Options{})
			if err != nil {
				return err
			}
			fmt.Fprintln(e.stdout)
			if err := printGroupStats(e.stdout, gst, false); err != nil {
				return err
			}
			fmt.Fprintln(e.stdout)
			if err := writeStoriesTable(ctx, e.stdout, store, 0); err != nil {
				return err
			}
			fmt.Fprintln(e.stdout)
			table := present.NewArticleTable(e.stdout)
			for a, err := range store.Articles(ctx, parallax.ArticleFilter{}) {
				if err != nil {
					return err
				}
				if err := table.Write(a); err != nil {
					return err
				}
			}
			return table.Flush()
		},
	}
	f.register(cmd, e)
	return cmd
}
