package analyze

import "github.com/parallaxhq/parallax"

// Analyzer finds an article's named things and quotes. Build it once with
// [NewAnalyzer]; it is safe for concurrent use (it only reads its tables).
type Analyzer struct {
	gaz *gazetteer
}

// NewAnalyzer loads the embedded gazetteer; it fails only if the table is
// malformed.
func NewAnalyzer() (*Analyzer, error) {
	g, err := parseGazetteer(gazetteerData)
	if err != nil {
		return nil, err
	}
	return &Analyzer{gaz: g}, nil
}

// Analyze sets the article's Entities and Quotes, splitting its text into
// words once for both.
func (an *Analyzer) Analyze(a *parallax.Article) {
	paras, lower := splitWords(a)
	a.Entities = an.entities(a, paras, lower)
	a.Quotes = an.quotes(a, a.Entities, paras, lower)
}
