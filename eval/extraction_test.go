package eval_test

import (
	"bytes"
	"testing"

	"github.com/parallaxhq/parallax/eval"
	"github.com/parallaxhq/parallax/internal/shared"
	"github.com/parallaxhq/parallax/pipeline"
)

func TestExtractionMetric(t *testing.T) {
	tests := []struct {
		name        string
		truth, pred string
		f1, acc     float64
	}{
		{"equal", "one two three four five", "one two three four five", 1, 1},
		{"punctuation does not count", "One, two: three four!", "One two three four", 1, 1},
		{"empty prediction", "one two three four five", "", 0, 0},
		{"short texts are one shingle", "one two", "one two", 1, 1},
		{"half", "a b c d e f g", "a b c d", 2 * 0.25 / 1.25, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := eval.ScoreExtraction("x", map[string]string{"d": tt.truth}, map[string]string{"d": tt.pred})
			if diff := s.F1 - tt.f1; diff > 1e-9 || diff < -1e-9 || s.Accuracy != tt.acc {
				t.Errorf("F1 %v accuracy %v, want %v %v", s.F1, s.Accuracy, tt.f1, tt.acc)
			}
		})
	}
}

// TestExtraction runs the Zyte benchmark: the published peers' figures
// are reproduced from their outputs, and ours reaches go-trafilatura's.
func TestExtraction(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts 181 pages")
	}
	dir := shared.Path(t, "eval-data", "article-extraction")
	prep, err := pipeline.NewPreparer(pipeline.Config{})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	res, err := eval.Extraction(dir, eval.PipelineText(prep), &out)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + out.String())
	published := map[string][4]float64{ // F1, P, R, accuracy from the folder's README
		"go_trafilatura": {0.960, 0.940, 0.980, 0.287},
		"trafilatura":    {0.958, 0.938, 0.978, 0.293},
		"readability_js": {0.947, 0.914, 0.982, 0.166},
		"html-text":      {0.665, 0.500, 0.994, 0},
		"newspaper":      {0.949, 0.964, 0.934, 0.326},
	}
	for _, p := range res.Peers {
		want, ok := published[p.System]
		if !ok {
			continue
		}
		got := [4]float64{p.F1, p.Precision, p.Recall, p.Accuracy}
		for i := range got {
			if d := got[i] - want[i]; d > 0.0005 || d < -0.0005 {
				t.Errorf("%s: computed %.3f, published %.3f (figure %d)", p.System, got[i], want[i], i)
			}
		}
		delete(published, p.System)
	}
	if len(published) > 0 {
		t.Errorf("peer outputs missing: %v", published)
	}
	if res.Ours.F1 < 0.960 {
		t.Errorf("our F1 %.3f, want ≥ 0.960", res.Ours.F1)
	}
}
