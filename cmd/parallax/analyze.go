package main

import (
	"fmt"

	"github.com/spf13/cobra"

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
comparison of the largest story across its outlets.`,
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
			for largest, err := range store.Stories(ctx, 1) {
				if err != nil {
					return err
				}
				c, err := compareStory(ctx, store, largest.ID, defaultBackgroundSample)
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "\nThe largest story, compared (parallax compare %s):\n\n", largest.ID)
				return present.WriteComparison(e.stdout, c)
			}
			return nil
		},
	}
	f.register(cmd, e)
	return cmd
}
