package analyze

import (
	"unicode"
	"unicode/utf8"
)

// word is one token of a paragraph as the entity and quote finders see it:
// a word (letters and digits, with inner hyphens and apostrophes, and
// initials such as "U.S." or "H.E") or a single punctuation character.
type word struct {
	start, end  int    // byte span; a possessive "’s" is outside it
	text        string // the paragraph's bytes [start:end]
	lower       string // lower case, for words
	r           rune   // the character, for punctuation
	punct       bool
	cap         bool // a word starting with an upper-case letter
	possessive  bool // followed by "’s", "'s" or a bare "’" that the span leaves out
	spaceBefore bool // white space precedes it
	hyphenAfter bool // joined to the next word by a hyphen ("DPRK-Russia", "Kim-Putin")
	full        int  // the end including a possessive suffix
}

// scanWords splits a paragraph into words and punctuation. It never fails:
// any byte sequence gives spans inside text.
func scanWords(text string) []word {
	out := make([]word, 0, len(text)/5)
	space := true
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			space = true
			i += size
			continue
		}
		if !isWordRune(r) {
			out = append(out, word{start: i, end: i + size, full: i + size, text: text[i : i+size], r: r, punct: true, spaceBefore: space})
			space = false
			i += size
			continue
		}
		w := word{start: i, spaceBefore: space, cap: unicode.IsUpper(r)}
		space = false
		j := i + size
		seg := 1 // letters since the last full stop, for initials
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if isWordRune(r) {
				j += size
				seg++
				continue
			}
			next, nsize := utf8.DecodeRuneInString(text[j+size:])
			switch {
			case (r == '-' || r == '‐') && j+size < len(text) && isWordRune(next):
				if w.cap && (unicode.IsUpper(next) || isAcronym(text[w.start:j])) {
					// two names joined: "Russia-North Korea", "US-led"
					w.hyphenAfter = true
					break
				}
				j += size
				seg = 0
				continue
			case (r == '\'' || r == '’') && j+size < len(text) && unicode.IsLetter(next):
				if (next == 's' || next == 'S') && !isWordRuneAt(text, j+size+nsize) {
					w.possessive = true
					w.end = j
					j += size + nsize
					goto done
				}
				j += size
				seg = 0
				continue
			case (r == '\'' || r == '’') && next != '\'' && next != '’' && lastRune(text[:j]) == 's' && !isWordRuneAt(text, j+size) && !isStraightOrCurlyOpen(text[:i]):
				// plural possessive: "countries’ "
				w.possessive = true
				w.end = j
				j += size
				goto done
			case r == '.' && seg == 1 && unicode.IsUpper(lastRune(text[:j])):
				// an initial: "N.", "U.S.", "H.E"
				j += size
				seg = 0
				if j < len(text) {
					if n, _ := utf8.DecodeRuneInString(text[j:]); unicode.IsLetter(n) {
						continue
					}
				}
			}
			break
		}
		w.end = j
	done:
		w.full = j
		w.text = text[w.start:w.end]
		w.lower = Lower(w.text)
		out = append(out, w)
		i = j
	}
	return out
}

// isStraightOrCurlyOpen reports whether the text before a word ends with an
// opening single quote, so that a closing "’" after an "s" closes the quote
// instead of marking a plural possessive.
func isStraightOrCurlyOpen(before string) bool {
	r := lastRune(before)
	return r == '‘' || r == '\''
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isWordRuneAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return isWordRune(r)
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// onlySpace reports whether text holds nothing but white space.
func onlySpace(text string) bool {
	for _, r := range text {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// sentenceEnds returns, for each word index, whether a sentence ends right
// after it: a full stop, question or exclamation mark (with any closing
// quote marks after it) followed by an upper-case word, an opening quote or
// the end, except after an abbreviation such as "Dr." or "Gen.".
func sentenceEnds(ws []word) []bool {
	ends := make([]bool, len(ws))
	for i, w := range ws {
		if !w.punct || (w.r != '.' && w.r != '!' && w.r != '?') {
			continue
		}
		if w.r == '.' && i > 0 && !ws[i-1].punct && abbreviations[ws[i-1].lower] {
			continue
		}
		j := i + 1
		for j < len(ws) && ws[j].punct && isClosingQuote(ws[j].r) && !ws[j].spaceBefore {
			j++
		}
		if j == len(ws) || ws[j].cap || (ws[j].punct && isOpeningQuote(ws[j].r)) || (!ws[j].punct && unicode.IsDigit(rune(ws[j].text[0]))) {
			ends[j-1] = true
		}
	}
	if len(ws) > 0 {
		ends[len(ws)-1] = true
	}
	return ends
}

// abbreviations end with a full stop that does not end a sentence.
var abbreviations = set("mr", "mrs", "ms", "dr", "prof", "gen", "adm", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "st", "jr", "sr", "no", "vs", "inc", "corp", "co", "ltd", "rev", "hon", "mt", "ft", "gov", "sept", "oct", "nov", "dec", "jan", "feb", "aug", "approx", "etc")

func isOpeningQuote(r rune) bool {
	return r == '“' || r == '"' || r == '„' || r == '«' || r == '‘' || r == '\'' || r == '‹'
}

func isClosingQuote(r rune) bool {
	return r == '”' || r == '"' || r == '“' || r == '»' || r == '’' || r == '\'' || r == '›'
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
