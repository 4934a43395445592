package read

import (
	"fmt"
	"io"
	"strings"

	"github.com/parallaxhq/parallax"
)

// TRECReader reads TREC-style SGML: many <DOC> records per file, each with
// DOCNO, DATE, HEADLINE (one or more <P>) and TEXT (<P> paragraphs).
type TRECReader struct{ sgmlReader }

// NewTRECReader returns a reader for the TREC SGML read from r; path names
// it in locations and errors.
func NewTRECReader(r io.Reader, path string) *TRECReader {
	return &TRECReader{sgmlReader{Options: Options{path: path}, src: r, open: "<DOC", close: "</DOC>", format: parallax.FormatTREC, parse: parseTREC}}
}

func parseTREC(raw []byte) (*Record, error) {
	s := newSGMLDoc(string(raw))
	rec := &Record{Format: parallax.FormatTREC, Raw: raw, Meta: parallax.Meta{}}
	if v, ok := s.element("DOCNO"); ok {
		rec.ExternalID = joinLines(sgmlText(v))
	}
	if v, ok := s.element("DATE"); ok {
		text := joinLines(sgmlText(v))
		rec.Meta["date"] = text
		if d, ok := parseDate(text); ok {
			d.Source = "sgml:DATE"
			rec.Published = d
		}
	}
	for _, name := range []string{"HEADLINE", "HL", "TITLE", "HEAD"} {
		if v, ok := s.element(name); ok {
			rec.Title = strings.Join(sgmlParts(v), " ")
			break
		}
	}
	for _, name := range []string{"BYLINE", "AUTHOR"} {
		if v, ok := s.element(name); ok {
			rec.Byline = joinLines(sgmlText(v))
			break
		}
	}
	for _, name := range []string{"URL", "LINK"} {
		if v, ok := s.element(name); ok {
			rec.URL = joinLines(sgmlText(v))
			break
		}
	}
	for _, name := range []string{"SOURCE", "PUBLICATION"} {
		if v, ok := s.element(name); ok {
			rec.Outlet = joinLines(sgmlText(v))
			break
		}
	}
	text, ok := s.element("TEXT")
	if !ok {
		return nil, fmt.Errorf("%w: <DOC> has no <TEXT> element", parallax.ErrInvalid)
	}
	rec.Paragraphs = sgmlParts(text)
	if len(rec.Paragraphs) == 0 && rec.Title == "" {
		return nil, fmt.Errorf("%w: <DOC> has neither text nor headline", parallax.ErrInvalid)
	}
	return rec, nil
}
