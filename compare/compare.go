package compare

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/parallaxhq/parallax"
)

// Options tune a comparison. The zero value works: the story's own articles
// serve as the background and the thresholds are the defaults.
type Options struct {
	// Background is the term model of the whole store: document frequencies
	// for the fact weights and term counts for the framing prior. Nil means
	// the story's own articles, which weighs words less well.
	Background *Background
	// FactThreshold is the average-link similarity two groups of sentences
	// need to become one fact; 0 means [DefaultFactThreshold].
	FactThreshold float64
	// QuoteThreshold is the same for quote variants; 0 means
	// [DefaultQuoteThreshold].
	QuoteThreshold float64
	// TermsPerOutlet bounds the framing terms listed per outlet; 0 means 10.
	TermsPerOutlet int
}

// Default thresholds, tuned on look-alike stories of a few outlets
// translated and paraphrased (see the package tests).
const (
	DefaultFactThreshold  = 0.28
	DefaultQuoteThreshold = 0.30
)

// Comparison is what the articles of one story say, side by side.
type Comparison struct {
	// Story is the story compared, when the caller knows it; Compare leaves
	// it nil.
	Story    *parallax.Story `json:"story,omitempty"`
	Headline string          `json:"headline"` // the story's headline, or the most representative title
	Articles []ArticleRef    `json:"articles"`
	// Outlets are the columns of the coverage matrix, largest coverage
	// first. An article of unknown outlet is a column of its own.
	Outlets []Outlet `json:"outlets"`
	// Facts are the aligned sentences, most widely reported first.
	Facts []Fact `json:"facts"`
	// Exclusives are the facts only one outlet reports, by outlet.
	Exclusives []Exclusive `json:"exclusives"`
	// Omissions are, per outlet, the facts most other outlets report and
	// it does not.
	Omissions   []Omission   `json:"omissions"`
	QuoteGroups []QuoteGroup `json:"quote_groups"`
	Framing     []Framing    `json:"framing"`
	TermPairs   []TermPair   `json:"term_pairs"`
	Tone        []Tone       `json:"tone"`
}

// ArticleRef is one article of the story as the comparison sees it.
type ArticleRef struct {
	ID        string        `json:"id"`
	Title     string        `json:"title"`
	Outlet    string        `json:"outlet"` // the key of its column in Outlets
	Published parallax.Date `json:"published"`
	Sentences int           `json:"sentences"` // body sentences compared
	Words     int           `json:"words"`
}

// Outlet is one column of the coverage matrix.
type Outlet struct {
	Key      string   `json:"key"`   // the outlet id, or "article:ID" for an article of unknown outlet
	Name     string   `json:"name"`  // the outlet name, or the article's title
	Known    bool     `json:"known"` // false for an article of unknown outlet
	Country  string   `json:"country,omitempty"`
	State    bool     `json:"state_affiliated,omitempty"`
	Articles []string `json:"articles"` // article ids
	Words    int      `json:"words"`
	// Facts counts the facts the outlet reports; Shared those of them
	// other outlets report too.
	Facts  int `json:"facts"`
	Shared int `json:"shared"`
	// Coverage is the share of the story's shared facts (reported by two
	// outlets or more) the outlet reports.
	Coverage float64 `json:"coverage"`
	// Short marks an outlet whose text is much shorter than the story's
	// median (under half): its omissions say more about length than choice.
	Short bool `json:"short,omitempty"`
}

// Fact is one thing the story's articles say, as each says it: at most one
// sentence per article.
type Fact struct {
	ID        int           `json:"id"`
	Label     string        `json:"label"`   // the best wording: the sentence most like the others
	Outlets   []string      `json:"outlets"` // keys of the outlets that report it, in column order
	Sentences []SentenceRef `json:"sentences"`
	Weight    float64       `json:"weight"` // the informative content of the label: how much it says
}

// SentenceRef is one article's sentence: a span of one paragraph.
type SentenceRef struct {
	Article   string `json:"article"`
	Outlet    string `json:"outlet"`
	Paragraph int    `json:"paragraph"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Text      string `json:"text"`
}

// Exclusive is a fact only one outlet reports.
type Exclusive struct {
	Outlet string `json:"outlet"`
	Fact   int    `json:"fact"`
}

// Omission lists the facts an outlet leaves out that most other outlets
// report (more than half of them, and at least two).
type Omission struct {
	Outlet string `json:"outlet"`
	Facts  []int  `json:"facts"`
	// Note guards against a false accusation: it says when the outlet's
	// text is short for the story.
	Note string `json:"note,omitempty"`
}

// Covers reports whether the outlet with key reports fact f.
func (f *Fact) Covers(key string) bool { return slices.Contains(f.Outlets, key) }

// Fact returns the fact with an id, or nil.
func (c *Comparison) Fact(id int) *Fact {
	for i := range c.Facts {
		if c.Facts[i].ID == id {
			return &c.Facts[i]
		}
	}
	return nil
}

// Outlet returns the column with a key, or nil.
func (c *Comparison) Outlet(key string) *Outlet {
	for i := range c.Outlets {
		if c.Outlets[i].Key == key {
			return &c.Outlets[i]
		}
	}
	return nil
}

// OutletOf returns the column key of an article.
func OutletOf(a *parallax.Article) string {
	if a.Outlet != nil && a.Outlet.ID != "" {
		return a.Outlet.ID
	}
	return "article:" + a.ID
}

// Compare compares the articles of one story. Articles may come in any
// order; the result does not depend on it beyond ties. It never fails: an
// empty story gives an empty comparison.
func Compare(articles []*parallax.Article, opts Options) *Comparison {
	articles = slices.Clone(articles)
	slices.SortStableFunc(articles, func(a, b *parallax.Article) int {
		return cmp.Or(compareDates(a.Published, b.Published), cmp.Compare(a.ID, b.ID))
	})
	c := &Comparison{
		Articles:    []ArticleRef{},
		Outlets:     []Outlet{},
		Facts:       []Fact{},
		Exclusives:  []Exclusive{},
		Omissions:   []Omission{},
		QuoteGroups: []QuoteGroup{},
		Framing:     []Framing{},
		TermPairs:   []TermPair{},
		Tone:        []Tone{},
	}
	if len(articles) == 0 {
		return c
	}
	docs := newCorpus(articles)
	bg := opts.Background
	if bg == nil {
		bg = NewBackground()
		for _, d := range docs {
			bg.addDoc(d)
		}
	}
	sp := newSpace(bg, docs)
	c.Headline = headline(articles)
	c.Articles, c.Outlets = columns(docs)
	c.Facts = alignFacts(docs, sp, cmp.Or(opts.FactThreshold, DefaultFactThreshold))
	coverage(c)
	c.QuoteGroups = quoteVariants(docs, sp, cmp.Or(opts.QuoteThreshold, DefaultQuoteThreshold))
	c.Framing = framing(docs, c.Outlets, bg, cmp.Or(opts.TermsPerOutlet, 10))
	c.TermPairs = termPairs(docs, c)
	c.Tone = tone(docs, c.Outlets)
	return c
}

// compareDates orders known dates first, earliest first.
func compareDates(a, b parallax.Date) int {
	switch {
	case a.IsZero() && b.IsZero():
		return 0
	case a.IsZero():
		return 1
	case b.IsZero():
		return -1
	}
	return a.Time.Compare(b.Time)
}

// headline picks the title sharing the most words with the other titles.
func headline(articles []*parallax.Article) string {
	best, bestScore := "", -1
	for _, a := range articles {
		if a.Title == "" {
			continue
		}
		words := map[string]bool{}
		for _, w := range strings.Fields(strings.ToLower(a.Title)) {
			words[w] = true
		}
		score := 0
		for _, b := range articles {
			if b == a {
				continue
			}
			for _, w := range strings.Fields(strings.ToLower(b.Title)) {
				if words[w] {
					score++
				}
			}
		}
		if score > bestScore {
			best, bestScore = a.Title, score
		}
	}
	return best
}

// columns makes the article references and the outlet columns, in the
// order outlets first published.
func columns(docs []*doc) ([]ArticleRef, []Outlet) {
	refs := make([]ArticleRef, 0, len(docs))
	var outlets []Outlet
	index := map[string]int{}
	for _, d := range docs {
		a := d.article
		key := OutletOf(a)
		refs = append(refs, ArticleRef{ID: a.ID, Title: a.Title, Outlet: key, Published: a.Published, Sentences: len(d.sentences), Words: d.words})
		i, ok := index[key]
		if !ok {
			o := Outlet{Key: key}
			if a.Outlet != nil && a.Outlet.ID != "" {
				o.Name, o.Known, o.Country, o.State = a.Outlet.Name, true, a.Outlet.Country, a.Outlet.StateAffiliated
			} else {
				o.Name = untitled(a)
			}
			i = len(outlets)
			index[key] = i
			outlets = append(outlets, o)
		}
		outlets[i].Articles = append(outlets[i].Articles, a.ID)
		outlets[i].Words += d.words
	}
	return refs, outlets
}

// untitled names an article of unknown outlet: its title, else its id.
func untitled(a *parallax.Article) string {
	if t := strings.Join(strings.Fields(a.Title), " "); t != "" {
		return t
	}
	return "article " + a.ID
}

// Date returns the earliest publication date of an outlet's articles in
// the comparison, zero when none is dated.
func (c *Comparison) Date(key string) time.Time {
	var t time.Time
	for _, a := range c.Articles {
		if a.Outlet == key && !a.Published.IsZero() && (t.IsZero() || a.Published.Time.Before(t)) {
			t = a.Published.Time
		}
	}
	return t
}
