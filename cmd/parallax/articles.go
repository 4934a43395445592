package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/present"
)

func newArticlesCommand(e *env) *cobra.Command {
	var f parallax.ArticleFilter
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "articles [--story ID]",
		Short: "List the stored articles",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			store, err := openStore(ctx, e.db)
			if err != nil {
				return err
			}
			defer store.Close()
			var w articleWriter = present.NewArticleTable(e.stdout)
			if asJSON {
				w = newJSONArrayWriter(e.stdout)
			}
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
	cmd.Flags().StringVar(&f.StoryID, "story", "", "only the articles of this story")
	cmd.Flags().IntVar(&f.Limit, "limit", 0, "at most this many (0: all)")
	cmd.Flags().IntVar(&f.Offset, "offset", 0, "skip this many first")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array of export records")
	return cmd
}

// articleWriter is what listings and exports write articles to.
type articleWriter interface {
	Write(*parallax.Article) error
	Flush() error
}

// jsonArrayWriter streams export records as one JSON array.
type jsonArrayWriter struct {
	w     io.Writer
	lines *present.JSONLWriter
	n     int
}

func newJSONArrayWriter(w io.Writer) *jsonArrayWriter {
	return &jsonArrayWriter{w: w, lines: present.NewJSONLWriter(w)}
}

func (j *jsonArrayWriter) Write(a *parallax.Article) error {
	sep := ","
	if j.n == 0 {
		sep = "["
	}
	j.n++
	if _, err := io.WriteString(j.w, sep); err != nil {
		return err
	}
	return j.lines.Write(a)
}

func (j *jsonArrayWriter) Flush() error {
	if j.n == 0 {
		_, err := io.WriteString(j.w, "[]\n")
		return err
	}
	_, err := io.WriteString(j.w, "]\n")
	return err
}

func newArticleCommand(e *env) *cobra.Command {
	var raw, asJSON bool
	cmd := &cobra.Command{
		Use:   "article ID [--raw]",
		Short: "Show one article, repaired (or as received with --raw)",
		Args:  exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			store, err := openStore(ctx, e.db)
			if err != nil {
				return err
			}
			defer store.Close()
			if raw {
				b, err := store.RawArticle(ctx, args[0])
				if err != nil {
					return err
				}
				_, err = e.stdout.Write(b)
				return err
			}
			a, err := store.Article(ctx, args[0])
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(e.stdout, a)
			}
			return writeArticle(e.stdout, a)
		},
	}
	cmd.Flags().BoolVar(&raw, "raw", false, "print the bytes exactly as received")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the article as JSON, with its repairs and asides")
	return cmd
}

// writeArticle prints an article for people: what is known about it and
// where from, what was repaired, then the text.
func writeArticle(w io.Writer, a *parallax.Article) error {
	field := func(name, value string) {
		if value != "" {
			fmt.Fprintf(w, "%-10s %s\n", name, value)
		}
	}
	field("id", a.ID)
	field("title", a.Title)
	if o := a.Outlet; o != nil {
		state := ""
		if o.StateAffiliated {
			state = ", state-affiliated"
		}
		field("outlet", fmt.Sprintf("%s (%s%s; from %s)", o.Name, o.Country, state, o.Source))
	} else {
		field("outlet", "unknown")
	}
	if a.Published.IsZero() {
		field("published", "unknown")
	} else {
		field("published", fmt.Sprintf("%s (from %s, %s precision)", a.Published, a.Published.Source, a.Published.Precision))
	}
	field("byline", a.Byline)
	field("credits", strings.Join(a.Credits, "; "))
	field("url", a.URL)
	field("external", a.ExternalID)
	field("language", a.Language)
	field("format", string(a.Format))
	for _, l := range a.Locations {
		field("read from", fmt.Sprintf("%s (record %d, line %d, byte %d)", l.Path, l.Index, l.Line, l.Offset))
	}
	for _, r := range a.Repairs {
		ex := ""
		if len(r.Examples) > 0 {
			ex = fmt.Sprintf(": %q → %q", r.Examples[0].Before, r.Examples[0].After)
		}
		field("repaired", fmt.Sprintf("%s ×%d%s", r.Kind, r.Count, ex))
	}
	for _, s := range a.Signals {
		field("signal", fmt.Sprintf("%s: %s", s.Kind, s.Detail))
	}
	for _, as := range a.Asides {
		field("aside", fmt.Sprintf("[%s] %s", as.Kind, present.Truncate(as.Text, 100)))
	}
	fmt.Fprintln(w)
	for _, p := range a.Paragraphs {
		switch p.Kind {
		case parallax.ParagraphHeading:
			fmt.Fprintf(w, "## %s\n\n", p.Text)
		case parallax.ParagraphSoundBite:
			fmt.Fprintf(w, "[%s] %s\n\n", p.Speaker, p.Text)
		default:
			fmt.Fprintf(w, "%s\n\n", p.Text)
		}
	}
	return nil
}
