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
	terms     map[string]int // framing terms and their counts
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
	named     map[string]float64 // weight factors of the words of names no entity covers
	anaphoric bool               // a short sentence opening with a pronoun: it leans on the one before
	compound  float64            // VADER compound score
}

// anaphors open sentences that refer back ("They reached an agreement.").
var anaphors = map[string]bool{"they": true, "he": true, "she": true, "it": true, "this": true, "these": true, "that": true, "both": true}

// newDoc cuts an article into sentences and features.
// Tone is scored only for the story, not for the background.
func newDoc(a *parallax.Article, index int, scoreTone bool) *doc {
	d := &doc{article: a, outlet: OutletOf(a), terms: map[string]int{}}
	tz := analyze.NewTokenizer(a.Language)
	spans := entitySpans(a)
	for pi, p := range a.Paragraphs {
		if p.Kind == parallax.ParagraphHeading {
			continue
		}
		for _, sp := range analyze.Sentences(p.Text) {
			s := &sentence{doc: index, pos: len(d.sentences), para: pi, start: sp.Start, end: sp.End, text: sp.Text}
			toks := joinPrefixes(tz, sp.Text, tz.Tokens(sp.Text))
			d.words += len(toks)
			seen := map[string]bool{}
			add := func(k string) {
				if !seen[k] {
					seen[k] = true
					s.keys = append(s.keys, k)
				}
			}
			content := 0
			for ti := 0; ti < len(toks); ti++ {
				t := toks[ti]
				s.lowers = append(s.lowers, t.Lower)
				s.words = append(s.words, termWord(t))
				if id, ok := spans.at(pi, sp.Start+t.Start); ok {
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
			s.named = nameRuns(toks, func(i int) bool {
				_, ok := spans.at(pi, sp.Start+toks[i].Start)
				return ok
			})
			if len(toks) > 0 && content < 8 && anaphors[toks[0].Lower] {
				s.anaphoric = true
			}
			countTerms(d.terms, s.words)
			if scoreTone {
				s.compound = vader().PolarityScores(sp.Text).Compound
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
func joinPrefixes(tz *analyze.Tokenizer, text string, toks []analyze.Token) []analyze.Token {
	out := toks[:0]
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if prefixes[t.Lower] && i+1 < len(toks) && toks[i+1].Start == t.End+1 && text[t.End] == '-' && !toks[i+1].Number {
			n := toks[i+1]
			t = analyze.Token{Start: t.Start, End: n.End, Text: text[t.Start:n.End], Lower: t.Lower + n.Lower, Stem: tz.Stem(t.Lower + n.Lower)}
			i++
		}
		out = append(out, t)
	}
	return out
}

// nameRuns weighs the words of names when no entity covers them: a run
// of capitalised content words (not counting a sentence's first word) is
// one name, worth weightEntity in all, shared among its words — so
// "Russian President Vladimir Putin" counts about as much as "Putin".
func nameRuns(toks []analyze.Token, covered func(int) bool) map[string]float64 {
	var out map[string]float64
	for i := 1; i < len(toks); {
		if !toks[i].Capitalized() || covered(i) {
			i++
			continue
		}
		j := i
		for j < len(toks) && toks[j].Capitalized() && !covered(j) {
			j++
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
func countTerms(m map[string]int, w []string) {
	content := func(i int) bool { return isContent(w[i]) }
	for i := range w {
		if !content(i) {
			continue
		}
		m[w[i]]++
		if i+1 < len(w) && content(i+1) {
			m[w[i]+" "+w[i+1]]++
		}
		if i+2 < len(w) && linking[w[i+1]] && content(i+2) {
			m[w[i]+" "+w[i+1]+" "+w[i+2]]++
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
}

// NewBackground returns an empty background.
func NewBackground() *Background {
	return &Background{df: map[uint64]int32{}, terms: map[uint64]int32{}, seed: maphash.MakeSeed()}
}

// Add counts one article. Keys are kept as 64-bit hashes so that a sample
// of a few thousand articles stays within a few tens of megabytes.
func (b *Background) Add(a *parallax.Article) { b.addDoc(newDoc(a, 0, false)) }

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
	for t, n := range d.terms {
		b.terms[b.hash(t)] += int32(n)
		b.total += n
	}
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
			for i := range next {
				docs[i] = newDoc(articles[i], i, true)
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
