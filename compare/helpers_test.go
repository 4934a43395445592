package compare_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/internal/shared"
	"github.com/parallaxhq/parallax/pipeline"
	"github.com/parallaxhq/parallax/read"
)

// summitSeeds are the four seed reports of the Vostochny summit story
// (../shared/SEEDS.md), by their three-digit prefix.
var summitSeeds = map[string]string{
	"000": "000_b8f9478c0b08424e.txt",
	"001": "001_caec8ecb0ec1d5b5.txt",
	"003": "003_cf7e1a3cf926ea66.txt",
	"004": "004_3386814acfef874b.txt",
}

// MustSeeds reads seed reports through the preparation stages and returns
// the articles by prefix; it skips when ../shared is absent.
func MustSeeds(tb testing.TB, prefixes map[string]string) map[string]*parallax.Article {
	tb.Helper()
	dir := shared.Path(tb, "seeds")
	prep, err := pipeline.NewPreparer(pipeline.Config{})
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string]*parallax.Article{}
	for prefix, name := range prefixes {
		w := &read.Walker{OnError: func(e *read.ParseError) { tb.Errorf("%s: %v", name, e) }}
		err := w.Walk(context.Background(), []string{filepath.Join(dir, name)}, func(r *read.Record) error {
			out[prefix] = prep.Prepare(r)
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
		if out[prefix] == nil {
			tb.Fatalf("%s: no article", name)
		}
	}
	return out
}
