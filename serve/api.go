package serve

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/compare"
	"github.com/parallaxhq/parallax/present"
)

// Pagination defaults of list routes.
const (
	defaultPageSize = 50
	maxPageSize     = 500
)

// pageOf reads ?limit= and ?offset=.
func pageOf(q url.Values, def int) (limit, offset int, err error) {
	limit, offset = def, 0
	if v := q.Get("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > maxPageSize {
			return 0, 0, fmt.Errorf("%w: limit %q: want 1 … %d", parallax.ErrInvalid, v, maxPageSize)
		}
	}
	if v := q.Get("offset"); v != "" {
		if offset, err = strconv.Atoi(v); err != nil || offset < 0 {
			return 0, 0, fmt.Errorf("%w: offset %q: want 0 or more", parallax.ErrInvalid, v)
		}
	}
	return limit, offset, nil
}

// listPage is the envelope of every paginated list.
type listPage[T any] struct {
	Items   []T  `json:"items"`
	Limit   int  `json:"limit"`
	Offset  int  `json:"offset"`
	Total   int  `json:"total,omitempty"` // how many in all, when the route counts them
	HasMore bool `json:"has_more"`
}

// slice cuts one page out of all.
func slice[T any](all []T, limit, offset int) listPage[T] {
	p := listPage[T]{Items: []T{}, Limit: limit, Offset: offset, Total: len(all)}
	if offset < len(all) {
		p.Items = all[offset:min(len(all), offset+limit)]
	}
	p.HasMore = offset+limit < len(all)
	return p
}

// stories returns one page of stories, largest first.
func (s *Server) stories(ctx context.Context, limit, offset int) (listPage[present.ExportStory], error) {
	p := listPage[present.ExportStory]{Items: []present.ExportStory{}, Limit: limit, Offset: offset}
	i := 0
	for st, err := range s.Store.Stories(ctx, offset+limit+1) {
		if err != nil {
			return p, err
		}
		switch {
		case i >= offset+limit:
			p.HasMore = true
		case i >= offset:
			p.Items = append(p.Items, present.ExportOfStory(st))
		}
		i++
	}
	return p, nil
}

func (s *Server) apiStories(w http.ResponseWriter, r *http.Request) error {
	limit, offset, err := pageOf(r.URL.Query(), defaultPageSize)
	if err != nil {
		return err
	}
	p, err := s.stories(r.Context(), limit, offset)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, p)
}

// articleSummary is an article in a list.
type articleSummary struct {
	ID        string                 `json:"id"`
	Title     string                 `json:"title"`
	Outlet    *present.ExportOutlet  `json:"outlet"`
	Published string                 `json:"published"`
	Language  string                 `json:"language"`
	Repairs   []present.ExportRepair `json:"repairs"`
	Signals   []parallax.Signal      `json:"signals"`
}

func summarize(a *parallax.Article) articleSummary {
	e := present.Export(a)
	return articleSummary{ID: e.ID, Title: e.Title, Outlet: e.Outlet, Published: e.Published, Language: e.Language, Repairs: e.Repairs, Signals: e.Signals}
}

// storyView is a story with its articles.
type storyView struct {
	present.ExportStory
	ArticleList []articleSummary `json:"article_list"`
}

func (s *Server) story(ctx context.Context, id string) (*parallax.Story, []*parallax.Article, error) {
	st, err := s.Store.Story(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	var as []*parallax.Article
	for a, err := range s.Store.Articles(ctx, parallax.ArticleFilter{StoryID: id}) {
		if err != nil {
			return nil, nil, err
		}
		as = append(as, a)
	}
	return st, as, nil
}

func (s *Server) apiStory(w http.ResponseWriter, r *http.Request) error {
	st, as, err := s.story(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	v := storyView{ExportStory: present.ExportOfStory(st), ArticleList: []articleSummary{}}
	for _, a := range as {
		v.ArticleList = append(v.ArticleList, summarize(a))
	}
	return writeJSON(w, http.StatusOK, v)
}

// comparison compares a story's articles against a background sample of
// the store, as `parallax compare` does, caching the result while the
// story's articles stay the same.
func (s *Server) comparison(ctx context.Context, st *parallax.Story, as []*parallax.Article) (*compare.Comparison, error) {
	if len(as) == 0 {
		return nil, fmt.Errorf("story %s: no articles: %w", st.ID, parallax.ErrNotFound)
	}
	key := st.ID
	for _, a := range as {
		key += "," + a.ID
	}
	s.mu.Lock()
	c := s.compCache[key]
	s.mu.Unlock()
	if c != nil {
		return c, nil
	}
	bg := compare.NewBackground()
	seen := map[string]bool{}
	for a, err := range s.Store.Articles(ctx, parallax.ArticleFilter{Limit: cmp.Or(s.BackgroundSample, DefaultBackgroundSample)}) {
		if err != nil {
			return nil, err
		}
		seen[a.ID] = true
		bg.Add(a)
	}
	for _, a := range as {
		if !seen[a.ID] {
			bg.Add(a)
		}
	}
	c = compare.Compare(as, compare.Options{Background: bg})
	c.Story = st
	s.mu.Lock()
	if len(s.compOrder) >= comparisonCacheSize {
		delete(s.compCache, s.compOrder[0])
		s.compOrder = s.compOrder[1:]
	}
	s.compCache[key] = c
	s.compOrder = append(s.compOrder, key)
	s.mu.Unlock()
	return c, nil
}

func (s *Server) apiCompare(w http.ResponseWriter, r *http.Request) error {
	st, as, err := s.story(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	c, err := s.comparison(r.Context(), st, as)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, c)
}

// articleView is one article in full: the export record with its
// paragraphs, asides, repairs with examples, entities and quotes.
type articleView struct {
	present.ExportArticle
	Paragraphs []parallax.Paragraph `json:"paragraphs"`
	Asides     []parallax.Aside     `json:"asides"`
	RepairLog  []parallax.Repair    `json:"repair_log"`
	Entities   []parallax.Entity    `json:"entities"`
	Quotes     []parallax.Quote     `json:"quotes"`
}

func viewOf(a *parallax.Article) articleView {
	v := articleView{ExportArticle: present.Export(a), Paragraphs: a.Paragraphs, Asides: a.Asides, RepairLog: a.Repairs, Entities: a.Entities, Quotes: a.Quotes}
	if v.Paragraphs == nil {
		v.Paragraphs = []parallax.Paragraph{}
	}
	if v.Asides == nil {
		v.Asides = []parallax.Aside{}
	}
	if v.RepairLog == nil {
		v.RepairLog = []parallax.Repair{}
	}
	if v.Entities == nil {
		v.Entities = []parallax.Entity{}
	}
	if v.Quotes == nil {
		v.Quotes = []parallax.Quote{}
	}
	return v
}

func (s *Server) apiArticle(w http.ResponseWriter, r *http.Request) error {
	a, err := s.Store.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, viewOf(a))
}

// apiRaw sends an article's bytes exactly as received.
func (s *Server) apiRaw(w http.ResponseWriter, r *http.Request) error {
	raw, err := s.Store.RawArticle(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	_, err = w.Write(raw)
	return err
}

// searchQuery reads a search from the URL: q, outlet (repeatable),
// country, state (true/false), from, to (YYYY-MM-DD), story, entity,
// language, limit, offset, facets (true/false).
func searchQuery(v url.Values) (parallax.SearchQuery, error) {
	q := parallax.SearchQuery{Text: v.Get("q"), Country: v.Get("country"), StoryID: v.Get("story"), EntityID: v.Get("entity"), Language: v.Get("language")}
	for _, o := range v["outlet"] {
		if o != "" {
			q.Outlets = append(q.Outlets, o)
		}
	}
	if f := v.Get("facets"); f != "" {
		b, err := strconv.ParseBool(f)
		if err != nil {
			return q, fmt.Errorf("%w: facets %q: want true or false", parallax.ErrInvalid, f)
		}
		q.Facets = b
	}
	if st := v.Get("state"); st != "" {
		b, err := strconv.ParseBool(st)
		if err != nil {
			return q, fmt.Errorf("%w: state %q: want true or false", parallax.ErrInvalid, st)
		}
		q.StateAffiliated = &b
	}
	for _, d := range []struct {
		name string
		t    *time.Time
	}{{"from", &q.From}, {"to", &q.To}} {
		if s := v.Get(d.name); s != "" {
			t, err := time.Parse(time.DateOnly, s)
			if err != nil {
				return q, fmt.Errorf("%w: %s %q: want YYYY-MM-DD", parallax.ErrInvalid, d.name, s)
			}
			*d.t = t
		}
	}
	var err error
	q.Limit, q.Offset, err = pageOf(v, 10)
	if err == nil && q.Limit > 100 {
		err = fmt.Errorf("%w: limit %d: at most 100 hits a page", parallax.ErrInvalid, q.Limit)
	}
	return q, err
}

func (s *Server) searcher() (parallax.Searcher, error) {
	if s.Searcher == nil {
		return nil, fmt.Errorf("%w: search is not available for this store", parallax.ErrUnsupported)
	}
	return s.Searcher, nil
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) error {
	sr, err := s.searcher()
	if err != nil {
		return err
	}
	q, err := searchQuery(r.URL.Query())
	if err != nil {
		return err
	}
	res, err := sr.Search(r.Context(), q)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, res)
}

// entities counts the entities of the selected articles (a story's, or
// all), most mentioned first.
func (s *Server) entities(ctx context.Context, storyID string) ([]*present.EntityRow, error) {
	return present.CountEntities(s.Store.Articles(ctx, parallax.ArticleFilter{StoryID: storyID}))
}

func (s *Server) apiEntities(w http.ResponseWriter, r *http.Request) error {
	limit, offset, err := pageOf(r.URL.Query(), defaultPageSize)
	if err != nil {
		return err
	}
	rows, err := s.entities(r.Context(), r.URL.Query().Get("story"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, slice(rows, limit, offset))
}

// quoteRow is one quote with its article.
type quoteRow struct {
	parallax.Quote
	ArticleID string `json:"article"`
	Outlet    string `json:"outlet,omitempty"`
}

func (s *Server) apiQuotes(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	limit, offset, err := pageOf(v, defaultPageSize)
	if err != nil {
		return err
	}
	want := strings.ToLower(v.Get("speaker"))
	rows := []quoteRow{}
	for a, err := range s.Store.Articles(r.Context(), parallax.ArticleFilter{StoryID: v.Get("story")}) {
		if err != nil {
			return err
		}
		for _, q := range a.Quotes {
			if q.Kind == "term" {
				continue
			}
			if want != "" && !strings.Contains(strings.ToLower(q.Speaker), want) && !strings.Contains(q.SpeakerID, want) {
				continue
			}
			row := quoteRow{Quote: q, ArticleID: a.ID}
			if a.Outlet != nil {
				row.Outlet = a.Outlet.Name
			}
			rows = append(rows, row)
		}
	}
	return writeJSON(w, http.StatusOK, slice(rows, limit, offset))
}

// outletRow is one outlet with how many articles it has in the store.
type outletRow struct {
	Name            string `json:"name"`
	ID              string `json:"id"`
	Country         string `json:"country"`
	StateAffiliated bool   `json:"state_affiliated"`
	Articles        int    `json:"articles"`
}

// outlets lists the store's outlets from the search index's facets (one
// query for the counts, one per outlet for its details), and how many
// articles have no known outlet.
func (s *Server) outlets(ctx context.Context) ([]outletRow, int, error) {
	sr, err := s.searcher()
	if err != nil {
		return nil, 0, err
	}
	all, err := sr.Search(ctx, parallax.SearchQuery{Limit: 1, Facets: true})
	if err != nil {
		return nil, 0, err
	}
	rows := []outletRow{}
	for _, f := range all.Facets.Outlets {
		row := outletRow{Name: f.Value, Articles: f.Count}
		one, err := sr.Search(ctx, parallax.SearchQuery{Outlets: []string{f.Value}, Limit: 1})
		if err != nil {
			return nil, 0, err
		}
		if len(one.Hits) > 0 && one.Hits[0].Outlet != nil {
			o := one.Hits[0].Outlet
			row.ID, row.Country, row.StateAffiliated = o.ID, o.Country, o.StateAffiliated
		}
		rows = append(rows, row)
	}
	return rows, all.Facets.UnknownOutlet, nil
}

func (s *Server) apiOutlets(w http.ResponseWriter, r *http.Request) error {
	rows, unknown, err := s.outlets(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": rows, "unknown_outlet": unknown})
}
