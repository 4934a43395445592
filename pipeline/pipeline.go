// Package pipeline runs the stages in order: it reads inputs (read),
// repairs and describes each record (repair, describe), and stores the
// articles (a parallax.Store) in batches, counting what was read, new,
// duplicate and failed, per format.
//
// Records are prepared on every core while a single writer stores them in
// input order, one transaction per batch: memory stays bounded by a few
// batches whatever the corpus size, and an ingest killed at any moment
// leaves whole batches behind, so running it again completes the job.
package pipeline

import (
	"context"
	"errors"
	"runtime"
	"sort"
	"sync"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/read"
)

// DefaultBatchSize is how many articles one store transaction holds.
const DefaultBatchSize = 256

// maxErrors is how many errors [Stats] keeps word for word.
const maxErrors = 100

// Counts is what happened to the records of one format.
type Counts struct {
	Read      int `json:"read"`
	New       int `json:"new"`
	Duplicate int `json:"duplicate"`
	Failed    int `json:"failed"`
}

func (c *Counts) add(o Counts) {
	c.Read += o.Read
	c.New += o.New
	c.Duplicate += o.Duplicate
	c.Failed += o.Failed
}

// Stats sums up an ingest.
type Stats struct {
	ByFormat map[parallax.Format]*Counts `json:"by_format"`
	// Errors holds the first errors met, each naming its input and location.
	Errors []*read.ParseError `json:"-"`
}

// Total sums the counts of every format.
func (s *Stats) Total() Counts {
	var t Counts
	for _, c := range s.ByFormat {
		t.add(*c)
	}
	return t
}

// Formats returns the formats seen, sorted.
func (s *Stats) Formats() []parallax.Format {
	fs := make([]parallax.Format, 0, len(s.ByFormat))
	for f := range s.ByFormat {
		fs = append(fs, f)
	}
	sort.Slice(fs, func(i, j int) bool { return fs[i] < fs[j] })
	return fs
}

func (s *Stats) counts(f parallax.Format) *Counts {
	if f == "" {
		f = "unknown"
	}
	if s.ByFormat == nil {
		s.ByFormat = make(map[parallax.Format]*Counts)
	}
	c, ok := s.ByFormat[f]
	if !ok {
		c = &Counts{}
		s.ByFormat[f] = c
	}
	return c
}

// Ingester reads inputs into a store.
type Ingester struct {
	Store  parallax.Store
	Walker *read.Walker // nil means a Walker with default settings
	// Prepare turns a record into an article; nil means a [Preparer] with
	// the default repairs and the embedded outlets registry.
	Prepare   func(*read.Record) *parallax.Article
	BatchSize int // zero means DefaultBatchSize
	Workers   int // zero means one per CPU
	// OnError, if set, is called with each bad input or record as it is met.
	OnError func(*read.ParseError)
	// OnBatch, if set, is called after each stored batch with the totals so far.
	OnBatch func(total Counts)
}

type batch struct {
	recs []*read.Record
	arts []*parallax.Article
	done chan struct{}
}

// Ingest reads every input and stores its articles. Bad inputs and
// records are counted, reported and skipped; Ingest fails only when the
// store fails or ctx is done, and then every batch it reported was stored.
func (in *Ingester) Ingest(ctx context.Context, paths []string) (*Stats, error) {
	prepare := in.Prepare
	if prepare == nil {
		p, err := NewPreparer(Config{})
		if err != nil {
			return nil, err
		}
		prepare = p.Prepare
	}
	size := in.BatchSize
	if size <= 0 {
		size = DefaultBatchSize
	}
	workers := in.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	stats := &Stats{}
	var mu sync.Mutex // guards stats against the reader goroutine's error hook
	w := read.Walker{}
	if in.Walker != nil {
		w = *in.Walker
	}
	w.OnError = func(e *read.ParseError) {
		mu.Lock()
		stats.counts(e.Format).Failed++
		if len(stats.Errors) < maxErrors {
			stats.Errors = append(stats.Errors, e)
		}
		mu.Unlock()
		if in.OnError != nil {
			in.OnError(e)
		}
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan *batch, workers)
	order := make(chan *batch, workers*2)
	var readErr error
	go func() {
		defer close(jobs)
		defer close(order)
		cur := &batch{done: make(chan struct{})}
		send := func() bool {
			select {
			case order <- cur:
			case <-ctx.Done():
				return false
			}
			select {
			case jobs <- cur:
			case <-ctx.Done():
				return false
			}
			cur = &batch{done: make(chan struct{})}
			return true
		}
		readErr = w.Walk(ctx, paths, func(r *read.Record) error {
			cur.recs = append(cur.recs, r)
			if len(cur.recs) >= size && !send() {
				return ctx.Err()
			}
			return nil
		})
		if len(cur.recs) > 0 {
			send()
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range jobs {
				b.arts = make([]*parallax.Article, len(b.recs))
				for i, r := range b.recs {
					b.arts[i] = prepare(r)
				}
				close(b.done)
			}
		}()
	}
	defer wg.Wait()

	var storeErr error
	for b := range order {
		select {
		case <-b.done:
		case <-ctx.Done():
		}
		if storeErr != nil || ctx.Err() != nil {
			continue // drain so the reader goroutine can end
		}
		outcomes, err := in.Store.PutArticles(ctx, b.arts)
		if err != nil {
			storeErr = err
			cancel()
			continue
		}
		mu.Lock()
		for i, a := range b.arts {
			c := stats.counts(a.Format)
			c.Read++
			if outcomes[i] == parallax.PutNew {
				c.New++
			} else {
				c.Duplicate++
			}
		}
		total := stats.Total()
		mu.Unlock()
		if in.OnBatch != nil {
			in.OnBatch(total)
		}
	}
	if storeErr != nil {
		return stats, storeErr
	}
	if readErr != nil && !errors.Is(readErr, context.Canceled) {
		return stats, readErr
	}
	return stats, ctx.Err()
}
