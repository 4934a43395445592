// Package postgres is the [parallax.Store] for deployments past one
// machine: a PostgreSQL database (pgx), its schema kept by goose migrations
// embedded in the binary, which many `parallax ingest` processes on many
// machines write at once.
//
// It keeps what the SQLite store keeps, in the same shape: articles as JSON
// documents (internal/storecodec) with a few columns for filtering, their
// locations in a table of their own in the order they were first read, and
// their raw bytes deflate-compressed in a third table so that scans never
// read them.
//
// Concurrent writers are safe: [Store.PutArticles] inserts with ON
// CONFLICT DO NOTHING and tells new from duplicate by the rows its own
// insert returned, so of two writers racing on one article exactly one
// sees it new and both add their locations. Each batch takes its row locks
// in one global order (articles by id, then locations by key), so
// overlapping batches wait for each other but cannot deadlock; a
// serialization or deadlock failure is retried all the same. Grouping, which
// rewrites many articles, runs one job at a time under [Store.LockGrouping].
//
// [Searcher] is ranked search on PostgreSQL's own full text: a tsvector per
// article with a GIN index finds the matches, BM25 (as Bleve computes it)
// ranks them, so that a PostgreSQL store answers queries as a SQLite store
// with its Bleve index does (docs/POSTGRES.md § Search).
package postgres

import (
	"cmp"
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/internal/storecodec"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a [parallax.Store] in a PostgreSQL database. Its methods are
// safe for concurrent use, and any number of Stores in any number of
// processes may share one database.
type Store struct {
	pool *pgxpool.Pool
}

var _ parallax.Store = (*Store)(nil)

// maxAttempts is how many times a transaction is tried when PostgreSQL
// reports a serialization failure or a deadlock.
const maxAttempts = 5

// fetchSize is how many rows an iteration fetches from its cursor at a time.
const fetchSize = 256

// Open connects to the database a DSN names — a postgres:// or
// postgresql:// URL, or key=value pairs, as libpq takes them — and brings
// its schema up to date. The schema lives in the connection's current
// schema (search_path), so one database can hold several Parallax stores.
func Open(ctx context.Context, dsn string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: open: %w: %v", parallax.ErrInvalid, err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: open: %w", err)
	}
	if err := migrate(ctx, pool); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: migrate: %w", err)
	}
	return &Store{pool: pool}, nil
}

// migrate applies the embedded migrations. Processes that open one
// database at once take turns under an advisory lock.
func migrate(ctx context.Context, pool *pgxpool.Pool) error {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return err
	}
	unlock, err := advisoryLock(ctx, pool.Config().ConnConfig, "parallax.migrate")
	if err != nil {
		return err
	}
	defer unlock()
	db := stdlib.OpenDBFromPool(pool)
	defer db.Close()
	p, err := goose.NewProvider(goose.DialectPostgres, db, sub, goose.WithDisableGlobalRegistry(true))
	if err != nil {
		return err
	}
	_, err = p.Up(ctx)
	return err
}

// LockGrouping waits until no other grouping job holds the grouping lock
// of this store's schema, takes it, and returns the function that gives it
// back. The lock is a session-level advisory lock on a connection of its
// own, so it is given back too if the process dies. A done ctx ends the
// wait with its error.
func (s *Store) LockGrouping(ctx context.Context) (unlock func(), err error) {
	unlock, err = advisoryLock(ctx, s.pool.Config().ConnConfig, "parallax.grouping")
	if err != nil {
		return nil, fmt.Errorf("postgres: lock grouping: %w", err)
	}
	return unlock, nil
}

// advisoryLock takes a session-level advisory lock named for name and the
// current schema, on a new connection that the returned unlock closes.
func advisoryLock(ctx context.Context, cfg *pgx.ConnConfig, name string) (func(), error) {
	conn, err := pgx.ConnectConfig(ctx, cfg.Copy())
	if err != nil {
		return nil, err
	}
	const key = `hashtextextended($1 || ':' || coalesce(current_schema(), ''), 0)`
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock(`+key+`)`, name); err != nil {
		conn.Close(context.WithoutCancel(ctx)) // ending the session drops any lock it holds
		return nil, err
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			bg, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			conn.Exec(bg, `SELECT pg_advisory_unlock(`+key+`)`, name)
			conn.Close(bg)
		})
	}, nil
}

// Close closes every connection.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// inTx runs fn in a transaction, trying again a few times if PostgreSQL
// aborts it as a serialization failure or a deadlock.
func (s *Store) inTx(ctx context.Context, fn func(pgx.Tx) error) error {
	for attempt := 1; ; attempt++ {
		err := pgx.BeginFunc(ctx, s.pool, fn)
		var pe *pgconn.PgError
		if err == nil || attempt == maxAttempts || !errors.As(err, &pe) || (pe.Code != "40001" && pe.Code != "40P01") {
			return err
		}
		select {
		case <-time.After(time.Duration(attempt) * time.Duration(5+rand.IntN(20)) * time.Millisecond):
		case <-ctx.Done():
			return err
		}
	}
}

// text makes a string storable in a text column, which holds neither NUL
// nor invalid UTF-8. Only the filtering columns need it: the JSON document
// keeps every article field exactly.
func text(s string) string {
	return strings.ToValidUTF8(strings.ReplaceAll(s, "\x00", ""), "\uFFFD")
}

// PutArticles stores a batch in one transaction. It inserts the batch's
// articles sorted by id and their locations sorted by key, so that
// concurrent batches lock rows in one order; ingest order (seq) and
// location order are numbers drawn beforehand in input order.
func (s *Store) PutArticles(ctx context.Context, articles []*parallax.Article) ([]parallax.PutOutcome, error) {
	rows := make([]storecodec.Row, len(articles))
	first := make(map[string]int, len(articles)) // id -> index of its first occurrence
	var uniq []int                               // first occurrences, in input order
	nLocs := 0
	for i, a := range articles {
		row, err := storecodec.Encode(a)
		if err != nil {
			return nil, fmt.Errorf("postgres: put article %s: %w", a.ID, err)
		}
		rows[i] = row
		if _, ok := first[a.ID]; !ok {
			first[a.ID] = i
			uniq = append(uniq, i)
		}
		nLocs += len(a.Locations)
	}
	out := make([]parallax.PutOutcome, len(articles))
	if len(articles) == 0 {
		return out, nil
	}
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var seqs, ns []int64
		if err := tx.QueryRow(ctx, `SELECT
			ARRAY(SELECT nextval(pg_get_serial_sequence('articles', 'seq')) FROM generate_series(1, $1)),
			ARRAY(SELECT nextval(pg_get_serial_sequence('locations', 'n')) FROM generate_series(1, $2))`,
			len(uniq), nLocs).Scan(&seqs, &ns); err != nil {
			return err
		}
		slices.Sort(seqs)
		slices.Sort(ns)

		seqOf := make(map[string]int64, len(uniq))
		for k, i := range uniq {
			seqOf[articles[i].ID] = seqs[k]
		}
		byID := slices.Clone(uniq)
		slices.SortFunc(byID, func(i, j int) int { return strings.Compare(articles[i].ID, articles[j].ID) })
		var cols articleColumns
		for _, i := range byID {
			cols.add(seqOf[articles[i].ID], articles[i], rows[i])
		}
		inserted := make(map[string]bool, len(uniq))
		res, err := tx.Query(ctx, `INSERT INTO articles
			(seq, id, format, external_id, outlet_id, url, title, published, language, story_id, grouping, ingested_at, doc)
			SELECT u.seq, u.id, u.format, u.external_id, u.outlet_id, u.url, u.title, u.published, u.language, u.story_id,
				u.grouping, u.ingested_at::timestamptz, u.doc
			FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
				$9::text[], $10::text[], $11::text[], $12::text[], $13::text[]) WITH ORDINALITY
				AS u(seq, id, format, external_id, outlet_id, url, title, published, language, story_id, grouping, ingested_at, doc, ord)
			ORDER BY u.ord
			ON CONFLICT (id) DO NOTHING
			RETURNING id`, cols.args()...)
		if err != nil {
			return err
		}
		for res.Next() {
			var id string
			if err := res.Scan(&id); err != nil {
				return err
			}
			inserted[id] = true
		}
		if err := res.Err(); err != nil {
			return err
		}

		var b pgx.Batch
		var rawIDs, rawEnc []string
		var rawData [][]byte
		for _, i := range byID {
			if id := articles[i].ID; inserted[id] {
				rawIDs, rawEnc, rawData = append(rawIDs, id), append(rawEnc, storecodec.RawEncoding), append(rawData, rows[i].Raw)
			}
		}
		if len(rawIDs) > 0 {
			b.Queue(`INSERT INTO raws (article_id, encoding, data) SELECT * FROM unnest($1::text[], $2::text[], $3::bytea[])`,
				rawIDs, rawEnc, rawData)
		}
		var locs []location
		for _, a := range articles {
			for _, l := range a.Locations {
				locs = append(locs, location{id: a.ID, path: []byte(l.Path), idx: int64(l.Index), off: l.Offset, line: int64(l.Line), n: ns[len(locs)]})
			}
		}
		if len(locs) > 0 {
			slices.SortStableFunc(locs, location.compare)
			b.Queue(`INSERT INTO locations (n, article_id, path, idx, byte_off, line)
				SELECT u.n, u.article_id, u.path, u.idx, u.byte_off, u.line
				FROM unnest($1::bigint[], $2::text[], $3::bytea[], $4::bigint[], $5::bigint[], $6::bigint[]) WITH ORDINALITY
					AS u(n, article_id, path, idx, byte_off, line, ord)
				ORDER BY u.ord
				ON CONFLICT DO NOTHING`, locationArgs(locs)...)
		}
		if err := tx.SendBatch(ctx, &b).Close(); err != nil {
			return err
		}
		for i, a := range articles {
			if first[a.ID] == i && inserted[a.ID] {
				out[i] = parallax.PutNew
			} else {
				out[i] = parallax.PutDuplicate
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: put articles: %w", err)
	}
	return out, nil
}

// articleColumns holds a batch of article rows as one array per column,
// for unnest.
type articleColumns struct {
	seq                                                               []int64
	id, format, externalID, outletID, url, title, published, language []string
	storyID, grouping, ingested, doc                                  []string
}

func (c *articleColumns) add(seq int64, a *parallax.Article, row storecodec.Row) {
	c.seq = append(c.seq, seq)
	c.id = append(c.id, a.ID)
	c.format = append(c.format, text(string(a.Format)))
	c.externalID = append(c.externalID, text(a.ExternalID))
	c.outletID = append(c.outletID, text(row.OutletID))
	c.url = append(c.url, text(a.URL))
	c.title = append(c.title, text(a.Title))
	c.published = append(c.published, a.Published.String())
	c.language = append(c.language, text(a.Language))
	c.storyID = append(c.storyID, text(a.StoryID))
	c.grouping = append(c.grouping, row.Grouping)
	c.ingested = append(c.ingested, row.Ingested)
	c.doc = append(c.doc, row.Doc)
}

func (c *articleColumns) args() []any {
	return []any{c.seq, c.id, c.format, c.externalID, c.outletID, c.url, c.title, c.published, c.language,
		c.storyID, c.grouping, c.ingested, c.doc}
}

// location is one row of the locations table.
type location struct {
	id   string
	path []byte
	idx  int64
	off  int64
	line int64
	n    int64
}

// compare orders locations by their primary key, the order their row
// locks are taken in.
func (l location) compare(m location) int {
	if c := strings.Compare(l.id, m.id); c != 0 {
		return c
	}
	if c := strings.Compare(string(l.path), string(m.path)); c != 0 {
		return c
	}
	return cmp.Compare(l.idx, m.idx)
}

func locationArgs(locs []location) []any {
	var (
		ns, idxs, offs, lines []int64
		ids                   []string
		paths                 [][]byte
	)
	for _, l := range locs {
		ns, ids, paths, idxs, offs, lines = append(ns, l.n), append(ids, l.id), append(paths, l.path),
			append(idxs, l.idx), append(offs, l.off), append(lines, l.line)
	}
	return []any{ns, ids, paths, idxs, offs, lines}
}

// Article returns one article without its raw bytes.
func (s *Store) Article(ctx context.Context, id string) (*parallax.Article, error) {
	rows, err := s.pool.Query(ctx, articlesSQL(`WHERE id = $1`), id)
	if err != nil {
		return nil, fmt.Errorf("postgres: article %q: %w", id, err)
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("postgres: article %q: %w", id, err)
		}
		return nil, fmt.Errorf("postgres: article %q: %w", id, parallax.ErrNotFound)
	}
	a, err := scanArticle(rows)
	if err != nil {
		return nil, fmt.Errorf("postgres: article %q: %w", id, err)
	}
	return a, nil
}

// RawArticle returns the raw bytes of an article as read.
func (s *Store) RawArticle(ctx context.Context, id string) ([]byte, error) {
	var enc string
	var data []byte
	err := s.pool.QueryRow(ctx, `SELECT encoding, data FROM raws WHERE article_id = $1`, id).Scan(&enc, &data)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: raw article %q: %w", id, parallax.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: raw article %q: %w", id, err)
	}
	raw, err := storecodec.DecodeRaw(enc, data)
	if err != nil {
		return nil, fmt.Errorf("postgres: raw article %q: %w", id, err)
	}
	return raw, nil
}

// Articles iterates over the selected articles in ingest order.
func (s *Store) Articles(ctx context.Context, f parallax.ArticleFilter) iter.Seq2[*parallax.Article, error] {
	if err := s.checkAfter(ctx, f); err != nil {
		return func(yield func(*parallax.Article, error) bool) { yield(nil, err) }
	}
	where, args := filterSQL(f)
	return s.articles(ctx, where, args)
}

// CountArticles counts the selected articles.
func (s *Store) CountArticles(ctx context.Context, f parallax.ArticleFilter) (int, error) {
	if err := s.checkAfter(ctx, f); err != nil {
		return 0, err
	}
	where, args := filterSQL(f)
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM articles `+where+`) a`, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("postgres: count articles: %w", err)
	}
	return n, nil
}

// checkAfter checks that the article a filter selects the articles after
// is stored.
func (s *Store) checkAfter(ctx context.Context, f parallax.ArticleFilter) error {
	if f.After == "" {
		return nil
	}
	var one int
	err := s.pool.QueryRow(ctx, `SELECT 1 FROM articles WHERE id = $1`, f.After).Scan(&one)
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("postgres: articles after %q: %w", f.After, parallax.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("postgres: articles after %q: %w", f.After, err)
	}
	return nil
}

// filterSQL returns the WHERE, ORDER BY and LIMIT clauses of a filter
// and their arguments.
func filterSQL(f parallax.ArticleFilter) (string, []any) {
	var conds []string
	var args []any
	if f.StoryID != "" {
		args = append(args, f.StoryID)
		conds = append(conds, fmt.Sprintf("story_id = $%d", len(args)))
	}
	if f.After != "" {
		args = append(args, f.After)
		conds = append(conds, fmt.Sprintf("seq > (SELECT seq FROM articles WHERE id = $%d)", len(args)))
	}
	where := ""
	if len(conds) > 0 {
		where = "WHERE " + strings.Join(conds, " AND ")
	}
	where += " ORDER BY seq"
	if f.Limit > 0 || f.Offset > 0 {
		var limit any // NULL: no limit
		if f.Limit > 0 {
			limit = f.Limit
		}
		args = append(args, limit, f.Offset)
		where += fmt.Sprintf(" LIMIT $%d OFFSET $%d", len(args)-1, len(args))
	}
	return where, args
}

// articlesSQL selects articles, each with its locations as arrays in the
// order they were first read; where filters, orders and pages them.
func articlesSQL(where string) string {
	return `SELECT a.doc, a.story_id, a.grouping,
			coalesce(l.paths, '{}'), coalesce(l.idxs, '{}'), coalesce(l.offs, '{}'), coalesce(l.lines, '{}')
		FROM (SELECT seq, id, doc, story_id, grouping FROM articles ` + where + `) a
		LEFT JOIN LATERAL (SELECT array_agg(path ORDER BY n) AS paths, array_agg(idx ORDER BY n) AS idxs,
				array_agg(byte_off ORDER BY n) AS offs, array_agg(line ORDER BY n) AS lines
			FROM locations WHERE article_id = a.id) l ON true
		ORDER BY a.seq`
}

// scanArticle reads one row selected by articlesSQL.
func scanArticle(rows pgx.Rows) (*parallax.Article, error) {
	var doc, storyID, grouping string
	var paths [][]byte
	var idxs, lines []int64
	var offs []int64
	if err := rows.Scan(&doc, &storyID, &grouping, &paths, &idxs, &offs, &lines); err != nil {
		return nil, err
	}
	a, err := storecodec.Decode(doc, storyID, grouping)
	if err != nil {
		return nil, err
	}
	for i := range paths {
		a.Locations = append(a.Locations, parallax.Location{Path: string(paths[i]), Index: int(idxs[i]), Offset: offs[i], Line: int(lines[i])})
	}
	return a, nil
}

// articles iterates over the articles where selects.
func (s *Store) articles(ctx context.Context, where string, args []any) iter.Seq2[*parallax.Article, error] {
	return func(yield func(*parallax.Article, error) bool) {
		err := s.cursor(ctx, articlesSQL(where), args, func(rows pgx.Rows) (bool, error) {
			a, err := scanArticle(rows)
			if err != nil {
				return false, err
			}
			return yield(a, nil), nil
		})
		if err != nil {
			yield(nil, fmt.Errorf("postgres: articles: %w", err))
		}
	}
}

// cursor runs a query through a server-side cursor in a read-only
// transaction, fetching fetchSize rows at a time, and calls row for each
// row until it returns false or an error. Stopping early costs at most one
// fetch, however large the result, and the whole iteration reads one
// snapshot of the database.
func (s *Store) cursor(ctx context.Context, query string, args []any, row func(pgx.Rows) (bool, error)) error {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly, IsoLevel: pgx.RepeatableRead})
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if _, err := tx.Exec(ctx, `DECLARE c NO SCROLL CURSOR FOR `+query, args...); err != nil {
		return err
	}
	for {
		rows, err := tx.Query(ctx, fmt.Sprintf(`FETCH %d FROM c`, fetchSize))
		if err != nil {
			return err
		}
		n := 0
		for rows.Next() {
			n++
			more, err := row(rows)
			if err != nil || !more {
				rows.Close()
				return err
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if n < fetchSize {
			return nil
		}
	}
}
