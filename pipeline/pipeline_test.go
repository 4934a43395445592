package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/internal/shared"
	"github.com/parallaxhq/parallax/pipeline"
	"github.com/parallaxhq/parallax/read"
	"github.com/parallaxhq/parallax/sqlite"
)

func mustStore(tb testing.TB) *sqlite.Store {
	tb.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "p.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func reutersFiles(tb testing.TB) []string {
	files, _ := filepath.Glob(filepath.Join(shared.Path(tb, "eval-data", "news-corpus", "reuters21578"), "*.sgm"))
	if len(files) != 22 {
		tb.Fatalf("found %d Reuters .sgm files, want 22", len(files))
	}
	return files
}

// countMatches counts a pattern over files, independently of the readers.
func countMatches(tb testing.TB, files []string, re *regexp.Regexp) int {
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		n += len(re.FindAllIndex(b, -1))
	}
	return n
}

// TestReuters ingests all of Reuters-21578: every article, each with its
// date, every title the SGML holds, and nothing new the second time.
func TestReuters(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 27 MB")
	}
	files := reutersFiles(t)
	s := mustStore(t)
	ctx := context.Background()
	var errs []*read.ParseError
	in := &pipeline.Ingester{Store: s, OnError: func(e *read.ParseError) { errs = append(errs, e) }}
	stats, err := in.Ingest(ctx, files)
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) > 0 {
		t.Errorf("%d errors, first: %v", len(errs), errs[0])
	}
	want := countMatches(t, files, regexp.MustCompile(`<REUTERS `))
	if want != 21578 {
		t.Fatalf("the files hold %d <REUTERS> records, want 21578", want)
	}
	if got := stats.Total(); got.Read != want || got.New != want {
		t.Errorf("first ingest: %+v, want %d read and new", got, want)
	}
	wantTitles := countMatches(t, files, regexp.MustCompile(`<TITLE>[^<]*\S[^<]*</TITLE>`))
	titles, dated, ids := 0, 0, map[string]bool{}
	for a, err := range s.Articles(ctx, parallax.ArticleFilter{}) {
		if err != nil {
			t.Fatal(err)
		}
		if a.Title != "" {
			titles++
		}
		if !a.Published.IsZero() && a.Published.Time.Year() == 1987 {
			dated++
		}
		ids[a.ExternalID] = true
	}
	// One record's DATE holds only a comma; every other one has a date.
	wantDated := countMatches(t, files, regexp.MustCompile(`<DATE>\s*\d{1,2}-[A-Z]{3}-1987 `))
	if dated != wantDated || wantDated < want-1 {
		t.Errorf("%d articles dated in 1987, want %d (of %d)", dated, wantDated, want)
	}
	if titles != wantTitles {
		t.Errorf("%d articles with a title, want %d (the <TITLE> elements)", titles, wantTitles)
	}
	if len(ids) != want {
		t.Errorf("%d distinct NEWIDs, want %d", len(ids), want)
	}
	again, err := in.Ingest(ctx, files)
	if err != nil {
		t.Fatal(err)
	}
	if got := again.Total(); got.New != 0 || got.Duplicate != want {
		t.Errorf("second ingest: %+v, want 0 new and %d duplicates", got, want)
	}
	if n, _ := s.CountArticles(ctx, parallax.ArticleFilter{}); n != want {
		t.Errorf("store holds %d articles, want %d", n, want)
	}
}

// BenchmarkIngest measures the whole pipeline into SQLite in articles/s.
func BenchmarkIngest(b *testing.B) {
	corpora := []struct {
		name  string
		paths func(testing.TB) []string
	}{
		{"reuters", reutersFiles},
		{"bbc", func(tb testing.TB) []string {
			return []string{shared.Path(tb, "eval-data", "news-corpus", "bbc")}
		}},
	}
	for _, c := range corpora {
		b.Run(c.name, func(b *testing.B) {
			paths := c.paths(b)
			n := 0
			for b.Loop() {
				b.StopTimer()
				s, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				stats, err := (&pipeline.Ingester{Store: s}).Ingest(context.Background(), paths)
				if err != nil {
					b.Fatal(err)
				}
				n += stats.Total().New
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}
