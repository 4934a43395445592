package repair

//go:generate go run ./internal/confusablesgen -o homoglyph_table.go

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/parallaxhq/parallax"
)

// KindHomoglyph is the repair kind of [Homoglyphs]; its count is the number
// of letters replaced.
const KindHomoglyph = "homoglyph"

// homoglyphEntry is one row of the generated UTS #39 confusables table.
type homoglyphEntry struct {
	r     rune
	proto string
}

// Homoglyphs repairs Latin letters disguised as Cyrillic or Greek look-alikes
// (Cyrillic "е" for Latin "e", Greek "ο" for "o"), the trick used to hide a
// copied article from duplicate detectors. The zero value is ready to use;
// its tables are generated from Unicode UTS #39 confusables.txt.
//
// It replaces a Cyrillic or Greek letter by its Latin prototype only where
// the letter is a disguise:
//   - inside a word (a run of letters and marks) that mixes Latin with
//     Cyrillic or Greek letters, when every non-Latin letter of the word has
//     a Latin look-alike, or the word is mostly Latin;
//   - in a word made entirely of look-alike letters (a lone "а", "оn" typed
//     all in Cyrillic) when it stands between Latin words in a text whose
//     words are mostly Latin. A lone Greek letter ("α-helix", "γ rays") and
//     an upper-case acronym ("СССР") are left alone: they are more often
//     symbols or names quoted as written than disguises.
//
// Genuine Cyrillic and Greek text — a Russian paragraph, a Cyrillic name
// quoted inside English — is never touched, and text without Cyrillic or
// Greek letters comes back unchanged.
type Homoglyphs struct{}

var _ Fixer = Homoglyphs{}

// homoglyphClass sorts words by the scripts of their letters.
type homoglyphClass uint8

const (
	homoglyphOther    homoglyphClass = iota // no Latin, Cyrillic or Greek letter
	homoglyphLatin                          // Latin letters only (of the three scripts)
	homoglyphMixed                          // Latin and Cyrillic/Greek letters
	homoglyphDisguise                       // only Cyrillic/Greek letters, all with Latin look-alikes
	homoglyphForeign                        // a Cyrillic/Greek letter with no Latin look-alike, no Latin
)

type homoglyphWord struct {
	start, end int
	class      homoglyphClass
	fix        bool // replace its look-alike letters
}

// Fix implements [Fixer].
func (Homoglyphs) Fix(text string, log *Log) string {
	if !homoglyphHasCandidate(text) {
		return text
	}
	words := homoglyphWords(text)
	latin, foreign := 0, 0
	for i := range words {
		w := &words[i]
		switch w.class {
		case homoglyphLatin:
			latin++
		case homoglyphForeign:
			foreign++
		case homoglyphMixed:
			latin++
			w.fix = homoglyphMixedIsDisguise(text[w.start:w.end])
		}
	}
	if foreign <= latin {
		homoglyphMarkRuns(text, words)
	}

	var b strings.Builder
	last, total := 0, 0
	for _, w := range words {
		if !w.fix {
			continue
		}
		before := text[w.start:w.end]
		after, n := homoglyphReplace(before)
		if n == 0 {
			continue
		}
		if total == 0 {
			b.Grow(len(text))
		}
		b.WriteString(text[last:w.start])
		b.WriteString(after)
		last = w.end
		total += n
		log.Add(KindHomoglyph, n, before, after)
	}
	if total == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// homoglyphHasCandidate reports whether text holds any Cyrillic or Greek
// letter with a Latin look-alike; most texts hold none and return at once.
func homoglyphHasCandidate(text string) bool {
	for _, r := range text {
		if r >= 0x370 {
			if homoglyphLatinOf(r) != "" {
				return true
			}
		}
	}
	return false
}

// homoglyphWords splits text into words (runs of letters and marks) and
// classifies each.
func homoglyphWords(text string) []homoglyphWord {
	var words []homoglyphWord
	start := -1
	var nLat, nAlien, nConf int
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := homoglyphWord{start: start, end: end}
		switch {
		case nAlien == 0 && nLat == 0:
			w.class = homoglyphOther
		case nAlien == 0:
			w.class = homoglyphLatin
		case nLat > 0:
			w.class = homoglyphMixed
		case nConf == nAlien:
			w.class = homoglyphDisguise
		default:
			w.class = homoglyphForeign
		}
		words = append(words, w)
		start, nLat, nAlien, nConf = -1, 0, 0, 0
	}
	for i, r := range text {
		if !unicode.IsLetter(r) && !unicode.IsMark(r) {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
		}
		switch {
		case r < 0x80 || unicode.Is(unicode.Latin, r):
			if unicode.IsLetter(r) {
				nLat++
			}
		case unicode.Is(unicode.Cyrillic, r) || unicode.Is(unicode.Greek, r):
			nAlien++
			if homoglyphLatinOf(r) != "" {
				nConf++
			}
		}
	}
	flush(len(text))
	return words
}

// homoglyphMixedIsDisguise decides whether a word mixing Latin with Cyrillic
// or Greek letters is a disguised Latin word: every non-Latin letter has a
// Latin look-alike, or Latin letters are the majority.
func homoglyphMixedIsDisguise(word string) bool {
	lat, alien, conf := 0, 0, 0
	for _, r := range word {
		switch {
		case !unicode.IsLetter(r):
		case r < 0x80 || unicode.Is(unicode.Latin, r):
			lat++
		case unicode.Is(unicode.Cyrillic, r) || unicode.Is(unicode.Greek, r):
			alien++
			if homoglyphLatinOf(r) != "" {
				conf++
			}
		}
	}
	return conf == alien || lat > alien
}

// homoglyphMaxRun is the longest run of all-look-alike words that is
// repaired when it stands between Latin words.
const homoglyphMaxRun = 3

// homoglyphMarkRuns marks runs of words made entirely of look-alike letters
// that stand between Latin words.
func homoglyphMarkRuns(text string, words []homoglyphWord) {
	latinish := func(i int) bool {
		return i >= 0 && i < len(words) &&
			(words[i].class == homoglyphLatin || words[i].class == homoglyphMixed && words[i].fix)
	}
	for i := 0; i < len(words); {
		if words[i].class != homoglyphDisguise {
			i++
			continue
		}
		j := i
		for j < len(words) && words[j].class == homoglyphDisguise {
			j++
		}
		prevOK := i == 0 || latinish(i-1)
		nextOK := j == len(words) || latinish(j)
		ok := prevOK && nextOK && (i > 0 || j < len(words)) && j-i <= homoglyphMaxRun
		for k := i; k < j && ok; k++ {
			words[k].fix = homoglyphLoneWordIsDisguise(text[words[k].start:words[k].end])
		}
		i = j
	}
}

// homoglyphLoneWordIsDisguise reports whether a word made only of
// look-alike letters, standing among Latin words, is a disguise. A lone
// Greek letter is more likely a symbol ("γ rays"), and an upper-case word of
// several letters more likely a genuine acronym quoted as written ("СССР").
func homoglyphLoneWordIsDisguise(w string) bool {
	first, _ := utf8.DecodeRuneInString(w)
	if utf8.RuneCountInString(w) == 1 {
		return !unicode.Is(unicode.Greek, first)
	}
	for _, r := range w {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// The Greek and Cyrillic blocks, where most look-alikes are, get a dense
// table: a map lookup per letter costs more than the rest of the scan.
const homoglyphDenseLo, homoglyphDenseHi = 0x370, 0x530

var homoglyphDense = func() (t [homoglyphDenseHi - homoglyphDenseLo]string) {
	for r, p := range homoglyphToLatin {
		if homoglyphDenseLo <= r && r < homoglyphDenseHi {
			t[r-homoglyphDenseLo] = p
		}
	}
	return t
}()

// homoglyphLatinOf returns the Latin prototype of a Cyrillic or Greek
// look-alike letter, or "".
func homoglyphLatinOf(r rune) string {
	if homoglyphDenseLo <= r && r < homoglyphDenseHi {
		return homoglyphDense[r-homoglyphDenseLo]
	}
	if r < homoglyphDenseLo {
		return ""
	}
	return homoglyphToLatin[r]
}

// homoglyphReplace replaces the look-alike letters of word by their Latin
// prototypes and returns how many it replaced.
func homoglyphReplace(word string) (string, int) {
	var b strings.Builder
	n := 0
	for _, r := range word {
		if p := homoglyphLatinOf(r); p != "" {
			b.WriteString(p)
			n++
			continue
		}
		b.WriteRune(r)
	}
	return b.String(), n
}

// HomoglyphSignal returns the manipulation signal for the homoglyph repairs
// recorded in log ("disguised text: N letters"), and false when there were
// none.
func HomoglyphSignal(log *Log) (parallax.Signal, bool) {
	n := log.Count(KindHomoglyph)
	if n == 0 {
		return parallax.Signal{}, false
	}
	return parallax.Signal{
		Kind:   "disguised-text",
		Detail: fmt.Sprintf("disguised text: %d letters", n),
		Count:  n,
	}, true
}

// Skeleton folds s for matching look-alike texts, after UTS #39 §4: it
// decomposes s (NFD), replaces every confusable code point by its prototype
// (Cyrillic "е" and Latin "e" both become "e", digit "0" becomes "O"),
// lower-cases the result and folds it once more. Two texts that look alike
// have the same skeleton. A skeleton is for comparison only, never for
// display: it also folds genuine Cyrillic and Greek letters, and maps some
// Latin letters to look-alike sequences ("m" becomes "rn").
func Skeleton(s string) string {
	s = homoglyphFold(norm.NFD.String(s))
	return homoglyphFold(strings.ToLower(s))
}

// homoglyphFold replaces each confusable code point by its prototype.
func homoglyphFold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if p, ok := homoglyphPrototype(r); ok {
			b.WriteString(p)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// homoglyphASCII holds the prototypes of the few confusable ASCII
// characters, so that plain text folds without searching the table.
var homoglyphASCII = func() (t [utf8.RuneSelf]string) {
	for _, e := range homoglyphSkeletonTable {
		if e.r < utf8.RuneSelf {
			t[e.r] = e.proto
		}
	}
	return t
}()

// homoglyphPrototype looks r up in the confusables table.
func homoglyphPrototype(r rune) (string, bool) {
	if r < utf8.RuneSelf {
		p := homoglyphASCII[r]
		return p, p != ""
	}
	i, ok := slices.BinarySearchFunc(homoglyphSkeletonTable[:], r, func(e homoglyphEntry, r rune) int {
		return int(e.r - r)
	})
	if !ok {
		return "", false
	}
	return homoglyphSkeletonTable[i].proto, true
}
