package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/present"
)

func newEntitiesCommand(e *env) *cobra.Command {
	var f parallax.ArticleFilter
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "entities [--story ID]",
		Short: "List the named things of the stored articles, most mentioned first",
		Long: `Entities lists the people, organisations, places and other named things of
the stored articles (or one story's), one row per entity across articles,
with how often and in how many articles it is mentioned, and the names used.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			store, err := openStore(ctx, e.db)
			if err != nil {
				return err
			}
			defer store.Close()
			rows, err := present.CountEntities(store.Articles(ctx, f))
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(e.stdout, rows)
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tNAME\tKIND\tMENTIONS\tARTICLES\tNAMED AS")
			for _, r := range rows {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\n", present.Truncate(r.ID, 30), present.Truncate(r.Name, 30), r.Kind, r.Mentions, len(r.Articles), present.Truncate(strings.Join(r.Names, "; "), 60))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVar(&f.StoryID, "story", "", "only the entities of this story's articles")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	return cmd
}
