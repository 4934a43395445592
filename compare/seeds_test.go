package compare_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/compare"
	"github.com/parallaxhq/parallax/internal/shared"
	"github.com/parallaxhq/parallax/pipeline"
	"github.com/parallaxhq/parallax/read"
)

// summit compares the four seed reports of the summit story, weighing
// words against the seeds and the BBC politics articles of the news
// corpus, as a store would.
func summit(t *testing.T) (*compare.Comparison, map[string]string) {
	t.Helper()
	seeds := MustSeeds(t, summitSeeds)
	bg := compare.NewBackground()
	for _, a := range MustSeeds(t, map[string]string{"002": "002_9282c98d45e15703.txt"}) {
		bg.Add(a)
	}
	var articles []*parallax.Article
	key := map[string]string{} // seed prefix → outlet column
	for p, a := range seeds {
		articles = append(articles, a)
		key[p] = compare.OutletOf(a)
		bg.Add(a)
	}
	addBackground(t, bg, shared.Path(t, "eval-data", "news-corpus", "bbc", "politics"))
	return compare.Compare(articles, compare.Options{Background: bg}), key
}

func addBackground(t *testing.T, bg *compare.Background, dir string) {
	t.Helper()
	prep, err := pipeline.NewPreparer(pipeline.Config{})
	if err != nil {
		t.Fatal(err)
	}
	w := &read.Walker{}
	if err := w.Walk(context.Background(), []string{dir}, func(r *read.Record) error {
		bg.Add(prep.Prepare(r))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// factsWith returns the facts one of whose sentences from the outlet
// holds any of the words.
func factsWith(c *compare.Comparison, outlet string, words ...string) []*compare.Fact {
	var out []*compare.Fact
	for i := range c.Facts {
		f := &c.Facts[i]
		for _, s := range f.Sentences {
			low := strings.ToLower(s.Text)
			if s.Outlet == outlet && slices.ContainsFunc(words, func(w string) bool { return strings.Contains(low, w) }) {
				out = append(out, f)
				break
			}
		}
	}
	return out
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// TestSummitMustShow checks "What the comparison of the summit story must
// show" in ../shared/SEEDS.md.
func TestSummitMustShow(t *testing.T) {
	c, key := summit(t)
	if len(c.Outlets) != 4 {
		t.Fatalf("outlets = %d, want 4 columns (two unknown outlets are columns of their own)", len(c.Outlets))
	}

	t.Run("satisfactory agreement is one fact of 000 and 001", func(t *testing.T) {
		for _, f := range factsWith(c, key["000"], "satisfactory") {
			if f.Covers(key["001"]) && len(factsWith(c, key["001"], "satisfactory")) > 0 {
				return
			}
		}
		t.Errorf("no fact holds both 000's and 001's \"satisfactory\" sentences")
	})

	t.Run("arms and sanctions: 003 and 004 report, 000 omits", func(t *testing.T) {
		omitted := map[int]bool{}
		for _, om := range c.Omissions {
			if om.Outlet == key["000"] {
				for _, id := range om.Facts {
					omitted[id] = true
				}
			}
		}
		for _, topic := range [][]string{{"arms", "ammunition", "weapons"}, {"sanction"}} {
			found := false
			for _, f := range factsWith(c, key["003"], topic...) {
				if f.Covers(key["004"]) && !f.Covers(key["000"]) && omitted[f.ID] {
					found = true
				}
			}
			if !found {
				t.Errorf("%v: no fact reported by 003 and 004 and listed as 000's omission", topic)
			}
		}
		if n := len(factsWith(c, key["000"], "ammunition", "weapons", "sanction")); n > 0 {
			t.Errorf("000 has %d facts on arms or sanctions, want none", n)
		}
	})

	t.Run("exclusives", func(t *testing.T) {
		excl := func(outlet string, words ...string) bool {
			for _, f := range factsWith(c, outlet, words...) {
				if sameSet(f.Outlets, []string{outlet}) && slices.Contains(c.Exclusives, compare.Exclusive{Outlet: outlet, Fact: f.ID}) {
					return true
				}
			}
			return false
		}
		if !excl(key["003"], "eve of the summit") {
			t.Errorf("003's missile launch on the eve is not its exclusive")
		}
		if !excl(key["000"], "private car") {
			t.Errorf("000's private car is not its exclusive")
		}
		for _, p := range []string{"000", "001", "004"} {
			if len(factsWith(c, key[p], "eve of the summit")) > 0 {
				t.Errorf("%s reports the launch on the eve", p)
			}
		}
	})

	t.Run("term pairs", func(t *testing.T) {
		want := map[string][]string{
			"special military operation": {"001"},
			"war in Ukraine":             {"003", "004"}, // 004's lead paragraph says "its war in Ukraine" too
			"war against Ukraine":        {"004"},
			"sacred fight":               {"003"},
			"just fight":                 {"004"},
			"fight against imperialism":  {"001"},
		}
		got := map[string][]string{}
		for _, tp := range c.TermPairs {
			if tp.Source != "curated" {
				continue
			}
			for _, v := range tp.Variants {
				got[v.Term] = v.Outlets
			}
		}
		for term, prefixes := range want {
			var keys []string
			for _, p := range prefixes {
				keys = append(keys, key[p])
			}
			if !sameSet(got[term], keys) {
				t.Errorf("%q used by %v, want %v (%v)", term, got[term], keys, prefixes)
			}
		}
	})

	t.Run("Putin's restrictions answer is one quote group", func(t *testing.T) {
		if len(c.Articles) > 0 && !hasQuotes(MustSeeds(t, summitSeeds)) {
			t.Skip("the analyze stage does not fill Article.Quotes yet")
		}
		var groups []compare.QuoteGroup
		for _, g := range c.QuoteGroups {
			for _, v := range g.Variants {
				if strings.Contains(strings.ToLower(v.Text), "restrictions") {
					groups = append(groups, g)
					break
				}
			}
		}
		if len(groups) != 1 {
			t.Fatalf("%d quote groups hold the restrictions answer, want 1", len(groups))
		}
		g := groups[0]
		if !sameSet(g.Outlets, []string{key["003"], key["004"]}) || len(g.Variants) != 2 {
			t.Errorf("variants from %v (%d), want 003 and 004, one each", g.Outlets, len(g.Variants))
		}
		if !strings.Contains(g.Speaker, "Putin") {
			t.Errorf("speaker = %q, want Putin", g.Speaker)
		}
	})
}

func hasQuotes(articles map[string]*parallax.Article) bool {
	for _, a := range articles {
		if len(a.Quotes) > 0 {
			return true
		}
	}
	return false
}
