package read

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"

	"github.com/parallaxhq/parallax"
)

// sgmlReader reads the records of one SGML element (<DOC>, <REUTERS>),
// taking each apart with parse; TRECReader and ReutersReader are its two
// uses.
type sgmlReader struct {
	Options
	src         io.Reader
	open, close string
	format      parallax.Format
	parse       func(raw []byte) (*Record, error)
	split       *sgmlSplitter
	rec         *Record
	index       int
}

// Next advances to the next good record.
func (t *sgmlReader) Next() bool {
	if t.split == nil {
		t.split = newSGMLSplitter(t.src, t.open, t.close, t.maxRecord())
	}
	for {
		c, ok := t.split.next()
		if !ok {
			return false
		}
		index := t.index
		t.index++
		err := c.err
		var rec *Record
		if err == nil {
			rec, err = t.parse(c.raw)
		}
		if err != nil {
			t.report(&ParseError{Path: t.path, Format: t.format, Index: index, Line: c.line, Offset: c.offset, Err: err})
			continue
		}
		rec.Loc = parallax.Location{Path: t.path, Index: index, Offset: c.offset, Line: c.line}
		t.rec = rec
		return true
	}
}

// Record returns the current record.
func (t *sgmlReader) Record() *Record { return t.rec }

// Err returns the read error that stopped reading, nil at a clean end.
func (t *sgmlReader) Err() error {
	if t.split == nil {
		return nil
	}
	return t.split.readErr()
}

// sgmlChunk is the text of one record, from its opening tag to its closing
// tag, with where it starts.
type sgmlChunk struct {
	raw    []byte
	offset int64
	line   int
	err    error // set when the record is broken (truncated, too large)
}

// sgmlSplitter cuts a stream into records that each run from an opening tag
// (<DOC>, <REUTERS …>) to its closing tag. It reads line by line, so memory
// stays bounded by the largest record. A record cut short by the next
// opening tag or by the end of the stream is returned with err set.
type sgmlSplitter struct {
	br    *bufio.Reader
	open  []byte // "<DOC"
	close []byte // "</DOC>"
	max   int

	offset int64 // bytes consumed before the current line
	line   int   // lines consumed before the current line
	in     bool
	skip   bool // the current record grew past max: drop its bytes
	cur    sgmlChunk
	queue  []sgmlChunk
	err    error // the read error that ended the stream (io.EOF at a clean end)
}

func newSGMLSplitter(r io.Reader, open, close string, max int) *sgmlSplitter {
	return &sgmlSplitter{br: bufio.NewReaderSize(r, 64<<10), open: []byte(open), close: []byte(close), max: max}
}

// findOpen returns the index of the opening tag in b, or -1. The tag name
// must end there: "<DOC" does not match "<DOCNO>".
func (s *sgmlSplitter) findOpen(b []byte) int {
	for from := 0; ; {
		i := bytes.Index(b[from:], s.open)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(s.open)
		if end >= len(b) || b[end] == '>' || b[end] == ' ' || b[end] == '\t' || b[end] == '\n' || b[end] == '\r' {
			return i
		}
		from = end
	}
}

// next returns the next record, good or broken, and false at the end of the
// stream (then s.err holds io.EOF or the read error).
func (s *sgmlSplitter) next() (sgmlChunk, bool) {
	for len(s.queue) == 0 {
		if s.err != nil {
			return sgmlChunk{}, false
		}
		line, err := s.readLine()
		if len(line) > 0 {
			s.scanLine(line)
		}
		if err != nil {
			s.err = err
			if s.in {
				s.in = false
				s.cur.err = fmt.Errorf("%w: record not closed by %s before the end of the input", parallax.ErrInvalid, s.close)
				s.queue = append(s.queue, s.cur)
			}
		}
	}
	c := s.queue[0]
	s.queue = s.queue[1:]
	return c, true
}

// readLine reads one line, however long; a record larger than max is
// dropped as it is read, so a huge line does not grow memory past it.
func (s *sgmlSplitter) readLine() ([]byte, error) {
	var long []byte
	for {
		frag, err := s.br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			if len(long) <= s.max {
				long = append(long, frag...)
			}
			continue
		}
		if long != nil {
			return append(long, frag...), err
		}
		return frag, err
	}
}

func (s *sgmlSplitter) scanLine(line []byte) {
	lineOff := s.offset
	s.offset += int64(len(line))
	s.line++
	pos, seg := 0, 0
	for {
		if !s.in {
			i := s.findOpen(line[pos:])
			if i < 0 {
				return
			}
			pos += i
			seg = pos
			s.in, s.skip = true, false
			s.cur = sgmlChunk{offset: lineOff + int64(pos), line: s.line}
			pos += len(s.open)
			continue
		}
		c := bytes.Index(line[pos:], s.close)
		o := s.findOpen(line[pos:])
		switch {
		case o >= 0 && (c < 0 || o < c):
			s.add(line[seg : pos+o])
			s.cur.err = fmt.Errorf("%w: record not closed by %s before the next %s>", parallax.ErrInvalid, s.close, s.open)
			s.finish()
			pos += o
		case c >= 0:
			pos += c + len(s.close)
			s.add(line[seg:pos])
			s.finish()
		default:
			s.add(line[seg:])
			return
		}
	}
}

func (s *sgmlSplitter) add(b []byte) {
	if s.skip {
		return
	}
	if len(s.cur.raw)+len(b) > s.max {
		s.skip = true
		s.cur.raw = nil
		s.cur.err = fmt.Errorf("%w: record larger than %d bytes", parallax.ErrTooLarge, s.max)
		return
	}
	s.cur.raw = append(s.cur.raw, b...)
}

func (s *sgmlSplitter) finish() {
	s.in = false
	s.queue = append(s.queue, s.cur)
}

// readErr returns the error that ended the stream, nil at a clean end.
func (s *sgmlSplitter) readErr() error {
	if errors.Is(s.err, io.EOF) {
		return nil
	}
	return s.err
}

// sgmlDoc is a record with an ASCII-lower-cased copy, made once, for
// finding tags case-insensitively.
type sgmlDoc struct{ text, lower string }

func newSGMLDoc(s string) sgmlDoc { return sgmlDoc{s, asciiLower(s)} }

// element returns the content of the first <name …>…</name> element and
// whether it was there. Tag names match case-insensitively.
func (d sgmlDoc) element(name string) (string, bool) {
	e, ok := d.elementDoc(name)
	return e.text, ok
}

// elementDoc is element returning the content as a document, for finding
// elements inside it.
func (d sgmlDoc) elementDoc(name string) (sgmlDoc, bool) {
	start, end := d.find(name)
	if start < 0 {
		return sgmlDoc{}, false
	}
	return sgmlDoc{d.text[start:end], d.lower[start:end]}, true
}

// find returns the bounds of the content of the first name element, or
// -1, -1. An element with no closing tag runs to the end of the document.
func (d sgmlDoc) find(name string) (int, int) {
	rec, lower := d.text, d.lower
	open := "<" + asciiLower(name)
	for from := 0; ; {
		i := strings.Index(lower[from:], open)
		if i < 0 {
			return -1, -1
		}
		i += from
		j := i + len(open)
		if j < len(lower) && (lower[j] == '>' || lower[j] == ' ' || lower[j] == '\t' || lower[j] == '\n' || lower[j] == '\r') {
			gt := strings.IndexByte(lower[j:], '>')
			if gt < 0 {
				return -1, -1
			}
			cs := j + gt + 1
			ce := strings.Index(lower[cs:], "</"+asciiLower(name)+">")
			if ce < 0 {
				return cs, len(rec)
			}
			return cs, cs + ce
		}
		from = j
	}
}

// asciiLower lower-cases ASCII letters only, so byte offsets into the
// result are offsets into s (strings.ToLower may change lengths).
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// sgmlAttr returns the value of attribute name in the opening tag at the
// start of rec.
func sgmlAttr(rec, name string) string {
	gt := strings.IndexByte(rec, '>')
	if gt < 0 {
		return ""
	}
	tag := rec[:gt]
	lower := asciiLower(tag)
	key := " " + asciiLower(name) + "=\""
	i := strings.Index(lower, key)
	if i < 0 {
		return ""
	}
	v := tag[i+len(key):]
	if j := strings.IndexByte(v, '"'); j >= 0 {
		return v[:j]
	}
	return ""
}

// sgmlParts returns the <P> parts of an element's content, each decoded and
// with its lines joined; content without <P> is split at blank lines.
func sgmlParts(content string) []string {
	var parts []string
	if strings.Contains(strings.ToLower(content), "<p") {
		for _, m := range splitP(content) {
			if t := joinLines(sgmlText(m)); t != "" {
				parts = append(parts, t)
			}
		}
		return parts
	}
	return blocks(sgmlText(content))
}

var sgmlPTag = regexp.MustCompile(`(?i)</?p\b[^>]*>`)

// splitP cuts content at <P> and </P> tags.
func splitP(content string) []string { return sgmlPTag.Split(content, -1) }

var sgmlTag = regexp.MustCompile(`<[/!]?[A-Za-z][^<>]*>`)

// sgmlText removes tags and decodes entities. Control characters that SGML
// wire copy carries as entities (&#2; &#3; …) are dropped; tabs and line
// breaks stay. It works on bytes, so bytes that are not UTF-8 pass through
// for the repair stage to decode.
func sgmlText(s string) string {
	s = html.UnescapeString(sgmlTag.ReplaceAllString(s, ""))
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x20 || c == '\n' || c == '\t' || c == '\r' {
			b = append(b, c)
		}
	}
	return string(b)
}
