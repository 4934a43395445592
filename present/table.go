package present

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/parallaxhq/parallax"
)

// Truncate shortens s to at most n runes, marking a cut with "…".
func Truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// ArticleTable writes articles as a terminal table, one row each.
type ArticleTable struct {
	tw   *tabwriter.Writer
	rows int
}

// NewArticleTable starts a table on w.
func NewArticleTable(w io.Writer) *ArticleTable {
	return &ArticleTable{tw: tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)}
}

// Write adds one article's row.
func (t *ArticleTable) Write(a *parallax.Article) error {
	if t.rows == 0 {
		fmt.Fprintln(t.tw, "ID\tPUBLISHED\tOUTLET\tFORMAT\tTITLE")
	}
	t.rows++
	outlet := "-"
	if a.Outlet != nil {
		outlet = a.Outlet.Name
	}
	published := a.Published.String()
	if published == "" {
		published = "unknown"
	} else if len(published) > 10 {
		published = published[:10]
	}
	title := a.Title
	if title == "" {
		title = "(untitled) " + Truncate(a.Text(), 50)
	}
	_, err := fmt.Fprintf(t.tw, "%s\t%s\t%s\t%s\t%s\n", a.ID, published, Truncate(outlet, 28), a.Format, Truncate(strings.Join(strings.Fields(title), " "), 70))
	return err
}

// Flush writes the table out.
func (t *ArticleTable) Flush() error { return t.tw.Flush() }

// Span renders a time span of dates, "undated" when unknown.
func Span(first, last time.Time) string {
	switch {
	case first.IsZero():
		return "undated"
	case first.Format(time.DateOnly) == last.Format(time.DateOnly):
		return first.Format(time.DateOnly)
	}
	return first.Format(time.DateOnly) + " … " + last.Format(time.DateOnly)
}

// JoinOutlets lists names with ", ", or "-" for none.
func JoinOutlets(names []string) string {
	if len(names) == 0 {
		return "-"
	}
	return strings.Join(names, ", ")
}
