package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/present"
)

func newExportCommand(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export articles|stories [--format jsonl|csv]",
		Short: "Write stored records for other tools",
	}
	var format string
	var f parallax.ArticleFilter
	articles := &cobra.Command{
		Use:   "articles [--format jsonl|csv] [--story ID]",
		Short: "Write every article: one JSON object a line, or CSV with a header",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			var w articleWriter
			switch format {
			case "jsonl", "json":
				w = present.NewJSONLWriter(e.stdout)
			case "csv":
				w = present.NewCSVWriter(e.stdout)
			default:
				return usageError{fmt.Errorf("--format %q: want jsonl or csv", format)}
			}
			ctx := cmd.Context()
			store, err := openStore(ctx, e.db)
			if err != nil {
				return err
			}
			defer store.Close()
			for a, err := range store.Articles(ctx, f) {
				if err != nil {
					return err
				}
				if err := w.Write(a); err != nil {
					return err
				}
			}
			return w.Flush()
		},
	}
	articles.Flags().StringVar(&format, "format", "jsonl", "jsonl or csv")
	articles.Flags().StringVar(&f.StoryID, "story", "", "only the articles of this story")
	var storyFormat string
	stories := &cobra.Command{
		Use:   "stories [--format jsonl|csv]",
		Short: "Write every story: one JSON object a line, or CSV with a header",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			var w interface {
				Write(*parallax.Story) error
				Flush() error
			}
			switch storyFormat {
			case "jsonl", "json":
				w = present.NewStoryJSONLWriter(e.stdout)
			case "csv":
				w = present.NewStoryCSVWriter(e.stdout)
			default:
				return usageError{fmt.Errorf("--format %q: want jsonl or csv", storyFormat)}
			}
			ctx := cmd.Context()
			store, err := openStore(ctx, e.db)
			if err != nil {
				return err
			}
			defer store.Close()
			for st, err := range store.Stories(ctx, 0) {
				if err != nil {
					return err
				}
				if err := w.Write(st); err != nil {
					return err
				}
			}
			return w.Flush()
		},
	}
	stories.Flags().StringVar(&storyFormat, "format", "jsonl", "jsonl or csv")
	cmd.AddCommand(articles, stories)
	return cmd
}

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
