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

// ArticleFilter selects articles. Zero fields select everything.
type ArticleFilter struct {
	StoryID string
	Limit   int // 0 means no limit
	Offset  int
}
