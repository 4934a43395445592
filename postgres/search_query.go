package postgres

import (
	"context"
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/jackc/pgx/v5"

	"github.com/parallaxhq/parallax"
)

// A query runs on PostgreSQL in three steps. translate turns the Bleve query
// that search.ParseQuery returns into a tree of qnodes; analyse sends its
// texts through the text search configuration (words become lexemes,
// phrases lexemes at offsets, prefixes and regular expressions the indexed
// lexemes they stand for) and reads the document frequencies and totals;
// then the tree becomes a SQL condition (one tsquery where it can: GIN
// finds the matches) and, for each candidate, a BM25 score computed here
// from the positions of the query's lexemes in it.

// qop is what a qnode is.
type qop int

const (
	opAll    qop = iota // every article
	opNone              // no article (a field Bleve does not index, a numeric range)
	opEmpty             // no words after analysis (stop words): left out of AND, OR and NOT
	opAnd               // every kid, none of the nots, and opt adding to the score
	opOr                // at least min of the kids
	opTerm              // one lexeme
	opPhrase            // lexemes at offsets
	opMatch             // a text to analyse: becomes opTerm, opAnd, opOr or opEmpty
	opExpand            // a prefix or regular expression: becomes an opOr of opTerms
	opField             // a condition on a column
)

// qnode is one node of a translated query.
type qnode struct {
	op    qop
	kids  []*qnode
	nots  []*qnode // opAnd
	opt   *qnode   // opAnd: matches nothing required, adds to the score
	min   int      // opOr
	boost float64  // leaves

	text   string   // opMatch: the text; opExpand: the prefix or the pattern
	all    bool     // opMatch: every word must match
	phrase bool     // opMatch: the words form a phrase
	prefix bool     // opExpand: text is a prefix (else a regular expression)
	lex    []string // opTerm: one lexeme; opPhrase: its lexemes
	offs   []int    // opPhrase: the offset of each lexeme from the first

	cond string // opField: the SQL condition, with d the search_docs row
	flag int    // opField: its place in a candidate's flags
}

// translate turns a Bleve query into a tree of qnodes.
func translate(q query.Query) (*qnode, error) {
	boost := 1.0
	if b, ok := q.(query.BoostableQuery); ok {
		boost = b.Boost()
	}
	switch q := q.(type) {
	case *query.MatchAllQuery:
		return &qnode{op: opAll}, nil
	case *query.MatchNoneQuery:
		return &qnode{op: opNone}, nil
	case *query.BooleanQuery:
		n := &qnode{op: opAnd}
		if q.Must != nil {
			m, err := translate(q.Must)
			if err != nil {
				return nil, err
			}
			n.kids = append(n.kids, m)
		}
		if q.MustNot != nil {
			m, err := translate(q.MustNot)
			if err != nil {
				return nil, err
			}
			n.nots = append(n.nots, m)
		}
		if q.Should != nil {
			s, err := translate(q.Should)
			if err != nil {
				return nil, err
			}
			// Should is a disjunction: required when there is no Must or
			// when it asks for a minimum, else it only adds to the score.
			if q.Must == nil || s.min > 0 {
				n.kids = append(n.kids, s)
			} else {
				n.opt = s
			}
		}
		return n, nil
	case *query.ConjunctionQuery:
		kids, err := translateAll(q.Conjuncts)
		if err != nil {
			return nil, err
		}
		return &qnode{op: opAnd, kids: kids}, nil
	case *query.DisjunctionQuery:
		kids, err := translateAll(q.Disjuncts)
		if err != nil {
			return nil, err
		}
		return &qnode{op: opOr, min: int(q.Min), kids: kids}, nil
	case *query.MatchQuery:
		// Fuzziness (word~1) is not supported: the word must match as it is.
		return textOrField(q.FieldVal, q.Match, func() *qnode {
			return &qnode{op: opMatch, text: q.Match, all: q.Operator == query.MatchQueryOperatorAnd, boost: boost}
		})
	case *query.MatchPhraseQuery:
		return textOrField(q.FieldVal, q.MatchPhrase, func() *qnode {
			return &qnode{op: opMatch, text: q.MatchPhrase, phrase: true, all: true, boost: boost}
		})
	case *query.TermQuery:
		return textOrField(q.FieldVal, q.Term, func() *qnode {
			return &qnode{op: opTerm, lex: []string{q.Term}, boost: boost}
		})
	case *query.FuzzyQuery:
		return textOrField(q.FieldVal, q.Term, func() *qnode {
			return &qnode{op: opTerm, lex: []string{q.Term}, boost: boost}
		})
	case *query.PrefixQuery:
		return patternNode(q.FieldVal, q.Prefix+"*", boost)
	case *query.WildcardQuery:
		return patternNode(q.FieldVal, q.Wildcard, boost)
	case *query.RegexpQuery:
		if f := q.FieldVal; f != "" && f != "text" {
			return fieldNode(f, "~", "^(?:"+q.Regexp+")$")
		}
		if _, err := regexp.Compile(q.Regexp); err != nil {
			return nil, fmt.Errorf("%w: /%s/: %v", parallax.ErrInvalid, q.Regexp, err)
		}
		return &qnode{op: opExpand, text: q.Regexp, boost: boost}, nil
	case *query.BoolFieldQuery:
		return fieldNode(q.FieldVal, "=", strconv.FormatBool(q.Bool))
	case *query.NumericRangeQuery:
		return &qnode{op: opNone}, nil // no numeric field is indexed
	case *query.DateRangeQuery:
		if q.FieldVal != "date" {
			return &qnode{op: opNone}, nil
		}
		var conds []string
		if !q.Start.IsZero() {
			op := ">"
			if q.InclusiveStart == nil || *q.InclusiveStart {
				op = ">="
			}
			conds = append(conds, fmt.Sprintf("d.published_at %s %s", op, quote(q.Start.Format(time.RFC3339Nano))))
		}
		if !q.End.IsZero() {
			op := "<"
			if q.InclusiveEnd != nil && *q.InclusiveEnd {
				op = "<="
			}
			conds = append(conds, fmt.Sprintf("d.published_at %s %s", op, quote(q.End.Format(time.RFC3339Nano))))
		}
		if len(conds) == 0 {
			return &qnode{op: opNone}, nil
		}
		return &qnode{op: opField, cond: "(" + strings.Join(conds, " AND ") + ")"}, nil
	}
	return nil, fmt.Errorf("%w: %T queries are not supported on PostgreSQL", parallax.ErrInvalid, q)
}

// translateAll translates the clauses of a conjunction or disjunction.
func translateAll(qs []query.Query) ([]*qnode, error) {
	kids := make([]*qnode, 0, len(qs))
	for _, c := range qs {
		k, err := translate(c)
		if err != nil {
			return nil, err
		}
		kids = append(kids, k)
	}
	return kids, nil
}

// textOrField is the node of a value in the text (made by text) or in a
// keyword field.
func textOrField(field, value string, text func() *qnode) (*qnode, error) {
	if field == "" || field == "text" {
		return text(), nil
	}
	return fieldNode(field, "=", value)
}

// patternNode is the node of a wildcard pattern: a prefix (word*) or any
// other pattern, matched against the indexed lexemes, or a LIKE on a
// keyword field.
func patternNode(field, pattern string, boost float64) (*qnode, error) {
	if field != "" && field != "text" {
		like := strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`, "*", "%", "?", "_").Replace(pattern)
		return fieldNode(field, "LIKE", like)
	}
	pattern = strings.ToLower(pattern)
	if p, ok := strings.CutSuffix(pattern, "*"); ok && !strings.ContainsAny(p, "*?") {
		return &qnode{op: opExpand, text: p, prefix: true, boost: boost}, nil
	}
	var re strings.Builder
	for _, r := range pattern {
		switch r {
		case '*':
			re.WriteString(".*")
		case '?':
			re.WriteString(".")
		default:
			re.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	return &qnode{op: opExpand, text: re.String(), boost: boost}, nil
}

// keyword fields a query may name (field:value), as the Bleve index names
// them, and their columns. Fields Bleve stores without indexing (title,
// published) match nothing there, and so here.
var keywordColumns = map[string]string{
	"outlet":      "d.outlet_id",
	"outlet_name": "d.outlet_name",
	"country":     "d.country",
	"language":    "d.language",
	"day":         "d.day",
	"entity":      "d.entities",
	"state":       "d.state",
}

// fieldNode is the condition field op value on a keyword field; as in
// Bleve, values are compared exactly (country:RU, not country:ru).
func fieldNode(field, op, value string) (*qnode, error) {
	col, ok := keywordColumns[field]
	if !ok {
		return &qnode{op: opNone}, nil
	}
	switch {
	case field == "state":
		b, err := strconv.ParseBool(value)
		if err != nil || op != "=" {
			return &qnode{op: opNone}, nil
		}
		return &qnode{op: opField, cond: fmt.Sprintf("%s = %t", col, b)}, nil
	case field == "entity" && op == "=":
		return &qnode{op: opField, cond: fmt.Sprintf("%s @> ARRAY[%s]", col, quote(value))}, nil
	case field == "entity":
		return &qnode{op: opField, cond: fmt.Sprintf("EXISTS (SELECT 1 FROM unnest(%s) e WHERE e %s %s)", col, op, quote(value))}, nil
	}
	return &qnode{op: opField, cond: fmt.Sprintf("%s %s %s", col, op, quote(value))}, nil
}

// quote quotes a string as a SQL literal.
func quote(s string) string {
	return "'" + strings.ReplaceAll(text(s), "'", "''") + "'"
}

// meanLength makes BM25 take the mean length of the indexed texts as the
// average length, as BM25 is defined, rather than what Bleve v2.6 takes
// (the number of distinct terms over the number of documents, rounded up:
// bm25ScoreMetrics in its search/searcher/search_term.go), which ranks as
// the Bleve index does. Tests and benchmarks set it to compare.
var meanLength = false

// stats is what BM25 needs to know of the index and of a query's lexemes.
type stats struct {
	docs   float64
	avgLen float64
	lex    map[string]int // lexeme -> index into df and a candidate's positions
	df     []float64
}

// index returns the place of a lexeme, adding it if new.
func (st *stats) index(l string, df float64) int {
	if i, ok := st.lex[l]; ok {
		return i
	}
	st.lex[l] = len(st.df)
	st.df = append(st.df, df)
	return len(st.df) - 1
}

// lexemes returns the query's lexemes.
func (st *stats) lexemes() []string {
	out := make([]string, len(st.df))
	for l, i := range st.lex {
		out[i] = l
	}
	return out
}

// idf is BM25's inverse document frequency of a lexeme, as Bleve computes it.
func (st *stats) idf(i int) float64 {
	return math.Log(1 + (st.docs-st.df[i]+0.5)/(st.df[i]+0.5))
}

// analyse replaces the opMatch and opExpand nodes of a tree by what they
// stand for, in one round trip: the texts' lexemes by
// the text search configuration, the indexed lexemes that prefixes and
// regular expressions stand for, their document frequencies and the
// index's totals.
func (x *Searcher) analyse(ctx context.Context, root *qnode) (*stats, error) {
	var match, expand []*qnode
	root.walk(func(n *qnode) {
		switch n.op {
		case opMatch:
			match = append(match, n)
		case opExpand:
			expand = append(expand, n)
		}
	})
	st := &stats{lex: map[string]int{}}
	var b pgx.Batch
	b.Queue(`SELECT docs, tokens, terms FROM search_state`).QueryRow(func(row pgx.Row) error {
		var docs, tokens, terms int64
		if err := row.Scan(&docs, &tokens, &terms); err != nil {
			return err
		}
		st.docs = float64(docs)
		switch {
		case docs == 0:
		case meanLength:
			st.avgLen = float64(tokens) / float64(docs)
		default:
			st.avgLen = math.Ceil(float64(terms) / float64(docs))
		}
		return nil
	})
	var terms []string
	root.walk(func(n *qnode) {
		if n.op == opTerm {
			terms = append(terms, n.lex[0])
		}
	})
	if len(terms) > 0 {
		b.Queue(`SELECT u.l, coalesce(t.df, 0) FROM unnest($1::text[]) u(l) LEFT JOIN search_terms t ON t.lexeme = u.l`, terms).
			Query(func(rows pgx.Rows) error {
				for rows.Next() {
					var l string
					var df int64
					if err := rows.Scan(&l, &df); err != nil {
						return err
					}
					st.index(l, float64(df))
				}
				return rows.Err()
			})
	}
	words := make([][]string, len(match))
	poss := make([][]int, len(match))
	if len(match) > 0 {
		texts := make([]string, len(match))
		for i, n := range match {
			texts[i] = tokenText(strings.NewReplacer("<", " ", ">", " ").Replace(text(n.text)))
		}
		b.Queue(`SELECT u.i, l.lexeme, p.pos, coalesce(t.df, 0)
			FROM unnest($1::text[]) WITH ORDINALITY AS u(txt, i)
			CROSS JOIN LATERAL unnest(to_tsvector('`+textConfig+`', u.txt)) AS l
			CROSS JOIN LATERAL unnest(l.positions) AS p(pos)
			LEFT JOIN search_terms t ON t.lexeme = l.lexeme
			ORDER BY u.i, p.pos`, texts).Query(func(rows pgx.Rows) error {
			for rows.Next() {
				var i, pos, df int64
				var l string
				if err := rows.Scan(&i, &l, &pos, &df); err != nil {
					return err
				}
				st.index(l, float64(df))
				words[i-1] = append(words[i-1], l)
				poss[i-1] = append(poss[i-1], int(pos))
			}
			return rows.Err()
		})
	}
	expansions := make([][]string, len(expand))
	for i, n := range expand {
		sql := `SELECT lexeme, df FROM search_terms WHERE lexeme ~ $1 LIMIT $2`
		arg := "^(?:" + n.text + ")$"
		if n.prefix {
			sql = `SELECT lexeme, df FROM search_terms
				WHERE lexeme >= $1 COLLATE "C" AND lexeme < ($1 || chr(1114111)) COLLATE "C" ORDER BY lexeme LIMIT $2`
			arg = n.text
		}
		b.Queue(sql, arg, maxExpansion+1).Query(func(rows pgx.Rows) error {
			for rows.Next() {
				var l string
				var df int64
				if err := rows.Scan(&l, &df); err != nil {
					return err
				}
				st.index(l, float64(df))
				expansions[i] = append(expansions[i], l)
			}
			return rows.Err()
		})
	}
	if err := x.store.pool.SendBatch(ctx, &b).Close(); err != nil {
		var pe interface{ SQLState() string }
		if errors.As(err, &pe) && pe.SQLState() == "2201B" { // invalid regular expression
			return nil, fmt.Errorf("%w: %v", parallax.ErrInvalid, err)
		}
		return nil, err
	}
	for i, n := range match {
		n.analysed(words[i], poss[i])
	}
	for i, n := range expand {
		if len(expansions[i]) > maxExpansion {
			return nil, fmt.Errorf("%w: %q stands for more than %d words; make it longer", parallax.ErrInvalid, n.text, maxExpansion)
		}
		n.op, n.min = opOr, 1
		for _, l := range expansions[i] {
			n.kids = append(n.kids, &qnode{op: opTerm, lex: []string{l}, boost: n.boost})
		}
	}
	return st, nil
}

// analysed makes an opMatch node what its lexemes (in text order, at their
// positions) stand for.
func (n *qnode) analysed(lexemes []string, pos []int) {
	switch {
	case len(lexemes) == 0:
		n.op = opEmpty
	case len(lexemes) == 1:
		n.op, n.lex = opTerm, lexemes
	case n.phrase:
		n.op, n.lex = opPhrase, lexemes
		for _, p := range pos {
			n.offs = append(n.offs, p-pos[0])
		}
	default:
		n.op, n.min = opOr, 1
		if n.all {
			n.op = opAnd
		}
		for _, l := range lexemes {
			n.kids = append(n.kids, &qnode{op: opTerm, lex: []string{l}, boost: n.boost})
		}
	}
}

// walk calls fn on every node of the tree, parents first.
func (n *qnode) walk(fn func(*qnode)) {
	fn(n)
	for _, k := range n.kids {
		k.walk(fn)
	}
	for _, k := range n.nots {
		k.walk(fn)
	}
	if n.opt != nil {
		n.opt.walk(fn)
	}
}

// normalize drops the operands that analysis emptied, merges nested ANDs
// and ORs of one operand, and returns the simplified tree.
func (n *qnode) normalize() *qnode {
	switch n.op {
	case opAnd:
		var kids, nots []*qnode
		for _, k := range n.kids {
			k = k.normalize()
			switch {
			case k.op == opEmpty:
			case k.op == opAnd && k.opt == nil:
				kids, nots = append(kids, k.kids...), append(nots, k.nots...)
			default:
				kids = append(kids, k)
			}
		}
		for _, k := range n.nots {
			if k = k.normalize(); k.op != opEmpty {
				nots = append(nots, k)
			}
		}
		if n.opt != nil {
			if n.opt = n.opt.normalize(); n.opt.op == opEmpty {
				n.opt = nil
			}
		}
		n.kids, n.nots = kids, nots
		switch {
		case len(kids) == 0 && len(nots) == 0 && n.opt == nil:
			return &qnode{op: opEmpty}
		case len(kids) == 0 && len(nots) == 0:
			return n.opt
		case len(kids) == 1 && len(nots) == 0 && n.opt == nil:
			return kids[0]
		}
		return n
	case opOr:
		var kids []*qnode
		for _, k := range n.kids {
			if k = k.normalize(); k.op != opEmpty {
				kids = append(kids, k)
			}
		}
		n.kids, n.min = kids, max(1, n.min)
		switch {
		case len(kids) == 0:
			return &qnode{op: opEmpty}
		case len(kids) == 1 && n.min == 1:
			return kids[0]
		}
		return n
	}
	return n
}

// scored reports whether the query has words to rank by.
func (n *qnode) scored() bool {
	switch n.op {
	case opTerm, opPhrase:
		return true
	}
	for _, k := range n.kids {
		if k.scored() {
			return true
		}
	}
	return n.opt != nil && n.opt.scored()
}

// textOnly reports whether a subtree is words alone, so that one tsquery
// (and the GIN index) can select its matches.
func (n *qnode) textOnly() bool {
	switch n.op {
	case opTerm, opPhrase:
		return true
	case opAnd:
		if len(n.kids) == 0 || n.opt != nil {
			return false
		}
		for _, k := range slices.Concat(n.kids, n.nots) {
			if !k.textOnly() {
				return false
			}
		}
		return true
	case opOr:
		if n.min > 1 {
			return false
		}
		for _, k := range n.kids {
			if !k.textOnly() {
				return false
			}
		}
		return true
	}
	return false
}

// tsquery writes a text-only subtree as a tsquery.
func (n *qnode) tsquery() string {
	switch n.op {
	case opTerm:
		return lexeme(n.lex[0])
	case opPhrase:
		var b strings.Builder
		for i, l := range n.lex {
			if i > 0 {
				if d := n.offs[i] - n.offs[i-1]; d == 1 {
					b.WriteString(" <-> ")
				} else {
					fmt.Fprintf(&b, " <%d> ", d)
				}
			}
			b.WriteString(lexeme(l))
		}
		return "(" + b.String() + ")"
	case opAnd:
		var parts []string
		for _, k := range n.kids {
			parts = append(parts, k.tsquery())
		}
		for _, k := range n.nots {
			parts = append(parts, "!"+k.tsquery())
		}
		return "(" + strings.Join(parts, " & ") + ")"
	case opOr:
		var parts []string
		for _, k := range n.kids {
			parts = append(parts, k.tsquery())
		}
		return "(" + strings.Join(parts, " | ") + ")"
	}
	panic(fmt.Sprintf("postgres: tsquery of op %d", n.op))
}

// lexeme quotes a lexeme for a tsquery.
func lexeme(l string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(l) + "'"
}

// highlight returns the tsquery of the words whose matches snippets mark:
// every word and phrase the query asks for, none it excludes; "" for none.
func (n *qnode) highlight() string {
	var parts []string
	var add func(*qnode)
	add = func(k *qnode) {
		switch k.op {
		case opTerm, opPhrase:
			parts = append(parts, k.tsquery())
		}
		for _, c := range k.kids {
			add(c)
		}
		if k.opt != nil {
			add(k.opt)
		}
	}
	add(n)
	return strings.Join(parts, " | ")
}

// sqlBuilder collects a statement's arguments and the conditions of the
// field nodes whose values candidates report as flags.
type sqlBuilder struct {
	args  []any
	flags []string
}

// arg adds an argument and returns its placeholder.
func (b *sqlBuilder) arg(v any) string {
	b.args = append(b.args, v)
	return fmt.Sprintf("$%d", len(b.args))
}

// cond returns the SQL condition of a tree over the search_docs row d.
func (b *sqlBuilder) cond(n *qnode) string {
	if n.textOnly() {
		return "d.tsv @@ " + b.arg(n.tsquery()) + "::tsquery"
	}
	switch n.op {
	case opAll:
		return "TRUE"
	case opNone, opEmpty:
		return "FALSE"
	case opField:
		n.flag = len(b.flags)
		b.flags = append(b.flags, "coalesce("+n.cond+", false)")
		return n.cond
	case opAnd:
		var parts []string
		for _, k := range n.kids {
			parts = append(parts, b.cond(k))
		}
		if len(parts) == 0 {
			parts = append(parts, "TRUE")
		}
		for _, k := range n.nots {
			if k.textOnly() {
				// through the GIN index, not a test of every row's vector
				parts = append(parts, "d.seq NOT IN (SELECT seq FROM search_docs WHERE tsv @@ "+b.arg(k.tsquery())+"::tsquery)")
			} else {
				parts = append(parts, "NOT "+b.cond(k))
			}
		}
		if n.opt != nil {
			b.cond(n.opt) // for the flags of its fields
		}
		return "(" + strings.Join(parts, " AND ") + ")"
	case opOr:
		var parts []string
		for _, k := range n.kids {
			parts = append(parts, b.cond(k))
		}
		if n.min <= 1 {
			return "(" + strings.Join(parts, " OR ") + ")"
		}
		return fmt.Sprintf("((%s) >= %d)", "("+strings.Join(parts, ")::int + (")+")::int", n.min)
	}
	panic(fmt.Sprintf("postgres: condition of op %d", n.op))
}

// candidate is one match to rank: the positions of the query's lexemes in
// it (by their index in stats), its length and the values of the query's
// field conditions.
type candidate struct {
	seq    int64
	length float64
	pos    [][]int
	flags  []bool
	score  float64
}

// positions parses what ts_filter left of a candidate's vector ('lexeme':1A,5A …)
// into the positions of each of the query's lexemes.
func (st *stats) positions(vec *string) [][]int {
	out := make([][]int, len(st.df))
	if vec == nil {
		return out
	}
	s := *vec
	for len(s) > 0 {
		if s[0] != '\'' {
			s = s[1:]
			continue
		}
		// a quoted lexeme: '' is a quote, \ escapes the next byte
		var l strings.Builder
		i := 1
		for i < len(s) {
			c := s[i]
			if c == '\\' && i+1 < len(s) {
				l.WriteByte(s[i+1])
				i += 2
				continue
			}
			if c == '\'' {
				if i+1 < len(s) && s[i+1] == '\'' {
					l.WriteByte('\'')
					i += 2
					continue
				}
				break
			}
			l.WriteByte(c)
			i++
		}
		s = s[min(i+1, len(s)):]
		var ps []int
		if strings.HasPrefix(s, ":") {
			end := strings.IndexByte(s, ' ')
			if end < 0 {
				end = len(s)
			}
			for p := range strings.SplitSeq(s[1:end], ",") {
				if v, err := strconv.Atoi(strings.TrimRight(p, "ABCD")); err == nil {
					ps = append(ps, v)
				}
			}
			s = s[end:]
		}
		if k, ok := st.lex[l.String()]; ok {
			out[k] = ps
		}
	}
	return out
}

// eval returns a candidate's score under a tree and whether it matches,
// as Bleve scores: a term BM25 (its idf twice over, as Bleve's query
// weight multiplies the score by it again, and the square root of its
// frequency), AND the sum of its operands, OR the sum of those that match
// times the share of them that do, a phrase the sum of its terms.
func (n *qnode) eval(c *candidate, st *stats) (float64, bool) {
	switch n.op {
	case opAll:
		return 0, true
	case opNone, opEmpty:
		return 0, false
	case opField:
		return 0, n.flag < len(c.flags) && c.flags[n.flag]
	case opTerm:
		i := st.lex[n.lex[0]]
		tf := len(c.pos[i])
		if tf == 0 {
			return 0, false
		}
		return n.boost * termScore(float64(tf), c.length, st.avgLen, st.idf(i)), true
	case opPhrase:
		if !phraseAt(c, st, n) {
			return 0, false
		}
		sum := 0.0
		for _, l := range n.lex {
			i := st.lex[l]
			sum += n.boost * termScore(float64(len(c.pos[i])), c.length, st.avgLen, st.idf(i))
		}
		return sum, true
	case opAnd:
		sum := 0.0
		for _, k := range n.kids {
			s, ok := k.eval(c, st)
			if !ok {
				return 0, false
			}
			sum += s
		}
		for _, k := range n.nots {
			if _, ok := k.eval(c, st); ok {
				return 0, false
			}
		}
		if n.opt != nil {
			if s, ok := n.opt.eval(c, st); ok {
				sum += s
			}
		}
		return sum, true
	case opOr:
		sum, matched := 0.0, 0
		for _, k := range n.kids {
			if s, ok := k.eval(c, st); ok {
				sum += s
				matched++
			}
		}
		if matched < max(1, n.min) {
			return 0, false
		}
		return sum * float64(matched) / float64(len(n.kids)), true
	}
	return 0, false
}

// termScore is one term's BM25 score in a document, as Bleve's: tf is
// the square root of the term's frequency, and the query weight multiplies
// the idf in once more.
func termScore(freq, length, avgLen, idf float64) float64 {
	if avgLen <= 0 {
		avgLen = 1
	}
	tf := math.Sqrt(freq)
	return idf * idf * tf * bm25K1 / (tf + bm25K1*(1-bm25B+bm25B*length/avgLen))
}

// phraseAt reports whether a phrase's lexemes stand at their offsets
// somewhere in a candidate.
func phraseAt(c *candidate, st *stats, n *qnode) bool {
	first := c.pos[st.lex[n.lex[0]]]
next:
	for _, p := range first {
		for j := 1; j < len(n.lex); j++ {
			if _, ok := slices.BinarySearch(c.pos[st.lex[n.lex[j]]], p+n.offs[j]); !ok {
				continue next
			}
		}
		return true
	}
	return false
}
