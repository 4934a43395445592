// Package sqlite is the embedded [parallax.Store]: one SQLite file (pure Go,
// modernc.org/sqlite), in WAL mode, its schema kept by goose migrations
// embedded in the binary. Raw input bytes are kept deflate-compressed in a
// table of their own so that scans of articles never read them.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"net/url"
	"strings"

	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/internal/storecodec"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a [parallax.Store] in one SQLite file.
type Store struct {
	db *sql.DB
}

var _ parallax.Store = (*Store)(nil)

// Open opens (creating if needed) the SQLite database at path and brings
// its schema up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, fmt.Errorf("sqlite: open: %w: empty path", parallax.ErrInvalid)
	}
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "busy_timeout(10000)", "synchronous(NORMAL)", "foreign_keys(ON)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(4)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	if err := migrate(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: migrate %s: %w", path, err)
	}
	return &Store{db: db}, nil
}

func migrate(ctx context.Context, db *sql.DB) error {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db, sub, goose.WithDisableGlobalRegistry(true))
	if err != nil {
		return err
	}
	_, err = p.Up(ctx)
	return err
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// PutArticles stores a batch in one transaction.
func (s *Store) PutArticles(ctx context.Context, articles []*parallax.Article) ([]parallax.PutOutcome, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: put articles: %w", err)
	}
	defer tx.Rollback()
	insArticle, err := tx.PrepareContext(ctx, `INSERT INTO articles
		(id, format, external_id, outlet_id, url, title, published, language, story_id, ingested_at, doc, grouping)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: put articles: %w", err)
	}
	insLoc, err := tx.PrepareContext(ctx, `INSERT INTO locations (article_id, path, idx, byte_off, line)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: put articles: %w", err)
	}
	insRaw, err := tx.PrepareContext(ctx, `INSERT INTO raws (article_id, encoding, data) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: put articles: %w", err)
	}
	out := make([]parallax.PutOutcome, len(articles))
	for i, a := range articles {
		row, err := storecodec.Encode(a)
		if err != nil {
			return nil, fmt.Errorf("sqlite: put article %s: %w", a.ID, err)
		}
		res, err := insArticle.ExecContext(ctx, a.ID, a.Format, a.ExternalID, row.OutletID, a.URL, a.Title,
			a.Published.String(), a.Language, a.StoryID, row.Ingested, row.Doc, row.Grouping)
		if err != nil {
			return nil, fmt.Errorf("sqlite: put article %s: %w", a.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			out[i] = parallax.PutDuplicate
		} else {
			if _, err := insRaw.ExecContext(ctx, a.ID, storecodec.RawEncoding, row.Raw); err != nil {
				return nil, fmt.Errorf("sqlite: put article %s raw: %w", a.ID, err)
			}
		}
		for _, l := range a.Locations {
			if _, err := insLoc.ExecContext(ctx, a.ID, l.Path, l.Index, l.Offset, l.Line); err != nil {
				return nil, fmt.Errorf("sqlite: put article %s location: %w", a.ID, err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: put articles: commit: %w", err)
	}
	return out, nil
}

// Article returns one article without its raw bytes.
func (s *Store) Article(ctx context.Context, id string) (*parallax.Article, error) {
	for a, err := range s.articles(ctx, `WHERE id = ?`, []any{id}) {
		return a, err
	}
	return nil, fmt.Errorf("sqlite: article %q: %w", id, parallax.ErrNotFound)
}

// RawArticle returns the raw bytes of an article as read.
func (s *Store) RawArticle(ctx context.Context, id string) ([]byte, error) {
	var enc string
	var data []byte
	err := s.db.QueryRowContext(ctx, `SELECT encoding, data FROM raws WHERE article_id = ?`, id).Scan(&enc, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: raw article %q: %w", id, parallax.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: raw article %q: %w", id, err)
	}
	raw, err := storecodec.DecodeRaw(enc, data)
	if err != nil {
		return nil, fmt.Errorf("sqlite: raw article %q: %w", id, err)
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
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM articles `+where+`)`, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("sqlite: count articles: %w", err)
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
	err := s.db.QueryRowContext(ctx, `SELECT 1 FROM articles WHERE id = ?`, f.After).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("sqlite: articles after %q: %w", f.After, parallax.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("sqlite: articles after %q: %w", f.After, err)
	}
	return nil
}

func filterSQL(f parallax.ArticleFilter) (string, []any) {
	var conds []string
	var args []any
	if f.StoryID != "" {
		conds = append(conds, "story_id = ?")
		args = append(args, f.StoryID)
	}
	if f.After != "" {
		conds = append(conds, "seq > (SELECT seq FROM articles WHERE id = ?)")
		args = append(args, f.After)
	}
	where := ""
	if len(conds) > 0 {
		where = "WHERE " + strings.Join(conds, " AND ")
	}
	where += " ORDER BY seq"
	if f.Limit > 0 || f.Offset > 0 {
		limit := f.Limit
		if limit <= 0 {
			limit = -1
		}
		where += " LIMIT ? OFFSET ?"
		args = append(args, limit, f.Offset)
	}
	return where, args
}

// articles runs one query over articles joined with their locations and
// yields the articles in seq order.
func (s *Store) articles(ctx context.Context, where string, args []any) iter.Seq2[*parallax.Article, error] {
	return func(yield func(*parallax.Article, error) bool) {
		rows, err := s.db.QueryContext(ctx, `SELECT a.seq, a.doc, a.story_id, a.grouping, l.path, l.idx, l.byte_off, l.line
			FROM (SELECT seq, id, doc, story_id, grouping FROM articles `+where+`) a
			LEFT JOIN locations l ON l.article_id = a.id
			ORDER BY a.seq, l.rowid`, args...)
		if err != nil {
			yield(nil, fmt.Errorf("sqlite: articles: %w", err))
			return
		}
		defer rows.Close()
		var cur *parallax.Article
		var curSeq int64 = -1
		for rows.Next() {
			var seq int64
			var doc, storyID, grouping string
			var path sql.NullString
			var idx, off, line sql.NullInt64
			if err := rows.Scan(&seq, &doc, &storyID, &grouping, &path, &idx, &off, &line); err != nil {
				yield(nil, fmt.Errorf("sqlite: articles: %w", err))
				return
			}
			if seq != curSeq {
				if cur != nil && !yield(cur, nil) {
					return
				}
				a, err := storecodec.Decode(doc, storyID, grouping)
				if err != nil {
					yield(nil, fmt.Errorf("sqlite: articles: %w", err))
					return
				}
				cur, curSeq = a, seq
			}
			if path.Valid {
				cur.Locations = append(cur.Locations, parallax.Location{Path: path.String, Index: int(idx.Int64), Offset: off.Int64, Line: int(line.Int64)})
			}
		}
		if err := rows.Err(); err != nil {
			yield(nil, fmt.Errorf("sqlite: articles: %w", err))
			return
		}
		if cur != nil {
			yield(cur, nil)
		}
	}
}
