package describe

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// signoff is a reporter's closing line: who reported, for which outlet.
type signoff struct {
	Name   string // the reporter, "Kim Bum-soo"
	Outlet string // the outlet as written, "KBS World Radio News"
}

// Sign-off shapes, tried in order on the last sentence of a text, its final
// period removed. Each names a reporter and an outlet; the caller checks
// both.
var signoffShapes = []*regexp.Regexp{
	// For VOA News, I'm Jane Doe in Washington.
	regexp.MustCompile(`^For (?P<outlet>[^,]{2,60}), (?:I'm|I am|this is|This is) (?P<name>[^,]{3,60}?)(?:,? (?:in|at|from|reporting from) .{2,40})?$`),
	// I'm Jane Doe, VOA News, Washington. / This is Jane Doe for BBC News.
	regexp.MustCompile(`^(?:I'm|I am|This is) (?P<name>[^,]{3,60}?)(?:, (?:for )?| for )(?P<outlet>[^,]{2,60}?)(?:,? (?:in|from) .{2,40}|, .{2,40})?$`),
	// Al Jazeera's Jane Doe reporting from Seoul.
	regexp.MustCompile(`^(?P<outlet>[^,]{2,60}?)['’]s (?P<name>[^,]{3,60}?),? reporting(?: from| in)? .{2,40}$`),
	// Kim Bum-soo, KBS World Radio News. / Jane Doe, for VOA News, Seoul.
	regexp.MustCompile(`^(?P<name>[^,]{3,60}?), (?:for |reporting for )?(?P<outlet>[^,]{2,60}?)(?:, .{2,40})?$`),
	// Jane Doe for VOA News, Seoul. / Jane Doe reporting for CNN in Seoul.
	regexp.MustCompile(`^(?P<name>[^,]{3,60}?) (?:for|reporting for) (?P<outlet>[^,]{2,60}?)(?:,? (?:in|from) .{2,40}|, .{2,40})?$`),
}

// parseSignoff reads a candidate sign-off sentence. It returns the reporter
// and the outlet phrase when s has a sign-off shape and its name part looks
// like a person's name; whether the outlet is a real one is for the caller
// to decide.
func parseSignoff(s string) (signoff, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, ".!")
	s = strings.TrimSpace(s)
	if len(s) < 8 || len(s) > 160 || strings.ContainsAny(s, "\n\"“”«»") {
		return signoff{}, false
	}
	for _, re := range signoffShapes {
		m := re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		so := signoff{
			Name:   strings.TrimSpace(m[re.SubexpIndex("name")]),
			Outlet: strings.TrimSpace(m[re.SubexpIndex("outlet")]),
		}
		if isPersonName(so.Name) && so.Outlet != "" {
			return so, true
		}
	}
	return signoff{}, false
}

// lastSentences returns up to three candidate endings of a paragraph, the
// shortest first: the text after each of the last sentence ends. A sentence
// end is ".", "!" or "?" (optionally closed by a quote mark) followed by a
// space or, in text whose paragraphs were glued, directly by a capital.
func lastSentences(p string) []string {
	p = strings.TrimSpace(p)
	var out []string
	end := len(p)
	// Skip the paragraph's own final punctuation.
	for end > 0 {
		r, size := utf8.DecodeLastRuneInString(p[:end])
		if !strings.ContainsRune(".!?\"”’ ", r) {
			break
		}
		end -= size
	}
	for i := end; i > 0 && len(out) < 3; {
		r, size := utf8.DecodeLastRuneInString(p[:i])
		i -= size
		if !strings.ContainsRune(".!?", r) {
			continue
		}
		j := i + size
		for j < len(p) {
			c, n := utf8.DecodeRuneInString(p[j:])
			if c != '"' && c != '”' && c != '’' {
				break
			}
			j += n
		}
		next, _ := utf8.DecodeRuneInString(p[j:])
		if next != ' ' && !unicode.IsUpper(next) {
			continue
		}
		if isAbbreviationEnd(p[:i]) {
			continue
		}
		out = append(out, strings.TrimSpace(p[j:]))
	}
	if len(out) < 3 && len(p) <= 200 {
		out = append(out, p)
	}
	return out
}

// isAbbreviationEnd reports whether text ends in a word that is usually
// followed by a period without ending a sentence: an initial or a title.
func isAbbreviationEnd(text string) bool {
	i := strings.LastIndexFunc(text, func(r rune) bool { return !unicode.IsLetter(r) })
	w := text[i+1:]
	if utf8.RuneCountInString(w) == 1 {
		return true
	}
	switch w {
	case "Dr", "Mr", "Mrs", "Ms", "St", "Prof", "Gen", "Sen", "Rep", "Lt", "Col", "Adm", "Jr", "Sr", "Mt":
		return true
	}
	return false
}
