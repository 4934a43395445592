package eval

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"unicode"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/analyze"
)

// EntityScore is how well the entity finder recovers BASIL's article-level
// main entities ("Barack Obama", "Tea Party", "senate Democrats").
//
// A gold entity is found by one of ours when its folded name
// ([analyze.FoldID]) equals our entity's ID or one of its mentions'
// folded text, or when every capitalised word of the gold name is a word
// of our entity's ID or mentions ("Obama administration" is found by
// barack-obama). Recall counts gold entities found among all of an
// article's entities, and among its top three by number of mentions; the
// precision of that top three counts ours that find a gold entity.
type EntityScore struct {
	Docs       int     `json:"docs"`
	Gold       int     `json:"gold"`
	FoundAny   int     `json:"found_any"`   // gold entities found among all of ours
	FoundTop   int     `json:"found_top"`   // gold entities found among our top three
	Top        int     `json:"top"`         // our top-three entities, summed over articles
	TopCorrect int     `json:"top_correct"` // of those, ones that find a gold entity
	RecallAny  float64 `json:"recall_any"`
	RecallTop  float64 `json:"recall_top"`
	PrecTop    float64 `json:"precision_top"`
	Entities   int     `json:"entities"` // entities found, summed over articles
}

// Entities scores the entity finder against BASIL's main entities (dir
// holds articles/ and annotations/) and writes a table to w.
func Entities(dir string, w io.Writer) (*EntityScore, error) {
	if !isDir(dir + "/articles") {
		return nil, fmt.Errorf("eval entities: %s: no articles/ (want BASIL's layout): %w", dir, parallax.ErrInvalid)
	}
	an, err := analyze.NewAnalyzer()
	if err != nil {
		return nil, err
	}
	docs, err := loadBASIL(dir)
	if err != nil {
		return nil, err
	}
	s := &EntityScore{Docs: len(docs)}
	for _, d := range docs {
		ents := an.Entities(d.article)
		s.Entities += len(ents)
		top := topEntities(ents, 3)
		s.Top += len(top)
		for _, e := range top {
			for _, g := range d.main {
				if entityFinds(e, g) {
					s.TopCorrect++
					break
				}
			}
		}
		for _, g := range d.main {
			s.Gold++
			for _, e := range ents {
				if entityFinds(e, g) {
					s.FoundAny++
					break
				}
			}
			for _, e := range top {
				if entityFinds(e, g) {
					s.FoundTop++
					break
				}
			}
		}
	}
	s.RecallAny, s.RecallTop, s.PrecTop = fraction(s.FoundAny, s.Gold), fraction(s.FoundTop, s.Gold), fraction(s.TopCorrect, s.Top)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "docs\tgold\tentities\trecall (any)\trecall (top 3)\tprecision (top 3)\t")
	fmt.Fprintf(tw, "%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n", s.Docs, s.Gold, s.Entities, s.RecallAny, s.RecallTop, s.PrecTop)
	return s, tw.Flush()
}

// topEntities returns the n entities with the most mentions, the earliest
// first among equals.
func topEntities(ents []parallax.Entity, n int) []parallax.Entity {
	top := slices.Clone(ents)
	slices.SortStableFunc(top, func(a, b parallax.Entity) int { return cmp.Compare(len(b.Mentions), len(a.Mentions)) })
	return top[:min(n, len(top))]
}

// entityFinds applies the rule of [EntityScore].
func entityFinds(e parallax.Entity, gold string) bool {
	g := analyze.FoldID(gold)
	words := map[string]bool{}
	for w := range strings.SplitSeq(e.ID, "-") {
		words[w] = true
	}
	if e.ID == g {
		return true
	}
	for _, m := range e.Mentions {
		f := analyze.FoldID(m.Text)
		if f == g {
			return true
		}
		for w := range strings.SplitSeq(f, "-") {
			words[w] = true
		}
	}
	caps := 0
	for w := range strings.FieldsSeq(gold) {
		r := []rune(w)
		if len(r) == 0 || !unicode.IsUpper(r[0]) {
			continue
		}
		caps++
		if !words[analyze.FoldID(w)] {
			return false
		}
	}
	return caps > 0
}
