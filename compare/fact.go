package compare

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// Feature weights, as multiples of a feature's IDF. Named things and
// numbers say more about which fact a sentence states than words do.
const (
	weightEntity  = 2.0
	weightNumber  = 2.0
	weightContext = 0.5 // the previous sentence's features, for a short sentence opening with a pronoun
	weightOwn     = 0.5 // a feature no other article of the story has: it cannot be shared, only dilute
)

// vec is a sentence's weighted features, sorted by feature id.
type vec struct {
	ids   []int32
	w     []float32
	total float64
}

// space interns features and weighs them against a background.
type space struct {
	ids     map[string]int32
	bg      *Background
	storyDF map[string]int // articles of the story holding a feature
	sentDF  map[string]int // sentences of the story holding a feature
	docs    int
}

func newSpace(bg *Background, docs []*doc) *space {
	sp := &space{ids: map[string]int32{}, bg: bg, storyDF: map[string]int{}, sentDF: map[string]int{}, docs: len(docs)}
	for _, d := range docs {
		seen := map[string]bool{}
		for _, s := range d.sentences {
			for _, k := range s.keys {
				sp.sentDF[k]++
				if !seen[k] {
					seen[k] = true
					sp.storyDF[k]++
				}
			}
		}
	}
	return sp
}

func (sp *space) id(key string) int32 {
	id, ok := sp.ids[key]
	if !ok {
		id = int32(len(sp.ids))
		sp.ids[key] = id
	}
	return id
}

// weight is a feature's weight in a sentence; named is the factor of a
// word of a name (see nameRuns), 0 for other words. Besides its IDF in
// the background, a feature weighs less the more sentences of the story
// hold it than the story has articles — the story's topic ("Putin",
// "summit") is in many sentences of every article and says little about
// which fact a sentence states, while a fact's own words are in about one
// sentence of each article that reports it — and less when no other
// article of the story has it.
func (sp *space) weight(key string, named float64) float64 {
	w := sp.bg.idf(key)
	if sp.docs >= 3 {
		if r := float64(sp.sentDF[key]) / float64(sp.docs); r > 1 {
			w /= math.Sqrt(r)
		}
		if sp.storyDF[key] <= 1 {
			w *= weightOwn
		}
	}
	switch {
	case strings.HasPrefix(key, entityPrefix):
		w *= weightEntity
	case strings.HasPrefix(key, numberPrefix):
		w *= weightNumber
	case named > 0:
		w *= named
	}
	return w
}

// vector builds the vector of a list of distinct keys; extra keys
// (context) weigh weightContext of their own weight and never replace a
// key.
func (sp *space) vector(keys []string, named map[string]float64, extra []string) vec {
	type feature struct {
		id  int32
		w   float64
		own bool
	}
	fs := make([]feature, 0, len(keys)+len(extra))
	for _, k := range keys {
		fs = append(fs, feature{sp.id(k), sp.weight(k, named[k]), true})
	}
	for _, k := range extra {
		fs = append(fs, feature{sp.id(k), weightContext * sp.weight(k, 0), false})
	}
	slices.SortFunc(fs, func(a, b feature) int {
		if a.id != b.id {
			return cmp.Compare(a.id, b.id)
		}
		if a.own != b.own {
			if a.own {
				return -1
			}
			return 1
		}
		return 0
	})
	v := vec{ids: make([]int32, 0, len(fs)), w: make([]float32, 0, len(fs))}
	for i, f := range fs {
		if i > 0 && fs[i-1].id == f.id {
			continue
		}
		v.ids = append(v.ids, f.id)
		v.w = append(v.w, float32(f.w))
		v.total += float64(float32(f.w))
	}
	return v
}

// similarity is the weighted Dice coefficient of two vectors: the weight
// of the features they share over the weight of all their features.
// Unlike a one-sided overlap it does not let a short sentence match every
// long one that happens to contain its few words.
func similarity(a, b *vec) float64 {
	if a.total == 0 || b.total == 0 {
		return 0
	}
	var shared float64
	i, j := 0, 0
	for i < len(a.ids) && j < len(b.ids) {
		switch {
		case a.ids[i] < b.ids[j]:
			i++
		case b.ids[j] < a.ids[i]:
			j++
		default:
			shared += float64(a.w[i]) + float64(b.w[j])
			i++
			j++
		}
	}
	return shared / (a.total + b.total)
}

// edgeFloor is the share of the threshold a pair's similarity needs for
// the pair to be kept at all; weaker pairs count as 0 in the averages.
const edgeFloor = 0.6

// edge is a similarity between two items worth keeping.
type edge struct {
	a, b int
	sim  float64
}

// candidateEdges scores the pairs of items from different groups that
// share at least one feature not found in most items, keeping those at
// least floor similar. Features in very many items (the story's main
// names) only add to a pair's score; they do not make it a candidate. The
// shared weight of the rarer features is summed from an inverted index
// first, and only a pair whose bound can reach floor is scored in full.
func candidateEdges(vecs []vec, features int, group []int, floor float64) []edge {
	type posting struct {
		item int32
		w    float32
	}
	// the posting lists, cut from one array
	size := make([]int, features)
	for i := range vecs {
		for _, id := range vecs[i].ids {
			size[id]++
		}
	}
	post := make([][]posting, features)
	flat := make([]posting, 0, len(vecs)*16)
	for id, n := range size {
		if len(flat)+n > cap(flat) {
			flat = make([]posting, 0, max(n, len(vecs)*16))
		}
		post[id] = flat[len(flat) : len(flat) : len(flat)+n]
		flat = flat[:len(flat)+n]
	}
	for i := range vecs {
		for k, id := range vecs[i].ids {
			post[id] = append(post[id], posting{int32(i), vecs[i].w[k]})
		}
	}
	maxPost := max(64, len(vecs)/8)
	// common[i] is the weight of item i's features too frequent to index
	common := make([]float64, len(vecs))
	for i := range vecs {
		for k, id := range vecs[i].ids {
			if len(post[id]) > maxPost {
				common[i] += float64(vecs[i].w[k])
			}
		}
	}
	acc := make([]float64, len(vecs))
	var touched []int32
	var edges []edge
	for i := range vecs {
		for k, id := range vecs[i].ids {
			p := post[id]
			if len(p) > maxPost {
				continue
			}
			for _, q := range p {
				j := q.item
				if int(j) <= i || group[j] == group[i] {
					continue
				}
				if acc[j] == 0 {
					touched = append(touched, j)
				}
				acc[j] += float64(vecs[i].w[k]) + float64(q.w)
			}
		}
		for _, j := range touched {
			bound := acc[j] + common[i] + common[j]
			acc[j] = 0
			if bound < floor*(vecs[i].total+vecs[j].total) {
				continue
			}
			if s := similarity(&vecs[i], &vecs[j]); s >= floor {
				edges = append(edges, edge{i, int(j), s})
			}
		}
		touched = touched[:0]
	}
	return edges
}

// link is a cluster's tie to a neighbour cluster: the sum of the
// similarities between their members.
type link struct {
	to  int32
	sum float64
}

// merge is a cluster's best merge: with partner, at mean similarity avg,
// valid while neither cluster has changed since (their stamps).
type merge struct {
	avg        float64
	c, partner int32
	sc, sp     int32
}

func (m merge) before(o merge) bool {
	if m.avg != o.avg {
		return m.avg > o.avg
	}
	mx, my := min(m.c, m.partner), max(m.c, m.partner)
	ox, oy := min(o.c, o.partner), max(o.c, o.partner)
	return mx < ox || (mx == ox && my < oy)
}

// mergeHeap is a binary heap of merges, best first.
type mergeHeap []merge

func (h *mergeHeap) push(m merge) {
	*h = append(*h, m)
	s := *h
	for i := len(s) - 1; i > 0; {
		p := (i - 1) / 2
		if !s[i].before(s[p]) {
			break
		}
		s[i], s[p] = s[p], s[i]
		i = p
	}
}

func (h *mergeHeap) pop() merge {
	s := *h
	top := s[0]
	n := len(s) - 1
	s[0] = s[n]
	s = s[:n]
	for i := 0; ; {
		l, best := 2*i+1, i
		if l < n && s[l].before(s[best]) {
			best = l
		}
		if l+1 < n && s[l+1].before(s[best]) {
			best = l + 1
		}
		if best == i {
			break
		}
		s[i], s[best] = s[best], s[i]
		i = best
	}
	*h = s
	return top
}

// averageLink clusters n items by average-link agglomeration over the
// sparse similarity graph (a pair without an edge counts 0): the two
// clusters with the highest mean similarity merge while it is at least
// threshold, and never when both hold an item of the same group — at
// most one sentence per article per fact. It returns the clusters'
// members, each sorted.
//
// Clusters are indexes; each keeps its neighbours as a short slice of
// links, its groups as a bitset, its best partner, and a stamp that a
// merge bumps. The heap holds clusters' best merges; one is stale when a
// stamp moved, and a cluster is pushed again only when its best partner
// changes, so the heap stays about as small as the number of clusters.
func averageLink(n int, group []int, edges []edge, threshold float64) [][]int {
	groups := 0
	for _, g := range group {
		groups = max(groups, g+1)
	}
	words := (groups + 63) / 64
	bits := make([]uint64, n*words)
	set := func(c int) []uint64 { return bits[c*words : (c+1)*words] }
	members := make([][]int, n)
	links := make([][]link, n)
	stamp := make([]int32, n)
	alive := make([]bool, n)
	best := make([]merge, n)
	for i := range n {
		members[i] = []int{i}
		set(i)[group[i]/64] |= 1 << (group[i] % 64)
		alive[i] = true
	}
	for _, e := range edges {
		links[e.a] = append(links[e.a], link{int32(e.b), e.sim})
		links[e.b] = append(links[e.b], link{int32(e.a), e.sim})
	}
	overlap := func(a, b int) bool {
		x, y := set(a), set(b)
		for i := range x {
			if x[i]&y[i] != 0 {
				return true
			}
		}
		return false
	}
	// candidate is c's merge with neighbour k, ok when it may happen
	candidate := func(c int, l link) (merge, bool) {
		k := int(l.to)
		avg := l.sum / float64(len(members[c])*len(members[k]))
		if avg < threshold || overlap(c, k) {
			return merge{}, false
		}
		return merge{avg, int32(c), l.to, stamp[c], stamp[k]}, true
	}
	h := mergeHeap{}
	// rebest recomputes c's best merge and pushes it
	rebest := func(c int) {
		best[c] = merge{partner: -1}
		for _, l := range links[c] {
			if m, ok := candidate(c, l); ok && (best[c].partner < 0 || m.before(best[c])) {
				best[c] = m
			}
		}
		if best[c].partner >= 0 {
			h.push(best[c])
		}
	}
	for i := range n {
		rebest(i)
	}
	pos := make([]int32, n) // scratch: 1 + index of a neighbour in the merged links
	for len(h) > 0 {
		m := h.pop()
		a, b := int(min(m.c, m.partner)), int(max(m.c, m.partner))
		if !alive[a] || !alive[b] || stamp[m.c] != m.sc || stamp[m.partner] != m.sp {
			continue
		}
		// b joins a
		alive[b] = false
		stamp[a]++
		members[a] = append(members[a], members[b]...)
		members[b] = nil
		x, y := set(a), set(b)
		for i := range x {
			x[i] |= y[i]
		}
		merged := make([]link, 0, len(links[a])+len(links[b]))
		for _, l := range links[a] {
			if int(l.to) != b {
				pos[l.to] = int32(len(merged)) + 1
				merged = append(merged, l)
			}
		}
		for _, l := range links[b] {
			k := int(l.to)
			if k == a {
				continue
			}
			if p := pos[k]; p > 0 {
				merged[p-1].sum += l.sum
				relink(&links[k], int32(b), int32(a), true)
			} else {
				merged = append(merged, l)
				relink(&links[k], int32(b), int32(a), false)
			}
		}
		for _, l := range merged {
			pos[l.to] = 0
		}
		links[a], links[b] = merged, nil
		rebest(a)
		// a neighbour whose best was a or b looks again; another takes a
		// when a now beats its best
		for _, l := range merged {
			k := int(l.to)
			if p := int(best[k].partner); p == a || p == b {
				rebest(k)
				continue
			}
			back := link{int32(a), l.sum}
			if cm, ok := candidate(k, back); ok && (best[k].partner < 0 || cm.before(best[k])) {
				best[k] = cm
				h.push(cm)
			}
		}
	}
	var out [][]int
	for i := range n {
		if alive[i] {
			slices.Sort(members[i])
			out = append(out, members[i])
		}
	}
	return out
}

// relink moves a cluster's link to old onto new: added to its existing
// link to new when it has one (both), renamed otherwise.
func relink(ls *[]link, old, new int32, both bool) {
	s := *ls
	oi, ni := -1, -1
	for i, l := range s {
		switch l.to {
		case old:
			oi = i
		case new:
			ni = i
		}
	}
	if oi < 0 {
		return
	}
	if !both || ni < 0 {
		s[oi].to = new
		return
	}
	s[ni].sum += s[oi].sum
	s[oi] = s[len(s)-1]
	*ls = s[:len(s)-1]
}

// alignFacts aligns the story's sentences into facts.
func alignFacts(docs []*doc, sp *space, threshold float64) []Fact {
	var sents []*sentence
	for _, d := range docs {
		sents = append(sents, d.sentences...)
	}
	vecs := make([]vec, len(sents))
	group := make([]int, len(sents))
	for i, s := range sents {
		var extra []string
		if s.anaphoric && s.pos > 0 {
			extra = docs[s.doc].sentences[s.pos-1].keys
		}
		vecs[i] = sp.vector(s.keys, s.named, extra)
		group[i] = s.doc
	}
	edges := candidateEdges(vecs, len(sp.ids), group, threshold*edgeFloor)
	clusters := averageLink(len(sents), group, edges, threshold)

	// centrality: each sentence's summed similarity to its fact's others
	where := make([]int, len(sents))
	for ci, c := range clusters {
		for _, m := range c {
			where[m] = ci
		}
	}
	central := make([]float64, len(sents))
	for _, e := range edges {
		if where[e.a] == where[e.b] {
			central[e.a] += e.sim
			central[e.b] += e.sim
		}
	}
	facts := make([]Fact, 0, len(clusters))
	first := make(map[int]int, len(clusters)) // fact index → first sentence, for story order
	for _, c := range clusters {
		label := c[0]
		for _, m := range c[1:] {
			if central[m] > central[label] || (central[m] == central[label] && len(sents[m].text) < len(sents[label].text)) {
				label = m
			}
		}
		f := Fact{Label: sents[label].text, Weight: vecs[label].total}
		seen := map[string]bool{}
		for _, m := range c {
			s := sents[m]
			d := docs[s.doc]
			f.Sentences = append(f.Sentences, SentenceRef{Article: d.article.ID, Outlet: d.outlet, Paragraph: s.para, Start: s.start, End: s.end, Text: s.text})
			if !seen[d.outlet] {
				seen[d.outlet] = true
				f.Outlets = append(f.Outlets, d.outlet)
			}
		}
		first[len(facts)] = c[0]
		facts = append(facts, f)
	}
	order := make([]int, len(facts))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int {
		fx, fy := &facts[x], &facts[y]
		return cmp.Or(
			cmp.Compare(len(fy.Outlets), len(fx.Outlets)),
			cmp.Compare(len(fy.Sentences), len(fx.Sentences)),
			cmp.Compare(fy.Weight, fx.Weight),
			cmp.Compare(first[x], first[y]),
		)
	})
	out := make([]Fact, len(facts))
	for i, x := range order {
		out[i] = facts[x]
		out[i].ID = i + 1
	}
	return out
}
