package group

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"github.com/parallaxhq/parallax/analyze"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/parallaxhq/parallax"
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
type Grouper struct {
	opts Options

	// Document frequencies, for IDF weights.
	df       map[string]int
	docs     int
	idfCache map[string]float64 // valid once Observe is done

	stories  map[string]*story
	active   int
	postings map[string][]*story // salient term → stories indexed under it
	members  map[int64]*member   // by serial, for copy detection
	bands    map[uint64][]int64  // LSH band → member serials
	serial   int64
	clock    int64 // articles added, for recency
	sinceGC  int
	changed  map[string]*story
}

type story struct {
	id        string
	centroid  map[string]float64
	norm      float64 // |centroid|, kept up to date
	keys      map[string]bool
	first     time.Time
	last      time.Time
	active    bool
	lastUsed  int64
	articles  []string
	titles    []string
	titleSets []map[string]bool
	outlets   map[string]bool
	members   []int64
}

type member struct {
	id    string
	story *story
	sig   []uint32
}

// New returns an empty grouper.
func New(opts Options) *Grouper {
	opts.defaults()
	return &Grouper{
		opts:     opts,
		df:       map[string]int{},
		idfCache: map[string]float64{},
		stories:  map[string]*story{},
		postings: map[string][]*story{},
		members:  map[int64]*member{},
		bands:    map[uint64][]int64{},
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
	clear(g.idfCache)
	for _, t := range fp.Terms {
		g.df[t]++
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
func (g *Grouper) idf(t string) float64 {
	w, ok := g.idfCache[t]
	if !ok {
		w = math.Log(1 + float64(g.docs)/float64(max(g.df[t], 1)))
		g.idfCache[t] = w
	}
	return w
}

// vector is an article's unit TF-IDF vector.
func (g *Grouper) vector(fp *parallax.Fingerprint) map[string]float64 {
	v := make(map[string]float64, len(fp.Terms))
	var norm float64
	for i, t := range fp.Terms {
		if g.df[t] < 2 {
			continue // in no other article: it cannot match, and would only dilute the rest
		}
		w := (1 + math.Log(float64(fp.Counts[i]))) * g.idf(t) * keyWeight(t)
		v[t] = w
		norm += w * w
	}
	norm = math.Sqrt(norm)
	if norm > 0 {
		for k := range v {
			v[k] /= norm
		}
	}
	return v
}

// salientKeys are the keys an article is looked up by, and a story indexed
// under: the heaviest ones, ties broken by key.
func salientKeys(v map[string]float64, n int) []string {
	type kw struct {
		k string
		w float64
	}
	all := make([]kw, 0, len(v))
	for k, w := range v {
		all = append(all, kw{k, w})
	}
	slices.SortFunc(all, func(a, b kw) int {
		if a.w != b.w {
			return cmp.Compare(b.w, a.w)
		}
		return strings.Compare(a.k, b.k)
	})
	keys := make([]string, 0, min(n, len(all)))
	for _, e := range all[:min(n, len(all))] {
		keys = append(keys, e.k)
	}
	return keys
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
)

// Add decides the story of a new article.
func (g *Grouper) Add(a *parallax.Article) Decision {
	g.clock++
	d := Decision{ArticleID: a.ID}
	fp := a.Fingerprint
	if fp == nil {
		fp = &parallax.Fingerprint{}
	}
	v := g.vector(fp)

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
		target = g.bestStory(a, v)
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
	g.join(target, a, v, fp.MinHash)
	d.StoryID = target.id
	return d
}

// Replay adds an article already grouped into storyID, without deciding:
// it rebuilds the state an earlier run left.
func (g *Grouper) Replay(a *parallax.Article, storyID string) {
	g.clock++
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
	g.join(st, a, g.vector(fp), fp.MinHash)
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
func (g *Grouper) bestStory(a *parallax.Article, v map[string]float64) *story {
	hits := map[*story]int{}
	for _, k := range salientKeys(v, lookupKeys) {
		// Postings are in the order stories were indexed: the latest are
		// the likeliest candidates, and scanning only them keeps the cost
		// of a common term flat however large the corpus grows.
		ps := g.postings[k]
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
	title := titleKeys(a.Title)
	var best *story
	var bestSim float64
	for _, st := range cands {
		factor := g.timeFactor(a.Published, st)
		if factor == 0 {
			continue
		}
		var dot float64
		for k, w := range v {
			dot += w * st.centroid[k]
		}
		ts := g.titleSim(title, st)
		sim := factor * ((1-g.opts.TitleWeight)*dot/st.norm + g.opts.TitleWeight*ts)
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
	st := &story{id: id, centroid: map[string]float64{}, keys: map[string]bool{}, outlets: map[string]bool{}, active: true}
	g.stories[st.id] = st
	g.active++
	return st
}

func (g *Grouper) revive(st *story) {
	st.active = true
	g.active++
	for k := range st.keys {
		g.postings[k] = append(g.postings[k], st)
	}
}

// join adds an article to a story: its centroid, index keys, dates,
// signature, and recency.
func (g *Grouper) join(st *story, a *parallax.Article, v map[string]float64, sig []uint32) {
	for k, w := range v {
		st.centroid[k] += w
	}
	if len(st.centroid) > centroidKeys {
		keep := salientKeys(st.centroid, centroidKeys)
		trimmed := make(map[string]float64, len(keep))
		for _, k := range keep {
			trimmed[k] = st.centroid[k]
		}
		st.centroid = trimmed
	}
	var norm float64
	for _, w := range st.centroid {
		norm += w * w
	}
	st.norm = math.Sqrt(norm)
	if st.norm == 0 {
		st.norm = 1
	}
	for _, k := range salientKeys(st.centroid, indexKeys) {
		if !st.keys[k] {
			st.keys[k] = true
			g.postings[k] = append(g.postings[k], st)
		}
	}
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
	st.titles = append(st.titles, a.Title)
	st.titleSets = append(st.titleSets, titleKeys(a.Title))
	if a.Outlet != nil && a.Outlet.Name != "" {
		st.outlets[a.Outlet.Name] = true
	}
	st.lastUsed = g.clock
	g.changed[st.id] = st
	if len(sig) == minHashSize {
		g.serial++
		m := &member{id: a.ID, story: st, sig: sig}
		g.members[g.serial] = m
		st.members = append(st.members, g.serial)
		for b := 0; b < bandsCount; b++ {
			key := bandKey(sig, b)
			g.bands[key] = append(g.bands[key], g.serial)
		}
	}
	g.evict()
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

// nearestCopy returns the stored article whose signature resembles sig
// most, among those sharing an LSH band, with the resemblance.
func (g *Grouper) nearestCopy(sig []uint32) (*member, float64) {
	if len(sig) != minHashSize {
		return nil, 0
	}
	seen := map[int64]bool{}
	var best *member
	bestSerial, bestRes := int64(0), 0.0
	for b := 0; b < bandsCount; b++ {
		// A bucket shared by boilerplate can grow with the corpus: only
		// its latest members are looked at.
		ms := g.bands[bandKey(sig, b)]
		for _, s := range ms[max(0, len(ms)-maxBucketScan):] {
			if seen[s] {
				continue
			}
			seen[s] = true
			m, ok := g.members[s]
			if !ok || !m.story.active {
				continue
			}
			// The most similar; of equals, the earliest — the original.
			if r := Resemblance(sig, m.sig); r > bestRes || r == bestRes && s < bestSerial {
				best, bestSerial, bestRes = m, s, r
			}
		}
	}
	return best, bestRes
}

func (g *Grouper) closestMember(st *story, sig []uint32) (*member, float64) {
	var best *member
	bestRes := 0.0
	for _, s := range st.members {
		m := g.members[s]
		if r := Resemblance(sig, m.sig); r > bestRes {
			best, bestRes = m, r
		}
	}
	return best, bestRes
}

// evict retires the least recently joined stories beyond MaxActive, and
// now and then drops index entries of retired stories.
func (g *Grouper) evict() {
	if g.active <= g.opts.MaxActive {
		return
	}
	var oldest *story
	for _, st := range g.stories {
		if st.active && (oldest == nil || st.lastUsed < oldest.lastUsed) {
			oldest = st
		}
	}
	oldest.active = false
	g.active--
	for _, s := range oldest.members {
		delete(g.members, s)
	}
	oldest.members = nil
	if g.sinceGC++; g.sinceGC >= g.opts.MaxActive/4+1 {
		g.gc()
	}
}

// gc drops retired stories and their index entries.
func (g *Grouper) gc() {
	g.sinceGC = 0
	for k, sts := range g.postings {
		live := sts[:0]
		for _, st := range sts {
			if st.active {
				live = append(live, st)
			}
		}
		if len(live) == 0 {
			delete(g.postings, k)
		} else {
			g.postings[k] = live
		}
	}
	for k, ms := range g.bands {
		live := ms[:0]
		for _, s := range ms {
			if _, ok := g.members[s]; ok {
				live = append(live, s)
			}
		}
		if len(live) == 0 {
			delete(g.bands, k)
		} else {
			g.bands[k] = live
		}
	}
	for id, st := range g.stories {
		if !st.active && g.changed[id] == nil {
			delete(g.stories, id)
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
		out = append(out, g.changed[id].export())
	}
	g.changed = map[string]*story{}
	return out
}

func (st *story) export() *parallax.Story {
	s := &parallax.Story{
		ID:        st.id,
		Headline:  st.headline(),
		FirstSeen: st.first,
		LastSeen:  st.last,
		Articles:  append([]string(nil), st.articles...),
		Outlets:   []string{},
		Terms:     st.terms(8),
	}
	for o := range st.outlets {
		s.Outlets = append(s.Outlets, o)
	}
	sort.Strings(s.Outlets)
	return s
}

// headline is the title of the story's first article that has one.
func (st *story) headline() string {
	for _, t := range st.titles {
		if t != "" {
			return t
		}
	}
	return fmt.Sprintf("(untitled story of %d articles)", len(st.articles))
}

// terms returns the story's heaviest names and words for display, names
// first: word stems are shown as stems.
func (st *story) terms(n int) []string {
	var names, words []string
	for _, k := range salientKeys(st.centroid, 4*n) {
		switch k[:2] {
		case keyName, keyEntity, keyWord:
			names = append(names, k[2:])
		case keyStem:
			words = append(words, k[2:])
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

func titleKeys(title string) map[string]bool {
	m := map[string]bool{}
	for _, t := range titleTok.Tokens(title) {
		if !t.Number && len(t.Lower) >= 3 && !analyze.IsStopword(t.Lower) {
			m[t.Stem] = true
		}
	}
	return m
}

// titleSim is the best IDF-weighted overlap (cosine of sets) between a
// title and the titles of a story's articles.
func (g *Grouper) titleSim(keys map[string]bool, st *story) float64 {
	if len(keys) == 0 {
		return 0
	}
	idf := func(k string) float64 { return g.idf(keyStem + k) }
	var na float64
	for k := range keys {
		na += idf(k) * idf(k)
	}
	best := 0.0
	for _, other := range st.titleSets {
		var dot, nb float64
		for k := range other {
			w := idf(k)
			nb += w * w
			if keys[k] {
				dot += w * w
			}
		}
		if nb > 0 {
			best = max(best, dot/math.Sqrt(na*nb))
		}
	}
	return best
}
