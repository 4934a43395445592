package search

import (
	"context"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// filtered is a text query restricted by filters that take no part in its
// scores.
//
// Bleve's own filter clause (BooleanQuery.AddFilter) builds each filter's
// set of articles up front, ORing the posting lists of a filter of several
// terms (a date range, several outlets), and checks each match of the
// text against it after scoring the match. Here the text and the filters
// step through their matches together, each skipping ahead to the
// others' next candidate (Bleve's conjunction searcher), so a filter costs
// a skip per candidate rather than a pass over its articles, and a
// disjunction steps through its members rather than joining them: a date
// range over half the corpus no longer costs a union of half the corpus.
// A filter is not joined to the AND of the text's posting bitmaps either:
// that would make the iterators of the text's words walk their posting
// lists to the filter's articles, which costs more than the scores it
// saves.
//
// The filters weigh nothing and score zero, so the text's scores are those
// it has alone (TestFilteredSameHits).
type filtered struct {
	text    query.Query
	filters []query.Query
}

// Searcher implements query.Query.
func (q *filtered) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	t, err := q.text.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	ss := []search.Searcher{t}
	// A text whose words the analyzer all dropped matches nothing; as in
	// Bleve's filter clause, the filters alone then decide.
	if _, none := t.(*searcher.MatchNoneSearcher); none && len(q.filters) > 0 {
		ss = ss[:0]
	}
	for _, f := range q.filters {
		s, err := filterSearcher(ctx, r, m, f)
		if err != nil {
			closeAll(ss)
			return nil, err
		}
		ss = append(ss, s)
	}
	if len(ss) == 1 {
		return ss[0], nil
	}
	return searcher.NewConjunctionSearcher(ctx, r, ss, opts)
}

// Validate implements query.ValidatableQuery.
func (q *filtered) Validate() error {
	for _, c := range append([]query.Query{q.text}, q.filters...) {
		if v, ok := c.(query.ValidatableQuery); ok {
			if err := v.Validate(); err != nil {
				return err
			}
		}
	}
	return nil
}

// filterSearcher returns the unscored searcher of a filter; a disjunction
// steps through its members.
func filterSearcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, f query.Query) (search.Searcher, error) {
	none := search.SearcherOptions{Score: "none"}
	d, ok := f.(*query.DisjunctionQuery)
	if !ok {
		s, err := f.Searcher(ctx, r, m, none)
		if err != nil {
			return nil, err
		}
		return unscored{s}, nil
	}
	members := make([]search.Searcher, 0, len(d.Disjuncts))
	for _, q := range d.Disjuncts {
		s, err := filterSearcher(ctx, r, m, q)
		if err != nil {
			closeAll(members)
			return nil, err
		}
		members = append(members, s)
	}
	// Bleve ORs the posting bitmaps of an unscored disjunction up front;
	// one that is asked for (zero) scores steps through its members.
	s, err := searcher.NewDisjunctionSearcher(ctx, r, members, 0, search.SearcherOptions{})
	if err != nil {
		return nil, err
	}
	return unscored{s}, nil
}

// closeAll closes the searchers built before one failed.
func closeAll(ss []search.Searcher) {
	for _, s := range ss {
		_ = s.Close()
	}
}

// unscored is a filter's searcher: it scores zero (it is built without
// scores) and weighs nothing, so that in a conjunction it leaves the query
// norm, and so the scores of the other clauses, as they are without it.
type unscored struct{ search.Searcher }

func (unscored) Weight() float64 { return 0 }
