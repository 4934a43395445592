package compare

import (
	"cmp"
	"container/heap"
	"slices"
)

// Feature weights, as multiples of a feature's IDF. Named things and
// numbers say more about which fact a sentence states than words do.
const (
	weightEntity  = 2.0
	weightNumber  = 2.0
	weightContext = 0.5 // the previous sentence's features, for a short sentence opening with a pronoun
	weightSynonym = 0.8 // a feature matched by a synonym rather than by itself
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
	syn     [][]int32 // per feature id: ids of its synonyms seen in the story
	bg      *Background
	storyDF map[string]int // articles of the story holding a feature
	docs    int
}

// topicDiscount is how much less a feature found in every article of the
// story weighs than one found in a single article: the story's topic
// ("Putin", "summit") says little about which of its facts a sentence
// states.
const topicDiscount = 0.75

func newSpace(bg *Background, docs []*doc) *space {
	sp := &space{ids: map[string]int32{}, bg: bg, storyDF: map[string]int{}, docs: len(docs)}
	for _, d := range docs {
		seen := map[string]bool{}
		for _, s := range d.sentences {
			for _, k := range s.keys {
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
// word of a name (see nameRuns), 0 for other words.
func (sp *space) weight(key string, named float64) float64 {
	w := sp.bg.idf(key)
	if sp.docs >= 3 {
		if df := sp.storyDF[key]; df > 1 {
			w *= 1 - topicDiscount*float64(df-1)/float64(sp.docs-1)
		}
	}
	switch {
	case len(key) > len(entityPrefix) && key[:len(entityPrefix)] == entityPrefix:
		w *= weightEntity
	case len(key) > len(numberPrefix) && key[:len(numberPrefix)] == numberPrefix:
		w *= weightNumber
	case named > 0:
		w *= named
	}
	return w
}

// vector builds the vector of a list of keys; extra keys (context) weigh
// weightContext of their own weight and never replace a key.
func (sp *space) vector(keys []string, named map[string]float64, extra []string) vec {
	m := make(map[int32]float64, len(keys)+len(extra))
	for _, k := range keys {
		m[sp.id(k)] = sp.weight(k, named[k])
	}
	for _, k := range extra {
		if id := sp.id(k); m[id] == 0 {
			m[id] = weightContext * sp.weight(k, 0)
		}
	}
	v := vec{ids: make([]int32, 0, len(m)), w: make([]float32, 0, len(m))}
	for id := range m {
		v.ids = append(v.ids, id)
	}
	slices.Sort(v.ids)
	for _, id := range v.ids {
		v.w = append(v.w, float32(m[id]))
		v.total += m[id]
	}
	return v
}

// has reports whether v holds feature id.
func (v *vec) has(id int32) bool {
	_, ok := slices.BinarySearch(v.ids, id)
	return ok
}

// similarity is the weighted Dice coefficient of two vectors: the weight
// of the features they share over the weight of all their features, where
// a feature matched only by a synonym counts weightSynonym. Unlike a
// one-sided overlap it does not let a short sentence match every long one
// that happens to contain its few words.
func (sp *space) similarity(a, b *vec) float64 {
	if a.total == 0 || b.total == 0 {
		return 0
	}
	var shared float64
	i, j := 0, 0
	for i < len(a.ids) || j < len(b.ids) {
		switch {
		case j == len(b.ids) || (i < len(a.ids) && a.ids[i] < b.ids[j]):
			shared += sp.synonymMatch(a.ids[i], b) * float64(a.w[i])
			i++
		case i == len(a.ids) || b.ids[j] < a.ids[i]:
			shared += sp.synonymMatch(b.ids[j], a) * float64(b.w[j])
			j++
		default:
			shared += float64(a.w[i]) + float64(b.w[j])
			i++
			j++
		}
	}
	return shared / (a.total + b.total)
}

// synonymMatch is weightSynonym when a synonym of feature id is in v.
func (sp *space) synonymMatch(id int32, v *vec) float64 {
	if int(id) >= len(sp.syn) {
		return 0
	}
	for _, s := range sp.syn[id] {
		if v.has(s) {
			return weightSynonym
		}
	}
	return 0
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
func (sp *space) candidateEdges(vecs []vec, group []int, floor float64) []edge {
	type posting struct {
		item int32
		w    float32
	}
	post := map[int32][]posting{}
	for i := range vecs {
		for k, id := range vecs[i].ids {
			post[id] = append(post[id], posting{int32(i), vecs[i].w[k]})
			if int(id) < len(sp.syn) {
				for _, s := range sp.syn[id] {
					post[s] = append(post[s], posting{int32(i), weightSynonym * vecs[i].w[k]})
				}
			}
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
			if s := sp.similarity(&vecs[i], &vecs[j]); s >= floor {
				edges = append(edges, edge{i, int(j), s})
			}
		}
		touched = touched[:0]
	}
	return edges
}

// cluster is a group of items being merged by average link.
type cluster struct {
	members []int
	groups  map[int]bool    // the groups (articles) its members come from
	links   map[int]float64 // neighbour cluster → sum of similarities between their members
	alive   bool
}

type merge struct {
	avg        float64
	a, b       int
	sizeA, szB int
}

type mergeHeap []merge

func (h mergeHeap) Len() int { return len(h) }
func (h mergeHeap) Less(i, j int) bool {
	if h[i].avg != h[j].avg {
		return h[i].avg > h[j].avg
	}
	return h[i].a < h[j].a || (h[i].a == h[j].a && h[i].b < h[j].b)
}
func (h mergeHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *mergeHeap) Push(x any)   { *h = append(*h, x.(merge)) }
func (h *mergeHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// averageLink clusters n items by average-link agglomeration over the
// sparse similarity graph (a pair without an edge counts 0): the two
// clusters with the highest mean similarity merge while it is at least
// threshold, and never when both hold an item of the same group — at
// most one sentence per article per fact. It returns the clusters'
// members, each sorted.
func averageLink(n int, group []int, edges []edge, threshold float64) [][]int {
	cs := make([]*cluster, n)
	for i := range cs {
		cs[i] = &cluster{members: []int{i}, groups: map[int]bool{group[i]: true}, links: map[int]float64{}, alive: true}
	}
	h := &mergeHeap{}
	for _, e := range edges {
		cs[e.a].links[e.b] += e.sim
		cs[e.b].links[e.a] += e.sim
	}
	for i, c := range cs {
		for j, s := range c.links {
			if j > i && s >= threshold {
				*h = append(*h, merge{s, i, j, 1, 1})
			}
		}
	}
	heap.Init(h)
	for h.Len() > 0 {
		m := heap.Pop(h).(merge)
		a, b := cs[m.a], cs[m.b]
		if !a.alive || !b.alive || len(a.members) != m.sizeA || len(b.members) != m.szB {
			continue
		}
		if overlap(a.groups, b.groups) {
			continue
		}
		// b joins a
		b.alive = false
		a.members = append(a.members, b.members...)
		for g := range b.groups {
			a.groups[g] = true
		}
		delete(a.links, m.b)
		for k, s := range b.links {
			if k == m.a {
				continue
			}
			a.links[k] += s
			nb := cs[k]
			nb.links[m.a] += nb.links[m.b]
			delete(nb.links, m.b)
		}
		b.links = nil
		for k, s := range a.links {
			nb := cs[k]
			avg := s / float64(len(a.members)*len(nb.members))
			if avg >= threshold && !overlap(a.groups, nb.groups) {
				x, y := m.a, k
				sx, sy := len(a.members), len(nb.members)
				if x > y {
					x, y, sx, sy = y, x, sy, sx
				}
				heap.Push(h, merge{avg, x, y, sx, sy})
			}
		}
	}
	var out [][]int
	for _, c := range cs {
		if c.alive {
			slices.Sort(c.members)
			out = append(out, c.members)
		}
	}
	return out
}

func overlap(a, b map[int]bool) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	for g := range a {
		if b[g] {
			return true
		}
	}
	return false
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
	edges := sp.candidateEdges(vecs, group, threshold*edgeFloor)
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
