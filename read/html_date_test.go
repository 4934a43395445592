package read

import (
	"strings"
	"testing"
	"time"

	htmldate "github.com/markusmobius/go-htmldate"
	"golang.org/x/net/html"

	"github.com/parallaxhq/parallax"
)

// datePage builds a page from a head and a body around an article of
// invented text.
func datePage(head, body string) string {
	return `<!doctype html><html lang="en"><head><title>Ferry timetable changes</title>` + head + `</head><body>` +
		body + strings.Replace(htmlBody, "%s", "deck", 1) + `</body></html>`
}

func parseDoc(t *testing.T, page string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestPageDate runs whole pages through go-htmldate and the rules that
// settle its pick against the page's own stamps.
func TestPageDate(t *testing.T) {
	tests := []struct {
		name   string
		page   string
		want   string // day, "" for none
		source string
	}{
		{"meta tag alone",
			datePage(`<meta property="article:published_time" content="2021-05-04T09:30:00+02:00">`, ""),
			"2021-05-04", "html:htmldate"},
		{"utc meta, same instant in the article's local time",
			datePage(`<meta property="article:published_time" content="2023-03-08T02:15:00+00:00">`,
				`<article><time class="byline-date" datetime="2023-03-07T21:15:00-05:00">March 7, 2023</time></article>`),
			"2023-03-07", "html:time"},
		{"utc meta late in the day, no local time given: kept",
			datePage(`<meta property="article:published_time" content="2023-03-08T02:15:00+00:00">`, ""),
			"2023-03-08", "html:htmldate"},
		{"slug read as a day in the URL",
			datePage(`<link rel="canonical" href="https://blog.example/2023/10/3-ways-to-save-water/">
<meta property="article:published_time" content="2023-10-30T08:00:00+00:00">`, ""),
			"2023-10-30", "html:meta"},
		{"URL day kept against a UTC stamp that can be that day",
			datePage(`<link rel="canonical" href="https://news.example/2020/02/17/harbour-pier/">
<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2020-02-18T02:18:11Z"}</script>`, ""),
			"2020-02-17", "html:htmldate"},
		{"no date at all", datePage("", ""), "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := pageDate(parseDoc(t, tt.page), "")
			got := ""
			if !d.IsZero() {
				got = d.Time.Format(time.DateOnly)
			}
			if got != tt.want || d.Source != tt.source {
				t.Errorf("date %q from %q, want %q from %q", got, d.Source, tt.want, tt.source)
			}
		})
	}
}

// TestSettleDate checks the rules on go-htmldate's pick directly, so that
// they do not depend on how go-htmldate reaches it.
func TestSettleDate(t *testing.T) {
	tests := []struct {
		name   string
		pick   string // go-htmldate's day
		src    string // the text go-htmldate read it from
		page   string
		want   string // the day taken instead, "" to keep the pick
		source string
	}{
		{"utc pick, local instant in the body", "2023-03-08", "2023-03-08T02:15:00+00:00",
			`<meta property="article:published_time" content="2023-03-08T02:15:00+00:00"><time datetime="2023-03-07T21:15:00-05:00">`,
			"2023-03-07", "html:time"},
		{"utc pick, local instant in JSON-LD", "2020-12-24", "2020-12-24T23:59:50+00:00",
			`<meta property="article:published_time" content="2020-12-24T23:59:50+00:00">
<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2020-12-25T01:59:50+02:00"}</script>`,
			"2020-12-25", "html:json-ld"},
		{"utc pick, other instant in local time", "2023-03-08", "2023-03-08T02:15:00+00:00",
			`<meta property="article:published_time" content="2023-03-08T02:15:00+00:00"><time datetime="2023-03-07T20:00:00-05:00">`,
			"", ""},
		{"utc pick, same local day", "2023-03-08", "2023-03-08T12:00:00Z",
			`<meta property="article:published_time" content="2023-03-08T12:00:00Z"><time datetime="2023-03-08T13:00:00+01:00">`,
			"", ""},
		{"text pick, published itemprop in the article", "2019-10-19", "Saturday, 19 October 2019",
			`<nav><span class="today">Saturday, 19 October 2019</span></nav><article><time itemprop="datePublished" content="2019-10-18T17:08:11+02:00">18.10.2019</time></article>`,
			"2019-10-18", "html:time"},
		{"text pick, only a modified stamp", "2022-01-21", "21 January 2022",
			`<meta property="og:updated_time" content="2022-01-27T18:34:20+01:00">`,
			"", ""},
		{"text pick backed by a stamp", "2022-01-21", "21 January 2022",
			`<meta property="og:updated_time" content="2022-01-21T18:34:20+01:00"><meta property="article:published_time" content="2022-01-10T08:00:00+01:00">`,
			"", ""},
		{"text pick a UTC published stamp can fall on", "2019-10-19", "19.10.2019",
			`<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2019-10-18T22:04:00Z"}</script>`,
			"", ""},
		{"text pick against a dated published stamp", "2019-10-19", "19.10.2019",
			`<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2019-10-18T22:04:00+02:00"}</script>`,
			"2019-10-18", "html:json-ld"},
		{"URL pick kept", "2017-07-12", "https://shop.example/home/2017/7/12/summer-sale",
			`<meta itemprop="datePublished" content="2019-06-17T18:28:00+02:00">`,
			"", ""},
		{"URL pick from a slug", "2023-10-03", "https://blog.example/2023/10/3-ways-to-save-water/",
			`<meta property="article:published_time" content="2023-10-31T08:47:16+00:00">`,
			"2023-10-31", "html:meta"},
		{"published stamp in a related list ignored", "2022-01-21", "21 January 2022",
			`<div class="related-articles"><time itemprop="datePublished" datetime="2022-01-02">2 Jan</time></div>`,
			"", ""},
		{"published stamp in the page footer ignored", "2022-01-21", "21 January 2022",
			`<footer><time itemprop="datePublished" datetime="2022-01-02">2 Jan</time></footer>`,
			"", ""},
		{"published stamp in the article's footer read", "2022-01-21", "21 January 2022",
			`<article><p>Text</p><footer><time itemprop="datePublished" datetime="2022-01-27">27 Jan</time></footer></article>`,
			"2022-01-27", "html:time"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			day, err := time.Parse(time.DateOnly, tt.pick)
			if err != nil {
				t.Fatal(err)
			}
			r := htmldate.Result{DateTime: day, SrcString: tt.src}
			s, ok := settleDate(r, gatherDates(parseDoc(t, tt.page)))
			got := ""
			if ok {
				got = s.day()
			}
			if got != tt.want || (ok && s.source != tt.source) {
				t.Errorf("settled on %q from %q, want %q from %q", got, s.source, tt.want, tt.source)
			}
		})
	}
}

func TestGatherDates(t *testing.T) {
	page := `<html><head>
<meta property="article:published_time" content="2021-03-01T10:00:00+01:00">
<meta name="article:modified_time" content="2021-03-02">
<meta name="description" content="2021-03-03">
<meta property="article:published_time" content="not a date">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"WebPage","datePublished":"2021-03-01T09:00:00Z","author":{"@type":"Person","datePublished":"2001-01-01"}},
 {"@type":"NewsArticle","dateModified":"2021-03-04T12:00:00.000Z"}]}</script>
<script type="application/ld+json">{broken</script>
</head><body>
<nav><time datetime="2021-01-01">Jan 1</time></nav>
<article><time class="entry-date published" datetime="2021-03-01 10:00">1 March</time>
<span itemprop="dateModified" content="2021-03-05T08:00:00-05:00">5 March</span>
<time datetime="next week">soon</time></article>
<div id="comments"><time datetime="2021-04-01T00:00:00Z">April</time></div>
</body></html>`
	pd := gatherDates(parseDoc(t, page))
	type stamp struct {
		source string
		kind   stampKind
		t      string
		zoned  bool
		clock  bool
	}
	var got []stamp
	for _, s := range pd.all() {
		got = append(got, stamp{s.source, s.kind, s.t.Format(time.RFC3339), s.zoned, s.clock})
	}
	want := []stamp{
		{"html:meta", stampPublished, "2021-03-01T10:00:00+01:00", true, true},
		{"html:meta", stampModified, "2021-03-02T00:00:00Z", false, false},
		{"html:json-ld", stampPublished, "2021-03-01T09:00:00Z", true, true},
		{"html:json-ld", stampModified, "2021-03-04T12:00:00Z", true, true},
		{"html:time", stampPublished, "2021-03-01T10:00:00Z", false, true},
		{"html:time", stampModified, "2021-03-05T08:00:00-05:00", true, true},
	}
	if len(got) != len(want) {
		t.Fatalf("stamps %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("stamp %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestURLDate(t *testing.T) {
	tests := []struct {
		url, want string
	}{
		{"https://news.example/2020/07/08/story/", "2020-07-08"},
		{"https://news.example/home/2017/7/12/summer", "2017-07-12"},
		{"https://news.example/2020/07/08", "2020-07-08"},
		{"https://news.example/2020/07/08.html", "2020-07-08"},
		{"https://news.example/2023/10/3-ways-to-save/", ""},
		{"https://news.example/2023/10/story", ""},
		{"https://news.example/story-2019-10-18-harbour", "2019-10-18"},
		{"https://news.example/2019_10_18_harbour", "2019-10-18"},
		{"https://news.example/2019/02/30/story", ""},
		{"https://news.example/2019/13/01/story", ""},
		{"https://news.example/id/120200622120908039/", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got := ""
		if d := urlDate(tt.url); !d.IsZero() {
			got = d.Format(time.DateOnly)
		}
		if got != tt.want {
			t.Errorf("urlDate(%q) = %q, want %q", tt.url, got, tt.want)
		}
	}
}

func TestCouldBeDay(t *testing.T) {
	tests := []struct {
		name  string
		stamp string
		day   string
		want  bool
	}{
		{"utc, day before in the Americas", "2020-02-18T02:18:11Z", "2020-02-17", true},
		{"utc, same day", "2020-02-18T02:18:11Z", "2020-02-18", true},
		{"utc late, day after in Europe", "2019-10-18T22:04:00Z", "2019-10-19", true},
		{"utc morning, day before nowhere", "2020-07-09T10:04:04Z", "2020-07-08", false},
		{"utc, two days off", "2020-07-09T12:00:00Z", "2020-07-11", false},
		{"local offset is the day", "2019-10-18T17:08:11+02:00", "2019-10-19", false},
		{"local offset, own day", "2019-10-18T17:08:11+02:00", "2019-10-18", true},
		{"no offset, own day only", "2019-10-18T23:30:00", "2019-10-19", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ok := parseStamp(tt.stamp, stampPublished, "test")
			if !ok {
				t.Fatalf("parseStamp(%q) failed", tt.stamp)
			}
			day, _ := time.Parse(time.DateOnly, tt.day)
			if got := s.couldBeDay(day); got != tt.want {
				t.Errorf("couldBeDay(%s) = %v, want %v", tt.day, got, tt.want)
			}
		})
	}
}

func TestParseHTMLSettledDate(t *testing.T) {
	page := datePage(`<meta property="article:published_time" content="2023-03-08T02:15:00+00:00">`,
		`<article><time datetime="2023-03-07T21:15:00-05:00">March 7, 2023</time></article>`)
	rec, err := ParseHTML([]byte(page), "", "")
	if err != nil {
		t.Fatal(err)
	}
	want := parallax.Date{Time: time.Date(2023, 3, 8, 2, 15, 0, 0, time.UTC), Precision: parallax.PrecisionSecond, Source: "html:time"}
	if !rec.Published.Time.Equal(want.Time) || rec.Published.Precision != want.Precision || rec.Published.Source != want.Source ||
		rec.Published.Time.Format(time.DateOnly) != "2023-03-07" {
		t.Errorf("published %+v, want %+v in the page's offset", rec.Published, want)
	}
	if rec.Meta["date_text"] != "2023-03-07T21:15:00-05:00" {
		t.Errorf("date_text %q", rec.Meta["date_text"])
	}
}
