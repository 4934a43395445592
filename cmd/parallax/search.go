package main

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/postgres"
	"github.com/parallaxhq/parallax/present"
	"github.com/parallaxhq/parallax/search"
)

func newSearchCommand(e *env) *cobra.Command {
	var q parallax.SearchQuery
	var from, to, state string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "search QUERY [--outlet O] [--from D] [--to D] [--story ID] [--limit N]",
		Short: "Search the stored articles, best matches first (BM25)",
		Long: `Search ranks the stored articles by BM25 on a Bleve index kept beside the
store (its path + ".bleve"), or on a PostgreSQL store, PostgreSQL's full text
re-ranked by BM25; the index is brought up to date first.

QUERY: words (all of them must match; OR for either), "exact phrases",
AND, OR, NOT (upper case), +required, -excluded, prefix*,
and field:value for the fields outlet, country, language, entity, day.
An empty QUERY ("") lists every article that passes the filters.`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			q.Text, q.Facets = args[0], true
			var err error
			if q.From, err = parseDay("--from", from); err != nil {
				return err
			}
			if q.To, err = parseDay("--to", to); err != nil {
				return err
			}
			switch state {
			case "":
			case "yes", "true":
				yes := true
				q.StateAffiliated = &yes
			case "no", "false":
				no := false
				q.StateAffiliated = &no
			default:
				return usageError{fmt.Errorf("--state-affiliated %q: want yes or no", state)}
			}
			if q.Limit < 1 || q.Limit > search.MaxLimit {
				return usageError{fmt.Errorf("--limit %d: want 1 … %d", q.Limit, search.MaxLimit)}
			}
			ctx := cmd.Context()
			store, err := openStore(ctx, e.db)
			if err != nil {
				return err
			}
			defer store.Close()
			ix, err := openSearch(ctx, e.db, store)
			if err != nil {
				return err
			}
			defer ix.Close()
			res, err := ix.Search(ctx, q)
			if errors.Is(err, parallax.ErrInvalid) {
				return usageError{err}
			}
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(e.stdout, res)
			}
			return writeSearchResult(e.stdout, res, q.Offset)
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&q.Outlets, "outlet", nil, "only articles of this outlet (id or name; repeat for several)")
	f.StringVar(&q.Country, "country", "", "only articles of outlets of this country (ISO code)")
	f.StringVar(&state, "state-affiliated", "", "yes: only state-affiliated outlets; no: only the others")
	f.StringVar(&from, "from", "", "only articles published on or after this day (YYYY-MM-DD)")
	f.StringVar(&to, "to", "", "only articles published on or before this day (YYYY-MM-DD)")
	f.StringVar(&q.StoryID, "story", "", "only articles of this story")
	f.StringVar(&q.EntityID, "entity", "", "only articles naming this entity (its id)")
	f.StringVar(&q.Language, "language", "", "only articles in this language (ISO 639-1)")
	f.IntVar(&q.Limit, "limit", 10, "at most this many hits")
	f.IntVar(&q.Offset, "offset", 0, "skip this many first hits")
	f.BoolVar(&asJSON, "json", false, "print the hits and facets as JSON")
	return cmd
}

func parseDay(flag, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return t, usageError{fmt.Errorf("%s %q: want YYYY-MM-DD", flag, s)}
	}
	return t, nil
}

// openSearch opens the searcher of the store dsn names and catches it up
// with the store: PostgreSQL's full text for a PostgreSQL store, the Bleve
// index beside it for a SQLite store.
func openSearch(ctx context.Context, dsn string, store parallax.Store) (parallax.Searcher, error) {
	var ix parallax.Searcher
	if pg, ok := store.(*postgres.Store); ok {
		ix = postgres.NewSearcher(pg)
	} else {
		path, err := search.Path(dsn)
		if err != nil {
			return nil, err
		}
		if ix, err = search.Open(store, path); err != nil {
			return nil, err
		}
	}
	if _, err := ix.CatchUp(ctx); err != nil {
		ix.Close()
		return nil, err
	}
	return ix, nil
}

// catchUpSearch brings the searcher of the store up to date after the
// store changed. The index is derived: when it cannot be reached (a
// running server holding a Bleve index, which catches up itself, or a
// store opened without --db) nothing is lost, and the next search catches
// up.
func catchUpSearch(ctx context.Context, e *env, store parallax.Store) {
	var ix parallax.Searcher
	var err error
	if pg, ok := store.(*postgres.Store); ok {
		if e.db == "" {
			return // the server's own ingest: it catches up itself
		}
		ix = postgres.NewSearcher(pg)
	} else {
		path, perr := search.Path(e.db)
		if perr != nil {
			return
		}
		ix, err = search.Open(store, path)
		if errors.Is(err, search.ErrBusy) {
			return
		}
	}
	if err == nil {
		_, err = ix.CatchUp(ctx)
		if cerr := ix.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "warning: search index not updated: %v (the next search catches up; `parallax reindex` rebuilds it)\n", err)
	}
}

// writeSearchResult prints hits for people: title, where from, the
// snippets with the matched words in «», then the facets.
func writeSearchResult(w io.Writer, r *parallax.SearchResult, offset int) error {
	fmt.Fprintf(w, "%d matches (%s)\n", r.Total, r.Took.Round(time.Microsecond))
	for i, h := range r.Hits {
		title := h.Title
		if title == "" {
			title = "(untitled)"
		}
		fmt.Fprintf(w, "\n%d. %s  [%s]\n", offset+i+1, present.Truncate(title, 100), h.ID)
		outlet := "unknown outlet"
		if h.Outlet != nil {
			outlet = h.Outlet.Name
		}
		meta := []string{outlet, cmpOr(h.Published, "undated")}
		if h.StoryID != "" {
			meta = append(meta, "story "+h.StoryID)
		}
		meta = append(meta, fmt.Sprintf("score %.2f", h.Score))
		fmt.Fprintf(w, "   %s\n", strings.Join(meta, " · "))
		for _, s := range h.Snippets {
			fmt.Fprintf(w, "   %s\n", snippetText(s))
		}
	}
	if len(r.Facets.Outlets) > 0 {
		var parts []string
		for _, f := range r.Facets.Outlets {
			parts = append(parts, fmt.Sprintf("%s %d", f.Value, f.Count))
		}
		if r.Facets.UnknownOutlet > 0 {
			parts = append(parts, fmt.Sprintf("unknown %d", r.Facets.UnknownOutlet))
		}
		fmt.Fprintf(w, "\nby outlet: %s\n", strings.Join(parts, ", "))
	}
	if len(r.Facets.Days) > 0 {
		var parts []string
		for _, f := range r.Facets.Days {
			parts = append(parts, fmt.Sprintf("%s %d", f.Value, f.Count))
		}
		if r.Facets.UnknownDay > 0 {
			parts = append(parts, fmt.Sprintf("undated %d", r.Facets.UnknownDay))
		}
		fmt.Fprintf(w, "by day: %s\n", strings.Join(parts, ", "))
	}
	return nil
}

// snippetText turns a highlighted HTML fragment into one line of text
// with the matched words in «».
func snippetText(s string) string {
	s = strings.NewReplacer("<mark>", "«", "</mark>", "»").Replace(s)
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
