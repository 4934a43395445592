package compare

import (
	"hash/maphash"
	"math"
	"runtime"
	"strings"
	"sync"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/analyze"
)

// Feature keys: a word's stem as it is; named things and numbers behind a
// prefix no word can carry.
const (
	entityPrefix = "\x00e:"
	numberPrefix = "\x00n:"
)

// doc is one article cut into the units the comparison works on.
type doc struct {
	article   *parallax.Article
	outlet    string
	sentences []*sentence
	words     int
	terms     *termCounts // framing terms and their counts
}

// sentence is one body sentence with its content features.
type sentence struct {
	doc       int // index of its doc
	pos       int // position in its doc
	para      int
	start     int
	end       int
	text      string
	keys      []string           // content features: stems, entity and number keys, each once
	lowers    []string           // the sentence's words, lower-cased, in order
	words     []string           // the same, but acronyms ("US", "DPRK") kept in capitals
	stems     []string           // the same, stemmed
	name      []bool             // per word: part of a name (an entity's mention, or capitalised inside the sentence)
	named     map[string]float64 // weight factors of the words of names no entity covers
	anaphoric bool               // a short sentence opening with a pronoun: it leans on the one before
	compound  float64            // VADER compound score
}

// anaphors open sentences that refer back ("They reached an agreement.").
var anaphors = map[string]bool{"they": true, "he": true, "she": true, "it": true, "this": true, "these": true, "that": true, "both": true}

// newDoc cuts an article into sentences and features, tokenising through
// wc. Tone is scored only for the story, not for the background.
func newDoc(a *parallax.Article, index int, scoreTone bool, wc *wordCache) *doc {
	d := &doc{article: a, outlet: OutletOf(a), terms: newTermCounts()}
	spans := entitySpans(a)
	seen := map[string]bool{}
	for pi, p := range a.Paragraphs {
		if p.Kind == parallax.ParagraphHeading {
			continue
		}
		for _, sp := range analyze.Sentences(p.Text) {
			s := &sentence{doc: index, pos: len(d.sentences), para: pi, start: sp.Start, end: sp.End, text: sp.Text}
			toks := joinPrefixes(wc, a.Language, sp.Text, wc.tokens(a.Language, sp.Text))
			d.words += len(toks)
			clear(seen)
			add := func(k string) {
				if !seen[k] {
					seen[k] = true
					s.keys = append(s.keys, k)
				}
			}
			content := 0
			s.lowers = make([]string, len(toks))
			s.words = make([]string, len(toks))
			s.stems = make([]string, len(toks))
			covered := make([]bool, len(toks))
			s.name = covered
			for ti, t := range toks {
				s.lowers[ti] = t.Lower
				s.words[ti] = termWord(t)
				s.stems[ti] = t.Stem
				if id, ok := spans.at(pi, sp.Start+t.Start); ok {
					covered[ti] = true
					add(entityPrefix + id)
					content++
					continue
				}
				switch {
				case t.Number:
					add(numberPrefix + strings.ReplaceAll(t.Text, ",", ""))
					content++
				case len(t.Lower) > 1 && !analyze.IsStopword(t.Lower):
					add(t.Stem)
					content++
				}
			}
			s.named = nameRuns(toks, covered)
			for ti := 1; ti < len(toks); ti++ {
				if toks[ti].Capitalized() {
					s.name[ti] = true
				}
			}
			if len(toks) > 0 && content < 8 && anaphors[toks[0].Lower] {
				s.anaphoric = true
			}
			countTerms(d.terms, s.words)
			if scoreTone {
				s.compound = compound(sp.Text)
			}
			d.sentences = append(d.sentences, s)
		}
	}
	return d
}

// prefixes are the word prefixes spelt with or without a hyphen
// ("co-operation", "cooperation"), joined to their word before stemming.
var prefixes = map[string]bool{"co": true, "re": true, "pre": true, "non": true, "anti": true, "pro": true, "counter": true, "semi": true, "multi": true, "inter": true, "post": true, "sub": true}

// joinPrefixes joins a hyphenated prefix to the word after it.
func joinPrefixes(wc *wordCache, lang, text string, toks []analyze.Token) []analyze.Token {
	out := toks[:0]
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if prefixes[t.Lower] && i+1 < len(toks) && toks[i+1].Start == t.End+1 && text[t.End] == '-' && !toks[i+1].Number {
			n := toks[i+1]
			t = analyze.Token{Start: t.Start, End: n.End, Text: text[t.Start:n.End], Lower: t.Lower + n.Lower, Stem: wc.stem(lang, t.Lower+n.Lower)}
			i++
		}
		out = append(out, t)
	}
	return out
}

// nameRuns weighs the words of names when no entity covers them: a run
// of capitalised content words (not counting a sentence's first word) is
// one name, worth weightEntity in all, shared among its words — so
// "Kiyul Chung" counts about as much as "Putin". A run next to an entity's
// mention is its title ("President Putin") and weighs as a plain word.
func nameRuns(toks []analyze.Token, covered []bool) map[string]float64 {
	var out map[string]float64
	for i := 1; i < len(toks); {
		if !toks[i].Capitalized() || covered[i] {
			i++
			continue
		}
		j := i
		for j < len(toks) && toks[j].Capitalized() && !covered[j] {
			j++
		}
		if covered[i-1] || (j < len(toks) && covered[j]) {
			// a title or a modifier of a named thing ("President", "Chairman"), not a name of its own
			i = j
			continue
		}
		var run []string
		for _, t := range toks[i:j] {
			if len(t.Lower) > 1 && !analyze.IsStopword(t.Lower) {
				run = append(run, t.Stem)
			}
		}
		for _, k := range run {
			if out == nil {
				out = map[string]float64{}
			}
			out[k] = max(out[k], weightEntity/float64(len(run)))
		}
		i = j
	}
	return out
}

// spanIndex finds the entity a token belongs to.
type spanIndex map[int][]entitySpan // by paragraph

type entitySpan struct {
	start, end int
	id         string
}

func entitySpans(a *parallax.Article) spanIndex {
	idx := spanIndex{}
	for _, e := range a.Entities {
		if e.ID == "" {
			continue
		}
		for _, m := range e.Mentions {
			idx[m.Paragraph] = append(idx[m.Paragraph], entitySpan{m.Start, m.End, e.ID})
		}
	}
	return idx
}

// at returns the entity whose mention covers byte offset off of a paragraph.
func (idx spanIndex) at(para, off int) (string, bool) {
	for _, s := range idx[para] {
		if off >= s.start && off < s.end {
			return s.id, true
		}
	}
	return "", false
}

// termWord is a token as a framing term shows it: lower-cased, except an
// acronym, which stays in capitals so that "US" is not "us".
func termWord(t analyze.Token) string {
	if len(t.Text) >= 2 && strings.ToUpper(t.Text) == t.Text && strings.ToLower(t.Text) != t.Text {
		return t.Text
	}
	return t.Lower
}

// countTerms adds a sentence's framing terms: content words, pairs of
// adjacent content words, and content–function–content triples ("war in
// Ukraine", "fight against imperialism").
func countTerms(tc *termCounts, w []string) {
	var buf []byte
	term := func(ws ...string) {
		buf = buf[:0]
		for i, x := range ws {
			if i > 0 {
				buf = append(buf, ' ')
			}
			buf = append(buf, x...)
		}
		tc.add(buf)
	}
	for i := range w {
		if !isContent(w[i]) {
			continue
		}
		term(w[i])
		if i+1 < len(w) && isContent(w[i+1]) {
			term(w[i], w[i+1])
		}
		if i+2 < len(w) && linking[w[i+1]] && isContent(w[i+2]) {
			term(w[i], w[i+1], w[i+2])
		}
	}
}

// linking are the function words a framing term may have in its middle.
var linking = map[string]bool{"of": true, "in": true, "on": true, "against": true, "for": true, "to": true, "with": true}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if (s[i] < '0' || s[i] > '9') && s[i] != ',' && s[i] != '.' {
			return false
		}
	}
	return s != ""
}

// Background is a term model of a larger body of news — the whole store,
// or a bounded sample of it — against which a story's words are weighed:
// document frequencies give the fact features their weights (IDF), and
// term counts give the framing comparison its informative prior. Build one
// with [NewBackground] and [Background.Add]; it is not safe for concurrent
// Adds.
type Background struct {
	docs  int
	df    map[uint64]int32 // documents containing a feature
	terms map[uint64]int32 // occurrences of a framing term
	total int              // framing term occurrences
	seed  maphash.Seed
	words *wordCache
}

// NewBackground returns an empty background.
func NewBackground() *Background {
	return &Background{df: map[uint64]int32{}, terms: map[uint64]int32{}, seed: maphash.MakeSeed(), words: newWordCache()}
}

// Add counts one article. Keys are kept as 64-bit hashes so that a sample
// of a few thousand articles stays within a few tens of megabytes.
func (b *Background) Add(a *parallax.Article) { b.addDoc(newDoc(a, 0, false, b.words)) }

func (b *Background) addDoc(d *doc) {
	b.docs++
	seen := map[string]bool{}
	for _, s := range d.sentences {
		for _, k := range s.keys {
			if !seen[k] {
				seen[k] = true
				b.df[b.hash(k)]++
			}
		}
	}
	for i, t := range d.terms.terms {
		n := d.terms.counts[i]
		b.terms[b.hash(t)] += int32(n)
		b.total += n
	}
}

// AddFingerprint counts one article from the fingerprint computed at
// ingest (parallax.Fingerprint), without tokenising its text again: its
// stems, entity ids and numbers count for the document frequencies. A
// fingerprint keeps only an article's most frequent terms, so a word used
// once in a long article may be missed, which makes rare words look a
// little rarer; and it has no framing terms, so it adds nothing to the
// framing prior. It reports false, counting nothing, when the article has
// no fingerprint.
func (b *Background) AddFingerprint(a *parallax.Article) bool {
	fp := a.Fingerprint
	if fp == nil || len(fp.Terms) == 0 {
		return false
	}
	b.docs++
	for _, t := range fp.Terms {
		var k string
		switch {
		case strings.HasPrefix(t, "s:"):
			k = t[2:]
		case strings.HasPrefix(t, "e:"):
			k = entityPrefix + t[2:]
		case strings.HasPrefix(t, "#:"):
			k = numberPrefix + strings.ReplaceAll(t[2:], ",", "")
		default:
			continue
		}
		b.df[b.hash(k)]++
	}
	return true
}

// Docs returns the number of articles counted.
func (b *Background) Docs() int { return b.docs }

func (b *Background) hash(s string) uint64 { return maphash.String(b.seed, s) }

// idf is the smoothed inverse document frequency of a feature:
// ln((N+1)/(df+1)) + 1, so a feature in every document still counts once.
func (b *Background) idf(key string) float64 {
	return math.Log(float64(b.docs+1)/float64(b.df[b.hash(key)]+1)) + 1
}

// termCount returns how often the background uses a framing term.
func (b *Background) termCount(t string) int { return int(b.terms[b.hash(t)]) }

// newCorpus cuts the story's articles into docs, on every core.
func newCorpus(articles []*parallax.Article) []*doc {
	docs := make([]*doc, len(articles))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(articles)) {
		wg.Go(func() {
			wc := newWordCache()
			for i := range next {
				docs[i] = newDoc(articles[i], i, true, wc)
			}
		})
	}
	for i := range articles {
		next <- i
	}
	close(next)
	wg.Wait()
	return docs
}
