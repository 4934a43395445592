package compare

import (
	"math"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/jonreiter/govader"
)

// Tone is an outlet's tone over the story, from the VADER lexicon scored
// sentence by sentence.
type Tone struct {
	Outlet string `json:"outlet"`
	// Compound is the mean VADER compound score of the outlet's sentences,
	// from -1 (most negative) to +1 (most positive).
	Compound float64 `json:"compound"`
	// Positive and Negative are the shares of sentences scoring at least
	// +0.05 and at most -0.05, VADER's usual cut-offs.
	Positive  float64 `json:"positive"`
	Negative  float64 `json:"negative"`
	Sentences int     `json:"sentences"`
	// MostNegative and MostPositive are the outlet's extreme sentences.
	MostNegative string `json:"most_negative,omitempty"`
	MostPositive string `json:"most_positive,omitempty"`
}

// vader is the VADER analyzer, its lexicon loaded once; scoring only reads
// it, so it is safe for concurrent use.
var vader = sync.OnceValue(govader.NewSentimentIntensityAnalyzer)

// compound is VADER's compound score of a sentence. A sentence none of
// whose words is in the lexicon scores 0 in VADER, whatever else it holds
// (boosters, negations and punctuation only scale lexicon words), so it is
// not scored: that skips the analyzer's costly text handling for a good
// share of news sentences. The test mirrors VADER's own tokens: the text
// split at spaces, each token lower-cased with and without its surrounding
// punctuation, and any emoji, which VADER replaces by words.
func compound(text string) float64 {
	v := vader()
	if !inLexicon(v, text) {
		return 0
	}
	return v.PolarityScores(text).Compound
}

func inLexicon(v *govader.SentimentIntensityAnalyzer, text string) bool {
	for _, r := range text {
		if r >= utf8.RuneSelf {
			if _, ok := v.EmojiDict[string(r)]; ok {
				return true
			}
		}
	}
	punct := v.Constants.Regex.PunctuationString
	for tok := range strings.SplitSeq(text, " ") {
		if tok == "" {
			continue
		}
		if _, ok := v.Lexicon[strings.ToLower(tok)]; ok {
			return true
		}
		if _, ok := v.Lexicon[strings.ToLower(strings.Trim(tok, punct))]; ok {
			return true
		}
	}
	return false
}

// VADER's cut-offs for a positive and a negative sentence.
const toneCutoff = 0.05

// tone scores every sentence once and averages per outlet.
func tone(docs []*doc, outlets []Outlet) []Tone {
	type acc struct {
		sum, lo, hi float64
		pos, neg, n int
		loS, hiS    string
	}
	by := map[string]*acc{}
	for _, d := range docs {
		a := by[d.outlet]
		if a == nil {
			a = &acc{lo: math.Inf(1), hi: math.Inf(-1)}
			by[d.outlet] = a
		}
		for _, s := range d.sentences {
			c := s.compound
			a.sum += c
			a.n++
			switch {
			case c >= toneCutoff:
				a.pos++
			case c <= -toneCutoff:
				a.neg++
			}
			if c < a.lo {
				a.lo, a.loS = c, s.text
			}
			if c > a.hi {
				a.hi, a.hiS = c, s.text
			}
		}
	}
	out := make([]Tone, 0, len(outlets))
	for _, o := range outlets {
		a := by[o.Key]
		t := Tone{Outlet: o.Key}
		if a != nil && a.n > 0 {
			n := float64(a.n)
			t.Compound = round3(a.sum / n)
			t.Positive = round3(float64(a.pos) / n)
			t.Negative = round3(float64(a.neg) / n)
			t.Sentences = a.n
			if a.lo <= -toneCutoff {
				t.MostNegative = a.loS
			}
			if a.hi >= toneCutoff {
				t.MostPositive = a.hiS
			}
		}
		out = append(out, t)
	}
	return out
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }
