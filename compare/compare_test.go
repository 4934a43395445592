package compare_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/compare"
)

// MustArticle builds an article of an outlet ("" for unknown) from
// paragraphs; a paragraph starting with "## " is a heading.
func MustArticle(tb testing.TB, id, outlet, date string, paras ...string) *parallax.Article {
	tb.Helper()
	a := &parallax.Article{ID: id, Title: "Report " + id, Language: "en"}
	if outlet != "" {
		a.Outlet = &parallax.OutletRef{ID: outlet, Name: strings.ToUpper(outlet[:1]) + outlet[1:] + " News"}
	}
	if date != "" {
		d, err := time.Parse(time.DateOnly, date)
		if err != nil {
			tb.Fatal(err)
		}
		a.Published = parallax.Date{Time: d, Precision: parallax.PrecisionDay}
	}
	for _, p := range paras {
		if h, ok := strings.CutPrefix(p, "## "); ok {
			a.Paragraphs = append(a.Paragraphs, parallax.Paragraph{Text: h, Kind: parallax.ParagraphHeading})
			continue
		}
		a.Paragraphs = append(a.Paragraphs, parallax.Paragraph{Text: p})
	}
	return a
}

// quote adds a quote of paragraph p to a, found by its text.
func quote(tb testing.TB, a *parallax.Article, p int, text, speakerID, speaker string) {
	tb.Helper()
	i := strings.Index(a.Paragraphs[p].Text, text)
	if i < 0 {
		tb.Fatalf("%q not in paragraph %d", text, p)
	}
	a.Quotes = append(a.Quotes, parallax.Quote{Paragraph: p, Start: i, End: i + len(text), Text: text, SpeakerID: speakerID, Speaker: speaker, Kind: "direct"})
}

// fishing is a made-up story of four reports: three outlets and one
// article of unknown outlet.
func fishing(tb testing.TB) []*parallax.Article {
	alpha := MustArticle(tb, "a1", "alpha", "2024-03-05",
		"The presidents of Norland and Esteria signed a fishing agreement in Porto Vale on Tuesday.",
		"## Fishing rights",
		"The accord raises the annual catch quota to 40,000 tonnes for boats from both countries.",
		`President Arnaud Mell said: "We will protect every fisherman on our coasts and share the sea fairly."`,
		"The special maritime operation off the northern coast continued during the talks.")
	beta := MustArticle(tb, "b1", "beta", "2024-03-05",
		"Presidents Arnaud Mell and Lisa Korr signed the fisheries accord in Porto Vale on Tuesday.",
		"Under the deal the yearly quota rises to 40,000 tonnes of fish for both nations.",
		"Hundreds of angry protesters gathered outside the harbour and clashed with riot police, who arrested twelve people.",
		`"We shall protect all the fishermen along our coast and share the sea in a fair way," Mell told reporters.`,
		"The naval blockade of the northern coast continued during the talks.")
	gamma := MustArticle(tb, "g1", "gamma", "2024-03-06",
		"Norland and Esteria signed a fishing deal in Porto Vale on Tuesday.",
		`Mell added: "The weather was terrible for the ceremony today but spirits were high."`)
	unknown := MustArticle(tb, "u1", "", "",
		"Norland and Esteria agreed in Porto Vale to raise the annual fishing quota to 40,000 tonnes.",
		"A wonderful, happy ceremony celebrated the great friendship of the two peoples.",
		"Fishermen in both countries welcomed the news and prepared their boats for the season ahead.")
	quote(tb, alpha, 3, "We will protect every fisherman on our coasts and share the sea fairly.", "arnaud-mell", "Arnaud Mell")
	quote(tb, beta, 3, "We shall protect all the fishermen along our coast and share the sea in a fair way,", "arnaud-mell", "Arnaud Mell")
	quote(tb, gamma, 1, "The weather was terrible for the ceremony today but spirits were high.", "arnaud-mell", "Arnaud Mell")
	return []*parallax.Article{alpha, beta, gamma, unknown}
}

// factOf returns the fact holding the sentence of an article containing
// text, or nil.
func factOf(c *compare.Comparison, article, text string) *compare.Fact {
	for i := range c.Facts {
		for _, s := range c.Facts[i].Sentences {
			if s.Article == article && strings.Contains(s.Text, text) {
				return &c.Facts[i]
			}
		}
	}
	return nil
}

func TestCompareFacts(t *testing.T) {
	c := compare.Compare(fishing(t), compare.Options{})
	tests := []struct {
		name, article, text string
		want                []string // the outlets reporting the fact
	}{
		{"signing, three wordings", "a1", "signed a fishing agreement", []string{"alpha", "beta", "gamma"}},
		{"quota with its number", "b1", "yearly quota", []string{"alpha", "beta", "article:u1"}},
		{"exclusive", "b1", "protesters", []string{"beta"}},
		{"paraphrased quote sentence", "a1", "protect every fisherman", []string{"alpha", "beta"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := factOf(c, tc.article, tc.text)
			if f == nil {
				t.Fatalf("no fact holds %q", tc.text)
			}
			if !slices.Equal(f.Outlets, tc.want) {
				t.Errorf("outlets = %v, want %v; sentences %+v", f.Outlets, tc.want, f.Sentences)
			}
		})
	}
	t.Run("headings are not facts", func(t *testing.T) {
		if f := factOf(c, "a1", "Fishing rights"); f != nil {
			t.Errorf("heading in fact %d", f.ID)
		}
	})
	t.Run("at most one sentence per article per fact", func(t *testing.T) {
		for _, f := range c.Facts {
			seen := map[string]bool{}
			for _, s := range f.Sentences {
				if seen[s.Article] {
					t.Errorf("fact %d has two sentences of %s", f.ID, s.Article)
				}
				seen[s.Article] = true
			}
		}
	})
	t.Run("most widely reported first", func(t *testing.T) {
		if !slices.IsSortedFunc(c.Facts, func(a, b compare.Fact) int { return len(b.Outlets) - len(a.Outlets) }) {
			t.Errorf("facts not sorted by outlets")
		}
	})
}

func TestCompareCoverage(t *testing.T) {
	c := compare.Compare(fishing(t), compare.Options{})
	t.Run("columns", func(t *testing.T) {
		var keys []string
		for _, o := range c.Outlets {
			keys = append(keys, o.Key)
		}
		if want := []string{"alpha", "beta", "gamma", "article:u1"}; !slices.Equal(keys, want) {
			t.Errorf("columns = %v, want %v (dated first, then by id)", keys, want)
		}
		if o := c.Outlet("article:u1"); o == nil || o.Known || o.Name != "Report u1" {
			t.Errorf("unknown outlet column = %+v, want named by its title", o)
		}
	})
	t.Run("exclusive", func(t *testing.T) {
		f := factOf(c, "b1", "protesters")
		if !slices.Contains(c.Exclusives, compare.Exclusive{Outlet: "beta", Fact: f.ID}) {
			t.Errorf("exclusives %v lack beta's fact %d", c.Exclusives, f.ID)
		}
	})
	t.Run("omission with a short-text note", func(t *testing.T) {
		quota := factOf(c, "a1", "catch quota")
		var om *compare.Omission
		for i := range c.Omissions {
			if c.Omissions[i].Outlet == "gamma" {
				om = &c.Omissions[i]
			}
		}
		if om == nil || !slices.Contains(om.Facts, quota.ID) {
			t.Fatalf("gamma's omissions %+v lack the quota fact %d", om, quota.ID)
		}
		if !c.Outlet("gamma").Short || !strings.Contains(om.Note, "short") {
			t.Errorf("gamma is short, note = %q", om.Note)
		}
	})
}

func TestCompareQuoteVariants(t *testing.T) {
	c := compare.Compare(fishing(t), compare.Options{})
	if len(c.QuoteGroups) != 1 {
		t.Fatalf("quote groups = %+v, want 1", c.QuoteGroups)
	}
	g := c.QuoteGroups[0]
	if g.SpeakerID != "arnaud-mell" || !slices.Equal(g.Outlets, []string{"alpha", "beta"}) {
		t.Errorf("group = %+v, want Mell's protection pledge from alpha and beta", g)
	}
	t.Run("other speaker never joins", func(t *testing.T) {
		arts := fishing(t)
		arts[1].Quotes[0].SpeakerID = "lisa-korr"
		if c := compare.Compare(arts, compare.Options{}); len(c.QuoteGroups) != 0 {
			t.Errorf("groups = %+v, want none", c.QuoteGroups)
		}
	})
	t.Run("terms are not utterances", func(t *testing.T) {
		arts := fishing(t)
		arts[0].Quotes[0].Kind = "term"
		if c := compare.Compare(arts, compare.Options{}); len(c.QuoteGroups) != 0 {
			t.Errorf("groups = %+v, want none", c.QuoteGroups)
		}
	})
}

func TestCompareTermPairsAndTone(t *testing.T) {
	arts := fishing(t)
	// a curated pair: one outlet names the war differently from another
	arts[0].Paragraphs = append(arts[0].Paragraphs, parallax.Paragraph{Text: "The war in Ukraine was not discussed."})
	arts[1].Paragraphs = append(arts[1].Paragraphs, parallax.Paragraph{Text: "Officials avoided the special military operation."})
	c := compare.Compare(arts, compare.Options{})
	var found bool
	for _, tp := range c.TermPairs {
		if tp.Source == "curated" && len(tp.Variants) == 2 && tp.Variants[0].Term == "special military operation" {
			found = slices.Equal(tp.Variants[0].Outlets, []string{"beta"}) && slices.Equal(tp.Variants[1].Outlets, []string{"alpha"})
		}
	}
	if !found {
		t.Errorf("term pairs = %+v, want the war's two names by beta and alpha", c.TermPairs)
	}
	tone := map[string]compare.Tone{}
	for _, tn := range c.Tone {
		tone[tn.Outlet] = tn
	}
	if !(tone["article:u1"].Compound > 0.2 && tone["beta"].Compound < tone["article:u1"].Compound && tone["beta"].MostNegative != "") {
		t.Errorf("tone = %+v, want the ceremony report positive and beta's riot more negative", c.Tone)
	}
}

func TestCompareFraming(t *testing.T) {
	var arts []*parallax.Article
	for i, o := range []string{"alpha", "beta", "gamma"} {
		text := "The government announced a new budget for schools and hospitals this spring."
		if o == "alpha" {
			text = "The regime announced a new budget; the regime says schools and hospitals gain, but the regime hides debts."
		}
		arts = append(arts, MustArticle(t, string(rune('a'+i)), o, "2024-01-01", text, text, text))
	}
	c := compare.Compare(arts, compare.Options{})
	if len(c.Framing) != 3 || len(c.Framing[0].Terms) == 0 || c.Framing[0].Terms[0].Term != "regime" {
		t.Fatalf("framing = %+v, want alpha's top term \"regime\"", c.Framing)
	}
	if z := c.Framing[0].Terms[0].Z; z < 1.96 {
		t.Errorf("z = %.2f, want significant", z)
	}
}

func TestCompareEmptyAndJSON(t *testing.T) {
	tests := []struct {
		name     string
		articles []*parallax.Article
	}{
		{"no articles", nil},
		{"one empty article", []*parallax.Article{{ID: "x"}}},
		{"one article", []*parallax.Article{MustArticle(t, "x", "alpha", "", "Only one outlet said this.")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := compare.Compare(tc.articles, compare.Options{})
			b, err := json.Marshal(c)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(b), "null") {
				t.Errorf("JSON has nulls: %s", b)
			}
		})
	}
}
