package describe

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// dateline is the opening of a wire story: "MOSCOW, Sept 13 (Reuters) -".
type dateline struct {
	Place  string     // "MOSCOW"
	Month  time.Month // 0 when the dateline gives no date
	Day    int
	Year   int    // 0 when the dateline gives no year
	Credit string // "Reuters", the agency in parentheses, or ""
}

// dashes end a dateline, longest first.
var datelineDashes = []string{" -- ", " — ", " – ", " - ", " —", " –", "—"}

// parseDateline reads a dateline at the start of a paragraph. It needs a
// place in capitals or capitalized words, then a date, a credit in
// parentheses or both, then a dash: "SEOUL, Sept. 14 (Yonhap) --",
// "WASHINGTON (AP) —", "LONDON, 13 September 2023 -". Anything else is not
// a dateline.
func parseDateline(p string) (dateline, bool) {
	head, ok := "", false
	for _, d := range datelineDashes {
		if i := strings.Index(p, d); i > 0 && i <= 100 && (!ok || i < len(head)) {
			head, ok = p[:i], true
		}
	}
	if !ok {
		return dateline{}, false
	}
	var dl dateline
	head = strings.TrimSpace(head)
	if strings.HasSuffix(head, ")") {
		i := strings.LastIndexByte(head, '(')
		if i < 0 {
			return dateline{}, false
		}
		dl.Credit = strings.TrimSpace(head[i+1 : len(head)-1])
		head = strings.TrimSpace(head[:i])
		if dl.Credit == "" || len(dl.Credit) > 40 || strings.ContainsAny(dl.Credit, "()") {
			return dateline{}, false
		}
	}
	parts := strings.Split(head, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	// The date is the last part, or the last two for "Sept 13, 2023".
	switch {
	case len(parts) >= 3 && parseDate(parts[len(parts)-2]+", "+parts[len(parts)-1], &dl):
		parts = parts[:len(parts)-2]
	case len(parts) >= 2 && parseDate(parts[len(parts)-1], &dl):
		parts = parts[:len(parts)-1]
	}
	if dl.Month == 0 && dl.Credit == "" {
		return dateline{}, false
	}
	if len(parts) == 0 || len(parts) > 2 {
		return dateline{}, false
	}
	for _, pl := range parts {
		if !isPlace(pl) {
			return dateline{}, false
		}
	}
	dl.Place = strings.Join(parts, ", ")
	return dl, true
}

// isPlace reports whether s looks like a dateline place: one to four
// words, each capitalized, such as "MOSCOW", "New York" or "D.C.".
func isPlace(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 4 {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
		for _, c := range w {
			if !unicode.IsLetter(c) && !strings.ContainsRune(".-'’", c) {
				return false
			}
		}
	}
	return true
}

var monthNames = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
	"october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

// parseDate reads "Sept 13", "Sept. 13, 2023", "13 September 2023" or
// "2023-09-13" into dl; it reports false, leaving dl alone, for anything
// else or an impossible day.
func parseDate(s string, dl *dateline) bool {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		dl.Month, dl.Day, dl.Year = t.Month(), t.Day(), t.Year()
		return true
	}
	words := strings.Fields(strings.NewReplacer(",", " ", ".", " ").Replace(s))
	if len(words) < 2 || len(words) > 3 {
		return false
	}
	var month time.Month
	day, year := 0, 0
	for _, w := range words {
		if m, ok := monthNames[strings.ToLower(w)]; ok && month == 0 {
			month = m
			continue
		}
		n, err := strconv.Atoi(w)
		switch {
		case err != nil:
			return false
		case len(w) <= 2 && day == 0 && year == 0:
			day = n
		case len(w) == 4 && year == 0 && day != 0:
			year = n
		default:
			return false
		}
	}
	if month == 0 || day < 1 {
		return false
	}
	y := year
	if y == 0 {
		y = 2000 // a leap year, so that Feb 29 passes without a year
	}
	if day > time.Date(y, month+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return false
	}
	if year != 0 && (year < 1900 || year > 2100) {
		return false
	}
	dl.Month, dl.Day, dl.Year = month, day, year
	return true
}
