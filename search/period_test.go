package search

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestPeriodCover(t *testing.T) {
	day := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	tests := []struct {
		name     string
		from, to string
		want     [][2]string
	}{
		{"one day", "2024-03-02", "2024-03-02", [][2]string{{"day", "2024-03-02"}}},
		{"whole month", "2024-02-01", "2024-02-29", [][2]string{{"month", "2024-02"}}},
		{"months and edge days", "2024-01-30", "2024-04-01", [][2]string{
			{"day", "2024-01-30"}, {"day", "2024-01-31"}, {"month", "2024-02"}, {"month", "2024-03"}, {"day", "2024-04-01"}}},
		{"whole year between months", "2022-12-01", "2024-01-31", [][2]string{
			{"month", "2022-12"}, {"year", "2023"}, {"month", "2024-01"}}},
		{"month cut short is days", "2024-03-01", "2024-03-03", [][2]string{
			{"day", "2024-03-01"}, {"day", "2024-03-02"}, {"day", "2024-03-03"}}},
		{"to before from", "2024-03-02", "2024-03-01", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, periodCover(day(tt.from), day(tt.to))); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	// A long ragged range stops early; dateFilter then uses the numeric range.
	if got := periodCover(day("2020-01-02"), day("2024-12-30")); len(got) <= maxPeriodTerms {
		t.Errorf("ragged five-year range: %d terms, want more than %d", len(got), maxPeriodTerms)
	}
}
