package search

import (
	"strconv"
	"time"
)

// dayLevels is how many sizes of aligned day blocks the days field holds:
// 1, 2, 4 … 2^16 days (179 years).
const dayLevels = 17

// dayOffset keeps day numbers of dates before 1970 positive.
const dayOffset = 1 << 20

// The days an open date range runs from or to: the first and last that
// RFC 3339 dates can name.
var (
	firstDay = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	lastDay  = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
)

// dayNumber returns the number of the calendar day of t (in t's location).
func dayNumber(t time.Time) int {
	return int(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC).Unix()/86400) + dayOffset
}

// dayBlock names the block of 2^level days that holds day number n.
func dayBlock(level, n int) string {
	return strconv.Itoa(level) + "/" + strconv.Itoa(n>>level)
}

// dayTerms returns the days field of an article published on a calendar
// day: the block of each size that holds the day.
func dayTerms(day time.Time) []string {
	n := dayNumber(day)
	out := make([]string, dayLevels)
	for level := range dayLevels {
		out[level] = dayBlock(level, n)
	}
	return out
}

// dayCover returns the fewest aligned blocks of the days field that cover
// the days from one to another, both included: at most two of each size,
// so that a range of months is a dozen terms, mostly big blocks whose
// posting lists Bleve joins cheaply, where Bleve's numeric range over
// nanoseconds is some hundred, and calendar terms a term a day at its
// ragged ends.
func dayCover(from, to time.Time) []string {
	var out []string
	for lo, hi := dayNumber(from), dayNumber(to); lo <= hi; {
		level := 0
		for level+1 < dayLevels && lo%(1<<(level+1)) == 0 && lo+(1<<(level+1))-1 <= hi {
			level++
		}
		out = append(out, dayBlock(level, lo))
		lo += 1 << level
	}
	return out
}
