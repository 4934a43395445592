package compare

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/parallaxhq/parallax"
)

// naiveAverageLink is average link done the slow, obvious way: every
// step scans all pairs of clusters for the best allowed merge.
func naiveAverageLink(n int, group []int, edges []edge, threshold float64) [][]int {
	sim := map[[2]int]float64{}
	for _, e := range edges {
		sim[[2]int{e.a, e.b}], sim[[2]int{e.b, e.a}] = e.sim, e.sim
	}
	var cs [][]int
	for i := range n {
		cs = append(cs, []int{i})
	}
	for {
		bi, bj, best := -1, -1, threshold
		for i := range cs {
			for j := i + 1; j < len(cs); j++ {
				clash, sum := false, 0.0
				for _, x := range cs[i] {
					for _, y := range cs[j] {
						clash = clash || group[x] == group[y]
						sum += sim[[2]int{x, y}]
					}
				}
				avg := sum / float64(len(cs[i])*len(cs[j]))
				if !clash && (avg > best || (avg == best && bi < 0)) {
					bi, bj, best = i, j, avg
				}
			}
		}
		if bi < 0 {
			break
		}
		cs[bi] = append(cs[bi], cs[bj]...)
		cs = slices.Delete(cs, bj, bj+1)
	}
	for _, c := range cs {
		slices.Sort(c)
	}
	return cs
}

func sortedClusters(cs [][]int) [][]int {
	cs = slices.Clone(cs)
	slices.SortFunc(cs, func(a, b []int) int { return a[0] - b[0] })
	return cs
}

// TestAverageLinkMatchesNaive checks the indexed clustering against the
// obvious one on random sparse graphs whose similarities are distinct, so
// that ties cannot order merges differently.
func TestAverageLinkMatchesNaive(t *testing.T) {
	tests := []struct {
		name         string
		n, groups    int
		density, th  float64
		seed1, seed2 uint64
	}{
		{"sparse, many groups", 40, 10, 0.1, 0.3, 1, 2},
		{"dense, few groups", 30, 3, 0.5, 0.4, 3, 4},
		{"one group: nothing merges", 12, 1, 0.8, 0.1, 5, 6},
		{"low threshold", 50, 8, 0.15, 0.05, 7, 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(tt.seed1, tt.seed2))
			group := make([]int, tt.n)
			for i := range group {
				group[i] = r.IntN(tt.groups)
			}
			var edges []edge
			for i := range tt.n {
				for j := i + 1; j < tt.n; j++ {
					if group[i] != group[j] && r.Float64() < tt.density {
						edges = append(edges, edge{i, j, 0.05 + 0.95*r.Float64()})
					}
				}
			}
			got := sortedClusters(averageLink(tt.n, group, edges, tt.th))
			want := sortedClusters(naiveAverageLink(tt.n, group, edges, tt.th))
			if merged := len(got) < tt.n; merged != (tt.groups > 1) {
				t.Errorf("%d clusters of %d items: merged = %v", len(got), tt.n, merged)
			}
			if !slices.EqualFunc(got, want, slices.Equal) {
				t.Errorf("clusters\n got %v\nwant %v", got, want)
			}
		})
	}
}

// TestCompoundSkipsOnlyZeroes checks that skipping VADER for a sentence
// without a lexicon word never changes a score.
func TestCompoundSkipsOnlyZeroes(t *testing.T) {
	for _, text := range []string{
		"The committee met on Tuesday in the capital.",
		"The talks were a great success, officials said.",
		"NOT good at all!!!",
		"Kim's visit ended :) without incident.",
		"Fighting killed 12 people.",
		"He said “no comment” — and left.",
		"The deal 👍 was signed.",
		"kind of a mess",
		"",
	} {
		want := vader().PolarityScores(text).Compound
		if got := compound(text); got != want {
			t.Errorf("compound(%q) = %v, VADER says %v", text, got, want)
		}
	}
}

func TestBackgroundAddFingerprint(t *testing.T) {
	tests := []struct {
		name string
		fp   *parallax.Fingerprint
		ok   bool
		rare []string // keys whose df the fingerprint raises
	}{
		{"no fingerprint", nil, false, nil},
		{"empty fingerprint", &parallax.Fingerprint{}, false, nil},
		{"stems, entities, numbers", &parallax.Fingerprint{
			Terms:  []string{"s:harbour", "e:porto-vale", "#:40,000", "n:porto vale", "w:mell"},
			Counts: []int{3, 2, 1, 1, 1},
		}, true, []string{"harbour", entityPrefix + "porto-vale", numberPrefix + "40000"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := NewBackground()
			b.Add(&parallax.Article{Paragraphs: []parallax.Paragraph{{Text: "Nothing of note happened."}}})
			before := map[string]float64{}
			for _, k := range tt.rare {
				before[k] = b.idf(k)
			}
			if got := b.AddFingerprint(&parallax.Article{Fingerprint: tt.fp}); got != tt.ok {
				t.Fatalf("AddFingerprint = %v, want %v", got, tt.ok)
			}
			wantDocs := 1
			if tt.ok {
				wantDocs = 2
			}
			if b.Docs() != wantDocs {
				t.Errorf("Docs = %d, want %d", b.Docs(), wantDocs)
			}
			for _, k := range tt.rare {
				// one more document, and it holds k: idf falls
				if b.idf(k) >= before[k] {
					t.Errorf("idf(%q) = %.3f, was %.3f: the fingerprint did not count", k, b.idf(k), before[k])
				}
			}
		})
	}
}
