package group

import (
	"strconv"
	"testing"
)

func TestDocFreq(t *testing.T) {
	tests := []struct {
		name     string
		maxSlots int
		seen     []seen // in order
		want     map[string]int
	}{
		{
			name:     "empty",
			maxSlots: minDocFreqSlots,
			want:     map[string]int{"a": 0},
		},
		{
			name:     "exact below the bound",
			maxSlots: minDocFreqSlots,
			seen:     []seen{{"a", 1}, {"b", 2}, {"c", 40}},
			want:     map[string]int{"a": 1, "b": 2, "c": 40, "d": 0},
		},
		{
			name:     "grows past its first size",
			maxSlots: 4 * minDocFreqSlots,
			seen:     append(rare(2*minDocFreqSlots), seen{"t0", 2}),
			want:     map[string]int{"t0": 3, "t8191": 1, "d": 0},
		},
		{
			name:     "full: the rarest go, the common stay",
			maxSlots: minDocFreqSlots,
			seen:     append([]seen{{"common", 500}, {"often", 90}}, append(rare(minDocFreqSlots), seen{"common", 1})...),
			want:     map[string]int{"common": 501, "often": 90, "t0": 0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := docFreq{maxSlots: tt.maxSlots}
			for _, s := range tt.seen {
				for range s.docs {
					d.add(termHash(s.term))
				}
			}
			for k, want := range tt.want {
				if got := d.get(termHash(k)); got != want {
					t.Errorf("df(%s) = %d, want %d", k, got, want)
				}
			}
			if len(d.keys) > tt.maxSlots || d.n*4 > len(d.keys)*3 {
				t.Errorf("%d terms in %d slots, want at most %d slots, three quarters full", d.n, len(d.keys), tt.maxSlots)
			}
		})
	}
}

// seen is a term seen in docs documents.
type seen struct {
	term string
	docs int
}

// rare is n terms, t0, t1 …, each in one document.
func rare(n int) []seen {
	out := make([]seen, n)
	for i := range out {
		out[i].term, out[i].docs = "t"+strconv.Itoa(i), 1
	}
	return out
}
