package group

import (
	"sort"
	"strings"
	"unicode"

	"github.com/cespare/xxhash/v2"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/analyze"
	"github.com/parallaxhq/parallax/repair"
)

// Term key prefixes (see parallax.Fingerprint).
const (
	keyStem   = "s:"
	keyName   = "n:"
	keyEntity = "e:"
	keyNumber = "#:"
	keyWord   = "w:" // a single capitalised word inside a sentence
)

// maxTerms is how many terms a fingerprint keeps, the most frequent.
const maxTerms = 150

// titleBoost is how many times a title term counts.
const titleBoost = 3

// Features computes an article's fingerprint. tz stems in the article's
// language.
func Features(a *parallax.Article, tz *analyze.Tokenizer) *parallax.Fingerprint {
	counts := map[string]int{}
	words := 0
	add := func(text string, weight int) {
		toks := tz.Tokens(text)
		for i, t := range toks {
			if weight == 1 {
				words++
			}
			switch {
			case t.Number:
				if isSalientNumber(t.Text) {
					counts[keyNumber+t.Text] += weight
				}
			case len(t.Lower) >= 3 && !analyze.IsStopword(t.Lower):
				counts[keyStem+t.Stem] += weight
			}
			// A name: a run of capitalised words, not just the first word of
			// a sentence.
			if t.Capitalized() && (i == 0 || !toks[i-1].Capitalized() || !adjacent(text, toks[i-1], t)) {
				j := i + 1
				for j < len(toks) && toks[j].Capitalized() && adjacent(text, toks[j-1], toks[j]) {
					j++
				}
				if n := j - i; n >= 2 && n <= 5 || n == 1 && len(t.Lower) >= 3 && !sentenceStart(text, t.Start) && !analyze.IsStopword(t.Lower) {
					var parts []string
					for _, u := range toks[i:j] {
						parts = append(parts, u.Lower)
					}
					name := strings.TrimSuffix(strings.Join(parts, " "), "'s")
					if j-i == 1 {
						counts[keyWord+name] += weight
					} else {
						counts[keyName+name] += weight
					}
				}
			}
		}
	}
	add(a.Title, titleBoost)
	var body strings.Builder
	for _, p := range a.Paragraphs {
		if p.Kind == parallax.ParagraphHeading {
			continue
		}
		add(p.Text, 1)
		body.WriteString(p.Text)
		body.WriteByte('\n')
	}
	for _, e := range a.Entities {
		if e.Kind != parallax.EntityOther {
			counts[keyEntity+e.ID] += len(e.Mentions)
		}
	}
	f := &parallax.Fingerprint{Words: words, MinHash: MinHash(body.String())}
	type kv struct {
		k string
		n int
	}
	all := make([]kv, 0, len(counts))
	for k, n := range counts {
		all = append(all, kv{k, n})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].n != all[j].n {
			return all[i].n > all[j].n
		}
		return all[i].k < all[j].k
	})
	if len(all) > maxTerms {
		all = all[:maxTerms]
	}
	for _, e := range all {
		f.Terms = append(f.Terms, e.k)
		f.Counts = append(f.Counts, e.n)
	}
	return f
}

// sentenceStart reports whether offset i of text starts a sentence: the
// text before it, white space and opening quotes aside, is empty or ends
// with a full stop, a question or exclamation mark, or a colon.
func sentenceStart(text string, i int) bool {
	before := strings.TrimRight(text[:i], " \t\n\"'“‘([«„")
	if before == "" {
		return true
	}
	switch before[len(before)-1] {
	case '.', '!', '?', ':', ';':
		return true
	}
	return false
}

// adjacent reports whether two tokens are separated only by white space or
// a hyphen ("Kim Jong-un"), not by punctuation that ends a name.
func adjacent(text string, a, b analyze.Token) bool {
	gap := text[a.End:b.Start]
	return gap == " " || gap == "-" || gap == "\u00a0"
}

// isSalientNumber keeps numbers that identify a fact (1,750 tonnes, 40,000
// people, 3.5%) and drops the small and the calendar ones, which every
// article has.
func isSalientNumber(s string) bool {
	digits := 0
	for _, r := range s {
		if unicode.IsDigit(r) {
			digits++
		}
	}
	if digits < 2 {
		return false
	}
	if len(s) == 4 && (strings.HasPrefix(s, "19") || strings.HasPrefix(s, "20")) {
		return false // a year
	}
	return true
}

// Signature size and shingle length of MinHash.
const (
	minHashSize  = 64
	shingleWords = 4
)

// minHashSeeds are fixed, so signatures are comparable across runs.
var minHashSeeds = func() [minHashSize]uint64 {
	var s [minHashSize]uint64
	x := uint64(0x9e3779b97f4a7c15)
	for i := range s {
		x ^= x >> 12
		x ^= x << 25
		x ^= x >> 27
		s[i] = x * 0x2545f4914f6cdd1d
	}
	return s
}()

// MinHash returns the MinHash signature of a text's word 4-shingles over
// its skeleton (look-alike letters folded to Latin, lower case, words
// only), or nil for a text of fewer words than a shingle.
func MinHash(text string) []uint32 {
	words := strings.FieldsFunc(repair.Skeleton(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if len(words) < shingleWords {
		return nil
	}
	var mins [minHashSize]uint64
	for i := range mins {
		mins[i] = ^uint64(0)
	}
	var d xxhash.Digest
	for i := 0; i+shingleWords <= len(words); i++ {
		d.Reset()
		for _, w := range words[i : i+shingleWords] {
			d.WriteString(w)
			d.WriteString(" ")
		}
		h := d.Sum64()
		for j, seed := range minHashSeeds {
			if v := mix(h ^ seed); v < mins[j] {
				mins[j] = v
			}
		}
	}
	sig := make([]uint32, minHashSize)
	for i, m := range mins {
		sig[i] = uint32(m >> 32)
	}
	return sig
}

// mix is a 64-bit finalizer (SplitMix64's), a fast stand-in for one
// independent hash function per seed.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Resemblance estimates the Jaccard similarity of two texts' shingle sets
// from their signatures: the share of positions where they agree.
func Resemblance(a, b []uint32) float64 {
	if len(a) != minHashSize || len(b) != minHashSize {
		return 0
	}
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / minHashSize
}
