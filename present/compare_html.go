package present

import (
	"fmt"
	"html/template"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/parallaxhq/parallax/compare"
)

// Limits of the HTML report's heat map and lists.
const (
	htmlTopFacts       = 40
	htmlExclusivesEach = 8
)

// WriteComparisonHTML writes a comparison as one self-contained HTML page
// (inline CSS and SVG, no external assets): outlets and a timeline, the
// coverage heat map, exclusives and omissions, quote variants side by
// side, framing terms, term pairs and tone.
func WriteComparisonHTML(w io.Writer, c *compare.Comparison) error {
	return compareTemplate.Execute(w, newHTMLReport(c))
}

type htmlOutlet struct {
	compare.Outlet
	Letter, Date string
	CoveragePct  int
	Tone         compare.Tone
	ToneX, ToneW float64 // the tone bar in a 200-wide SVG, centre 100
	Terms        []compare.TermScore
	Exclusives   []*compare.Fact
	MoreExcl     int
	Omitted      []*compare.Fact
	OmitNote     string
	TimelineX    float64
}

type htmlFact struct {
	*compare.Fact
	Cells []bool
}

type htmlReport struct {
	C           *compare.Comparison
	Headline    string
	StoryID     string
	Outlets     []*htmlOutlet
	Facts       []htmlFact
	SharedFacts int
	Letter      map[string]string
	Timeline    []htmlTick
}

type htmlTick struct {
	X     float64
	Label string
}

func newHTMLReport(c *compare.Comparison) *htmlReport {
	r := &htmlReport{C: c, Headline: c.Headline, Letter: map[string]string{}}
	if c.Story != nil {
		r.StoryID = c.Story.ID
		if c.Story.Headline != "" {
			r.Headline = c.Story.Headline
		}
	}
	byKey := map[string]*htmlOutlet{}
	for i, o := range c.Outlets {
		ho := &htmlOutlet{Outlet: o, Letter: OutletLetter(i), CoveragePct: int(math.Round(100 * o.Coverage)), Date: "unknown"}
		if t := c.Date(o.Key); !t.IsZero() {
			ho.Date = t.Format(time.DateOnly)
		}
		r.Outlets = append(r.Outlets, ho)
		byKey[o.Key] = ho
		r.Letter[o.Key] = ho.Letter
	}
	for _, t := range c.Tone {
		if o := byKey[t.Outlet]; o != nil {
			o.Tone = t
			x := max(-1, min(1, 2*t.Compound)) * 100 // doubled: news tone rarely passes ±0.5
			o.ToneX, o.ToneW = 100+min(0, x), math.Abs(x)
		}
	}
	for _, f := range c.Framing {
		if o := byKey[f.Outlet]; o != nil {
			o.Terms = f.Terms
		}
	}
	for _, e := range c.Exclusives {
		if o := byKey[e.Outlet]; o != nil {
			if len(o.Exclusives) < htmlExclusivesEach {
				o.Exclusives = append(o.Exclusives, c.Fact(e.Fact))
			} else {
				o.MoreExcl++
			}
		}
	}
	for _, om := range c.Omissions {
		if o := byKey[om.Outlet]; o != nil {
			for _, id := range om.Facts {
				o.Omitted = append(o.Omitted, c.Fact(id))
			}
			o.OmitNote = om.Note
		}
	}
	for i := range c.Facts {
		f := &c.Facts[i]
		if len(f.Outlets) < 2 {
			continue
		}
		r.SharedFacts++
		if len(r.Facts) < htmlTopFacts {
			hf := htmlFact{Fact: f}
			for _, o := range c.Outlets {
				hf.Cells = append(hf.Cells, f.Covers(o.Key))
			}
			r.Facts = append(r.Facts, hf)
		}
	}
	r.timeline()
	return r
}

// timeline places each outlet's first publication on a line 600 wide.
func (r *htmlReport) timeline() {
	var dates []time.Time
	for _, o := range r.Outlets {
		if t := r.C.Date(o.Key); !t.IsZero() {
			dates = append(dates, t)
		}
	}
	if len(dates) == 0 {
		return
	}
	lo, hi := slices.MinFunc(dates, time.Time.Compare), slices.MaxFunc(dates, time.Time.Compare)
	span := hi.Sub(lo)
	for _, o := range r.Outlets {
		t := r.C.Date(o.Key)
		if t.IsZero() {
			o.TimelineX = -1
			continue
		}
		o.TimelineX = 40
		if span > 0 {
			o.TimelineX = 40 + 520*float64(t.Sub(lo))/float64(span)
		}
	}
	r.Timeline = []htmlTick{{40, lo.Format(time.DateOnly)}}
	if span > 0 {
		r.Timeline = append(r.Timeline, htmlTick{560, hi.Format(time.DateOnly)})
	}
}

var compareTemplate = template.Must(template.New("compare").Funcs(template.FuncMap{
	"pct":   func(x float64) string { return fmt.Sprintf("%.0f%%", 100*x) },
	"sign":  func(x float64) string { return fmt.Sprintf("%+.2f", x) },
	"short": func(s string, n int) string { return Truncate(strings.Join(strings.Fields(s), " "), n) },
	"zbar":  func(z float64) int { return int(math.Min(100, 25*z)) },
	"letters": func(r *htmlReport, keys []string) string {
		var out []string
		for _, k := range keys {
			out = append(out, r.Letter[k])
		}
		return strings.Join(out, " ")
	},
}).Parse(compareHTML))

const compareHTML = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Parallax — {{short .Headline 80}}</title>
<style>
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1100px;padding:1.5em;color:#1d1d1f;background:#fff}
h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.15em;margin:1.8em 0 .5em;border-bottom:1px solid #ddd;padding-bottom:.2em}
.muted{color:#666;font-size:.9em}table{border-collapse:collapse;width:100%}th,td{padding:.25em .5em;text-align:left;vertical-align:top}
th{font-weight:600;border-bottom:1px solid #ccc}tr:nth-child(even) td{background:#fafafa}
.letter{display:inline-block;min-width:1.6em;text-align:center;font-weight:700;border-radius:3px;background:#e8eef7}
.heat td.c{width:2.2em;text-align:center}.on{background:#2b6cb0!important;color:#fff}.off{background:#f1f1f1!important;color:#bbb}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:.8em}
.card{border:1px solid #ddd;border-radius:6px;padding:.6em .8em}.card blockquote{margin:.3em 0;font-style:italic}
.bar{display:inline-block;height:.7em;background:#2b6cb0;border-radius:2px;vertical-align:middle}
.note{background:#fff7e0;border-left:3px solid #e0a800;padding:.2em .5em;font-size:.9em}
svg text{font:12px system-ui,sans-serif}
</style></head><body>
<p class="muted">Parallax comparison{{if .StoryID}} of story {{.StoryID}}{{end}} · {{len .C.Articles}} articles · {{len .Outlets}} outlets · {{len .C.Facts}} facts, {{.SharedFacts}} reported by two outlets or more</p>
<h1>{{.Headline}}</h1>

<h2>Outlets</h2>
<table><tr><th></th><th>Outlet</th><th>Published</th><th>Words</th><th>Facts</th><th>Shared</th><th>Coverage</th></tr>
{{range .Outlets}}<tr><td><span class="letter">{{.Letter}}</span></td><td>{{if .Known}}{{.Name}}{{if .Country}} ({{.Country}}{{if .State}}, state-affiliated{{end}}){{end}}{{else}}<span class="muted">unknown outlet:</span> {{short .Name 70}}{{end}}{{if .Short}} <span class="note">short text</span>{{end}}</td>
<td>{{.Date}}</td><td>{{.Words}}</td><td>{{.Facts}}</td><td>{{.Shared}}</td><td><span class="bar" style="width:{{.CoveragePct}}px"></span> {{.CoveragePct}}%</td></tr>
{{end}}</table>
{{if .Timeline}}<svg width="600" height="70" viewBox="0 0 600 70" role="img" aria-label="timeline of first publication per outlet">
<line x1="40" y1="30" x2="560" y2="30" stroke="#999"/>
{{range .Timeline}}<text x="{{.X}}" y="60" text-anchor="middle" fill="#666">{{.Label}}</text>{{end}}
{{range .Outlets}}{{if ge .TimelineX 0.0}}<circle cx="{{.TimelineX}}" cy="30" r="6" fill="#2b6cb0" fill-opacity=".6"><title>{{.Name}}: {{.Date}}</title></circle><text x="{{.TimelineX}}" y="15" text-anchor="middle">{{.Letter}}</text>{{end}}{{end}}
</svg>{{end}}

<h2>Coverage</h2>
<p class="muted">The facts reported by two outlets or more (up to 40), most widely reported first. A filled cell: the outlet reports it.</p>
{{if .Facts}}<table class="heat"><tr><th>Fact</th>{{range .Outlets}}<th title="{{.Name}}">{{.Letter}}</th>{{end}}<th>Best wording</th></tr>
{{range .Facts}}<tr><td>F{{.ID}}</td>{{range .Cells}}<td class="c {{if .}}on{{else}}off{{end}}">{{if .}}●{{else}}○{{end}}</td>{{end}}<td>{{short .Label 160}}</td></tr>
{{end}}</table>{{else}}<p>No fact is reported by two outlets or more.</p>{{end}}

<h2>Exclusives and omissions</h2>
<div class="cards">{{range .Outlets}}<div class="card"><b><span class="letter">{{.Letter}}</span> {{short .Name 50}}</b>
{{if .Exclusives}}<p class="muted">Only this outlet reports:</p><ul>{{range .Exclusives}}<li>F{{.ID}} {{short .Label 140}}</li>{{end}}</ul>{{if .MoreExcl}}<p class="muted">… and {{.MoreExcl}} more</p>{{end}}{{end}}
{{if .Omitted}}<p class="muted">Most other outlets report, this one does not:</p>{{if .OmitNote}}<p class="note">{{.OmitNote}}</p>{{end}}<ul>{{range .Omitted}}<li>F{{.ID}} {{short .Label 140}}</li>{{end}}</ul>{{end}}
</div>{{end}}</div>

<h2>Quote variants</h2>
{{if .C.QuoteGroups}}{{range .C.QuoteGroups}}<h3>Q{{.ID}} · {{.Speaker}} <span class="muted">similarity {{printf "%.2f" .Similarity}}</span></h3>
<div class="cards">{{range .Variants}}<div class="card"><span class="letter">{{index $.Letter .Outlet}}</span> <span class="muted">{{.Kind}}{{if .Cue}}, “{{.Cue}}”{{end}}</span><blockquote>“{{.Text}}”</blockquote></div>{{end}}</div>
{{end}}{{else}}<p>No utterance is quoted by two outlets.</p>{{end}}

<h2>Framing</h2>
<p class="muted">Terms each outlet prefers over the rest of the story: log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi &amp; Quinn 2008), z-scores; above 1.96 is significant at 5%.</p>
<div class="cards">{{range .Outlets}}<div class="card"><b><span class="letter">{{.Letter}}</span> {{short .Name 50}}</b><table>
{{range .Terms}}<tr><td>{{.Term}}</td><td><span class="bar" style="width:{{zbar .Z}}px"></span> {{printf "%.1f" .Z}}</td><td class="muted">{{.Count}}×</td></tr>{{else}}<tr><td class="muted">no distinctive term</td></tr>{{end}}
</table></div>{{end}}</div>
{{if .C.TermPairs}}<h3>One thing, different names</h3><table><tr><th>Referent</th><th>Wordings (outlets)</th><th>Source</th></tr>
{{range .C.TermPairs}}<tr><td>{{.Referent}}</td><td>{{range $i, $v := .Variants}}{{if $i}} · {{end}}“{{$v.Term}}” <b>{{letters $ $v.Outlets}}</b>{{end}}</td><td class="muted">{{.Source}}{{if .Fact}} F{{.Fact}}{{end}}</td></tr>
{{end}}</table>{{end}}

<h2>Tone</h2>
<p class="muted">Mean VADER compound score of each outlet's sentences (Hutto &amp; Gilbert 2014; lexicon under the MIT License), −1 … +1; the bar is doubled in scale.</p>
<table>{{range .Outlets}}<tr><td><span class="letter">{{.Letter}}</span></td><td>{{sign .Tone.Compound}}</td>
<td><svg width="200" height="14"><rect x="0" y="0" width="200" height="14" fill="#f1f1f1"/><rect x="{{.ToneX}}" y="2" width="{{.ToneW}}" height="10" fill="{{if lt .Tone.Compound 0.0}}#c53030{{else}}#2f855a{{end}}"/><line x1="100" y1="0" x2="100" y2="14" stroke="#666"/></svg></td>
<td class="muted">{{pct .Tone.Positive}} positive, {{pct .Tone.Negative}} negative of {{.Tone.Sentences}} sentences</td></tr>{{end}}</table>
<p class="muted">Generated by Parallax.</p>
</body></html>
`
