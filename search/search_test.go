package search_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/search"
	"github.com/parallaxhq/parallax/searchtest"
	"github.com/parallaxhq/parallax/sqlite"
)

// fixture is a made-up article: the texts are ours, written for the tests.
// MustOpen opens a SQLite store holding the articles and its index,
// caught up.
func MustOpen(tb testing.TB, as []*parallax.Article) (*sqlite.Store, *search.Index, string) {
	tb.Helper()
	ctx := context.Background()
	db := filepath.Join(tb.TempDir(), "t.db")
	store, err := sqlite.Open(ctx, db)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { store.Close() })
	if _, err := store.PutArticles(ctx, as); err != nil {
		tb.Fatal(err)
	}
	path, err := search.Path(db)
	if err != nil {
		tb.Fatal(err)
	}
	ix, err := search.Open(store, path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	if n, err := ix.CatchUp(ctx); err != nil || n != len(as) {
		tb.Fatalf("CatchUp = %d, %v; want %d", n, err, len(as))
	}
	return store, ix, path
}

func TestConformance(t *testing.T) {
	searchtest.Run(t, func(t *testing.T, as []*parallax.Article) (parallax.Searcher, parallax.Store) {
		store, ix, _ := MustOpen(t, as)
		return ix, store
	})
}

func TestCatchUp(t *testing.T) {
	ctx := context.Background()
	fixtures := searchtest.Articles(searchtest.Fixtures)
	store, ix, path := MustOpen(t, fixtures[:2])
	if n, err := ix.CatchUp(ctx); err != nil || n != 0 {
		t.Fatalf("second CatchUp = %d, %v; want 0", n, err)
	}
	if _, err := store.PutArticles(ctx, fixtures[2:]); err != nil {
		t.Fatal(err)
	}
	ix.BatchSize = 2 // several batches
	if n, err := ix.CatchUp(ctx); err != nil || n != len(fixtures)-2 {
		t.Fatalf("CatchUp after ingest = %d, %v; want %d", n, err, len(fixtures)-2)
	}
	if n, _ := ix.Indexed(); n != len(fixtures) {
		t.Errorf("Indexed = %d, want %d", n, len(fixtures))
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}

	// reopened, nothing new
	ix2, err := search.Open(store, path)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := ix2.CatchUp(ctx); err != nil || n != 0 {
		t.Errorf("CatchUp after reopening = %d, %v; want 0", n, err)
	}
	ix2.Close()

	// another store under the same index is found out
	other, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "other.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.PutArticles(ctx, []*parallax.Article{fixtures[4]}); err != nil {
		t.Fatal(err)
	}
	ix3, err := search.Open(other, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix3.CatchUp(ctx); !errors.Is(err, search.ErrStale) {
		t.Errorf("CatchUp over another store: err = %v, want ErrStale", err)
	}
	ix3.Close()

	ix4, n, err := search.Rebuild(ctx, other, path, 0)
	if err != nil || n != 1 {
		t.Fatalf("Rebuild = %d, %v; want 1", n, err)
	}
	defer ix4.Close()
	r, err := ix4.Search(ctx, parallax.SearchQuery{Text: "tunnels"})
	if err != nil || r.Total != 1 {
		t.Errorf("search after rebuild: %v, %v", r, err)
	}
}

func TestPath(t *testing.T) {
	if p, err := search.Path("news.db"); err != nil || p != "news.db.bleve" {
		t.Errorf("Path(news.db) = %q, %v", p, err)
	}
	if _, err := search.Path("postgres://x/y"); !errors.Is(err, parallax.ErrUnsupported) {
		t.Errorf("Path(postgres) err = %v, want ErrUnsupported", err)
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"", "a AND b", `"x y" OR z*`, "NOT NOT a", "+a -b c:d", `"`, "AND", "a OR", "(a)", "a^2 b~1", "/re.*/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := search.ParseQuery(s)
		if err != nil && !errors.Is(err, parallax.ErrInvalid) {
			t.Fatalf("ParseQuery(%q) error %v does not wrap ErrInvalid", s, err)
		}
		if err == nil && q == nil {
			t.Fatalf("ParseQuery(%q) = nil, nil", s)
		}
	})
}
