package pipeline_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/parallaxhq/parallax/internal/shared"
	"github.com/parallaxhq/parallax/pipeline"
)

// BenchmarkIngestHTML ingests the 181 pages of the Zyte article-extraction
// benchmark (gzipped HTML) through the whole pipeline — read (extraction,
// date), repair, describe — into a fresh SQLite store each time, and
// reports pages per second.
func BenchmarkIngestHTML(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(shared.Path(b, "eval-data", "article-extraction", "html"), "*.html.gz"))
	if len(files) == 0 {
		b.Skip("no pages")
	}
	ctx := context.Background()
	prep, err := pipeline.NewPreparer(pipeline.Config{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	pages := 0
	for b.Loop() {
		b.StopTimer()
		s := mustStore(b)
		b.StartTimer()
		in := &pipeline.Ingester{Store: s, Prepare: prep.Prepare}
		stats, err := in.Ingest(ctx, files)
		if err != nil {
			b.Fatal(err)
		}
		if got := stats.Total().Read; got != len(files) {
			b.Fatalf("read %d pages of %d: %v", got, len(files), stats.Errors)
		}
		pages += len(files)
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
}
