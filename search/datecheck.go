package search

import (
	"context"
	"time"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// dateCheck keeps the matches of a query published within a range of days,
// reading each match's publication day, month and year from the index's
// doc values. An article dated only to its month or year counts as
// published on its first day, as PostgreSQL's search counts it; an undated
// one never passes.
//
// Checking each match costs in proportion to the matches. A filter clause
// (a set of terms, or Bleve's numeric range) costs in proportion to the
// articles in the range, all of whose posting lists Bleve ORs together
// before the first match: at 1 M articles and half a year, that was most
// of a query's time.
type dateCheck struct {
	query.Query
	from, to string // YYYY-MM-DD; "" leaves that end open
}

func newDateCheck(q query.Query, from, to time.Time) dateCheck {
	c := dateCheck{Query: q}
	if !from.IsZero() {
		c.from = from.Format(time.DateOnly)
	}
	if !to.IsZero() {
		c.to = to.Format(time.DateOnly)
	}
	return c
}

// Searcher wraps the query's searcher in one that checks each match.
func (c dateCheck) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, o search.SearcherOptions) (search.Searcher, error) {
	s, err := c.Query.Searcher(ctx, r, m, o)
	if err != nil {
		return nil, err
	}
	dv, err := r.DocValueReader([]string{"day", "month", "year"})
	if err != nil {
		s.Close()
		return nil, err
	}
	return searcher.NewFilteringSearcher(ctx, s, func(_ *search.SearchContext, d *search.DocumentMatch) bool {
		var day, month, year string
		if err := dv.VisitDocValues(d.IndexInternalID, func(field string, term []byte) {
			switch field {
			case "day":
				day = string(term)
			case "month":
				month = string(term)
			case "year":
				year = string(term)
			}
		}); err != nil {
			return false
		}
		switch {
		case day != "":
			return c.within(day)
		case month != "":
			return c.within(month + "-01")
		case year != "":
			return c.within(year + "-01-01")
		}
		return false
	}), nil
}

// within reports whether a day (YYYY-MM-DD) is in the range.
func (c dateCheck) within(day string) bool {
	return (c.from == "" || day >= c.from) && (c.to == "" || day <= c.to)
}
