package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/sqlite"
)

// TestFilteredSameHits checks that a filtered query finds the same hits,
// with the same scores and total, as Bleve's own filter clause with
// Bleve's queries of the same filters (a date range as a numeric range),
// over random texts and filters on an index of several segments, some of
// whose articles were indexed again (deleted from their first segment).
func TestFilteredSameHits(t *testing.T) {
	ctx := context.Background()
	ix, as := openRandom(t)
	rng := rand.New(rand.NewPCG(7, 8))
	reindexSome(t, ix, as, rng)
	type hit struct {
		ID    string
		Score float64
	}
	type result struct {
		Total uint64
		Hits  []hit
	}
	run := func(q query.Query) result {
		res, err := ix.idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, len(as), 0, false))
		if err != nil {
			t.Fatal(err)
		}
		out := result{Total: res.Total}
		for _, h := range res.Hits {
			out.Hits = append(out.Hits, hit{h.ID, h.Score})
		}
		return out
	}
	m := ix.idx.Mapping()
	for i := range 600 {
		s := randomText(rng)
		var fs []filter
		var refs []query.Query
		for range 1 + rng.IntN(3) {
			f, ref := randomFilter(rng, as)
			fs, refs = append(fs, f), append(refs, ref)
		}
		parse := func() query.Query {
			q, err := ParseQuery(s)
			if err != nil {
				t.Fatal(err)
			}
			return plainTerms(q, m)
		}
		ref := bleve.NewBooleanQuery()
		ref.AddMust(parse())
		ref.AddFilter(bleve.NewConjunctionQuery(refs...))
		want := run(ref)
		got := run(&filtered{text: parse(), filters: fs, cache: ix.bitmaps})
		if s == "" {
			// Every article matches: compare the hits alone.
			for i := range want.Hits {
				want.Hits[i].Score = 0
			}
			for i := range got.Hits {
				got.Hits[i].Score = 0
			}
		}
		if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-12), cmpopts.SortSlices(func(a, b hit) bool {
			return a.Score > b.Score || a.Score == b.Score && a.ID < b.ID
		})); diff != "" {
			t.Fatalf("query %d %q with %v (-filter clause +filtered):\n%s", i, s, refs, diff)
		}
	}
}

// randomFilter returns a random filter over openRandom's articles and
// Bleve's query of the same articles.
func randomFilter(rng *rand.Rand, as []*parallax.Article) (filter, query.Query) {
	term := func(field, value string) query.Query {
		q := bleve.NewTermQuery(value)
		q.SetField(field)
		return q
	}
	day := func() time.Time { return randomStart.AddDate(0, 0, rng.IntN(420)-10) }
	dates := func(from, to time.Time) query.Query {
		if !to.IsZero() {
			to = to.AddDate(0, 0, 1)
		}
		incl, excl := true, false
		q := bleve.NewDateRangeInclusiveQuery(from, to, &incl, &excl)
		q.SetField("date")
		return q
	}
	switch rng.IntN(7) {
	case 0:
		c := randomCountries[rng.IntN(len(randomCountries))]
		return anyTerm(fieldTerm{"country", c}), term("country", c)
	case 1:
		a, b := fmt.Sprintf("o%d", rng.IntN(12)), fmt.Sprintf("o%d", rng.IntN(12))
		return anyTerm(fieldTerm{"outlet", a}, fieldTerm{"outlet", b}), bleve.NewDisjunctionQuery(term("outlet", a), term("outlet", b))
	case 2:
		state := rng.IntN(2) == 0
		q := bleve.NewBoolFieldQuery(state)
		q.SetField("state")
		return anyTerm(fieldTerm{"state", boolTerm(state)}), q
	case 3:
		from := day()
		to := from.AddDate(0, 0, rng.IntN(200))
		return dateRange(from, to), dates(from, to)
	case 4:
		from := day()
		return dateRange(from, time.Time{}), dates(from, time.Time{})
	case 5:
		to := day()
		return dateRange(time.Time{}, to), dates(time.Time{}, to)
	default:
		var ids []string
		for range 300 {
			ids = append(ids, as[rng.IntN(len(as))].ID)
		}
		return anyID(ids), bleve.NewDocIDQuery(ids)
	}
}

// reindexSome indexes a tenth of the articles again, with another
// country, day and state, in a batch of their own, and half of those a
// third time: their earlier documents are deleted from the segments that
// hold them, the first segment and one made after it.
func reindexSome(t *testing.T, ix *Index, as []*parallax.Article, rng *rand.Rand) {
	t.Helper()
	var again []*parallax.Article
	for range len(as) / 10 {
		again = append(again, as[rng.IntN(len(as))])
	}
	for _, some := range [][]*parallax.Article{again, again[:len(again)/2]} {
		b := ix.idx.NewBatch()
		for _, a := range some {
			a := *a
			if a.Outlet != nil {
				o := *a.Outlet
				o.Country = randomCountries[rng.IntN(len(randomCountries))]
				o.StateAffiliated = !o.StateAffiliated
				a.Outlet = &o
			}
			a.Published = parallax.Date{Time: randomStart.AddDate(0, 0, rng.IntN(400)), Precision: parallax.PrecisionDay}
			if err := b.Index(a.ID, newDoc(&a)); err != nil {
				t.Fatal(err)
			}
		}
		if err := ix.idx.Batch(b); err != nil {
			t.Fatal(err)
		}
	}
}

var (
	randomCountries = []string{"GB", "RU", "FR", "US"}
	randomStart     = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
)

// randomWords is the vocabulary of openRandom's articles.
var randomWords = strings.Fields("harbour bridge fleet tunnel council toll repair engineer cable ferry storm port " +
	"minister summit sanction missile treaty border grain pipeline")

// openRandom opens an index of 1,800 articles of random words, outlets,
// countries and dates, written in batches: several segments.
func openRandom(t *testing.T) (*Index, []*parallax.Article) {
	t.Helper()
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(7, 7))
	var as []*parallax.Article
	for i := range 1800 {
		var text []string
		for range 5 + rng.IntN(30) {
			// Earlier words are more frequent.
			text = append(text, randomWords[min(rng.IntN(len(randomWords)), rng.IntN(len(randomWords)))])
		}
		a := &parallax.Article{ID: fmt.Sprintf("g%04d", i), Format: parallax.FormatText, Title: "t", Language: "en",
			Ingested: time.Unix(0, 0).UTC(), Raw: []byte("x"), Locations: []parallax.Location{{Path: "g.txt"}},
			Paragraphs: []parallax.Paragraph{{Text: strings.Join(text, " ")}}}
		if rng.IntN(10) > 0 {
			c := rng.IntN(len(randomCountries))
			a.Outlet = &parallax.OutletRef{ID: fmt.Sprintf("o%d", rng.IntN(12)), Name: "O", Country: randomCountries[c], StateAffiliated: c == 1}
		}
		if rng.IntN(10) > 0 {
			a.Published = parallax.Date{Time: randomStart.AddDate(0, 0, rng.IntN(400)), Precision: parallax.PrecisionDay}
		}
		as = append(as, a)
	}
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if _, err := store.PutArticles(ctx, as); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(store, filepath.Join(t.TempDir(), "t.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := ix.CatchUp(ctx); err != nil { // in batches: several segments
		t.Fatal(err)
	}
	return ix, as
}

// randomText returns a query of openRandom's words in one of the forms
// of the query syntax.
func randomText(rng *rand.Rand) string {
	word := func() string { return randomWords[rng.IntN(len(randomWords))] }
	forms := []func() string{
		func() string { return word() },
		func() string { return word() + " " + word() },
		func() string { return word() + " " + word() + " " + word() },
		func() string { return word() + " AND " + word() },
		func() string { return word() + " OR " + word() },
		func() string { return word() + " NOT " + word() },
		func() string { return word() + " -" + word() },
		func() string { return `"` + word() + " " + word() + `"` },
		func() string { return word()[:3] + "*" },
		func() string { return "the " + word() },
		func() string { return "the" }, // no words: no match
		func() string { return "" },
	}
	return forms[rng.IntN(len(forms))]()
}

// TestFilteredConcurrent checks that queries sharing the cache of filter
// bitmaps from several goroutines find what each finds alone (run it with
// -race too).
func TestFilteredConcurrent(t *testing.T) {
	ctx := context.Background()
	ix, _ := openRandom(t)
	rng := rand.New(rand.NewPCG(3, 3))
	var qs []parallax.SearchQuery
	for range 40 {
		from := randomStart.AddDate(0, 0, rng.IntN(300))
		qs = append(qs, parallax.SearchQuery{Text: randomText(rng), Country: randomCountries[rng.IntN(len(randomCountries))],
			From: from, To: from.AddDate(0, 0, rng.IntN(100)), Limit: 20})
	}
	// The total and the scores of the hits: Bleve's merges, which run
	// in the background, can change the order of hits of equal score.
	search := func(q parallax.SearchQuery) []float64 {
		r, err := ix.Search(ctx, q)
		if err != nil {
			t.Error(err)
			return nil
		}
		got := []float64{float64(r.Total)}
		for _, h := range r.Hits {
			got = append(got, h.Score)
		}
		return got
	}
	want := make([][]float64, len(qs))
	for i, q := range qs {
		want[i] = search(q)
	}
	ix.bitmaps = newBitmapCache(64 << 10) // small: entries come and go
	var wg sync.WaitGroup
	for g := range 6 {
		wg.Go(func() {
			for i := range qs {
				i := (i + g*7) % len(qs)
				if diff := cmp.Diff(want[i], search(qs[i])); diff != "" {
					t.Errorf("query %d alongside others (-alone +together):\n%s", i, diff)
				}
			}
		})
	}
	wg.Wait()
}
