package analyze_test

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/analyze"
)

var update = flag.Bool("update", false, "rewrite the entities and quotes sections of testdata/golden/*.txtar")

// parseArticle reads a test article: paragraphs apart by blank lines; "## "
// opens a subhead, "[Sound bite: WHO] " a sound bite.
func parseArticle(in string) *parallax.Article {
	a := &parallax.Article{Language: "en"}
	for p := range strings.SplitSeq(strings.TrimSpace(in), "\n\n") {
		p = strings.TrimSpace(p)
		switch {
		case strings.HasPrefix(p, "## "):
			a.Paragraphs = append(a.Paragraphs, parallax.Paragraph{Text: p[3:], Kind: parallax.ParagraphHeading})
		case strings.HasPrefix(p, "[Sound bite: "):
			who, text, _ := strings.Cut(p[len("[Sound bite: "):], "] ")
			a.Paragraphs = append(a.Paragraphs, parallax.Paragraph{Text: text, Kind: parallax.ParagraphSoundBite, Speaker: who})
		default:
			a.Paragraphs = append(a.Paragraphs, parallax.Paragraph{Text: p})
		}
	}
	return a
}

// mark is a span to mark in a paragraph.
type mark struct {
	para, start, end int
	label            string
}

// render writes the article's paragraphs with spans marked in place, as
// encoding/csv's tests mark fields: ⟦text⟧label.
func render(a *parallax.Article, marks []mark) string {
	slices.SortStableFunc(marks, func(x, y mark) int {
		if x.para != y.para {
			return x.para - y.para
		}
		return x.start - y.start
	})
	var b strings.Builder
	for i, p := range a.Paragraphs {
		if i > 0 {
			b.WriteString("\n")
		}
		pos := 0
		for _, m := range marks {
			if m.para != i || m.start < pos {
				continue
			}
			b.WriteString(p.Text[pos:m.start])
			b.WriteString("⟦" + p.Text[m.start:m.end] + "⟧" + m.label)
			pos = m.end
		}
		b.WriteString(p.Text[pos:])
		b.WriteString("\n")
	}
	return b.String()
}

func entityMarks(es []parallax.Entity) []mark {
	var ms []mark
	for _, e := range es {
		for _, m := range e.Mentions {
			ms = append(ms, mark{m.Paragraph, m.Start, m.End, "(" + e.ID + " " + string(e.Kind) + ")"})
		}
	}
	return ms
}

func quoteMarks(qs []parallax.Quote) []mark {
	var ms []mark
	for _, q := range qs {
		who := q.SpeakerID
		if who == "" {
			who = "?"
		}
		ms = append(ms, mark{q.Paragraph, q.Start, q.End, "(" + q.Kind + " " + who + ")"})
	}
	return ms
}

// TestGolden checks entities and quotes on the cases of testdata/golden:
// each has the article in "in" and the expected spans marked in it in
// "entities" and "quotes". go test ./analyze -update rewrites them.
func TestGolden(t *testing.T) {
	an := mustAnalyzer(t)
	files, _ := filepath.Glob("testdata/golden/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			sections := map[string]*txtar.File{}
			for i := range ar.Files {
				sections[ar.Files[i].Name] = &ar.Files[i]
			}
			in := sections["in"]
			if in == nil {
				t.Fatal("no in section")
			}
			a := parseArticle(string(in.Data))
			an.Analyze(a)
			got := map[string]string{
				"entities": render(a, entityMarks(a.Entities)),
				"quotes":   render(a, quoteMarks(a.Quotes)),
			}
			for _, name := range []string{"entities", "quotes"} {
				if *update {
					if f := sections[name]; f != nil {
						f.Data = []byte(got[name])
					} else {
						ar.Files = append(ar.Files, txtar.File{Name: name, Data: []byte(got[name])})
					}
					continue
				}
				f := sections[name]
				if f == nil {
					t.Fatalf("no %s section (run with -update)", name)
				}
				if diff := cmp.Diff(string(f.Data), got[name]); diff != "" {
					t.Errorf("%s (-want +got):\n%s", name, diff)
				}
			}
			if *update {
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func mustAnalyzer(tb testing.TB) *analyze.Analyzer {
	tb.Helper()
	an, err := analyze.NewAnalyzer()
	if err != nil {
		tb.Fatal(err)
	}
	return an
}
