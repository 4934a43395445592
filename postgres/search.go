package postgres

import (
	"cmp"
	"context"
	"fmt"
	"html"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/internal/storecodec"
	"github.com/parallaxhq/parallax/search"
)

// Defaults of a [Searcher].
const (
	// DefaultSearchBatchSize is how many articles one catch-up
	// transaction indexes.
	DefaultSearchBatchSize = 500
	// DefaultMaxCandidates is how many matches of one query are ranked by
	// BM25. A query matching more ranks the most recently stored ones.
	DefaultMaxCandidates = 10000
)

// Limits of one query, as the Bleve searcher's.
const (
	// maxWindow bounds Offset+Limit.
	maxWindow = 10000
	// facetSize is how many outlets and days the facets list.
	facetSize = 50
	// maxExpansion is how many words a prefix or a regular expression
	// may stand for (Bleve's limit of clauses).
	maxExpansion = 1024
	// maxIndexedText bounds the text indexed of one article: a tsvector
	// holds at most 1 MB of lexemes.
	maxIndexedText = 256 << 10
)

// BM25 parameters, Bleve's.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// textConfig is the text search configuration of the index
// (migrations/00002_search.sql).
const textConfig = "parallax_english"

// Markers ts_headline puts around matches and between fragments: control
// characters, removed from the indexed text, so that the text of a snippet
// can be escaped as HTML before they become <mark> and </mark>.
const (
	startSel  = "\x02"
	stopSel   = "\x03"
	fragDelim = "\x1f"
)

// Stand-ins of < and > in the indexed text: characters of Unicode's
// private use area, which the parser takes for spaces.
const (
	lt = "\uE000"
	gt = "\uE001"
)

var headlineOptions = "StartSel=" + startSel + ", StopSel=" + stopSel +
	", MaxFragments=3, MaxWords=30, MinWords=12, FragmentDelimiter=" + fragDelim

// Searcher is the [parallax.Searcher] of a PostgreSQL [Store]: PostgreSQL's
// full text (a tsvector per article with a GIN index) finds the matches and
// BM25 ranks them, so that it ranks as the Bleve index of a SQLite store
// does. Its tables live beside the store's, in the same schema, and are
// derived from them: [Searcher.CatchUp] indexes what was stored since it
// last ran, [Searcher.Rebuild] starts again from nothing.
//
// It is safe for concurrent use, and any number of Searchers in any number
// of processes may share one database.
type Searcher struct {
	// BatchSize is how many articles one catch-up transaction indexes; 0
	// means DefaultSearchBatchSize.
	BatchSize int
	// MaxCandidates is how many matches a query ranks by BM25; 0 means
	// DefaultMaxCandidates. When more match, the most recently stored of
	// them are ranked (Total and the facets still count every match).
	MaxCandidates int

	store *Store
}

var _ parallax.Searcher = (*Searcher)(nil)

// NewSearcher returns the searcher of a store. It shares the store's
// connections: close the store after the searcher.
func NewSearcher(s *Store) *Searcher { return &Searcher{store: s} }

// Close does nothing: the store owns the connections.
func (x *Searcher) Close() error { return nil }

// lockKey names the advisory lock that catch-ups take in turn.
const lockKey = `hashtextextended('parallax.search:' || coalesce(current_schema(), ''), 0)`

// CatchUp indexes the articles stored since the last catch-up, in ingest
// order, in transactions of BatchSize articles, and returns how many it
// indexed. Each transaction writes the articles' index rows, their lexemes'
// document frequencies and the totals together, under an advisory lock
// that catch-ups in any process take in turn, so an interrupted catch-up
// leaves whole batches behind and the next one goes on from there.
//
// Articles are found by the transaction that stored them: a pass reads
// every article stored since the oldest transaction still running when the
// previous pass began that is not indexed yet, and leaves the mark at the
// oldest transaction running when it began. Concurrent writers commit out
// of ingest order; an article committed late is found by the next pass.
func (x *Searcher) CatchUp(ctx context.Context) (int, error) {
	size := cmp.Or(x.BatchSize, DefaultSearchBatchSize)
	var low *string
	var mark string
	var gen int64
	if err := x.store.pool.QueryRow(ctx, `SELECT low::text, gen, pg_snapshot_xmin(pg_current_snapshot())::text
		FROM search_state`).Scan(&low, &gen, &mark); err != nil {
		return 0, fmt.Errorf("postgres: search catch up: %w", err)
	}
	added := 0
	after := int64(0)
	for {
		n, last, err := x.catchUpBatch(ctx, low, after, size)
		added += n
		if err != nil {
			return added, fmt.Errorf("postgres: search catch up: %w", err)
		}
		if last == 0 {
			break
		}
		after = last
	}
	if _, err := x.store.pool.Exec(ctx, `UPDATE search_state
		SET low = greatest(low, $1::text::xid8) WHERE gen = $2`, mark, gen); err != nil {
		return added, fmt.Errorf("postgres: search catch up: %w", err)
	}
	if added > 0 {
		// Move the new entries from the GIN index's pending list into its
		// tree, which queries would otherwise scan whole. Only the table's
		// owner may; otherwise autovacuum does it in time.
		x.store.pool.Exec(ctx, `SELECT gin_clean_pending_list('search_docs_tsv'::regclass)`)
	}
	return added, nil
}

// catchUpBatch indexes up to size articles past seq after that are not
// indexed yet, and returns how many it indexed and the last seq it read (0
// when there was none).
func (x *Searcher) catchUpBatch(ctx context.Context, low *string, after int64, size int) (n int, last int64, err error) {
	err = x.store.inTx(ctx, func(tx pgx.Tx) error {
		n, last = 0, 0
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(`+lockKey+`)`); err != nil {
			return err
		}
		where := `a.seq > $1`
		args := []any{after, size}
		if low != nil {
			where += ` AND a.xid >= $3::text::xid8`
			args = append(args, *low)
		}
		rows, err := tx.Query(ctx, `SELECT a.seq, a.doc, a.story_id, a.grouping FROM articles a
			WHERE `+where+` AND NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.seq = a.seq)
			ORDER BY a.seq LIMIT $2`, args...)
		if err != nil {
			return err
		}
		var cols searchColumns
		for rows.Next() {
			var seq int64
			var doc, story, grouping string
			if err := rows.Scan(&seq, &doc, &story, &grouping); err != nil {
				rows.Close()
				return err
			}
			a, err := storecodec.Decode(doc, story, grouping)
			if err != nil {
				rows.Close()
				return fmt.Errorf("article %d: %w", seq, err)
			}
			cols.add(seq, a)
			last = seq
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if len(cols.seq) == 0 {
			return nil
		}
		return tx.QueryRow(ctx, `WITH ins AS (
				INSERT INTO search_docs (seq, article_id, len, tsv, title, published, published_at, day, language,
					outlet_id, outlet_name, country, state, entities, body)
				SELECT t.seq, t.id, (SELECT coalesce(sum(cardinality(l.positions)), 0) FROM unnest(t.tsv) l), t.tsv,
					t.title, t.published, t.published_at, t.day, t.language, t.outlet_id, t.outlet_name, t.country, t.state,
					coalesce((SELECT array_agg(e) FROM unnest(string_to_array(t.entities, chr(31))) e WHERE e <> ''), '{}'), t.body
				FROM (SELECT u.*, to_tsvector('`+textConfig+`', u.words) AS tsv
					FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[],
						$8::text[], $9::text[], $10::text[], $11::boolean[], $12::text[], $13::text[], $14::text[])
						AS u(seq, id, title, published, published_at, day, language, outlet_id, outlet_name, country, state, entities, body, words)) t
				RETURNING seq, len, tsv
			), terms AS (
				INSERT INTO search_terms (lexeme, df)
				SELECT l.lexeme, count(*) FROM ins, unnest(ins.tsv) l GROUP BY l.lexeme ORDER BY l.lexeme
				ON CONFLICT (lexeme) DO UPDATE SET df = search_terms.df + excluded.df
				RETURNING xmax = 0 AS new
			), totals AS (
				UPDATE search_state SET docs = docs + (SELECT count(*) FROM ins),
					tokens = tokens + (SELECT coalesce(sum(len), 0) FROM ins),
					terms = terms + (SELECT count(*) FROM terms WHERE new)
			)
			SELECT count(*) FROM ins`, cols.args()...).Scan(&n)
	})
	return n, last, err
}

// searchColumns holds a batch of search_docs rows as one array per
// column, for unnest.
type searchColumns struct {
	seq                                                 []int64
	id, title, published, day, language, outletID, name []*string
	country, entities, body, words                      []*string
	publishedAt                                         []*time.Time
	state                                               []*bool
}

// add adds the index row of an article: what the Bleve index keeps of it
// (search.newDoc), as columns. A value the article lacks is NULL, so that
// filters pass it by and facets count it as unknown.
func (c *searchColumns) add(seq int64, a *parallax.Article) {
	opt := func(s string) *string {
		if s == "" {
			return nil
		}
		s = text(s)
		return &s
	}
	str := func(s string) *string { s = text(s); return &s }
	var outletID, name, country *string
	var state *bool
	if o := a.Outlet; o != nil && o.ID != "" {
		outletID, name, country = opt(o.ID), opt(o.Name), opt(o.Country)
		state = &o.StateAffiliated
	}
	var publishedAt *time.Time
	var day *string
	if !a.Published.IsZero() {
		t := a.Published.Time
		// Date ranges compare calendar days where the article was
		// published, as the Bleve index does.
		d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		publishedAt = &d
		if p := a.Published.Precision; p == parallax.PrecisionDay || p == parallax.PrecisionSecond || p == "" {
			day = opt(t.Format(time.DateOnly))
		}
	}
	var es []string
	for _, e := range a.Entities {
		es = append(es, strings.ReplaceAll(e.ID, fragDelim, ""))
	}
	c.seq = append(c.seq, seq)
	c.id = append(c.id, str(a.ID))
	c.title = append(c.title, str(a.Title))
	c.published = append(c.published, str(a.Published.String()))
	c.publishedAt = append(c.publishedAt, publishedAt)
	c.day = append(c.day, day)
	c.language = append(c.language, opt(a.Language))
	c.outletID = append(c.outletID, outletID)
	c.name = append(c.name, name)
	c.country = append(c.country, country)
	c.state = append(c.state, state)
	c.entities = append(c.entities, str(strings.Join(es, fragDelim)))
	body := indexedText(a)
	c.body = append(c.body, str(body))
	c.words = append(c.words, str(tokenText(body)))
}

func (c *searchColumns) args() []any {
	return []any{c.seq, c.id, c.title, c.published, c.publishedAt, c.day, c.language, c.outletID, c.name,
		c.country, c.state, c.entities, c.body, c.words}
}

// indexedText is the text of an article that search reads, as the Bleve
// index's: the title, then the repaired paragraphs. The markers of
// highlighting become spaces, angle brackets stand-ins that snippets turn
// back (PostgreSQL's parser drops anything between angle brackets as an
// XML tag, and wires write company names so: "<Acme Corp>"), and the text
// ends at maxIndexedText bytes.
func indexedText(a *parallax.Article) string {
	var b strings.Builder
	b.WriteString(a.Title)
	for _, p := range a.Paragraphs {
		b.WriteString("\n\n")
		b.WriteString(p.Text)
	}
	s := b.String()
	if len(s) > maxIndexedText {
		cut := maxIndexedText
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	return strings.NewReplacer(startSel, " ", stopSel, " ", fragDelim, " ", "<", lt, ">", gt).Replace(s)
}

// tokenText prepares an indexed text or the text of a query for
// PostgreSQL's parser so that it splits it into words as Bleve's (Unicode
// word boundaries) does: a slash separates words (the parser takes
// "gold/silver" or "1986/87" for a file name), and the commas of a number
// go ("1,250,000" is one number, not three). Angle brackets are gone
// already (indexedText).
func tokenText(s string) string {
	if !strings.ContainsAny(s, "/,") {
		return s
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '/':
			out = append(out, ' ')
		case c == ',' && i > 0 && i+1 < len(s) && isDigit(s[i-1]) && isDigit(s[i+1]):
		default:
			out = append(out, c)
		}
	}
	return string(out)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// Rebuild throws the index away and builds it again from every stored
// article; it returns how many it indexed.
func (x *Searcher) Rebuild(ctx context.Context) (int, error) {
	err := x.store.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(`+lockKey+`)`); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `TRUNCATE search_docs, search_terms;
			UPDATE search_state SET docs = 0, tokens = 0, terms = 0, low = NULL, gen = gen + 1`)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("postgres: search rebuild: %w", err)
	}
	return x.CatchUp(ctx)
}

// Search runs a query: the matches found by the GIN index, ranked by BM25
// over their term frequencies, lengths and the index's document
// frequencies, with facets over every match and ts_headline snippets.
func (x *Searcher) Search(ctx context.Context, q parallax.SearchQuery) (*parallax.SearchResult, error) {
	start := time.Now()
	if q.Limit < 0 || q.Offset < 0 {
		return nil, fmt.Errorf("postgres: search: %w: negative limit or offset", parallax.ErrInvalid)
	}
	limit := cmp.Or(q.Limit, search.DefaultLimit)
	if limit > search.MaxLimit {
		return nil, fmt.Errorf("postgres: search: %w: limit %d: at most %d", parallax.ErrInvalid, limit, search.MaxLimit)
	}
	if q.Offset+limit > maxWindow {
		return nil, fmt.Errorf("postgres: search: %w: offset %d: results past %d are not paged; narrow the query", parallax.ErrInvalid, q.Offset, maxWindow)
	}
	if !q.From.IsZero() && !q.To.IsZero() && q.To.Before(q.From) {
		return nil, fmt.Errorf("postgres: search: %w: --to %s is before --from %s", parallax.ErrInvalid, q.To.Format(time.DateOnly), q.From.Format(time.DateOnly))
	}
	parsed, err := search.ParseQuery(q.Text)
	if err != nil {
		return nil, err
	}
	root, err := translate(parsed)
	if err != nil {
		return nil, fmt.Errorf("postgres: search: query %q: %w", q.Text, err)
	}
	out := &parallax.SearchResult{Hits: []parallax.SearchHit{},
		Facets: parallax.SearchFacets{Outlets: []parallax.FacetCount{}, Days: []parallax.FacetCount{}}}
	var storyIDs []string
	if q.StoryID != "" {
		st, err := x.store.Story(ctx, q.StoryID)
		if err != nil {
			return nil, fmt.Errorf("postgres: search: story %s: %w", q.StoryID, err)
		}
		storyIDs = st.Articles
	}
	st, err := x.analyse(ctx, root)
	if err != nil {
		return nil, fmt.Errorf("postgres: search: %w", err)
	}
	root = root.normalize()
	if root.op == opEmpty {
		out.Took = time.Since(start)
		return out, nil
	}
	b := &sqlBuilder{}
	where := []string{b.cond(root)}
	where = append(where, b.filters(q, storyIDs)...)
	page, err := x.matches(ctx, b, strings.Join(where, " AND "), root, st, q, limit, out)
	if err != nil {
		return nil, fmt.Errorf("postgres: search: %w", err)
	}
	if err := x.hits(ctx, root, page, out); err != nil {
		return nil, fmt.Errorf("postgres: search: %w", err)
	}
	out.Took = time.Since(start)
	return out, nil
}

// filters returns the SQL conditions of a query's filters.
func (b *sqlBuilder) filters(q parallax.SearchQuery, storyIDs []string) []string {
	var w []string
	if len(q.Outlets) > 0 {
		ids := make([]string, len(q.Outlets))
		for i, o := range q.Outlets {
			ids[i] = strings.ToLower(o)
		}
		w = append(w, fmt.Sprintf("(d.outlet_id = ANY(%s::text[]) OR d.outlet_name = ANY(%s::text[]))", b.arg(ids), b.arg(q.Outlets)))
	}
	if q.Country != "" {
		w = append(w, "d.country = "+b.arg(strings.ToUpper(q.Country)))
	}
	if q.StateAffiliated != nil {
		w = append(w, "d.state = "+b.arg(*q.StateAffiliated))
	}
	if !q.From.IsZero() {
		w = append(w, "d.published_at >= "+b.arg(q.From)+"::timestamptz")
	}
	if !q.To.IsZero() {
		w = append(w, "d.published_at < "+b.arg(q.To.AddDate(0, 0, 1))+"::timestamptz") // the whole last day
	}
	if q.Language != "" {
		w = append(w, "d.language = "+b.arg(strings.ToLower(q.Language)))
	}
	if q.EntityID != "" {
		w = append(w, "d.entities @> ARRAY["+b.arg(q.EntityID)+"::text]")
	}
	if q.StoryID != "" {
		w = append(w, "d.article_id = ANY("+b.arg(storyIDs)+"::text[])")
	}
	return w
}

// matches counts the matches, their facets when asked, and returns the
// candidates of the page with their scores: ranked by BM25 over at most MaxCandidates matches when
// the query has words to rank by, else in ingest order.
func (x *Searcher) matches(ctx context.Context, b *sqlBuilder, where string, root *qnode, st *stats,
	q parallax.SearchQuery, limit int, out *parallax.SearchResult) ([]candidate, error) {
	scored := root.scored()
	var sql strings.Builder
	// m holds the matches; c the candidates, which are read again by their
	// row's ctid (a TID scan of each row, whatever the size of the table).
	cols := "d.seq, d.ctid AS tid"
	if q.Facets {
		cols += ", d.outlet_name, d.day"
	}
	fmt.Fprintf(&sql, `WITH m AS MATERIALIZED (SELECT %s FROM search_docs d WHERE %s)`, cols, where)
	if scored {
		fmt.Fprintf(&sql, `, c AS (SELECT seq, tid FROM m ORDER BY seq DESC LIMIT %s)`, b.arg(cmp.Or(x.MaxCandidates, DefaultMaxCandidates)))
	} else {
		fmt.Fprintf(&sql, `, c AS (SELECT seq FROM m ORDER BY seq LIMIT %s OFFSET %s)`, b.arg(limit), b.arg(q.Offset))
	}
	sql.WriteString(`
		SELECT 0, count(*), NULL::text, NULL::bigint, NULL::integer, NULL::boolean[] FROM m`)
	if q.Facets {
		sql.WriteString(`
		UNION ALL SELECT 1, count(*), outlet_name, NULL, NULL, NULL FROM m GROUP BY outlet_name
		UNION ALL SELECT 2, count(*), day, NULL, NULL, NULL FROM m GROUP BY day`)
	}
	if scored {
		lexemes := st.lexemes()
		flags := "NULL::boolean[]"
		if len(b.flags) > 0 {
			flags = "ARRAY[" + strings.Join(b.flags, ", ") + "]"
		}
		fmt.Fprintf(&sql, `
		UNION ALL SELECT 3, NULL, r.vec, r.seq, r.len, r.flags FROM c CROSS JOIN LATERAL (
			SELECT d.seq, d.len, ts_filter(setweight(d.tsv, 'A', %s::text[]), '{a}')::text AS vec, %s AS flags
			FROM search_docs d WHERE d.ctid = c.tid OFFSET 0) r`, b.arg(lexemes), flags) // OFFSET 0: no hash join over the table
	} else {
		sql.WriteString(`
		UNION ALL SELECT 3, NULL, NULL, seq, NULL, NULL FROM c`)
	}
	rows, err := x.store.pool.Query(ctx, sql.String(), b.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var outlets, days []parallax.FacetCount
	var cands []candidate
	for rows.Next() {
		var kind int
		var n *int64
		var value *string
		var seq *int64
		var length *int32
		var flags []bool
		if err := rows.Scan(&kind, &n, &value, &seq, &length, &flags); err != nil {
			return nil, err
		}
		switch kind {
		case 0:
			out.Total = int(*n)
		case 1, 2:
			if value == nil {
				if kind == 1 {
					out.Facets.UnknownOutlet = int(*n)
				} else {
					out.Facets.UnknownDay = int(*n)
				}
				continue
			}
			fc := parallax.FacetCount{Value: *value, Count: int(*n)}
			if kind == 1 {
				outlets = append(outlets, fc)
			} else {
				days = append(days, fc)
			}
		case 3:
			c := candidate{seq: *seq}
			if scored {
				c.length = float64(*length)
				c.pos = st.positions(value)
				c.flags = flags
			}
			cands = append(cands, c)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if q.Facets {
		out.Facets.Outlets = topFacets(outlets)
		out.Facets.Days = topFacets(days)
		slices.SortFunc(out.Facets.Days, func(a, b parallax.FacetCount) int { return strings.Compare(a.Value, b.Value) })
	}
	if !scored {
		return cands, nil
	}
	for i := range cands {
		cands[i].score, _ = root.eval(&cands[i], st)
	}
	slices.SortFunc(cands, func(a, b candidate) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(a.seq, b.seq)
	})
	return cands[min(q.Offset, len(cands)):min(q.Offset+limit, len(cands))], nil
}

// topFacets keeps the facetSize values with the most matches, most first,
// ties by value, as Bleve's term facets do.
func topFacets(fs []parallax.FacetCount) []parallax.FacetCount {
	slices.SortFunc(fs, func(a, b parallax.FacetCount) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return strings.Compare(a.Value, b.Value)
	})
	if len(fs) > facetSize {
		fs = fs[:facetSize]
	}
	if fs == nil {
		fs = []parallax.FacetCount{}
	}
	return fs
}

// hits fills the hits of a page, in its order: the stored fields, the story
// (read from the store, the record of grouping) and the snippets.
func (x *Searcher) hits(ctx context.Context, root *qnode, page []candidate, out *parallax.SearchResult) error {
	if len(page) == 0 {
		return nil
	}
	seqs := make([]int64, len(page))
	for i, c := range page {
		seqs[i] = c.seq
	}
	hl := root.highlight()
	var hlq any
	if hl != "" {
		hlq = hl
	}
	rows, err := x.store.pool.Query(ctx, `SELECT d.seq, d.article_id, d.title, d.published, coalesce(d.language, ''),
			coalesce(d.outlet_id, ''), coalesce(d.outlet_name, ''), coalesce(d.country, ''), coalesce(d.state, false),
			a.story_id, CASE WHEN $2::tsquery IS NULL THEN NULL ELSE ts_headline('`+textConfig+`', d.body, $2::tsquery, $3) END
		FROM search_docs d JOIN articles a ON a.seq = d.seq
		WHERE d.seq = ANY($1::bigint[])`, seqs, hlq, headlineOptions)
	if err != nil {
		return err
	}
	defer rows.Close()
	bySeq := make(map[int64]parallax.SearchHit, len(page))
	for rows.Next() {
		var seq int64
		var h parallax.SearchHit
		var outletID, name, country string
		var state bool
		var headline *string
		if err := rows.Scan(&seq, &h.ID, &h.Title, &h.Published, &h.Language, &outletID, &name, &country, &state,
			&h.StoryID, &headline); err != nil {
			return err
		}
		if outletID != "" {
			h.Outlet = &parallax.OutletRef{ID: outletID, Name: name, Country: country, StateAffiliated: state}
		}
		h.Snippets = []string{}
		if headline != nil {
			h.Snippets = snippets(*headline)
		}
		bySeq[seq] = h
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, c := range page {
		h := bySeq[c.seq]
		h.Score = c.score
		out.Hits = append(out.Hits, h)
	}
	return nil
}

// snippets turns a ts_headline result into HTML fragments: each fragment's
// text escaped, its matches in <mark>. Fragments without a match (the
// headline of an article that matched on other terms) are left out.
func snippets(headline string) []string {
	out := []string{}
	for f := range strings.SplitSeq(headline, fragDelim) {
		if !strings.Contains(f, startSel) {
			continue
		}
		f = html.EscapeString(strings.TrimSpace(f))
		out = append(out, strings.NewReplacer(startSel, "<mark>", stopSel, "</mark>", lt, "&lt;", gt, "&gt;").Replace(f))
	}
	return out
}
