package group

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/analyze"
)

// Options tune a [Grouper]. Zero fields take the defaults.
type Options struct {
	// Threshold is the cosine similarity between an article and a story's
	// centroid at which the article joins the story.
	Threshold float64
	// MaxGapDays: an article dated more than this many days from every
	// dated article of a story is not compared with it.
	MaxGapDays float64
	// FullDays and HalfLifeDays shape how similarity fades with the gap in
	// time: full within FullDays, halving every HalfLifeDays after.
	FullDays, HalfLifeDays float64
	// MaxActive bounds memory: beyond this many stories, the least recently
	// joined stops taking new articles.
	MaxActive int
	// TitleWeight is the share of the similarity that comes from the best
	// match between the article's title and a story article's title (the
	// rest from the whole text).
	TitleWeight float64
	// UndatedThreshold replaces Threshold when the article or the story is
	// undated: without dates to compare, an article about the same people
	// but another event is easily taken for the story, so it needs more.
	UndatedThreshold float64
	// NearCopy is the estimated shingle resemblance at which an article is
	// a near-copy of another; Copy the one at which it is a copy.
	NearCopy, Copy float64
	// CopyWindow bounds the memory of copy detection: an article is
	// compared with the last CopyWindow articles added (of stories still
	// active), not with older ones.
	CopyWindow int
}

// Defaults.
const (
	DefaultThreshold  = 0.24
	DefaultUndated    = 0.55
	DefaultTitle      = 0.35
	DefaultMaxGapDays = 45
	DefaultFullDays   = 3
	DefaultHalfLife   = 18
	DefaultMaxActive  = 5000
	DefaultNearCopy   = 0.5
	DefaultCopy       = 0.9
	DefaultCopyWindow = 1 << 15
	// rewriteResemblance is the lower bar for an article in disguised text:
	// disguise and rewording go together.
	rewriteResemblance = 0.15
)

func (o *Options) defaults() {
	if o.TitleWeight <= 0 {
		o.TitleWeight = DefaultTitle
	}
	if o.UndatedThreshold <= 0 {
		o.UndatedThreshold = DefaultUndated
	}
	if o.Threshold <= 0 {
		o.Threshold = DefaultThreshold
	}
	if o.MaxGapDays <= 0 {
		o.MaxGapDays = DefaultMaxGapDays
	}
	if o.FullDays <= 0 {
		o.FullDays = DefaultFullDays
	}
	if o.HalfLifeDays <= 0 {
		o.HalfLifeDays = DefaultHalfLife
	}
	if o.MaxActive <= 0 {
		o.MaxActive = DefaultMaxActive
	}
	if o.NearCopy <= 0 {
		o.NearCopy = DefaultNearCopy
	}
	if o.Copy <= 0 {
		o.Copy = DefaultCopy
	}
	if o.CopyWindow <= 0 {
		o.CopyWindow = DefaultCopyWindow
	}
}

// Decision is what the grouper decided for one article.
type Decision struct {
	ArticleID string
	StoryID   string
	New       bool              // the article started the story
	Signals   []parallax.Signal // copy-of, near-copy-of, rewrite-of
}

// Grouper groups articles into stories, one article at a time. It is not
// safe for concurrent use.
//
// Its memory does not grow with the corpus: terms are kept as 64-bit
// hashes in a table of bounded size (see docFreq), at most MaxActive
// stories are candidates (each with a centroid of at most centroidKeys
// terms), retired stories leave the index every MaxActive/8 retirements,
// and copy detection keeps the last CopyWindow articles. Only the article
// lists of the active stories grow — with the stories, as they must to be
// stored.
type Grouper struct {
	opts Options

	df   docFreq // documents per term, for IDF weights
	docs int

	stories  map[string]*story
	active   int
	newest   *story              // the active stories, most recently joined first,
	oldest   *story              // linked through story.older and story.newer
	postings map[uint64][]*story // salient term → stories indexed under it
	sinceGC  int
	changed  map[string]*story

	// Copy detection: the last CopyWindow articles in a ring by serial,
	// and the LSH buckets, chained through them from their latest member:
	// heads holds, per band, slots indexed by bucket key, each the serial
	// of the latest member of the buckets in the slot.
	ring   []member
	heads  []int64
	serial int64
}

type story struct {
	id           string
	centroid     []weighted // the sum of its articles' vectors, by term hash, trimmed to the heaviest terms
	norm         float64    // |centroid|, kept up to date
	keys         []uint64   // terms it is indexed under, sorted
	labels       []label    // its heaviest terms with their text, heaviest first, for display
	first        time.Time
	last         time.Time
	active       bool
	newer, older *story // neighbours in the list of active stories
	articles     []string
	headline     string
	titles       []titleSet // of its latest articles, distinct
	outlets      map[string]bool
	members      []int64 // serials of its articles in the copy window
}

// weighted is a term's weight in a vector, the term known by its hash.
type weighted struct {
	h uint64
	w float64
}

type label struct {
	h    uint64
	term string
	w    float64 // as of the last join
}

// vec is an article's unit TF-IDF vector, sorted by term hash, with the
// terms' text.
type vec struct {
	ws    []weighted
	terms []string
}

// titleSet is the content stems of a title, for titleSim.
type titleSet struct {
	keys  []uint64 // hashes of the stems' keys, sorted
	norm2 float64  // sum of the keys' squared IDF weights, as of docs documents
	docs  int
}

type member struct {
	serial int64
	id     string
	story  *story // nil once the story retired
	sig    [minHashSize]uint32
	next   [bandsCount]int64 // serial of the member before it in each band's slot
}

// New returns an empty grouper.
func New(opts Options) *Grouper {
	opts.defaults()
	return &Grouper{
		opts:     opts,
		df:       docFreq{maxSlots: maxDocFreqSlots},
		stories:  map[string]*story{},
		postings: map[uint64][]*story{},
		changed:  map[string]*story{},
	}
}

// Observe counts an article's terms for the document frequencies. Call it
// for every article of the corpus before Add and Replay, so that a term's
// weight does not depend on where in the stream an article comes.
func (g *Grouper) Observe(fp *parallax.Fingerprint) {
	if fp == nil {
		return
	}
	g.docs++
	for _, t := range fp.Terms {
		g.df.add(termHash(t))
	}
}

// keyWeight is how much a kind of term counts: names and entities say
// more about which event a text reports than ordinary words.
func keyWeight(k string) float64 {
	switch k[:2] {
	case keyName, keyEntity:
		return 2
	case keyNumber:
		return 1.5
	}
	return 1
}

// idf weighs a term by how few documents of the corpus contain it.
func (g *Grouper) idf(h uint64) float64 {
	return math.Log(1 + float64(g.docs)/float64(max(g.df.get(h), 1)))
}

// vector is an article's unit TF-IDF vector.
func (g *Grouper) vector(fp *parallax.Fingerprint) vec {
	type term struct {
		weighted
		text string
	}
	ts := make([]term, 0, len(fp.Terms))
	var norm float64
	for i, t := range fp.Terms {
		h := termHash(t)
		df := g.df.get(h)
		if df < 2 {
			continue // in no other article: it cannot match, and would only dilute the rest
		}
		w := (1 + math.Log(float64(fp.Counts[i]))) * math.Log(1+float64(g.docs)/float64(df)) * keyWeight(t)
		ts = append(ts, term{weighted{h, w}, t})
		norm += w * w
	}
	norm = math.Sqrt(norm)
	slices.SortFunc(ts, func(a, b term) int { return cmp.Compare(a.h, b.h) })
	v := vec{ws: make([]weighted, len(ts)), terms: make([]string, len(ts))}
	for i, t := range ts {
		v.ws[i], v.terms[i] = t.weighted, t.text
		if norm > 0 {
			v.ws[i].w /= norm
		}
	}
	return v
}

// heaviest returns the n heaviest terms of a vector, heaviest first, ties
// broken by hash.
func heaviest(ws []weighted, n int) []weighted {
	s := slices.Clone(ws)
	slices.SortFunc(s, byWeight)
	return s[:min(n, len(s))]
}

func byWeight(a, b weighted) int {
	if a.w != b.w {
		return cmp.Compare(b.w, a.w)
	}
	return cmp.Compare(a.h, b.h)
}

func byHash(a, b weighted) int { return cmp.Compare(a.h, b.h) }

// dot is the dot product of two vectors sorted by hash.
func dot(a, b []weighted) float64 {
	var sum float64
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].h < b[j].h:
			i++
		case a[i].h > b[j].h:
			j++
		default:
			sum += a[i].w * b[j].w
			i++
			j++
		}
	}
	return sum
}

const (
	lookupKeys    = 20 // an article's keys looked up in the index
	indexKeys     = 60 // a story's keys it is indexed under
	maxCandidates = 30 // stories scored per article
	// maxPostingScan is how many of a term's most recent stories are
	// looked at.
	maxPostingScan = 64
	// maxBucketScan is how many of an LSH bucket's latest members are
	// compared with a new article.
	maxBucketScan = 64
	centroidKeys  = 200 // terms a story's centroid keeps
	// maxStoryKeys bounds the keys a story is indexed under: beyond, the
	// keys its centroid no longer holds are dropped.
	maxStoryKeys = 4 * indexKeys
	displayTerms = 8                // terms a story shows
	labelKeys    = 4 * displayTerms // heaviest terms whose text a story keeps
	maxTitles    = 32               // distinct titles a story compares with
)

// Add decides the story of a new article.
func (g *Grouper) Add(a *parallax.Article) Decision {
	d := Decision{ArticleID: a.ID}
	fp := a.Fingerprint
	if fp == nil {
		fp = &parallax.Fingerprint{}
	}
	v := g.vector(fp)
	title := titleKeys(a.Title)

	// A copy of an article joins its story.
	var target *story
	if best, res := g.nearestCopy(fp.MinHash); best != nil {
		disguised := hasSignal(a, "disguised-text")
		kind := ""
		switch {
		case res >= g.opts.NearCopy && disguised:
			kind = "rewrite-of" // a copy in look-alike letters is a disguised rewrite
		case res >= g.opts.Copy:
			kind = "copy-of"
		case res >= g.opts.NearCopy:
			kind = "near-copy-of"
		}
		if kind != "" {
			d.Signals = append(d.Signals, parallax.Signal{Kind: kind, Detail: best.id, Count: int(res * 100)})
			target = best.story
		}
	}
	if target == nil {
		target = g.bestStory(a, v, title)
	}
	if target != nil && hasSignal(a, "disguised-text") && len(d.Signals) == 0 {
		// A disguised text that joins a story is a rewrite of its closest member.
		if m, res := g.closestMember(target, fp.MinHash); m != nil && res >= rewriteResemblance {
			d.Signals = append(d.Signals, parallax.Signal{Kind: "rewrite-of", Detail: m.id, Count: int(res * 100)})
		}
	}
	if target == nil {
		target = g.newStory(storyID(a.ID))
		d.New = true
	}
	g.join(target, a, v, title, fp.MinHash)
	d.StoryID = target.id
	return d
}

// Replay adds an article already grouped into storyID, without deciding:
// it rebuilds the state an earlier run left.
func (g *Grouper) Replay(a *parallax.Article, storyID string) {
	fp := a.Fingerprint
	if fp == nil {
		fp = &parallax.Fingerprint{}
	}
	st, ok := g.stories[storyID]
	if !ok {
		st = g.newStory(storyID)
	} else if !st.active {
		g.revive(st)
	}
	g.join(st, a, g.vector(fp), titleKeys(a.Title), fp.MinHash)
	delete(g.changed, st.id) // replayed stories are stored as they are
}

func hasSignal(a *parallax.Article, kind string) bool {
	for _, s := range a.Signals {
		if s.Kind == kind {
			return true
		}
	}
	return false
}

// bestStory returns the most similar candidate story at or above the
// threshold, or nil.
func (g *Grouper) bestStory(a *parallax.Article, v vec, title titleSet) *story {
	hits := map[*story]int{}
	for _, k := range heaviest(v.ws, lookupKeys) {
		// Postings are in the order stories were indexed: the latest are
		// the likeliest candidates, and scanning only them keeps the cost
		// of a common term flat however large the corpus grows.
		ps := g.postings[k.h]
		for _, st := range ps[max(0, len(ps)-maxPostingScan):] {
			if st.active {
				hits[st]++
			}
		}
	}
	// The candidates are the stories with the most hits: a story is hit at
	// most lookupKeys times, so bucket them by count rather than sort every
	// story hit.
	var byHits [lookupKeys + 1][]*story
	for st, n := range hits {
		byHits[n] = append(byHits[n], st)
	}
	cands := make([]*story, 0, maxCandidates)
	for n := lookupKeys; n >= 1 && len(cands) < maxCandidates; n-- {
		bucket := byHits[n]
		if len(bucket) > maxCandidates-len(cands) {
			sort.Slice(bucket, func(i, j int) bool { return bucket[i].id < bucket[j].id })
			bucket = bucket[:maxCandidates-len(cands)]
		}
		cands = append(cands, bucket...)
	}
	titleW := g.titleWeights(title)
	var best *story
	var bestSim float64
	for _, st := range cands {
		factor := g.timeFactor(a.Published, st)
		if factor == 0 {
			continue
		}
		ts := g.titleSim(title, titleW, st)
		sim := factor * ((1-g.opts.TitleWeight)*dot(v.ws, st.centroid)/st.norm + g.opts.TitleWeight*ts)
		threshold := g.opts.Threshold
		if a.Published.IsZero() || st.first.IsZero() {
			threshold = max(threshold, g.opts.UndatedThreshold)
		}
		if sim < threshold {
			continue
		}
		if best == nil || sim > bestSim || sim == bestSim && st.id < best.id {
			best, bestSim = st, sim
		}
	}
	return best
}

// timeFactor scales similarity by the distance in time between an article
// and a story's dated articles: 1 within FullDays, then decaying
// exponentially (halving every HalfLifeDays), 0 beyond MaxGapDays. An
// undated article or story is not penalised.
func (g *Grouper) timeFactor(date parallax.Date, st *story) float64 {
	if date.IsZero() || st.first.IsZero() {
		return 1
	}
	t := date.Time
	var gap time.Duration
	switch {
	case t.Before(st.first):
		gap = st.first.Sub(t)
	case t.After(st.last):
		gap = t.Sub(st.last)
	}
	days := gap.Hours() / 24
	switch {
	case days <= g.opts.FullDays:
		return 1
	case days > g.opts.MaxGapDays:
		return 0
	}
	return math.Exp2(-(days - g.opts.FullDays) / g.opts.HalfLifeDays)
}

func storyID(firstArticle string) string {
	sum := sha256.Sum256([]byte("story:" + firstArticle))
	return "s" + hex.EncodeToString(sum[:6])
}

func (g *Grouper) newStory(id string) *story {
	st := &story{id: id, outlets: map[string]bool{}, active: true}
	g.stories[st.id] = st
	g.active++
	return st
}

// revive makes a retired story, not yet stored, active again. Its
// centroid, index keys and titles went when it retired: it starts them
// anew.
func (g *Grouper) revive(st *story) {
	st.active = true
	g.active++
}

// join adds an article to a story: its centroid, index keys, dates,
// titles, signature, and recency.
func (g *Grouper) join(st *story, a *parallax.Article, v vec, title titleSet, sig []uint32) {
	st.centroid = addVector(st.centroid, v.ws)
	var norm float64
	for _, e := range st.centroid {
		norm += e.w * e.w
	}
	st.norm = math.Sqrt(norm)
	if st.norm == 0 {
		st.norm = 1
	}
	top := heaviest(st.centroid, max(indexKeys, labelKeys))
	g.index(st, top[:min(indexKeys, len(top))])
	st.labels = labels(top[:min(labelKeys, len(top))], st.labels, v)
	if !a.Published.IsZero() {
		t := a.Published.Time
		if st.first.IsZero() || t.Before(st.first) {
			st.first = t
		}
		if t.After(st.last) {
			st.last = t
		}
	}
	st.articles = append(st.articles, a.ID)
	if st.headline == "" {
		st.headline = a.Title
	}
	st.addTitle(title)
	if a.Outlet != nil && a.Outlet.Name != "" {
		st.outlets[a.Outlet.Name] = true
	}
	g.touch(st)
	g.changed[st.id] = st
	if len(sig) == minHashSize {
		g.remember(st, a.ID, sig)
	}
	g.evict()
}

// addVector adds an article's vector to a centroid, both sorted by hash,
// and keeps the centroidKeys heaviest terms.
func addVector(c, v []weighted) []weighted {
	out := make([]weighted, 0, len(c)+len(v))
	i, j := 0, 0
	for i < len(c) || j < len(v) {
		switch {
		case j == len(v) || i < len(c) && c[i].h < v[j].h:
			out = append(out, c[i])
			i++
		case i == len(c) || v[j].h < c[i].h:
			out = append(out, v[j])
			j++
		default:
			out = append(out, weighted{c[i].h, c[i].w + v[j].w})
			i++
			j++
		}
	}
	if len(out) > centroidKeys {
		slices.SortFunc(out, byWeight)
		out = slices.Clone(out[:centroidKeys])
		slices.SortFunc(out, byHash)
	}
	return out
}

// index adds a story to the postings of its salient terms it is not yet
// indexed under. Beyond maxStoryKeys keys, those its centroid dropped go.
func (g *Grouper) index(st *story, salient []weighted) {
	for _, k := range salient {
		if i, found := slices.BinarySearch(st.keys, k.h); !found {
			st.keys = slices.Insert(st.keys, i, k.h)
			g.postings[k.h] = append(g.postings[k.h], st)
		}
	}
	if len(st.keys) <= maxStoryKeys {
		return
	}
	kept := st.keys[:0]
	for _, k := range st.keys {
		if _, found := slices.BinarySearchFunc(st.centroid, k, func(e weighted, h uint64) int { return cmp.Compare(e.h, h) }); found {
			kept = append(kept, k)
			continue
		}
		ps := g.postings[k]
		if i := slices.Index(ps, st); i >= 0 {
			ps = slices.Delete(ps, i, i+1)
		}
		if len(ps) == 0 {
			delete(g.postings, k)
		} else {
			g.postings[k] = ps
		}
	}
	st.keys = slices.Clone(kept)
}

// labels returns the heaviest terms with their text, from the story's
// earlier labels or the joining article, heaviest first, ties by text. A
// term only rises among the heaviest when an article that holds it joins,
// so its text is always at hand.
func labels(top []weighted, old []label, v vec) []label {
	out := make([]label, 0, len(top))
	for _, k := range top {
		if i := slices.IndexFunc(old, func(l label) bool { return l.h == k.h }); i >= 0 {
			out = append(out, label{k.h, old[i].term, k.w})
		} else if i, found := slices.BinarySearchFunc(v.ws, k.h, func(e weighted, h uint64) int { return cmp.Compare(e.h, h) }); found {
			out = append(out, label{k.h, v.terms[i], k.w})
		}
	}
	slices.SortFunc(out, func(a, b label) int {
		if a.w != b.w {
			return cmp.Compare(b.w, a.w)
		}
		return strings.Compare(a.term, b.term)
	})
	return out
}

// addTitle keeps a title's set among the story's latest maxTitles distinct
// ones.
func (st *story) addTitle(t titleSet) {
	if len(t.keys) == 0 {
		return
	}
	if i := slices.IndexFunc(st.titles, func(o titleSet) bool { return slices.Equal(o.keys, t.keys) }); i >= 0 {
		st.titles = slices.Delete(st.titles, i, i+1)
	} else if len(st.titles) == maxTitles {
		st.titles = slices.Delete(st.titles, 0, 1)
	}
	st.titles = append(st.titles, t)
}

// touch makes a story the most recently joined.
func (g *Grouper) touch(st *story) {
	if g.newest == st {
		return
	}
	g.unlink(st)
	st.older = g.newest
	if g.newest != nil {
		g.newest.newer = st
	}
	g.newest = st
	if g.oldest == nil {
		g.oldest = st
	}
}

// unlink takes a story out of the list of active stories.
func (g *Grouper) unlink(st *story) {
	if st.newer != nil {
		st.newer.older = st.older
	} else if g.newest == st {
		g.newest = st.older
	}
	if st.older != nil {
		st.older.newer = st.newer
	} else if g.oldest == st {
		g.oldest = st.newer
	}
	st.newer, st.older = nil, nil
}

// LSH layout: 16 bands of 4 rows find pairs of resemblance 0.5 with
// probability 0.65 and 0.8 with probability 0.999.
const (
	bandsCount = 16
	bandRows   = minHashSize / bandsCount
)

func bandKey(sig []uint32, b int) uint64 {
	var buf [4*bandRows + 1]byte
	buf[0] = byte(b)
	for i := 0; i < bandRows; i++ {
		binary.LittleEndian.PutUint32(buf[1+4*i:], sig[b*bandRows+i])
	}
	return mix(uint64(b)) ^ hashBytes(buf[:])
}

func hashBytes(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// remember puts an article's signature in the copy window and its LSH
// buckets, in place of the article that leaves the window.
func (g *Grouper) remember(st *story, id string, sig []uint32) {
	g.serial++
	s, window := g.serial, int64(g.opts.CopyWindow)
	if g.heads == nil {
		// Twice as many slots as the window (or the corpus, if smaller)
		// has articles: few buckets share a slot.
		n := 1 << bits.Len(uint(2*min(window, max(int64(g.docs), 512))-1))
		g.heads = make([]int64, bandsCount*n)
	}
	if int64(len(g.ring)) < window {
		g.ring = append(g.ring, member{})
	}
	m := &g.ring[(s-1)%window]
	*m = member{serial: s, id: id, story: st}
	copy(m.sig[:], sig)
	for b := 0; b < bandsCount; b++ {
		head := &g.heads[g.slot(bandKey(sig, b), b)]
		m.next[b] = *head
		*head = s
	}
	st.members = append(st.members, s)
	if i := slices.IndexFunc(st.members, func(s int64) bool { return g.member(s) != nil }); i > 0 {
		st.members = slices.Delete(st.members, 0, i)
	}
}

// slot is where band b's bucket key is chained from in heads.
func (g *Grouper) slot(key uint64, b int) int {
	n := len(g.heads) / bandsCount
	return b*n + int(key)&(n-1)
}

// member returns the article of a serial if it is still in the copy
// window, or nil.
func (g *Grouper) member(s int64) *member {
	window := int64(g.opts.CopyWindow)
	if s <= 0 || s <= g.serial-window {
		return nil
	}
	return &g.ring[(s-1)%window]
}

// nearestCopy returns the article in the copy window whose signature
// resembles sig most, among those sharing an LSH band, with the
// resemblance.
func (g *Grouper) nearestCopy(sig []uint32) (*member, float64) {
	if len(sig) != minHashSize || g.heads == nil {
		return nil, 0
	}
	var best *member
	bestSerial, bestRes := int64(0), 0.0
	for b := 0; b < bandsCount; b++ {
		// A bucket shared by boilerplate can grow with the corpus: only
		// its latest members are looked at. Buckets that share the slot
		// are skipped, and the walk through them is bounded too.
		key := bandKey(sig, b)
		s := g.heads[g.slot(key, b)]
		for seen, steps := 0, 0; seen < maxBucketScan && steps < 4*maxBucketScan; steps++ {
			m := g.member(s)
			if m == nil {
				break
			}
			if bandKey(m.sig[:], b) == key {
				seen++
				// The most similar; of equals, the earliest — the original.
				if m.story != nil {
					if r := Resemblance(sig, m.sig[:]); r > bestRes || r == bestRes && s < bestSerial {
						best, bestSerial, bestRes = m, s, r
					}
				}
			}
			s = m.next[b]
		}
	}
	return best, bestRes
}

func (g *Grouper) closestMember(st *story, sig []uint32) (*member, float64) {
	var best *member
	bestRes := 0.0
	for _, s := range st.members {
		if m := g.member(s); m != nil {
			if r := Resemblance(sig, m.sig[:]); r > bestRes {
				best, bestRes = m, r
			}
		}
	}
	return best, bestRes
}

// evict retires the least recently joined story beyond MaxActive: it
// leaves copy detection, its centroid and titles go, and so does the story
// once stored (see Changed). Every MaxActive/8 retirements, the index
// drops the retired stories.
func (g *Grouper) evict() {
	if g.active <= g.opts.MaxActive {
		return
	}
	st := g.oldest
	g.unlink(st)
	st.active = false
	g.active--
	for _, s := range st.members {
		if m := g.member(s); m != nil {
			m.story = nil
		}
	}
	st.centroid, st.keys, st.titles, st.members = nil, nil, nil, nil
	if g.changed[st.id] == nil {
		delete(g.stories, st.id)
	}
	if g.sinceGC++; g.sinceGC >= g.opts.MaxActive/8+1 {
		g.gc()
	}
}

// gc drops retired stories from the index.
func (g *Grouper) gc() {
	g.sinceGC = 0
	for k, sts := range g.postings {
		live := sts[:0]
		for _, st := range sts {
			if st.active {
				live = append(live, st)
			}
		}
		clear(sts[len(live):]) // or the retired stories stay reachable
		if len(live) == 0 {
			delete(g.postings, k)
		} else {
			g.postings[k] = live
		}
	}
}

// Changed returns the stories that gained articles since the last call,
// sorted by id, and forgets them.
func (g *Grouper) Changed() []*parallax.Story {
	ids := make([]string, 0, len(g.changed))
	for id := range g.changed {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	out := make([]*parallax.Story, 0, len(ids))
	for _, id := range ids {
		st := g.changed[id]
		out = append(out, st.export())
		if !st.active {
			delete(g.stories, id)
		}
	}
	g.changed = map[string]*story{}
	return out
}

func (st *story) export() *parallax.Story {
	s := &parallax.Story{
		ID:        st.id,
		Headline:  st.headline,
		FirstSeen: st.first,
		LastSeen:  st.last,
		Articles:  append([]string(nil), st.articles...),
		Outlets:   []string{},
		Terms:     st.terms(displayTerms),
	}
	if s.Headline == "" {
		s.Headline = fmt.Sprintf("(untitled story of %d articles)", len(st.articles))
	}
	for o := range st.outlets {
		s.Outlets = append(s.Outlets, o)
	}
	sort.Strings(s.Outlets)
	return s
}

// terms returns the story's heaviest names and words for display, names
// first: word stems are shown as stems.
func (st *story) terms(n int) []string {
	var names, words []string
	for _, l := range st.labels[:min(4*n, len(st.labels))] {
		switch l.term[:2] {
		case keyName, keyEntity, keyWord:
			names = append(names, l.term[2:])
		case keyStem:
			words = append(words, l.term[2:])
		}
	}
	out := append(names, words...)
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// titleTok tokenizes titles for titleSim; titles are compared in English
// stems, like most of the corpora Parallax meets.
var titleTok = analyze.NewTokenizer("en")

// titleKeys are the content stems of a title.
func titleKeys(title string) titleSet {
	var t titleSet
	for _, tok := range titleTok.Tokens(title) {
		if !tok.Number && len(tok.Lower) >= 3 && !analyze.IsStopword(tok.Lower) {
			t.keys = append(t.keys, termHash(keyStem+tok.Stem))
		}
	}
	slices.Sort(t.keys)
	t.keys = slices.Compact(t.keys)
	return t
}

// titleWeights are the squared IDF weights of a title's keys.
func (g *Grouper) titleWeights(t titleSet) []float64 {
	ws := make([]float64, len(t.keys))
	for i, k := range t.keys {
		w := g.idf(k)
		ws[i] = w * w
	}
	return ws
}

// norm2 returns the sum of a title's squared key weights, computed again
// when documents were observed since.
func (g *Grouper) norm2(t *titleSet) float64 {
	if t.docs != g.docs {
		t.norm2, t.docs = 0, g.docs
		for _, k := range t.keys {
			w := g.idf(k)
			t.norm2 += w * w
		}
	}
	return t.norm2
}

// titleSim is the best IDF-weighted overlap (cosine of sets) between a
// title, its keys weighted by ws, and the titles of a story's articles.
func (g *Grouper) titleSim(t titleSet, ws []float64, st *story) float64 {
	if len(t.keys) == 0 {
		return 0
	}
	var na float64
	for _, w := range ws {
		na += w
	}
	best := 0.0
	for i := range st.titles {
		other := &st.titles[i]
		nb := g.norm2(other)
		if nb <= 0 {
			continue
		}
		var dot float64
		for i, j := 0, 0; i < len(t.keys) && j < len(other.keys); {
			switch {
			case t.keys[i] < other.keys[j]:
				i++
			case t.keys[i] > other.keys[j]:
				j++
			default:
				dot += ws[i]
				i++
				j++
			}
		}
		best = max(best, dot/math.Sqrt(na*nb))
	}
	return best
}
