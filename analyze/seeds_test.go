package analyze_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/internal/shared"
	"github.com/parallaxhq/parallax/pipeline"
	"github.com/parallaxhq/parallax/read"
)

// seedArticles prepares (and so analyses) the seed reports, by file name.
func seedArticles(t *testing.T) map[string]*parallax.Article {
	t.Helper()
	dir := shared.Path(t, "seeds")
	p, err := pipeline.NewPreparer(pipeline.Config{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*parallax.Article{}
	var w read.Walker
	err = w.Walk(context.Background(), []string{dir}, func(r *read.Record) error {
		out[filepath.Base(r.Loc.Path)[:3]] = p.Prepare(r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSeedSpeakers checks the speakers ../shared/SEEDS.md lists for the
// summit story.
func TestSeedSpeakers(t *testing.T) {
	seeds := seedArticles(t)
	speakers := func(a *parallax.Article) map[string]int {
		m := map[string]int{}
		for _, q := range a.Quotes {
			if q.Kind != "term" {
				m[q.SpeakerID]++
			}
		}
		return m
	}
	tests := []struct {
		seed, speaker string
	}{
		{"000", "rodong-sinmun"},
		{"001", "kim-jong-un"},
		{"001", "dmitry-peskov"},
		{"001", "kiyul-chung"},
		{"003", "kim-jong-un"},
		{"003", "vladimir-putin"},
		{"004", "kim-jong-un"},
		{"004", "vladimir-putin"},
		{"004", "yang-wook"},
	}
	for _, tc := range tests {
		t.Run(tc.seed+"/"+tc.speaker, func(t *testing.T) {
			a := seeds[tc.seed]
			if a == nil {
				t.Fatalf("seed %s not read", tc.seed)
			}
			if got := speakers(a); got[tc.speaker] == 0 {
				t.Errorf("no quote by %s; speakers: %v", tc.speaker, got)
			}
		})
	}
	// Kim Jong Un is named in all four summit articles under both
	// spellings, as one ID.
	for _, s := range []string{"000", "001", "003", "004"} {
		found := false
		for _, e := range seeds[s].Entities {
			if e.ID == "kim-jong-un" && e.Kind == parallax.EntityPerson {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no kim-jong-un person entity", s)
		}
	}
	// Putin's one answer, in two translations, is his in both.
	for _, s := range []string{"003", "004"} {
		ok := false
		for _, q := range seeds[s].Quotes {
			if q.SpeakerID == "vladimir-putin" && len(q.Text) > 150 && q.Kind != "term" {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%s: Putin's long answer on restrictions is not attributed to him", s)
		}
	}
	// DPRK, North Korea and Pyongyang-the-government are one entity.
	for _, e := range seeds["001"].Entities {
		if e.ID == "dprk" || e.ID == "pyongyang" {
			t.Errorf("001: %s is an entity of its own, want it in north-korea", e.ID)
		}
	}
}
