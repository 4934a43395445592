package search

import (
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
)

// plainTerms rewrites, in place, each match query of q whose text the
// analyzer makes one word into a term query for that word, and unwraps
// boolean queries of must clauses alone and conjunctions of one clause
// (which the query-string parser makes of every run of words). Bleve runs
// a match query as a conjunction (or disjunction) even of one term; a
// conjunction of such wrappers walks every posting of its rarest word and
// scores each, where a conjunction of plain term searchers first ANDs the
// posting bitmaps and visits only the articles that match all words; so
// "kim AND putin", a conjunction of two wrapped conjunctions, becomes one
// of two terms. Scores are unchanged: a one-clause conjunction scores as
// its clause, and Bleve skips a clause whose words the analyzer all
// dropped at every level of the query string's conjunctions alike.
func plainTerms(q query.Query, m mapping.IndexMapping) query.Query {
	switch q := q.(type) {
	case *query.MatchQuery:
		if q.Fuzziness != 0 {
			return q
		}
		field := q.FieldVal
		if field == "" {
			field = m.DefaultSearchField()
		}
		name := q.Analyzer
		if name == "" {
			name = m.AnalyzerNameForPath(field)
		}
		a := m.AnalyzerNamed(name)
		if a == nil {
			return q
		}
		toks := a.Analyze([]byte(q.Match))
		if len(toks) != 1 {
			return q
		}
		t := query.NewTermQuery(string(toks[0].Term))
		t.SetField(field)
		t.SetBoost(q.BoostVal.Value())
		return t
	case *query.BooleanQuery:
		if q.Must != nil {
			q.Must = plainTerms(q.Must, m)
		}
		if q.Should != nil {
			q.Should = plainTerms(q.Should, m)
		}
		if q.MustNot != nil {
			q.MustNot = plainTerms(q.MustNot, m)
		}
		// A boolean query of must clauses alone is their conjunction.
		if q.Must != nil && q.Should == nil && q.MustNot == nil && q.Filter == nil && q.BoostVal == nil {
			return q.Must
		}
	case *query.ConjunctionQuery:
		for i, c := range q.Conjuncts {
			q.Conjuncts[i] = plainTerms(c, m)
		}
		// A conjunction of one clause is that clause.
		if len(q.Conjuncts) == 1 && q.BoostVal == nil {
			return q.Conjuncts[0]
		}
	case *query.DisjunctionQuery:
		for i, d := range q.Disjuncts {
			q.Disjuncts[i] = plainTerms(d, m)
		}
	}
	return q
}
