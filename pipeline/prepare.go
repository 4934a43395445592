package pipeline

import (
	"time"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/read"
)

// Config sets up a [Preparer].
type Config struct {
	// Now stamps articles with their ingest time; nil means time.Now.
	Now func() time.Time
}

// Preparer turns raw records into articles: it repairs the text and works
// out what is known about each article. It is safe for concurrent use.
type Preparer struct {
	now func() time.Time
}

// NewPreparer builds a Preparer; it fails if a table or registry it loads
// is broken.
func NewPreparer(cfg Config) (*Preparer, error) {
	p := &Preparer{now: cfg.Now}
	if p.now == nil {
		p.now = time.Now
	}
	return p, nil
}

// Prepare builds the article of one record.
func (p *Preparer) Prepare(r *read.Record) *parallax.Article {
	a := &parallax.Article{
		ID:         parallax.ArticleID(r.Raw),
		Format:     r.Format,
		Locations:  []parallax.Location{r.Loc},
		ExternalID: r.ExternalID,
		URL:        r.URL,
		Title:      r.Title,
		Byline:     r.Byline,
		Credits:    r.Credits,
		Published:  r.Published,
		Language:   r.Language,
		Meta:       r.Meta,
		Ingested:   p.now().UTC(),
		Raw:        r.Raw,
	}
	if r.Outlet != "" {
		if a.Meta == nil {
			a.Meta = parallax.Meta{}
		}
		a.Meta["outlet"] = r.Outlet
	}
	a.Paragraphs = make([]parallax.Paragraph, len(r.Paragraphs))
	for i, t := range r.Paragraphs {
		a.Paragraphs[i] = parallax.Paragraph{Text: t}
	}
	return a
}
