package analyze

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/danish"
	"github.com/blevesearch/snowballstem/dutch"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/finnish"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/hungarian"
	"github.com/blevesearch/snowballstem/italian"
	"github.com/blevesearch/snowballstem/norwegian"
	"github.com/blevesearch/snowballstem/portuguese"
	"github.com/blevesearch/snowballstem/romanian"
	"github.com/blevesearch/snowballstem/russian"
	"github.com/blevesearch/snowballstem/spanish"
	"github.com/blevesearch/snowballstem/swedish"
	"github.com/blevesearch/snowballstem/turkish"
	"github.com/clipperhouse/uax29/v2/words"
	"github.com/neurosnap/sentences"
	sentenceseng "github.com/neurosnap/sentences/english"
)

// Span is a stretch of text by byte offsets: Text == text[Start:End].
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// punkt is the English Punkt sentence model, loaded once. It is safe for
// concurrent use: tokenizing does not change it.
var punkt = sync.OnceValue(func() *sentences.DefaultSentenceTokenizer {
	t, err := sentenceseng.NewSentenceTokenizer(nil)
	if err != nil {
		panic("analyze: the embedded English sentence model does not load: " + err.Error())
	}
	return t
})

// Sentences splits a paragraph into sentences, with offsets into it.
// Surrounding white space is not part of a sentence.
func Sentences(paragraph string) []Span {
	var out []Span
	for _, s := range punkt().Tokenize(paragraph) {
		start, end := s.Start, s.End
		for start < end && isSpaceByte(paragraph[start]) {
			start++
		}
		for end > start && isSpaceByte(paragraph[end-1]) {
			end--
		}
		if start < end {
			out = append(out, Span{Start: start, End: end, Text: paragraph[start:end]})
		}
	}
	return out
}

func isSpaceByte(b byte) bool { return b == ' ' || b == '\n' || b == '\t' || b == '\r' }

// Token is one word or number of a text.
type Token struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Lower string `json:"lower"` // lower-cased, typographic apostrophes made plain
	Stem  string `json:"stem"`  // Snowball stem of Lower ("" for numbers)
	// Number is set for tokens made of digits (with separators: 1,750 3.5).
	Number bool `json:"number,omitempty"`
}

// Capitalized reports whether the token starts with an upper-case letter.
func (t Token) Capitalized() bool {
	r, _ := utf8.DecodeRuneInString(t.Text)
	return unicode.IsUpper(r)
}

// Tokenizer splits text into word tokens and stems them in one language.
// It is safe for concurrent use.
type Tokenizer struct {
	stem  func(*snowballstem.Env) bool
	cache *stemCache
}

// stemCache remembers stems, per language: a corpus repeats its words, and
// stemming is the costliest part of tokenizing. It stops growing at
// maxCachedStems words, so memory stays bounded.
type stemCache struct {
	m sync.Map
	n atomic.Int64
}

const maxCachedStems = 1 << 18

// stemCaches holds one cache per stemmer language.
var stemCaches sync.Map // language → *stemCache

// stemmers are the Snowball stemmers by ISO 639-1 code.
var stemmers = map[string]func(*snowballstem.Env) bool{
	"da": danish.Stem, "nl": dutch.Stem, "en": english.Stem, "fi": finnish.Stem,
	"fr": french.Stem, "de": german.Stem, "hu": hungarian.Stem, "it": italian.Stem,
	"no": norwegian.Stem, "nb": norwegian.Stem, "pt": portuguese.Stem, "ro": romanian.Stem,
	"ru": russian.Stem, "es": spanish.Stem, "sv": swedish.Stem, "tr": turkish.Stem,
}

// NewTokenizer returns a tokenizer for a language (ISO 639-1); a language
// without a stemmer, or "", stems as English.
func NewTokenizer(lang string) *Tokenizer {
	s, ok := stemmers[lang]
	if !ok {
		s, lang = english.Stem, "en"
	}
	c, _ := stemCaches.LoadOrStore(lang, &stemCache{})
	return &Tokenizer{stem: s, cache: c.(*stemCache)}
}

// Tokens returns the words and numbers of text, with offsets, in order.
// Punctuation, symbols and white space are skipped.
func (tz *Tokenizer) Tokens(text string) []Token {
	return tz.AppendTokens(make([]Token, 0, len(text)/6+1), text) // about one word in six bytes of prose
}

// AppendTokens appends the tokens of text to dst and returns the extended
// slice, so a caller can reuse one buffer.
func (tz *Tokenizer) AppendTokens(dst []Token, text string) []Token {
	it := words.FromString(text)
	pos := 0
	for it.Next() {
		w := it.Value()
		start := pos
		pos += len(w)
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsLetter(r):
			lower := Lower(w)
			dst = append(dst, Token{Start: start, End: pos, Text: w, Lower: lower, Stem: tz.Stem(lower)})
		case unicode.IsDigit(r):
			dst = append(dst, Token{Start: start, End: pos, Text: w, Lower: w, Number: true})
		}
	}
	return dst
}

// Stem returns the Snowball stem of a lower-case word.
func (tz *Tokenizer) Stem(lower string) string {
	if s, ok := tz.cache.m.Load(lower); ok {
		return s.(string)
	}
	env := snowballstem.NewEnv(lower)
	tz.stem(env)
	stem := env.Current()
	if tz.cache.n.Load() < maxCachedStems {
		if _, loaded := tz.cache.m.LoadOrStore(strings.Clone(lower), stem); !loaded {
			tz.cache.n.Add(1)
		}
	}
	return stem
}

// Lower lower-cases a word and makes typographic apostrophes plain, so
// "Kim’s" and "Kim's" match.
func Lower(w string) string {
	return strings.ReplaceAll(strings.ToLower(w), "’", "'")
}
