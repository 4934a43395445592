package search

import (
	"container/list"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// bitmapCacheBytes bounds the memory of the bitmaps an index keeps
// between queries. A filter takes at most an eighth of a byte per article
// of the index (less for a rare one), so this keeps some 40 filters at
// 1 M articles.
const bitmapCacheBytes = 16 << 20

// bitmapCache keeps, for recent filters, the articles each selects in each
// segment of the index. Segments never change (merges make new ones, with
// new ids), so a bitmap holds as long as its segment; the least recently
// used go first when the cache is full. Safe for concurrent use.
type bitmapCache struct {
	mu    sync.Mutex
	max   int
	size  int
	order *list.List // of *bitmapEntry, most recently used first
	m     map[bitmapKey]*list.Element
}

type bitmapKey struct {
	segment uint64 // scorch's segment id
	filter  string
}

type bitmapEntry struct {
	key  bitmapKey
	bm   *roaring.Bitmap
	size int
}

func newBitmapCache(max int) *bitmapCache {
	return &bitmapCache{max: max, order: list.New(), m: map[bitmapKey]*list.Element{}}
}

// articles returns the articles of a segment a filter selects.
func (c *bitmapCache) articles(ss *scorch.SegmentSnapshot, f *filter) (*roaring.Bitmap, error) {
	key := bitmapKey{ss.Id(), f.key}
	c.mu.Lock()
	if e, ok := c.m[key]; ok {
		c.order.MoveToFront(e)
		c.mu.Unlock()
		return e.Value.(*bitmapEntry).bm, nil
	}
	c.mu.Unlock()
	bm, err := f.articles(ss.Segment())
	if err != nil {
		return nil, err
	}
	bm.RunOptimize()
	e := &bitmapEntry{key: key, bm: bm, size: int(bm.GetSizeInBytes()) + len(f.key) + 64}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[key]; ok || e.size > c.max {
		return bm, nil
	}
	c.m[key] = c.order.PushFront(e)
	c.size += e.size
	for c.size > c.max {
		old := c.order.Remove(c.order.Back()).(*bitmapEntry)
		delete(c.m, old.key)
		c.size -= old.size
	}
	return bm, nil
}

// selection returns what filters select in each segment of a snapshot:
// the AND of their articles.
func (c *bitmapCache) selection(snap *scorch.IndexSnapshot, filters []filter) (*selection, error) {
	segs := snap.Segments()
	sel := &selection{offsets: make([]uint64, len(segs)), bitmaps: make([]*roaring.Bitmap, len(segs))}
	var next uint64
	bms := make([]*roaring.Bitmap, len(filters))
	for i, ss := range segs {
		sel.offsets[i] = next
		next += ss.Segment().Count()
		for j := range filters {
			bm, err := c.articles(ss, &filters[j])
			if err != nil {
				return nil, err
			}
			bms[j] = bm
		}
		// The cached bitmaps are shared: ANDs make new ones.
		bm := bms[0]
		if len(bms) > 1 {
			bm = roaring.FastAnd(bms...)
		}
		if bm.IsEmpty() {
			continue
		}
		sel.bitmaps[i] = bm
		sel.count += bm.GetCardinality()
		sel.size += int(bm.GetSizeInBytes())
	}
	return sel, nil
}
