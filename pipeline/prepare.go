package pipeline

import (
	"time"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/analyze"
	"github.com/parallaxhq/parallax/describe"
	"github.com/parallaxhq/parallax/group"
	"github.com/parallaxhq/parallax/read"
	"github.com/parallaxhq/parallax/repair"
)

// Config sets up a [Preparer].
type Config struct {
	// Outlets is the registry outlets are recognised from; nil means the
	// embedded one (describe.DefaultRegistry).
	Outlets *describe.Registry
	// Now stamps articles with their ingest time; nil means time.Now.
	Now func() time.Time
}

// Preparer turns raw records into articles: it repairs the text and works
// out what is known about each article. It is safe for concurrent use.
type Preparer struct {
	describer *describe.Describer
	analyzer  *analyze.Analyzer
	text      repair.Chain // applied to the title and every paragraph, after the charset
	now       func() time.Time
}

// NewPreparer builds a Preparer; it fails if a table or registry it loads
// is broken.
func NewPreparer(cfg Config) (*Preparer, error) {
	reg := cfg.Outlets
	if reg == nil {
		var err error
		if reg, err = describe.DefaultRegistry(); err != nil {
			return nil, err
		}
	}
	an, err := analyze.NewAnalyzer()
	if err != nil {
		return nil, err
	}
	p := &Preparer{
		describer: describe.New(reg),
		analyzer:  an,
		text:      repair.Chain{repair.Mojibake{}, repair.Homoglyphs{}, repair.Unicode{}},
		now:       cfg.Now,
	}
	if p.now == nil {
		p.now = time.Now
	}
	return p, nil
}

// Prepare builds the article of one record: the fields the reader found,
// the text repaired (every repair logged on the article), described, then
// analysed (entities and quotes).
func (p *Preparer) Prepare(r *read.Record) *parallax.Article {
	log := &repair.Log{}
	charset := repair.Charset(r.Raw, r.Charset)
	fix := append(repair.Chain{charset}, p.text...)
	plain := repair.Chain{charset, repair.Unicode{}} // for ids, URLs and names: no text repairs
	field := func(s string) string { return plain.Fix(s, log) }
	a := &parallax.Article{
		ID:         parallax.ArticleID(r.Raw),
		Format:     r.Format,
		Locations:  []parallax.Location{r.Loc},
		ExternalID: field(r.ExternalID),
		URL:        field(r.URL),
		Title:      fix.Fix(r.Title, log),
		Byline:     field(r.Byline),
		Published:  r.Published,
		Language:   r.Language,
		Ingested:   p.now().UTC(),
		Raw:        r.Raw,
	}
	for _, c := range r.Credits {
		a.Credits = append(a.Credits, field(c))
	}
	if len(r.Meta) > 0 || r.Outlet != "" {
		a.Meta = make(parallax.Meta, len(r.Meta)+1)
		for k, v := range r.Meta {
			a.Meta[k] = field(v)
		}
		if r.Outlet != "" {
			a.Meta["outlet"] = field(r.Outlet)
		}
	}
	paras := make([]string, len(r.Paragraphs))
	for i, t := range r.Paragraphs {
		paras[i] = fix.Fix(t, log)
	}
	a.Paragraphs, a.Asides = repair.Body(a.Title, paras, log)
	a.Repairs = log.Repairs()
	if s, ok := repair.HomoglyphSignal(log); ok {
		a.Signals = append(a.Signals, s)
	}
	p.describer.Describe(a)
	p.analyzer.Analyze(a)
	a.Fingerprint = group.Features(a, analyze.NewTokenizer(a.Language))
	return a
}
