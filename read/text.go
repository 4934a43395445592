package read

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parallaxhq/parallax"
)

// TextReader reads a plain-text article: one record per file. If the first
// line is a header " date YYYY-MM-DD rest", the date is taken from it and
// the rest is told apart as a URL, a credit ("Photo : YONHAP News") or a
// title; otherwise the first line is the title when it looks like one.
type TextReader struct {
	Options
	r    io.Reader
	rec  *Record
	done bool
	err  error
}

// NewTextReader returns a reader for the plain-text file read from r; path
// names it in locations and errors.
func NewTextReader(r io.Reader, path string) *TextReader {
	return &TextReader{r: r, Options: Options{path: path}}
}

// Next reads the file's one record.
func (t *TextReader) Next() bool {
	if t.done {
		return false
	}
	t.done = true
	max := t.maxRecord()
	raw, err := io.ReadAll(io.LimitReader(t.r, int64(max)+1))
	if err != nil {
		t.err = err
		return false
	}
	if len(raw) > max {
		t.report(&ParseError{Path: t.path, Format: parallax.FormatText, Index: 0, Line: 1, Offset: 0,
			Err: fmt.Errorf("%w: file larger than %d bytes", parallax.ErrTooLarge, max)})
		return false
	}
	rec, perr := parseText(raw)
	if perr != nil {
		perr.Path = t.path
		t.report(perr)
		return false
	}
	rec.Loc = parallax.Location{Path: t.path, Line: 1}
	t.rec = rec
	return true
}

// Record returns the record read by Next.
func (t *TextReader) Record() *Record { return t.rec }

// Err returns the read error, if any.
func (t *TextReader) Err() error { return t.err }

var textHeader = regexp.MustCompile(`^[ \t\x{FEFF}]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+(.*?))?[ \t]*\r?$`)

// creditPrefix matches a header tail that credits a picture or a source
// rather than titling the article.
var creditPrefix = regexp.MustCompile(`(?i)^(?:photo|photograph|image|picture|pic|video|footage|file photo|source|credit|courtesy)s?(?:\s+by)?\s*[:：|/-]\s*(\S.*)$`)

var urlLine = regexp.MustCompile(`(?i)^(?:https?://|www\.)\S+$`)

// maxTitleRunes is the longest first line taken as a title.
const maxTitleRunes = 300

func parseText(raw []byte) (*Record, *ParseError) {
	if len(bytes.Trim(raw, asciiSpace)) == 0 {
		return nil, &ParseError{Format: parallax.FormatText, Index: 0, Line: 1, Offset: 0, Err: fmt.Errorf("%w: empty file", parallax.ErrInvalid)}
	}
	if off, ok := binaryAt(raw); ok {
		return nil, &ParseError{Format: parallax.FormatText, Index: 0, Line: 1 + bytes.Count(raw[:off], []byte("\n")), Offset: int64(off),
			Err: fmt.Errorf("%w: binary data (control byte 0x%02x), not text", parallax.ErrUnsupported, raw[off])}
	}
	rec := &Record{Format: parallax.FormatText, Raw: raw}
	text := strings.TrimPrefix(string(raw), "\uFEFF")
	first, rest, _ := strings.Cut(text, "\n")
	if m := textHeader.FindStringSubmatch(first); m != nil {
		if d, err := time.Parse(time.DateOnly, m[1]); err == nil {
			rec.Format = parallax.FormatTextHeader
			rec.Published = parallax.Date{Time: d, Precision: parallax.PrecisionDay, Source: "header"}
			tail := m[2]
			rec.Meta = parallax.Meta{"header": tail}
			switch {
			case tail == "":
			case urlLine.MatchString(tail):
				rec.URL = tail
			case creditPrefix.MatchString(tail):
				rec.Credits = []string{strings.TrimSpace(creditPrefix.FindStringSubmatch(tail)[1])}
			default:
				rec.Title = tail
			}
			text = rest
		}
	}
	paras := blocks(text)
	if rec.Title == "" && len(paras) > 1 && looksLikeTitle(paras[0]) {
		rec.Title, paras = paras[0], paras[1:]
	}
	rec.Paragraphs = paras
	return rec, nil
}

// looksLikeTitle reports whether a first paragraph can be a title: one
// short line.
func looksLikeTitle(p string) bool {
	return utf8.RuneCountInString(p) <= maxTitleRunes
}

// blocks splits text into paragraphs at blank lines, joining the lines of
// each with single spaces.
func blocks(text string) []string {
	var out []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, " "))
			cur = cur[:0]
		}
	}
	for line := range strings.Lines(text) {
		line = strings.Trim(line, asciiSpace)
		if line == "" {
			flush()
			continue
		}
		cur = append(cur, line)
	}
	flush()
	return out
}

// asciiSpace is the white space readers fold. Other spaces (no-break,
// zero-width) are text: the repair stage decides about them.
const asciiSpace = " \t\r\n\f\v"

// joinLines joins the lines of one paragraph with single spaces, folding
// runs of ASCII white space.
func joinLines(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r < 0x80 && strings.ContainsRune(asciiSpace, r)
	}), " ")
}

// binaryAt returns the offset of the first byte that marks data as binary
// rather than text: a NUL, or a control byte where text would not have one
// once several have been seen.
func binaryAt(b []byte) (int, bool) {
	if len(b) > 8192 {
		b = b[:8192]
	}
	controls, first := 0, -1
	for i, c := range b {
		if c == 0 {
			return i, true
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b {
			controls++
			if first < 0 {
				first = i
			}
		}
	}
	if controls > 0 && controls*50 > len(b) {
		return first, true
	}
	return 0, false
}
