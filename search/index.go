package search

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/parallaxhq/parallax"
)

// DefaultBatchSize is how many articles go into one index batch. Bleve
// holds a batch's analysed documents in memory until it is persisted, so
// this bounds the indexing memory (see docs/SEARCH.md for the figures).
const DefaultBatchSize = 500

// maxSegmentDocs bounds the documents of a segment Bleve's merges make.
// A merge holds each term's positions in memory before writing them, so
// its peak grows with the segment it makes: at 250,000 documents the
// heap passed the 256 MB indexing budget (docs/SEARCH.md).
const maxSegmentDocs = 100_000

// Suffix is appended to a SQLite store's path to name its index.
const Suffix = ".bleve"

// Internal keys: how many articles, in the store's ingest order, the index
// holds, and the id of the last of them (to tell a store replaced under
// the index).
var (
	seqKey  = []byte("parallax.indexed")
	lastKey = []byte("parallax.last")
	// daysKey marks an index whose documents have the days field
	// (dayTerms), which date ranges read; an older one is stale.
	daysKey = []byte("parallax.days")
)

// ErrStale is returned by CatchUp when the index does not match its store
// (the store was replaced or emptied), and by Open when it was built
// without a field this version reads; `parallax reindex` rebuilds it.
var ErrStale = fmt.Errorf("search: %w: the index does not match the store or this version of parallax; rebuild it with parallax reindex", parallax.ErrInvalid)

// Index is the Bleve-backed [parallax.Searcher] of one store. It is safe
// for concurrent use; CatchUp calls run one at a time.
type Index struct {
	// BatchSize is how many articles go into one index batch; 0 means
	// DefaultBatchSize. Set it before the first CatchUp.
	BatchSize int

	store   parallax.Store
	idx     bleve.Index
	bitmaps *bitmapCache // of filters, between queries
	mu      sync.Mutex   // serialises CatchUp
	closed  sync.Once
}

var _ parallax.Searcher = (*Index)(nil)

// Path returns where the index of the store a --db value names lives: the
// SQLite path + ".bleve". A PostgreSQL store has no Bleve index (it
// searches with postgres.Searcher): Path returns an error wrapping
// ErrUnsupported.
func Path(dsn string) (string, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return "", fmt.Errorf("search: %w: a PostgreSQL store has no Bleve index; it searches with its own full text", parallax.ErrUnsupported)
	}
	if dsn == "" || dsn == ":memory:" {
		return "", fmt.Errorf("search: %w: a search index needs a store on disk", parallax.ErrInvalid)
	}
	return dsn + Suffix, nil
}

// ErrBusy is returned by Open when another process holds the index open
// (a running `parallax serve`); that process keeps it up to date.
var ErrBusy = errors.New("search: index in use by another process")

// Open opens the index at path over store, creating an empty one if there
// is none. It does not catch up: call [Index.CatchUp].
func Open(store parallax.Store, path string) (*Index, error) {
	cfg := map[string]any{
		"bolt_timeout": "1s",
		// Bleve merges segments up to 5 M documents by default; merging
		// the biggest ones took the heap past the 256 MB indexing budget.
		"scorchMergePlanOptions": map[string]any{"MaxSegmentSize": maxSegmentDocs},
	}
	idx, err := bleve.OpenUsing(path, cfg)
	if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		idx, err = bleve.NewUsing(path, newMapping(), scorch.Name, scorch.Name, cfg)
	}
	if err != nil {
		if strings.Contains(err.Error(), "timeout") {
			return nil, fmt.Errorf("%w: %s", ErrBusy, path)
		}
		return nil, fmt.Errorf("search: open %s: %w", path, err)
	}
	ix := &Index{store: store, idx: idx, bitmaps: newBitmapCache(bitmapCacheBytes)}
	if err := ix.markDays(); err != nil {
		idx.Close()
		return nil, fmt.Errorf("%w: %s", err, path)
	}
	return ix, nil
}

// markDays marks an empty index as one whose documents have the days
// field, and checks that one with documents is marked.
func (ix *Index) markDays() error {
	mark, err := ix.idx.GetInternal(daysKey)
	if err != nil || len(mark) > 0 {
		return err
	}
	n, err := ix.Indexed()
	switch {
	case err != nil:
		return err
	case n > 0:
		return ErrStale
	}
	return ix.idx.SetInternal(daysKey, []byte("1"))
}

// Rebuild removes the index at path and builds it again from every stored
// article.
func Rebuild(ctx context.Context, store parallax.Store, path string, batchSize int) (*Index, int, error) {
	if _, err := os.Stat(path + "/index_meta.json"); err == nil {
		if err := os.RemoveAll(path); err != nil {
			return nil, 0, fmt.Errorf("search: rebuild: %w", err)
		}
	} else if _, err := os.Stat(path); err == nil {
		return nil, 0, fmt.Errorf("search: rebuild: %w: %s exists and is not a Bleve index", parallax.ErrInvalid, path)
	}
	ix, err := Open(store, path)
	if err != nil {
		return nil, 0, err
	}
	ix.BatchSize = batchSize
	n, err := ix.CatchUp(ctx)
	if err != nil {
		ix.Close()
		return nil, n, err
	}
	return ix, n, nil
}

// Close closes the index; closing it again does nothing.
func (ix *Index) Close() error {
	var err error
	ix.closed.Do(func() { err = ix.idx.Close() })
	return err
}

// Indexed returns how many articles, in ingest order, the index holds.
func (ix *Index) Indexed() (int, error) {
	b, err := ix.idx.GetInternal(seqKey)
	if err != nil {
		return 0, fmt.Errorf("search: %w", err)
	}
	if len(b) != 8 {
		return 0, nil
	}
	return int(binary.BigEndian.Uint64(b)), nil
}

// CatchUp indexes the articles stored after the last one indexed, in
// batches; each batch records the new count with its documents, so an
// interrupted catch-up resumes where it stopped.
func (ix *Index) CatchUp(ctx context.Context) (int, error) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	done, err := ix.Indexed()
	if err != nil {
		return 0, err
	}
	size := ix.BatchSize
	if size <= 0 {
		size = DefaultBatchSize
	}
	last, err := ix.idx.GetInternal(lastKey)
	if err != nil {
		return 0, fmt.Errorf("search: %w", err)
	}
	// The articles after the last one indexed; a store without it was
	// replaced or emptied under the index.
	var f parallax.ArticleFilter
	if done > 0 {
		f.After = string(last)
	}
	added := 0
	lastID := ""
	batch := ix.idx.NewBatch()
	flush := func() error {
		if batch.Size() == 0 {
			return nil
		}
		var b [8]byte
		binary.BigEndian.PutUint64(b[:], uint64(done+added))
		batch.SetInternal(seqKey, b[:])
		batch.SetInternal(lastKey, []byte(lastID))
		if err := ix.idx.Batch(batch); err != nil {
			return fmt.Errorf("search: index: %w", err)
		}
		batch.Reset()
		return nil
	}
	for a, err := range ix.store.Articles(ctx, f) {
		if errors.Is(err, parallax.ErrNotFound) {
			return 0, ErrStale
		}
		if err != nil {
			return added, fmt.Errorf("search: catch up: %w", err)
		}
		lastID = a.ID
		if err := batch.Index(a.ID, newDoc(a)); err != nil {
			return added, fmt.Errorf("search: index article %s: %w", a.ID, err)
		}
		added++
		if batch.Size() >= size {
			if err := flush(); err != nil {
				return added - batch.Size(), err
			}
		}
	}
	if err := flush(); err != nil {
		return added - batch.Size(), err
	}
	return added, nil
}

// newDoc is what the index keeps of an article, by field name (the query
// string's field names): the text (title, then the repaired paragraphs),
// stored fields for hits, and keyword fields for filters and facets: the
// publication date as its calendar day (where it was published, as
// midnight UTC: a date known only to its month or year is its first day)
// and as the blocks of days that hold that day (dayTerms), for date
// ranges; and the year, month and day as terms of their own, as far as the
// date's precision goes. A field the article has no
// value for is left out, so that facets count it as missing.
func newDoc(a *parallax.Article) map[string]any {
	var b strings.Builder
	b.WriteString(a.Title)
	for _, p := range a.Paragraphs {
		b.WriteString("\n\n")
		b.WriteString(p.Text)
	}
	d := map[string]any{"text": b.String(), "title": a.Title}
	set := func(k, v string) {
		if v != "" {
			d[k] = v
		}
	}
	set("language", a.Language)
	set("published", a.Published.String())
	if o := a.Outlet; o != nil && o.ID != "" {
		set("outlet", o.ID)
		set("outlet_name", o.Name)
		set("country", o.Country)
		d["state"] = o.StateAffiliated
	}
	if !a.Published.IsZero() {
		t := a.Published.Time
		day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		d["date"] = day
		d["days"] = dayTerms(day)
		d["year"] = t.Format("2006")
		switch a.Published.Precision {
		case parallax.PrecisionYear:
		case parallax.PrecisionMonth:
			d["month"] = t.Format("2006-01")
		default:
			d["month"] = t.Format("2006-01")
			d["day"] = t.Format(time.DateOnly)
		}
	}
	if len(a.Entities) > 0 {
		es := make([]string, len(a.Entities))
		for i, e := range a.Entities {
			es[i] = e.ID
		}
		d["entity"] = es
	}
	return d
}

// newMapping describes the documents: one analysed, stored text field (the
// default field of queries), keyword fields for filters and facets, and
// nothing dynamic, so that no field is indexed by accident.
func newMapping() mapping.IndexMapping {
	im := bleve.NewIndexMapping()
	im.ScoringModel = index.BM25Scoring
	im.DefaultAnalyzer = en.AnalyzerName
	im.DefaultField = "text"
	im.IndexDynamic, im.StoreDynamic, im.DocValuesDynamic = false, false, false

	text := bleve.NewTextFieldMapping()
	text.Analyzer = en.AnalyzerName
	text.Store = true
	text.IncludeTermVectors = true // for highlighting
	text.IncludeInAll = false
	text.DocValues = false

	stored := bleve.NewTextFieldMapping()
	stored.Index, stored.Store, stored.IncludeInAll, stored.DocValues = false, true, false, false

	kw := func(store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = store
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		return f
	}
	state := bleve.NewBooleanFieldMapping()
	state.Store, state.IncludeInAll = true, false
	date := bleve.NewDateTimeFieldMapping()
	date.Store, date.IncludeInAll = false, false

	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt("text", text)
	dm.AddFieldMappingsAt("title", stored)
	dm.AddFieldMappingsAt("published", stored)
	dm.AddFieldMappingsAt("outlet", kw(true))
	dm.AddFieldMappingsAt("outlet_name", kw(true))
	dm.AddFieldMappingsAt("country", kw(true))
	dm.AddFieldMappingsAt("state", state)
	dm.AddFieldMappingsAt("date", date)
	dm.AddFieldMappingsAt("day", kw(false))
	// Year and month terms are for queries (year:2024); they need no doc
	// values.
	period := kw(false)
	period.DocValues = false
	dm.AddFieldMappingsAt("year", period)
	dm.AddFieldMappingsAt("month", period)
	// Aligned blocks of days, for date ranges (dayCover).
	dm.AddFieldMappingsAt("days", period)
	dm.AddFieldMappingsAt("language", kw(true))
	dm.AddFieldMappingsAt("entity", kw(false))
	im.DefaultMapping = dm
	return im
}
