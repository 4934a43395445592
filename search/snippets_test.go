package search

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/google/go-cmp/cmp"
)

// TestSnippetsSameFragments checks that the snippets query, a disjunction
// of the text's highlighted clauses, highlights each hit as the text query
// itself does.
func TestSnippetsSameFragments(t *testing.T) {
	ctx := context.Background()
	ix, _ := openRandom(t)
	m := ix.idx.Mapping()
	rng := rand.New(rand.NewPCG(9, 9))
	compared := 0
	for range 300 {
		s := randomText(rng)
		text, err := ParseQuery(s)
		if err != nil {
			t.Fatal(err)
		}
		text = plainTerms(text, m)
		res, err := ix.idx.SearchInContext(ctx, bleve.NewSearchRequest(text))
		if err != nil {
			t.Fatal(err)
		}
		got, err := ix.snippets(ctx, text, res.Hits)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		ref, err := ix.idx.SearchInContext(ctx, highlightRequest(ids, text))
		if err != nil {
			t.Fatal(err)
		}
		want := map[string][]string{}
		for _, h := range ref.Hits {
			want[h.ID] = h.Fragments["text"]
		}
		if len(ids) == 0 {
			continue
		}
		compared++
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%q (-text query +snippets query):\n%s", s, diff)
		}
	}
	if compared < 200 {
		t.Errorf("only %d queries had hits", compared)
	}
}
