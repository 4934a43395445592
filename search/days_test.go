package search

import (
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// TestDayCover checks, for random ranges, that the blocks of a day's days
// field meet a range's cover exactly when the day is in the range, and
// that the cover is small.
func TestDayCover(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	base := time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC)
	for range 300 {
		from := base.AddDate(0, 0, rng.IntN(40000))
		to := from.AddDate(0, 0, rng.IntN(3000))
		cover := dayCover(from, to)
		if len(cover) > 2*dayLevels {
			t.Fatalf("%s … %s: %d blocks", from, to, len(cover))
		}
		for _, d := range []time.Time{from, to, from.AddDate(0, 0, -1), to.AddDate(0, 0, 1), from.AddDate(0, 0, rng.IntN(3000))} {
			in := !d.Before(from) && !d.After(to)
			hit := slices.ContainsFunc(dayTerms(d), func(s string) bool { return slices.Contains(cover, s) })
			if in != hit {
				t.Fatalf("%s … %s, day %s: in range %v, in cover %v", from.Format(time.DateOnly), to.Format(time.DateOnly), d.Format(time.DateOnly), in, hit)
			}
		}
	}
	day := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	if n := len(dayCover(day("2023-03-10"), day("2023-09-20"))); n > 12 {
		t.Errorf("10 March – 20 September: %d blocks, want at most 12", n)
	}
	if got := dayCover(day("1969-12-31"), day("1969-12-31")); len(got) != 1 {
		t.Errorf("one day before 1970: %v", got)
	}
}

// TestDaysFieldMarker checks that a new index marks that it has the days
// field, and that an index with articles but without the mark (built
// before the field) is stale.
func TestDaysFieldMarker(t *testing.T) {
	store, ix, path := openFixtures(t)
	if mark, err := ix.idx.GetInternal(daysKey); err != nil || len(mark) == 0 {
		t.Fatalf("a new index is not marked: %q, %v", mark, err)
	}
	if err := ix.idx.DeleteInternal(daysKey); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if old, err := Open(store, path); !errors.Is(err, ErrStale) {
		if err == nil {
			old.Close()
		}
		t.Fatalf("an index without the mark opens: %v", err)
	}
}
