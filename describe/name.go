package describe

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// nameParticles may stand in lower case inside a person's name.
var nameParticles = map[string]bool{
	"al": true, "bin": true, "da": true, "de": true, "del": true, "della": true, "der": true,
	"di": true, "dos": true, "du": true, "el": true, "ibn": true, "la": true, "le": true,
	"van": true, "von": true, "y": true, "ter": true, "den": true, "bint": true, "abu": true,
}

// notNameWords are capitalized words that show a phrase is not a person's
// name: the words of outlet names, job titles, page furniture.
var notNameWords = map[string]bool{
	"news": true, "radio": true, "television": true, "tv": true, "agency": true, "press": true,
	"service": true, "times": true, "post": true, "international": true, "world": true,
	"reporting": true, "report": true, "reports": true, "correspondent": true, "editor": true,
	"staff": true, "writer": true, "reporter": true, "daily": true, "herald": true,
	"journal": true, "network": true, "channel": true, "media": true, "group": true,
	"online": true, "desk": true, "bureau": true, "newsroom": true, "photo": true,
	"photos": true, "image": true, "images": true, "video": true, "share": true,
	"comments": true, "related": true, "read": true, "more": true, "advertisement": true,
	"copyright": true, "all": true, "rights": true, "reserved": true, "the": true,
	"and": true, "of": true, "for": true, "in": true, "on": true, "at": true, "by": true,
	"with": true, "from": true, "to": true, "a": true, "an": true, "is": true, "president": true,
	"minister": true, "ministry": true, "government": true, "republic": true, "state": true,
	"party": true, "committee": true, "university": true, "professor": true, "analysis": true,
	"opinion": true, "editorial": true, "sport": true, "sports": true, "business": true,
	"politics": true, "live": true, "update": true, "updates": true, "breaking": true,
	"north": true, "south": true, "east": true, "west": true, "korea": true, "russia": true,
	"china": true, "america": true, "europe": true, "union": true, "united": true,
	"nations": true, "kingdom": true, "house": true, "white": true, "council": true,
}

// isPersonName reports whether s looks like one person's name in a script
// with letter case: two to five words, each capitalized (or a particle such
// as "van" or "bin"), made of letters, hyphens, apostrophes and periods,
// with no word of an outlet's name or a job title.
func isPersonName(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 5 || len(s) > 60 {
		return false
	}
	capitalized := 0
	for _, w := range words {
		lw := strings.ToLower(strings.TrimRight(w, "."))
		if notNameWords[lw] {
			return false
		}
		if nameParticles[lw] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
		letters := 0
		for _, c := range w {
			switch {
			case unicode.IsLetter(c):
				letters++
			case c == '-' || c == '\'' || c == '’' || c == '.':
			default:
				return false
			}
		}
		if letters == 0 {
			return false
		}
		capitalized++
	}
	return capitalized >= 2
}

// splitNames splits a list of people such as "Jane Doe, John Roe and Ann
// Poe" and returns the end of the longest leading run of person names and
// whether there was at least one; it stops at the first part that is not a
// name ("in Moscow", "Staff Writer", an outlet).
func splitNames(s string) (end int, ok bool) {
	pos := 0
	for pos < len(s) {
		next, sepLen := len(s), 0
		for _, sep := range []string{", and ", ", ", " and ", " & ", "; ", " | ", " / "} {
			if i := strings.Index(s[pos:], sep); i >= 0 && pos+i < next {
				next, sepLen = pos+i, len(sep)
			}
		}
		part := strings.TrimSpace(s[pos:next])
		if !isPersonName(part) {
			// "Jane Doe in Moscow": keep the name before a place.
			if i := strings.Index(part, " in "); i > 0 && isPersonName(part[:i]) {
				return pos + strings.Index(s[pos:], part) + i, true
			}
			break
		}
		end, ok = pos+strings.Index(s[pos:], part)+len(part), true
		pos = next + sepLen
	}
	return end, ok
}
