package search

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/parallaxhq/parallax"
)

// Limits of one query.
const (
	DefaultLimit = 10
	MaxLimit     = 100
	// maxWindow bounds Offset+Limit: deep pages cost Bleve a heap that size.
	maxWindow = 10000
	// facetSize is how many outlets and days the facets list.
	facetSize = 50
)

// Search runs a query: the query string ranked by BM25, restricted by the
// filters, with highlighted snippets and facet counts over every match.
func (ix *Index) Search(ctx context.Context, q parallax.SearchQuery) (*parallax.SearchResult, error) {
	start := time.Now()
	req, text, err := ix.request(ctx, q)
	if err != nil {
		return nil, err
	}
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	out := &parallax.SearchResult{Total: int(res.Total), Hits: []parallax.SearchHit{}}
	for _, h := range res.Hits {
		hit := parallax.SearchHit{ID: h.ID, Score: h.Score}
		hit.Title, _ = h.Fields["title"].(string)
		hit.Published, _ = h.Fields["published"].(string)
		hit.Language, _ = h.Fields["language"].(string)
		if id, _ := h.Fields["outlet"].(string); id != "" {
			o := &parallax.OutletRef{ID: id}
			o.Name, _ = h.Fields["outlet_name"].(string)
			o.Country, _ = h.Fields["country"].(string)
			o.StateAffiliated, _ = h.Fields["state"].(bool)
			hit.Outlet = o
		}
		out.Hits = append(out.Hits, hit)
	}
	// The snippets (from the index) and the story ids (from the store)
	// are read at the same time.
	var snippets map[string][]string
	var snipErr error
	var wg sync.WaitGroup
	wg.Go(func() { snippets, snipErr = ix.snippets(ctx, text, res.Hits) })
	storyErr := ix.stories(ctx, out.Hits)
	wg.Wait()
	if err := cmp.Or(snipErr, storyErr); err != nil {
		return nil, err
	}
	for i := range out.Hits {
		out.Hits[i].Snippets = snippets[out.Hits[i].ID]
		if out.Hits[i].Snippets == nil {
			out.Hits[i].Snippets = []string{}
		}
	}
	out.Facets = facets(res.Facets)
	out.Took = time.Since(start)
	return out, nil
}

// snippets highlights the text query's matches in the page's hits only: a
// second query over their ids, so that the term positions highlighting
// needs are read for a page of articles, not for every match.
func (ix *Index) snippets(ctx context.Context, text query.Query, hits search.DocumentMatchCollection) (map[string][]string, error) {
	if len(hits) == 0 {
		return nil, nil
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	if leaves := highlighted(text, nil); len(leaves) > 0 {
		text = bleve.NewDisjunctionQuery(leaves...)
	}
	res, err := ix.idx.SearchInContext(ctx, highlightRequest(ids, text))
	if err != nil {
		return nil, fmt.Errorf("search: snippets: %w", err)
	}
	out := make(map[string][]string, len(res.Hits))
	for _, h := range res.Hits {
		out[h.ID] = h.Fragments["text"]
	}
	return out, nil
}

// highlightRequest asks for the articles ids that q matches, with the
// matches of q in their text highlighted.
func highlightRequest(ids []string, q query.Query) *bleve.SearchRequest {
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(bleve.NewDocIDQuery(ids), q), len(ids), 0, false)
	req.Highlight = bleve.NewHighlightWithStyle(html.Name)
	req.Highlight.AddField("text")
	return req
}

// highlighted appends to leaves the clauses of q whose matches Bleve
// highlights: all but those under NOT. In a hit of q, each matches where it
// matches as a clause of q, so their disjunction highlights a hit as q
// does, without q's conjunctions, whose posting bitmaps Bleve would AND
// over the whole index to find a page of articles.
func highlighted(q query.Query, leaves []query.Query) []query.Query {
	switch q := q.(type) {
	case *query.BooleanQuery:
		for _, c := range []query.Query{q.Must, q.Should} {
			if c != nil {
				leaves = highlighted(c, leaves)
			}
		}
	case *query.ConjunctionQuery:
		for _, c := range q.Conjuncts {
			leaves = highlighted(c, leaves)
		}
	case *query.DisjunctionQuery:
		for _, c := range q.Disjuncts {
			leaves = highlighted(c, leaves)
		}
	default:
		leaves = append(leaves, q)
	}
	return leaves
}

// stories fills each hit's story id from the store, which is the record of
// grouping.
func (ix *Index) stories(ctx context.Context, hits []parallax.SearchHit) error {
	if len(hits) == 0 {
		return nil
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	of, err := ix.store.StoriesOf(ctx, ids)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	for i := range hits {
		hits[i].StoryID = of[hits[i].ID]
	}
	return nil
}

// request builds the Bleve request of a query and returns it with the
// text part of the query.
func (ix *Index) request(ctx context.Context, q parallax.SearchQuery) (*bleve.SearchRequest, query.Query, error) {
	if q.Limit < 0 || q.Offset < 0 {
		return nil, nil, fmt.Errorf("search: %w: negative limit or offset", parallax.ErrInvalid)
	}
	limit := cmp.Or(q.Limit, DefaultLimit)
	if limit > MaxLimit {
		return nil, nil, fmt.Errorf("search: %w: limit %d: at most %d", parallax.ErrInvalid, limit, MaxLimit)
	}
	if q.Offset+limit > maxWindow {
		return nil, nil, fmt.Errorf("search: %w: offset %d: results past %d are not paged; narrow the query", parallax.ErrInvalid, q.Offset, maxWindow)
	}
	text, err := ParseQuery(q.Text)
	if err != nil {
		return nil, nil, err
	}
	text = plainTerms(text, ix.idx.Mapping())
	// Filters narrow the matches without taking part in their scores
	// (see filtered).
	var filters []filter
	if len(q.Outlets) > 0 {
		var any []fieldTerm
		for _, o := range q.Outlets {
			any = append(any, fieldTerm{"outlet", strings.ToLower(o)}, fieldTerm{"outlet_name", o})
		}
		filters = append(filters, anyTerm(any...))
	}
	if q.Country != "" {
		filters = append(filters, anyTerm(fieldTerm{"country", strings.ToUpper(q.Country)}))
	}
	if q.StateAffiliated != nil {
		filters = append(filters, anyTerm(fieldTerm{"state", boolTerm(*q.StateAffiliated)}))
	}
	if !q.From.IsZero() || !q.To.IsZero() {
		if !q.From.IsZero() && !q.To.IsZero() && q.To.Before(q.From) {
			return nil, nil, fmt.Errorf("search: %w: --to %s is before --from %s", parallax.ErrInvalid, q.To.Format(time.DateOnly), q.From.Format(time.DateOnly))
		}
		filters = append(filters, dateRange(q.From, q.To))
	}
	if q.Language != "" {
		filters = append(filters, anyTerm(fieldTerm{"language", strings.ToLower(q.Language)}))
	}
	if q.EntityID != "" {
		filters = append(filters, anyTerm(fieldTerm{"entity", q.EntityID}))
	}
	if q.StoryID != "" {
		st, err := ix.store.Story(ctx, q.StoryID)
		if err != nil {
			return nil, nil, fmt.Errorf("search: story %s: %w", q.StoryID, err)
		}
		filters = append(filters, anyID(st.Articles))
	}
	top := text
	if len(filters) > 0 {
		top = &filtered{text: text, filters: filters, cache: ix.bitmaps}
	}
	req := bleve.NewSearchRequestOptions(top, limit, q.Offset, false)
	req.Fields = []string{"title", "published", "language", "outlet", "outlet_name", "country", "state"}
	if q.Facets {
		req.AddFacet("outlet", bleve.NewFacetRequest("outlet_name", facetSize))
		req.AddFacet("day", bleve.NewFacetRequest("day", facetSize))
	}
	return req, text, nil
}

// dateRange selects the articles published from one day to another (both
// included; a zero end is open), by their calendar day (see newDoc): the
// blocks of days that cover the range (dayCover).
func dateRange(from, to time.Time) filter {
	if from.IsZero() {
		from = firstDay
	}
	if to.IsZero() {
		to = lastDay
	}
	cover := dayCover(from, to)
	terms := make([]fieldTerm, len(cover))
	for i, b := range cover {
		terms[i] = fieldTerm{"days", b}
	}
	return anyTerm(terms...)
}

// boolTerm is Bleve's term of a boolean field's value.
func boolTerm(b bool) string {
	if b {
		return "T"
	}
	return "F"
}

// facets turns Bleve's term facets into counts: outlets by count, days in
// date order.
func facets(fr search.FacetResults) parallax.SearchFacets {
	out := parallax.SearchFacets{Outlets: []parallax.FacetCount{}, Days: []parallax.FacetCount{}}
	if f := fr["outlet"]; f != nil {
		for _, t := range f.Terms.Terms() {
			out.Outlets = append(out.Outlets, parallax.FacetCount{Value: t.Term, Count: t.Count})
		}
		out.UnknownOutlet = f.Missing
	}
	if f := fr["day"]; f != nil {
		for _, t := range f.Terms.Terms() {
			out.Days = append(out.Days, parallax.FacetCount{Value: t.Term, Count: t.Count})
		}
		slices.SortFunc(out.Days, func(a, b parallax.FacetCount) int { return strings.Compare(a.Value, b.Value) })
		out.UnknownDay = f.Missing
	}
	return out
}
