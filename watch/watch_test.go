package watch_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/pipeline"
	"github.com/parallaxhq/parallax/sqlite"
	"github.com/parallaxhq/parallax/watch"
)

const page = `<!doctype html><html lang="en"><head><title>%[1]s</title>
<meta property="og:site_name" content="Harbour Gazette"></head><body><article>
<h1>%[1]s</h1><p>The harbour authority of the fictional town said on Tuesday that the old pier
would close for repairs over the winter, after inspectors found cracked pillars.</p>
<p>Fishermen who moor their boats there will be offered berths at the new marina across the
bay at no extra cost until the works end in the spring, the authority said.</p>
<p>Local shops near the pier expect fewer visitors but welcomed the decision to fix it.</p>
</article></body></html>`

// server serves a feed with two items and their pages; the feed honours
// If-None-Match, and the second page fails once with 503.
type server struct {
	mu     sync.Mutex
	hits   map[string]int
	agents map[string]bool
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	s.agents[r.UserAgent()] = true
	n := s.hits[r.URL.Path]
	s.mu.Unlock()
	switch r.URL.Path {
	case "/feed.xml":
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Gazette</title>
<item><title>Pier to close</title><link>/pier.html</link><description>The old pier closes.</description>
<pubDate>Tue, 05 Mar 2024 09:00:00 GMT</pubDate></item>
<item><title>Marina opens</title><link>/marina.html</link><description>A new marina.</description></item>
<item><title>Huge</title><link>/huge.html</link><description>Too big.</description></item>
</channel></rss>`)
	case "/pier.html":
		fmt.Fprintf(w, page, "Pier to close for the winter")
	case "/marina.html":
		if n == 1 {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintf(w, page, "Marina opens its berths")
	case "/huge.html":
		fmt.Fprint(w, strings.Repeat("x", 5000))
	default:
		http.NotFound(w, r)
	}
}

func TestPoll(t *testing.T) {
	srv := &server{hits: map[string]int{}, agents: map[string]bool{}}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var ingested []string
	w := &watch.Watcher{
		Feeds:    []string{ts.URL + "/feed.xml"},
		Ingester: &pipeline.Ingester{Store: store},
		OnIngest: func(_ context.Context, from string, s *pipeline.Stats) error {
			ingested = append(ingested, from)
			return nil
		},
		HostGap:  time.Millisecond,
		Backoff:  time.Millisecond,
		MaxBytes: 4096,
	}
	r, err := w.Poll(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The feed's 3 items and 2 pages are new; the huge page fails.
	if want := (watch.Round{Feeds: 1, Pages: 2, New: 5, Failed: 1}); r != want {
		t.Errorf("first round %+v, want %+v", r, want)
	}
	if srv.hits["/marina.html"] != 2 {
		t.Errorf("marina fetched %d times, want 2 (one retry)", srv.hits["/marina.html"])
	}
	if !srv.agents[watch.UserAgent] || len(srv.agents) != 1 {
		t.Errorf("user agents %v", srv.agents)
	}
	if len(ingested) != 3 {
		t.Errorf("OnIngest called for %v", ingested)
	}
	r, err = w.Poll(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := (watch.Round{Unchanged: 1}); r != want {
		t.Errorf("second round %+v, want %+v", r, want)
	}
	var pages int
	for a, err := range store.Articles(ctx, parallax.ArticleFilter{}) {
		if err != nil {
			t.Fatal(err)
		}
		if a.Format == "html" {
			pages++
			if !strings.HasPrefix(a.URL, ts.URL) || a.Title == "" || len(a.Paragraphs) < 3 {
				t.Errorf("page article: url %q title %q, %d paragraphs", a.URL, a.Title, len(a.Paragraphs))
			}
		}
	}
	if pages != 2 {
		t.Errorf("%d pages stored, want 2", pages)
	}
}

func TestReadFeeds(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, text string
		want       int
		ok         bool
	}{
		{"urls and comments", "# news\nhttps://a.example/rss\n\nhttp://b.example/atom.xml\n", 2, true},
		{"not a url", "https://a.example/rss\nftp://x\n", 0, false},
		{"empty", "# nothing\n", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_"))
			if err := os.WriteFile(p, []byte(tt.text), 0o644); err != nil {
				t.Fatal(err)
			}
			feeds, err := watch.ReadFeeds(p)
			if (err == nil) != tt.ok || len(feeds) != tt.want {
				t.Errorf("ReadFeeds = %v, %v", feeds, err)
			}
		})
	}
}
