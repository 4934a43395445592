package pipeline_test

import (
	"context"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/internal/shared"
	"github.com/parallaxhq/parallax/pipeline"
	"github.com/parallaxhq/parallax/read"
)

// TestCleanTextUnchanged runs the whole preparation over two clean corpora
// and checks that their text comes through byte-identical — but for the
// few real defects they have, which are listed here, kind by kind, so that
// any new change shows up as a failure to look at.
func TestCleanTextUnchanged(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 32 MB")
	}
	corpora := []struct {
		name  string
		paths []string
		// most is how many articles may change, and what kinds of repair
		// may change them.
		most  int
		kinds []string
	}{
		// BBC: sentences glued without a space, one comment title taken for
		// a subhead, two false splits of the company name "One.Tel"; and
		// sport/199.txt, still in Latin-1, decoded.
		{"bbc", []string{shared.Path(t, "eval-data", "news-corpus", "bbc")}, 10, []string{"glue", "subhead", "charset"}},
		// Reuters-21578: glued sentences, the wire's own "More" and
		// "REUTER" markers left at the end of a story, a byline, the one
		// byte 0xFC decoded — and one commodity price line taken for a
		// related headline, a known false positive.
		{"reuters", reutersFiles(t), 85, []string{"glue", "subhead", "tag", "byline", "charset", "related-headline"}},
	}
	prep, err := pipeline.NewPreparer(pipeline.Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range corpora {
		t.Run(c.name, func(t *testing.T) {
			allowed := map[string]bool{}
			for _, k := range c.kinds {
				allowed[k] = true
			}
			total, changed := 0, 0
			byKind := map[string]int{}
			w := &read.Walker{}
			err := w.Walk(context.Background(), c.paths, func(r *read.Record) error {
				if strings.HasSuffix(r.Loc.Path, "README.TXT") {
					return nil
				}
				total++
				a := prep.Prepare(r)
				if a.Text() == strings.Join(r.Paragraphs, "\n\n") && a.Title == r.Title {
					for _, rep := range a.Repairs {
						if rep.Kind != "subhead" { // a subhead is marked, its text kept
							t.Errorf("%s: text unchanged but a %s repair recorded: %+v", r.Loc.Path, rep.Kind, rep.Examples)
						}
					}
					return nil
				}
				changed++
				for _, rep := range a.Repairs {
					byKind[rep.Kind]++
					if !allowed[rep.Kind] {
						t.Errorf("%s record %d: unexpected %s repair: %+v", r.Loc.Path, r.Loc.Index, rep.Kind, rep.Examples)

					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %d of %d articles changed; articles by repair kind: %v", c.name, changed, total, byKind)
			if changed > c.most {
				t.Errorf("%d articles changed, want at most %d", changed, c.most)
			}
		})
	}
}
