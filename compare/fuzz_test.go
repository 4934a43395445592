package compare_test

import (
	"strings"
	"testing"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/compare"
)

// FuzzCompare checks the comparison's invariants on any text: every
// sentence is in exactly one fact, no fact holds two sentences of one
// article, and fact outlets match their sentences.
func FuzzCompare(f *testing.F) {
	f.Add("The minister met the envoy in Oslo. They agreed on 12 points.", "The envoy and the minister met in Oslo. Twelve points were agreed.", "## Heading\nRiots broke out.")
	f.Add("", "", "")
	f.Add("„Quoted“ «words» 'here'. 1,000,000 people.", "Co-operation and cooperation. Re-election.", "А кириллица тоже. 日本語の文。")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		var arts []*parallax.Article
		for i, text := range []string{a, b, c} {
			var paras []string
			for p := range strings.SplitSeq(text, "\n") {
				paras = append(paras, p)
			}
			outlet := []string{"x", "y", ""}[i]
			arts = append(arts, MustArticle(t, string(rune('a'+i)), outlet, "", paras...))
		}
		cmp := compare.Compare(arts, compare.Options{})
		sentences := 0
		for _, r := range cmp.Articles {
			sentences += r.Sentences
		}
		inFacts := 0
		for _, f := range cmp.Facts {
			seen := map[string]bool{}
			outlets := map[string]bool{}
			for _, s := range f.Sentences {
				if seen[s.Article] {
					t.Fatalf("fact %d holds two sentences of %s", f.ID, s.Article)
				}
				seen[s.Article] = true
				outlets[s.Outlet] = true
				inFacts++
			}
			if len(outlets) != len(f.Outlets) {
				t.Fatalf("fact %d outlets %v, sentences from %v", f.ID, f.Outlets, outlets)
			}
		}
		if inFacts != sentences {
			t.Fatalf("%d sentences in facts, %d compared", inFacts, sentences)
		}
	})
}
