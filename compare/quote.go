package compare

import (
	"cmp"
	"slices"
	"strings"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/analyze"
)

// QuoteGroup is one utterance of one speaker as several articles quote
// it, worded alike or differently (another translation, a paraphrase).
type QuoteGroup struct {
	ID        int            `json:"id"`
	SpeakerID string         `json:"speaker_id"`
	Speaker   string         `json:"speaker"`
	Outlets   []string       `json:"outlets"`
	Variants  []QuoteVariant `json:"variants"` // at most one per article
	// Similarity is the mean similarity between the variants (0–1): low
	// values mean the outlets word the utterance very differently.
	Similarity float64 `json:"similarity"`
}

// QuoteVariant is one article's wording of an utterance.
type QuoteVariant struct {
	Article   string `json:"article"`
	Outlet    string `json:"outlet"`
	Paragraph int    `json:"paragraph"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Text      string `json:"text"`
	Kind      string `json:"kind"`
	Cue       string `json:"cue,omitempty"`
}

// Quotes shorter than this many words are terms, not utterances.
const minQuoteWords = 4

// quoteLengthRatio is the least ratio of word counts of two variants.
const quoteLengthRatio = 0.3

// quoteVariants groups the story's quotes of one speaker that say the same
// thing: content overlap (stems, synonyms, named things, numbers) by
// average link, at most one variant per article, lengths alike.
func quoteVariants(docs []*doc, sp *space, threshold float64) []QuoteGroup {
	type item struct {
		d     *doc
		q     *parallax.Quote
		words int
	}
	var items []item
	var vecs []vec
	var group []int
	wc := newWordCache()
	for di, d := range docs {
		spans := entitySpans(d.article)
		for qi := range d.article.Quotes {
			q := &d.article.Quotes[qi]
			if q.SpeakerID == "" || q.Kind == "term" {
				continue
			}
			toks := wc.tokens(d.article.Language, q.Text)
			if len(toks) < minQuoteWords {
				continue
			}
			var keys []string
			seen := map[string]bool{}
			for _, t := range toks {
				k := ""
				switch id, ok := spans.at(q.Paragraph, q.Start+t.Start); {
				case ok:
					k = entityPrefix + id
				case t.Number:
					k = numberPrefix + strings.ReplaceAll(t.Text, ",", "")
				case len(t.Lower) > 1 && !analyze.IsStopword(t.Lower):
					k = t.Stem
				}
				if k != "" && !seen[k] {
					seen[k] = true
					keys = append(keys, k)
				}
			}
			items = append(items, item{d, q, len(toks)})
			vecs = append(vecs, sp.vector(keys, nil, nil))
			group = append(group, di)
		}
	}
	var edges []edge
	for i := range items {
		for j := i + 1; j < len(items); j++ {
			a, b := items[i], items[j]
			if group[i] == group[j] || a.q.SpeakerID != b.q.SpeakerID {
				continue
			}
			if r := float64(min(a.words, b.words)) / float64(max(a.words, b.words)); r < quoteLengthRatio {
				continue
			}
			if s := similarity(&vecs[i], &vecs[j]); s > 0 {
				edges = append(edges, edge{i, j, s})
			}
		}
	}
	sims := map[[2]int]float64{}
	for _, e := range edges {
		sims[[2]int{e.a, e.b}] = e.sim
	}
	out := []QuoteGroup{}
	for _, c := range averageLink(len(items), group, edges, threshold) {
		if len(c) < 2 {
			continue
		}
		g := QuoteGroup{SpeakerID: items[c[0]].q.SpeakerID, Speaker: items[c[0]].q.Speaker}
		var sum float64
		pairs := 0
		for x, m := range c {
			it := items[m]
			q := it.q
			g.Variants = append(g.Variants, QuoteVariant{Article: it.d.article.ID, Outlet: it.d.outlet, Paragraph: q.Paragraph, Start: q.Start, End: q.End, Text: q.Text, Kind: q.Kind, Cue: q.Cue})
			if !slices.Contains(g.Outlets, it.d.outlet) {
				g.Outlets = append(g.Outlets, it.d.outlet)
			}
			for _, n := range c[x+1:] {
				sum += sims[[2]int{m, n}]
				pairs++
			}
		}
		g.Similarity = sum / float64(pairs)
		out = append(out, g)
	}
	slices.SortStableFunc(out, func(a, b QuoteGroup) int {
		return cmp.Or(cmp.Compare(len(b.Outlets), len(a.Outlets)), cmp.Compare(b.Similarity, a.Similarity))
	})
	for i := range out {
		out[i].ID = i + 1
	}
	return out
}
