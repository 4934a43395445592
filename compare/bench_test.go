package compare_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/compare"
)

// syntheticStory generates a story of n articles from eight outlets: each
// article tells about 25 of 60 facts, each fact in one of three wordings
// (words swapped, shared names and numbers), quotes three of ten
// utterances of five speakers in one of two wordings, and adds sentences
// of its own — about 4 KB of text an article.
func syntheticStory(tb testing.TB, n int) []*parallax.Article {
	r := rand.New(rand.NewPCG(1, 2))
	syll := []string{"ka", "lo", "mi", "ra", "ne", "to", "su", "vi", "de", "po", "ar", "el", "in", "or", "um", "ba", "te", "go", "ri", "sa"}
	word := func() string {
		var b strings.Builder
		for range 2 + r.IntN(2) {
			b.WriteString(syll[r.IntN(len(syll))])
		}
		return b.String()
	}
	vocab := make([]string, 3000)
	for i := range vocab {
		vocab[i] = word()
	}
	names := make([]string, 40)
	for i := range names {
		names[i] = strings.ToUpper(vocab[i][:1]) + vocab[i][1:]
	}
	sentence := func(words []string) string {
		return strings.ToUpper(words[0][:1]) + words[0][1:] + " " + strings.Join(words[1:], " ") + "."
	}
	type fact struct{ wordings []string }
	facts := make([]fact, 60)
	for i := range facts {
		base := make([]string, 16)
		for j := range base {
			base[j] = vocab[40+r.IntN(len(vocab)-40)]
		}
		base[3] = names[r.IntN(len(names))]
		base[9] = names[r.IntN(len(names))]
		base[12] = fmt.Sprint(10 + r.IntN(9000))
		for range 3 {
			w := append([]string(nil), base...)
			for k := range w {
				if k != 3 && k != 9 && k != 12 && r.Float64() < 0.3 {
					w[k] = vocab[40+r.IntN(len(vocab)-40)]
				}
			}
			facts[i].wordings = append(facts[i].wordings, sentence(w))
		}
	}
	type utterance struct {
		speaker  int
		wordings []string
	}
	utts := make([]utterance, 10)
	for i := range utts {
		base := make([]string, 20)
		for j := range base {
			base[j] = vocab[40+r.IntN(len(vocab)-40)]
		}
		utts[i].speaker = i % 5
		for range 2 {
			w := append([]string(nil), base...)
			for k := range w {
				if r.Float64() < 0.25 {
					w[k] = vocab[40+r.IntN(len(vocab)-40)]
				}
			}
			utts[i].wordings = append(utts[i].wordings, sentence(w))
		}
	}
	outlets := []string{"north-post", "south-times", "east-radio", "west-wire", "daily-sun", "evening-star", "news-agency", "state-tv"}
	articles := make([]*parallax.Article, n)
	for i := range articles {
		a := MustArticle(tb, fmt.Sprintf("art%03d", i), outlets[i%len(outlets)], fmt.Sprintf("2024-05-%02d", 1+i%20))
		var para []string
		flush := func() {
			a.Paragraphs = append(a.Paragraphs, parallax.Paragraph{Text: strings.Join(para, " ")})
			para = nil
		}
		for _, fi := range r.Perm(len(facts))[:25] {
			para = append(para, facts[fi].wordings[r.IntN(3)])
			if r.IntN(3) == 0 {
				own := make([]string, 14)
				for k := range own {
					own[k] = vocab[40+r.IntN(len(vocab)-40)]
				}
				para = append(para, sentence(own))
			}
			if len(para) >= 3 {
				flush()
			}
		}
		for _, ui := range r.Perm(len(utts))[:3] {
			u := utts[ui]
			text := u.wordings[r.IntN(2)]
			p := `"` + text + `" ` + names[u.speaker] + " said."
			a.Paragraphs = append(a.Paragraphs, parallax.Paragraph{Text: p})
			a.Quotes = append(a.Quotes, parallax.Quote{Paragraph: len(a.Paragraphs) - 1, Start: 1, End: 1 + len(text), Text: text,
				SpeakerID: strings.ToLower(names[u.speaker]), Speaker: names[u.speaker], Kind: "direct"})
		}
		if len(para) > 0 {
			flush()
		}
		articles[i] = a
	}
	return articles
}

func BenchmarkCompare(b *testing.B) {
	articles := syntheticStory(b, 100)
	bytes := 0
	for _, a := range articles {
		bytes += len(a.Text())
	}
	bg := compare.NewBackground()
	for _, a := range articles {
		bg.Add(a)
	}
	b.SetBytes(int64(bytes))
	b.ReportAllocs()
	var c *compare.Comparison
	for b.Loop() {
		c = compare.Compare(articles, compare.Options{Background: bg})
	}
	shared := 0
	for _, f := range c.Facts {
		if len(f.Outlets) > 1 {
			shared++
		}
	}
	b.ReportMetric(float64(bytes)/float64(len(articles)), "bytes/article")
	b.ReportMetric(float64(shared), "shared-facts")
	b.ReportMetric(float64(len(c.QuoteGroups)), "quote-groups")
}

// TestSyntheticStory checks that the benchmark's story compares as built:
// its facts and utterances are found again.
func TestSyntheticStory(t *testing.T) {
	c := compare.Compare(syntheticStory(t, 40), compare.Options{})
	wide := 0
	for _, f := range c.Facts {
		if len(f.Outlets) >= 6 {
			wide++
		}
	}
	if wide < 50 {
		t.Errorf("%d facts reported by six outlets or more, want most of the 60 built", wide)
	}
	if len(c.QuoteGroups) < 10 || len(c.QuoteGroups) > 20 {
		t.Errorf("%d quote groups, want about 10 (at most one variant per article: a few utterances split)", len(c.QuoteGroups))
	}
}
