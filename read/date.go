package read

import (
	"strconv"
	"strings"
	"time"

	"github.com/parallaxhq/parallax"
)

// dateLayouts are the structured date forms inputs use, with the precision
// each gives. Free-text dates (datelines) are the describe stage's job.
var dateLayouts = []struct {
	layout    string
	precision parallax.Precision
}{
	{time.RFC3339Nano, parallax.PrecisionSecond},
	{"2006-01-02T15:04:05Z0700", parallax.PrecisionSecond},
	{"2006-01-02T15:04Z07:00", parallax.PrecisionSecond},
	{"2006-01-02T15:04Z0700", parallax.PrecisionSecond},
	{"2006-01-02T15:04:05", parallax.PrecisionSecond},
	{"2006-01-02 15:04:05Z07:00", parallax.PrecisionSecond},
	{"2006-01-02 15:04:05", parallax.PrecisionSecond},
	{"2006-01-02 15:04", parallax.PrecisionSecond},
	{time.RFC1123Z, parallax.PrecisionSecond},
	{time.RFC1123, parallax.PrecisionSecond},
	{"Mon, 2 Jan 2006 15:04:05 -0700", parallax.PrecisionSecond},
	{"Mon, 2 Jan 2006 15:04:05 MST", parallax.PrecisionSecond},
	{"2 Jan 2006 15:04:05 -0700", parallax.PrecisionSecond},
	{"2-Jan-2006 15:04:05", parallax.PrecisionSecond}, // Reuters-21578, after the hundredths are cut
	{time.DateOnly, parallax.PrecisionDay},
	{"2-Jan-2006", parallax.PrecisionDay},
	{"2006/01/02", parallax.PrecisionDay},
	{"January 2, 2006", parallax.PrecisionDay},
	{"Jan 2, 2006", parallax.PrecisionDay},
	{"Jan. 2, 2006", parallax.PrecisionDay},
	{"2 January 2006", parallax.PrecisionDay},
	{"2 Jan 2006", parallax.PrecisionDay},
	{"Monday, January 2, 2006", parallax.PrecisionDay},
	{"20060102", parallax.PrecisionDay},
	{"2006-01", parallax.PrecisionMonth},
	{"January 2006", parallax.PrecisionMonth},
	{"2006", parallax.PrecisionYear},
}

// parseDate reads a structured date. Times without a zone are taken as UTC.
// Up to two trailing words that are not part of the date ("… 15:01:01.79 F",
// as some Reuters-21578 records have) are dropped, but never down to a bare
// year.
func parseDate(s string) (parallax.Date, bool) {
	words := strings.Fields(s)
	for drop := 0; drop <= 2 && drop < len(words); drop++ {
		d, ok := parseDateExact(strings.Join(words[:len(words)-drop], " "))
		if ok && (drop == 0 || d.Precision != parallax.PrecisionYear) {
			return d, true
		}
	}
	return parallax.Date{}, false
}

func parseDateExact(s string) (parallax.Date, bool) {
	if s == "" {
		return parallax.Date{}, false
	}
	// Reuters-21578 writes hundredths of a second after a dot: "15:01:01.79".
	if i := strings.LastIndexByte(s, '.'); i > 0 && len(s)-i == 3 && strings.Count(s, ":") == 2 {
		if _, err := strconv.Atoi(s[i+1:]); err == nil {
			s = s[:i]
		}
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l.layout, s); err == nil {
			return parallax.Date{Time: t, Precision: l.precision}, true
		}
	}
	// A Unix time in seconds, as some JSON feeds give it.
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && n > 1e8 && n < 1e10 {
		return parallax.Date{Time: time.Unix(n, 0).UTC(), Precision: parallax.PrecisionSecond}, true
	}
	return parallax.Date{}, false
}
