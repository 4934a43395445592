package serve_test

import (
	"context"
	"flag"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/describe"
	"github.com/parallaxhq/parallax/pipeline"
)

// screenshots names a folder to save screenshots of every page in, taken
// over the bundled example corpus (our own text, unlike the seeds):
// go test ./serve -run TestScreenshots -screenshots $PWD/docs/screenshots
var screenshots = flag.String("screenshots", "", "save page screenshots in this `folder`")

// chromium finds a headless-capable Chromium, or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("PARALLAX_REQUIRE_BROWSER") == "1" {
		t.Fatal("no Chromium found (apt-get install -y chromium)")
	}
	t.Skip("no Chromium found (apt-get install -y chromium)")
	return ""
}

// browse runs headless Chromium on a URL: it returns the DOM after the
// page loaded and, with shot set, saves a screenshot of width×height.
func browse(t *testing.T, bin, u, shot string, width, height int) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	args := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
		"--hide-scrollbars", "--user-data-dir=" + t.TempDir(), "--virtual-time-budget=3000"}
	if shot != "" {
		args = append(args, "--screenshot="+shot, "--window-size="+strconv.Itoa(width)+","+strconv.Itoa(height))
		if out, err := exec.CommandContext(ctx, bin, append(args, u)...).CombinedOutput(); err != nil {
			t.Fatalf("chromium screenshot %s: %v\n%s", u, err, out)
		}
		args = args[:len(args)-2]
	}
	out, err := exec.CommandContext(ctx, bin, append(args, "--dump-dom", u)...).Output()
	if err != nil {
		t.Fatalf("chromium --dump-dom %s: %v", u, err)
	}
	return string(out)
}

// TestBrowser opens the pages over the seeds in headless Chromium: the
// story page with its coverage matrix and Putin's quote in two wordings,
// a search, an article with its repairs, the outlets.
func TestBrowser(t *testing.T) {
	bin := chromium(t)
	ts, _ := MustServer(t, seeds(t), "")
	var stories struct {
		Items []struct {
			ID       string   `json:"id"`
			Articles []string `json:"articles"`
		} `json:"items"`
	}
	get(t, ts, "/api/stories", &stories)
	if len(stories.Items) == 0 {
		t.Fatal("no stories")
	}
	summit := stories.Items[0]
	shot := func(string) string { return "" } // the seeds are not ours to publish: see TestScreenshots
	var hits struct {
		Hits []struct {
			ID string `json:"id"`
		} `json:"hits"`
	}
	get(t, ts, "/api/search?q=homoglyph+OR+armistice+OR+%22strong+support%22&limit=1", &hits)

	t.Run("story", func(t *testing.T) {
		dom := browse(t, bin, ts.URL+"/stories/"+summit.ID, shot("story.png"), 1280, 3600)
		cov := section(dom, `<table class="heat" id="coverage">`, "</table>")
		if strings.Count(cov, `class="c on"`) < 4 || !strings.Contains(cov, `class="c off"`) {
			t.Errorf("coverage matrix not rendered with filled and empty cells:\n%.600s", cov)
		}
		quotes := section(dom, `id="quotes"`, "</section>")
		variants := 0
		for _, g := range strings.Split(quotes, `class="quote-group"`)[1:] {
			if strings.Contains(g, "Putin") && strings.Contains(g, "restrictions") {
				variants = strings.Count(g, "<blockquote>")
			}
		}
		if variants < 2 {
			t.Errorf("Putin's quote on restrictions not shown in two wordings:\n%.1500s", quotes)
		}
	})
	t.Run("search", func(t *testing.T) {
		dom := browse(t, bin, ts.URL+"/search?"+url.Values{"q": {`putin AND "certain restrictions"`}}.Encode(), shot("search.png"), 1280, 1400)
		if !strings.Contains(dom, "2 matches") || !strings.Contains(dom, "<mark>restrictions</mark>") || !strings.Contains(dom, "By outlet") {
			t.Errorf("search page: no 2 matches with marks and facets:\n%.2000s", dom)
		}
	})
	t.Run("stories", func(t *testing.T) {
		dom := browse(t, bin, ts.URL+"/", shot("stories.png"), 1280, 700)
		if !strings.Contains(dom, "/stories/"+summit.ID) || !strings.Contains(dom, `class="spark"`) {
			t.Errorf("stories page: no link to the summit or no timeline")
		}
	})
	t.Run("article", func(t *testing.T) {
		if len(hits.Hits) == 0 {
			t.Skip("no article found to show")
		}
		dom := browse(t, bin, ts.URL+"/articles/"+hits.Hits[0].ID, shot("article.png"), 1280, 2400)
		if n := len(regexp.MustCompile(`<mark class="chg"`).FindAllString(dom, -1)); n < 20 {
			t.Errorf("article page: %d repaired words marked, want the disguised letters' words", n)
		}
	})
	t.Run("outlets", func(t *testing.T) {
		dom := browse(t, bin, ts.URL+"/outlets", shot("outlets.png"), 1280, 600)
		if !strings.Contains(dom, "Sputnik International") || !strings.Contains(dom, "KBS World Radio") {
			t.Errorf("outlets page lacks the seeds' outlets")
		}
	})
	t.Run("narrow", func(t *testing.T) {
		dom := browse(t, bin, ts.URL+"/stories/"+summit.ID, shot("story-narrow.png"), 390, 2400)
		if !strings.Contains(dom, `name="viewport"`) {
			t.Error("no viewport meta")
		}
	})
}

// section returns dom from the first start to the next end after it.
func section(dom, start, end string) string {
	i := strings.Index(dom, start)
	if i < 0 {
		return ""
	}
	j := strings.Index(dom[i:], end)
	if j < 0 {
		return dom[i:]
	}
	return dom[i : i+j]
}

// TestScreenshots saves a screenshot of every page, over the example
// corpus, when -screenshots names a folder.
func TestScreenshots(t *testing.T) {
	if *screenshots == "" {
		t.Skip("no -screenshots folder given")
	}
	bin := chromium(t)
	ts, _ := MustServer(t, func(ctx context.Context, store parallax.Store) error {
		reg, err := describe.DefaultRegistry()
		if err != nil {
			return err
		}
		f, err := os.Open("../examples/outlets.json")
		if err != nil {
			return err
		}
		defer f.Close()
		if err := reg.Merge(f); err != nil {
			return err
		}
		prep, err := pipeline.NewPreparer(pipeline.Config{Outlets: reg})
		if err != nil {
			return err
		}
		_, err = (&pipeline.Ingester{Store: store, Prepare: prep.Prepare}).Ingest(ctx, []string{"../examples/corpus"})
		return err
	}, "")
	if err := os.MkdirAll(*screenshots, 0o755); err != nil {
		t.Fatal(err)
	}
	var stories struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	get(t, ts, "/api/stories", &stories)
	var hits struct {
		Hits []struct {
			ID string `json:"id"`
		} `json:"hits"`
	}
	get(t, ts, "/api/search?q=%22break+down+in+Orreby%22&limit=1", &hits)
	pages := []struct {
		url, file     string
		width, height int
	}{
		{"/", "stories.png", 1280, 800},
		{"/stories/" + stories.Items[0].ID, "story.png", 1280, 3600},
		{"/stories/" + stories.Items[0].ID, "story-narrow.png", 390, 2400},
		{"/search?" + url.Values{"q": {`Morvane AND engineers`}}.Encode(), "search.png", 1280, 1400},
		{"/outlets", "outlets.png", 1280, 700},
	}
	if len(hits.Hits) > 0 {
		pages = append(pages, struct {
			url, file     string
			width, height int
		}{"/articles/" + hits.Hits[0].ID, "article.png", 1280, 2400})
	}
	for _, p := range pages {
		browse(t, bin, ts.URL+p.url, filepath.Join(*screenshots, p.file), p.width, p.height)
	}
}
