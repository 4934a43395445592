package repair

import (
	"net/url"
	"path"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxhq/parallax"
)

// Aside kinds that [Body] gives the lines it takes out of the text. Each
// removal is also recorded in the log under the same kind.
const (
	AsideTimestamp       = "timestamp"        // an ISO 8601 or written-out date and time alone on a line
	AsideTag             = "tag"              // a topic tag or section label
	AsideXPath           = "xpath"            // a scraper's XPath expression
	AsideImageURL        = "image-url"        // the URL of an image
	AsideRelatedURL      = "related-url"      // the URL of an article page
	AsideURL             = "url"              // any other URL alone on a line
	AsideContact         = "contact"          // an e-mail address with a phone number or an outlet name
	AsideCopyright       = "copyright"        // "©", "Copyright 2023", "All rights reserved"
	AsideKeywords        = "keywords"         // a comma-separated keyword list
	AsideImageSize       = "image-size"       // "1920 1080 true", "1920x1080"
	AsideRepeatedTitle   = "repeated-title"   // the title again, as a paragraph
	AsideRelatedHeadline = "related-headline" // a headline of another article after the text
	AsideByline          = "byline"           // an author's name on its own, or "By …"
	AsideSignoff         = "signoff"          // "Name, Outlet News." closing a broadcast report
	AsideYear            = "year"             // a year alone on a line
	AsideLocale          = "locale"           // a locale code such as "en_EN"
)

// pageItem is one paragraph on its way through [Body].
type pageItem struct {
	text    string
	kind    parallax.ParagraphKind
	speaker string
	aside   string // the aside kind, once the item is taken out of the text
	prose   bool
}

// Body cleans the body of an article whose text is already decoded and
// repaired letter by letter (charset, mojibake, homoglyphs). title is the
// article's title ("" if unknown) and paras its paragraphs without the
// title. Body
//   - takes out lines that are not prose — timestamps, tag lists, XPath
//     lines, image and article URLs, contact and copyright lines, keyword
//     lists, image sizes, the title repeated, bylines, a broadcast sign-off,
//     a related headline after the end of the text — and returns them as
//     asides, which keep any metadata they carry (a URL, a date, a name);
//   - splits paragraphs glued without a space ("region.Per Dr. Chung");
//   - drops transcript role markers ("Anchor:", "Report:") and turns
//     "[Sound bite: SPEAKER (LANGUAGES)]“…”" into a sound-bite paragraph
//     whose Speaker is SPEAKER and whose Text is the quote;
//   - marks section subheads as headings.
//
// Lines are judged by their shape and their place (before, inside or after
// the prose), never by the words of a particular site. Every change is
// recorded in log; a clean article comes back paragraph for paragraph,
// byte-identical. Paragraphs that are only white space are dropped. Body
// never writes text of its own: each paragraph it returns is a part of one
// of paras.
func Body(title string, paras []string, log *Log) (body []parallax.Paragraph, asides []parallax.Aside) {
	items := pageSplit(paras, log, &asides)
	pageJudge(title, items)
	for _, it := range items {
		switch {
		case it.aside != "":
			t := strings.TrimSpace(it.text)
			asides = append(asides, parallax.Aside{Kind: it.aside, Text: t})
			log.Add(it.aside, 1, t, "")
		case it.kind == parallax.ParagraphHeading:
			t := strings.TrimSpace(it.text)
			body = append(body, parallax.Paragraph{Text: t, Kind: it.kind})
			log.Add(KindSubhead, 1, t, "")
		default:
			body = append(body, parallax.Paragraph{Text: it.text, Kind: it.kind, Speaker: it.speaker})
		}
	}
	return body, asides
}

// pageSplit turns paragraphs into items: it takes junk lines out of
// multi-line paragraphs, splits glued text, strips transcript markers and
// parses sound bites.
func pageSplit(paras []string, log *Log, asides *[]parallax.Aside) []*pageItem {
	var items []*pageItem
	for _, p := range paras {
		if strings.TrimSpace(p) == "" {
			continue
		}
		if strings.Contains(p, "\n") {
			p = pageDropJunkLines(p, log, asides)
			if p == "" {
				continue
			}
		}
		pieces := glueSplit(p)
		if pieces == nil {
			pieces = []gluePiece{{text: p}}
		} else {
			for i := 1; i < len(pieces); i++ {
				a, b := pieces[i-1].text, pieces[i].text
				log.Add(KindGlue, 1, pageTail(a)+pageHead(b), pageTail(a)+" ¶ "+pageHead(b))
			}
		}
		for _, pc := range pieces {
			text := pc.text
			if len(pieces) > 1 {
				text = strings.TrimSpace(text)
			}
			if pc.heading {
				items = append(items, &pageItem{text: text, kind: parallax.ParagraphHeading})
				continue
			}
			if rest, marker := transcriptStripMarker(text); marker != "" {
				log.Add(KindTranscriptMarker, 1, strings.TrimSpace(marker), "")
				text = rest
			}
			if speaker, quote, marker, ok := transcriptSoundBite(text); ok {
				log.Add(KindSoundBite, 1, marker, speaker)
				items = append(items, &pageItem{text: quote, kind: parallax.ParagraphSoundBite, speaker: speaker, prose: true})
				continue
			}
			// A sound bite whose quote is the next paragraph takes it.
			if n := len(items); n > 0 && items[n-1].kind == parallax.ParagraphSoundBite && items[n-1].text == "" {
				items[n-1].text = text
				continue
			}
			items = append(items, &pageItem{text: text, kind: parallax.ParagraphBody})
		}
	}
	// A sound-bite marker with no quote after it says nothing: keep the
	// speaker out of the body rather than return an empty paragraph.
	out := items[:0]
	for _, it := range items {
		if it.kind != parallax.ParagraphSoundBite || it.text != "" {
			out = append(out, it)
		}
	}
	return out
}

// pageDropJunkLines removes the lines of a multi-line paragraph whose shape
// alone shows they are not prose, and returns what is left ("" if nothing).
func pageDropJunkLines(p string, log *Log, asides *[]parallax.Aside) string {
	lines := strings.Split(p, "\n")
	kept := lines[:0:0]
	for _, line := range lines {
		t := strings.TrimSpace(line)
		if kind := pageLineShape(t); kind != "" {
			*asides = append(*asides, parallax.Aside{Kind: kind, Text: t})
			log.Add(kind, 1, t, "")
			continue
		}
		kept = append(kept, line)
	}
	if len(kept) == len(lines) {
		return p
	}
	return strings.TrimSpace(strings.Join(kept, "\n"))
}

// pageJudge decides which items are asides and which are headings.
func pageJudge(title string, items []*pageItem) {
	if len(items) == 0 {
		return
	}
	if title == "" && !pageIsProse(items[0].text) && pageItemShape(items[0].text) == "" {
		title = items[0].text // the title came as the first paragraph
		items = items[1:]
	}
	// A broadcast sign-off closes the text; it reads as a short sentence.
	for i := len(items) - 1; i >= 0; i-- {
		if it := items[i]; it.kind != parallax.ParagraphHeading {
			if it.kind == parallax.ParagraphBody && pageSignoffRe.MatchString(strings.TrimSpace(it.text)) {
				it.aside = AsideSignoff
			}
			break
		}
	}
	normTitle := pageNorm(title)
	for _, it := range items {
		switch {
		case it.kind != parallax.ParagraphBody || it.aside != "":
		case normTitle != "" && len(it.text) <= 2*len(title)+pageTitleSlack && pageNorm(it.text) == normTitle:
			it.aside = AsideRepeatedTitle
		case !strings.Contains(strings.TrimSpace(it.text), "\n"):
			it.aside = pageItemShape(it.text)
		}
		if it.aside == "" && it.kind == parallax.ParagraphBody {
			it.prose = pageIsProse(it.text)
		}
	}
	pageTagRuns(items)

	first, last := -1, -1
	for i, it := range items {
		if it.aside == "" && it.prose {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return
	}
	trailer := pageTrailerIsJunk(items, last)
	for i, it := range items {
		if it.aside != "" || it.kind != parallax.ParagraphBody || it.prose {
			continue
		}
		switch {
		case i < first:
			if pageBylineRe.MatchString(strings.TrimSpace(it.text)) {
				it.aside = AsideByline
			}
		case i > last:
			if trailer {
				it.aside = pageTrailer(strings.TrimSpace(it.text))
			}
		case i-first >= pageSubheadMinBefore && last-i >= pageSubheadMinAfter &&
			pageIsSubhead(strings.TrimSpace(it.text)) && pageBetweenSentences(items, i):
			it.kind = parallax.ParagraphHeading
		}
	}
}

// pageTrailerIsJunk reports whether the short lines after the last prose
// paragraph (at last) are page furniture rather than part of the text (a
// list, a table, a closing line): either lines of an unmistakable junk
// shape stand among them, or there is only one.
func pageTrailerIsJunk(items []*pageItem, last int) bool {
	kept := 0
	for _, it := range items[last+1:] {
		switch {
		case it.aside != "" && it.aside != AsideSignoff:
			return true
		case it.aside == "":
			kept++
		}
	}
	return kept == 1
}

// pageBetweenSentences reports whether the item at i stands between two
// paragraphs of prose, the one before ending a sentence and the one after
// starting one: a paragraph broken in the middle of a sentence is no
// subhead.
func pageBetweenSentences(items []*pageItem, i int) bool {
	var prev, next *pageItem
	for j := i - 1; j >= 0 && prev == nil; j-- {
		if items[j].aside == "" {
			prev = items[j]
		}
	}
	for j := i + 1; j < len(items) && next == nil; j++ {
		if items[j].aside == "" {
			next = items[j]
		}
	}
	if prev == nil || next == nil || !prev.prose || !next.prose || !pageEndsSentence(prev.text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(next.text, " \t\r\n\"“‘'"))
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// pageTagRuns marks runs of two or more tag-like items (short lower-case
// lines, one tag each) as tags. Items already taken out do not break a run.
func pageTagRuns(items []*pageItem) {
	var run []*pageItem
	flush := func() {
		if len(run) >= 2 {
			for _, it := range run {
				it.aside = AsideTag
			}
		}
		run = run[:0]
	}
	for _, it := range items {
		switch {
		case it.aside != "":
		case it.kind == parallax.ParagraphBody && pageTagRe.MatchString(it.text) && pageWords(it.text) <= pageTagMaxWords:
			run = append(run, it)
		default:
			flush()
		}
	}
	flush()
}

// Line shapes.
var (
	pageISOTimeRe = regexp.MustCompile(`^(?i:(?:published|updated|posted|last updated|modified)\s*:?\s*)?` +
		`\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}| ?UTC| ?GMT)?)?$`)
	pageMonths       = `(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)`
	pageClock        = `(?:,? \d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp]\.?[Mm]\.?)?(?: [A-Z]{2,4})?)?`
	pageWrittenTime  = regexp.MustCompile(`^(?i:(?:published|updated|posted|last updated)\s*:?\s*)?(?:\d{1,2} ` + pageMonths + `,? \d{4}|` + pageMonths + `\.? \d{1,2}, \d{4})` + pageClock + `$`)
	pageImageSizeRe  = regexp.MustCompile(`^\d{2,5}(?:\s+\d{2,5}\s+(?:true|false)|\s*[x×]\s*\d{2,5})$`)
	pageURLRe        = regexp.MustCompile(`^(?:https?://|www\.)\S+$`)
	pageEmailRe      = regexp.MustCompile(`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`)
	pagePhoneRe      = regexp.MustCompile(`\+\d[\d ().-]{6,}\d|\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}`)
	pageCopyrightRe  = regexp.MustCompile(`(?i)©|^\(c\) *(?:\d{4}|copyright)\b|^copyright\b|\ball rights reserved\b`)
	pageYearRe       = regexp.MustCompile(`^(?:1[89]|20)\d{2}$`)
	pageLocaleRe     = regexp.MustCompile(`^[a-z]{2,3}[_-][A-Za-z]{2}$`)
	pageTagRe        = regexp.MustCompile(`^[\p{Ll}\p{N}][\p{Ll}\p{N} &'’-]*$`)
	pageBylineRe     = regexp.MustCompile(`^(?i:by)\s+\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|and|de|van|von|al|bin))*$`)
	pageNameRe       = regexp.MustCompile(`^\p{Lu}\p{Ll}+(?:[-'’]\p{L}\p{Ll}*)?(?: \p{Lu}\p{Ll}+(?:[-'’]\p{L}\p{Ll}*)?){1,2}$`)
	pageSignoffRe    = regexp.MustCompile(`^\p{Lu}[\p{L}'’.-]*(?: \p{Lu}[\p{L}'’.-]*){1,3}, [\p{Lu}\p{N}][\p{L}\p{N}&'’.-]*(?: [\p{Lu}\p{N}][\p{L}\p{N}&'’.-]*){0,5}\.$`)
	pageImageExts    = map[string]bool{".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".webp": true, ".svg": true, ".avif": true, ".bmp": true}
	pageArticlePathR = regexp.MustCompile(`\d{5,}|[a-z0-9]+-[a-z0-9]+-[a-z0-9]+|\.s?html?$`)
)

const (
	pageTagMaxWords      = 4  // a tag line has at most this many words
	pageKeywordsMin      = 5  // a keyword list has at least this many items
	pageKeywordMaxWords  = 8  // and each item at most this many words,
	pageKeywordMeanWords = 4  // this many on average
	pageContactMaxWords  = 12 // a contact line without a phone number is short
	pageCopyrightMaxWord = 30
	pageProseMinWords    = 6  // a sentence this long with a final stop is prose
	pageProseLongWords   = 12 // a line this long is prose whatever its end
	pageSubheadMaxWords  = 10
	pageSubheadMinBefore = 3 // a subhead sections a longer text: it has paragraphs before
	pageSubheadMinAfter  = 2 // and after it
	pageHeadlineMaxWords = 16
	pageTitleSlack       = 16 // a paragraph longer than twice the title and this is no copy of it
)

// pageLineShape classifies a line whose shape alone shows it is not prose,
// wherever it stands, even inside a paragraph: an ISO timestamp, an XPath,
// a URL, an image size.
func pageLineShape(t string) string {
	switch {
	case t == "":
		return ""
	case pageISOTimeRe.MatchString(t):
		return AsideTimestamp
	case pageImageSizeRe.MatchString(t):
		return AsideImageSize
	case pageURLRe.MatchString(t):
		return pageURLKind(t)
	case pageIsXPath(t):
		return AsideXPath
	}
	return ""
}

// pageItemShape classifies a one-line paragraph by its shape: the line
// shapes, and those that need the whole paragraph to be sure (contact and
// copyright lines, keyword lists, a written-out date, a year, a locale).
func pageItemShape(t string) string {
	t = strings.TrimSpace(t)
	if k := pageLineShape(t); k != "" {
		return k
	}
	words := pageWords(t)
	switch {
	case pageWrittenTime.MatchString(t):
		return AsideTimestamp
	case strings.IndexByte(t, '@') >= 0 && pageEmailRe.MatchString(t) &&
		(pagePhoneRe.MatchString(t) || words <= pageContactMaxWords && !pageEndsSentence(t)):
		return AsideContact
	case words <= pageCopyrightMaxWord && pageCopyrightRe.MatchString(t):
		return AsideCopyright
	case pageIsKeywords(t):
		return AsideKeywords
	case pageYearRe.MatchString(t):
		return AsideYear
	case pageLocaleRe.MatchString(t):
		return AsideLocale
	}
	return ""
}

// pageTrailer classifies a short non-prose paragraph after the end of the
// text, or returns "" to keep it.
func pageTrailer(t string) string {
	words := pageWords(t)
	first, _ := utf8.DecodeRuneInString(t)
	switch {
	case pageBylineRe.MatchString(t) || pageNameRe.MatchString(t):
		return AsideByline
	case words <= pageTagMaxWords && pageTagRe.MatchString(t),
		words == 1 && unicode.IsUpper(first) && pageIsWord(t):
		return AsideTag
	case words >= 3 && words <= pageHeadlineMaxWords && unicode.IsUpper(first) && pageIsHeadline(t):
		return AsideRelatedHeadline
	}
	return ""
}

// pageCopulas are verbs that headline style leaves out.
var pageCopulas = map[string]bool{"is": true, "are": true, "was": true, "were": true, "be": true, "been": true}

// pageIsHeadline reports whether a line reads as a headline: one line, no
// sentence punctuation, no copula ("is", "were"), at least one lower-case
// word (a verb or a preposition, unlike a bare name) and at least half its
// words capitalised, as in a headline full of names or in title case —
// unlike a closing remark such as "Half-Life 2 is out now for the PC" — and
// with at most one number, unlike a line of a table ("ADVANCES 647
// DECLINES 566").
func pageIsHeadline(t string) bool {
	if strings.ContainsAny(t, "\n.:;,!?()<>") {
		return false
	}
	fields := strings.Fields(t)
	caps, numbers := 0, 0
	for _, f := range fields {
		if pageCopulas[f] {
			return false
		}
		if r, _ := utf8.DecodeRuneInString(f); unicode.IsDigit(r) {
			if numbers++; numbers > 1 {
				return false
			}
		}
		if r, _ := utf8.DecodeRuneInString(f); unicode.IsUpper(r) {
			caps++
		}
	}
	return 2*caps >= len(fields) && caps < len(fields)
}

// pageIsSubhead reports whether a short paragraph has the shape of a
// section subhead: a few words, starting with a capital, with no sentence
// punctuation, no copula, not starting with a pronoun nor ending on a word
// such as "for", "the" or a dash.
func pageIsSubhead(t string) bool {
	words := pageWords(t)
	first, _ := utf8.DecodeRuneInString(t)
	if words < 2 || words > pageSubheadMaxWords || !(unicode.IsUpper(first) || unicode.IsDigit(first)) ||
		strings.ContainsAny(t, ".!?;,:\"“”…()<>") || strings.Contains(t, "  ") {
		return false
	}
	fields := strings.Fields(t)
	if last, _ := utf8.DecodeLastRuneInString(t); glueSmallWords[fields[len(fields)-1]] || pageStartsPronoun[fields[0]] || strings.ContainsRune("-–—", last) {
		return false
	}
	for _, f := range fields {
		if pageCopulas[f] {
			return false
		}
	}
	return true
}

// pageStartsPronoun are words a sentence starts with but a subhead does not.
var pageStartsPronoun = map[string]bool{"He": true, "She": true, "It": true, "They": true, "We": true, "I": true, "You": true}

// pageIsProse reports whether a paragraph reads as running text.
func pageIsProse(t string) bool {
	n := pageWords(t)
	return n >= pageProseLongWords || n >= pageProseMinWords && pageEndsSentence(t)
}

// pageEndsSentence reports whether t ends with a sentence mark, maybe
// followed by closing quotes or brackets.
func pageEndsSentence(t string) bool {
	t = strings.TrimRight(t, " \t\r\n\"”’')]")
	r, _ := utf8.DecodeLastRuneInString(t)
	return r == '.' || r == '!' || r == '?' || r == '…'
}

func pageIsXPath(t string) bool {
	if !strings.HasPrefix(t, "/") {
		return false
	}
	hint := false
	for _, f := range strings.Fields(t) {
		if !strings.HasPrefix(f, "/") {
			return false
		}
		hint = hint || strings.HasPrefix(f, "/html") || strings.HasPrefix(f, "//") || strings.Contains(f, "[@")
	}
	return hint
}

// pageURLKind tells image URLs and article URLs from other URLs.
func pageURLKind(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return AsideURL
	}
	p := strings.ToLower(u.Path)
	switch {
	case pageImageExts[path.Ext(p)]:
		return AsideImageURL
	case pageArticlePathR.MatchString(p):
		return AsideRelatedURL
	}
	return AsideURL
}

// pageIsKeywords reports whether t is a comma-separated list of short,
// mostly lower-case keywords with no sentence punctuation.
func pageIsKeywords(t string) bool {
	if pageEndsSentence(t) || strings.HasSuffix(t, ",") {
		return false
	}
	parts := strings.Split(t, ", ")
	if len(parts) < pageKeywordsMin {
		return false
	}
	lower, words := 0, 0
	for _, p := range parts {
		p = strings.TrimSpace(p)
		n := pageWords(p)
		if n == 0 || n > pageKeywordMaxWords || strings.ContainsAny(p, ",.!?;:\"“”()") || !strings.ContainsFunc(p, unicode.IsLetter) {
			return false
		}
		words += n
		if r, _ := utf8.DecodeRuneInString(p); !unicode.IsUpper(r) {
			lower++
		}
	}
	return 2*lower >= len(parts) && words <= pageKeywordMeanWords*len(parts)
}

func pageIsWord(t string) bool {
	for _, r := range t {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// pageWords counts the words of t, as strings.Fields would split them.
func pageWords(t string) int {
	n, in := 0, false
	for _, r := range t {
		space := unicode.IsSpace(r)
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

// pageNorm folds case and white space for comparing a paragraph with the
// title.
func pageNorm(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

// pageExampleWidth is how much text either side of a join a glue example
// shows.
const pageExampleWidth = 24

func pageTail(s string) string {
	for len(s) > pageExampleWidth {
		_, n := utf8.DecodeRuneInString(s)
		s = s[n:]
	}
	return s
}

func pageHead(s string) string {
	for len(s) > pageExampleWidth {
		_, n := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-n]
	}
	return s
}
