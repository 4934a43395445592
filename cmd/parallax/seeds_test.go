package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/internal/shared"
	"github.com/parallaxhq/parallax/present"
)

// exportSeeds ingests ../shared/seeds and returns the exported articles by
// file name.
func exportSeeds(t *testing.T) (map[string]present.ExportArticle, string) {
	t.Helper()
	seeds := shared.Path(t, "seeds")
	db := filepath.Join(t.TempDir(), "seeds.db")
	if code, _, stderr := runCLI(t, "--db", db, "ingest", seeds); code != 0 {
		t.Fatalf("ingest exit %d: %s", code, stderr)
	}
	code, stdout, stderr := runCLI(t, "--db", db, "export", "articles", "--format", "jsonl")
	if code != 0 {
		t.Fatalf("export exit %d: %s", code, stderr)
	}
	got := map[string]present.ExportArticle{}
	for line := range strings.Lines(stdout) {
		var a present.ExportArticle
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatalf("export line %q: %v", line, err)
		}
		got[filepath.Base(a.SourcePath)] = a
	}
	if len(got) != 5 {
		t.Fatalf("exported %d articles, want 5", len(got))
	}
	return got, db
}

// TestSeedsMetadata checks what ../shared/SEEDS.md says must come out of
// each seed's format, header and markup.
func TestSeedsMetadata(t *testing.T) {
	got, _ := exportSeeds(t)
	tests := []struct {
		file, format, published, title, url, externalID string
	}{
		{"000_b8f9478c0b08424e.txt", "text-header", "2023-09-28", "H.E Kim Jong Un has talks with H.E Putin", "", ""},
		{"001_caec8ecb0ec1d5b5.txt", "text-header", "2023-09-13", "How Putin and Kim Throw Down a Challenge to US Hegemony",
			"https://sputnikglobe.com/20230913/how-putin-and-kim-throw-down-a-challenge-to-us-hegemony-1113353161.html", ""},
		{"002_9282c98d45e15703.txt", "text", "", "Putin hails North Korea’s ‘strong support’", "", ""},
		{"003_cf7e1a3cf926ea66.txt", "trec", "2023-09-13",
			"North Korea's Kim Jong-un promises Putin full support for Russia's 'sacred fight'; Putin circumspect about possible military co-operation between Russia, North Korea", "", "CB091323-0002"},
		{"004_3386814acfef874b.txt", "text-header", "2023-09-14", "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.file[:3], func(t *testing.T) {
			a, ok := got[tc.file]
			if !ok {
				t.Fatalf("%s not exported", tc.file)
			}
			if string(a.Format) != tc.format {
				t.Errorf("format = %q, want %q", a.Format, tc.format)
			}
			if a.Published != tc.published {
				t.Errorf("published = %q, want %q", a.Published, tc.published)
			}
			if tc.title != "" && a.Title != tc.title {
				t.Errorf("title = %q, want %q", a.Title, tc.title)
			}
			if tc.title == "" && strings.Contains(a.Title, "YONHAP") {
				t.Errorf("title = %q: a photo credit is not a title", a.Title)
			}
			if a.URL != tc.url {
				t.Errorf("url = %q, want %q", a.URL, tc.url)
			}
			if a.ExternalID != tc.externalID {
				t.Errorf("external_id = %q, want %q", a.ExternalID, tc.externalID)
			}
			if a.SourceIndex != 0 {
				t.Errorf("source_index = %d, want 0", a.SourceIndex)
			}
		})
	}
	if c := got["004_3386814acfef874b.txt"].Credits; len(c) != 1 || c[0] != "YONHAP News" {
		t.Errorf("004 credits = %q, want [YONHAP News]", c)
	}
}

// TestSeedsRepaired checks the rest of SEEDS.md's table: the defects each
// seed arrives with are repaired, and who published it is found — or left
// unknown where the text does not say.
func TestSeedsRepaired(t *testing.T) {
	got, db := exportSeeds(t)
	type outlet struct {
		name, country string
		state         bool
	}
	tests := []struct {
		file    string
		outlet  *outlet
		byline  string
		absent  []string // text that must not be in the exported body
		present []string // text that must be
		signal  int      // disguised letters reported, 0 for none
		repairs []string // repair kinds that must be recorded
	}{
		{file: "000_b8f9478c0b08424e.txt", present: []string{"Rodong Sinmun"}},
		{file: "001_caec8ecb0ec1d5b5.txt", outlet: &outlet{"Sputnik International", "RU", true}, byline: "Ekaterina Blinova",
			absent:  []string{"2023-09-13T19:07", "/html/head", "https://", "1920 1080 true", "feedback@", "region.Per", "\n\nus\n\n", "vladimir putin, kim jong-un"},
			present: []string{"region.\n\nPer Dr. Chung"},
			repairs: []string{"glue", "timestamp", "xpath", "image-url", "related-url", "contact", "image-size", "keywords"}},
		{file: "002_9282c98d45e15703.txt", signal: 205, absent: []string{"\u0435", "Kim Jong Un shares stage"}, present: []string{"According to CNN"},
			repairs: []string{"homoglyph", "related-headline"}},
		{file: "003_cf7e1a3cf926ea66.txt", absent: []string{"Â"}, repairs: []string{"mojibake", "subhead"}},
		{file: "004_3386814acfef874b.txt", outlet: &outlet{"KBS World Radio", "KR", false}, byline: "Kim Bum-soo",
			absent:  []string{"Anchor:", "Report:", "[Sound bite", "Ukraine.During"},
			repairs: []string{"transcript-marker", "soundbite", "glue"}},
	}
	for _, tc := range tests {
		t.Run(tc.file[:3], func(t *testing.T) {
			a := got[tc.file]
			switch {
			case tc.outlet == nil && a.Outlet != nil:
				t.Errorf("outlet = %+v, want unknown", *a.Outlet)
			case tc.outlet != nil && a.Outlet == nil:
				t.Errorf("outlet unknown, want %s", tc.outlet.name)
			case tc.outlet != nil && (a.Outlet.Name != tc.outlet.name || a.Outlet.Country != tc.outlet.country || a.Outlet.StateAffiliated != tc.outlet.state):
				t.Errorf("outlet = %+v, want %+v", *a.Outlet, *tc.outlet)
			}
			if a.Byline != tc.byline {
				t.Errorf("byline = %q, want %q", a.Byline, tc.byline)
			}
			for _, s := range tc.absent {
				if strings.Contains(a.Text, s) {
					t.Errorf("text still holds %q", s)
				}
			}
			for _, s := range tc.present {
				if !strings.Contains(a.Text, s) {
					t.Errorf("text lacks %q", s)
				}
			}
			signal := 0
			for _, s := range a.Signals {
				if s.Kind == "disguised-text" {
					signal = s.Count
				}
			}
			if signal != tc.signal {
				t.Errorf("disguised letters reported = %d, want %d (signals %+v)", signal, tc.signal, a.Signals)
			}
			kinds := map[string]bool{}
			for _, r := range a.Repairs {
				kinds[r.Kind] = true
			}
			for _, k := range tc.repairs {
				if !kinds[k] {
					t.Errorf("no %q repair recorded (got %+v)", k, a.Repairs)
				}
			}
		})
	}

	// Paragraph kinds: 003's section subheads are headings; 004's sound bites
	// keep their speakers for the quote stage.
	kinds := func(file string) []parallax.Paragraph {
		code, stdout, stderr := runCLI(t, "--db", db, "article", got[file].ID, "--json")
		if code != 0 {
			t.Fatalf("article %s: %s", file, stderr)
		}
		var a parallax.Article
		if err := json.Unmarshal([]byte(stdout), &a); err != nil {
			t.Fatal(err)
		}
		return a.Paragraphs
	}
	headings := 0
	for _, p := range kinds("003_cf7e1a3cf926ea66.txt") {
		if p.Kind == parallax.ParagraphHeading {
			headings++
		}
	}
	if headings != 2 {
		t.Errorf("003 has %d headings, want its 2 subheads", headings)
	}
	var speakers []string
	for _, p := range kinds("004_3386814acfef874b.txt") {
		if p.Kind == parallax.ParagraphSoundBite {
			speakers = append(speakers, p.Speaker)
		}
	}
	if len(speakers) != 3 || !strings.Contains(speakers[0], "Kim Jong-un") || !strings.Contains(speakers[1], "Putin") || !strings.Contains(speakers[2], "Yang Wook") {
		t.Errorf("004 sound bite speakers = %q", speakers)
	}
}

// TestSeedsStories groups the seeds: the four summit reports are one
// story (000 published two weeks after the event), and 002, an earlier
// event, another.
func TestSeedsStories(t *testing.T) {
	_, db := exportSeeds(t)
	if code, _, stderr := runCLI(t, "--db", db, "group"); code != 0 {
		t.Fatalf("group: %s", stderr)
	}
	code, stdout, stderr := runCLI(t, "--db", db, "export", "articles")
	if code != 0 {
		t.Fatalf("export: %s", stderr)
	}
	story := map[string]string{}
	for line := range strings.Lines(stdout) {
		var a present.ExportArticle
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatal(err)
		}
		story[filepath.Base(a.SourcePath)[:3]] = a.Story
	}
	for _, p := range []string{"001", "003", "004"} {
		if story[p] != story["000"] || story[p] == "" {
			t.Errorf("%s is in story %q, 000 in %q: the summit reports must be one story", p, story[p], story["000"])
		}
	}
	if story["002"] == story["000"] || story["002"] == "" {
		t.Errorf("002 (another event) is in story %q with the summit", story["002"])
	}
}
