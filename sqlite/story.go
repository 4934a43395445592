package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/internal/storecodec"
)

// PutStories stores stories and the articles' groupings in one transaction.
func (s *Store) PutStories(ctx context.Context, stories []*parallax.Story, groupings []parallax.Grouping) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: put stories: %w", err)
	}
	defer tx.Rollback()
	putStory, err := tx.PrepareContext(ctx, `INSERT INTO stories (id, size, first_seen, last_seen, doc) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET size = excluded.size, first_seen = excluded.first_seen, last_seen = excluded.last_seen, doc = excluded.doc`)
	if err != nil {
		return fmt.Errorf("sqlite: put stories: %w", err)
	}
	for _, st := range stories {
		doc, err := storecodec.EncodeStory(st)
		if err != nil {
			return fmt.Errorf("sqlite: put stories: %w", err)
		}
		if _, err := putStory.ExecContext(ctx, st.ID, len(st.Articles), storecodec.Time(st.FirstSeen), storecodec.Time(st.LastSeen), doc); err != nil {
			return fmt.Errorf("sqlite: put story %s: %w", st.ID, err)
		}
	}
	setGrouping, err := tx.PrepareContext(ctx, `UPDATE articles SET story_id = ?, grouping = ? WHERE id = ?`)
	if err != nil {
		return fmt.Errorf("sqlite: put stories: %w", err)
	}
	for _, g := range groupings {
		enc, err := storecodec.EncodeGrouping(g.Signals)
		if err != nil {
			return fmt.Errorf("sqlite: put stories: %w", err)
		}
		res, err := setGrouping.ExecContext(ctx, g.StoryID, enc, g.ArticleID)
		if err != nil {
			return fmt.Errorf("sqlite: group article %s: %w", g.ArticleID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("sqlite: group article %q: %w", g.ArticleID, parallax.ErrNotFound)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: put stories: commit: %w", err)
	}
	return nil
}

// Story returns one story.
func (s *Store) Story(ctx context.Context, id string) (*parallax.Story, error) {
	var doc string
	err := s.db.QueryRowContext(ctx, `SELECT doc FROM stories WHERE id = ?`, id).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: story %q: %w", id, parallax.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: story %q: %w", id, err)
	}
	return storecodec.DecodeStory(doc)
}

// Stories iterates over the stories, largest first.
func (s *Store) Stories(ctx context.Context, limit int) iter.Seq2[*parallax.Story, error] {
	return func(yield func(*parallax.Story, error) bool) {
		if limit <= 0 {
			limit = -1
		}
		rows, err := s.db.QueryContext(ctx, `SELECT doc FROM stories ORDER BY size DESC, id LIMIT ?`, limit)
		if err != nil {
			yield(nil, fmt.Errorf("sqlite: stories: %w", err))
			return
		}
		defer rows.Close()
		for rows.Next() {
			var doc string
			if err := rows.Scan(&doc); err != nil {
				yield(nil, fmt.Errorf("sqlite: stories: %w", err))
				return
			}
			st, err := storecodec.DecodeStory(doc)
			if !yield(st, err) || err != nil {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(nil, fmt.Errorf("sqlite: stories: %w", err))
		}
	}
}

// ClearStories deletes every story and every article's grouping.
func (s *Store) ClearStories(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: clear stories: %w", err)
	}
	defer tx.Rollback()
	for _, q := range []string{`DELETE FROM stories`, `UPDATE articles SET story_id = '', grouping = '' WHERE story_id <> '' OR grouping <> ''`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("sqlite: clear stories: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: clear stories: commit: %w", err)
	}
	return nil
}

// Ungrouped iterates over the articles in no story, in ingest order.
func (s *Store) Ungrouped(ctx context.Context) iter.Seq2[*parallax.Article, error] {
	return s.articles(ctx, `WHERE story_id = '' ORDER BY seq`, nil)
}

// StoriesOf returns the story id of each given article that is grouped.
func (s *Store) StoriesOf(ctx context.Context, articleIDs []string) (map[string]string, error) {
	out := make(map[string]string, len(articleIDs))
	for chunk := range slices.Chunk(articleIDs, 500) {
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := s.db.QueryContext(ctx, `SELECT id, story_id FROM articles WHERE story_id != '' AND id IN (?`+strings.Repeat(",?", len(chunk)-1)+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("sqlite: stories of articles: %w", err)
		}
		for rows.Next() {
			var id, story string
			if err := rows.Scan(&id, &story); err != nil {
				rows.Close()
				return nil, fmt.Errorf("sqlite: stories of articles: %w", err)
			}
			out[id] = story
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("sqlite: stories of articles: %w", err)
		}
	}
	return out, nil
}
