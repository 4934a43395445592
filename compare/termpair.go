package compare

import (
	"bufio"
	_ "embed"
	"slices"
	"strings"
	"sync"

	"github.com/parallaxhq/parallax/analyze"
)

// TermPair is one thing the story's outlets name differently: the
// variants in use and who uses each.
type TermPair struct {
	Referent string        `json:"referent"`
	Source   string        `json:"source"` // "curated": from our list of contested terms; "aligned": found in one fact's sentences
	Fact     int           `json:"fact,omitempty"`
	Variants []TermVariant `json:"variants"`
}

// TermVariant is one wording and the outlets that use it.
type TermVariant struct {
	Term    string         `json:"term"`
	Outlets []string       `json:"outlets"`
	Counts  map[string]int `json:"counts"` // uses per outlet
}

//go:embed data/terms.txt
var termsData string

// termGroup is one line of the curated list.
type termGroup struct {
	referent string
	variants []string
	words    [][]string // each variant's lower-cased words
	order    []int      // variant indexes, longest first: a longer variant takes its words first
}

var termGroups = sync.OnceValue(func() []termGroup {
	tz := analyze.NewTokenizer("en")
	var out []termGroup
	sc := bufio.NewScanner(strings.NewReader(termsData))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "|")
		g := termGroup{referent: strings.TrimSpace(parts[0])}
		for _, p := range parts[1:] {
			v := strings.TrimSpace(p)
			var words []string
			for _, t := range tz.Tokens(v) {
				words = append(words, t.Lower)
			}
			if len(words) > 0 {
				g.variants = append(g.variants, v)
				g.words = append(g.words, words)
			}
		}
		g.order = make([]int, len(g.words))
		for i := range g.order {
			g.order[i] = i
		}
		slices.SortStableFunc(g.order, func(a, b int) int { return len(g.words[b]) - len(g.words[a]) })
		out = append(out, g)
	}
	return out
})

// termPairs finds the curated groups whose variants the story's outlets
// use two or more of, then the wordings aligned facts put in one slot.
func termPairs(docs []*doc, c *Comparison) []TermPair {
	out := []TermPair{}
	groups := termGroups()
	// the sentences holding a first word of a group's variants: only they
	// can hold the group's terms
	first := map[string][]int{}
	for gi, g := range groups {
		for _, w := range g.words {
			if l := first[w[0]]; len(l) == 0 || l[len(l)-1] != gi {
				first[w[0]] = append(first[w[0]], gi)
			}
		}
	}
	type place struct{ d, s int }
	where := make([][]place, len(groups))
	for di, d := range docs {
		for si, s := range d.sentences {
			for _, w := range s.lowers {
				for _, gi := range first[w] {
					if l := where[gi]; len(l) == 0 || l[len(l)-1] != (place{di, si}) {
						where[gi] = append(l, place{di, si})
					}
				}
			}
		}
	}
	for gi, g := range groups {
		counts := make([]map[string]int, len(g.variants))
		for vi := range counts {
			counts[vi] = map[string]int{}
		}
		for _, pl := range where[gi] {
			d := docs[pl.d]
			s := d.sentences[pl.s]
			used := make([]bool, len(s.lowers))
			for _, vi := range g.order {
				if n := countPhrase(s.lowers, g.words[vi], used); n > 0 {
					counts[vi][d.outlet] += n
				}
			}
		}
		tp := TermPair{Referent: g.referent, Source: "curated"}
		for vi, v := range g.variants {
			tv := TermVariant{Term: v, Counts: counts[vi]}
			for _, o := range c.Outlets {
				if tv.Counts[o.Key] > 0 {
					tv.Outlets = append(tv.Outlets, o.Key)
				}
			}
			if len(tv.Outlets) > 0 {
				tp.Variants = append(tp.Variants, tv)
			}
		}
		if len(tp.Variants) >= 2 {
			out = append(out, tp)
		}
	}
	return append(out, alignedPairs(docs, c)...)
}

// countPhrase counts the whole-word occurrences of phrase in words that
// overlap no word already used by a longer variant, and marks them used.
func countPhrase(words, phrase []string, used []bool) int {
	n := 0
	for i := 0; i+len(phrase) <= len(words); i++ {
		if slices.Equal(words[i:i+len(phrase)], phrase) && !slices.Contains(used[i:i+len(phrase)], true) {
			for k := i; k < i+len(phrase); k++ {
				used[k] = true
			}
			n++
		}
	}
	return n
}
