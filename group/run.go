package group

import (
	"context"
	"fmt"

	"github.com/parallaxhq/parallax"
)

// flushEvery is how many decisions are stored per transaction.
const flushEvery = 2000

// Stats sums up a grouping run.
type Stats struct {
	Articles   int `json:"articles"`    // articles in the store
	Grouped    int `json:"grouped"`     // articles this run put in a story
	NewStories int `json:"new_stories"` // stories this run started
	Copies     int `json:"copies"`      // articles found to copy or rewrite another
}

// Locker is a store that can make grouping one job at a time across
// processes (PostgreSQL's advisory lock). Run uses it when the store has it.
type Locker interface {
	LockGrouping(ctx context.Context) (unlock func(), err error)
}

// Run groups the store's ungrouped articles. It reads the store twice: once
// to count term frequencies, once in ingest order to replay the articles
// already grouped and decide on the others, storing decisions in batches.
func Run(ctx context.Context, s parallax.Store, opts Options) (Stats, error) {
	if l, ok := s.(Locker); ok {
		unlock, err := l.LockGrouping(ctx)
		if err != nil {
			return Stats{}, fmt.Errorf("group: lock: %w", err)
		}
		defer unlock()
	}
	g := New(opts)
	var st Stats
	for a, err := range s.Articles(ctx, parallax.ArticleFilter{}) {
		if err != nil {
			return st, fmt.Errorf("group: %w", err)
		}
		g.Observe(a.Fingerprint)
		st.Articles++
	}
	var pending []parallax.Grouping
	flush := func() error {
		stories := g.Changed()
		if len(stories) == 0 && len(pending) == 0 {
			return nil
		}
		if err := s.PutStories(ctx, stories, pending); err != nil {
			return fmt.Errorf("group: %w", err)
		}
		pending = pending[:0]
		return nil
	}
	for a, err := range s.Articles(ctx, parallax.ArticleFilter{}) {
		if err != nil {
			return st, fmt.Errorf("group: %w", err)
		}
		if a.StoryID != "" {
			g.Replay(a, a.StoryID)
			continue
		}
		d := g.Add(a)
		st.Grouped++
		if d.New {
			st.NewStories++
		}
		if len(d.Signals) > 0 {
			st.Copies++
		}
		pending = append(pending, parallax.Grouping{ArticleID: d.ArticleID, StoryID: d.StoryID, Signals: d.Signals})
		if len(pending) >= flushEvery {
			if err := flush(); err != nil {
				return st, err
			}
		}
	}
	return st, flush()
}
