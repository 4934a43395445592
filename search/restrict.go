package search

import (
	"context"
	"math"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// restricted is an index snapshot whose term readers step only through
// the articles of a selection (the filters of a query): each posting
// iterator's bitmap of articles is ANDed with the selection's before the
// first step, so a filtered text neither decodes nor scores the articles
// the filters drop. Everything else, the counts that scores rest on
// included, is the snapshot's own, so that a text's scores are those it has
// over the whole index.
type restricted struct {
	*scorch.IndexSnapshot
	sel *selection
}

// TermFieldReader implements index.IndexReader.
func (r *restricted) TermFieldReader(_ context.Context, term []byte, field string, freq, norm, vectors bool) (index.TermFieldReader, error) {
	t := &restrictedTerm{sel: r.sel, freq: freq, norm: norm, vectors: vectors}
	segs := r.Segments()
	t.postings = make([]segment.PostingsList, len(segs))
	t.actual = make([]*roaring.Bitmap, len(segs))
	t.its = make([]segment.PostingsIterator, len(segs))
	for i, ss := range segs {
		dict, err := ss.Segment().Dictionary(field)
		if err != nil {
			return nil, err
		}
		pl, err := dict.PostingsList(term, ss.Deleted(), nil)
		if err != nil {
			return nil, err
		}
		t.postings[i] = pl
		n := pl.Count()
		if t.count += n; n > 0 && r.sel.bitmaps[i] != nil {
			t.its[i] = pl.Iterator(freq, norm, vectors, nil)
		}
	}
	return t, nil
}

// restrictedTerm reads a term's postings, segment by segment, within a
// selection.
type restrictedTerm struct {
	sel                 *selection
	freq, norm, vectors bool
	count               uint64 // articles with the term in the whole index
	postings            []segment.PostingsList
	// Per segment: the iterator (nil where the term has no article the
	// selection holds) and the articles it steps through (nil: the
	// term's, see narrow).
	its      []segment.PostingsIterator
	actual   []*roaring.Bitmap
	narrowed bool   // narrow has run
	seg      int    // the segment being read
	behind   uint64 // the articles below this one are behind the reader
}

// narrow makes each iterator step through the articles of the term the
// selection holds, before the first read. Where a conjunction has not
// done so already (restrictedConjunction), an iterator's articles become
// the AND of the term's and the selection's; one with the term's only
// article (a posting list of one has no bitmap) is dropped unless the
// selection holds it. Any other iterator without a bitmap is left whole:
// the query's selection searcher still drops what the selection does not
// hold.
func (t *restrictedTerm) narrow() {
	if t.narrowed {
		return
	}
	t.narrowed = true
	for i, it := range t.its {
		o, ok := it.(segment.OptimizablePostingsIterator)
		if !ok || t.actual[i] != nil {
			continue
		}
		if bm := o.ActualBitmap(); bm != nil {
			t.actual[i] = roaring.And(bm, t.sel.bitmaps[i])
			o.ReplaceActual(t.actual[i])
		} else if n, one := o.DocNum1Hit(); one && !t.sel.bitmaps[i].Contains(uint32(n)) {
			t.its[i] = nil
		}
	}
}

// Next implements index.TermFieldReader.
func (t *restrictedTerm) Next(pre *index.TermFieldDoc) (*index.TermFieldDoc, error) {
	t.narrow()
	for ; t.seg < len(t.its); t.seg++ {
		it := t.its[t.seg]
		if it == nil {
			continue
		}
		p, err := it.Next()
		if err != nil {
			return nil, err
		}
		if p != nil {
			return t.doc(p, pre), nil
		}
	}
	t.behind = math.MaxUint64
	return nil, nil
}

// Advance implements index.TermFieldReader.
func (t *restrictedTerm) Advance(id index.IndexInternalID, pre *index.TermFieldDoc) (*index.TermFieldDoc, error) {
	if len(t.its) == 0 {
		return nil, nil
	}
	t.narrow()
	n := id.Value()
	if n < t.behind {
		t.rewind()
	}
	t.seg = t.sel.segmentIndex(n)
	if it := t.its[t.seg]; it != nil {
		p, err := it.Advance(n - t.sel.offsets[t.seg])
		if err != nil {
			return nil, err
		}
		if p != nil {
			return t.doc(p, pre), nil
		}
	}
	return t.Next(pre)
}

// rewind starts the postings again from the first, for a step back.
func (t *restrictedTerm) rewind() {
	for i, it := range t.its {
		if it == nil {
			continue
		}
		t.its[i] = t.postings[i].Iterator(t.freq, t.norm, t.vectors, nil)
		if t.actual[i] != nil {
			t.its[i].(segment.OptimizablePostingsIterator).ReplaceActual(t.actual[i])
		}
	}
	t.seg, t.behind = 0, 0
}

// doc fills a term field doc with the posting of an article of the
// segment being read, as scorch's term reader does.
func (t *restrictedTerm) doc(p segment.Posting, rv *index.TermFieldDoc) *index.TermFieldDoc {
	if rv == nil {
		rv = &index.TermFieldDoc{}
	}
	n := p.Number() + t.sel.offsets[t.seg]
	rv.ID = index.NewIndexInternalID(rv.ID, n)
	t.behind = n + 1
	if t.freq {
		rv.Freq = p.Frequency()
	}
	if t.norm {
		rv.Norm = p.Norm()
	}
	if t.vectors {
		locs := p.Locations()
		rv.Vectors = rv.Vectors[:0]
		for _, l := range locs {
			rv.Vectors = append(rv.Vectors, &index.TermFieldVector{
				Field: l.Field(), Start: l.Start(), End: l.End(), Pos: l.Pos(), ArrayPositions: l.ArrayPositions(),
			})
		}
	}
	return rv
}

// Count implements index.TermFieldReader: the articles with the term in
// the whole index, which the term's score weighs.
func (t *restrictedTerm) Count() uint64 { return t.count }

// Close implements index.TermFieldReader.
func (t *restrictedTerm) Close() error { return nil }

// Size implements index.TermFieldReader.
func (t *restrictedTerm) Size() int {
	n := 0
	for _, pl := range t.postings {
		n += pl.Size()
	}
	for _, bm := range t.actual {
		if bm != nil {
			n += int(bm.GetSizeInBytes())
		}
	}
	return n
}

// Optimize implements index.Optimizable: the terms of a conjunction step
// through the AND of their articles (as Bleve does with scorch's term
// readers).
func (t *restrictedTerm) Optimize(kind string, octx index.OptimizableContext) (index.OptimizableContext, error) {
	if kind != "conjunction" {
		return nil, nil
	}
	if octx == nil {
		octx = &restrictedConjunction{}
	}
	if c, ok := octx.(*restrictedConjunction); ok {
		c.terms = append(c.terms, t)
	}
	return octx, nil
}

// restrictedConjunction gathers the terms of a conjunction.
type restrictedConjunction struct{ terms []*restrictedTerm }

// Finish implements index.OptimizableContext: in each segment, every term
// steps through the articles the selection holds that all of them have,
// ANDing the terms' articles before the selection's, which are the most;
// where one term has none, none steps through the segment. It returns no
// searcher of its own: the conjunction runs as it is, over smaller
// bitmaps.
func (c *restrictedConjunction) Finish() (index.Optimized, error) {
	if len(c.terms) < 2 {
		return nil, nil
	}
	bms := make([]*roaring.Bitmap, len(c.terms))
segments:
	for i, sel := range c.terms[0].sel.bitmaps {
		for j, t := range c.terms {
			if t.its[i] == nil {
				for _, t := range c.terms {
					t.its[i] = nil
				}
				continue segments
			}
			o, ok := t.its[i].(segment.OptimizablePostingsIterator)
			if !ok || t.narrowed || o.ActualBitmap() == nil {
				continue segments // left to narrow and the conjunction's steps
			}
			bms[j] = o.ActualBitmap()
		}
		and := roaring.FastAnd(bms...)
		and.And(sel)
		for _, t := range c.terms {
			if and.IsEmpty() {
				t.its[i] = nil
				continue
			}
			t.actual[i] = and
			t.its[i].(segment.OptimizablePostingsIterator).ReplaceActual(and)
		}
	}
	return nil, nil
}
