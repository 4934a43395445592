package read

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"time"

	htmldate "github.com/markusmobius/go-htmldate"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/parallaxhq/parallax"
)

// pageDate returns the publication date of a parsed page and the text it
// was read from: go-htmldate's pick (extensive search, original date),
// settled against the dates the page states in structured form (meta tags,
// JSON-LD, <time> elements of the body) by [settleDate]. pageURL is where
// the page was fetched from, "" when unknown.
func pageDate(doc *html.Node, pageURL string) (parallax.Date, string) {
	r, err := htmldate.FromDocument(doc, htmldate.Options{
		URL: pageURL, UseOriginalDate: true, ExtractTime: true,
	})
	if err != nil || r.IsZero() {
		return parallax.Date{}, ""
	}
	if s, ok := settleDate(r, gatherDates(doc)); ok {
		return s.date(), s.text
	}
	p := parallax.PrecisionDay
	if r.HasTime {
		p = parallax.PrecisionSecond
	}
	return parallax.Date{Time: r.DateTime, Precision: p, Source: "html:htmldate"}, r.SrcString
}

// settleDate checks go-htmldate's pick r against the page's stamps and
// returns the stamp to take instead, if any:
//
//   - When the pick is a day in UTC and the page gives the same instant
//     with its own offset elsewhere, the day in that offset is the one its
//     readers saw ("2023-11-09T02:11Z" in a meta tag, "2023-11-08T21:11-05:00"
//     in the article's <time>).
//   - When nothing structured backs the pick (no stamp falls on that day
//     and it is not the date of a URL path) while the page states a
//     publication date that cannot fall on that day in any time zone, the
//     pick came from the text search (a date in the navigation, a related
//     link, a misread slug) and the stated publication date wins.
//
// go-htmldate's order (URL, meta tags, JSON-LD, then the body) is kept
// otherwise: where a page disagrees with itself, its pick is right more
// often than any one kind of stamp.
func settleDate(r htmldate.Result, pd pageDates) (dateStamp, bool) {
	day := r.DateTime.Format(time.DateOnly)
	all := pd.all()
	for _, s := range all {
		if s.day() != day || !s.utc() {
			continue
		}
		for _, l := range all {
			if l.zoned && !l.utc() && l.t.Equal(s.t) {
				return l, l.day() != day
			}
		}
		break
	}
	if u := urlDate(r.SrcString); !u.IsZero() && u.Format(time.DateOnly) == day {
		return dateStamp{}, false
	}
	for _, s := range all {
		if s.day() == day {
			return dateStamp{}, false
		}
	}
	picked, _ := time.Parse(time.DateOnly, day)
	for _, s := range all {
		if s.kind == stampPublished && s.couldBeDay(picked) {
			return dateStamp{}, false
		}
	}
	for _, s := range all {
		if s.kind == stampPublished {
			return s, true
		}
	}
	return dateStamp{}, false
}

// stampKind says what a page's timestamp claims to be.
type stampKind int

const (
	stampOther     stampKind = iota // a date with no stated role
	stampPublished                  // the publication date
	stampModified                   // a later update
)

// dateStamp is one date a page states about itself in a structured form.
type dateStamp struct {
	t      time.Time // with the offset the page gave; UTC when it gave none
	zoned  bool      // the page gave an offset (or Z): t is an instant
	clock  bool      // the page gave a time of day
	kind   stampKind
	source string // "html:meta", "html:json-ld", "html:time"
	text   string // as the page wrote it
}

// day is the calendar day the page shows for the stamp: the date in the
// offset the page wrote it in.
func (s dateStamp) day() string { return s.t.Format(time.DateOnly) }

// utc says the stamp was written in UTC (Z, +00:00).
func (s dateStamp) utc() bool {
	_, off := s.t.Zone()
	return s.zoned && off == 0
}

// The UTC offsets in use run from -10:00 (Hawaii; the few places further
// west are uninhabited or keep a date west of the line) to +14:00.
const (
	minOffset = -10 * time.Hour
	maxOffset = 14 * time.Hour
)

// couldBeDay says whether the stamp may fall on day where it was
// published. A stamp in UTC may be in any time zone (many sites write all
// times in UTC); one with another offset or none is on its own day.
func (s dateStamp) couldBeDay(day time.Time) bool {
	if !s.utc() {
		return s.day() == day.Format(time.DateOnly)
	}
	lo := s.t.UTC().Add(minOffset).Truncate(24 * time.Hour)
	hi := s.t.UTC().Add(maxOffset).Truncate(24 * time.Hour)
	return !day.Before(lo) && !day.After(hi)
}

func (s dateStamp) date() parallax.Date {
	p := parallax.PrecisionDay
	if s.clock {
		p = parallax.PrecisionSecond
	}
	return parallax.Date{Time: s.t, Precision: p, Source: s.source}
}

// pageDates are the dates a page states about itself, in document order
// within each kind of source.
type pageDates struct {
	meta  []dateStamp // <meta> tags
	ld    []dateStamp // JSON-LD datePublished and dateModified
	times []dateStamp // <time datetime> and itemprop elements of the body
}

func (pd pageDates) all() []dateStamp {
	out := make([]dateStamp, 0, len(pd.meta)+len(pd.ld)+len(pd.times))
	return append(append(append(out, pd.meta...), pd.ld...), pd.times...)
}

// stampLayouts are the structured timestamp forms of meta tags, JSON-LD and
// datetime attributes.
var stampLayouts = []struct {
	layout       string
	zoned, clock bool
}{
	{time.RFC3339Nano, true, true},
	{"2006-01-02T15:04:05.999999999Z0700", true, true},
	{"2006-01-02T15:04Z07:00", true, true},
	{"2006-01-02T15:04Z0700", true, true},
	{"2006-01-02 15:04:05.999999999Z07:00", true, true},
	{"2006-01-02 15:04:05Z0700", true, true},
	{time.RFC1123Z, true, true},
	{"Mon, 2 Jan 2006 15:04:05 -0700", true, true},
	{"2006-01-02T15:04:05.999999999", false, true},
	{"2006-01-02T15:04", false, true},
	{"2006-01-02 15:04:05.999999999", false, true},
	{"2006-01-02 15:04", false, true},
	{time.DateOnly, false, false},
}

// parseStamp reads a structured timestamp.
func parseStamp(text string, kind stampKind, source string) (dateStamp, bool) {
	text = strings.TrimSpace(text)
	for _, l := range stampLayouts {
		if t, err := time.Parse(l.layout, text); err == nil {
			return dateStamp{t: t, zoned: l.zoned, clock: l.clock, kind: kind, source: source, text: text}, true
		}
	}
	return dateStamp{}, false
}

// metaKinds are the meta tags (by property, name or itemprop, lower-cased)
// that state a publication or an update time.
var metaKinds = map[string]stampKind{
	"article:published_time": stampPublished, "og:article:published_time": stampPublished,
	"article:published": stampPublished, "og:published_time": stampPublished,
	"published_time": stampPublished, "datepublished": stampPublished, "pubdate": stampPublished,
	"og:pubdate": stampPublished, "publishdate": stampPublished, "publish-date": stampPublished,
	"publish_date": stampPublished, "parsely-pub-date": stampPublished, "sailthru.date": stampPublished,
	"dc.date.issued": stampPublished, "dcterms.issued": stampPublished, "dc.date.created": stampPublished,
	"dcterms.created": stampPublished, "datecreated": stampPublished,

	"article:modified_time": stampModified, "og:article:modified_time": stampModified,
	"og:updated_time": stampModified, "datemodified": stampModified, "last-modified": stampModified,
	"dc.date.modified": stampModified, "dcterms.modified": stampModified, "modified_time": stampModified,
}

// gatherDates collects the dates doc states about itself. Dates in parts
// of the body that list other pages or comments (navigation, asides, the
// page footer, related-article and comment blocks) are not the page's and
// are left out.
func gatherDates(doc *html.Node) pageDates {
	var pd pageDates
	var walk func(n *html.Node, inArticle, boiler bool)
	walk = func(n *html.Node, inArticle, boiler bool) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				key := attr(n, "property")
				if key == "" {
					key = attr(n, "name")
				}
				if key == "" {
					key = attr(n, "itemprop")
				}
				if kind, ok := metaKinds[strings.ToLower(strings.TrimSpace(key))]; ok {
					if s, ok := parseStamp(attr(n, "content"), kind, "html:meta"); ok {
						pd.meta = append(pd.meta, s)
					}
				}
				return
			case atom.Script:
				if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && n.FirstChild != nil {
					pd.ld = append(pd.ld, ldDates(n.FirstChild.Data)...)
				}
				return
			case atom.Article:
				inArticle = true
			case atom.Nav, atom.Aside:
				boiler = true
			case atom.Footer:
				boiler = boiler || !inArticle
			}
			boiler = boiler || boilerClass.MatchString(attr(n, "class")+" "+attr(n, "id"))
			if !boiler {
				if s, ok := elementStamp(n); ok {
					pd.times = append(pd.times, s)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inArticle, boiler)
		}
	}
	walk(doc, false, false)
	return pd
}

// boilerClass matches the class or id of page parts that list other pages
// or comments.
var boilerClass = regexp.MustCompile(`(?i)related|comment|teaser|sidebar|widget|recommend|popular|trending|more-?stories|read-?more|navbar|breadcrumb`)

// elementStamp reads the date of a body element that carries one in an
// attribute: <time datetime>, or any element with itemprop datePublished or
// dateModified and a datetime or content attribute.
func elementStamp(n *html.Node) (dateStamp, bool) {
	prop := strings.ToLower(attr(n, "itemprop"))
	if n.DataAtom != atom.Time && prop != "datepublished" && prop != "datemodified" {
		return dateStamp{}, false
	}
	val := attr(n, "datetime")
	if val == "" {
		val = attr(n, "content")
	}
	kind := stampOther
	class := strings.ToLower(attr(n, "class"))
	switch {
	case prop == "datepublished" || attr(n, "pubdate") != "" || strings.Contains(class, "publish"):
		kind = stampPublished
	case prop == "datemodified" || strings.Contains(class, "updated") || strings.Contains(class, "modified"):
		kind = stampModified
	}
	return parseStamp(val, kind, "html:time")
}

// ldKeys are the JSON-LD properties read, with what they state.
var ldKeys = []struct {
	key  string
	kind stampKind
}{{"datePublished", stampPublished}, {"dateModified", stampModified}}

// ldDates returns the datePublished and dateModified of the JSON-LD
// objects in a script: top-level objects and the members of a top-level
// @graph, not the nested ones (an author's page, an image, a video).
func ldDates(text string) []dateStamp {
	var v any
	if err := json.Unmarshal([]byte(text), &v); err != nil {
		return nil
	}
	var out []dateStamp
	var visit func(v any, top bool)
	visit = func(v any, top bool) {
		switch v := v.(type) {
		case []any:
			for _, e := range v {
				visit(e, top)
			}
		case map[string]any:
			for _, k := range ldKeys {
				if text, ok := v[k.key].(string); ok {
					if s, ok := parseStamp(text, k.kind, "html:json-ld"); ok {
						out = append(out, s)
					}
				}
			}
			if g, ok := v["@graph"]; ok && top {
				visit(g, false)
			}
		}
	}
	visit(v, true)
	return out
}

// urlDays find a full date in a URL path: /2020/07/08/ or /2020/7/8.html,
// the day ending its path segment ("/2020/07/3-tips" is a month and a
// slug), or 2020-07-08 within a segment.
var urlDays = []*regexp.Regexp{
	regexp.MustCompile(`/((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})(?:[/.?#]|$)`),
	regexp.MustCompile(`[/_-]((?:19|20)\d\d)[-_](\d\d)[-_](\d\d)(?:\D|$)`),
}

// urlDate returns the day a URL's path states, or a zero time.
func urlDate(u string) time.Time {
	for _, re := range urlDays {
		if m := re.FindStringSubmatch(u); m != nil {
			y, _ := strconv.Atoi(m[1])
			mo, _ := strconv.Atoi(m[2])
			d, _ := strconv.Atoi(m[3])
			t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
			if mo >= 1 && mo <= 12 && t.Day() == d {
				return t
			}
		}
	}
	return time.Time{}
}
