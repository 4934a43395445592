package serve_test

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/search"
	"github.com/parallaxhq/parallax/serve"
	"github.com/parallaxhq/parallax/sqlite"
)

var (
	benchArticles = flag.Int("search.articles", 10000, "generated articles for BenchmarkSearch")
	benchDir      = flag.String("search.dir", "", "keep the generated store, index and FTS5 table in this `folder` and reuse them")
)

// Generated corpus: a Zipf vocabulary, articles of about 400 words (2.5 KB)
// from 40 outlets over a year.
const (
	benchVocab   = 30000
	benchWords   = 400
	benchOutlets = 40
	benchQueries = 50
)

func benchWord(i uint64) string {
	const letters = "abcdefghijklmnoprstuvwyz"
	var b []byte
	for n := i + 30; n > 0; n /= uint64(len(letters)) {
		b = append(b, letters[n%uint64(len(letters))])
	}
	return string(b) + "an"
}

// benchCorpus builds (or reuses) a SQLite store of n generated articles,
// its Bleve index and an FTS5 table of the same texts.
func benchCorpus(b *testing.B, n int) (dir string) {
	dir = *benchDir
	if dir == "" {
		dir = b.TempDir()
	}
	dir = filepath.Join(dir, fmt.Sprint(n))
	if _, err := os.Stat(filepath.Join(dir, "done")); err == nil {
		return dir
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(dir, "store.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	fts, err := sql.Open("sqlite", filepath.Join(dir, "fts.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer fts.Close()
	if _, err := fts.Exec(`PRAGMA journal_mode=WAL; CREATE VIRTUAL TABLE fts USING fts5(text)`); err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	zipf := rand.NewZipf(rng, 1.1, 2, benchVocab-1)
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	batch := make([]*parallax.Article, 0, 1000)
	tx, _ := fts.Begin()
	ins, _ := tx.Prepare(`INSERT INTO fts (rowid, text) VALUES (?, ?)`)
	flush := func() {
		if _, err := store.PutArticles(ctx, batch); err != nil {
			b.Fatal(err)
		}
		batch = batch[:0]
	}
	for i := range n {
		var paras []parallax.Paragraph
		var words []string
		for p := range 5 {
			var sb strings.Builder
			for w := range benchWords / 5 {
				if w > 0 {
					sb.WriteByte(' ')
				}
				word := benchWord(zipf.Uint64())
				sb.WriteString(word)
				if p == 0 && w < 8 {
					words = append(words, word)
				}
			}
			sb.WriteByte('.')
			paras = append(paras, parallax.Paragraph{Text: sb.String()})
		}
		o := i % benchOutlets
		a := &parallax.Article{ID: fmt.Sprintf("g%08d", i), Format: parallax.FormatText, Title: strings.Join(words, " "), Language: "en",
			Outlet:     &parallax.OutletRef{ID: fmt.Sprintf("outlet-%d", o), Name: fmt.Sprintf("Outlet %d", o), Country: []string{"US", "GB", "RU", "FR"}[o%4], StateAffiliated: o%4 == 2},
			Published:  parallax.Date{Time: start.AddDate(0, 0, i%365), Precision: parallax.PrecisionDay},
			Paragraphs: paras, Raw: fmt.Appendf(nil, "generated %d", i), Ingested: start, Locations: []parallax.Location{{Path: "gen", Index: i}}}
		batch = append(batch, a)
		if _, err := ins.Exec(i+1, a.Title+"\n\n"+a.Text()); err != nil {
			b.Fatal(err)
		}
		if len(batch) == cap(batch) {
			flush()
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
			tx, _ = fts.Begin()
			ins, _ = tx.Prepare(`INSERT INTO fts (rowid, text) VALUES (?, ?)`)
		}
	}
	flush()
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	t0 := time.Now()
	ix, err := search.Open(store, filepath.Join(dir, "store.db"+search.Suffix))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := ix.CatchUp(ctx); err != nil {
		b.Fatal(err)
	}
	ix.Close()
	b.Logf("indexed %d articles in %s (%.0f/s)", n, time.Since(t0).Round(time.Millisecond), float64(n)/time.Since(t0).Seconds())
	if err := os.WriteFile(filepath.Join(dir, "done"), nil, 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}

// benchPairs are frequent two-word queries: pairs of words of frequency
// ranks 200 … 2000 (each in about 1–11 % of the articles), fixed by a seed.
func benchPairs() [][2]string {
	rng := rand.New(rand.NewPCG(3, 4))
	var out [][2]string
	for range benchQueries {
		out = append(out, [2]string{benchWord(uint64(200 + rng.IntN(1800))), benchWord(uint64(200 + rng.IntN(1800)))})
	}
	return out
}

// benchStore opens the store of the benchmark corpus (built if need be)
// and returns it with the corpus's folder.
func benchStore(b *testing.B) (string, *sqlite.Store) {
	dir := benchCorpus(b, *benchArticles)
	store, err := sqlite.Open(context.Background(), filepath.Join(dir, "store.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	return dir, store
}

// benchIndex opens the store of the benchmark corpus and its index, and
// catches the index up (completing one a BenchmarkReindex run left
// unfinished); it returns them with the corpus's folder.
func benchIndex(b *testing.B) (string, *sqlite.Store, *search.Index) {
	dir, store := benchStore(b)
	ix, err := search.Open(store, filepath.Join(dir, "store.db"+search.Suffix))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ix.Close() })
	if _, err := ix.CatchUp(context.Background()); err != nil {
		b.Fatal(err)
	}
	return dir, store, ix
}

// BenchmarkSearch measures top-10 search latency, p50 and p99 over 50
// frequent two-word queries: through the API handler (Bleve, BM25, with
// snippets and the story of each hit; both words required), the same with
// filters, the two words joined by OR, and raw SQLite FTS5 queries ORDER BY
// bm25 over the same texts, both words required and either.
//
//	go test ./serve -run '^$' -bench BenchmarkSearch -benchtime 200x -search.articles 100000 -search.dir /tmp/pxbench
func BenchmarkSearch(b *testing.B) {
	dir, store, ix := benchIndex(b)
	h := (&serve.Server{Store: store, Searcher: ix}).Handler()
	pairs := benchPairs()
	api := func(op string, extra url.Values) func(i int) {
		return func(i int) {
			p := pairs[i%len(pairs)]
			v := url.Values{"q": {p[0] + op + p[1]}}
			for k, vs := range extra {
				v[k] = vs
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/search?"+v.Encode(), nil))
			if rec.Code != 200 {
				b.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
		}
	}
	fts, err := sql.Open("sqlite", filepath.Join(dir, "fts.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer fts.Close()
	stmt, err := fts.Prepare(`SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY bm25(fts) LIMIT 10`)
	if err != nil {
		b.Fatal(err)
	}
	raw := func(op string) func(i int) {
		return func(i int) {
			p := pairs[i%len(pairs)]
			rows, err := stmt.Query(p[0] + op + p[1])
			if err != nil {
				b.Fatal(err)
			}
			for rows.Next() {
			}
			rows.Close()
		}
	}
	for _, bc := range []struct {
		name string
		run  func(int)
	}{
		{"api", api(" ", nil)},
		// A date range that is not whole months, half the corpus.
		{"api-filtered", api(" ", url.Values{"country": {"RU"}, "from": {"2023-03-10"}, "to": {"2023-09-20"}})},
		{"api-or", api(" OR ", nil)},
		{"fts5", raw(" AND ")},
		{"fts5-or", raw(" OR ")},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var lat []time.Duration
			i := 0
			for b.Loop() {
				t := time.Now()
				bc.run(i)
				lat = append(lat, time.Since(t))
				i++
			}
			slices.Sort(lat)
			q := func(p float64) float64 {
				return float64(lat[min(len(lat)-1, int(math.Ceil(p*float64(len(lat))))-1)].Microseconds()) / 1000
			}
			b.ReportMetric(q(0.50), "p50-ms")
			b.ReportMetric(q(0.99), "p99-ms")
		})
	}
}

// BenchmarkCatchUp measures a catch-up of the benchmark corpus's index
// that finds nothing new: what `parallax search` does before every query
// and `parallax serve` every --catch-up interval.
//
//	go test ./serve -run '^$' -bench BenchmarkCatchUp -search.articles 1000000 -search.dir /tmp/pxbench
func BenchmarkCatchUp(b *testing.B) {
	ctx := context.Background()
	_, _, ix := benchIndex(b)
	for b.Loop() {
		if n, err := ix.CatchUp(ctx); err != nil || n != 0 {
			b.Fatalf("CatchUp = %d, %v; want 0", n, err)
		}
	}
}

// BenchmarkReindex does what `parallax reindex` does to the benchmark
// corpus: it rebuilds the corpus's index from the store (the index
// BenchmarkSearch then uses), under the memory limit the command sets
// (cmd/parallax's memoryLimit). It reports articles per second and the
// process's anonymous resident memory (the heap and other private pages;
// not the index segments Bleve maps from files, which are page cache),
// sampled every 100 ms from /proc: median, 99th percentile and peak.
//
//	go test ./serve -run '^$' -bench BenchmarkReindex -benchtime 1x -search.articles 1000000 -search.dir /tmp/pxbench
func BenchmarkReindex(b *testing.B) {
	if _, err := anonRSS(); err != nil {
		b.Skip("no /proc/self/status:", err)
	}
	ctx := context.Background()
	dir, store := benchStore(b)
	// As cmd/parallax sets it when GOMEMLIMIT is unset.
	if os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(160 << 20))
	}
	runtime.GC()
	for b.Loop() {
		var rss []int64
		stop, done := make(chan struct{}), make(chan struct{})
		go func() {
			defer close(done)
			tick := time.NewTicker(100 * time.Millisecond)
			defer tick.Stop()
			for {
				if n, err := anonRSS(); err == nil {
					rss = append(rss, n)
				}
				select {
				case <-stop:
					return
				case <-tick.C:
				}
			}
		}()
		t0 := time.Now()
		ix, n, err := search.Rebuild(ctx, store, filepath.Join(dir, "store.db"+search.Suffix), 0)
		if err != nil {
			b.Fatal(err)
		}
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
		took := time.Since(t0)
		close(stop)
		<-done
		slices.Sort(rss)
		mb := func(p float64) float64 { return float64(rss[int(p*float64(len(rss)-1))]) / 1e6 }
		b.ReportMetric(float64(n)/took.Seconds(), "articles/s")
		b.ReportMetric(mb(0.5), "rss-p50-MB")
		b.ReportMetric(mb(0.99), "rss-p99-MB")
		b.ReportMetric(mb(1), "rss-peak-MB")
	}
}

// anonRSS reads the process's anonymous resident memory, in bytes.
func anonRSS() (int64, error) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, err
	}
	for line := range strings.Lines(string(data)) {
		if rest, ok := strings.CutPrefix(line, "RssAnon:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10, err
		}
	}
	return 0, fmt.Errorf("no RssAnon in /proc/self/status")
}
