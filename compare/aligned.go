package compare

import (
	"cmp"
	"slices"
	"strings"

	"github.com/parallaxhq/parallax/analyze"
)

// Slot discovery: the longest wording a slot may hold, the sentences per
// fact compared pairwise, and the most aligned pairs reported.
const (
	maxSlotWords    = 4
	slotSentences   = 8
	maxAlignedPairs = 12
)

// alignedPairs finds wordings in the same slot of one fact's sentences:
// after aligning two outlets' sentences word by word (longest common
// subsequence), a stretch of one to four words in each, between the same
// anchors, that differ in every content word — "war in Ukraine" where
// the other says "special military operation".
func alignedPairs(docs []*doc, c *Comparison) []TermPair {
	type key struct{ a, b string }
	type found struct {
		tp    TermPair
		count int
	}
	byKey := map[key]*found{}
	var keys []key
	sents := map[[3]int]*sentence{} // (article index, paragraph, start) → sentence
	artIndex := map[string]int{}
	for i, d := range docs {
		artIndex[d.article.ID] = i
		for _, s := range d.sentences {
			sents[[3]int{i, s.para, s.start}] = s
		}
	}
	for _, f := range c.Facts {
		if len(f.Outlets) < 2 {
			continue
		}
		ss := f.Sentences
		if len(ss) > slotSentences {
			ss = ss[:slotSentences]
		}
		for i := range ss {
			for j := i + 1; j < len(ss); j++ {
				if ss[i].Outlet == ss[j].Outlet {
					continue
				}
				sa := sents[[3]int{artIndex[ss[i].Article], ss[i].Paragraph, ss[i].Start}]
				sb := sents[[3]int{artIndex[ss[j].Article], ss[j].Paragraph, ss[j].Start}]
				for _, sl := range slots(sa, sb) {
					pa, pb := strings.Join(sl[0], " "), strings.Join(sl[1], " ")
					oa, ob := ss[i].Outlet, ss[j].Outlet
					if pa > pb {
						pa, pb, oa, ob = pb, pa, ob, oa
					}
					k := key{pa, pb}
					fd := byKey[k]
					if fd == nil {
						fd = &found{tp: TermPair{Referent: pa + " / " + pb, Source: "aligned", Fact: f.ID, Variants: []TermVariant{
							{Term: pa, Counts: map[string]int{}}, {Term: pb, Counts: map[string]int{}},
						}}}
						byKey[k] = fd
						keys = append(keys, k)
					}
					fd.count++
					fd.tp.Variants[0].Counts[oa]++
					fd.tp.Variants[1].Counts[ob]++
				}
			}
		}
	}
	slices.SortStableFunc(keys, func(x, y key) int { return cmp.Compare(byKey[y].count, byKey[x].count) })
	var out []TermPair
	for _, k := range keys {
		if len(out) == maxAlignedPairs {
			break
		}
		if byKey[k].count < 2 && max(len(strings.Fields(k.a)), len(strings.Fields(k.b))) > 2 {
			continue // a long slot seen once is more often a paraphrase than a name
		}
		tp := byKey[k].tp
		for vi := range tp.Variants {
			v := &tp.Variants[vi]
			for _, o := range c.Outlets {
				if v.Counts[o.Key] > 0 {
					v.Outlets = append(v.Outlets, o.Key)
				}
			}
		}
		out = append(out, tp)
	}
	return out
}

// slots aligns two sentences' words and returns the stretches between
// common anchors that name one thing differently (see distinctContent).
func slots(x, y *sentence) [][2][]string {
	a, b := x.lowers, y.lowers
	// LCS table, from the end
	n, m := len(a), len(b)
	t := make([][]int16, n+1)
	for i := range t {
		t[i] = make([]int16, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				t[i][j] = t[i+1][j+1] + 1
			} else {
				t[i][j] = max(t[i+1][j], t[i][j+1])
			}
		}
	}
	var out [][2][]string
	i, j := 0, 0
	prevAnchor := false // whether the last matched word was a content word
	for i < n && j < m {
		if a[i] == b[j] {
			prevAnchor = isContent(a[i])
			i++
			j++
			continue
		}
		// a gap: advance both sides to the next common word
		gi, gj := i, j
		for i < n && j < m && a[i] != b[j] {
			if t[i+1][j] >= t[i][j+1] {
				i++
			} else {
				j++
			}
		}
		if i == n || j == m {
			break // a slot must be closed by an anchor
		}
		if prevAnchor || isContent(a[i]) {
			if distinctContent(x, gi, i, y, gj, j) {
				out = append(out, [2][]string{a[gi:i], b[gj:j]})
			}
		}
	}
	return out
}

func isContent(w string) bool { return len(w) > 1 && !analyze.IsStopword(w) && !isDigits(w) }

// distinctContent reports whether the stretches x[i:j] and y[k:l] name one
// thing differently: each of one to maxSlotWords words, starting and
// ending with a content word, with no number, no word of a name (those
// are who or where, not how it is named) and no stem in common.
func distinctContent(x *sentence, i, j int, y *sentence, k, l int) bool {
	ok := func(s *sentence, i, j int) bool {
		if j-i < 1 || j-i > maxSlotWords || !isContent(s.lowers[i]) || !isContent(s.lowers[j-1]) {
			return false
		}
		for w := i; w < j; w++ {
			if isDigits(s.lowers[w]) || s.name[w] {
				return false
			}
		}
		return true
	}
	if !ok(x, i, j) || !ok(y, k, l) {
		return false
	}
	for _, st := range x.stems[i:j] {
		if isContent(st) && slices.Contains(y.stems[k:l], st) {
			return false
		}
	}
	return true
}
