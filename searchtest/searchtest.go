// Package searchtest is the conformance suite every [parallax.Searcher]
// passes: the Bleve index of a SQLite store and PostgreSQL's full text run
// the same queries over the same made-up articles and must give the same
// hits, facets, pages and errors.
package searchtest

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/parallaxhq/parallax"
)

// Fixture is a made-up article: the texts are ours, written for the tests.
type Fixture struct {
	ID, Title, Outlet, Country, Lang string
	Day                              string // YYYY-MM-DD, or YYYY-MM for a date known to the month
	State                            bool
	Entities                         []string
	Paras                            []string
}

// Fixtures are the articles the suite searches: three outlets, one article
// of unknown outlet and date, one dated to the month only, and one whose
// text looks like HTML (snippets must escape it).
var Fixtures = []Fixture{
	{ID: "a1", Title: "Harbour bridge reopens after repairs", Outlet: "tidewater", Country: "GB", Lang: "en", Day: "2024-03-01",
		Entities: []string{"port-authority"},
		Paras:    []string{"The harbour bridge reopened on Friday after six months of repairs.", "Engineers said the steel cables were replaced."}},
	{ID: "a2", Title: "Council debates bridge tolls", Outlet: "staterelay", Country: "RU", Lang: "en", Day: "2024-03-02", State: true,
		Paras: []string{"The council debated whether the harbour should pay for the bridge.", "Tolls on the bridge may rise next year, an official said."}},
	{ID: "a3", Title: "Fishing fleet returns to harbour", Outlet: "tidewater", Country: "GB", Lang: "en", Day: "2024-03-03",
		Paras: []string{"The fishing fleet returned with a record catch.", "Harbour workers unloaded crates all night."}},
	{ID: "a4", Title: "Le pont rouvre", Outlet: "lepoint", Country: "FR", Lang: "fr", Day: "2024-03-02",
		Paras: []string{"Le pont du port a rouvert vendredi."}},
	{ID: "a5", Title: "Undated note on bridges and tunnels", Lang: "en",
		Paras: []string{"Bridges and tunnels need maintenance. The bridge engineers agree <b>& more</b> \x02x\x03."}},
	{ID: "a6", Title: "Monthly digest", Lang: "en", Day: "2024-03", Paras: []string{"A month of news, dated to the month only."}},
}

// Article returns the fixture as an article.
func (f Fixture) Article() *parallax.Article {
	a := &parallax.Article{ID: f.ID, Format: parallax.FormatText, Title: f.Title, Language: f.Lang, Ingested: time.Unix(0, 0).UTC(),
		Raw: []byte(f.ID), Locations: []parallax.Location{{Path: f.ID + ".txt"}}}
	for _, p := range f.Paras {
		a.Paragraphs = append(a.Paragraphs, parallax.Paragraph{Text: p})
	}
	if f.Outlet != "" {
		a.Outlet = &parallax.OutletRef{ID: f.Outlet, Name: strings.ToUpper(f.Outlet[:1]) + f.Outlet[1:], Country: f.Country, StateAffiliated: f.State}
	}
	if t, err := time.Parse(time.DateOnly, f.Day); err == nil {
		a.Published = parallax.Date{Time: t, Precision: parallax.PrecisionDay}
	} else if t, err := time.Parse("2006-01", f.Day); err == nil {
		a.Published = parallax.Date{Time: t, Precision: parallax.PrecisionMonth}
	}
	for _, e := range f.Entities {
		a.Entities = append(a.Entities, parallax.Entity{ID: e, Name: e, Kind: parallax.EntityOrganization})
	}
	return a
}

// Articles returns the fixtures as articles, in order.
func Articles(fs []Fixture) []*parallax.Article {
	out := make([]*parallax.Article, len(fs))
	for i, f := range fs {
		out[i] = f.Article()
	}
	return out
}

// IDs returns the ids of a result's hits, in order.
func IDs(r *parallax.SearchResult) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.ID)
	}
	return out
}

// Open returns a searcher over a fresh store holding the articles, caught
// up, and that store (the suite groups articles in it).
type Open func(t *testing.T, articles []*parallax.Article) (parallax.Searcher, parallax.Store)

// Run runs the suite.
func Run(t *testing.T, open Open) {
	t.Run("Queries", func(t *testing.T) { testQueries(t, open) })
	t.Run("Result", func(t *testing.T) { testResult(t, open) })
	t.Run("Invalid", func(t *testing.T) { testInvalid(t, open) })
	t.Run("LocalDay", func(t *testing.T) { testLocalDay(t, open) })
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func testQueries(t *testing.T, open Open) {
	ctx := context.Background()
	x, store := open(t, Articles(Fixtures))
	if err := store.PutStories(ctx, []*parallax.Story{{ID: "s1", Articles: []string{"a1", "a2"}}},
		[]parallax.Grouping{{ArticleID: "a1", StoryID: "s1"}, {ArticleID: "a2", StoryID: "s1"}}); err != nil {
		t.Fatal(err)
	}
	yes, no := true, false
	tests := []struct {
		name    string
		q       parallax.SearchQuery
		want    []string // hit ids; sorted unless ordered
		ordered bool     // the order matters (ranking invariants)
	}{
		{name: "word, stemmed", q: parallax.SearchQuery{Text: "bridges"}, want: []string{"a1", "a2", "a5"}},
		{name: "phrase beats scattered terms", q: parallax.SearchQuery{Text: `"harbour bridge" OR harbour OR bridge`}, want: []string{"a1"}, ordered: true},
		{name: "exact phrase only", q: parallax.SearchQuery{Text: `"steel cables"`}, want: []string{"a1"}},
		{name: "phrase over a stop word", q: parallax.SearchQuery{Text: `"months of repairs"`}, want: []string{"a1"}},
		{name: "phrase words apart", q: parallax.SearchQuery{Text: `"harbour reopened"`}},
		{name: "AND", q: parallax.SearchQuery{Text: "harbour AND bridge"}, want: []string{"a1", "a2"}},
		{name: "words side by side all match", q: parallax.SearchQuery{Text: "harbour bridge"}, want: []string{"a1", "a2"}},
		{name: "stop words left out", q: parallax.SearchQuery{Text: "the harbour and the bridge"}, want: []string{"a1", "a2"}},
		{name: "stop word operand left out", q: parallax.SearchQuery{Text: "harbour AND the"}, want: []string{"a1", "a2", "a3"}},
		{name: "only stop words", q: parallax.SearchQuery{Text: "the"}},
		{name: "hyphenated word needs both parts", q: parallax.SearchQuery{Text: "fishing-fleet"}, want: []string{"a3"}},
		{name: "hyphenated word, one part absent", q: parallax.SearchQuery{Text: "fishing-tunnels"}},
		{name: "side by side is AND across operators", q: parallax.SearchQuery{Text: "harbour NOT bridge"}, want: []string{"a3"}},
		{name: "NOT alone", q: parallax.SearchQuery{Text: "NOT bridge"}, want: []string{"a3", "a4", "a6"}},
		{name: "OR", q: parallax.SearchQuery{Text: "fleet OR tunnels"}, want: []string{"a3", "a5"}},
		{name: "OR of ANDs", q: parallax.SearchQuery{Text: "fleet catch OR tunnels maintenance"}, want: []string{"a3", "a5"}},
		{name: "bleve must and must not", q: parallax.SearchQuery{Text: "+bridge -toll"}, want: []string{"a1", "a5"}},
		{name: "plain word next to + is required too", q: parallax.SearchQuery{Text: "+bridge engineers"}, want: []string{"a1", "a5"}},
		{name: "prefix", q: parallax.SearchQuery{Text: "engin*"}, want: []string{"a1", "a5"}},
		{name: "prefix, upper case", q: parallax.SearchQuery{Text: "Engin*"}, want: []string{"a1", "a5"}},
		{name: "prefix matching nothing", q: parallax.SearchQuery{Text: "zzz*"}},
		{name: "wildcard", q: parallax.SearchQuery{Text: "t?ll*"}, want: []string{"a2"}},
		{name: "regular expression", q: parallax.SearchQuery{Text: "/tunn.l/"}, want: []string{"a5"}},
		{name: "fuzziness", q: parallax.SearchQuery{Text: "fleet~1"}, want: []string{"a3"}},
		{name: "boost", q: parallax.SearchQuery{Text: "tolls^3 OR fleet"}, want: []string{"a2", "a3"}, ordered: true},
		{name: "outlet id", q: parallax.SearchQuery{Text: "bridge", Outlets: []string{"tidewater"}}, want: []string{"a1"}},
		{name: "outlet name", q: parallax.SearchQuery{Text: "harbour", Outlets: []string{"Staterelay"}}, want: []string{"a2"}},
		{name: "country", q: parallax.SearchQuery{Text: "harbour", Country: "gb"}, want: []string{"a1", "a3"}},
		{name: "state-affiliated", q: parallax.SearchQuery{Text: "bridge", StateAffiliated: &yes}, want: []string{"a2"}},
		{name: "not state-affiliated, unknown outlets left out", q: parallax.SearchQuery{Text: "bridge", StateAffiliated: &no}, want: []string{"a1"}},
		{name: "date range", q: parallax.SearchQuery{From: day("2024-03-02"), To: day("2024-03-02")}, want: []string{"a2", "a4"}},
		{name: "date range over whole months", q: parallax.SearchQuery{From: day("2024-02-01"), To: day("2024-03-31")}, want: []string{"a1", "a2", "a3", "a4", "a6"}},
		{name: "date range of days", q: parallax.SearchQuery{From: day("2024-03-02"), To: day("2024-03-03")}, want: []string{"a2", "a3", "a4"}},
		{name: "date range cutting a month: a month counts as its first day", q: parallax.SearchQuery{From: day("2024-02-01"), To: day("2024-03-01")}, want: []string{"a1", "a6"}},
		{name: "date range with words", q: parallax.SearchQuery{Text: "news", From: day("2024-03-01"), To: day("2024-03-01")}, want: []string{"a6"}},
		{name: "date range with words, outside", q: parallax.SearchQuery{Text: "news", From: day("2024-03-02")}, want: nil},
		{name: "date range, long and ragged", q: parallax.SearchQuery{From: day("2019-01-02"), To: day("2024-03-01")}, want: []string{"a1", "a6"}},
		{name: "from only", q: parallax.SearchQuery{Text: "harbour", From: day("2024-03-02")}, want: []string{"a2", "a3"}},
		{name: "language", q: parallax.SearchQuery{Language: "fr"}, want: []string{"a4"}},
		{name: "entity", q: parallax.SearchQuery{EntityID: "port-authority"}, want: []string{"a1"}},
		{name: "story", q: parallax.SearchQuery{Text: "bridge", StoryID: "s1"}, want: []string{"a1", "a2"}},
		{name: "empty query lists every article", q: parallax.SearchQuery{}, want: []string{"a1", "a2", "a3", "a4", "a5", "a6"}},
		{name: "field syntax", q: parallax.SearchQuery{Text: "outlet:lepoint"}, want: []string{"a4"}},
		{name: "field syntax with words", q: parallax.SearchQuery{Text: "country:GB harbour"}, want: []string{"a1", "a3"}},
		{name: "field OR words", q: parallax.SearchQuery{Text: "country:FR OR tunnels"}, want: []string{"a4", "a5"}},
		{name: "field values are exact", q: parallax.SearchQuery{Text: "country:gb"}},
		{name: "field prefix", q: parallax.SearchQuery{Text: "outlet:tide*"}, want: []string{"a1", "a3"}},
		{name: "entity and day fields", q: parallax.SearchQuery{Text: `entity:port-authority OR day:"2024-03-03"`}, want: []string{"a1", "a3"}},
		{name: "state field", q: parallax.SearchQuery{Text: "state:true"}, want: []string{"a2"}},
		{name: "date range in the query", q: parallax.SearchQuery{Text: `date:>="2024-03-02"`}, want: []string{"a2", "a3", "a4"}},
		{name: "unindexed field", q: parallax.SearchQuery{Text: "title:bridge"}},
		{name: "nothing", q: parallax.SearchQuery{Text: "volcano"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := x.Search(ctx, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			got := IDs(r)
			if !tc.ordered {
				slices.Sort(got)
			} else {
				got = got[:min(len(got), len(tc.want))]
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("hits (-want +got):\n%s", diff)
			}
			if !tc.ordered && r.Total != len(tc.want) {
				t.Errorf("total %d, want %d", r.Total, len(tc.want))
			}
		})
	}
}

func testResult(t *testing.T, open Open) {
	ctx := context.Background()
	x, store := open(t, Articles(Fixtures))
	if err := store.PutStories(ctx, []*parallax.Story{{ID: "s1", Articles: []string{"a1"}}}, []parallax.Grouping{{ArticleID: "a1", StoryID: "s1"}}); err != nil {
		t.Fatal(err)
	}
	r, err := x.Search(ctx, parallax.SearchQuery{Text: `"harbour bridge"`})
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
	if h.Title != Fixtures[0].Title || h.Outlet == nil || h.Outlet.Name != "Tidewater" || h.Outlet.Country != "GB" ||
		h.Published != "2024-03-01" || h.Language != "en" || h.Score <= 0 {
		t.Errorf("hit fields = %+v %+v", h, h.Outlet)
	}
	if len(h.Snippets) == 0 || !strings.Contains(h.Snippets[0], "<mark>harbour</mark> <mark>bridge</mark>") {
		t.Errorf("snippets = %q, want the phrase marked", h.Snippets)
	}

	r, err = x.Search(ctx, parallax.SearchQuery{Text: "harbour OR bridge", Facets: true})
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

	// no facets unless asked
	r, err = x.Search(ctx, parallax.SearchQuery{Text: "harbour"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Facets.Outlets) != 0 || len(r.Facets.Days) != 0 {
		t.Errorf("facets not asked for: %+v", r.Facets)
	}

	// pages: the same ranking, sliced
	for _, text := range []string{"harbour OR bridge", ""} {
		all, err := x.Search(ctx, parallax.SearchQuery{Text: text, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		var paged []string
		for off := 0; off < all.Total; off += 2 {
			p, err := x.Search(ctx, parallax.SearchQuery{Text: text, Limit: 2, Offset: off})
			if err != nil {
				t.Fatal(err)
			}
			paged = append(paged, IDs(p)...)
		}
		if diff := cmp.Diff(IDs(all), paged); diff != "" {
			t.Errorf("%q pages (-whole +paged):\n%s", text, diff)
		}
		if p, err := x.Search(ctx, parallax.SearchQuery{Text: text, Offset: 50}); err != nil || len(p.Hits) != 0 || p.Total != all.Total {
			t.Errorf("%q past the end: %+v, %v", text, p, err)
		}
	}
}

func testInvalid(t *testing.T, open Open) {
	x, _ := open(t, Articles(Fixtures[:1]))
	tests := []struct {
		name string
		q    parallax.SearchQuery
		want error
	}{
		{"unbalanced phrase", parallax.SearchQuery{Text: `"harbour`}, parallax.ErrInvalid},
		{"dangling AND", parallax.SearchQuery{Text: "harbour AND"}, parallax.ErrInvalid},
		{"leading OR", parallax.SearchQuery{Text: "OR harbour"}, parallax.ErrInvalid},
		{"bad regular expression", parallax.SearchQuery{Text: "/(/"}, parallax.ErrInvalid},
		{"limit too large", parallax.SearchQuery{Limit: 1000}, parallax.ErrInvalid},
		{"negative offset", parallax.SearchQuery{Offset: -1}, parallax.ErrInvalid},
		{"window too deep", parallax.SearchQuery{Offset: 9995, Limit: 10}, parallax.ErrInvalid},
		{"to before from", parallax.SearchQuery{From: day("2024-03-02"), To: day("2024-03-01")}, parallax.ErrInvalid},
		{"unknown story", parallax.SearchQuery{StoryID: "nope"}, parallax.ErrNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := x.Search(context.Background(), tc.q)
			if !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
		})
	}
}

// testLocalDay checks that a date range compares an article's calendar day
// where it was published, with words and without: late on March 10 in New
// York is March 11 in UTC.
func testLocalDay(t *testing.T, open Open) {
	a := Fixtures[0].Article()
	a.Published = parallax.Date{Time: time.Date(2024, 3, 10, 23, 30, 0, 0, time.FixedZone("EST", -5*3600)), Precision: parallax.PrecisionDay}
	x, _ := open(t, []*parallax.Article{a})
	for _, text := range []string{"", "harbour"} {
		for _, r := range []struct {
			from, to string
			want     int
		}{{"2024-03-10", "2024-03-10", 1}, {"2024-03-11", "2024-03-11", 0}, {"2024-03-09", "2024-03-09", 0}, {"2024-03-10", "", 1}, {"", "2024-03-09", 0}} {
			q := parallax.SearchQuery{Text: text}
			if r.from != "" {
				q.From = day(r.from)
			}
			if r.to != "" {
				q.To = day(r.to)
			}
			res, err := x.Search(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != r.want {
				t.Errorf("%q from %q to %q: %d hits, want %d", text, r.from, r.to, res.Total, r.want)
			}
		}
	}
}
