package serve

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parallaxhq/parallax"
)

func TestDiffArticle(t *testing.T) {
	tests := []struct {
		name    string
		raw     string
		paras   []string
		changed []string // the repaired words marked, with what was received
		removed []string // the received words marked as taken out or changed
	}{
		{name: "unchanged", raw: "One two three.\n\nFour five.", paras: []string{"One two three.", "Four five."}},
		{name: "disguised letter", raw: "The m\u0435eting ended.", paras: []string{"The meeting ended."},
			changed: []string{"meeting<m\u0435eting"}, removed: []string{"m\u0435eting"}},
		{name: "glued paragraphs", raw: "It rained.Then it stopped.", paras: []string{"It rained.", "Then it stopped."},
			changed: []string{"rained.<rained.Then", "Then<rained.Then"}, removed: []string{"rained.Then"}},
		{name: "junk line removed", raw: "Title\n2024-01-01T10:00\nBody text here.", paras: []string{"Title", "Body text here."},
			changed: []string{"<2024-01-01T10:00"}, removed: []string{"2024-01-01T10:00"}},
		{name: "empty raw", raw: "", paras: []string{"Only repaired."}, changed: []string{"Only repaired.<"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var ps []parallax.Paragraph
			for _, p := range tc.paras {
				ps = append(ps, parallax.Paragraph{Text: p})
			}
			d := diffArticle([]byte(tc.raw), ps, true)
			var changed, removed []string
			for i, segs := range d.Paragraphs {
				var text strings.Builder
				for _, s := range segs {
					if s.Changed || s.Removed {
						changed = append(changed, strings.TrimSpace(s.Text)+"<"+s.Was)
					}
					text.WriteString(s.Text)
				}
				if got := text.String(); got != tc.paras[i] {
					t.Errorf("paragraph %d renders as %q, want %q", i, got, tc.paras[i])
				}
			}
			for _, r := range d.Raw {
				if r.Removed {
					removed = append(removed, r.Word)
				}
			}
			if diff := cmp.Diff(tc.changed, changed); diff != "" {
				t.Errorf("changed (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.removed, removed); diff != "" {
				t.Errorf("removed (-want +got):\n%s", diff)
			}
		})
	}
}

func FuzzLCS(f *testing.F) {
	f.Add([]byte("abcabba"), []byte("cbabac"))
	f.Add([]byte(""), []byte("x"))
	f.Fuzz(func(t *testing.T, x, y []byte) {
		a, b := make([]uint64, len(x)), make([]uint64, len(y))
		for i, c := range x {
			a[i] = uint64(c % 4)
		}
		for i, c := range y {
			b[i] = uint64(c % 4)
		}
		ka, kb, ok := lcs(a, b, len(a)+len(b))
		if !ok {
			t.Fatal("not ok within n+m edits")
		}
		var sa, sb []uint64
		for i, k := range ka {
			if k {
				sa = append(sa, a[i])
			}
		}
		for i, k := range kb {
			if k {
				sb = append(sb, b[i])
			}
		}
		if !cmp.Equal(sa, sb) {
			t.Fatalf("kept %v and %v differ", sa, sb)
		}
	})
}
