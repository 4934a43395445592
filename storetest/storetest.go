// Package storetest is the conformance suite every [parallax.Store] passes:
// the SQLite store runs it against a temporary file, the PostgreSQL store
// against a throwaway server. It checks behaviour, not implementation: what
// goes in comes back out, ingest is idempotent, raw bytes are kept exactly,
// and concurrent writers never double an article.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/parallaxhq/parallax"
)

// Run runs the suite. open returns a fresh, empty store for each subtest;
// the suite closes it.
func Run(t *testing.T, open func(t *testing.T) parallax.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s parallax.Store)
	}{
		{"RoundTrip", testRoundTrip},
		{"Idempotent", testIdempotent},
		{"NewLocation", testNewLocation},
		{"DuplicateInBatch", testDuplicateInBatch},
		{"Raw", testRaw},
		{"NotFound", testNotFound},
		{"OrderAndPaging", testOrderAndPaging},
		{"StoryFilter", testStoryFilter},
		{"ConcurrentWriters", testConcurrentWriters},
		{"EarlyBreak", testEarlyBreak},
		{"Stories", testStories},
		{"Groupings", testGroupings},
		{"ClearStories", testClearStories},
		{"GroupingUnknownArticle", testGroupingUnknownArticle},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() { s.Close() })
			tc.fn(t, s)
		})
	}
}

// article makes a distinct article for test n.
func article(n int) *parallax.Article {
	raw := []byte(fmt.Sprintf(" date 2023-09-%02d Headline %d\n\nBody of article %d — «quoted», “curly”, Кириллица.\n", n%28+1, n, n))
	return &parallax.Article{
		ID:         parallax.ArticleID(raw),
		Format:     parallax.FormatTextHeader,
		Locations:  []parallax.Location{{Path: fmt.Sprintf("in/%03d.txt", n), Index: 0, Offset: 0, Line: 1}},
		ExternalID: fmt.Sprintf("EXT-%d", n),
		Outlet:     &parallax.OutletRef{ID: "kbs-world", Name: "KBS World Radio", Country: "KR", Source: "signoff"},
		URL:        fmt.Sprintf("https://example.org/%d", n),
		Title:      fmt.Sprintf("Headline %d", n),
		Byline:     "Kim Bum-soo",
		Credits:    []string{"YONHAP News"},
		Published:  parallax.Date{Time: time.Date(2023, 9, n%28+1, 0, 0, 0, 0, time.UTC), Precision: parallax.PrecisionDay, Source: "header"},
		Language:   "en",
		Paragraphs: []parallax.Paragraph{
			{Text: fmt.Sprintf("Body of article %d — «quoted», “curly”, Кириллица.", n)},
			{Text: "A subhead", Kind: parallax.ParagraphHeading},
			{Text: "“We will win.”", Kind: parallax.ParagraphSoundBite, Speaker: "Kim Jong-un"},
		},
		Asides:   []parallax.Aside{{Kind: "timestamp", Text: "2023-09-13T19:07+0000"}},
		Repairs:  []parallax.Repair{{Kind: "mojibake", Count: 2, Examples: []parallax.Example{{Before: "Â ", After: "\u00a0"}}}},
		Signals:  []parallax.Signal{{Kind: "homoglyphs", Detail: "disguised text", Count: 205}},
		Meta:     parallax.Meta{"header": "Photo : YONHAP News"},
		Ingested: time.Date(2024, 1, 2, 3, 4, 5, 6000, time.UTC),
		Raw:      raw,
	}
}

// MustPut stores articles and returns the outcomes, failing the test on error.
func MustPut(tb testing.TB, s parallax.Store, articles ...*parallax.Article) []parallax.PutOutcome {
	tb.Helper()
	out, err := s.PutArticles(context.Background(), articles)
	if err != nil {
		tb.Fatalf("PutArticles: %v", err)
	}
	if len(out) != len(articles) {
		tb.Fatalf("PutArticles returned %d outcomes for %d articles", len(out), len(articles))
	}
	return out
}

// MustCount counts the articles a filter selects, failing the test on error.
func MustCount(tb testing.TB, s parallax.Store, f parallax.ArticleFilter) int {
	tb.Helper()
	n, err := s.CountArticles(context.Background(), f)
	if err != nil {
		tb.Fatalf("CountArticles: %v", err)
	}
	return n
}

// MustList lists the ids a filter selects, in order.
func MustList(tb testing.TB, s parallax.Store, f parallax.ArticleFilter) []string {
	tb.Helper()
	var ids []string
	for a, err := range s.Articles(context.Background(), f) {
		if err != nil {
			tb.Fatalf("Articles: %v", err)
		}
		ids = append(ids, a.ID)
	}
	return ids
}

var ignoreRaw = cmpopts.IgnoreFields(parallax.Article{}, "Raw")

func testRoundTrip(t *testing.T, s parallax.Store) {
	a := article(1)
	if got := MustPut(t, s, a); got[0] != parallax.PutNew {
		t.Fatalf("first put: outcome %v, want PutNew", got[0])
	}
	got, err := s.Article(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a, got, ignoreRaw); diff != "" {
		t.Errorf("article read back differs (-put +got):\n%s", diff)
	}
	if got.Raw != nil {
		t.Errorf("Article returned raw bytes; they are loaded only by RawArticle")
	}
	var listed []*parallax.Article
	for a, err := range s.Articles(context.Background(), parallax.ArticleFilter{}) {
		if err != nil {
			t.Fatal(err)
		}
		listed = append(listed, a)
	}
	if len(listed) != 1 {
		t.Fatalf("Articles listed %d, want 1", len(listed))
	}
	if diff := cmp.Diff(a, listed[0], ignoreRaw); diff != "" {
		t.Errorf("listed article differs (-put +got):\n%s", diff)
	}
}

func testIdempotent(t *testing.T, s parallax.Store) {
	batch := []*parallax.Article{article(1), article(2), article(3)}
	MustPut(t, s, batch...)
	again := MustPut(t, s, article(1), article(2), article(3), article(4))
	want := []parallax.PutOutcome{parallax.PutDuplicate, parallax.PutDuplicate, parallax.PutDuplicate, parallax.PutNew}
	if diff := cmp.Diff(want, again); diff != "" {
		t.Errorf("second put outcomes (-want +got):\n%s", diff)
	}
	if n := MustCount(t, s, parallax.ArticleFilter{}); n != 4 {
		t.Errorf("count after re-put = %d, want 4", n)
	}
	got, err := s.Article(context.Background(), batch[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Locations) != 1 {
		t.Errorf("same location put twice gives %d locations, want 1", len(got.Locations))
	}
}

func testNewLocation(t *testing.T, s parallax.Store) {
	a := article(7)
	MustPut(t, s, a)
	b := article(7)
	b.Locations = []parallax.Location{{Path: "copy/elsewhere.txt.gz", Index: 0, Offset: 0, Line: 1}}
	b.Title = "a later read must not overwrite the stored article"
	if got := MustPut(t, s, b); got[0] != parallax.PutDuplicate {
		t.Fatalf("outcome %v, want PutDuplicate", got[0])
	}
	got, err := s.Article(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []parallax.Location{a.Locations[0], b.Locations[0]} // in the order they were first read
	if diff := cmp.Diff(want, got.Locations); diff != "" {
		t.Errorf("locations (-want +got):\n%s", diff)
	}
	if got.Title != a.Title {
		t.Errorf("title = %q, want the first stored %q", got.Title, a.Title)
	}
	if n := MustCount(t, s, parallax.ArticleFilter{}); n != 1 {
		t.Errorf("count = %d, want 1", n)
	}
}

func testDuplicateInBatch(t *testing.T, s parallax.Store) {
	a, b := article(5), article(5)
	b.Locations = []parallax.Location{{Path: "other.txt"}}
	got := MustPut(t, s, a, b)
	if diff := cmp.Diff([]parallax.PutOutcome{parallax.PutNew, parallax.PutDuplicate}, got); diff != "" {
		t.Errorf("outcomes (-want +got):\n%s", diff)
	}
	stored, err := s.Article(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(stored.Locations) != 2 {
		t.Errorf("locations = %v, want both", stored.Locations)
	}
}

func testRaw(t *testing.T, s parallax.Store) {
	a := article(9)
	a.Raw = []byte("not UTF-8: \xfc\xff\x00 and a NUL, kept exactly\r\n")
	MustPut(t, s, a)
	raw, err := s.RawArticle(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if string(raw) != string(a.Raw) {
		t.Errorf("raw = %q, want %q", raw, a.Raw)
	}
}

func testNotFound(t *testing.T, s parallax.Store) {
	if _, err := s.Article(context.Background(), "0000000000000000"); !errors.Is(err, parallax.ErrNotFound) {
		t.Errorf("Article(missing) error = %v, want ErrNotFound", err)
	}
	if _, err := s.RawArticle(context.Background(), "0000000000000000"); !errors.Is(err, parallax.ErrNotFound) {
		t.Errorf("RawArticle(missing) error = %v, want ErrNotFound", err)
	}
}

func testOrderAndPaging(t *testing.T, s parallax.Store) {
	var want []string
	for i := 20; i > 0; i-- { // ids are hashes, so ingest order differs from id order
		a := article(i)
		MustPut(t, s, a)
		want = append(want, a.ID)
	}
	if diff := cmp.Diff(want, MustList(t, s, parallax.ArticleFilter{})); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want[5:9], MustList(t, s, parallax.ArticleFilter{Offset: 5, Limit: 4})); diff != "" {
		t.Errorf("page (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want[18:], MustList(t, s, parallax.ArticleFilter{Offset: 18})); diff != "" {
		t.Errorf("offset only (-want +got):\n%s", diff)
	}
	if n := MustCount(t, s, parallax.ArticleFilter{Offset: 18, Limit: 5}); n != 2 {
		t.Errorf("count of a short last page = %d, want 2", n)
	}
	if diff := cmp.Diff(want[5:9], MustList(t, s, parallax.ArticleFilter{After: want[4], Limit: 4})); diff != "" {
		t.Errorf("page after an article (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want[18:], MustList(t, s, parallax.ArticleFilter{After: want[17]})); diff != "" {
		t.Errorf("after an article (-want +got):\n%s", diff)
	}
	if n := MustCount(t, s, parallax.ArticleFilter{After: want[15], Offset: 2, Limit: 5}); n != 2 {
		t.Errorf("count after an article, offset 2 = %d, want 2", n)
	}
	if ids := MustList(t, s, parallax.ArticleFilter{After: want[19]}); len(ids) != 0 {
		t.Errorf("after the last article: %v", ids)
	}
	missing := parallax.ArticleFilter{After: "0000000000000000"}
	var errs []error
	for _, err := range s.Articles(context.Background(), missing) {
		errs = append(errs, err)
	}
	if len(errs) != 1 || !errors.Is(errs[0], parallax.ErrNotFound) {
		t.Errorf("Articles after a missing article: errors %v, want one ErrNotFound", errs)
	}
	if _, err := s.CountArticles(context.Background(), missing); !errors.Is(err, parallax.ErrNotFound) {
		t.Errorf("CountArticles after a missing article: error %v, want ErrNotFound", err)
	}
}

func testStoryFilter(t *testing.T, s parallax.Store) {
	a, b, c := article(1), article(2), article(3)
	a.StoryID, c.StoryID = "s1", "s1"
	b.StoryID = "s2"
	MustPut(t, s, a, b, c)
	if diff := cmp.Diff([]string{a.ID, c.ID}, MustList(t, s, parallax.ArticleFilter{StoryID: "s1"})); diff != "" {
		t.Errorf("story s1 (-want +got):\n%s", diff)
	}
	if n := MustCount(t, s, parallax.ArticleFilter{StoryID: "s2"}); n != 1 {
		t.Errorf("count story s2 = %d, want 1", n)
	}
	if n := MustCount(t, s, parallax.ArticleFilter{StoryID: "none"}); n != 0 {
		t.Errorf("count of an unknown story = %d, want 0", n)
	}
}

// testConcurrentWriters runs four writers over overlapping batches: every
// article must end up stored once, with every location.
func testConcurrentWriters(t *testing.T, s parallax.Store) {
	const writers, articles = 4, 60
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	news := make(chan int, writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n := 0
			for start := 0; start < articles; start += 10 {
				var batch []*parallax.Article
				for i := start; i < start+10; i++ {
					a := article(i)
					a.Locations = []parallax.Location{{Path: fmt.Sprintf("writer%d/%03d.txt", w, i)}}
					batch = append(batch, a)
				}
				out, err := s.PutArticles(context.Background(), batch)
				if err != nil {
					errs <- err
					return
				}
				for _, o := range out {
					if o == parallax.PutNew {
						n++
					}
				}
			}
			news <- n
		}()
	}
	wg.Wait()
	close(errs)
	close(news)
	for err := range errs {
		t.Fatalf("writer: %v", err)
	}
	total := 0
	for n := range news {
		total += n
	}
	if total != articles {
		t.Errorf("writers saw %d new articles in all, want %d", total, articles)
	}
	if n := MustCount(t, s, parallax.ArticleFilter{}); n != articles {
		t.Errorf("count = %d, want %d", n, articles)
	}
	a, err := s.Article(context.Background(), article(7).ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Locations) != writers {
		t.Errorf("article has %d locations, want one per writer (%d)", len(a.Locations), writers)
	}
}

// testEarlyBreak stops an iteration early; the store must stay usable.
func testEarlyBreak(t *testing.T, s parallax.Store) {
	for i := range 5 {
		MustPut(t, s, article(i))
	}
	for _, err := range s.Articles(context.Background(), parallax.ArticleFilter{}) {
		if err != nil {
			t.Fatal(err)
		}
		break
	}
	MustPut(t, s, article(6))
	if n := MustCount(t, s, parallax.ArticleFilter{}); n != 6 {
		t.Errorf("count = %d, want 6", n)
	}
}

func story(id string, articles ...*parallax.Article) *parallax.Story {
	st := &parallax.Story{ID: id, Headline: "Headline of " + id, Outlets: []string{"KBS World Radio"}, Terms: []string{"summit", "Kim Jong Un"},
		FirstSeen: time.Date(2023, 9, 13, 0, 0, 0, 0, time.UTC), LastSeen: time.Date(2023, 9, 28, 0, 0, 0, 0, time.UTC)}
	for _, a := range articles {
		st.Articles = append(st.Articles, a.ID)
	}
	return st
}

func mustPutStories(tb testing.TB, s parallax.Store, stories []*parallax.Story, groupings []parallax.Grouping) {
	tb.Helper()
	if err := s.PutStories(context.Background(), stories, groupings); err != nil {
		tb.Fatalf("PutStories: %v", err)
	}
}

func mustStoryIDs(tb testing.TB, s parallax.Store, limit int) []string {
	tb.Helper()
	var ids []string
	for st, err := range s.Stories(context.Background(), limit) {
		if err != nil {
			tb.Fatal(err)
		}
		ids = append(ids, st.ID)
	}
	return ids
}

func testStories(t *testing.T, s parallax.Store) {
	a, b, c := article(1), article(2), article(3)
	MustPut(t, s, a, b, c)
	small, big, other := story("s-small", a), story("s-big", b, c), story("s-other", a)
	mustPutStories(t, s, []*parallax.Story{small, big, other}, nil)
	got, err := s.Story(context.Background(), big.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(big, got); diff != "" {
		t.Errorf("story read back differs (-put +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"s-big", "s-other", "s-small"}, mustStoryIDs(t, s, 0)); diff != "" {
		t.Errorf("stories, largest first then by id (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"s-big"}, mustStoryIDs(t, s, 1)); diff != "" {
		t.Errorf("limit 1 (-want +got):\n%s", diff)
	}
	big.Articles = big.Articles[:1]
	big.Headline = "replaced"
	mustPutStories(t, s, []*parallax.Story{big}, nil)
	if got, _ := s.Story(context.Background(), big.ID); got == nil || got.Headline != "replaced" {
		t.Errorf("a story put again is not replaced: %+v", got)
	}
	if _, err := s.Story(context.Background(), "missing"); !errors.Is(err, parallax.ErrNotFound) {
		t.Errorf("Story(missing) error = %v, want ErrNotFound", err)
	}
}

func testGroupings(t *testing.T, s parallax.Store) {
	a, b, c := article(1), article(2), article(3)
	MustPut(t, s, a, b, c)
	copyOf := parallax.Signal{Kind: "copy-of", Detail: a.ID, Count: 100}
	mustPutStories(t, s, []*parallax.Story{story("s1", a, b)}, []parallax.Grouping{
		{ArticleID: a.ID, StoryID: "s1"},
		{ArticleID: b.ID, StoryID: "s1", Signals: []parallax.Signal{copyOf}},
	})
	got, err := s.Article(context.Background(), b.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := append(append([]parallax.Signal(nil), b.Signals...), copyOf)
	if got.StoryID != "s1" {
		t.Errorf("story = %q, want s1", got.StoryID)
	}
	if diff := cmp.Diff(want, got.Signals); diff != "" {
		t.Errorf("signals: the article's own are kept and the grouping's added (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{a.ID, b.ID}, MustList(t, s, parallax.ArticleFilter{StoryID: "s1"})); diff != "" {
		t.Errorf("articles of s1 (-want +got):\n%s", diff)
	}
	var ungrouped []string
	for a, err := range s.Ungrouped(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		ungrouped = append(ungrouped, a.ID)
	}
	if diff := cmp.Diff([]string{c.ID}, ungrouped); diff != "" {
		t.Errorf("ungrouped (-want +got):\n%s", diff)
	}
	of, err := s.StoriesOf(context.Background(), []string{b.ID, c.ID, "unknown", a.ID})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{a.ID: "s1", b.ID: "s1"}, of); diff != "" {
		t.Errorf("StoriesOf: grouped articles only (-want +got):\n%s", diff)
	}
	if of, err := s.StoriesOf(context.Background(), nil); err != nil || len(of) != 0 {
		t.Errorf("StoriesOf(nil) = %v, %v; want empty", of, err)
	}
	// A new grouping replaces the grouping signals.
	mustPutStories(t, s, nil, []parallax.Grouping{{ArticleID: b.ID, StoryID: "s2"}})
	got, _ = s.Article(context.Background(), b.ID)
	if diff := cmp.Diff(b.Signals, got.Signals); diff != "" || got.StoryID != "s2" {
		t.Errorf("regrouped: story %q, signals (-want +got):\n%s", got.StoryID, diff)
	}
}

func testClearStories(t *testing.T, s parallax.Store) {
	a := article(1)
	MustPut(t, s, a)
	mustPutStories(t, s, []*parallax.Story{story("s1", a)}, []parallax.Grouping{{ArticleID: a.ID, StoryID: "s1", Signals: []parallax.Signal{{Kind: "near-copy-of", Detail: "x"}}}})
	if err := s.ClearStories(context.Background()); err != nil {
		t.Fatal(err)
	}
	if ids := mustStoryIDs(t, s, 0); len(ids) != 0 {
		t.Errorf("stories after clear: %v", ids)
	}
	got, err := s.Article(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.StoryID != "" {
		t.Errorf("story after clear = %q", got.StoryID)
	}
	if diff := cmp.Diff(a.Signals, got.Signals); diff != "" {
		t.Errorf("signals after clear: only the grouping's go (-want +got):\n%s", diff)
	}
}

func testGroupingUnknownArticle(t *testing.T, s parallax.Store) {
	a := article(1)
	MustPut(t, s, a)
	err := s.PutStories(context.Background(), []*parallax.Story{story("s1", a)}, []parallax.Grouping{
		{ArticleID: a.ID, StoryID: "s1"},
		{ArticleID: "0000000000000000", StoryID: "s1"},
	})
	if !errors.Is(err, parallax.ErrNotFound) {
		t.Fatalf("grouping an unknown article: error %v, want ErrNotFound", err)
	}
	if ids := mustStoryIDs(t, s, 0); len(ids) != 0 {
		t.Errorf("a failed PutStories stored stories %v; it must store nothing", ids)
	}
	if got, _ := s.Article(context.Background(), a.ID); got.StoryID != "" {
		t.Errorf("a failed PutStories grouped an article")
	}
}
