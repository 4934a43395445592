package postgres_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/internal/pgtest"
	"github.com/parallaxhq/parallax/postgres"
	"github.com/parallaxhq/parallax/search"
	"github.com/parallaxhq/parallax/searchtest"
	"github.com/parallaxhq/parallax/sqlite"
)

// mustSearcher opens a store holding searchtest.Fixtures and its searcher, caught up.
func mustSearcher(tb testing.TB, fs []searchtest.Fixture) (*postgres.Store, *postgres.Searcher) {
	tb.Helper()
	ctx := context.Background()
	store := MustOpen(tb)
	if _, err := store.PutArticles(ctx, searchtest.Articles(fs)); err != nil {
		tb.Fatal(err)
	}
	x := postgres.NewSearcher(store)
	tb.Cleanup(func() { x.Close() })
	if n, err := x.CatchUp(ctx); err != nil || n != len(fs) {
		tb.Fatalf("CatchUp = %d, %v; want %d", n, err, len(fs))
	}
	return store, x
}

func TestSearchConformance(t *testing.T) {
	searchtest.Run(t, func(t *testing.T, as []*parallax.Article) (parallax.Searcher, parallax.Store) {
		ctx := context.Background()
		store := MustOpen(t)
		if _, err := store.PutArticles(ctx, as); err != nil {
			t.Fatal(err)
		}
		x := postgres.NewSearcher(store)
		if _, err := x.CatchUp(ctx); err != nil {
			t.Fatal(err)
		}
		return x, store
	})
}

// TestSearchSnippets checks that snippets are safe HTML: the text escaped,
// only the marks as tags.
func TestSearchSnippets(t *testing.T) {
	_, x := mustSearcher(t, searchtest.Fixtures)
	r, err := x.Search(context.Background(), parallax.SearchQuery{Text: "engineers agree"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Hits) != 1 || len(r.Hits[0].Snippets) != 1 {
		t.Fatalf("hits = %+v", r.Hits)
	}
	s := r.Hits[0].Snippets[0]
	if !strings.Contains(s, "<mark>engineers</mark> <mark>agree</mark>") {
		t.Errorf("snippet %q: want the words marked", s)
	}
	rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s)
	if strings.ContainsAny(rest, "<>\x02\x03") || strings.Contains(s, "& ") {
		t.Errorf("snippet %q: not escaped", s)
	}
}

// TestSearchLikeBleve checks that the searcher ranks as the Bleve index
// of a SQLite store holding the same articles: the same hits in the same
// order for queries of every kind.
func TestSearchLikeBleve(t *testing.T) {
	// PostgreSQL's parser drops what looks like an HTML tag, Bleve's does
	// not: leave a5's out.
	a5 := searchtest.Fixtures[4]
	a5.Paras = []string{"Bridges and tunnels need maintenance. The bridge engineers agree."}
	fs := slices.Concat(searchtest.Fixtures[:4], []searchtest.Fixture{a5,
		{ID: "r1", Title: "Grain", Paras: []string{"Grain prices rose as the grain harvest came in late this year across the wide plains."}},
		{ID: "r2", Title: "Grain", Paras: []string{"Grain prices rose."}},
		{ID: "r3", Title: "Grain", Paras: []string{"Grain prices rose; grain grain grain, said the traders, as the harvest came in."}},
		{ID: "r4", Title: "Barley", Paras: []string{"Barley shipments stalled at the harbour while prices held."}},
		{ID: "r5", Title: "Prices", Paras: []string{"Prices, prices, prices: the market talked of nothing else but the bridge."}},
	})
	ctx := context.Background()
	_, x := mustSearcher(t, fs)
	lite, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	if _, err := lite.PutArticles(ctx, searchtest.Articles(fs)); err != nil {
		t.Fatal(err)
	}
	ix, err := search.Open(lite, filepath.Join(t.TempDir(), "t.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.CatchUp(ctx); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"grain", "prices", "grain prices", "grain OR barley", "barley OR prices", "prices OR harbour OR bridge",
		`"grain prices" OR harvest`, `"harbour bridge" OR harbour OR bridge`, "pric*", "harv* OR tunnel*",
		"prices NOT grain", "+prices -barley harbour", "grain^2 OR prices", "bridge OR fleet OR tolls",
	} {
		want, err := ix.Search(ctx, parallax.SearchQuery{Text: q, Limit: 20})
		if err != nil {
			t.Fatal(err)
		}
		got, err := x.Search(ctx, parallax.SearchQuery{Text: q, Limit: 20})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(searchtest.IDs(want), searchtest.IDs(got)); diff != "" {
			t.Errorf("%q: (-bleve +postgres):\n%s", q, diff)
		}
	}
}

// TestSearchMaxCandidates checks that a query matching more than
// MaxCandidates ranks the most recent of them and still counts all.
func TestSearchMaxCandidates(t *testing.T) {
	var fs []searchtest.Fixture
	for i := range 12 {
		words := strings.Repeat("levee ", 1+i%3)
		fs = append(fs, searchtest.Fixture{ID: fmt.Sprintf("m%02d", i), Title: "Note", Paras: []string{words + "the river rose."}})
	}
	_, x := mustSearcher(t, fs)
	x.MaxCandidates = 5
	r, err := x.Search(context.Background(), parallax.SearchQuery{Text: "levee", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if r.Total != 12 || len(r.Hits) != 5 {
		t.Fatalf("total %d, hits %d; want 12, 5", r.Total, len(r.Hits))
	}
	got := searchtest.IDs(r)
	slices.Sort(got)
	if diff := cmp.Diff([]string{"m07", "m08", "m09", "m10", "m11"}, got); diff != "" {
		t.Errorf("candidates (-want +got):\n%s", diff)
	}
}

func TestSearchCatchUp(t *testing.T) {
	ctx := context.Background()
	store, x := mustSearcher(t, searchtest.Fixtures[:2])
	if n, err := x.CatchUp(ctx); err != nil || n != 0 {
		t.Fatalf("second CatchUp = %d, %v; want 0", n, err)
	}
	if _, err := store.PutArticles(ctx, searchtest.Articles(searchtest.Fixtures[2:])); err != nil {
		t.Fatal(err)
	}
	x.BatchSize = 2 // several batches
	if n, err := x.CatchUp(ctx); err != nil || n != len(searchtest.Fixtures)-2 {
		t.Fatalf("CatchUp after ingest = %d, %v; want %d", n, err, len(searchtest.Fixtures)-2)
	}
	if n, err := postgres.NewSearcher(store).CatchUp(ctx); err != nil || n != 0 {
		t.Errorf("CatchUp of another searcher = %d, %v; want 0", n, err)
	}
	r, err := x.Search(ctx, parallax.SearchQuery{Text: "tunnels"})
	if err != nil || r.Total != 1 {
		t.Errorf("search after catch-up: %+v, %v", r, err)
	}
	n, err := x.Rebuild(ctx)
	if err != nil || n != len(searchtest.Fixtures) {
		t.Fatalf("Rebuild = %d, %v; want %d", n, err, len(searchtest.Fixtures))
	}
	r2, err := x.Search(ctx, parallax.SearchQuery{Text: "tunnels"})
	if err != nil || r2.Total != 1 || r2.Hits[0].Score != r.Hits[0].Score {
		t.Errorf("search after rebuild: %+v, %v; want the same as before", r2, err)
	}
}

// TestSearchCatchUpConcurrent runs writers and catch-ups at once, each
// with its own store as separate processes would have: in the end every
// article is indexed exactly once and the totals add up.
func TestSearchCatchUpConcurrent(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.MustSchema(t, pgtest.MustDSN(t))
	first, err := postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	const writers, batches, per = 4, 5, 20
	var wg sync.WaitGroup
	errs := make(chan error, 2*writers)
	indexed := make([]int, writers)
	for w := range writers {
		s, err := postgres.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		x := postgres.NewSearcher(s)
		x.BatchSize = 7
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range batches {
				var as []*parallax.Article
				for i := range per {
					// writers overlap: writer w writes the articles of w and w+1
					n := ((w+i%2)%writers)*batches*per + b*per + i
					as = append(as, searchtest.Fixture{ID: fmt.Sprintf("c%04d", n), Title: "Dispatch", Paras: []string{fmt.Sprintf("Dispatch number %d about the levee.", n)}}.Article())
				}
				if _, err := s.PutArticles(ctx, as); err != nil {
					errs <- err
					return
				}
				n, err := x.CatchUp(ctx)
				if err != nil {
					errs <- err
					return
				}
				indexed[w] += n
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	x := postgres.NewSearcher(first)
	last, err := x.CatchUp(ctx)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := first.CountArticles(ctx, parallax.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	sum := last
	for _, n := range indexed {
		sum += n
	}
	if sum != stored {
		t.Errorf("indexed %d in all, want %d (the articles stored)", sum, stored)
	}
	r, err := x.Search(ctx, parallax.SearchQuery{Text: "levee"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Total != stored {
		t.Errorf("search finds %d, want %d", r.Total, stored)
	}
}

// TestSearchEmptyQueryOrder checks that an empty query lists the articles
// in ingest order.
func TestSearchEmptyQueryOrder(t *testing.T) {
	_, x := mustSearcher(t, searchtest.Fixtures)
	r, err := x.Search(context.Background(), parallax.SearchQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a1", "a2", "a3", "a4", "a5", "a6"}, searchtest.IDs(r)); diff != "" {
		t.Errorf("hits (-want +got):\n%s", diff)
	}
}
