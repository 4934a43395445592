package repair

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Repair kinds recorded by the glue splitter.
const (
	// KindGlue counts sentences or paragraphs that were glued to the one
	// before without a space ("region.Per Dr. Chung") and split apart.
	KindGlue = "glue"
	// KindSubhead counts section subheads marked as headings, whether they
	// stood on their own line or were glued into the text.
	KindSubhead = "subhead"
)

// gluePiece is one part of a split paragraph.
type gluePiece struct {
	text    string
	heading bool // a subhead that was glued between two sentences
}

// glueAbbreviations end with a full stop without ending a sentence, so a
// capital letter right after them ("Dr.Chung", "St.Petersburg") is no join.
var glueAbbreviations = map[string]bool{
	"Adm": true, "Apr": true, "Aug": true, "Capt": true, "Cmdr": true, "Co": true, "Col": true,
	"Corp": true, "Dec": true, "Dr": true, "Feb": true, "Fig": true, "Ft": true, "Gen": true,
	"Gov": true, "Hon": true, "Inc": true, "Jan": true, "Jr": true, "Jul": true, "Jun": true,
	"Lt": true, "Ltd": true, "Maj": true, "Mar": true, "Messrs": true, "Mme": true, "Mr": true,
	"Mrs": true, "Ms": true, "Mt": true, "No": true, "Nos": true, "Nov": true, "Oct": true,
	"Ph": true, "Pres": true, "Prof": true, "Rep": true, "Rev": true, "Sen": true, "Sep": true,
	"Sept": true, "Sgt": true, "Sr": true, "St": true, "Supt": true, "Vol": true, "al": true,
	"approx": true, "vs": true,
}

// glueSplit splits a paragraph where one sentence was glued to the next
// without a space: a sentence end (". ! ?", maybe followed by a closing
// quote or bracket) directly followed by a capital letter, an opening quote
// and a capital, or a "[" marker. It never splits after an abbreviation or
// an initial ("Dr.", "U.S.", "J. R. R."), inside a number ("3.5", "10.30"),
// an ellipsis, a URL or an e-mail address. A headline-case subhead glued
// between two sentences with no separator at all ("…the scholar.Western
// Media Up in ArmsThe meeting…") is split out as a heading. It returns nil
// when there is nothing to split.
func glueSplit(p string) []gluePiece {
	cuts := glueCuts(p)
	if len(cuts) == 0 {
		return nil
	}
	pieces := make([]gluePiece, 0, len(cuts)+1)
	last := 0
	for _, c := range cuts {
		pieces = append(pieces, gluePiece{text: p[last:c]})
		last = c
	}
	pieces = append(pieces, gluePiece{text: p[last:]})
	out := pieces[:1:1]
	for _, pc := range pieces[1:] {
		if head, rest, ok := glueSubhead(pc.text); ok {
			out = append(out, gluePiece{text: head, heading: true}, gluePiece{text: rest})
			continue
		}
		out = append(out, pc)
	}
	return out
}

// glueCuts returns the byte offsets where p is to be split.
func glueCuts(p string) []int {
	var cuts []int
	straight := 0 // straight double quotes seen so far
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c == '"' {
			straight++
			continue
		}
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		if i == 0 || glueIsTerminal(p[i-1]) || i+1 < len(p) && glueIsTerminal(p[i+1]) {
			continue // an ellipsis or "?!" run: leave it
		}
		k, open := glueAfterClose(p, i+1, straight)
		if k >= len(p) {
			break
		}
		if !glueStartsSentence(p, k, open) || !glueEndsSentence(p, i) {
			continue
		}
		cuts = append(cuts, k)
	}
	return cuts
}

func glueIsTerminal(c byte) bool { return c == '.' || c == '!' || c == '?' }

// glueAfterClose skips the closing quotes and brackets after a sentence end
// at j and returns where the next sentence would begin. straight is the
// number of straight double quotes before j: when odd, a quote is open and a
// straight quote at j closes it. open reports that the character at the
// returned offset is a straight quote opening the next sentence.
func glueAfterClose(p string, j, straight int) (k int, open bool) {
	for j < len(p) {
		r, n := utf8.DecodeRuneInString(p[j:])
		switch {
		case r == '"' && straight%2 == 1:
			straight++
		case r == '"':
			return j, true
		case r == '”' || r == '’' || r == ')' || r == ']':
		default:
			return j, false
		}
		j += n
	}
	return j, false
}

// glueStartsSentence reports whether a new sentence starts at k: a capital
// letter, an opening quote before a capital or digit, or a "[" marker.
func glueStartsSentence(p string, k int, open bool) bool {
	r, n := utf8.DecodeRuneInString(p[k:])
	switch {
	case r == '[':
		return true
	case open || r == '“' || r == '‘':
		next, _ := utf8.DecodeRuneInString(p[k+n:])
		return unicode.IsUpper(next) || unicode.IsDigit(next)
	default:
		return unicode.IsUpper(r)
	}
}

// glueEndsSentence reports whether the terminal punctuation at i really
// ends a sentence rather than an abbreviation, an initial, an acronym joined
// to another (ASP.NET) or part of a URL or e-mail address.
func glueEndsSentence(p string, i int) bool {
	// The word before the mark.
	j := i
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(p[:j])
		if !unicode.IsLetter(r) {
			break
		}
		j -= n
	}
	word := p[j:i]
	if word == "" {
		r, _ := utf8.DecodeLastRuneInString(p[:i])
		return unicode.IsDigit(r) || strings.ContainsRune(")”’\"'", r)
	}
	if p[i] == '.' {
		if utf8.RuneCountInString(word) == 1 || glueAbbreviations[word] {
			return false
		}
		// "ASP.NET", "Bagle.AT", "Zafi.D": names, not sentences; and
		// codes such as "<eric.St.>" or "(cawl.L)".
		next := glueWordAt(p, i+1)
		if after := i + 1 + len(next); after < len(p) && strings.IndexByte(")>./", p[after]) >= 0 {
			return false
		}
		first, _ := utf8.DecodeRuneInString(word)
		if glueAllUpper(next) && (glueAllUpper(word) || unicode.IsUpper(first) && utf8.RuneCountInString(next) <= 3) {
			return false
		}
	}
	// The token (between spaces) holding the mark.
	s := strings.LastIndexAny(p[:i], " \t\n") + 1
	e := strings.IndexAny(p[i:], " \t\n")
	if e < 0 {
		e = len(p)
	} else {
		e += i
	}
	tok := p[s:e]
	return !strings.Contains(tok, "://") && !strings.Contains(tok, "www.") && !strings.Contains(tok, "@") &&
		glueInnerDots(tok) < 2 // "Halo.Bungie.Org"
}

// glueInnerDots counts the full stops inside tok that a letter follows.
func glueInnerDots(tok string) int {
	n := 0
	for i := 0; i+1 < len(tok); i++ {
		if tok[i] == '.' {
			if r, _ := utf8.DecodeRuneInString(tok[i+1:]); unicode.IsLetter(r) {
				n++
			}
		}
	}
	return n
}

// glueWordAt returns the run of letters starting at k.
func glueWordAt(p string, k int) string {
	e := k
	for e < len(p) {
		r, n := utf8.DecodeRuneInString(p[e:])
		if !unicode.IsLetter(r) {
			break
		}
		e += n
	}
	return p[k:e]
}

func glueAllUpper(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// glueSmallWords may stay lower-case in a headline-case subhead.
var glueSmallWords = map[string]bool{
	"a": true, "about": true, "after": true, "against": true, "amid": true, "an": true,
	"and": true, "as": true, "at": true, "but": true, "by": true, "for": true, "from": true,
	"in": true, "into": true, "of": true, "off": true, "on": true, "or": true, "over": true,
	"the": true, "to": true, "up": true, "vs": true, "with": true,
}

// Bounds on the length of a glued subhead, in words.
const (
	glueSubheadMinWords = 3
	glueSubheadMaxWords = 14
)

// glueSubhead finds a headline-case subhead glued to the sentence after it
// without any separator ("Strategic Longterm CooperationVladimir Putin
// noted…") at the start of s, and returns the subhead and the rest.
func glueSubhead(s string) (head, rest string, ok bool) {
	capitals, off := 0, 0
	for n := 0; n <= glueSubheadMaxWords; n++ {
		tail := strings.TrimLeft(s[off:], " ")
		if tail == "" {
			break
		}
		start := len(s) - len(tail)
		w, _, _ := strings.Cut(tail, " ")
		off = start + len(w)
		if j := glueCamelJoin(w); j > 0 {
			if n+1 < glueSubheadMinWords || capitals+1 < glueSubheadMinWords-1 {
				return "", "", false
			}
			cut := start + j
			head, rest = s[:cut], s[cut:]
			if len(strings.Fields(rest)) < 3 {
				return "", "", false
			}
			return head, rest, true
		}
		first, _ := utf8.DecodeRuneInString(w)
		switch {
		case strings.ContainsAny(w, ".!?;\"“”"):
			return "", "", false
		case unicode.IsUpper(first) || unicode.IsDigit(first):
			capitals++
		case !glueSmallWords[w]:
			return "", "", false
		}
	}
	return "", "", false
}

// glueCamelJoin returns the offset in a capitalised word w where a second
// capitalised word begins without a space ("MeetingThe" → 7), or 0. The
// first part must have at least four letters, so that names such as
// "McDonald", "DeSantis" or "YouTube" are not taken for joins.
func glueCamelJoin(w string) int {
	first, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(first) {
		return 0
	}
	var prev rune
	for i, r := range w {
		if i > 0 && unicode.IsLower(prev) && unicode.IsUpper(r) {
			next, _ := utf8.DecodeRuneInString(w[i+utf8.RuneLen(r):])
			letters := utf8.RuneCountInString(w[:i])
			if unicode.IsLower(next) && letters >= 4 && !strings.ContainsAny(w[:i], "-'’") {
				return i
			}
		}
		prev = r
	}
	return 0
}
