package search_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/search"
	"github.com/parallaxhq/parallax/sqlite"
)

// fixture is a made-up article: the texts are ours, written for the tests.
type fixture struct {
	id, title, outlet, country, lang, day string
	state                                 bool
	entities                              []string
	paras                                 []string
}

var fixtures = []fixture{
	{id: "a1", title: "Harbour bridge reopens after repairs", outlet: "tidewater", country: "GB", lang: "en", day: "2024-03-01",
		entities: []string{"port-authority"},
		paras:    []string{"The harbour bridge reopened on Friday after six months of repairs.", "Engineers said the steel cables were replaced."}},
	{id: "a2", title: "Council debates bridge tolls", outlet: "staterelay", country: "RU", lang: "en", day: "2024-03-02", state: true,
		paras: []string{"The council debated whether the harbour should pay for the bridge.", "Tolls on the bridge may rise next year, an official said."}},
	{id: "a3", title: "Fishing fleet returns to harbour", outlet: "tidewater", country: "GB", lang: "en", day: "2024-03-03",
		paras: []string{"The fishing fleet returned with a record catch.", "Harbour workers unloaded crates all night."}},
	{id: "a4", title: "Le pont rouvre", outlet: "lepoint", country: "FR", lang: "fr", day: "2024-03-02",
		paras: []string{"Le pont du port a rouvert vendredi."}},
	{id: "a5", title: "Undated note on bridges and tunnels", lang: "en",
		paras: []string{"Bridges and tunnels need maintenance. The bridge engineers agree."}},
	{id: "a6", title: "Monthly digest", lang: "en", day: "2024-03", paras: []string{"A month of news, dated to the month only."}},
}

func (f fixture) article() *parallax.Article {
	a := &parallax.Article{ID: f.id, Format: parallax.FormatText, Title: f.title, Language: f.lang, Ingested: time.Unix(0, 0).UTC(),
		Raw: []byte(f.id), Locations: []parallax.Location{{Path: f.id + ".txt"}}}
	for _, p := range f.paras {
		a.Paragraphs = append(a.Paragraphs, parallax.Paragraph{Text: p})
	}
	if f.outlet != "" {
		a.Outlet = &parallax.OutletRef{ID: f.outlet, Name: strings.ToUpper(f.outlet[:1]) + f.outlet[1:], Country: f.country, StateAffiliated: f.state}
	}
	if f.day != "" {
		t, err := time.Parse(time.DateOnly, f.day)
		a.Published = parallax.Date{Time: t, Precision: parallax.PrecisionDay}
		if err != nil {
			t, _ = time.Parse("2006-01", f.day)
			a.Published = parallax.Date{Time: t, Precision: parallax.PrecisionMonth}
		}
	}
	for _, e := range f.entities {
		a.Entities = append(a.Entities, parallax.Entity{ID: e, Name: e, Kind: parallax.EntityOrganization})
	}
	return a
}

// MustOpen opens a SQLite store holding fixtures and its index, caught up.
func MustOpen(tb testing.TB, fs []fixture) (*sqlite.Store, *search.Index, string) {
	tb.Helper()
	ctx := context.Background()
	db := filepath.Join(tb.TempDir(), "t.db")
	store, err := sqlite.Open(ctx, db)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { store.Close() })
	var as []*parallax.Article
	for _, f := range fs {
		as = append(as, f.article())
	}
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
	if n, err := ix.CatchUp(ctx); err != nil || n != len(fs) {
		tb.Fatalf("CatchUp = %d, %v; want %d", n, err, len(fs))
	}
	return store, ix, path
}

func ids(r *parallax.SearchResult) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.ID)
	}
	return out
}

func TestSearch(t *testing.T) {
	ctx := context.Background()
	store, ix, _ := MustOpen(t, fixtures)
	if err := store.PutStories(ctx, []*parallax.Story{{ID: "s1", Articles: []string{"a1", "a2"}}},
		[]parallax.Grouping{{ArticleID: "a1", StoryID: "s1"}, {ArticleID: "a2", StoryID: "s1"}}); err != nil {
		t.Fatal(err)
	}
	yes, no := true, false
	day := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	tests := []struct {
		name string
		q    parallax.SearchQuery
		want []string // hit ids; sorted unless ordered
		// ordered: the order matters (ranking invariants)
		ordered bool
	}{
		{name: "word, stemmed", q: parallax.SearchQuery{Text: "bridges"}, want: []string{"a1", "a2", "a5"}},
		{name: "phrase beats scattered terms", q: parallax.SearchQuery{Text: `"harbour bridge" OR harbour OR bridge`}, want: []string{"a1"}, ordered: true},
		{name: "exact phrase only", q: parallax.SearchQuery{Text: `"steel cables"`}, want: []string{"a1"}},
		{name: "AND", q: parallax.SearchQuery{Text: "harbour AND bridge"}, want: []string{"a1", "a2"}},
		{name: "words side by side all match", q: parallax.SearchQuery{Text: "harbour bridge"}, want: []string{"a1", "a2"}},
		{name: "stop words left out", q: parallax.SearchQuery{Text: "the harbour and the bridge"}, want: []string{"a1", "a2"}},
		{name: "stop word operand left out", q: parallax.SearchQuery{Text: "harbour AND the"}, want: []string{"a1", "a2", "a3"}},
		{name: "hyphenated word needs both parts", q: parallax.SearchQuery{Text: "fishing-fleet"}, want: []string{"a3"}},
		{name: "hyphenated word, one part absent", q: parallax.SearchQuery{Text: "fishing-tunnels"}},
		{name: "side by side is AND across operators", q: parallax.SearchQuery{Text: "harbour NOT bridge"}, want: []string{"a3"}},
		{name: "OR", q: parallax.SearchQuery{Text: "fleet OR tunnels"}, want: []string{"a3", "a5"}},
		{name: "bleve must and must not", q: parallax.SearchQuery{Text: "+bridge -toll"}, want: []string{"a1", "a5"}},
		{name: "plain word next to + is required too", q: parallax.SearchQuery{Text: "+bridge engineers"}, want: []string{"a1", "a5"}},
		{name: "prefix", q: parallax.SearchQuery{Text: "engin*"}, want: []string{"a1", "a5"}},
		{name: "outlet id", q: parallax.SearchQuery{Text: "bridge", Outlets: []string{"tidewater"}}, want: []string{"a1"}},
		{name: "outlet name", q: parallax.SearchQuery{Text: "harbour", Outlets: []string{"Staterelay"}}, want: []string{"a2"}},
		{name: "country", q: parallax.SearchQuery{Text: "harbour", Country: "gb"}, want: []string{"a1", "a3"}},
		{name: "state-affiliated", q: parallax.SearchQuery{Text: "bridge", StateAffiliated: &yes}, want: []string{"a2"}},
		{name: "not state-affiliated, unknown outlets left out", q: parallax.SearchQuery{Text: "bridge", StateAffiliated: &no}, want: []string{"a1"}},
		{name: "date range", q: parallax.SearchQuery{From: day("2024-03-02"), To: day("2024-03-02")}, want: []string{"a2", "a4"}},
		{name: "date range over whole months", q: parallax.SearchQuery{From: day("2024-02-01"), To: day("2024-03-31")}, want: []string{"a1", "a2", "a3", "a4", "a6"}},
		{name: "date range cutting a month", q: parallax.SearchQuery{From: day("2024-02-01"), To: day("2024-03-01")}, want: []string{"a1"}},
		{name: "date range, long and ragged (numeric range)", q: parallax.SearchQuery{From: day("2019-01-02"), To: day("2024-03-01")}, want: []string{"a1", "a6"}},
		{name: "from only", q: parallax.SearchQuery{Text: "harbour", From: day("2024-03-02")}, want: []string{"a2", "a3"}},
		{name: "language", q: parallax.SearchQuery{Language: "fr"}, want: []string{"a4"}},
		{name: "entity", q: parallax.SearchQuery{EntityID: "port-authority"}, want: []string{"a1"}},
		{name: "story", q: parallax.SearchQuery{Text: "bridge", StoryID: "s1"}, want: []string{"a1", "a2"}},
		{name: "field syntax", q: parallax.SearchQuery{Text: "outlet:lepoint"}, want: []string{"a4"}},
		{name: "nothing", q: parallax.SearchQuery{Text: "volcano"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := ix.Search(ctx, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			got := ids(r)
			if !tc.ordered {
				slices.Sort(got)
			} else {
				got = got[:min(len(got), len(tc.want))]
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("hits (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSearchResult(t *testing.T) {
	ctx := context.Background()
	store, ix, _ := MustOpen(t, fixtures)
	if err := store.PutStories(ctx, []*parallax.Story{{ID: "s1", Articles: []string{"a1"}}}, []parallax.Grouping{{ArticleID: "a1", StoryID: "s1"}}); err != nil {
		t.Fatal(err)
	}
	r, err := ix.Search(ctx, parallax.SearchQuery{Text: `"harbour bridge"`})
	if err != nil {
		t.Fatal(err)
	}
	if r.Total != 1 || len(r.Hits) != 1 {
		t.Fatalf("total %d, hits %d; want 1, 1", r.Total, len(r.Hits))
	}
	h := r.Hits[0]
	if h.StoryID != "s1" {
		t.Errorf("story = %q, want s1 (read from the store after grouping)", h.StoryID)
	}
	if h.Title != fixtures[0].title || h.Outlet == nil || h.Outlet.Name != "Tidewater" || h.Outlet.Country != "GB" || h.Published != "2024-03-01" {
		t.Errorf("hit fields = %+v %+v", h, h.Outlet)
	}
	if len(h.Snippets) == 0 || !strings.Contains(h.Snippets[0], "<mark>harbour</mark> <mark>bridge</mark>") {
		t.Errorf("snippets = %q, want the phrase marked", h.Snippets)
	}

	r, err = ix.Search(ctx, parallax.SearchQuery{Text: "harbour OR bridge", Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	wantOutlets := []parallax.FacetCount{{Value: "Tidewater", Count: 2}, {Value: "Staterelay", Count: 1}}
	if diff := cmp.Diff(wantOutlets, r.Facets.Outlets); diff != "" {
		t.Errorf("outlet facet (-want +got):\n%s", diff)
	}
	wantDays := []parallax.FacetCount{{Value: "2024-03-01", Count: 1}, {Value: "2024-03-02", Count: 1}, {Value: "2024-03-03", Count: 1}}
	if diff := cmp.Diff(wantDays, r.Facets.Days); diff != "" {
		t.Errorf("day facet (-want +got):\n%s", diff)
	}
	if r.Facets.UnknownOutlet != 1 || r.Facets.UnknownDay != 1 {
		t.Errorf("unknown outlet %d, day %d; want 1, 1", r.Facets.UnknownOutlet, r.Facets.UnknownDay)
	}

	// pages: the same ranking, sliced
	all, _ := ix.Search(ctx, parallax.SearchQuery{Text: "harbour OR bridge", Limit: 10})
	var paged []string
	for off := 0; off < all.Total; off += 2 {
		p, err := ix.Search(ctx, parallax.SearchQuery{Text: "harbour OR bridge", Limit: 2, Offset: off})
		if err != nil {
			t.Fatal(err)
		}
		paged = append(paged, ids(p)...)
	}
	if diff := cmp.Diff(ids(all), paged); diff != "" {
		t.Errorf("pages (-whole +paged):\n%s", diff)
	}
}

func TestSearchInvalid(t *testing.T) {
	_, ix, _ := MustOpen(t, fixtures[:1])
	day := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	tests := []struct {
		name string
		q    parallax.SearchQuery
		want error
	}{
		{"unbalanced phrase", parallax.SearchQuery{Text: `"harbour`}, parallax.ErrInvalid},
		{"dangling AND", parallax.SearchQuery{Text: "harbour AND"}, parallax.ErrInvalid},
		{"leading OR", parallax.SearchQuery{Text: "OR harbour"}, parallax.ErrInvalid},
		{"limit too large", parallax.SearchQuery{Limit: 1000}, parallax.ErrInvalid},
		{"negative offset", parallax.SearchQuery{Offset: -1}, parallax.ErrInvalid},
		{"to before from", parallax.SearchQuery{From: day("2024-03-02"), To: day("2024-03-01")}, parallax.ErrInvalid},
		{"unknown story", parallax.SearchQuery{StoryID: "nope"}, parallax.ErrNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ix.Search(context.Background(), tc.q)
			if !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestCatchUp(t *testing.T) {
	ctx := context.Background()
	store, ix, path := MustOpen(t, fixtures[:2])
	if n, err := ix.CatchUp(ctx); err != nil || n != 0 {
		t.Fatalf("second CatchUp = %d, %v; want 0", n, err)
	}
	var more []*parallax.Article
	for _, f := range fixtures[2:] {
		more = append(more, f.article())
	}
	if _, err := store.PutArticles(ctx, more); err != nil {
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
	if _, err := other.PutArticles(ctx, []*parallax.Article{fixtures[4].article()}); err != nil {
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
