package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/sqlite"
	"github.com/parallaxhq/parallax/storetest"
)

// MustOpen opens a store in a fresh temporary file.
func MustOpen(tb testing.TB) *sqlite.Store {
	tb.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "parallax.db"))
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) parallax.Store { return MustOpen(t) })
}

func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	ctx := context.Background()
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	raw := []byte("x")
	if _, err := s.PutArticles(ctx, []*parallax.Article{{ID: parallax.ArticleID(raw), Format: parallax.FormatText, Raw: raw}}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = sqlite.Open(ctx, path) // migrations already applied: a no-op
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, err := s.CountArticles(ctx, parallax.ArticleFilter{}); err != nil || n != 1 {
		t.Fatalf("count after reopen = %d, %v; want 1", n, err)
	}
}
