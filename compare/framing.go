package compare

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// Framing is the terms one outlet prefers over the story's other outlets.
type Framing struct {
	Outlet string      `json:"outlet"`
	Terms  []TermScore `json:"terms"`
}

// TermScore is one term's log-odds ratio for an outlet against the rest of
// the story, with an informative Dirichlet prior, as a z-score: above 1.96
// the preference is significant at 5 % (two-sided).
type TermScore struct {
	Term  string  `json:"term"`
	Count int     `json:"count"` // uses by the outlet
	Rest  int     `json:"rest"`  // uses by the story's other outlets
	Z     float64 `json:"z"`
}

// Framing prior: α0 is the prior's total pseudo-count (at most half the
// story's term count), spread over terms in proportion to the
// background's use of them. minTermCount is the
// fewest uses by an outlet for a term to be listed, minZ the least z-score.
const (
	priorMass    = 500.0
	minTermCount = 2
	minZ         = 1.0
)

// framing scores the terms each outlet uses against the rest of the story
// by the "Fightin' Words" log-odds ratio of Monroe, Colaresi & Quinn
// (2008), equations 15–16, with the prior α_w = α0·π_w and π_w the
// background's smoothed share of term w.
func framing(docs []*doc, outlets []Outlet, bg *Background, limit int) []Framing {
	if len(outlets) < 2 {
		return []Framing{}
	}
	per := map[string]map[string]int{}
	total := map[string]int{}
	n := map[string]int{}
	all := 0
	for _, d := range docs {
		m := per[d.outlet]
		if m == nil {
			m = map[string]int{}
			per[d.outlet] = m
		}
		for i, t := range d.terms.terms {
			c := d.terms.counts[i]
			m[t] += c
			total[t] += c
			n[d.outlet] += c
			all += c
		}
	}
	vocab := float64(len(total))
	// a small story gets a lighter prior, so that the prior never outweighs
	// the story's own evidence
	a0 := min(priorMass, float64(all)/2)
	prior := func(t string) float64 {
		return a0 * (float64(bg.termCount(t)) + 0.5) / (float64(bg.total) + 0.5*vocab)
	}
	out := make([]Framing, 0, len(outlets))
	for _, o := range outlets {
		f := Framing{Outlet: o.Key, Terms: []TermScore{}}
		ni := float64(n[o.Key])
		nj := float64(all) - ni
		for t, yi := range per[o.Key] {
			if yi < minTermCount {
				continue
			}
			yj := total[t] - yi
			a := prior(t)
			fi, fj := float64(yi)+a, float64(yj)+a
			delta := math.Log(fi/(ni+a0-fi)) - math.Log(fj/(nj+a0-fj))
			z := delta / math.Sqrt(1/fi+1/fj)
			if z >= minZ {
				f.Terms = append(f.Terms, TermScore{Term: t, Count: yi, Rest: yj, Z: math.Round(z*100) / 100})
			}
		}
		slices.SortFunc(f.Terms, func(a, b TermScore) int {
			return cmp.Or(cmp.Compare(b.Z, a.Z), strings.Compare(a.Term, b.Term))
		})
		f.Terms = dropContained(f.Terms)
		if len(f.Terms) > limit {
			f.Terms = f.Terms[:limit]
		}
		out = append(out, f)
	}
	return out
}

// dropContained drops a single word listed below a longer term that holds
// it with the same count: "sanctions" adds nothing under "un sanctions".
func dropContained(ts []TermScore) []TermScore {
	var out []TermScore
	for i, t := range ts {
		covered := false
		for j, u := range ts {
			if j < i && u.Count == t.Count && len(u.Term) > len(t.Term) && containsWord(u.Term, t.Term) {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, t)
		}
	}
	return out
}

func containsWord(phrase, w string) bool {
	return slices.Contains(strings.Fields(phrase), w)
}
