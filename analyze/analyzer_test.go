package analyze_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/analyze"
)

func TestFoldID(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"hyphen", "Kim Jong-un", "kim-jong-un"},
		{"spaces", "Kim Jong Un", "kim-jong-un"},
		{"diacritics", "Felipe Calderón", "felipe-calderon"},
		{"apostrophe", "Workers’ Party of Korea", "workers-party-of-korea"},
		{"initials", "U.S.", "us"},
		{"empty", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := analyze.FoldID(tc.in); got != tc.want {
				t.Errorf("FoldID(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestEntityIDs(t *testing.T) {
	an := mustAnalyzer(t)
	tests := []struct {
		name, text string
		want       map[string]parallax.EntityKind // mention text → kind, all of one ID
		id         string
	}{
		{"country names", "The DPRK, officially the Democratic People's Republic of Korea, is North Korea; Pyongyang said so.", map[string]parallax.EntityKind{"DPRK": parallax.EntityPlace, "Democratic People's Republic of Korea": parallax.EntityPlace, "North Korea": parallax.EntityPlace, "Pyongyang": parallax.EntityPlace}, "north-korea"},
		{"us variants", "The U.S. and the United States and America are one; Washington agreed.", map[string]parallax.EntityKind{"U.S.": parallax.EntityPlace, "United States": parallax.EntityPlace, "America": parallax.EntityPlace, "Washington": parallax.EntityPlace}, "united-states"},
		{"titles and surname", "Comrade General Secretary Kim Jong Un arrived. Kim waved.", map[string]parallax.EntityKind{"Kim Jong Un": parallax.EntityPerson, "Kim": parallax.EntityPerson}, "kim-jong-un"},
		{"kremlin", "The Kremlin said Moscow was ready.", map[string]parallax.EntityKind{"Kremlin": parallax.EntityPlace, "Moscow": parallax.EntityPlace}, "russia"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := &parallax.Article{Paragraphs: []parallax.Paragraph{{Text: tc.text}}}
			got := map[string]bool{}
			for _, e := range an.Entities(a) {
				if e.ID != tc.id {
					continue
				}
				for _, m := range e.Mentions {
					got[m.Text] = true
					if k, ok := tc.want[m.Text]; ok && k != e.Kind {
						t.Errorf("%q: kind %s, want %s", m.Text, e.Kind, k)
					}
				}
			}
			for m := range tc.want {
				if !got[m] {
					t.Errorf("%q is not a mention of %s (got %v)", m, tc.id, got)
				}
			}
		})
	}
}

func TestCapitalAsPlace(t *testing.T) {
	an := mustAnalyzer(t)
	a := &parallax.Article{Paragraphs: []parallax.Paragraph{{Text: "A parade was held in Pyongyang."}}}
	es := an.Entities(a)
	if len(es) != 1 || es[0].ID != "pyongyang" {
		t.Errorf("entities = %+v, want the city pyongyang", es)
	}
}

func TestQuoteStyles(t *testing.T) {
	an := mustAnalyzer(t)
	tests := []struct{ name, text, want, kind string }{
		{"curly", `“We will build it together,” said Anna Holm.`, "We will build it together", "direct"},
		{"straight", `"We will build it together," Anna Holm said.`, "We will build it together", "direct"},
		{"german", `Anna Holm said: „We build it together and fast.“`, "We build it together and fast.", "direct"},
		{"guillemets", `« We will build it together. », said Anna Holm.`, "We will build it together.", "direct"},
		{"single curly", `Anna Holm said: ‘We will build it together this year.’`, "We will build it together this year.", "direct"},
		{"scare quote", `Anna Holm called it a “historic step” for the town.`, "historic step", "term"},
		{"apostrophes only", `Anna Holm’s plan isn’t the towns’ choice.`, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := &parallax.Article{Paragraphs: []parallax.Paragraph{{Text: tc.text}}}
			an.Analyze(a)
			var direct []parallax.Quote
			for _, q := range a.Quotes {
				if q.Kind != "indirect" {
					direct = append(direct, q)
				}
			}
			if tc.want == "" {
				if len(direct) != 0 {
					t.Errorf("quotes = %+v, want none", direct)
				}
				return
			}
			if len(direct) != 1 || direct[0].Text != tc.want || direct[0].Kind != tc.kind || direct[0].SpeakerID != "anna-holm" {
				t.Errorf("quotes = %+v, want %q (%s) by anna-holm", direct, tc.want, tc.kind)
			}
		})
	}
}

// FuzzAnalyze checks that any text gives spans inside their paragraphs
// whose text is the paragraph's bytes, and never panics.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		`"We won," said Kim Jong-un. ‘Yes’ — „ja“ «oui» 'no'`,
		"Dr. Chung said: \"It is\n\n\"still going,\" he added.",
		"U.S.-led NATO (NATO) and the DPRK's Pyongyang; Kim's Kim-Putin",
		"\"", "‘", "«»", "„", "A. B. C.", "\xff\xfe Kim \"", "[Sound bite: X] \"y\"",
	} {
		f.Add(s, "N. Korean leader Kim Jong-un")
	}
	an := mustAnalyzer(f)
	f.Fuzz(func(t *testing.T, text, speaker string) {
		a := &parallax.Article{}
		for i, p := range strings.Split(text, "\n\n") {
			para := parallax.Paragraph{Text: p}
			if i == 2 {
				para.Kind, para.Speaker = parallax.ParagraphSoundBite, speaker
			}
			a.Paragraphs = append(a.Paragraphs, para)
		}
		an.Analyze(a)
		check := func(what string, para, start, end int, got string) {
			if para < 0 || para >= len(a.Paragraphs) {
				t.Fatalf("%s: paragraph %d out of range", what, para)
			}
			p := a.Paragraphs[para].Text
			if start < 0 || end > len(p) || start > end || p[start:end] != got {
				t.Fatalf("%s: span [%d:%d] %q does not match paragraph %q", what, start, end, got, p)
			}
		}
		for _, e := range a.Entities {
			if e.ID == "" {
				t.Fatalf("entity without ID: %+v", e)
			}
			for _, m := range e.Mentions {
				check("mention", m.Paragraph, m.Start, m.End, m.Text)
			}
		}
		for _, q := range a.Quotes {
			check("quote", q.Paragraph, q.Start, q.End, q.Text)
			if q.Text == "" && utf8.ValidString(text) {
				t.Fatalf("empty quote %+v", q)
			}
		}
	})
}

// benchArticle is a made-up article of about 4 KB with names, quotes and
// reported speech.
func benchArticle() *parallax.Article {
	paras := []string{
		"Zarnovian President Ilya Marek met North Korean leader Kim Jong-un in Pyongyang on Tuesday, the first summit between the two countries in a decade.",
		`"We have opened a new chapter in our relations," Marek told reporters after the talks, which lasted nearly five hours. "Nobody can close it again."`,
		`Kim said Pyongyang would stand with its friends in the "common struggle" against the United States and its allies in NATO, according to the official KCNA news agency.`,
		"The Kremlin spokesman, Dmitry Peskov, said Moscow welcomed the meeting and hoped it would bring stability to the Korean Peninsula.",
		`According to Dr. Lena Ortiz, a professor at Hanwol University, the talks were "unusually warm" and could lead to new trade deals in the coming months.`,
		`"There are certain limits, and we respect all of them. But there are things we can discuss, and we will," Marek said at a dinner hosted by Kim.`,
		"South Korea's Unification Ministry said it was watching the visit closely and urged both sides to respect United Nations sanctions.",
		`Analysts in Seoul and Washington said the summit showed how isolated governments were seeking partners. "It is a marriage of convenience," said Park Min-ho of the Asan Institute.`,
	}
	a := &parallax.Article{Language: "en"}
	for len(a.Text()) < 4000 {
		for _, p := range paras {
			a.Paragraphs = append(a.Paragraphs, parallax.Paragraph{Text: p})
		}
	}
	return a
}

func BenchmarkAnalyze(b *testing.B) {
	an := mustAnalyzer(b)
	a := benchArticle()
	b.SetBytes(int64(len(a.Text())))
	b.ReportAllocs()
	for b.Loop() {
		an.Analyze(a)
	}
}
