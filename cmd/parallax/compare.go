package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/compare"
	"github.com/parallaxhq/parallax/present"
)

// defaultBackgroundSample bounds the stored articles the background term
// model is built from.
const defaultBackgroundSample = 1000

func newCompareCommand(e *env) *cobra.Command {
	var asJSON bool
	var htmlPath string
	var sample int
	cmd := &cobra.Command{
		Use:   "compare STORY [--json] [--html FILE]",
		Short: "Compare how the outlets of one story report it",
		Long: `Compare the articles of one story: the facts each outlet reports (the
coverage matrix), what only one outlet reports, what each leaves out that most
others report, one utterance quoted in several wordings, the terms each outlet
prefers, names given to one thing, and tone.

Words are weighed against a background term model built from a bounded sample
of the stored articles (--background N, the first N in ingest order, plus the
story's own).`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if sample < 0 {
				return usageError{fmt.Errorf("--background %d: want 0 or more", sample)}
			}
			ctx := cmd.Context()
			store, err := openStore(ctx, e.db)
			if err != nil {
				return err
			}
			defer store.Close()
			story, err := store.Story(ctx, args[0])
			if err != nil {
				return fmt.Errorf("story %s: %w", args[0], err)
			}
			var articles []*parallax.Article
			for a, err := range store.Articles(ctx, parallax.ArticleFilter{StoryID: story.ID}) {
				if err != nil {
					return err
				}
				articles = append(articles, a)
			}
			if len(articles) == 0 {
				return fmt.Errorf("story %s: no articles: %w", story.ID, parallax.ErrNotFound)
			}
			bg := compare.NewBackground()
			seen := map[string]bool{}
			if sample > 0 {
				for a, err := range store.Articles(ctx, parallax.ArticleFilter{Limit: sample}) {
					if err != nil {
						return err
					}
					seen[a.ID] = true
					bg.Add(a)
				}
			}
			for _, a := range articles {
				if !seen[a.ID] {
					bg.Add(a)
				}
			}
			c := compare.Compare(articles, compare.Options{Background: bg})
			c.Story = story
			if htmlPath != "" {
				if err := writeHTMLReport(htmlPath, c); err != nil {
					return err
				}
			}
			if asJSON {
				return present.WriteComparisonJSON(e.stdout, c)
			}
			if htmlPath != "" {
				fmt.Fprintf(e.stderr, "wrote %s\n", htmlPath)
			}
			return present.WriteComparison(e.stdout, c)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the whole comparison as JSON")
	cmd.Flags().StringVar(&htmlPath, "html", "", "also write a self-contained HTML report to `FILE`")
	cmd.Flags().IntVar(&sample, "background", defaultBackgroundSample, "stored articles sampled for the background term model (`N`; 0: the story only)")
	return cmd
}

// writeHTMLReport writes the report to path, removing a partial file on
// failure.
func writeHTMLReport(path string, c *compare.Comparison) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("--html: %w", err)
	}
	if err := present.WriteComparisonHTML(f, c); err != nil {
		f.Close()
		os.Remove(path)
		return fmt.Errorf("--html %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("--html %s: %w", path, err)
	}
	return nil
}
