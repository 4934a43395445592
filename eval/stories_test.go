package eval

import (
	"context"
	"os"
	"testing"

	"github.com/parallaxhq/parallax/group"
	"github.com/parallaxhq/parallax/internal/shared"
)

func TestScoreClusters(t *testing.T) {
	gold := map[string]string{"a": "1", "b": "1", "c": "2", "d": "2"}
	perfect := ScoreClusters(map[string]string{"a": "x", "b": "x", "c": "y", "d": "y"}, gold)
	if perfect.PairF1 != 1 || perfect.BCubedF1 != 1 {
		t.Errorf("perfect = %+v", perfect)
	}
	merged := ScoreClusters(map[string]string{"a": "x", "b": "x", "c": "x", "d": "x"}, gold)
	if merged.PairPrecision != 2.0/6 || merged.PairRecall != 1 || merged.BCubedPrecison != 0.5 {
		t.Errorf("all merged = %+v", merged)
	}
	split := ScoreClusters(map[string]string{"a": "1", "b": "2", "c": "3", "d": "4"}, gold)
	if split.PairRecall != 0 || split.PairPrecision != 1 || split.BCubedRecall != 0.5 {
		t.Errorf("all split = %+v", split)
	}
}

// TestStoriesBASIL groups BASIL's 300 articles (100 events × 3 outlets):
// the bar is pairwise F1 ≥ 0.95.
func TestStoriesBASIL(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests 300 articles")
	}
	dir := shared.Path(t, "eval-data", "story-clustering", "basil")
	res, err := Stories(context.Background(), dir, group.Options{}, os.Stdout)
	if err != nil {
		t.Fatal(err)
	}
	if res.Articles != 300 || res.GoldClusters != 100 {
		t.Fatalf("read %d articles in %d events, want 300 in 100", res.Articles, res.GoldClusters)
	}
	if res.PairF1 < 0.95 {
		t.Errorf("pairwise F1 %.3f, want ≥ 0.95", res.PairF1)
	}
}
