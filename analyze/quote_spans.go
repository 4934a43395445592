package analyze

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// quoteSpan is one quoted stretch of a paragraph.
type quoteSpan struct {
	open, close int  // byte offsets of the opening mark and just after the closing mark (the paragraph's end when unclosed)
	start, end  int  // the quoted words, marks and surrounding spaces and a trailing comma left out
	closed      bool // false when the paragraph ends inside the quote
	double      bool // opened by a double mark (“ " „ «), which may run on into the next paragraph
}

// closers maps an opening quote mark to the marks that close it.
var closers = map[rune]string{
	'“': "”", '„': "“”\"", '«': "»", '‹': "›", '"': `"`, '‘': "’", '\'': "'", '»': "«",
}

// findQuotes returns the quoted spans of a paragraph in order. Double
// marks (“…”, "…", „…“, «…») may stay open at the end of the paragraph;
// single marks (‘…’, '…') must close in it, and are told from apostrophes
// by what surrounds them: an opening mark follows no letter and precedes
// one; a closing mark follows no space and precedes no letter.
func findQuotes(text string) []quoteSpan {
	var out []quoteSpan
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		cl, ok := closers[r]
		if !ok || !canOpen(text, i, size, r) {
			i += size
			continue
		}
		double := r != '‘' && r != '\''
		j := findCloser(text, i+size, cl, r)
		if j < 0 && !double {
			i += size
			continue
		}
		q := quoteSpan{open: i, double: double, closed: j >= 0}
		contentEnd := len(text)
		q.close = len(text)
		if j >= 0 {
			_, csize := utf8.DecodeRuneInString(text[j:])
			contentEnd, q.close = j, j+csize
		}
		q.start, q.end = trimQuoteText(text, i+size, contentEnd)
		if q.start < q.end {
			out = append(out, q)
		}
		i = q.close
	}
	return out
}

// canOpen reports whether the mark at text[i] can open a quote.
func canOpen(text string, i, size int, r rune) bool {
	if i+size >= len(text) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(text[i+size:])
	prev := lastRune(text[:i])
	if unicode.IsSpace(next) && r != '«' && r != '„' {
		return false
	}
	if r == '»' { // Danish and some German texts: »…«
		return !unicode.IsLetter(prev)
	}
	if r == '\'' || r == '‘' || r == '"' {
		if i > 0 && (unicode.IsLetter(prev) || unicode.IsDigit(prev)) {
			return false
		}
		if r != '"' && !unicode.IsLetter(next) && !unicode.IsDigit(next) && next != '…' && next != '.' {
			return false
		}
		if r == '\'' && unicode.IsDigit(next) { // '90s
			return false
		}
	}
	return true
}

// findCloser returns the offset of the mark closing a quote opened with
// opener, searching from i, or -1.
func findCloser(text string, i int, cl string, opener rune) int {
	single := opener == '‘' || opener == '\''
	for j := i; j < len(text); {
		r, size := utf8.DecodeRuneInString(text[j:])
		if strings.ContainsRune(cl, r) {
			next, _ := utf8.DecodeRuneInString(text[j+size:])
			after := j+size < len(text)
			prev := lastRune(text[:j])
			switch {
			case single && after && (unicode.IsLetter(next) || unicode.IsDigit(next)):
				// an apostrophe inside a word: they’ve, Kim’s
			case single && unicode.IsSpace(prev):
			case opener == '"' && after && unicode.IsLetter(next) && !unicode.IsSpace(prev):
				// a straight mark glued to the next word opens, not closes
			default:
				return j
			}
		}
		if single && (r == '“' || r == '"' || r == '\n') {
			return -1 // a single mark does not close across a double one
		}
		j += size
	}
	return -1
}

// trimQuoteText trims white space around the quoted words and a trailing
// comma inside the closing mark ("…nations," he said).
func trimQuoteText(text string, start, end int) (int, int) {
	for start < end {
		r, size := utf8.DecodeRuneInString(text[start:])
		if !unicode.IsSpace(r) {
			break
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) && r != ',' {
			break
		}
		end -= size
	}
	return start, end
}

// isTerm reports whether quoted words are a short term rather than an
// utterance: four words or fewer that do not end like a sentence ("sacred
// fight", 'strong support'), or a title in capitals.
func isTerm(s string) bool {
	n := len(strings.Fields(s))
	last := lastRune(s)
	sentence := last == '.' || last == '!' || last == '?' || last == '…'
	first, _ := utf8.DecodeRuneInString(s)
	if n <= 4 && (!sentence || !unicode.IsUpper(first)) {
		return true
	}
	if n <= 2 {
		return true
	}
	if !sentence && n <= 10 {
		for f := range strings.FieldsSeq(s) {
			r, _ := utf8.DecodeRuneInString(f)
			if unicode.IsLetter(r) && !unicode.IsUpper(r) && len(f) > 3 {
				return false
			}
		}
		return true // "Democrat Politician Protection Act"
	}
	return false
}
