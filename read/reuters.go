package read

import (
	"io"
	"regexp"
	"strings"

	"github.com/parallaxhq/parallax"
)

// ReutersReader reads Reuters-21578 SGML: <REUTERS> records with DATE,
// TOPICS, PLACES, PEOPLE, ORGS, EXCHANGES, COMPANIES, and a TEXT holding
// TITLE, DATELINE, AUTHOR and BODY. The NEWID attribute becomes the
// external id; a body signed "Reuter" names Reuters as the outlet.
type ReutersReader struct{ sgmlReader }

// NewReutersReader returns a reader for the Reuters SGML read from r; path
// names it in locations and errors.
func NewReutersReader(r io.Reader, path string) *ReutersReader {
	return &ReutersReader{sgmlReader{Options: Options{path: path}, src: r, open: "<REUTERS", close: "</REUTERS>", format: parallax.FormatReuters,
		parse: func(raw []byte) (*Record, error) { return parseReuters(raw), nil }}}
}

// reutersDate is the date form of Reuters-21578, without the hundredths
// and whatever follows them.
var reutersDate = regexp.MustCompile(`^\d{1,2}-[A-Za-z]{3}-\d{4} +\d{1,2}:\d{2}:\d{2}`)

// reutersLists are the category elements whose <D> values are kept in Meta.
var reutersLists = []string{"TOPICS", "PLACES", "PEOPLE", "ORGS", "EXCHANGES", "COMPANIES"}

func parseReuters(raw []byte) *Record {
	s := newSGMLDoc(string(raw))
	rec := &Record{Format: parallax.FormatReuters, Raw: raw, Meta: parallax.Meta{}}
	rec.ExternalID = sgmlAttr(s.text, "NEWID")
	for _, a := range []string{"OLDID", "TOPICS", "LEWISSPLIT", "CGISPLIT"} {
		if v := sgmlAttr(s.text, a); v != "" {
			rec.Meta["attr:"+strings.ToLower(a)] = v
		}
	}
	if v, ok := s.element("DATE"); ok {
		text := joinLines(sgmlText(v))
		rec.Meta["date"] = text
		if m := reutersDate.FindString(text); m != "" {
			text = m // drop what the wire appended to the time ("…59.13RM")
		}
		if d, ok := parseDate(text); ok {
			d.Source = "sgml:DATE"
			rec.Published = d
		}
	}
	for _, name := range reutersLists {
		if v, ok := s.element(name); ok {
			var ds []string
			for _, d := range strings.Split(v, "<D>") {
				if d = joinLines(sgmlText(d)); d != "" {
					ds = append(ds, d)
				}
			}
			if len(ds) > 0 {
				rec.Meta[strings.ToLower(name)] = strings.Join(ds, ", ")
			}
		}
	}
	text, _ := s.elementDoc("TEXT")
	if v, ok := text.element("TITLE"); ok {
		rec.Title = joinLines(sgmlText(v))
	}
	if v, ok := text.element("DATELINE"); ok {
		rec.Meta["dateline"] = joinLines(sgmlText(v))
	}
	if v, ok := text.element("AUTHOR"); ok {
		rec.Byline = strings.TrimPrefix(joinLines(sgmlText(v)), "By ")
	}
	body, ok := text.element("BODY")
	if !ok {
		// Unprocessed stories carry their text directly in TEXT.
		body = text.text
		for _, name := range []string{"TITLE", "DATELINE", "AUTHOR"} {
			if i, j := newSGMLDoc(body).find(name); i >= 0 {
				body = body[:strings.LastIndex(body[:i], "<")] + body[min(j+len(name)+3, len(body)):]
			}
		}
	}
	rec.Paragraphs = reutersParagraphs(sgmlText(body))
	if n := len(rec.Paragraphs); n > 0 && strings.EqualFold(rec.Paragraphs[n-1], "reuter") {
		// The wire's own signature: the record is Reuters copy.
		rec.Paragraphs = rec.Paragraphs[:n-1]
		rec.Outlet = "Reuters"
	}
	return rec
}

// reutersParagraphs splits wire copy into paragraphs: a paragraph starts at
// an indented line or after a blank line; wrapped lines are joined.
func reutersParagraphs(body string) []string {
	var out, cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, " "))
			cur = cur[:0]
		}
	}
	for line := range strings.Lines(body) {
		trimmed := strings.Trim(line, asciiSpace)
		if trimmed == "" {
			flush()
			continue
		}
		if line[0] == ' ' || line[0] == '\t' {
			flush()
		}
		cur = append(cur, joinLines(trimmed))
	}
	flush()
	return out
}
