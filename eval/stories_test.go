package eval

import (
	"bytes"
	"context"
	"crypto/sha256"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/group"
	"github.com/parallaxhq/parallax/internal/shared"
	"github.com/parallaxhq/parallax/pipeline"
	"github.com/parallaxhq/parallax/sqlite"
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

// TestStoriesBBC groups the BBC corpus (2,225 undated articles in five
// topic categories). Its exact duplicate files must all be found, and no
// story may merge articles just because they share a topic's vocabulary:
// none grows large, and very few span two categories (some events are
// both — a football club's takeover is business and sport — so each is
// logged for a person to judge).
func TestStoriesBBC(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests 2,225 articles")
	}
	dir := shared.Path(t, "eval-data", "news-corpus", "bbc")
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "bbc.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	stats, err := (&pipeline.Ingester{Store: store}).Ingest(ctx, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	// Exact duplicates, counted independently: files whose bytes repeat.
	seen, dupFiles := map[[32]byte]bool{}, 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txt") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(bytes.TrimSpace(b))
		if seen[sum] {
			dupFiles++
		}
		seen[sum] = true
		return nil
	})
	if got := stats.Total().Duplicate; got != dupFiles || dupFiles < 98 {
		t.Errorf("ingest found %d duplicates, the files hold %d repeats (want ≥ 98)", got, dupFiles)
	}
	if _, err := group.Run(ctx, store, group.Options{}); err != nil {
		t.Fatal(err)
	}
	categories := map[string]map[string]bool{}
	sizes := map[string]int{}
	for a, err := range store.Articles(ctx, parallax.ArticleFilter{}) {
		if err != nil {
			t.Fatal(err)
		}
		if categories[a.StoryID] == nil {
			categories[a.StoryID] = map[string]bool{}
		}
		for _, l := range a.Locations {
			categories[a.StoryID][filepath.Base(filepath.Dir(l.Path))] = true
		}
		sizes[a.StoryID]++
	}
	largest, multi, crossing := 0, 0, 0
	for id, cats := range categories {
		if len(cats) > 1 {
			crossing++
			t.Logf("story %s spans categories %v", id, cats)
		}
		largest = max(largest, sizes[id])
		if sizes[id] > 1 {
			multi++
		}
	}
	t.Logf("%d stories; %d with more than one article; the largest has %d", len(sizes), multi, largest)
	if crossing > 3 {
		t.Errorf("%d stories span two categories, want at most 3", crossing)
	}
	if largest > 8 {
		t.Errorf("the largest story has %d articles; BBC's events are covered by a handful at most", largest)
	}
}
