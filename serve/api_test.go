package serve_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/group"
	"github.com/parallaxhq/parallax/internal/shared"
	"github.com/parallaxhq/parallax/pipeline"
	"github.com/parallaxhq/parallax/read"
	"github.com/parallaxhq/parallax/search"
	"github.com/parallaxhq/parallax/serve"
	"github.com/parallaxhq/parallax/sqlite"
)

// MustServer opens a SQLite store in a temporary folder, fills it with
// fill, groups it, catches its index up and returns a test server over it.
func MustServer(tb testing.TB, fill func(ctx context.Context, store parallax.Store) error, token string) (*httptest.Server, *serve.Server) {
	tb.Helper()
	ctx := context.Background()
	db := filepath.Join(tb.TempDir(), "t.db")
	store, err := sqlite.Open(ctx, db)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { store.Close() })
	if err := fill(ctx, store); err != nil {
		tb.Fatal(err)
	}
	if _, err := group.Run(ctx, store, group.Options{}); err != nil {
		tb.Fatal(err)
	}
	ix, err := search.Open(store, db+search.Suffix)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	if _, err := ix.CatchUp(ctx); err != nil {
		tb.Fatal(err)
	}
	s := &serve.Server{Store: store, Searcher: ix, Token: token}
	if token != "" {
		s.Ingest = func(ctx context.Context, body io.Reader) (any, error) {
			in := &pipeline.Ingester{Store: store, Walker: &read.Walker{Stdin: body}}
			st, err := in.Ingest(ctx, []string{"-"})
			if err != nil {
				return nil, err
			}
			return st.Total(), nil
		}
	}
	ts := httptest.NewServer(s.Handler())
	tb.Cleanup(ts.Close)
	return ts, s
}

// seeds ingests ../shared/seeds (skipping the test when absent).
func seeds(tb testing.TB) func(ctx context.Context, store parallax.Store) error {
	dir := shared.Path(tb, "seeds")
	return func(ctx context.Context, store parallax.Store) error {
		_, err := (&pipeline.Ingester{Store: store}).Ingest(ctx, []string{dir})
		return err
	}
}

// fixtures stores three made-up articles of two outlets.
func fixtures(ctx context.Context, store parallax.Store) error {
	day := time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC)
	mk := func(id, outlet, title string, paras ...string) *parallax.Article {
		a := &parallax.Article{ID: id, Format: parallax.FormatText, Title: title, Language: "en", Raw: []byte(title + "\n" + strings.Join(paras, "\n")),
			Published: parallax.Date{Time: day, Precision: parallax.PrecisionDay}, Ingested: day, Locations: []parallax.Location{{Path: id}}}
		if outlet != "" {
			a.Outlet = &parallax.OutletRef{ID: outlet, Name: strings.ToUpper(outlet), Country: "NZ"}
		}
		for _, p := range paras {
			a.Paragraphs = append(a.Paragraphs, parallax.Paragraph{Text: p})
		}
		return a
	}
	_, err := store.PutArticles(ctx, []*parallax.Article{
		mk("f1", "ab", "Ferry strike halts crossings", "Ferry workers walked out on Monday, halting every crossing.", "The union said talks had failed."),
		mk("f2", "cd", "Ferry crossings halted by strike", "Every ferry crossing stopped on Monday as workers walked out.", "Talks with the union failed, the operator said."),
		mk("f3", "", "Orchard harvest begins early", "Growers began picking apples a week early."),
	})
	return err
}

// get fetches a path and decodes its JSON body into v.
func get(t *testing.T, ts *httptest.Server, path string, v any) int {
	t.Helper()
	resp, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("GET %s: Content-Type %q, want JSON", path, ct)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return resp.StatusCode
}

func TestAPIStatuses(t *testing.T) {
	ts, _ := MustServer(t, fixtures, "")
	var stories struct {
		Items []struct {
			ID       string   `json:"id"`
			Articles []string `json:"articles"`
		} `json:"items"`
	}
	if code := get(t, ts, "/api/stories", &stories); code != 200 || len(stories.Items) == 0 {
		t.Fatalf("/api/stories: %d, %+v", code, stories)
	}
	big := stories.Items[0].ID
	tests := []struct {
		name, path string
		status     int
		contains   string // in the body
	}{
		{"health", "/healthz", 200, `"status": "ok"`},
		{"stories page 1", "/api/stories?limit=1", 200, `"has_more": true`},
		{"stories bad limit", "/api/stories?limit=0", 400, "limit"},
		{"stories bad offset", "/api/stories?offset=-3", 400, "offset"},
		{"story", "/api/stories/" + big, 200, `"article_list"`},
		{"story missing", "/api/stories/nope", 404, "not found"},
		{"compare", "/api/stories/" + big + "/compare", 200, `"facts"`},
		{"compare missing", "/api/stories/nope/compare", 404, "not found"},
		{"article", "/api/articles/f1", 200, `"repair_log"`},
		{"article missing", "/api/articles/zz", 404, "not found"},
		{"search", "/api/search?q=ferry+strike", 200, `"total": 2`},
		{"search facets", "/api/search?q=ferry&facets=true", 200, `"value": "AB"`},
		{"search bad facets", "/api/search?q=ferry&facets=maybe", 400, "true or false"},
		{"search filters", "/api/search?q=ferry&outlet=ab&country=nz&from=2024-05-01&to=2024-05-31&language=en&state=false", 200, `"total": 1`},
		{"search phrase", "/api/search?q=%22workers+walked%22", 200, "<mark>workers</mark> <mark>walked</mark>"},
		{"search bad query", "/api/search?q=%22ferry", 400, `"status": 400`},
		{"search bad date", "/api/search?q=x&from=May", 400, "YYYY-MM-DD"},
		{"search bad state", "/api/search?state=maybe", 400, "true or false"},
		{"search page too large", "/api/search?q=x&limit=101", 400, "at most 100"},
		{"search unknown story", "/api/search?q=x&story=nope", 404, "not found"},
		{"entities", "/api/entities?limit=5", 200, `"items"`},
		{"quotes", "/api/quotes", 200, `"items"`},
		{"outlets", "/api/outlets", 200, `"unknown_outlet": 1`},
		{"unknown api route", "/api/nothing", 404, `"error"`},
		{"wrong method", "/api/stories", 405, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, ts.URL+tc.path, nil)
			if tc.status == 405 {
				req.Method = http.MethodDelete
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.status {
				t.Errorf("status %d, want %d; body %s", resp.StatusCode, tc.status, body)
			}
			if !strings.Contains(string(body), tc.contains) {
				t.Errorf("body does not contain %q:\n%s", tc.contains, body)
			}
			if resp.StatusCode >= 400 && resp.StatusCode != 405 && !json.Valid(body) {
				t.Errorf("error body is not JSON: %s", body)
			}
		})
	}
}

func TestAPIPagination(t *testing.T) {
	ts, _ := MustServer(t, fixtures, "")
	type page struct {
		Hits []struct {
			ID string `json:"id"`
		} `json:"hits"`
		Total int `json:"total"`
	}
	var all page
	get(t, ts, "/api/search?q=ferry+OR+apples&limit=10", &all)
	if all.Total != 3 || len(all.Hits) != 3 {
		t.Fatalf("total %d, hits %d; want 3, 3", all.Total, len(all.Hits))
	}
	var got []string
	for off := range 3 {
		var p page
		get(t, ts, "/api/search?q=ferry+OR+apples&limit=1&offset="+string(rune('0'+off)), &p)
		for _, h := range p.Hits {
			got = append(got, h.ID)
		}
	}
	for i := range all.Hits {
		if got[i] != all.Hits[i].ID {
			t.Errorf("page %d: %s, want %s", i, got[i], all.Hits[i].ID)
		}
	}
}

func TestAPIIngest(t *testing.T) {
	post := func(ts *httptest.Server, auth, body string) (int, string) {
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/ingest", strings.NewReader(body))
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	ro, _ := MustServer(t, fixtures, "")
	if code, body := post(ro, "Bearer x", "Title\n\nText."); code != http.StatusForbidden {
		t.Errorf("read-only server: %d %s, want 403", code, body)
	}
	rw, s := MustServer(t, fixtures, "s3cret")
	s.MaxBodyBytes = 1 << 10
	if code, _ := post(rw, "", "Title\n\nText."); code != http.StatusUnauthorized {
		t.Errorf("no token: %d, want 401", code)
	}
	if code, _ := post(rw, "Bearer wrong", "Title\n\nText."); code != http.StatusUnauthorized {
		t.Errorf("wrong token: %d, want 401", code)
	}
	if code, body := post(rw, "Bearer s3cret", strings.Repeat("long text ", 200)); code != http.StatusRequestEntityTooLarge {
		t.Errorf("too large: %d %s, want 413", code, body)
	}
	code, body := post(rw, "Bearer s3cret", "Lighthouse keeper retires\n\nThe last lighthouse keeper retired on Sunday.")
	if code != http.StatusOK {
		t.Fatalf("ingest: %d %s", code, body)
	}
	var res struct {
		Total int `json:"total"`
	}
	get(t, rw, "/api/search?q=lighthouse", &res)
	if res.Total != 1 {
		t.Errorf("the ingested article is not found by search at once: total %d", res.Total)
	}
}

func TestAPISeeds(t *testing.T) {
	ts, _ := MustServer(t, seeds(t), "")
	var stories struct {
		Items []struct {
			ID       string   `json:"id"`
			Articles []string `json:"articles"`
		} `json:"items"`
	}
	get(t, ts, "/api/stories", &stories)
	if len(stories.Items) != 2 || len(stories.Items[0].Articles) != 4 {
		t.Fatalf("stories = %+v, want the summit of 4 articles and one other", stories.Items)
	}
	var c struct {
		QuoteGroups []struct {
			Speaker  string `json:"speaker"`
			Variants []struct {
				Text string `json:"text"`
			} `json:"variants"`
		} `json:"quote_groups"`
		Outlets []struct{} `json:"outlets"`
	}
	get(t, ts, "/api/stories/"+stories.Items[0].ID+"/compare", &c)
	putin := false
	for _, g := range c.QuoteGroups {
		if strings.Contains(g.Speaker, "Putin") && len(g.Variants) >= 2 {
			putin = true
		}
	}
	if !putin || len(c.Outlets) != 4 {
		t.Errorf("comparison: %d outlets, Putin quote variants %t; want 4, true", len(c.Outlets), putin)
	}
	var res struct {
		Total int `json:"total"`
		Hits  []struct {
			StoryID string `json:"story"`
		} `json:"hits"`
	}
	get(t, ts, "/api/search?q=%22certain+restrictions%22&story="+stories.Items[0].ID, &res)
	if res.Total != 2 {
		t.Errorf("phrase in the summit story: total %d, want 2", res.Total)
	}
	for _, h := range res.Hits {
		if h.StoryID != stories.Items[0].ID {
			t.Errorf("hit story %q, want %q", h.StoryID, stories.Items[0].ID)
		}
	}
}

func TestPages(t *testing.T) {
	ts, _ := MustServer(t, fixtures, "")
	tests := []struct {
		path     string
		status   int
		contains string
	}{
		{"/", 200, "Ferry"},
		{"/search?q=ferry", 200, "<mark>"},
		{"/search", 200, "Filters"},
		{"/search?q=%22ferry", 200, "role=\"alert\""},
		{"/outlets", 200, "AB"},
		{"/articles/f1", 200, "Repaired text"},
		{"/articles/nope", 404, "404"},
		{"/nowhere", 404, "no such page"},
		{"/static/style.css", 200, "Parallax"},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			resp, err := http.Get(ts.URL + tc.path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.status || !strings.Contains(string(body), tc.contains) {
				t.Errorf("GET %s: %d (want %d), contains %q: %t", tc.path, resp.StatusCode, tc.status, tc.contains, strings.Contains(string(body), tc.contains))
			}
			if csp := resp.Header.Get("Content-Security-Policy"); csp == "" {
				t.Error("no Content-Security-Policy")
			}
		})
	}
}
