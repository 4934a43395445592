package postgres_test

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/internal/pgtest"
	"github.com/parallaxhq/parallax/internal/shared"
	"github.com/parallaxhq/parallax/postgres"
	"github.com/parallaxhq/parallax/read"
	"github.com/parallaxhq/parallax/search"
	"github.com/parallaxhq/parallax/searchtest"
	"github.com/parallaxhq/parallax/sqlite"
)

var (
	benchCorpus = flag.String("search.corpus", "reuters", "the corpus BenchmarkSearchVsBleve searches: reuters or bbc")
	benchCopies = flag.Int("search.copies", 1, "how many copies of the corpus BenchmarkSearchVsBleve stores (for latency at a larger size; copies tie, so the overlap means little then)")
)

// Queries of BenchmarkSearchVsBleve: ours, written for each corpus's
// subjects, in every syntax the query language has.
var benchQueries = map[string][]string{
	"reuters": {
		"oil prices", "crude oil", "interest rates", "trade deficit", "wheat exports", "opec", "coffee", "sugar",
		"dollar yen", "money supply", `"money supply"`, "takeover bid", "merger OR acquisition", "gold",
		"bank of england", "federal reserve", "bundesbank", "grain", "soybeans", "corn OR maize", "dividend",
		"net loss", "quarterly profit", "stock split", "tender offer", "debt", "brazil debt", "japan tariffs",
		"semiconductors", "gulf shipping", "iran iraq", "strike", "cocoa", "copper", "natural gas", "airline",
		"export*", "tax*", `"prime rate"`, "inflation", "unemployment", "budget deficit", "treasury bills",
		"rubber", "steel", "computer", "farm subsidies", "currency NOT dollar", "ec commission", "oil AND NOT opec",
	},
	"bbc": {
		"election", "labour party", "tony blair", "gordon brown", "tax", "film", "oscar", "box office", "music",
		"album", "chelsea", "arsenal", "world cup", "champions league", "rugby", "tennis", "mobile phones",
		"broadband", "games console", "software", "microsoft", "google", "virus OR spam", "economy", "interest rates",
		"oil prices", "dollar", "shares", "profits", "jobs", "house prices", "bank", "airline", "china", "iraq",
		"immigration", "police", `"general election"`, "elect*", "technolog*", "player NOT football",
		"court", "actor", "director", "band", "coach", "injury", "goal", "deficit", "growth",
	},
}

// corpusFiles returns the files of a corpus in ../shared/eval-data.
func corpusFiles(tb testing.TB, name string) []string {
	var files []string
	switch name {
	case "reuters":
		files, _ = filepath.Glob(filepath.Join(shared.Path(tb, "eval-data", "news-corpus", "reuters21578"), "*.sgm"))
	case "bbc":
		dir := shared.Path(tb, "eval-data", "news-corpus", "bbc")
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && filepath.Ext(p) == ".txt" {
				files = append(files, p)
			}
			return nil
		})
	default:
		tb.Fatalf("-search.corpus %q: want reuters or bbc", name)
	}
	if len(files) == 0 {
		tb.Skipf("no files of corpus %s", name)
	}
	return files
}

// BenchmarkSearchVsBleve runs the same queries on the Bleve index of a
// SQLite store and on the PostgreSQL searcher of a PostgreSQL store
// holding the same articles (a corpus of ../shared/eval-data as read), and reports how far their top 10 agree (the mean
// of |top10 ∩ top10 of Bleve| / 10 over the queries Bleve finds 10 hits
// for, with BM25's average length as Bleve takes it and as the mean
// length), how often they count the same matches, and the p50 and p99
// latency of each (top 10, snippets, no facets; every query once per
// iteration, the engines taking turns).
//
//	go test ./postgres -run '^$' -bench SearchVsBleve -benchtime 5x [-search.corpus bbc] [-search.copies 4]
func BenchmarkSearchVsBleve(b *testing.B) {
	ctx := context.Background()
	files := corpusFiles(b, *benchCorpus)
	queries := benchQueries[*benchCorpus]
	dir := b.TempDir()
	lite, err := sqlite.Open(ctx, filepath.Join(dir, "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer lite.Close()
	dsn := pgtest.MustSchema(b, pgtest.MustDSN(b))
	pg, err := postgres.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer pg.Close()
	n := 0
	for k := range *benchCopies {
		n += loadCorpus(b, files, k, lite, pg)
	}

	start := time.Now()
	ix, err := search.Open(lite, filepath.Join(dir, "bench.db"+search.Suffix))
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.CatchUp(ctx); err != nil {
		b.Fatal(err)
	}
	bleveIndexing := time.Since(start)
	start = time.Now()
	x := postgres.NewSearcher(pg)
	if _, err := x.CatchUp(ctx); err != nil {
		b.Fatal(err)
	}
	pgIndexing := time.Since(start)
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "VACUUM ANALYZE search_docs"); err != nil {
		b.Fatal(err)
	}
	var pgBytes int64
	if err := conn.QueryRow(ctx, `SELECT pg_total_relation_size('search_docs') + pg_total_relation_size('search_terms')`).Scan(&pgBytes); err != nil {
		b.Fatal(err)
	}
	bleveBytes := dirSize(filepath.Join(dir, "bench.db"+search.Suffix))

	top := func(s parallax.Searcher, q string) (*parallax.SearchResult, []string) {
		r, err := s.Search(ctx, parallax.SearchQuery{Text: q})
		if err != nil {
			b.Fatalf("%q: %v", q, err)
		}
		return r, searchtest.IDs(r)
	}
	overlap := func(meanLength bool) (mean float64, counted, sameTotal int) {
		defer postgres.SetMeanLength(meanLength)()
		sum := 0.0
		for _, q := range queries {
			br, bt := top(ix, q)
			pr, pt := top(x, q)
			if br.Total == pr.Total {
				sameTotal++
			}
			if br.Total < 10 {
				continue
			}
			common := 0
			for _, id := range pt {
				if slices.Contains(bt, id) {
					common++
				}
			}
			sum += float64(common) / 10
			counted++
			if testing.Verbose() && !meanLength {
				b.Logf("%-28q bleve %5d pg %5d overlap %2d/10", q, br.Total, pr.Total, common)
			}
		}
		return sum / float64(max(counted, 1)), counted, sameTotal
	}
	bleveOverlap, counted, sameTotal := overlap(false)
	meanOverlap, _, _ := overlap(true)

	var bleveTimes, pgTimes []time.Duration
	b.ResetTimer()
	for b.Loop() {
		for _, q := range queries {
			t := time.Now()
			top(ix, q)
			bleveTimes = append(bleveTimes, time.Since(t))
			t = time.Now()
			top(x, q)
			pgTimes = append(pgTimes, time.Since(t))
		}
	}
	b.ReportMetric(float64(n), "articles")
	b.ReportMetric(bleveOverlap, "overlap@10")
	b.ReportMetric(meanOverlap, "overlap@10-meanlen")
	b.ReportMetric(float64(counted), "queries>=10hits")
	b.ReportMetric(float64(sameTotal)/float64(len(queries)), "same-total")
	b.ReportMetric(ms(percentile(bleveTimes, 50)), "bleve-p50-ms")
	b.ReportMetric(ms(percentile(bleveTimes, 99)), "bleve-p99-ms")
	b.ReportMetric(ms(percentile(pgTimes, 50)), "pg-p50-ms")
	b.ReportMetric(ms(percentile(pgTimes, 99)), "pg-p99-ms")
	b.ReportMetric(float64(n)/bleveIndexing.Seconds(), "bleve-indexed/s")
	b.ReportMetric(float64(n)/pgIndexing.Seconds(), "pg-indexed/s")
	b.ReportMetric(float64(bleveBytes)/float64(n), "bleve-B/article")
	b.ReportMetric(float64(pgBytes)/float64(n), "pg-B/article")
}

// loadCorpus reads the records of files as articles (the text as read:
// the same for both engines, whatever the repair stage would make of it)
// and stores them in each store; it returns how many. Copy k > 0 makes
// other ids of the same texts.
func loadCorpus(tb testing.TB, files []string, k int, stores ...parallax.Store) int {
	ctx := context.Background()
	var batch []*parallax.Article
	n := 0
	flush := func() {
		for _, s := range stores {
			if _, err := s.PutArticles(ctx, batch); err != nil {
				tb.Fatal(err)
			}
		}
		n += len(batch)
		batch = batch[:0]
	}
	err := (&read.Walker{}).Walk(ctx, files, func(r *read.Record) error {
		if k > 0 {
			r.Raw = append(r.Raw, fmt.Sprintf("\ncopy %d", k)...)
		}
		a := &parallax.Article{ID: parallax.ArticleID(r.Raw), Format: r.Format, Locations: []parallax.Location{r.Loc},
			Raw: r.Raw, Title: r.Title, Published: r.Published, Language: r.Language, Ingested: time.Unix(0, 0).UTC()}
		for _, p := range r.Paragraphs {
			a.Paragraphs = append(a.Paragraphs, parallax.Paragraph{Text: p})
		}
		if batch = append(batch, a); len(batch) == 500 {
			flush()
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	flush()
	return n
}

func percentile(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*p/100)]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}
