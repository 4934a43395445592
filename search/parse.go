package search

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/parallaxhq/parallax"
)

// ParseQuery turns a query string into a Bleve query. Between the boolean
// operators AND, OR and NOT (upper case; NOT binds tightest, then AND, then
// OR; two operands side by side are joined by AND) each operand is a run
// of Bleve query-string syntax: words, "phrases", +required, -excluded,
// prefix*, and field:value. Every word must match, as in web search engines
// and unlike Bleve's (and Media Cloud's) default, where words side by side
// are alternatives; OR says "either".
// Words the analyzer drops (stop words) are left out rather than matching
// nothing. An empty query matches every article. A malformed one returns an
// error wrapping ErrInvalid.
func ParseQuery(s string) (query.Query, error) {
	toks := splitQuery(s)
	if len(toks) == 0 {
		return bleve.NewMatchAllQuery(), nil
	}
	p := &parser{toks: toks}
	q, err := p.or()
	if err == nil && p.i < len(p.toks) {
		err = fmt.Errorf("unexpected %q", p.toks[p.i])
	}
	if err != nil {
		return nil, fmt.Errorf("search: query %q: %w: %v", s, parallax.ErrInvalid, err)
	}
	return q, nil
}

// splitQuery splits a query at white space outside double quotes.
func splitQuery(s string) []string {
	var toks []string
	var b strings.Builder
	quoted := false
	for _, r := range s {
		switch {
		case r == '"':
			quoted = !quoted
			b.WriteRune(r)
		case !quoted && (r == ' ' || r == '\t' || r == '\n' || r == '\r'):
			if b.Len() > 0 {
				toks = append(toks, b.String())
				b.Reset()
			}
		default:
			b.WriteRune(r)
		}
	}
	if b.Len() > 0 {
		toks = append(toks, b.String())
	}
	return toks
}

func isOperator(t string) bool { return t == "AND" || t == "OR" || t == "NOT" }

type parser struct {
	toks []string
	i    int
}

func (p *parser) peek() string {
	if p.i < len(p.toks) {
		return p.toks[p.i]
	}
	return ""
}

// or := and (OR and)*
func (p *parser) or() (query.Query, error) {
	q, err := p.and()
	if err != nil {
		return nil, err
	}
	qs := []query.Query{q}
	for p.peek() == "OR" {
		p.i++
		q, err := p.and()
		if err != nil {
			return nil, err
		}
		qs = append(qs, q)
	}
	if len(qs) == 1 {
		return qs[0], nil
	}
	return bleve.NewDisjunctionQuery(qs...), nil
}

// and := not ((AND)? not)*
func (p *parser) and() (query.Query, error) {
	q, err := p.not()
	if err != nil {
		return nil, err
	}
	qs := []query.Query{q}
	for {
		switch t := p.peek(); {
		case t == "AND":
			p.i++
		case t == "" || t == "OR":
			if len(qs) == 1 {
				return qs[0], nil
			}
			// The query-string flavour skips operands that match nothing
			// because the analyzer dropped all their words.
			return query.NewBooleanQueryForQueryString(qs, nil, nil), nil
		}
		q, err := p.not()
		if err != nil {
			return nil, err
		}
		qs = append(qs, q)
	}
}

// not := NOT not | run
func (p *parser) not() (query.Query, error) {
	if p.peek() == "NOT" {
		p.i++
		q, err := p.not()
		if err != nil {
			return nil, err
		}
		return query.NewBooleanQuery(nil, nil, []query.Query{q}), nil
	}
	return p.run()
}

// run is a maximal run of tokens that are not operators, parsed by Bleve's
// query-string parser.
func (p *parser) run() (query.Query, error) {
	start := p.i
	for p.i < len(p.toks) && !isOperator(p.toks[p.i]) {
		p.i++
	}
	if p.i == start {
		if t := p.peek(); t != "" {
			return nil, fmt.Errorf("a term is missing before %s", t)
		}
		return nil, errors.New("the query ends with an operator")
	}
	qs := bleve.NewQueryStringQuery(strings.Join(p.toks[start:p.i], " "))
	q, err := qs.Parse()
	if err != nil {
		return nil, err
	}
	requireAll(q)
	if err := fixFields(q); err != nil {
		return nil, err
	}
	return q, nil
}

// keywordFields are indexed as whole values, without positions.
var keywordFields = map[string]bool{
	"outlet": true, "outlet_name": true, "country": true, "day": true,
	"month": true, "year": true, "language": true, "entity": true,
}

// fixFields adapts the clauses of a parsed query string to the index: a
// prefix or wildcard in the text is lower-cased as the analyzer lower-cases
// the words, a quoted keyword value ("2024-03-03") is that one value, not
// a phrase, state:true is the boolean field, and a regular expression
// must compile.
func fixFields(q query.Query) error {
	bq, ok := q.(*query.BooleanQuery)
	if !ok {
		return nil
	}
	if c, ok := bq.Must.(*query.ConjunctionQuery); ok {
		if err := fixClauses(c.Conjuncts); err != nil {
			return err
		}
	}
	if d, ok := bq.MustNot.(*query.DisjunctionQuery); ok {
		return fixClauses(d.Disjuncts)
	}
	return nil
}

// fixClauses does fixFields' work on a list of clauses, in place.
func fixClauses(clauses []query.Query) error {
	for i, c := range clauses {
		switch c := c.(type) {
		case *query.WildcardQuery:
			if c.FieldVal == "" || c.FieldVal == "text" {
				c.Wildcard = strings.ToLower(c.Wildcard)
			}
		case *query.RegexpQuery:
			if _, err := regexp.Compile(c.Regexp); err != nil {
				return err
			}
		case *query.MatchPhraseQuery:
			if keywordFields[c.FieldVal] {
				m := bleve.NewMatchQuery(c.MatchPhrase)
				m.SetField(c.FieldVal)
				clauses[i] = m
			}
		case *query.MatchQuery:
			if c.FieldVal == "state" {
				v, err := strconv.ParseBool(c.Match)
				if err != nil {
					return fmt.Errorf("state:%s: want true or false", c.Match)
				}
				b := bleve.NewBoolFieldQuery(v)
				b.SetField("state")
				clauses[i] = b
			}
		}
	}
	return nil
}

// requireAll makes the optional (should) clauses of a parsed query string
// required, and a word the analyzer splits in several ("north-east") need
// all its parts.
func requireAll(q query.Query) {
	bq, ok := q.(*query.BooleanQuery)
	if !ok {
		return
	}
	if d, ok := bq.Should.(*query.DisjunctionQuery); ok {
		bq.AddMust(d.Disjuncts...)
		bq.Should = nil
	}
	if c, ok := bq.Must.(*query.ConjunctionQuery); ok {
		for _, m := range c.Conjuncts {
			if mq, ok := m.(*query.MatchQuery); ok {
				mq.Operator = query.MatchQueryOperatorAnd
			}
		}
	}
}
