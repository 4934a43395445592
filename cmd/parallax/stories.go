package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/group"
	"github.com/parallaxhq/parallax/present"
)

func newGroupCommand(e *env) *cobra.Command {
	return newGroupingCommand(e, false, &cobra.Command{
		Use:   "group",
		Short: "Group the articles not yet in a story into stories",
		Long: `Group puts every article that is in no story yet into one: the story it
reports, or a new one. Copies, near-copies and disguised rewrites are marked
as signals on the article. Articles already grouped stay where they are.`,
	})
}

func newRegroupCommand(e *env) *cobra.Command {
	return newGroupingCommand(e, true, &cobra.Command{
		Use:   "regroup",
		Short: "Rebuild every story from the stored articles",
	})
}

// newGroupingCommand completes group and regroup, which differ only in
// whether the stories are cleared first.
func newGroupingCommand(e *env, clear bool, cmd *cobra.Command) *cobra.Command {
	var asJSON bool
	cmd.Args = exactArgs(0)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		store, err := openStore(cmd.Context(), e.db)
		if err != nil {
			return err
		}
		defer store.Close()
		if clear {
			if err := store.ClearStories(cmd.Context()); err != nil {
				return err
			}
		}
		st, err := group.Run(cmd.Context(), store, group.Options{})
		if err != nil {
			return err
		}
		return printGroupStats(e.stdout, st, asJSON)
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the summary as JSON")
	return cmd
}

func printGroupStats(w io.Writer, st group.Stats, asJSON bool) error {
	if asJSON {
		return writeJSON(w, st)
	}
	_, err := fmt.Fprintf(w, "grouped %d of %d articles: %d new stories, %d copies or rewrites\n", st.Grouped, st.Articles, st.NewStories, st.Copies)
	return err
}

func newStoriesCommand(e *env) *cobra.Command {
	var asJSON bool
	var limit int
	cmd := &cobra.Command{
		Use:   "stories",
		Short: "List the stories, largest first",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			store, err := openStore(cmd.Context(), e.db)
			if err != nil {
				return err
			}
			defer store.Close()
			if asJSON {
				return writeStoriesJSON(cmd.Context(), e.stdout, store, limit)
			}
			return writeStoriesTable(cmd.Context(), e.stdout, store, limit)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	cmd.Flags().IntVar(&limit, "limit", 0, "at most this many (0: all)")
	return cmd
}

func writeStoriesTable(ctx context.Context, w io.Writer, store parallax.Store, limit int) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "STORY\tARTICLES\tSPAN\tOUTLETS\tHEADLINE")
	for st, err := range store.Stories(ctx, limit) {
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\n", st.ID, len(st.Articles), present.Span(st.FirstSeen, st.LastSeen),
			present.Truncate(present.JoinOutlets(st.Outlets), 40), present.Truncate(st.Headline, 70))
	}
	return tw.Flush()
}

func writeStoriesJSON(ctx context.Context, w io.Writer, store parallax.Store, limit int) error {
	out := []*parallax.Story{}
	for st, err := range store.Stories(ctx, limit) {
		if err != nil {
			return err
		}
		out = append(out, st)
	}
	return writeJSON(w, out)
}

func newStoryCommand(e *env) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "story ID",
		Short: "Show one story and its articles",
		Args:  exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			store, err := openStore(ctx, e.db)
			if err != nil {
				return err
			}
			defer store.Close()
			st, err := store.Story(ctx, args[0])
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(e.stdout, st)
			}
			fmt.Fprintf(e.stdout, "%s\n%s · %d articles · %s\noutlets: %s\nterms: %s\n\n", st.Headline, st.ID, len(st.Articles),
				present.Span(st.FirstSeen, st.LastSeen), present.JoinOutlets(st.Outlets), present.JoinOutlets(st.Terms))
			table := present.NewArticleTable(e.stdout)
			for a, err := range store.Articles(ctx, parallax.ArticleFilter{StoryID: st.ID}) {
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
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the story as JSON")
	return cmd
}
