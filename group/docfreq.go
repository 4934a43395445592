package group

import (
	"math"

	"github.com/cespare/xxhash/v2"
)

// termHash is the 64-bit hash a term is known by inside the grouper: no
// term text is kept. Two of a million terms collide with probability about
// 3·10⁻⁸; 0 is reserved for an empty slot.
func termHash(t string) uint64 {
	if h := xxhash.Sum64String(t); h != 0 {
		return h
	}
	return 1
}

// Sizes of the document-frequency table: it starts small and doubles up to
// maxDocFreqSlots (24 MB), which holds about 1.5 million distinct terms.
const (
	minDocFreqSlots = 1 << 12
	maxDocFreqSlots = 1 << 21
)

// docFreq counts, per term hash, the documents that contain the term, in
// bounded memory: an open-addressing table that grows up to maxSlots.
// When it is full, the rarest terms are dropped — those seen at most as
// often as the smallest count that frees half the table — and counted
// again from zero if they recur (lossy counting). So the counts are exact
// for a corpus of up to about 1.5 million distinct terms; beyond, a rare
// term may be undercounted by the number of times it had been seen when
// it was dropped.
type docFreq struct {
	keys     []uint64 // term hashes, 0 for an empty slot
	counts   []uint32
	n        int // terms held
	maxSlots int // a power of two
}

// add counts one more document containing the term.
func (d *docFreq) add(h uint64) {
	if (d.n+1)*4 > len(d.keys)*3 {
		d.grow()
	}
	i := d.slot(h)
	if d.keys[i] == 0 {
		d.keys[i] = h
		d.n++
	}
	if d.counts[i] < math.MaxUint32 {
		d.counts[i]++
	}
}

// get returns how many documents contain the term, 0 when unknown.
func (d *docFreq) get(h uint64) int {
	if d.n == 0 {
		return 0
	}
	return int(d.counts[d.slot(h)])
}

// slot returns the slot holding h, or the empty slot where it would go.
func (d *docFreq) slot(h uint64) int {
	mask := len(d.keys) - 1
	i := int(h) & mask
	for d.keys[i] != 0 && d.keys[i] != h {
		i = (i + 1) & mask
	}
	return i
}

// grow doubles the table or, at its largest, drops the rarest terms.
func (d *docFreq) grow() {
	size := max(2*len(d.keys), minDocFreqSlots)
	var floor uint32
	if len(d.keys) > 0 && size > d.maxSlots {
		size = len(d.keys)
		floor = d.pruneFloor(size / 2)
	}
	keys, counts := d.keys, d.counts
	d.keys, d.counts, d.n = make([]uint64, size), make([]uint32, size), 0
	for i, h := range keys {
		if h != 0 && counts[i] > floor {
			j := d.slot(h)
			d.keys[j], d.counts[j] = h, counts[i]
			d.n++
		}
	}
}

// pruneFloor returns the smallest count such that at most keep terms are
// seen more often.
func (d *docFreq) pruneFloor(keep int) uint32 {
	var hist [256]int // terms by count, the last bucket for 255 and above
	for i, h := range d.keys {
		if h != 0 {
			hist[min(d.counts[i], 255)]++
		}
	}
	above := d.n
	for c := 1; c < 255; c++ {
		above -= hist[c]
		if above <= keep {
			return uint32(c)
		}
	}
	return math.MaxUint32 - 1 // only very common terms: drop them all but the saturated
}
