package pipeline_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/parallaxhq/parallax/internal/pgtest"
	"github.com/parallaxhq/parallax/pipeline"
	"github.com/parallaxhq/parallax/postgres"
	"github.com/parallaxhq/parallax/sqlite"
)

// BenchmarkIngestPostgres measures the whole pipeline over Reuters-21578
// into PostgreSQL with 1, 2 and 4 concurrent ingesters, each with a store
// of its own as separate processes would have, next to SQLite with one
// ingester, in articles stored per second. The "share" runs split the
// files among the ingesters; the "overlap" run gives every ingester every
// file, so that all but one copy of each article are idempotent upserts.
// It also reports the bytes each article takes, per table.
func BenchmarkIngestPostgres(b *testing.B) {
	files := reutersFiles(b)
	b.Run("sqlite/ingesters=1", func(b *testing.B) {
		n, size := 0, int64(0)
		for b.Loop() {
			b.StopTimer()
			path := filepath.Join(b.TempDir(), "bench.db")
			s, err := sqlite.Open(context.Background(), path)
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			stats, err := (&pipeline.Ingester{Store: s}).Ingest(context.Background(), files)
			if err != nil {
				b.Fatal(err)
			}
			n += stats.Total().New
			b.StopTimer()
			s.Close()
			size = 0
			for _, suffix := range []string{"", "-wal"} {
				if st, err := os.Stat(path + suffix); err == nil {
					size += st.Size()
				}
			}
			b.StartTimer()
		}
		b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
		b.ReportMetric(float64(size)/float64(n/b.N), "B/article")
	})

	dsn := pgtest.MustDSN(b)
	for _, c := range []struct {
		ingesters int
		overlap   bool
	}{{1, false}, {2, false}, {4, false}, {4, true}} {
		name := fmt.Sprintf("postgres/ingesters=%d/share", c.ingesters)
		if c.overlap {
			name = fmt.Sprintf("postgres/ingesters=%d/overlap", c.ingesters)
		}
		b.Run(name, func(b *testing.B) {
			n, records := 0, 0
			var size tableSizes
			for b.Loop() {
				b.StopTimer()
				schema := pgtest.MustSchema(b, dsn)
				stores := make([]*postgres.Store, c.ingesters)
				for i := range stores {
					s, err := postgres.Open(context.Background(), schema)
					if err != nil {
						b.Fatal(err)
					}
					stores[i] = s
				}
				b.StartTimer()
				var wg sync.WaitGroup
				var mu sync.Mutex
				for i, s := range stores {
					share := files
					if !c.overlap {
						share = nil
						for j := i; j < len(files); j += c.ingesters {
							share = append(share, files[j])
						}
					}
					wg.Add(1)
					go func() {
						defer wg.Done()
						stats, err := (&pipeline.Ingester{Store: s}).Ingest(context.Background(), share)
						if err != nil {
							b.Error(err)
							return
						}
						mu.Lock()
						n += stats.Total().New
						records += stats.Total().Read
						mu.Unlock()
					}()
				}
				wg.Wait()
				b.StopTimer()
				for _, s := range stores {
					s.Close()
				}
				size = mustTableSizes(b, schema)
				b.StartTimer()
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
			b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
			for _, t := range []struct {
				unit  string
				bytes int64
			}{{"B/article", size.total}, {"articles-B/article", size.articles}, {"raws-B/article", size.raws}, {"locations-B/article", size.locations}} {
				b.ReportMetric(float64(t.bytes)/float64(size.rows), t.unit)
			}
		})
	}
}

// tableSizes is what a store takes on disk, tables with their indexes and
// TOAST, after an ingest of rows articles.
type tableSizes struct {
	rows                             int64
	articles, raws, locations, total int64
}

func mustTableSizes(tb testing.TB, dsn string) tableSizes {
	tb.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		tb.Fatal(err)
	}
	defer conn.Close(ctx)
	var t tableSizes
	if err := conn.QueryRow(ctx, `SELECT (SELECT count(*) FROM articles),
		pg_total_relation_size('articles'), pg_total_relation_size('raws'), pg_total_relation_size('locations')`).
		Scan(&t.rows, &t.articles, &t.raws, &t.locations); err != nil {
		tb.Fatal(err)
	}
	t.total = t.articles + t.raws + t.locations
	if t.rows == 0 {
		tb.Fatal("no articles stored")
	}
	return t
}
