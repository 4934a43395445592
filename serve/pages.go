package serve

import (
	"errors"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/compare"
	"github.com/parallaxhq/parallax/present"
)

// Limits of the pages.
const (
	pageTopFacts = 40
	timelineW    = 600.0 // width of the story page's timeline, in SVG units
	spanW        = 160.0 // width of a story's bar in the stories list
)

var funcs = template.FuncMap{
	"pct":    func(x float64) string { return fmt.Sprintf("%.0f%%", 100*x) },
	"sign":   func(x float64) string { return fmt.Sprintf("%+.2f", x) },
	"short":  func(s string, n int) string { return present.Truncate(strings.Join(strings.Fields(s), " "), n) },
	"join":   strings.Join,
	"span":   present.Span,
	"zbar":   func(z float64) int { return int(math.Min(100, 25*z)) },
	"letter": present.OutletLetter,
	"snippet": func(s string) template.HTML {
		// Bleve's HTML highlighter escapes the text and adds only <mark>
		return template.HTML(s)
	},
	"query": func(base url.Values, kv ...string) string {
		v := url.Values{}
		for k, vs := range base {
			if k != "offset" {
				v[k] = slices.Clone(vs)
			}
		}
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i+1] == "" {
				v.Del(kv[i])
			} else {
				v.Set(kv[i], kv[i+1])
			}
		}
		return "/search?" + v.Encode()
	},
	"add":   func(a, b int) int { return a + b },
	"deref": func(b *bool) bool { return b != nil && *b },
	"pctOf": func(n, of, width int) int { return max(1, n*width/max(1, of)) },
}

// storyRow is one story in the stories list, with its bar on a timeline
// shared by the page's stories.
type storyRow struct {
	present.ExportStory
	Size  int
	X, W  float64 // the bar, in a spanW-wide SVG
	Dated bool
}

func (s *Server) storiesPage(w http.ResponseWriter, r *http.Request) error {
	limit, offset, err := pageOf(r.URL.Query(), defaultPageSize)
	if err != nil {
		return err
	}
	p, err := s.stories(r.Context(), limit, offset)
	if err != nil {
		return err
	}
	var lo, hi time.Time
	rows := make([]storyRow, len(p.Items))
	for i, st := range p.Items {
		rows[i] = storyRow{ExportStory: st, Size: len(st.Articles)}
		f, err1 := time.Parse(time.DateOnly, st.FirstSeen)
		l, err2 := time.Parse(time.DateOnly, st.LastSeen)
		if err1 != nil || err2 != nil {
			continue
		}
		rows[i].Dated = true
		if lo.IsZero() || f.Before(lo) {
			lo = f
		}
		if l.After(hi) {
			hi = l
		}
	}
	days := hi.Sub(lo).Hours()/24 + 1
	for i := range rows {
		if !rows[i].Dated {
			continue
		}
		f, _ := time.Parse(time.DateOnly, rows[i].FirstSeen)
		l, _ := time.Parse(time.DateOnly, rows[i].LastSeen)
		rows[i].X = spanW * (f.Sub(lo).Hours() / 24) / days
		rows[i].W = max(3, spanW*(l.Sub(f).Hours()/24+1)/days)
	}
	return s.render(w, "stories.html", map[string]any{
		"Title": "Stories", "Nav": "stories", "Rows": rows, "Page": p,
		"From": lo, "To": hi, "Prev": max(0, offset-limit), "Next": offset + limit,
	})
}

// outletCol is one outlet column of the story page.
type outletCol struct {
	compare.Outlet
	Letter, Date string
	CoveragePct  int
	Tone         compare.Tone
	ToneX, ToneW float64
	Terms        []compare.TermScore
	Exclusives   []*compare.Fact
	Omitted      []*compare.Fact
	OmitNote     string
}

// factRow is one row of the coverage heat map.
type factRow struct {
	*compare.Fact
	Cells []bool
}

// timelineDot is one article on the publication timeline.
type timelineDot struct {
	X       float64
	Letter  string
	Title   string
	Date    string
	Article string
}

func (s *Server) storyPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	st, as, err := s.story(ctx, r.PathValue("id"))
	if err != nil {
		return err
	}
	c, err := s.comparison(ctx, st, as)
	if err != nil {
		return err
	}
	letter := map[string]string{}
	byKey := map[string]*outletCol{}
	var cols []*outletCol
	for i, o := range c.Outlets {
		col := &outletCol{Outlet: o, Letter: present.OutletLetter(i), CoveragePct: int(math.Round(100 * o.Coverage)), Date: "unknown"}
		if t := c.Date(o.Key); !t.IsZero() {
			col.Date = t.Format(time.DateOnly)
		}
		letter[o.Key] = col.Letter
		byKey[o.Key] = col
		cols = append(cols, col)
	}
	for _, t := range c.Tone {
		if col := byKey[t.Outlet]; col != nil {
			x := max(-1, min(1, 2*t.Compound)) * 100 // doubled: news tone rarely passes ±0.5
			col.Tone, col.ToneX, col.ToneW = t, 100+min(0, x), math.Abs(x)
		}
	}
	for _, f := range c.Framing {
		if col := byKey[f.Outlet]; col != nil {
			col.Terms = f.Terms[:min(len(f.Terms), 8)]
		}
	}
	for _, e := range c.Exclusives {
		if col := byKey[e.Outlet]; col != nil && len(col.Exclusives) < 6 {
			col.Exclusives = append(col.Exclusives, c.Fact(e.Fact))
		}
	}
	for _, om := range c.Omissions {
		if col := byKey[om.Outlet]; col != nil {
			for _, id := range om.Facts[:min(len(om.Facts), 6)] {
				col.Omitted = append(col.Omitted, c.Fact(id))
			}
			col.OmitNote = om.Note
		}
	}
	var facts []factRow
	shared := 0
	for i := range c.Facts {
		f := &c.Facts[i]
		if len(f.Outlets) < 2 {
			continue
		}
		shared++
		if len(facts) < pageTopFacts {
			row := factRow{Fact: f}
			for _, o := range c.Outlets {
				row.Cells = append(row.Cells, f.Covers(o.Key))
			}
			facts = append(facts, row)
		}
	}
	return s.render(w, "story.html", map[string]any{
		"Title": st.Headline, "Nav": "stories", "Story": present.ExportOfStory(st), "C": c,
		"Outlets": cols, "Facts": facts, "Shared": shared, "Letter": letter,
		"Timeline": timeline(c, letter), "Articles": as,
	})
}

// timeline places every dated article of a comparison on a line.
func timeline(c *compare.Comparison, letter map[string]string) map[string]any {
	var dated []compare.ArticleRef
	for _, a := range c.Articles {
		if !a.Published.IsZero() {
			dated = append(dated, a)
		}
	}
	if len(dated) == 0 {
		return nil
	}
	lo, hi := dated[0].Published.Time, dated[0].Published.Time
	for _, a := range dated {
		if a.Published.Time.Before(lo) {
			lo = a.Published.Time
		}
		if a.Published.Time.After(hi) {
			hi = a.Published.Time
		}
	}
	span := hi.Sub(lo)
	var dots []timelineDot
	for _, a := range dated {
		x := 40.0
		if span > 0 {
			x = 40 + (timelineW-80)*float64(a.Published.Time.Sub(lo))/float64(span)
		}
		dots = append(dots, timelineDot{X: x, Letter: letter[a.Outlet], Title: a.Title, Date: a.Published.String(), Article: a.ID})
	}
	return map[string]any{"Dots": dots, "From": lo.Format(time.DateOnly), "To": hi.Format(time.DateOnly), "Same": span == 0, "Undated": len(c.Articles) - len(dated)}
}

// reportPage serves the self-contained comparison report `parallax
// compare --html` writes.
func (s *Server) reportPage(w http.ResponseWriter, r *http.Request) error {
	st, as, err := s.story(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	c, err := s.comparison(r.Context(), st, as)
	if err != nil {
		return err
	}
	var b strings.Builder
	if err := present.WriteComparisonHTML(&b, c); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, err = w.Write([]byte(b.String()))
	return err
}

func (s *Server) articlePage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	a, err := s.Store.Article(ctx, r.PathValue("id"))
	if err != nil {
		return err
	}
	raw, err := s.Store.RawArticle(ctx, a.ID)
	if err != nil && !errors.Is(err, parallax.ErrNotFound) {
		return err
	}
	var story *parallax.Story
	if a.StoryID != "" {
		if story, err = s.Store.Story(ctx, a.StoryID); err != nil && !errors.Is(err, parallax.ErrNotFound) {
			return err
		}
	}
	title := a.Title
	if title == "" {
		title = "Article " + a.ID
	}
	return s.render(w, "article.html", map[string]any{
		"Title": title, "Nav": "", "A": a, "Story": story, "Diff": diffArticle(raw, a.Paragraphs, len(a.Repairs) > 0 && (a.Format == parallax.FormatText || a.Format == parallax.FormatTextHeader)),
	})
}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	q, err := searchQuery(v)
	if err != nil {
		return err
	}
	q.Facets = true
	data := map[string]any{"Title": "Search", "Nav": "search", "Q": q, "V": v}
	if q.Text == "" && len(v) == 0 {
		return s.render(w, "search.html", data)
	}
	sr, err := s.searcher()
	if err != nil {
		return err
	}
	res, err := sr.Search(r.Context(), q)
	if err != nil {
		if errors.Is(err, parallax.ErrInvalid) {
			data["Error"] = err.Error()
			return s.render(w, "search.html", data)
		}
		return err
	}
	data["Title"] = "Search: " + q.Text
	data["R"] = res
	maxDay := 1
	for _, d := range res.Facets.Days {
		maxDay = max(maxDay, d.Count)
	}
	data["MaxDay"] = maxDay
	if q.Offset > 0 {
		data["Prev"] = fmt.Sprint(max(0, q.Offset-q.Limit))
	}
	if q.Offset+q.Limit < res.Total {
		data["Next"] = fmt.Sprint(q.Offset + q.Limit)
	}
	data["First"] = q.Offset + 1
	return s.render(w, "search.html", data)
}

func (s *Server) outletsPage(w http.ResponseWriter, r *http.Request) error {
	rows, unknown, err := s.outlets(r.Context())
	if err != nil {
		return err
	}
	maxN := 1
	for _, o := range rows {
		maxN = max(maxN, o.Articles)
	}
	return s.render(w, "outlets.html", map[string]any{"Title": "Outlets", "Nav": "outlets", "Rows": rows, "Unknown": unknown, "Max": maxN})
}
