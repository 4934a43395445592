package parallax

import (
	"context"
	"iter"
)

// Store keeps articles (and, as later stages arrive, stories). Two
// implementations exist, sqlite.Store and postgres.Store; both pass the
// conformance suite in storetest.
type Store interface {
	ArticleStore
	StoryStore
	Close() error
}

// PutOutcome says what [ArticleStore.PutArticles] did with one article.
type PutOutcome int

// Put outcomes.
const (
	PutNew       PutOutcome = iota // the article was not in the store
	PutDuplicate                   // the article was there already; any new locations were added
)

// ArticleStore keeps articles with every location they were read from and
// their raw bytes.
type ArticleStore interface {
	// PutArticles stores a batch in one transaction: an article whose ID is
	// already stored is not written again, but its new locations are added.
	// It returns one outcome per article, in order. Either the whole batch
	// is committed or none of it is.
	PutArticles(ctx context.Context, articles []*Article) ([]PutOutcome, error)

	// Article returns one article without its raw bytes, or an error
	// wrapping ErrNotFound.
	Article(ctx context.Context, id string) (*Article, error)

	// RawArticle returns the raw bytes of an article as read, or an error
	// wrapping ErrNotFound.
	RawArticle(ctx context.Context, id string) ([]byte, error)

	// Articles iterates over the articles the filter selects, in ingest
	// order, without raw bytes. The iteration stops at the first error.
	Articles(ctx context.Context, f ArticleFilter) iter.Seq2[*Article, error]

	// CountArticles counts the articles the filter selects.
	CountArticles(ctx context.Context, f ArticleFilter) (int, error)
}

// StoryStore keeps the stories articles are grouped into.
type StoryStore interface {
	// PutStories stores stories, replacing stored ones with the same ID, and
	// records each article's story and grouping signals, in one transaction.
	PutStories(ctx context.Context, stories []*Story, groupings []Grouping) error

	// Story returns one story, or an error wrapping ErrNotFound.
	Story(ctx context.Context, id string) (*Story, error)

	// Stories iterates over the stories, largest first (most articles),
	// then by id. Limit 0 means all.
	Stories(ctx context.Context, limit int) iter.Seq2[*Story, error]

	// ClearStories deletes every story and every article's story and
	// grouping signals, so grouping can start again from scratch.
	ClearStories(ctx context.Context) error

	// Ungrouped iterates over the articles that belong to no story yet, in
	// ingest order, without raw bytes.
	Ungrouped(ctx context.Context) iter.Seq2[*Article, error]

	// StoriesOf returns the story id of each of the given articles that is
	// stored and grouped, by article id: one query for a page of search
	// hits rather than one article read each.
	StoriesOf(ctx context.Context, articleIDs []string) (map[string]string, error)
}

// ArticleFilter selects articles. Zero fields select everything.
type ArticleFilter struct {
	StoryID string
	// After selects the articles ingested after the one with this id (a
	// cursor that costs a lookup, where an offset costs a pass over the
	// articles before it); an error wraps ErrNotFound when no article
	// has the id.
	After  string
	Limit  int // 0 means no limit
	Offset int // skip this many first
}
