package present

import (
	"cmp"
	"iter"
	"slices"

	"github.com/parallaxhq/parallax"
)

// EntityRow is one entity across a set of articles: how often and where
// they mention it, and the ways they name it.
type EntityRow struct {
	ID       string              `json:"id"`
	Name     string              `json:"name"`
	Kind     parallax.EntityKind `json:"kind"`
	Mentions int                 `json:"mentions"`
	Articles []string            `json:"articles"`
	Names    []string            `json:"names"` // the ways the articles name it
}

// CountEntities gathers the entities of the articles, most mentioned
// first (then by id). It stops at the first error.
func CountEntities(articles iter.Seq2[*parallax.Article, error]) ([]*EntityRow, error) {
	byID := map[string]*EntityRow{}
	rows := []*EntityRow{}
	for a, err := range articles {
		if err != nil {
			return nil, err
		}
		for _, en := range a.Entities {
			r := byID[en.ID]
			if r == nil {
				r = &EntityRow{ID: en.ID, Name: en.Name, Kind: en.Kind}
				byID[en.ID] = r
				rows = append(rows, r)
			}
			r.Mentions += len(en.Mentions)
			r.Articles = append(r.Articles, a.ID)
			for _, m := range en.Mentions {
				if !slices.Contains(r.Names, m.Text) {
					r.Names = append(r.Names, m.Text)
				}
			}
		}
	}
	slices.SortStableFunc(rows, func(a, b *EntityRow) int {
		return cmp.Or(cmp.Compare(b.Mentions, a.Mentions), cmp.Compare(a.ID, b.ID))
	})
	return rows, nil
}
