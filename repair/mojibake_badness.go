package repair

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The badness heuristic decides whether a text looks like mojibake at all.
// Decoding UTF-8 that was misread as a single-byte code page yields
// characters from a small set (accented capitals, currency and math signs,
// box drawing, C1 controls …) in orders that real text almost never uses:
// a lower-case accented letter followed by an accented capital, a currency
// sign followed by an opening quote. The heuristic classifies characters and
// matches short sequences of classes. It follows the analysis behind ftfy
// (Robyn Speer, Apache-2.0); the classes and sequences below are our own
// statement of it, tuned on its public test cases.

// mojibakeClass is a bit set of character classes.
type mojibakeClass uint32

const (
	mbC1          mojibakeClass = 1 << iota // C1 controls, U+0080–U+009F: only mojibake uses them
	mbBad                                   // symbols almost only seen in mojibake: ¦ ¤ ¨ ¬ ¯ ¸ ƒ ˆ † ‰ ◊ …
	mbLaw                                   // § ¶
	mbCurrency                              // ¢ £ ¥ € ₧
	mbOpen                                  // opening punctuation: ¡ ¿ « ‘ “ „ • ©
	mbClose                                 // closing punctuation and marks: ® » ” › ™
	mbNumeric                               // ² ³ ± ½ × ÷ µ √ ∞ ≤ …
	mbKaomoji                               // letters and signs people draw faces with: ò–ö ø–ü °
	mbUpperAcc                              // accented Latin capitals
	mbLowerAcc                              // accented Latin small letters
	mbUpperCommon                           // Greek and Cyrillic capitals, Þ
	mbLowerCommon                           // Greek and Cyrillic small letters
	mbBox                                   // box drawing and blocks
	mbCommon                                // characters common in any text: NBSP, soft hyphen, ·, ´, – — ―, …, ’

	// ASCII and Unicode properties, set by mojibakeClassOf.
	mbASCIILower  // a–z
	mbASCIILetter // A–Z a–z
	mbSpace       // Unicode white space
	mbWord        // letter, digit or underscore
)

// Unions used in the sequence rules.
const (
	mbAccented = mbUpperAcc | mbLowerAcc
	mbSymbols  = mbCurrency | mbNumeric | mbBox | mbOpen | mbClose | mbLaw
)

var mojibakeClassMembers = []struct {
	class mojibakeClass
	runes string
}{
	{mbCommon, "\u00a0\u00ad\u00b7\u00b4\u2013\u2014\u2015\u2026\u2019"},
	{mbBad, "\u00a6\u00a4\u00a8\u00ac\u00af\u00b8\u0192\u02c6\u02c7\u02d8\u02db\u02dc" +
		"\u2020\u2021\u2030\u2310\u25ca\ufffd\u00aa\u00ba"},
	{mbLaw, "\u00b6\u00a7"},
	{mbCurrency, "\u00a2\u00a3\u00a5\u20a7\u20ac"},
	{mbOpen, "\u00a1\u00ab\u00bf\u00a9\u0384\u0385\u2018\u201a\u201c\u201e\u2022\u2039\uf8ff"},
	{mbClose, "\u00ae\u00bb\u02dd\u201d\u203a\u2122"},
	{mbNumeric, "\u00b2\u00b3\u00b9\u00b1\u00bc\u00bd\u00be\u00d7\u00b5\u00f7\u2044\u2202" +
		"\u2206\u220f\u2211\u221a\u221e\u2229\u222b\u2248\u2260\u2261\u2264\u2265\u2116"},
	{mbKaomoji, mojibakeRange('Ò', 'Ö') + mojibakeRange('Ù', 'Ü') + mojibakeRange('ò', 'ö') +
		mojibakeRange('ø', 'ü') + "ŐŌŪŲ°"},
	{mbUpperAcc, mojibakeRange('À', 'Ñ') + "ØÜÝĂĀĄĆČĎĐĘĚĒĖĞĢİĪĶĹĽŁĻŃŇŅŒŘŚŞŠŢŤŮŰŸŹŻŽҐ"},
	{mbLowerAcc, "ß" + mojibakeRange('à', 'ñ') + "ăąāćčďđęěēėğģįīķĺľłļœŕśşšťüźżžґﬁﬂ"},
	{mbUpperCommon, "Þ" + mojibakeRange('Α', 'Ω') + "ΆΈΉΊΌΎΏΪΫ" + mojibakeRange('Ё', 'Я')},
	{mbLowerCommon, mojibakeRange('α', 'ω') + "άέήίΰ" + mojibakeRange('а', 'џ')},
	{mbBox, "│┌┐┘├┤┬┼" + mojibakeRange('═', '╬') + "▀▄█▌▐░▒▓"},
}

func mojibakeRange(lo, hi rune) string {
	var b strings.Builder
	for r := lo; r <= hi; r++ {
		b.WriteRune(r)
	}
	return b.String()
}

// mojibakeClassTables holds the classes of runes: a table for those below
// U+0500, a map for the few classified runes above.
type mojibakeClassTables struct {
	low  [0x500]mojibakeClass
	high map[rune]mojibakeClass
}

var mojibakeClasses = sync.OnceValue(func() *mojibakeClassTables {
	t := &mojibakeClassTables{high: make(map[rune]mojibakeClass)}
	for r := rune(0x80); r < 0xA0; r++ {
		t.low[r] |= mbC1
	}
	for _, m := range mojibakeClassMembers {
		for _, r := range m.runes {
			if r < 0x500 {
				t.low[r] |= m.class
			} else {
				t.high[r] |= m.class
			}
		}
	}
	return t
})

// mojibakeClassOf returns the classes of r.
func mojibakeClassOf(t *mojibakeClassTables, r rune) mojibakeClass {
	var c mojibakeClass
	switch {
	case r >= 'a' && r <= 'z':
		return mbASCIILower | mbASCIILetter | mbWord
	case r >= 'A' && r <= 'Z':
		return mbASCIILetter | mbWord
	case r >= '0' && r <= '9' || r == '_':
		return mbWord
	case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f':
		return mbSpace
	case r < 0x80:
		return 0
	case r < 0x500:
		c = t.low[r]
	default:
		c = t.high[r]
	}
	if unicode.IsSpace(r) {
		c |= mbSpace
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
		c |= mbWord
	}
	return c
}

// mojibakeStep is one position of a sequence rule: a rune matches if it has
// one of the classes or is one of the listed runes. not inverts the test.
type mojibakeStep struct {
	class mojibakeClass
	runes string
	not   bool
}

func (s mojibakeStep) match(r rune, c mojibakeClass) bool {
	ok := c&s.class != 0 || s.runes != "" && strings.ContainsRune(s.runes, r)
	return ok != s.not
}

// mojibakeRule is a sequence of steps; atStart rules match only at the
// start of the text.
type mojibakeRule struct {
	atStart bool
	steps   []mojibakeStep
}

func mbC(c mojibakeClass) mojibakeStep            { return mojibakeStep{class: c} }
func mbR(runes string) mojibakeStep               { return mojibakeStep{runes: runes} }
func mbCR(c mojibakeClass, r string) mojibakeStep { return mojibakeStep{class: c, runes: r} }
func mbSeq(steps ...mojibakeStep) mojibakeRule    { return mojibakeRule{steps: steps} }

// mojibakeRules are the sequences that mark a text as mojibake.
var mojibakeRules = []mojibakeRule{
	// A C1 control on its own.
	mbSeq(mbC(mbC1)),
	// A near-certain mojibake symbol next to accented letters or symbols.
	mbSeq(mbC(mbBad|mbAccented|mbSymbols), mbC(mbBad)),
	mbSeq(mbC(mbBad), mbC(mbAccented|mbSymbols)),
	mbSeq(mbC(mbASCIILetter), mbC(mbLowerCommon|mbUpperCommon), mbC(mbBad)),
	// An accented capital right after a small letter or a symbol.
	mbSeq(mbC(mbLowerAcc|mbLowerCommon|mbBox|mbClose|mbCurrency|mbNumeric), mbC(mbUpperAcc)),
	// A small accented letter right after a symbol.
	mbSeq(mbC(mbBox|mbClose|mbCurrency|mbNumeric), mbC(mbLowerAcc)),
	// A currency sign glued to the end of a word.
	mbSeq(mbC(mbLowerAcc|mbBox|mbClose), mbC(mbCurrency)),
	mbSeq(mbC(mbSpace), mbC(mbUpperAcc), mbC(mbCurrency)),
	// Numeric or legal signs glued to accented capitals or boxes.
	mbSeq(mbC(mbUpperAcc|mbBox), mbC(mbNumeric|mbLaw)),
	// Punctuation in impossible orders.
	mbSeq(mbC(mbAccented|mbBox|mbCurrency|mbClose), mbC(mbOpen), mbC(mbNumeric)),
	mbSeq(mbC(mbAccented|mbCurrency|mbNumeric|mbBox|mbLaw), mbC(mbClose), mbC(mbOpen)),
	mbSeq(mbC(mbCurrency|mbNumeric|mbBox), mbC(mbOpen)),
	mbSeq(mbC(mbASCIILower), mbC(mbUpperAcc), mbC(mbOpen|mbCurrency)),
	// Box drawing mixed with letters and symbols.
	mbSeq(mbC(mbBox), mbC(mbKaomoji)),
	mbSeq(mbC(mbAccented|mbCurrency|mbNumeric|mbOpen|mbClose|mbLaw), mbC(mbBox)),
	mbSeq(mbC(mbBox), mbC(mbClose)),
	// Punctuation inside a word after an accented letter.
	mbSeq(mbC(mbAccented), mbC(mbOpen|mbClose), mbC(mbWord)),
	// œ not followed by a Latin letter; a degree sign after an accented capital.
	mbSeq(mbR("Œœ"), mojibakeStep{class: mbASCIILetter, not: true}),
	mbSeq(mbC(mbUpperAcc), mbR("°")),
	// Two-character Windows-1252 mojibake of Latin-1 and common symbols.
	mbSeq(mbR("ÂÃÎÐ"), mbCR(mbOpen|mbClose, "€œŠš¢£Ÿž\u00ad®©°·»–—´")),
	mbSeq(mbR("ÃÎÐ"), mbR("\u00a0")),
	// Â before a no-break space, except inside capitals (MISUTÂ AJIKKO),
	// where Â is more likely a letter than mojibake.
	{atStart: true, steps: []mojibakeStep{mbR("Â"), mbR("\u00a0")}},
	mbSeq(mojibakeStep{runes: mojibakeASCIIUpper, not: true}, mbR("Â"), mbR("\u00a0")),
	mbSeq(mbR(mojibakeASCIIUpper), mbR("Â"), mbR("\u00a0"), mojibakeStep{runes: mojibakeASCIIUpper, not: true}),
	mbSeq(mbR("×"), mbR("²³")),
	// Windows-1252 mojibake of Arabic: two Ø/Ù pairs in a row.
	mbSeq(mbR("ØÙ"), mbCR(mbCommon|mbCurrency|mbBad|mbNumeric|mbOpen, "ŸŠ®°µ»"),
		mbR("ØÙ"), mbCR(mbCommon|mbCurrency|mbBad|mbNumeric|mbOpen, "ŸŠ®°µ»")),
	// The same with the 0xA0 of an Arabic-Indic zero turned into a space.
	mbSeq(mbR("ØÙ"), mbR(" \u00a0"), mbR("ØÙ"), mbCR(mbCommon|mbCurrency|mbBad|mbNumeric|mbOpen, " ŸŠ®°µ»")),
	// Windows-1252 mojibake of Indic scripts.
	mbSeq(mbR("à"), mbR("²µ¹¼½¾")),
	// MacRoman mojibake.
	mbSeq(mbR("√"), mbR("±∂†≠®™´≤≥¥µø")),
	mbSeq(mbR("≈"), mbR("°¢")),
	mbSeq(mbR("‚"), mbR("Ä"), mbR("ìîïòôúùû†°¢π")),
	mbSeq(mbR("‚"), mbR("âó"), mbR("àä°ê")),
	// Windows-1251 mojibake of punctuation (U+2000–U+206F) and of Latin-1 or
	// Cyrillic; the two-letter sequences are common, so three are required.
	mbSeq(mbR("в"), mbR("Ђ")),
	mbSeq(mbR("ВГРС"), mbCR(mbC1|mbBad|mbOpen|mbClose|mbCurrency, "°µ"), mbR("ВГРС")),
	mbSeq(mbR("Г"), mbR("ў"), mbR("В"), mbR("Ђ"), mbR("В"), mojibakeStep{not: true},
		mbCR(mbASCIILetter, " ")),
	// Windows-1251 mojibake of a Latin-1 letter inside a Latin word (mГ©dicament).
	mbSeq(mbC(mbASCIILetter), mbR("ВГРС"), mbCR(mbC1|mbBad|mbOpen|mbClose|mbCurrency, "°µ")),
	// Code page 437 mojibake of ¿ and ¡ before a word.
	mbSeq(mbR("┬"), mbR("┐í"), mbC(mbASCIILetter)),
	// Windows-1252 for à, á and the no-break space itself.
	mbSeq(mbR("Ã"), mbR("\u00a0¡")),
	mbSeq(mbC(mbASCIILower), mbR("ÃÂ"), mbR(" ")),
	mbSeq(mbC(mbASCIILower), mbC(mbSpace), mbR("ÃÂ"), mbR(" ")),
	{atStart: true, steps: []mojibakeStep{mbR("ÃÂ"), mbR(" ")}},
	// Â before the very character it encodes.
	mbSeq(mbCR(mbASCIILower|mbClose, ".,?!"), mbR("Â"), mbCR(mbCommon|mbClose, " ")),
	// Windows-1253 (Greek) and Windows-1257 (Baltic) mojibake.
	mbSeq(mbR("β"), mbR("€"), mbR("™\u00a0Ά\u00ad®°")),
	mbSeq(mbR("ΒΓΞΟ"), mbCR(mbC1|mbBad|mbOpen|mbClose|mbCurrency, "°"), mbR("ΒΓΞΟ")),
	mbSeq(mbR("ā"), mbR("€")),
}

// mojibakeMaxSteps is the length of the longest rule.
const mojibakeMaxSteps = 7

// mojibakeStepSets holds, for one rune, the set of rules (bit i for
// mojibakeRules[i]) whose step k matches it, for each k.
type mojibakeStepSets [mojibakeMaxSteps]uint64

// mojibakeMatcher finds rule matches with bit sets: whether a step matches
// depends only on the rune, so the sets are computed once per rune, and a
// rule matches at a position when its bit survives the AND of the sets of
// the runes there.
type mojibakeMatcher struct {
	low     [0x500]mojibakeStepSets            // runes below U+0500
	high    map[rune]mojibakeStepSets          // classified or named runes above
	byClass map[mojibakeClass]mojibakeStepSets // other runes above, by class
	doneBy  [mojibakeMaxSteps]uint64           // rules with at most k steps
	atStart uint64                             // rules that only match at the start
}

var mojibakeMatch = sync.OnceValue(func() *mojibakeMatcher {
	if len(mojibakeRules) > 64 {
		panic("repair: more than 64 mojibake rules")
	}
	t := mojibakeClasses()
	m := &mojibakeMatcher{
		high:    make(map[rune]mojibakeStepSets),
		byClass: make(map[mojibakeClass]mojibakeStepSets),
	}
	sets := func(r rune) mojibakeStepSets {
		var ss mojibakeStepSets
		c := mojibakeClassOf(t, r)
		for i, rule := range mojibakeRules {
			for k, st := range rule.steps {
				if st.match(r, c) {
					ss[k] |= 1 << i
				}
			}
		}
		return ss
	}
	for r := range rune(0x500) {
		m.low[r] = sets(r)
	}
	named := func(r rune) {
		if r >= 0x500 {
			m.high[r] = sets(r)
		}
	}
	for r := range t.high {
		named(r)
	}
	for _, rule := range mojibakeRules {
		for _, st := range rule.steps {
			for _, r := range st.runes {
				named(r)
			}
		}
	}
	// A rune above U+0500 that no class or rule names can only differ in
	// the properties mojibakeClassOf adds.
	for _, c := range []mojibakeClass{0, mbWord, mbSpace, mbWord | mbSpace} {
		var ss mojibakeStepSets
		for i, rule := range mojibakeRules {
			for k, st := range rule.steps {
				if st.match(-1, c) {
					ss[k] |= 1 << i
				}
			}
		}
		m.byClass[c] = ss
	}
	for i, rule := range mojibakeRules {
		for k := len(rule.steps); k < mojibakeMaxSteps; k++ {
			m.doneBy[k] |= 1 << i
		}
		if rule.atStart {
			m.atStart |= 1 << i
		}
	}
	return m
})

func (m *mojibakeMatcher) sets(r rune) *mojibakeStepSets {
	if r >= 0 && r < 0x500 {
		return &m.low[r]
	}
	if ss, ok := m.high[r]; ok {
		return &ss
	}
	var c mojibakeClass
	if unicode.IsSpace(r) {
		c |= mbSpace
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
		c |= mbWord
	}
	ss := m.byClass[c]
	return &ss
}

// mojibakeIsBad reports whether s contains a sequence that marks mojibake.
// Text with no characters above U+007F but everyday punctuation is never
// bad.
func mojibakeIsBad(s string) bool {
	if mojibakePlain(s) {
		return false
	}
	m := mojibakeMatch()
	runes := []rune(s)
	// Every rule needs a rune above U+007F within its first three steps, so
	// only starts up to two runes before such a rune are tried.
	last := -1
	for j, r := range runes {
		if r < 0x80 {
			continue
		}
		for i := max(j-2, last+1); i <= j; i++ {
			if m.badAt(runes, i) {
				return true
			}
		}
		last = j
	}
	return false
}

// badAt reports whether a rule matches at runes[i].
func (m *mojibakeMatcher) badAt(runes []rune, i int) bool {
	live := ^uint64(0)
	if i != 0 {
		live &^= m.atStart
	}
	for k := 0; k < mojibakeMaxSteps; k++ {
		if i+k >= len(runes) {
			return live&m.doneBy[k] != 0
		}
		live &= m.sets(runes[i+k])[k] | m.doneBy[k]
		if live == 0 {
			return false
		}
	}
	return true
}

// mojibakePlain reports whether every rune of s is ASCII or typographic
// punctuation of everyday text (curly quotes, dashes, ellipsis, no-break
// space): no rule can match such text, so most English text skips the full
// check.
func mojibakePlain(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '\u2018', '\u2019', '\u201c', '\u201d', '\u2013', '\u2014', '\u2026', '\u00a0':
		default:
			return false
		}
		i += size
	}
	return true
}

const mojibakeASCIIUpper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

// mojibakeASCII reports whether s is pure ASCII.
func mojibakeASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
