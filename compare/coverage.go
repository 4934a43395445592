package compare

import (
	"cmp"
	"fmt"
	"slices"
)

// shortShare is the share of the median outlet's length under which an
// outlet's text counts as short.
const shortShare = 0.5

// coverage fills the outlets' counts, the exclusives and the omissions
// from the facts.
func coverage(c *Comparison) {
	index := map[string]int{}
	for i, o := range c.Outlets {
		index[o.Key] = i
	}
	shared := 0
	for _, f := range c.Facts {
		multi := len(f.Outlets) > 1
		if multi {
			shared++
		}
		for _, k := range f.Outlets {
			o := &c.Outlets[index[k]]
			o.Facts++
			if multi {
				o.Shared++
			}
		}
	}
	words := make([]int, len(c.Outlets))
	for i, o := range c.Outlets {
		words[i] = o.Words
	}
	slices.Sort(words)
	median := 0
	if len(words) > 0 {
		median = words[len(words)/2]
	}
	for i := range c.Outlets {
		o := &c.Outlets[i]
		if shared > 0 {
			o.Coverage = float64(o.Shared) / float64(shared)
		}
		o.Short = len(c.Outlets) > 2 && float64(o.Words) < shortShare*float64(median)
	}

	for _, f := range c.Facts {
		if len(f.Outlets) == 1 {
			c.Exclusives = append(c.Exclusives, Exclusive{Outlet: f.Outlets[0], Fact: f.ID})
		}
	}
	weight := map[int]float64{}
	for _, f := range c.Facts {
		weight[f.ID] = f.Weight
	}
	slices.SortStableFunc(c.Exclusives, func(a, b Exclusive) int {
		return cmp.Or(cmp.Compare(index[a.Outlet], index[b.Outlet]), cmp.Compare(weight[b.Fact], weight[a.Fact]))
	})

	others := len(c.Outlets) - 1
	for _, o := range c.Outlets {
		om := Omission{Outlet: o.Key, Facts: []int{}}
		for _, f := range c.Facts {
			if f.Covers(o.Key) {
				continue
			}
			// reported by more than half of the other outlets, and by two at least
			if n := len(f.Outlets); n >= 2 && 2*n > others {
				om.Facts = append(om.Facts, f.ID)
			}
		}
		if len(om.Facts) == 0 {
			continue
		}
		if o.Short {
			om.Note = fmt.Sprintf("short text: %d words against a median of %d; it reports %d of %d shared facts, so these omissions may be for length, not choice", o.Words, median, o.Shared, shared)
		}
		c.Omissions = append(c.Omissions, om)
	}
}
