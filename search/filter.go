package search

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// A filter selects articles without taking part in their scores: those
// with any of its terms, or those with one of its ids (a story's
// articles).
type filter struct {
	terms []fieldTerm
	ids   []string
	key   string // names the filter in the cache of segment bitmaps
}

type fieldTerm struct{ field, term string }

// anyTerm is the filter of the articles with any of the terms.
func anyTerm(terms ...fieldTerm) filter {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = t.field + "\x00" + t.term
	}
	return filter{terms: terms, key: "t\x01" + strings.Join(parts, "\x01")}
}

// anyID is the filter of the articles with the ids.
func anyID(ids []string) filter {
	return filter{ids: ids, key: "i\x01" + strings.Join(ids, "\x01")}
}

// articles returns the articles of a segment the filter selects, deleted
// ones included: the bitmap of document numbers (never nil).
func (f *filter) articles(seg segment.Segment) (*roaring.Bitmap, error) {
	if f.ids != nil {
		return seg.DocNumbers(f.ids)
	}
	out := roaring.New()
	dicts := map[string]segment.TermDictionary{}
	for _, t := range f.terms {
		dict, ok := dicts[t.field]
		if !ok {
			var err error
			if dict, err = seg.Dictionary(t.field); err != nil {
				return nil, err
			}
			dicts[t.field] = dict
		}
		pl, err := dict.PostingsList([]byte(t.term), nil, nil)
		if err != nil {
			return nil, err
		}
		it := pl.Iterator(false, false, false, nil)
		if o, ok := it.(segment.OptimizablePostingsIterator); ok {
			if bm := o.ActualBitmap(); bm != nil {
				out.Or(bm)
				continue
			}
		}
		for {
			p, err := it.Next()
			if err != nil {
				return nil, err
			}
			if p == nil {
				break
			}
			out.Add(uint32(p.Number()))
		}
	}
	return out, nil
}

// selection is what a query's filters select in each segment of an
// index snapshot.
type selection struct {
	offsets []uint64          // the first document number of each segment
	bitmaps []*roaring.Bitmap // per segment, the articles all filters select (deleted ones too: the text skips them); nil: none
	count   uint64            // articles in all
	size    int               // bytes the bitmaps take
}

// segmentIndex returns the segment that holds a document number.
func (s *selection) segmentIndex(n uint64) int {
	return sort.Search(len(s.offsets), func(i int) bool { return s.offsets[i] > n }) - 1
}

// filtered is a text query restricted by filters that take no part in its
// scores.
//
// Bleve's own filter clause (BooleanQuery.AddFilter) scores every match of
// the text and then checks it against each filter's articles, which it
// builds up front for the whole index: a date range over half the corpus
// costs a union of half the corpus, and most of the text's matches are
// scored only to be dropped. Here the filters become one bitmap of
// articles per segment (the selection, from bitmaps kept between queries:
// segments never change), and the text runs on term readers that step
// only through the selected articles (restricted): it decodes and scores
// no article the filters drop. A searcher over the selection joins the
// text in a conjunction, for the parts of a text that do not read terms
// (a NOT alone starts from every article).
//
// The selection weighs nothing and scores zero, and the term readers keep
// the counts of the whole index, so the text's scores are those it has
// alone (TestFilteredSameHits).
type filtered struct {
	text    query.Query
	filters []filter
	cache   *bitmapCache
}

// Searcher implements query.Query.
func (q *filtered) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, fmt.Errorf("search: filters need a scorch index, not %T", r)
	}
	sel, err := q.cache.selection(snap, q.filters)
	if err != nil {
		return nil, fmt.Errorf("search: filters: %w", err)
	}
	t, err := q.text.Searcher(ctx, &restricted{IndexSnapshot: snap, sel: sel}, m, opts)
	if err != nil {
		return nil, err
	}
	return searcher.NewConjunctionSearcher(ctx, r, []search.Searcher{t, &selectionSearcher{sel: sel}}, opts)
}

// Validate implements query.ValidatableQuery.
func (q *filtered) Validate() error {
	if v, ok := q.text.(query.ValidatableQuery); ok {
		return v.Validate()
	}
	return nil
}

// selectionSearcher matches the articles of a selection. It scores zero
// and weighs nothing, so that in a conjunction it leaves the query norm,
// and so the scores of the other clauses, as they are without it.
type selectionSearcher struct {
	sel    *selection
	seg    int                 // the segment being read
	it     roaring.IntPeekable // over its bitmap; nil before its first read
	behind uint64              // the articles below this one are behind the searcher
}

// Next implements search.Searcher.
func (s *selectionSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	for ; s.seg < len(s.sel.bitmaps); s.seg, s.it = s.seg+1, nil {
		bm := s.sel.bitmaps[s.seg]
		if bm == nil {
			continue
		}
		if s.it == nil {
			s.it = bm.Iterator()
		}
		if s.it.HasNext() {
			return s.match(ctx, s.it.Next()), nil
		}
	}
	return nil, nil
}

// Advance implements search.Searcher.
func (s *selectionSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	n := id.Value()
	seg := s.sel.segmentIndex(n)
	if seg < 0 {
		return s.Next(ctx)
	}
	if seg != s.seg || s.it == nil || n < s.behind {
		s.seg, s.it = seg, nil
		if bm := s.sel.bitmaps[seg]; bm != nil {
			s.it = bm.Iterator()
		}
	}
	if s.it != nil {
		s.it.AdvanceIfNeeded(uint32(n - s.sel.offsets[seg]))
	}
	return s.Next(ctx)
}

func (s *selectionSearcher) match(ctx *search.SearchContext, n uint32) *search.DocumentMatch {
	m := ctx.DocumentMatchPool.Get()
	s.behind = uint64(n) + s.sel.offsets[s.seg] + 1
	m.IndexInternalID = index.NewIndexInternalID(m.IndexInternalID, s.behind-1)
	return m
}

func (s *selectionSearcher) Close() error               { return nil }
func (s *selectionSearcher) Weight() float64            { return 0 }
func (s *selectionSearcher) SetQueryNorm(float64)       {}
func (s *selectionSearcher) Count() uint64              { return s.sel.count }
func (s *selectionSearcher) Min() int                   { return 0 }
func (s *selectionSearcher) Size() int                  { return s.sel.size }
func (s *selectionSearcher) DocumentMatchPoolSize() int { return 1 }
