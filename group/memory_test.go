package group

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parallaxhq/parallax"
)

// syllables make the names of the synthetic stream.
var syllables = strings.Fields("ka lo mi ra te so vu ne da pi ro sa ve ta mo ki lu ze")

// name spells n in syllables: a distinct name for each n.
func name(n int) string {
	var b strings.Builder
	for {
		b.WriteString(syllables[n%len(syllables)])
		if n /= len(syllables); n == 0 {
			return b.String()
		}
	}
}

// vocabulary is the synthetic stream's shared words.
const vocabulary = 5000

// synthetic returns article i of an endless synthetic stream, the same
// each time it is asked for, so that a stream of any length can be grouped
// (observed, then added) without being held in memory. Articles come four
// to an event, an event every six hours; each event has its own names and
// number, each article words of a shared Zipf-distributed vocabulary and
// rare terms of its own (most of a real corpus's distinct terms occur
// once), and its own MinHash signature — every tenth article copies the
// one before.
func synthetic(i int) *parallax.Article {
	const perEvent = 4
	e := i / perEvent
	r := rand.New(rand.NewPCG(uint64(i), 1))
	zipf := rand.NewZipf(r, 1.1, 1, vocabulary-1)
	counts := map[string]int{
		keyName + name(3*e) + " " + name(3*e+1): 20 + r.IntN(20),
		keyWord + name(3*e+2):                   10 + r.IntN(10),
		keyNumber + strconv.Itoa(1000+e%90000):  10,
	}
	topic := []int{e % vocabulary, e * 7 % vocabulary, e * 13 % vocabulary}
	for _, k := range topic {
		counts[keyStem+name(k)] += 5
	}
	for range 40 {
		counts[keyStem+name(int(zipf.Uint64()))]++
	}
	for j := range 5 {
		counts[keyStem+"x"+name(5*i+j)] = 1
	}
	fp := &parallax.Fingerprint{Words: 400, MinHash: signature(i)}
	for t, n := range counts {
		fp.Terms = append(fp.Terms, t)
		fp.Counts = append(fp.Counts, n)
	}
	return &parallax.Article{
		ID:          fmt.Sprintf("a%08d", i),
		Title:       name(topic[0]) + " " + name(topic[1]) + " " + name(topic[2]),
		Published:   parallax.Date{Time: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(e) * 6 * time.Hour), Precision: parallax.PrecisionDay},
		Fingerprint: fp,
	}
}

// signature is the MinHash signature of synthetic article i.
func signature(i int) []uint32 {
	if i%10 == 9 {
		i-- // a copy
	}
	r := rand.New(rand.NewPCG(uint64(i), 2))
	sig := make([]uint32, minHashSize)
	for k := range sig {
		sig[k] = r.Uint32()
	}
	return sig
}

// groupStream groups the first n articles of the synthetic stream as Run
// does — observe all, then add, draining the changed stories now and then
// — with at most dfSlots slots of document frequencies (0: the default).
// each, if not nil, is called after every article.
func groupStream(n int, opts Options, dfSlots int, each func(i int)) *Grouper {
	g := New(opts)
	if dfSlots > 0 {
		g.df.maxSlots = dfSlots
	}
	for i := range n {
		g.Observe(synthetic(i).Fingerprint)
	}
	for i := range n {
		g.Add(synthetic(i))
		if i%flushEvery == flushEvery-1 {
			g.Changed()
		}
		if each != nil {
			each(i)
		}
	}
	g.Changed()
	return g
}

// heapAfterGC is the live heap.
func heapAfterGC() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

// retained is the heap a grouper holds after grouping n articles of the
// synthetic stream.
func retained(n int, opts Options, dfSlots int) int64 {
	before := heapAfterGC()
	g := groupStream(n, opts, dfSlots, nil)
	after := heapAfterGC()
	runtime.KeepAlive(g)
	return after - before
}

// TestRetainedFlat: once a corpus is past the grouper's bounds (active
// stories, copy window, the term table — made small here, so that the
// test is quick), what the grouper holds no longer grows with it: four
// times the articles, about the same memory.
func TestRetainedFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("groups 25,000 articles")
	}
	for k := range vocabulary { // fill the stem cache the titles use
		titleKeys(name(k))
	}
	opts := Options{MaxActive: 250, CopyWindow: 1000}
	const n, dfSlots = 5000, 1 << 13
	small := retained(n, opts, dfSlots)
	large := retained(4*n, opts, dfSlots)
	t.Logf("retained after %d articles: %d KB; after %d: %d KB", n, small>>10, 4*n, large>>10)
	if large > small+small/4+256<<10 {
		t.Errorf("the grouper holds %d KB after %d articles, %d KB after %d: it grows with the corpus", large>>10, 4*n, small>>10, n)
	}
}

// BenchmarkRetained groups a synthetic stream of growing length, never held
// in memory, with the default options: the memory the grouper holds at the
// end (grouper-MB) and at most at the checkpoints every 50,000 articles
// (max-MB) should stop growing once the stream is past the bounds; at
// 1,000,000 articles the term table is full and drops rare terms.
// cpu-ms/article counts making the articles too (a small part).
func BenchmarkRetained(b *testing.B) {
	for _, n := range []int{100_000, 400_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var grouper, peak int64
			cpu0 := cpuTime()
			for b.Loop() {
				before := heapAfterGC()
				g := groupStream(n, Options{}, 0, func(i int) {
					if i%50_000 == 49_999 {
						peak = max(peak, heapAfterGC()-before)
					}
				})
				grouper = heapAfterGC() - before
				runtime.KeepAlive(g)
			}
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(b.N*n)/1000, "cpu-ms/article")
			b.ReportMetric(float64(grouper)/(1<<20), "grouper-MB")
			b.ReportMetric(float64(max(peak, grouper))/(1<<20), "max-MB")
		})
	}
}
