package repair

import (
	"fmt"
	"strings"
	"testing"
)

// pageGoldenBody reads an article as the golden files write it — the title
// on the first line, a blank line, then paragraphs separated by blank lines
// — runs Body over it and renders the result: one paragraph per block,
// headings and sound bites marked, then the asides.
func pageGoldenBody(in string, log *Log) string {
	title, rest, _ := strings.Cut(in, "\n")
	paras := strings.Split(strings.TrimLeft(rest, "\n"), "\n\n")
	body, asides := Body(title, paras, log)
	var b strings.Builder
	for _, p := range body {
		switch p.Kind {
		case "heading":
			b.WriteString("## heading: ")
		case "soundbite":
			fmt.Fprintf(&b, "## soundbite [%s]: ", p.Speaker)
		}
		b.WriteString(strings.TrimSpace(p.Text))
		b.WriteString("\n\n")
	}
	for _, a := range asides {
		fmt.Fprintf(&b, "## aside %s: %s\n", a.Kind, a.Text)
	}
	return b.String()
}

func TestGoldenPage(t *testing.T)       { runGolden(t, "page", pageGoldenBody) }
func TestGoldenGlue(t *testing.T)       { runGolden(t, "glue", pageGoldenBody) }
func TestGoldenTranscript(t *testing.T) { runGolden(t, "transcript", pageGoldenBody) }
func TestGoldenHomoglyph(t *testing.T)  { runGolden(t, "homoglyph", Homoglyphs{}.Fix) }
