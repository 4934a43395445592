package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/internal/shared"
	"github.com/parallaxhq/parallax/present"
)

// exportSeeds ingests ../shared/seeds and returns the exported articles by
// file name.
func exportSeeds(t *testing.T) map[string]present.ExportArticle {
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
	return got
}

// TestSeedsMetadata checks what ../shared/SEEDS.md says must come out of
// each seed's format, header and markup.
func TestSeedsMetadata(t *testing.T) {
	got := exportSeeds(t)
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
