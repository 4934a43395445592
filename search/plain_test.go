package search

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/parallaxhq/parallax/searchtest"
	"github.com/parallaxhq/parallax/sqlite"
)

// TestPlainTermsSameScores checks that rewriting one-word match queries
// as term queries and unwrapping one-clause conjunctions change neither
// the hits nor their scores, and that they do rewrite them.
func TestPlainTermsSameScores(t *testing.T) {
	ctx := context.Background()
	_, ix, _ := openFixtures(t)
	m := ix.idx.Mapping()
	type hit struct {
		ID    string
		Score float64
	}
	run := func(q query.Query) []hit {
		res, err := ix.idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, 10, 0, false))
		if err != nil {
			t.Fatal(err)
		}
		var out []hit
		for _, h := range res.Hits {
			out = append(out, hit{h.ID, h.Score})
		}
		return out
	}
	for _, s := range []string{
		"bridge", "harbour bridge", "bridges AND engineers", "harbour OR tunnels", "harbour NOT fleet",
		"the bridge", "north-east bridge", `"harbour bridge" repairs`, "bridge^3 harbour", "engin* harbour",
		"country:GB harbour", "+bridge -tolls cables", "harbour AND the AND bridge", "the OR bridge",
		"harbour AND (bridge)", "fleet OR harbour OR tunnels AND bridge", "the",
	} {
		before, err := ParseQuery(s)
		if err != nil {
			t.Fatal(err)
		}
		after, _ := ParseQuery(s)
		after = plainTerms(after, m)
		if diff := cmp.Diff(run(before), run(after), cmpopts.EquateApprox(0, 1e-12)); diff != "" {
			t.Errorf("%q (-match queries +term queries):\n%s", s, diff)
		}
	}
	for _, s := range []string{"harbour bridges", "harbour AND bridges"} {
		q, _ := ParseQuery(s)
		c, ok := plainTerms(q, m).(*query.ConjunctionQuery)
		if !ok || len(c.Conjuncts) != 2 {
			t.Fatalf("%q: %T %+v: want a conjunction of two clauses", s, plainTerms(q, m), c)
		}
		for _, x := range c.Conjuncts {
			if tq, ok := x.(*query.TermQuery); !ok {
				t.Errorf("%q: %T %v: want a term query", s, x, x)
			} else if tq.Term != "harbour" && tq.Term != "bridg" {
				t.Errorf("%q: term %q: want the analysed word", s, tq.Term)
			}
		}
	}
}

// openFixtures opens a store holding the search fixtures and its index,
// caught up.
func openFixtures(t *testing.T) (*sqlite.Store, *Index, string) {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if _, err := store.PutArticles(ctx, searchtest.Articles(searchtest.Fixtures)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "t.bleve")
	ix, err := Open(store, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := ix.CatchUp(ctx); err != nil {
		t.Fatal(err)
	}
	return store, ix, path
}
