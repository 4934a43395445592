package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/compare"
	"github.com/parallaxhq/parallax/sqlite"
)

// TestCompareSummit ingests the seeds, stores the summit story (seeds 000,
// 001, 003 and 004) and checks the three renderings of its comparison.
func TestCompareSummit(t *testing.T) {
	_, db := exportSeeds(t)
	ctx := context.Background()
	store, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	var groupings []parallax.Grouping
	for a, err := range store.Articles(ctx, parallax.ArticleFilter{}) {
		if err != nil {
			t.Fatal(err)
		}
		if base := filepath.Base(a.Locations[0].Path); !strings.HasPrefix(base, "002") {
			ids = append(ids, a.ID)
			groupings = append(groupings, parallax.Grouping{ArticleID: a.ID, StoryID: "summit"})
		}
	}
	story := &parallax.Story{ID: "summit", Headline: "Kim and Putin meet at Vostochny", Articles: ids}
	if err := store.PutStories(ctx, []*parallax.Story{story}, groupings); err != nil {
		t.Fatal(err)
	}
	store.Close()

	t.Run("tables", func(t *testing.T) {
		code, stdout, stderr := runCLI(t, "--db", db, "compare", "summit")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		for _, want := range []string{"STORY [summit]  Kim and Putin meet at Vostochny", "4 articles, 4 outlets", "COVERAGE", "●", "EXCLUSIVES", "OMISSIONS", "QUOTE VARIANTS", "FRAMING", "TERM PAIRS", "special military operation", "TONE", "KBS World Radio (KR)", "Sputnik International (RU, state-affiliated)", "2023-09-28"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("output lacks %q:\n%s", want, stdout)
			}
		}
	})
	t.Run("json and html", func(t *testing.T) {
		html := filepath.Join(t.TempDir(), "summit.html")
		code, stdout, stderr := runCLI(t, "--db", db, "compare", "summit", "--json", "--html", html)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var c compare.Comparison
		if err := json.Unmarshal([]byte(stdout), &c); err != nil {
			t.Fatalf("json: %v", err)
		}
		if c.Story == nil || c.Story.ID != "summit" || len(c.Articles) != 4 || len(c.Facts) == 0 {
			t.Errorf("comparison = story %+v, %d articles, %d facts", c.Story, len(c.Articles), len(c.Facts))
		}
		b, err := os.ReadFile(html)
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		for _, want := range []string{"<!DOCTYPE html>", "<style>", "class=\"heat\"", "<svg", "Framing", "Tone"} {
			if !strings.Contains(page, want) {
				t.Errorf("report lacks %q", want)
			}
		}
		for _, external := range []string{"<script src", "<link ", "http://", "url("} {
			if strings.Contains(page, external) {
				t.Errorf("report refers to an external asset: %q", external)
			}
		}
	})
}
