package read

import (
	"fmt"
	"io"
	"strings"

	"github.com/parallaxhq/parallax"
)

// TRECReader reads TREC-style SGML: many <DOC> records per file, each with
// DOCNO, DATE, HEADLINE (one or more <P>) and TEXT (<P> paragraphs).
type TRECReader struct {
	Options
	src   io.Reader
	split *sgmlSplitter
	rec   *Record
	index int
}

// NewTRECReader returns a reader for the TREC SGML read from r; path names
// it in locations and errors.
func NewTRECReader(r io.Reader, path string) *TRECReader {
	return &TRECReader{src: r, Options: Options{path: path}}
}

// Next advances to the next good record.
func (t *TRECReader) Next() bool {
	if t.split == nil {
		t.split = newSGMLSplitter(t.src, "<DOC", "</DOC>", t.maxRecord())
	}
	for {
		c, ok := t.split.next()
		if !ok {
			return false
		}
		index := t.index
		t.index++
		if c.err != nil {
			t.report(&ParseError{Path: t.path, Format: parallax.FormatTREC, Index: index, Line: c.line, Offset: c.offset, Err: c.err})
			continue
		}
		rec, err := parseTREC(c.raw)
		if err != nil {
			t.report(&ParseError{Path: t.path, Format: parallax.FormatTREC, Index: index, Line: c.line, Offset: c.offset, Err: err})
			continue
		}
		rec.Loc = parallax.Location{Path: t.path, Index: index, Offset: c.offset, Line: c.line}
		t.rec = rec
		return true
	}
}

// Record returns the current record.
func (t *TRECReader) Record() *Record { return t.rec }

// Err returns the read error that stopped reading, nil at a clean end.
func (t *TRECReader) Err() error {
	if t.split == nil {
		return nil
	}
	return t.split.readErr()
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
