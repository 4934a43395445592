package search

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
	"github.com/google/go-cmp/cmp"
)

// doc is what a term reader reads of an article.
type doc struct {
	ID   uint64
	Freq uint64
	Norm float64
}

// TestRestrictedTerm checks that a restricted term reader reads, in order
// and with their frequencies and norms, the articles with the term that
// the selection holds and no other; that Advance finds the first of them
// at or after any article, back or forth; and that the terms of a
// conjunction read the articles all of them have.
func TestRestrictedTerm(t *testing.T) {
	ctx := context.Background()
	ix, as := openRandom(t)
	rng := rand.New(rand.NewPCG(5, 6))
	reindexSome(t, ix, as, rng)
	bi, err := ix.idx.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	reader, err := bi.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	snap := reader.(*scorch.IndexSnapshot)
	read := func(tr index.TermFieldReader, err error) []doc {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		var out []doc
		for {
			d, err := tr.Next(nil)
			if err != nil {
				t.Fatal(err)
			}
			if d == nil {
				return out
			}
			out = append(out, doc{d.ID.Value(), d.Freq, d.Norm})
		}
	}
	// selected keeps the docs the selection holds (and, given, those in
	// also).
	selected := func(sel *selection, ds []doc, also ...[]doc) []doc {
		var out []doc
		for _, d := range ds {
			i := sel.segmentIndex(d.ID)
			if bm := sel.bitmaps[i]; bm == nil || !bm.Contains(uint32(d.ID-sel.offsets[i])) {
				continue
			}
			in := true
			for _, a := range also {
				in = in && slices.ContainsFunc(a, func(x doc) bool { return x.ID == d.ID })
			}
			if in {
				out = append(out, d)
			}
		}
		return out
	}
	total := uint64(0)
	for _, ss := range snap.Segments() {
		total += ss.Segment().Count()
	}
	// word returns the indexed term of a random word, or now and then a
	// word the index does not have.
	en := ix.idx.Mapping().AnalyzerNamed(en.AnalyzerName)
	word := func() []byte {
		w := []byte(randomWords[rng.IntN(len(randomWords))])
		if rng.IntN(5) == 0 {
			return append(w, 'x')
		}
		return en.Analyze(w)[0].Term
	}
	for range 200 {
		f, _ := randomFilter(rng, as)
		sel, err := ix.bitmaps.selection(snap, []filter{f})
		if err != nil {
			t.Fatal(err)
		}
		r := &restricted{IndexSnapshot: snap, sel: sel}
		w1, w2 := word(), word()
		all1 := read(snap.TermFieldReader(ctx, w1, "text", true, true, false))
		want := selected(sel, all1)
		if diff := cmp.Diff(want, read(r.TermFieldReader(ctx, w1, "text", true, true, false))); diff != "" {
			t.Fatalf("%s with %q (-want +got):\n%s", w1, f.key, diff)
		}
		tr, _ := r.TermFieldReader(ctx, w1, "text", true, true, false)
		if got := tr.Count(); got != uint64(len(all1)) {
			t.Fatalf("%s: count %d, want the whole index's %d", w1, got, len(all1))
		}
		for range 20 {
			at := rng.Uint64N(total + 3)
			d, err := tr.Advance(index.NewIndexInternalID(nil, at), nil)
			if err != nil {
				t.Fatal(err)
			}
			var got, exp *uint64
			if d != nil {
				id := d.ID.Value()
				got = &id
			}
			for _, w := range want {
				if w.ID >= at {
					exp = &w.ID
					break
				}
			}
			if diff := cmp.Diff(exp, got); diff != "" {
				t.Fatalf("%s with %q: advance to %d (-want +got):\n%s", w1, f.key, at, diff)
			}
		}

		t1, _ := r.TermFieldReader(ctx, w1, "text", true, true, false)
		t2, _ := r.TermFieldReader(ctx, w2, "text", true, true, false)
		octx, _ := t1.(index.Optimizable).Optimize("conjunction", nil)
		octx, _ = t2.(index.Optimizable).Optimize("conjunction", octx)
		if _, err := octx.Finish(); err != nil {
			t.Fatal(err)
		}
		all2 := read(snap.TermFieldReader(ctx, w2, "text", true, true, false))
		if diff := cmp.Diff(selected(sel, all1, all2), read(t1, nil)); diff != "" {
			t.Fatalf("%s AND %s with %q (-want +got):\n%s", w1, w2, f.key, diff)
		}
		if diff := cmp.Diff(selected(sel, all2, all1), read(t2, nil)); diff != "" {
			t.Fatalf("%s AND %s with %q, second term (-want +got):\n%s", w1, w2, f.key, diff)
		}
	}
}
