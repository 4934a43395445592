package compare

import (
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/words"

	"github.com/parallaxhq/parallax/analyze"
)

// wordCache tokenises like analyze.Tokenizer.Tokens but stems each
// distinct word once: a story repeats its words, and stemming is most of
// the cost of tokenising. It is not safe for concurrent use; each worker
// keeps its own.
type wordCache struct {
	tz    map[string]*analyze.Tokenizer // by language
	stems map[string]map[string]string  // by language: lower-cased word → stem
	buf   []analyze.Token
}

func newWordCache() *wordCache {
	return &wordCache{tz: map[string]*analyze.Tokenizer{}, stems: map[string]map[string]string{}}
}

// tokens returns the words and numbers of text, as analyze.Tokenizer.Tokens
// does for lang. The slice is reused: it is valid until the next call.
func (c *wordCache) tokens(lang, text string) []analyze.Token {
	tz, stems := c.lang(lang)
	out := c.buf[:0]
	it := words.FromString(text)
	pos := 0
	for it.Next() {
		w := it.Value()
		start := pos
		pos += len(w)
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsLetter(r):
			lower := lowerWord(w)
			stem, ok := stems[lower]
			if !ok {
				stem = tz.Stem(lower)
				stems[lower] = stem
			}
			out = append(out, analyze.Token{Start: start, End: pos, Text: w, Lower: lower, Stem: stem})
		case unicode.IsDigit(r):
			out = append(out, analyze.Token{Start: start, End: pos, Text: w, Lower: w, Number: true})
		}
	}
	c.buf = out
	return out
}

// stem returns the stem of a lower-cased word in lang.
func (c *wordCache) stem(lang, lower string) string {
	tz, stems := c.lang(lang)
	stem, ok := stems[lower]
	if !ok {
		stem = tz.Stem(lower)
		stems[lower] = stem
	}
	return stem
}

// lang returns the tokenizer and the stem memo of a language.
func (c *wordCache) lang(lang string) (*analyze.Tokenizer, map[string]string) {
	tz := c.tz[lang]
	if tz == nil {
		tz = analyze.NewTokenizer(lang)
		c.tz[lang] = tz
		c.stems[lang] = map[string]string{}
	}
	return tz, c.stems[lang]
}

// termCounts counts framing terms, each term's string made once.
type termCounts struct {
	index  map[string]int32
	terms  []string
	counts []int
}

func newTermCounts() *termCounts { return &termCounts{index: map[string]int32{}} }

// add counts one use of the term spelt by key.
func (tc *termCounts) add(key []byte) {
	if i, ok := tc.index[string(key)]; ok {
		tc.counts[i]++
		return
	}
	t := string(key)
	tc.index[t] = int32(len(tc.terms))
	tc.terms = append(tc.terms, t)
	tc.counts = append(tc.counts, 1)
}

// lowerWord is analyze.Lower without allocating for a word already in
// lower-case ASCII, which most words of a text are.
func lowerWord(w string) string {
	for i := 0; i < len(w); i++ {
		if b := w[i]; b >= utf8.RuneSelf || ('A' <= b && b <= 'Z') {
			return analyze.Lower(w)
		}
	}
	return w
}
