package compare

import (
	"github.com/parallaxhq/parallax/analyze"
)

// wordCache tokenises into one reused buffer, with a tokenizer per
// language (stems are cached by analyze). It is not safe for concurrent
// use; each worker keeps its own.
type wordCache struct {
	tz  map[string]*analyze.Tokenizer // by language
	buf []analyze.Token
}

func newWordCache() *wordCache {
	return &wordCache{tz: map[string]*analyze.Tokenizer{}}
}

// tokens returns the words and numbers of text, as analyze.Tokenizer.Tokens
// does for lang. The slice is reused: it is valid until the next call.
func (c *wordCache) tokens(lang, text string) []analyze.Token {
	c.buf = c.lang(lang).AppendTokens(c.buf[:0], text)
	return c.buf
}

// stem returns the stem of a lower-cased word in lang.
func (c *wordCache) stem(lang, lower string) string { return c.lang(lang).Stem(lower) }

// lang returns the tokenizer of a language.
func (c *wordCache) lang(lang string) *analyze.Tokenizer {
	tz := c.tz[lang]
	if tz == nil {
		tz = analyze.NewTokenizer(lang)
		c.tz[lang] = tz
	}
	return tz
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
