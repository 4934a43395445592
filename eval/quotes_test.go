package eval_test

import (
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/eval"
	"github.com/parallaxhq/parallax/internal/shared"
)

// floors are a little below the figures measured when the quote finder was
// written, so that a regression fails.
type floors struct{ detectR, detectP, speakerP, speakerR float64 }

func checkQuotes(t *testing.T, dir string, want map[string]floors) {
	t.Helper()
	var out strings.Builder
	res, err := eval.Quotes(dir, &out)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + out.String())
	got := map[string]eval.QuoteScore{}
	for _, s := range res.Scores {
		got[s.Set] = s
	}
	for set, f := range want {
		s, ok := got[set]
		if !ok {
			t.Errorf("no %s row", set)
			continue
		}
		if s.DetectionRecall < f.detectR || s.DetectionPrecision < f.detectP || s.SpeakerPrecision < f.speakerP || s.SpeakerRecall < f.speakerR {
			t.Errorf("%s: detection R %.3f P %.3f, speaker P %.3f R %.3f; want at least %.2f %.2f %.2f %.2f", set,
				s.DetectionRecall, s.DetectionPrecision, s.SpeakerPrecision, s.SpeakerRecall, f.detectR, f.detectP, f.speakerP, f.speakerR)
		}
	}
}

func TestQuotesBASIL(t *testing.T) {
	dir := shared.Path(t, "eval-data", "story-clustering", "basil")
	checkQuotes(t, dir, map[string]floors{"basil": {0.95, 0, 0.65, 0.52}})
}

func TestQuotesPolNeAR(t *testing.T) {
	if testing.Short() {
		t.Skip("PolNeAR's train split takes a few seconds")
	}
	dir := shared.Path(t, "eval-data", "quotes-polnear")
	checkQuotes(t, dir, map[string]floors{
		"polnear/train direct": {0.97, 0.69, 0.85, 0.62},
		"polnear/dev direct":   {0.96, 0.76, 0.84, 0.56},
		"polnear/train all":    {0.36, 0.88, 0.86, 0.24},
		"polnear/dev all":      {0.37, 0.90, 0.85, 0.23},
	})
}

func TestEntitiesBASIL(t *testing.T) {
	dir := shared.Path(t, "eval-data", "story-clustering", "basil")
	var out strings.Builder
	s, err := eval.Entities(dir, &out)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + out.String())
	if s.Gold != 612 || s.RecallAny < 0.67 || s.RecallTop < 0.49 || s.PrecTop < 0.33 {
		t.Errorf("gold %d, recall %.3f (top 3 %.3f), precision top 3 %.3f; want 612 and at least 0.67, 0.49, 0.33",
			s.Gold, s.RecallAny, s.RecallTop, s.PrecTop)
	}
}
