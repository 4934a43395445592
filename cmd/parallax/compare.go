package main

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/compare"
	"github.com/parallaxhq/parallax/present"
)

// defaultBackgroundSample bounds the stored articles the background term
// model is built from; framingSample of them (and the story's own) are
// tokenised for the framing prior, the rest count through the fingerprint
// computed at ingest, which costs next to nothing.
const (
	defaultBackgroundSample = 1000
	framingSample           = 100
)

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
story's own): the first 100 and the story's own are read in full, the others
through the fingerprint stored at ingest.`,
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
			c, err := compareStory(ctx, store, args[0], sample)
			if err != nil {
				return err
			}
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
// compareStory compares one stored story against a background of up to
// sample stored articles.
func compareStory(ctx context.Context, store parallax.Store, id string, sample int) (*compare.Comparison, error) {
	story, err := store.Story(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("story %s: %w", id, err)
	}
	var articles []*parallax.Article
	for a, err := range store.Articles(ctx, parallax.ArticleFilter{StoryID: story.ID}) {
		if err != nil {
			return nil, err
		}
		articles = append(articles, a)
	}
	if len(articles) == 0 {
		return nil, fmt.Errorf("story %s: no articles: %w", story.ID, parallax.ErrNotFound)
	}
	bg := compare.NewBackground()
	seen := map[string]bool{}
	if sample > 0 {
		n := 0
		for a, err := range store.Articles(ctx, parallax.ArticleFilter{Limit: sample}) {
			if err != nil {
				return nil, err
			}
			seen[a.ID] = true
			if n < framingSample || !bg.AddFingerprint(a) {
				bg.Add(a)
				n++
			}
		}
	}
	for _, a := range articles {
		if !seen[a.ID] {
			bg.Add(a)
		}
	}
	c := compare.Compare(articles, compare.Options{Background: bg})
	c.Story = story
	return c, nil
}

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
