package present

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/parallaxhq/parallax/compare"
)

// Limits of the terminal comparison; the JSON and HTML carry everything.
const (
	compareTopFacts       = 15
	compareExclusivesEach = 4
	compareOmissionsEach  = 5
	compareTermsEach      = 6
	compareLabelRunes     = 100
)

// OutletLetter names the i-th outlet column in tables: A … Z, then AA, AB …
func OutletLetter(i int) string {
	s := ""
	for i >= 0 {
		s = string(rune('A'+i%26)) + s
		i = i/26 - 1
	}
	return s
}

// WriteComparisonJSON writes the whole comparison as indented JSON.
func WriteComparisonJSON(w io.Writer, c *compare.Comparison) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(c)
}

// WriteComparison writes a comparison as terminal tables a person can read
// in a minute: the outlets, the coverage matrix of the most widely reported
// facts (● reports it, ○ does not), exclusives, omissions, quote variants
// side by side, framing terms, term pairs and tone.
func WriteComparison(w io.Writer, c *compare.Comparison) error {
	p := &printer{w: w, c: c, letter: map[string]string{}}
	for i, o := range c.Outlets {
		p.letter[o.Key] = OutletLetter(i)
	}
	p.header()
	p.outlets()
	p.coverage()
	p.exclusives()
	p.omissions()
	p.quotes()
	p.framing()
	p.termPairs()
	p.tone()
	return p.err
}

type printer struct {
	w      io.Writer
	c      *compare.Comparison
	letter map[string]string
	err    error
}

func (p *printer) printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

func (p *printer) section(title, note string) {
	p.printf("\n%s", title)
	if note != "" {
		p.printf("  (%s)", note)
	}
	p.printf("\n")
}

func (p *printer) table(fn func(tw *tabwriter.Writer)) {
	if p.err != nil {
		return
	}
	tw := tabwriter.NewWriter(p.w, 0, 0, 2, ' ', 0)
	fn(tw)
	p.err = tw.Flush()
}

// one flattens white space and shortens a text to one table line.
func one(s string, n int) string { return Truncate(strings.Join(strings.Fields(s), " "), n) }

func (p *printer) header() {
	c := p.c
	headline := c.Headline
	id := ""
	if c.Story != nil {
		if c.Story.Headline != "" {
			headline = c.Story.Headline
		}
		id = " [" + c.Story.ID + "]"
	}
	shared := 0
	for _, f := range c.Facts {
		if len(f.Outlets) > 1 {
			shared++
		}
	}
	p.printf("STORY%s  %s\n", id, one(headline, 120))
	p.printf("%d articles, %d outlets; %d facts, %d of them reported by two outlets or more\n", len(c.Articles), len(c.Outlets), len(c.Facts), shared)
}

func (p *printer) outlets() {
	p.section("OUTLETS", "an article of unknown outlet is a column of its own, named by its title")
	p.table(func(tw *tabwriter.Writer) {
		fmt.Fprintln(tw, "\tOUTLET\tPUBLISHED\tWORDS\tFACTS\tSHARED\tCOVERAGE\t")
		for i, o := range p.c.Outlets {
			name := o.Name
			if o.Known {
				var tags []string
				if o.Country != "" {
					tags = append(tags, o.Country)
				}
				if o.State {
					tags = append(tags, "state-affiliated")
				}
				if len(tags) > 0 {
					name += " (" + strings.Join(tags, ", ") + ")"
				}
			} else {
				name = "? " + one(name, 45)
			}
			date := "unknown"
			if t := p.c.Date(o.Key); !t.IsZero() {
				date = t.Format("2006-01-02")
			}
			short := ""
			if o.Short {
				short = "short text"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%.0f%%\t%s\n", OutletLetter(i), one(name, 60), date, o.Words, o.Facts, o.Shared, 100*o.Coverage, short)
		}
	})
}

func (p *printer) marks(f *compare.Fact) string {
	var b strings.Builder
	for i, o := range p.c.Outlets {
		if i > 0 {
			b.WriteByte(' ')
		}
		if f.Covers(o.Key) {
			b.WriteString("●")
		} else {
			b.WriteString("○")
		}
	}
	return b.String()
}

func (p *printer) coverage() {
	var top []*compare.Fact
	for i := range p.c.Facts {
		if f := &p.c.Facts[i]; len(f.Outlets) > 1 && len(top) < compareTopFacts {
			top = append(top, f)
		}
	}
	p.section("COVERAGE", fmt.Sprintf("the facts most outlets report, up to %d; ● reports it, ○ does not", compareTopFacts))
	if len(top) == 0 {
		p.printf("no fact is reported by two outlets or more\n")
		return
	}
	var cols []string
	for i := range p.c.Outlets {
		cols = append(cols, OutletLetter(i))
	}
	p.table(func(tw *tabwriter.Writer) {
		fmt.Fprintf(tw, "FACT\t%s\tWORDING\n", strings.Join(cols, " "))
		for _, f := range top {
			fmt.Fprintf(tw, "F%d\t%s\t%s\n", f.ID, p.marks(f), one(f.Label, compareLabelRunes))
		}
	})
}

func (p *printer) exclusives() {
	p.section("EXCLUSIVES", fmt.Sprintf("facts only one outlet reports, the most informative %d each", compareExclusivesEach))
	if len(p.c.Exclusives) == 0 {
		p.printf("none\n")
		return
	}
	count := map[string]int{}
	p.table(func(tw *tabwriter.Writer) {
		for _, e := range p.c.Exclusives {
			count[e.Outlet]++
			if count[e.Outlet] > compareExclusivesEach {
				continue
			}
			f := p.c.Fact(e.Fact)
			fmt.Fprintf(tw, "%s\tF%d\t%s\n", p.letter[e.Outlet], f.ID, one(f.Label, compareLabelRunes))
		}
	})
	for i, o := range p.c.Outlets {
		if n := count[o.Key] - compareExclusivesEach; n > 0 {
			p.printf("%s  … and %d more\n", OutletLetter(i), n)
		}
	}
}

func (p *printer) omissions() {
	p.section("OMISSIONS", "facts more than half of the other outlets report and this one does not")
	if len(p.c.Omissions) == 0 {
		p.printf("none\n")
		return
	}
	for _, om := range p.c.Omissions {
		p.printf("%s  omits %d fact(s)", p.letter[om.Outlet], len(om.Facts))
		if om.Note != "" {
			p.printf(" — %s", om.Note)
		}
		p.printf("\n")
		p.table(func(tw *tabwriter.Writer) {
			for i, id := range om.Facts {
				if i == compareOmissionsEach {
					fmt.Fprintf(tw, "   \t…\tand %d more\n", len(om.Facts)-i)
					break
				}
				f := p.c.Fact(id)
				fmt.Fprintf(tw, "   \tF%d\t%s\t%s\n", f.ID, p.marks(f), one(f.Label, compareLabelRunes-10))
			}
		})
	}
}

func (p *printer) quotes() {
	p.section("QUOTE VARIANTS", "one utterance of one speaker as several outlets word it")
	if len(p.c.QuoteGroups) == 0 {
		p.printf("none\n")
		return
	}
	for _, g := range p.c.QuoteGroups {
		p.printf("Q%d  %s — %d outlets, similarity %.2f\n", g.ID, g.Speaker, len(g.Outlets), g.Similarity)
		p.table(func(tw *tabwriter.Writer) {
			for _, v := range g.Variants {
				fmt.Fprintf(tw, "   %s\t“%s”\n", p.letter[v.Outlet], one(v.Text, 140))
			}
		})
	}
}

func (p *printer) framing() {
	p.section("FRAMING", "terms each outlet prefers: log-odds ratio z-score with an informative Dirichlet prior, Monroe et al. 2008; uses in brackets")
	p.table(func(tw *tabwriter.Writer) {
		for _, f := range p.c.Framing {
			var terms []string
			for i, t := range f.Terms {
				if i == compareTermsEach {
					break
				}
				terms = append(terms, fmt.Sprintf("%s (%d, z %.1f)", t.Term, t.Count, t.Z))
			}
			if len(terms) == 0 {
				terms = []string{"—"}
			}
			fmt.Fprintf(tw, "%s\t%s\n", p.letter[f.Outlet], strings.Join(terms, " · "))
		}
	})
}

func (p *printer) termPairs() {
	p.section("TERM PAIRS", "one thing named differently; curated: our list of contested terms, aligned: same slot of one fact")
	if len(p.c.TermPairs) == 0 {
		p.printf("none\n")
		return
	}
	p.table(func(tw *tabwriter.Writer) {
		for _, tp := range p.c.TermPairs {
			var vs []string
			for _, v := range tp.Variants {
				var ls []string
				for _, o := range v.Outlets {
					ls = append(ls, p.letter[o])
				}
				vs = append(vs, fmt.Sprintf("“%s” %s", v.Term, strings.Join(ls, ",")))
			}
			src := tp.Source
			if tp.Fact != 0 {
				src += fmt.Sprintf(" F%d", tp.Fact)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\n", one(tp.Referent, 40), src, strings.Join(vs, " · "))
		}
	})
}

func (p *printer) tone() {
	p.section("TONE", "VADER lexicon (Hutto & Gilbert 2014, MIT License): mean compound score of the sentences, -1 … +1")
	p.table(func(tw *tabwriter.Writer) {
		fmt.Fprintln(tw, "\tCOMPOUND\t\tPOSITIVE\tNEGATIVE\tSENTENCES")
		for _, t := range p.c.Tone {
			fmt.Fprintf(tw, "%s\t%+.2f\t%s\t%.0f%%\t%.0f%%\t%d\n", p.letter[t.Outlet], t.Compound, toneBar(t.Compound), 100*t.Positive, 100*t.Negative, t.Sentences)
		}
	})
}

// toneBar draws a compound score as a bar either side of a centre mark.
func toneBar(x float64) string {
	const half = 10
	n := int(x*half*2 + 0.5*sign(x)) // doubled: news tone rarely passes ±0.5
	n = max(-half, min(half, n))
	left := strings.Repeat(" ", half)
	right := strings.Repeat(" ", half)
	if n < 0 {
		left = strings.Repeat(" ", half+n) + strings.Repeat("▇", -n)
	} else if n > 0 {
		right = strings.Repeat("▇", n) + strings.Repeat(" ", half-n)
	}
	return left + "│" + right
}

func sign(x float64) float64 {
	if x < 0 {
		return -1
	}
	return 1
}
