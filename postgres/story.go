package postgres

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/internal/storecodec"
)

// PutStories stores stories and the articles' groupings in one
// transaction. When a story or an article appears twice, the last one
// wins, as if they were stored one after the other.
func (s *Store) PutStories(ctx context.Context, stories []*parallax.Story, groupings []parallax.Grouping) error {
	var ids, docs, firsts, lasts []string
	var sizes []int32
	for _, st := range lastByKey(stories, func(st *parallax.Story) string { return st.ID }) {
		doc, err := storecodec.EncodeStory(st)
		if err != nil {
			return fmt.Errorf("postgres: put stories: %w", err)
		}
		ids, docs = append(ids, text(st.ID)), append(docs, doc)
		firsts, lasts = append(firsts, storecodec.Time(st.FirstSeen)), append(lasts, storecodec.Time(st.LastSeen))
		sizes = append(sizes, int32(len(st.Articles)))
	}
	var gIDs, gStories, gSignals []string
	for _, g := range lastByKey(groupings, func(g parallax.Grouping) string { return g.ArticleID }) {
		enc, err := storecodec.EncodeGrouping(g.Signals)
		if err != nil {
			return fmt.Errorf("postgres: put stories: %w", err)
		}
		gIDs, gStories, gSignals = append(gIDs, g.ArticleID), append(gStories, text(g.StoryID)), append(gSignals, enc)
	}
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if len(ids) > 0 {
			if _, err := tx.Exec(ctx, `INSERT INTO stories (id, size, first_seen, last_seen, doc)
				SELECT u.id, u.size, u.first_seen, u.last_seen, u.doc
				FROM unnest($1::text[], $2::integer[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY
					AS u(id, size, first_seen, last_seen, doc, ord)
				ORDER BY u.ord
				ON CONFLICT (id) DO UPDATE SET size = excluded.size, first_seen = excluded.first_seen,
					last_seen = excluded.last_seen, doc = excluded.doc`, ids, sizes, firsts, lasts, docs); err != nil {
				return err
			}
		}
		if len(gIDs) == 0 {
			return nil
		}
		rows, err := tx.Query(ctx, `UPDATE articles a SET story_id = u.story_id, grouping = u.grouping
			FROM unnest($1::text[], $2::text[], $3::text[]) AS u(id, story_id, grouping)
			WHERE a.id = u.id
			RETURNING a.id`, gIDs, gStories, gSignals)
		if err != nil {
			return err
		}
		found, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return err
		}
		if len(found) == len(gIDs) {
			return nil
		}
		slices.Sort(found)
		for _, id := range gIDs {
			if _, ok := slices.BinarySearch(found, id); !ok {
				return fmt.Errorf("group article %q: %w", id, parallax.ErrNotFound)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("postgres: put stories: %w", err)
	}
	return nil
}

// lastByKey keeps the last of the values with one key, sorted by key: the
// order in which their rows are locked.
func lastByKey[T any](vs []T, key func(T) string) []T {
	last := make(map[string]int, len(vs))
	for i, v := range vs {
		last[key(v)] = i
	}
	out := make([]T, 0, len(last))
	for i, v := range vs {
		if last[key(v)] == i {
			out = append(out, v)
		}
	}
	slices.SortFunc(out, func(a, b T) int { return strings.Compare(key(a), key(b)) })
	return out
}

// Story returns one story.
func (s *Store) Story(ctx context.Context, id string) (*parallax.Story, error) {
	var doc string
	err := s.pool.QueryRow(ctx, `SELECT doc FROM stories WHERE id = $1`, id).Scan(&doc)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: story %q: %w", id, parallax.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: story %q: %w", id, err)
	}
	return storecodec.DecodeStory(doc)
}

// Stories iterates over the stories, largest first, then by id.
func (s *Store) Stories(ctx context.Context, limit int) iter.Seq2[*parallax.Story, error] {
	return func(yield func(*parallax.Story, error) bool) {
		var lim any // NULL: no limit
		if limit > 0 {
			lim = limit
		}
		err := s.cursor(ctx, `SELECT doc FROM stories ORDER BY size DESC, id LIMIT $1`, []any{lim}, func(rows pgx.Rows) (bool, error) {
			var doc string
			if err := rows.Scan(&doc); err != nil {
				return false, err
			}
			st, err := storecodec.DecodeStory(doc)
			if err != nil {
				return false, err
			}
			return yield(st, nil), nil
		})
		if err != nil {
			yield(nil, fmt.Errorf("postgres: stories: %w", err))
		}
	}
}

// ClearStories deletes every story and every article's grouping.
func (s *Store) ClearStories(ctx context.Context) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		for _, q := range []string{`DELETE FROM stories`,
			`UPDATE articles SET story_id = '', grouping = '' WHERE story_id <> '' OR grouping <> ''`} {
			if _, err := tx.Exec(ctx, q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("postgres: clear stories: %w", err)
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
	if len(articleIDs) == 0 {
		return out, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT id, story_id FROM articles WHERE story_id <> '' AND id = ANY($1)`, articleIDs)
	if err != nil {
		return nil, fmt.Errorf("postgres: stories of articles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, story string
		if err := rows.Scan(&id, &story); err != nil {
			return nil, fmt.Errorf("postgres: stories of articles: %w", err)
		}
		out[id] = story
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: stories of articles: %w", err)
	}
	return out, nil
}
