package repair

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/internal/shared"
)

func TestPageItemShape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2023-09-13T19:07+0000", AsideTimestamp},
		{"2024-03-05T11:02:33.120Z", AsideTimestamp},
		{"2024-03-05", AsideTimestamp},
		{"Updated: 2024-03-05 10:15", AsideTimestamp},
		{"5 March 2024, 10:15 GMT", AsideTimestamp},
		{"March 5, 2024", AsideTimestamp},
		{"/html/head/meta[@name='x']/@content", AsideXPath},
		{"//div[@class='a']", AsideXPath},
		{"https://cdn.example.com/img/a/b_1920x0.jpg", AsideImageURL},
		{"https://example.com/2024/03/04/some-long-slug-4411.html", AsideRelatedURL},
		{"https://example.com/", AsideURL},
		{"www.example.com", AsideURL},
		{"1920 1080 true", AsideImageSize},
		{"1200x675", AsideImageSize},
		{"Example News desk@example.com +44 20 7946 0000", AsideContact},
		{"Contact: desk@example.com", AsideContact},
		{"© 2024 Example News", AsideCopyright},
		{"Copyright 2024 Example Ltd", AsideCopyright},
		{"a, b c, d e f, g, h", AsideKeywords},
		{"2023", AsideYear},
		{"en_EN", AsideLocale},
		// Prose and other lines are no junk.
		{"Write to desk@example.com if you saw the accident, police said.", ""},
		{"The 1920 1080 figures were wrong.", ""},
		{"Net 1,545,160 vs 2,188,933", ""},
		{"Apples, pears, plums, figs and grapes were on sale.", ""},
		{"He visited /r/news and left.", ""},
		{"Storm hits coast", ""},
	}
	for _, tt := range tests {
		if got := pageItemShape(tt.in); got != tt.want {
			t.Errorf("pageItemShape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPageTrailer(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Jane Doe", AsideByline},
		{"By Jane Doe and John Roe", AsideByline},
		{"opinion", AsideTag},
		{"News", AsideTag},
		{"Kim Meets Leaders of Three Nations", AsideRelatedHeadline},
		{"Oil prices slide as Gulf Output Climbs", AsideRelatedHeadline},
		{"Half-Life 2 is out now for the PC", ""},
		{"Laidlaw Transportation Ltd Holdings", ""},
		{"Referee: P Smith (Wales)", ""},
		{"That was all.", ""},
	}
	for _, tt := range tests {
		if got := pageTrailer(tt.in); got != tt.want {
			t.Errorf("pageTrailer(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBody(t *testing.T) {
	prose := func(s string) string { return s + " was said by officials on Monday in the capital." }
	tests := []struct {
		name       string
		title      string
		in         []string
		want       []parallax.Paragraph
		wantAsides []parallax.Aside
	}{
		{
			name: "empty paragraphs dropped",
			in:   []string{prose("A"), "  ", ""},
			want: []parallax.Paragraph{{Text: prose("A"), Kind: parallax.ParagraphBody}},
		},
		{
			name:  "title repeated",
			title: "Harbour  plan wins",
			in:    []string{"Harbour plan wins", prose("A")},
			want:  []parallax.Paragraph{{Text: prose("A"), Kind: parallax.ParagraphBody}},
			wantAsides: []parallax.Aside{
				{Kind: AsideRepeatedTitle, Text: "Harbour plan wins"},
			},
		},
		{
			name: "title as first paragraph when unknown",
			in:   []string{"Harbour plan wins", "Harbour plan wins", prose("A")},
			want: []parallax.Paragraph{
				{Text: "Harbour plan wins", Kind: parallax.ParagraphBody},
				{Text: prose("A"), Kind: parallax.ParagraphBody},
			},
			wantAsides: []parallax.Aside{{Kind: AsideRepeatedTitle, Text: "Harbour plan wins"}},
		},
		{
			name: "junk line inside a paragraph",
			in:   []string{prose("A") + "\n2024-03-05T10:15Z\n" + prose("B")},
			want: []parallax.Paragraph{{Text: prose("A") + "\n" + prose("B"), Kind: parallax.ParagraphBody}},
			wantAsides: []parallax.Aside{
				{Kind: AsideTimestamp, Text: "2024-03-05T10:15Z"},
			},
		},
		{
			name: "sound bite quote in the next paragraph",
			in:   []string{prose("A"), "[Sound bite: Mayor Jane Doe (English)]", "“We will rebuild.”", prose("B")},
			want: []parallax.Paragraph{
				{Text: prose("A"), Kind: parallax.ParagraphBody},
				{Text: "“We will rebuild.”", Kind: parallax.ParagraphSoundBite, Speaker: "Mayor Jane Doe"},
				{Text: prose("B"), Kind: parallax.ParagraphBody},
			},
		},
		{
			name: "a lone short lower-case line stays",
			in:   []string{prose("A"), "and then", prose("B")},
			want: []parallax.Paragraph{
				{Text: prose("A"), Kind: parallax.ParagraphBody},
				{Text: "and then", Kind: parallax.ParagraphBody},
				{Text: prose("B"), Kind: parallax.ParagraphBody},
			},
		},
		{
			name: "trailing list is no related headline",
			in:   []string{prose("A"), "Arsenal v Chelsea", "Everton v Leeds United"},
			want: []parallax.Paragraph{
				{Text: prose("A"), Kind: parallax.ParagraphBody},
				{Text: "Arsenal v Chelsea", Kind: parallax.ParagraphBody},
				{Text: "Everton v Leeds United", Kind: parallax.ParagraphBody},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var log Log
			body, asides := Body(tt.title, tt.in, &log)
			if diff := cmp.Diff(tt.want, body); diff != "" {
				t.Errorf("body (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantAsides, asides); diff != "" {
				t.Errorf("asides (-want +got):\n%s", diff)
			}
			for _, a := range asides {
				if log.Count(a.Kind) == 0 {
					t.Errorf("aside %q not logged", a.Kind)
				}
			}
		})
	}
}

// pageSeedParas reads a plain-text seed as paragraphs, without its
// " date …" header line.
func pageSeedParas(t *testing.T, name string) []string {
	t.Helper()
	b, err := os.ReadFile(shared.Path(t, "seeds", name))
	if err != nil {
		t.Fatal(err)
	}
	paras := strings.Split(string(b), "\n\n")
	if strings.HasPrefix(paras[0], " date ") {
		paras = paras[1:]
	}
	return paras
}

func pageKinds(asides []parallax.Aside) map[string]int {
	m := make(map[string]int)
	for _, a := range asides {
		m[a.Kind]++
	}
	return m
}

// TestBodySeed001 checks the scraped page: every kind of junk goes to the
// asides, the glued text is split, the two glued subheads become headings
// and all that is left is prose.
func TestBodySeed001(t *testing.T) {
	paras := pageSeedParas(t, "001_caec8ecb0ec1d5b5.txt")
	var log Log
	body, asides := Body(strings.TrimSpace(paras[0]), paras[1:], &log)
	want := map[string]int{
		AsideRepeatedTitle: 1, AsideTimestamp: 3, AsideTag: 15, AsideXPath: 1, AsideImageURL: 1,
		AsideRelatedURL: 5, AsideContact: 3, AsideYear: 1, AsideByline: 3, AsideLocale: 1,
		AsideImageSize: 3, AsideKeywords: 1,
	}
	if diff := cmp.Diff(want, pageKinds(asides)); diff != "" {
		t.Errorf("aside kinds (-want +got):\n%s", diff)
	}
	headings := 0
	for _, p := range body {
		switch {
		case p.Kind == parallax.ParagraphHeading:
			headings++
		case !pageIsProse(p.Text):
			t.Errorf("not prose left in the body: %q", p.Text)
		}
	}
	if headings != 2 {
		t.Errorf("%d headings, want 2", headings)
	}
	if n := log.Count(KindGlue); n < 15 {
		t.Errorf("%d glue splits, want at least 15", n)
	}
}

// TestBodySeed002 checks the disguised rewrite: after the homoglyph repair
// only the trailing related headline is taken out.
func TestBodySeed002(t *testing.T) {
	paras := pageSeedParas(t, "002_9282c98d45e15703.txt")
	var log Log
	for i := range paras {
		paras[i] = Homoglyphs{}.Fix(paras[i], &log)
	}
	body, asides := Body(strings.TrimSpace(paras[0]), paras[1:], &log)
	if diff := cmp.Diff(map[string]int{AsideRelatedHeadline: 1}, pageKinds(asides)); diff != "" {
		t.Errorf("aside kinds (-want +got):\n%s", diff)
	}
	if len(body) != 6 {
		t.Errorf("%d body paragraphs, want 6", len(body))
	}
	if log.Count(KindHomoglyph) != 205 {
		t.Errorf("homoglyphs %d, want 205", log.Count(KindHomoglyph))
	}
}

// TestBodySeed003 checks the TREC report: its two subheads, each a <P> of
// its own, become headings and nothing else changes.
func TestBodySeed003(t *testing.T) {
	b, err := os.ReadFile(shared.Path(t, "seeds", "003_cf7e1a3cf926ea66.txt"))
	if err != nil {
		t.Fatal(err)
	}
	_, text, _ := strings.Cut(string(b), "<TEXT>")
	// Body runs after the mojibake repair, which turns "Â" + no-break space
	// back into the no-break space.
	text = strings.ReplaceAll(text, "Â\u00a0", "\u00a0")
	var paras []string
	for _, m := range regexp.MustCompile(`(?s)<P>\n(.*?)\n</P>`).FindAllStringSubmatch(text, -1) {
		paras = append(paras, m[1])
	}
	var log Log
	body, asides := Body("", paras, &log)
	if len(asides) > 0 || len(body) != len(paras) {
		t.Errorf("asides %v; %d paragraphs from %d", asides, len(body), len(paras))
	}
	var headings []string
	for _, p := range body {
		if p.Kind == parallax.ParagraphHeading {
			headings = append(headings, p.Text)
		}
	}
	if len(headings) != 2 || log.Count(KindSubhead) != 2 {
		t.Errorf("headings %q, want 2", headings)
	}
}

// TestBodySeed004 checks the one-line transcript: markers dropped, three
// sound bites with their speakers, the sign-off kept as an aside.
func TestBodySeed004(t *testing.T) {
	paras := pageSeedParas(t, "004_3386814acfef874b.txt")
	var log Log
	body, asides := Body("", paras, &log)
	var speakers []string
	for _, p := range body {
		if p.Kind == parallax.ParagraphSoundBite {
			speakers = append(speakers, p.Speaker)
			if r, _ := utf8.DecodeRuneInString(p.Text); !strings.ContainsRune("“\"", r) {
				t.Errorf("sound bite does not start with its quote: %q", p.Text)
			}
		}
		if strings.HasPrefix(p.Text, "Anchor:") || strings.HasPrefix(p.Text, "Report:") || strings.Contains(p.Text, "[Sound bite") {
			t.Errorf("marker left: %q", p.Text)
		}
	}
	if len(speakers) != 3 || !strings.Contains(speakers[1], "Vladimir Putin") {
		t.Errorf("speakers %q", speakers)
	}
	if diff := cmp.Diff(map[string]int{AsideSignoff: 1}, pageKinds(asides)); diff != "" {
		t.Errorf("aside kinds (-want +got):\n%s", diff)
	}
	if log.Count(KindTranscriptMarker) != 2 || log.Count(KindGlue) < 10 {
		t.Errorf("repairs %v", log.Repairs())
	}
}

// FuzzBody checks that Body never panics, keeps UTF-8 valid and never
// invents text: every paragraph and aside it returns is part of its input.
func FuzzBody(f *testing.F) {
	for _, s := range []string{
		"Title\n\nSome prose here that goes on for a while.\n\n2024-01-02T10:00Z\n\nus\n\nworld",
		"Anchor: Hello there.Report: The end came.[Sound bite: A B (X)]“Quote.”Jane Doe, Some Radio News.",
		"the end.Glued Headline Goes HereThe text goes on and on.",
		"[Sound bite: X]",
		"\xff\n\n.A",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		title, rest, _ := strings.Cut(in, "\n")
		var log Log
		body, asides := Body(title, strings.Split(rest, "\n\n"), &log)
		for _, p := range body {
			if !strings.Contains(rest, p.Text) {
				t.Fatalf("paragraph %q is not part of the input %q", p.Text, rest)
			}
			if utf8.ValidString(in) && !utf8.ValidString(p.Text) {
				t.Fatalf("invalid UTF-8 %q", p.Text)
			}
		}
		for _, a := range asides {
			if !strings.Contains(rest, a.Text) {
				t.Fatalf("aside %q is not part of the input %q", a.Text, rest)
			}
		}
	})
}

// pageBenchArticle returns a clean article of about 4 KB as paragraphs.
func pageBenchArticle() []string {
	var paras []string
	for range 12 {
		paras = append(paras, "The city council approved the harbour plan on Tuesday after a long debate, and officials said work would start next spring. "+
			"Councillor Jane Doe said the vote was a turning point for the waterfront, which has been empty for years.")
	}
	return paras
}

func pageBenchSize(paras []string) int64 {
	n := 0
	for _, p := range paras {
		n += len(p)
	}
	return int64(n)
}

func BenchmarkBodyClean(b *testing.B) {
	paras := pageBenchArticle()
	b.ReportAllocs()
	b.SetBytes(pageBenchSize(paras))
	for b.Loop() {
		Body("Harbour plan wins", paras, &Log{})
	}
}

func BenchmarkBodyScraped(b *testing.B) {
	paras := pageBenchArticle()
	paras = append(paras[:3:3], append([]string{"2024-03-05T10:15+0000", "city", "politics", "/html/head/meta[@name='t']/@content",
		"Glued one.Glued two.Glued Subhead HereThe third sentence runs on."}, paras[3:]...)...)
	paras = append(paras, "https://example.com/2024/03/05/other-story-1234.html", "Desk desk@example.com +44 20 7946 0000", "1920 1080 true")
	b.ReportAllocs()
	b.SetBytes(pageBenchSize(paras))
	for b.Loop() {
		Body("Harbour plan wins", paras, &Log{})
	}
}
