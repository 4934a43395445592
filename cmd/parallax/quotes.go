package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/present"
)

// quoteRow is one quote as `parallax quotes` lists it.
type quoteRow struct {
	parallax.Quote
	ArticleID string `json:"article"`
	Outlet    string `json:"outlet,omitempty"`
}

func newQuotesCommand(e *env) *cobra.Command {
	var f parallax.ArticleFilter
	var speaker string
	var asJSON, terms bool
	cmd := &cobra.Command{
		Use:   "quotes [--story ID] [--speaker NAME]",
		Short: "List the quotes of the stored articles, with their speakers",
		Long: `Quotes lists what the stored articles quote: direct quotes, transcript sound
bites and indirect speech, each with its speaker when one is found. Short
quoted terms (scare quotes) are left out unless --terms is given. --speaker
keeps the quotes whose speaker's name or ID contains NAME (case-insensitive).`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			store, err := openStore(ctx, e.db)
			if err != nil {
				return err
			}
			defer store.Close()
			want := strings.ToLower(speaker)
			rows := []quoteRow{}
			for a, err := range store.Articles(ctx, f) {
				if err != nil {
					return err
				}
				for _, q := range a.Quotes {
					if q.Kind == "term" && !terms {
						continue
					}
					if want != "" && !strings.Contains(strings.ToLower(q.Speaker), want) && !strings.Contains(q.SpeakerID, want) {
						continue
					}
					r := quoteRow{Quote: q, ArticleID: a.ID}
					if a.Outlet != nil {
						r.Outlet = a.Outlet.Name
					}
					rows = append(rows, r)
				}
			}
			if asJSON {
				return writeJSON(e.stdout, rows)
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "SPEAKER\tKIND\tQUOTE\tOUTLET\tARTICLE")
			for _, r := range rows {
				who := r.Speaker
				if who == "" {
					who = "?"
				}
				outlet := r.Outlet
				if outlet == "" {
					outlet = "unknown"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", present.Truncate(who, 24), r.Kind, present.Truncate(strings.Join(strings.Fields(r.Text), " "), 70), present.Truncate(outlet, 24), r.ArticleID)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVar(&f.StoryID, "story", "", "only the quotes of this story's articles")
	cmd.Flags().StringVar(&speaker, "speaker", "", "only the quotes of speakers whose name contains NAME")
	cmd.Flags().BoolVar(&terms, "terms", false, "also list short quoted terms (scare quotes)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	return cmd
}
