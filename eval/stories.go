package eval

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/group"
	"github.com/parallaxhq/parallax/pipeline"
	"github.com/parallaxhq/parallax/sqlite"
)

// StoriesResult scores a grouping against gold labels.
type StoriesResult struct {
	Articles       int     `json:"articles"`
	GoldClusters   int     `json:"gold_clusters"`
	Clusters       int     `json:"clusters"`
	PairPrecision  float64 `json:"pair_precision"`
	PairRecall     float64 `json:"pair_recall"`
	PairF1         float64 `json:"pair_f1"`
	BCubedPrecison float64 `json:"bcubed_precision"`
	BCubedRecall   float64 `json:"bcubed_recall"`
	BCubedF1       float64 `json:"bcubed_f1"`
}

// Stories ingests a labelled corpus into a temporary store, groups it, and
// scores the stories against the gold events. dir is BASIL's folder
// (story-clustering/basil): gold_event_triplets.tsv maps each article
// path to its event. Only title and text reach the grouper; the gold
// fields of BASIL's JSON (main-event, triplet-uuid) are never read by it.
func Stories(ctx context.Context, dir string, opts group.Options, w io.Writer) (StoriesResult, error) {
	gold, err := readBASILGold(filepath.Join(dir, "gold_event_triplets.tsv"))
	if err != nil {
		return StoriesResult{}, err
	}
	tmp, err := os.MkdirTemp("", "parallax-eval-")
	if err != nil {
		return StoriesResult{}, err
	}
	defer os.RemoveAll(tmp)
	store, err := sqlite.Open(ctx, filepath.Join(tmp, "eval.db"))
	if err != nil {
		return StoriesResult{}, err
	}
	defer store.Close()
	var paths []string
	for p := range gold {
		paths = append(paths, filepath.Join(dir, p))
	}
	sort.Strings(paths)
	if _, err := (&pipeline.Ingester{Store: store}).Ingest(ctx, paths); err != nil {
		return StoriesResult{}, err
	}
	if _, err := group.Run(ctx, store, opts); err != nil {
		return StoriesResult{}, err
	}
	predicted := map[string]string{}
	labels := map[string]string{}
	for a, err := range store.Articles(ctx, parallax.ArticleFilter{}) {
		if err != nil {
			return StoriesResult{}, err
		}
		rel, _ := filepath.Rel(dir, a.Locations[0].Path)
		if g, ok := gold[filepath.ToSlash(rel)]; ok {
			labels[a.ID] = g
			predicted[a.ID] = a.StoryID
		}
	}
	res := ScoreClusters(predicted, labels)
	fmt.Fprintf(w, "articles %d, gold events %d, stories %d\n", res.Articles, res.GoldClusters, res.Clusters)
	fmt.Fprintf(w, "pairwise  P %.3f  R %.3f  F1 %.3f\n", res.PairPrecision, res.PairRecall, res.PairF1)
	fmt.Fprintf(w, "B-cubed   P %.3f  R %.3f  F1 %.3f\n", res.BCubedPrecison, res.BCubedRecall, res.BCubedF1)
	fmt.Fprintf(w, "published: Miranda et al. 2018 (streaming, English) pairwise F1 0.94 on their own set\n")
	return res, nil
}

// readBASILGold reads path → event id from gold_event_triplets.tsv.
func readBASILGold(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("eval stories: %w", err)
	}
	defer f.Close()
	gold := map[string]string{}
	sc := bufio.NewScanner(f)
	for line := 0; sc.Scan(); line++ {
		cols := strings.Split(sc.Text(), "\t")
		if line == 0 || len(cols) < 2 {
			continue
		}
		gold[cols[0]] = cols[1]
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("eval stories: %w", err)
	}
	if len(gold) == 0 {
		return nil, fmt.Errorf("eval stories: no labels in %s", path)
	}
	return gold, nil
}

// ScoreClusters compares a clustering with gold labels (both keyed by item)
// by pair counting and by B-cubed.
func ScoreClusters(predicted, gold map[string]string) StoriesResult {
	res := StoriesResult{Articles: len(gold)}
	byPred := map[string][]string{}
	byGold := map[string][]string{}
	for item, g := range gold {
		byGold[g] = append(byGold[g], item)
		byPred[predicted[item]] = append(byPred[predicted[item]], item)
	}
	res.GoldClusters, res.Clusters = len(byGold), len(byPred)
	pairs := func(n int) float64 { return float64(n*(n-1)) / 2 }
	var tp, predPairs, goldPairs float64
	for _, items := range byPred {
		predPairs += pairs(len(items))
		inGold := map[string]int{}
		for _, it := range items {
			inGold[gold[it]]++
		}
		for _, n := range inGold {
			tp += pairs(n)
		}
	}
	for _, items := range byGold {
		goldPairs += pairs(len(items))
	}
	res.PairPrecision, res.PairRecall = ratio(tp, predPairs), ratio(tp, goldPairs)
	res.PairF1 = f1(res.PairPrecision, res.PairRecall)
	var bp, br float64
	for item, g := range gold {
		p := predicted[item]
		same := 0
		for _, other := range byPred[p] {
			if gold[other] == g {
				same++
			}
		}
		bp += float64(same) / float64(len(byPred[p]))
		br += float64(same) / float64(len(byGold[g]))
	}
	n := float64(len(gold))
	res.BCubedPrecison, res.BCubedRecall = bp/n, br/n
	res.BCubedF1 = f1(res.BCubedPrecison, res.BCubedRecall)
	return res
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 1
	}
	return a / b
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
