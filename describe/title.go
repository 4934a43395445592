package describe

import (
	"regexp"
	"strings"
	"unicode"
)

// photoCredit matches a line that credits a picture: "Photo : YONHAP News",
// "Photo by Jane Doe", "(Image: Reuters)", "© AFP".
var photoCredit = regexp.MustCompile(`(?i)^\(?\s*(?:(?:file |main |top |cover )?(?:photo(?:graph)?s?|images?|pictures?|pics?|fotos?|video|credits?|photo credits?)(?:\s+(?:by|courtesy(?:\s+of)?|from|via))?\s*[:：|/]\s*|(?:photo(?:graph)?s?|images?|pictures?)\s+(?:by|courtesy(?:\s+of)?)\s+|©\s*|\(c\)\s+)(.{2,80}?)\s*\)?\s*$`)

// creditWords end or make up the name of a picture source.
var creditWords = regexp.MustCompile(`(?i)\b(?:news|agency|images?|photos?|press|pool|getty|afp|ap|reuters|epa|efe|xinhua|yonhap|kcna|tass|sputnik|handout|ministry|office|courtesy|stock|shutterstock|alamy|wire|media|tv)\b|/`)

// parseCredit returns the source named by a photo-credit line, or false when
// s is not one. "Photos: Kim arrives in Vladivostok" is a gallery title,
// not a credit: the source must be short and read like a name.
func parseCredit(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if !mayBeCredit(s) {
		return "", false
	}
	m := photoCredit.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	src := strings.TrimSpace(m[1])
	words := strings.Fields(src)
	if len(words) == 0 || len(words) > 6 {
		return "", false
	}
	if creditWords.MatchString(src) || isPersonName(src) || strings.ToUpper(src) == src {
		return src, true
	}
	for _, w := range words {
		if r := []rune(w)[0]; !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return "", false
		}
	}
	return src, true
}

// urlLine matches a line that is nothing but a URL.
var urlLine = regexp.MustCompile(`(?i)^(?:https?://|www\.)\S+$`)

// timestampLine matches a line that is nothing but an ISO 8601 date or time.
var timestampLine = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$`)

// creditStarts are the lower-case openings a photo-credit line can have;
// checking them first spares the regular expression most lines.
var creditStarts = []string{"photo", "image", "pic", "foto", "video", "credit", "file ", "main ", "top ", "cover ", "©", "(c) ", "("}

func mayBeCredit(s string) bool {
	head := strings.ToLower(s[:min(len(s), 8)])
	for _, p := range creditStarts {
		if strings.HasPrefix(head, p) {
			return true
		}
	}
	return false
}
