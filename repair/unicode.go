package repair

import (
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Unicode stores text in Normalization Form C: a letter and its combining
// accent typed as two code points ("e" + U+0301) become the one precomposed
// code point ("é") that the same letter typed on most keyboards gives. Each
// run of changed characters is recorded as kind "nfc".
//
// The zero value is ready to use. Unicode changes nothing else: no-break and
// zero-width spaces, control characters, compatibility characters (ﬁ, ²,
// full-width letters) and typographic quotes and dashes are kept as typed,
// because they can carry meaning and the stored text is the record. Matching
// uses the folded form from [Fold] instead.
type Unicode struct{}

// Fix implements [Fixer].
func (Unicode) Fix(text string, log *Log) string {
	if norm.NFC.IsNormalString(text) {
		return text
	}
	out := make([]byte, 0, len(text)+len(text)/8)
	runStart, runOut := -1, 0 // start of the current changed run in text and in out
	flush := func(end, endOut int) {
		if runStart >= 0 {
			log.Add("nfc", 1, text[runStart:end], string(out[runOut:endOut]))
			runStart = -1
		}
	}
	for i := 0; i < len(text); {
		// Copy the longest prefix known to be normal, then normalize one
		// segment (a starter and what combines with it).
		if q := norm.NFC.QuickSpanString(text[i:]); q > 0 {
			flush(i, len(out))
			out = append(out, text[i:i+q]...)
			i += q
			continue
		}
		n := norm.NFC.NextBoundaryInString(text[i:], true)
		if n <= 0 {
			n = len(text) - i
		}
		seg, start := text[i:i+n], len(out)
		out = norm.NFC.AppendString(out, seg)
		if string(out[start:]) == seg {
			flush(i, start)
		} else if runStart < 0 {
			runStart, runOut = i, start
		}
		i += n
	}
	flush(len(text), len(out))
	return string(out)
}

// unicodeFoldReplacer maps typographic punctuation and invisible characters
// to the plain forms people type in a search box.
var unicodeFoldReplacer = strings.NewReplacer(
	// Single quotes and apostrophes.
	"\u2018", "'", "\u2019", "'", "\u201a", "'", "\u201b", "'", "\u2032", "'", "\u02bc", "'",
	"\u2039", "'", "\u203a", "'",
	// Double quotes.
	"\u201c", `"`, "\u201d", `"`, "\u201e", `"`, "\u201f", `"`, "\u2033", `"`,
	"\u00ab", `"`, "\u00bb", `"`,
	// Hyphens and dashes.
	"\u2010", "-", "\u2011", "-", "\u2012", "-", "\u2013", "-", "\u2014", "-", "\u2015", "-",
	"\u2212", "-", "\u00ad", "",
	// Spaces: no-break ones become spaces, zero-width ones disappear.
	"\u00a0", " ", "\u202f", " ", "\u2007", " ",
	"\u200b", "", "\u200c", "", "\u200d", "", "\u2060", "", "\ufeff", "",
)

// Fold returns the form of s used for matching, never for storing: NFKC
// (compatibility characters such as ﬁ, ² and full-width letters become
// their plain forms), case-folded, typographic quotes and dashes as ASCII,
// no-break spaces as spaces and zero-width characters and soft hyphens
// removed. Grouping and search compare folded text so that "Kim’s" matches
// "KIM'S", while the stored text keeps what was typed.
func Fold(s string) string {
	s = unicodeFoldReplacer.Replace(s)
	s = norm.NFKC.String(cases.Fold().String(norm.NFKC.String(s)))
	// NFKC can make new typographic characters (ŉ is ʼn).
	if r := unicodeFoldReplacer.Replace(s); r != s {
		s = norm.NFKC.String(r)
	}
	return s
}
