package read

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/parallaxhq/parallax"
)

// Fields maps each article field to the JSON keys that may hold it, tried
// in order. Keys match case-insensitively; a dotted key ("source.name")
// reaches into a nested object.
type Fields map[string][]string

// Article fields a JSON record can fill.
const (
	FieldTitle      = "title"
	FieldText       = "text"
	FieldParagraphs = "paragraphs"
	FieldDate       = "date"
	FieldURL        = "url"
	FieldOutlet     = "outlet"
	FieldByline     = "byline"
	FieldID         = "id"
	FieldLanguage   = "language"
)

// DefaultFields are the usual names news JSON uses.
func DefaultFields() Fields {
	return Fields{
		FieldTitle:      {"title", "headline", "name"},
		FieldText:       {"text", "body", "content", "article", "maintext", "full_text", "fulltext", "article_body", "articleBody", "story"},
		FieldParagraphs: {"paragraphs", "paras", "body-paragraphs", "body_paragraphs"},
		FieldDate:       {"date", "published", "published_at", "publishedAt", "pubDate", "pub_date", "date_publish", "datePublished", "publication_date", "created_at", "timestamp", "time"},
		FieldURL:        {"url", "link", "canonical_url", "canonicalUrl", "href"},
		FieldOutlet:     {"source", "outlet", "publisher", "site_name", "siteName", "source_name", "domain", "media", "newspaper"},
		FieldByline:     {"author", "authors", "byline", "creator", "writer"},
		FieldID:         {"id", "guid", "doc_id", "docid", "uuid", "article_id"},
		FieldLanguage:   {"language", "lang"},
	}
}

// ParseFields reads overrides such as "title=headline,text=story+summary"
// ("+" separates alternatives) on top of DefaultFields.
func ParseFields(spec string) (Fields, error) {
	f := DefaultFields()
	if strings.TrimSpace(spec) == "" {
		return f, nil
	}
	for _, kv := range strings.Split(spec, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(kv), "=")
		k = strings.TrimSpace(k)
		if !ok || v == "" {
			return nil, fmt.Errorf("%w: field mapping %q: want field=key", parallax.ErrInvalid, kv)
		}
		if _, known := f[k]; !known {
			keys := make([]string, 0, len(f))
			for name := range f {
				keys = append(keys, name)
			}
			sort.Strings(keys)
			return nil, fmt.Errorf("%w: field mapping %q: unknown field %q (known: %s)", parallax.ErrInvalid, kv, k, strings.Join(keys, ", "))
		}
		f[k] = strings.Split(v, "+")
	}
	return f, nil
}

// JSONReader reads JSON Lines (one object a line) or a JSON document
// holding one object or an array of objects.
type JSONReader struct {
	Options
	// Fields names the JSON keys of each article field; nil means DefaultFields.
	Fields Fields

	lines  bool
	br     *bufio.Reader
	dec    *json.Decoder
	rec    *Record
	index  int
	line   int
	offset int64
	err    error
	done   bool
}

// NewJSONLReader returns a reader for JSON Lines read from r.
func NewJSONLReader(r io.Reader, path string) *JSONReader {
	return &JSONReader{Options: Options{path: path}, lines: true, br: bufio.NewReaderSize(r, 64<<10)}
}

// NewJSONReader returns a reader for a JSON document (an object or an array
// of objects) read from r.
func NewJSONReader(r io.Reader, path string) *JSONReader {
	return &JSONReader{Options: Options{path: path}, br: bufio.NewReaderSize(r, 64<<10)}
}

// Next advances to the next good record.
func (j *JSONReader) Next() bool {
	if j.Fields == nil {
		j.Fields = DefaultFields()
	}
	if j.lines {
		return j.nextLine()
	}
	return j.nextValue()
}

func (j *JSONReader) nextLine() bool {
	for !j.done {
		start, line := j.offset, j.line+1
		b, err := j.readLine()
		j.line++
		j.offset += int64(len(b))
		if err != nil {
			j.done = true
			if !errors.Is(err, io.EOF) {
				j.err = err
				return false
			}
		}
		if len(bytes.Trim(b, asciiSpace)) == 0 {
			continue
		}
		index := j.index
		j.index++
		if len(b) > j.maxRecord() {
			j.report(&ParseError{Path: j.path, Format: parallax.FormatJSONL, Index: index, Line: line, Offset: start,
				Err: fmt.Errorf("%w: line longer than %d bytes", parallax.ErrTooLarge, j.maxRecord())})
			continue
		}
		rec, perr := j.parse(bytes.Trim(b, asciiSpace), parallax.FormatJSONL)
		if perr != nil {
			j.report(&ParseError{Path: j.path, Format: parallax.FormatJSONL, Index: index, Line: line, Offset: start, Err: perr})
			continue
		}
		rec.Loc = parallax.Location{Path: j.path, Index: index, Offset: start, Line: line}
		j.rec = rec
		return true
	}
	return false
}

// readLine reads one line; past the record cap it keeps reading but stops
// keeping bytes, so memory stays bounded.
func (j *JSONReader) readLine() ([]byte, error) {
	var long []byte
	n := 0
	for {
		frag, err := j.br.ReadSlice('\n')
		n += len(frag)
		if err == bufio.ErrBufferFull {
			if len(long) <= j.maxRecord() {
				long = append(long, frag...)
			}
			continue
		}
		if long == nil {
			return frag, err
		}
		if len(long) <= j.maxRecord() {
			return append(long, frag...), err
		}
		// Too long: return a stand-in of the right length so offsets stay right.
		return make([]byte, n), err
	}
}

func (j *JSONReader) nextValue() bool {
	if j.done {
		return false
	}
	if j.dec == nil {
		first, err := firstByte(j.br)
		if err != nil && !errors.Is(err, io.EOF) {
			j.done, j.err = true, err
			return false
		}
		switch first {
		case '{':
			// One object: the whole document is the record.
			j.done = true
			max := j.maxRecord()
			raw, err := io.ReadAll(io.LimitReader(j.br, int64(max)+1))
			if err != nil {
				j.err = err
				return false
			}
			if len(raw) > max {
				j.report(&ParseError{Path: j.path, Format: parallax.FormatJSON, Index: 0, Line: 1, Offset: 0,
					Err: fmt.Errorf("%w: document larger than %d bytes", parallax.ErrTooLarge, max)})
				return false
			}
			return j.emit(raw, 0, 0)
		case '[':
			j.dec = json.NewDecoder(j.br)
			if _, err := j.dec.Token(); err != nil {
				j.done = true
				j.report(j.syntaxError(err))
				return false
			}
		default:
			j.done = true
			j.report(&ParseError{Path: j.path, Format: parallax.FormatJSON, Index: -1, Line: 1, Offset: 0,
				Err: fmt.Errorf("%w: want a JSON object or an array of objects", parallax.ErrInvalid)})
			return false
		}
	}
	for j.dec.More() {
		start := j.dec.InputOffset()
		var raw json.RawMessage
		if err := j.dec.Decode(&raw); err != nil {
			// A syntax error leaves the decoder unable to go on.
			j.done = true
			j.report(j.syntaxError(err))
			return false
		}
		index := j.index
		j.index++
		if j.emit(raw, index, start) {
			return true
		}
	}
	j.done = true
	if _, err := j.dec.Token(); err != nil {
		j.report(j.syntaxError(err))
	}
	return false
}

// firstByte returns the first byte that is not white space, without
// consuming it.
func firstByte(br *bufio.Reader) (byte, error) {
	for {
		b, err := br.ReadByte()
		if err != nil {
			return 0, err
		}
		if !strings.ContainsRune(asciiSpace, rune(b)) && b != 0xEF && b != 0xBB && b != 0xBF { // skip a BOM too
			return b, br.UnreadByte()
		}
	}
}

func (j *JSONReader) emit(raw []byte, index int, offset int64) bool {
	raw = bytes.TrimLeft(raw, ", \t\r\n")
	rec, err := j.parse(raw, parallax.FormatJSON)
	if err != nil {
		j.report(&ParseError{Path: j.path, Format: parallax.FormatJSON, Index: index, Line: 0, Offset: offset, Err: err})
		return false
	}
	rec.Loc = parallax.Location{Path: j.path, Index: index, Offset: offset}
	j.rec = rec
	return true
}

func (j *JSONReader) syntaxError(err error) *ParseError {
	off := int64(-1)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = se.Offset
	} else if j.dec != nil {
		off = j.dec.InputOffset()
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		err = fmt.Errorf("%w: the JSON ends early (truncated?)", parallax.ErrInvalid)
	} else {
		err = fmt.Errorf("%w: %v", parallax.ErrInvalid, err)
	}
	return &ParseError{Path: j.path, Format: parallax.FormatJSON, Index: j.index, Offset: off, Err: err}
}

// Record returns the current record.
func (j *JSONReader) Record() *Record { return j.rec }

// Err returns the read error that stopped reading, nil at a clean end.
func (j *JSONReader) Err() error { return j.err }

func (j *JSONReader) parse(raw []byte, format parallax.Format) (*Record, error) {
	if !utf8.Valid(raw) {
		// encoding/json would replace the bytes with U+FFFD and lose them.
		at := 0
		for at < len(raw) {
			r, size := utf8.DecodeRune(raw[at:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			at += size
		}
		return nil, fmt.Errorf("%w: invalid UTF-8 (byte 0x%02x at byte %d of the record); JSON must be UTF-8: convert the file first, e.g. with iconv", parallax.ErrInvalid, raw[at], at)
	}
	var obj map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&obj); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("%w: invalid JSON at byte %d of the record: %v", parallax.ErrInvalid, se.Offset, err)
		}
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("%w: invalid JSON: the record ends early (truncated?)", parallax.ErrInvalid)
		}
		return nil, fmt.Errorf("%w: want a JSON object: %v", parallax.ErrInvalid, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%w: invalid JSON: more than one value in the record", parallax.ErrInvalid)
	}
	if obj == nil {
		return nil, fmt.Errorf("%w: want a JSON object, got null", parallax.ErrInvalid)
	}
	lower := make(map[string]any, len(obj))
	for k, v := range obj {
		lower[strings.ToLower(k)] = v
	}
	used := map[string]bool{}
	get := func(field string) string {
		for _, key := range j.Fields[field] {
			if v, ok := lookup(lower, strings.ToLower(key)); ok {
				used[strings.ToLower(strings.SplitN(key, ".", 2)[0])] = true
				if s := jsonString(v); s != "" {
					return s
				}
			}
		}
		return ""
	}
	rec := &Record{Format: format, Raw: raw, Meta: parallax.Meta{}}
	rec.Title = joinLines(get(FieldTitle))
	for _, key := range j.Fields[FieldParagraphs] {
		if v, ok := lookup(lower, strings.ToLower(key)); ok {
			if list, ok := v.([]any); ok {
				used[strings.ToLower(key)] = true
				for _, p := range list {
					// A paragraph may itself be a list of sentences.
					if sentences, ok := p.([]any); ok {
						var parts []string
						for _, s := range sentences {
							parts = append(parts, jsonString(s))
						}
						p = strings.Join(parts, " ")
					}
					if s := joinLines(jsonString(p)); s != "" {
						rec.Paragraphs = append(rec.Paragraphs, s)
					}
				}
				break
			}
		}
	}
	if len(rec.Paragraphs) == 0 {
		rec.Paragraphs = blocks(get(FieldText))
	}
	if d := get(FieldDate); d != "" {
		rec.Meta["date"] = d
		if pd, ok := parseDate(d); ok {
			pd.Source = "json"
			rec.Published = pd
		}
	}
	rec.URL = strings.TrimSpace(get(FieldURL))
	rec.Outlet = joinLines(get(FieldOutlet))
	rec.Byline = joinLines(get(FieldByline))
	rec.ExternalID = strings.TrimSpace(get(FieldID))
	rec.Language = strings.TrimSpace(get(FieldLanguage))
	for k, v := range obj {
		if !used[strings.ToLower(k)] {
			if s := jsonString(v); s != "" && len(s) <= 1024 {
				rec.Meta[k] = s
			}
		}
	}
	if rec.Title == "" && len(rec.Paragraphs) == 0 {
		return nil, fmt.Errorf("%w: the object has no title or text field (tried %s and %s; set a field mapping)", parallax.ErrInvalid,
			strings.Join(j.Fields[FieldTitle], "/"), strings.Join(j.Fields[FieldText], "/"))
	}
	return rec, nil
}

// lookup finds a possibly dotted key in a lower-cased object.
func lookup(obj map[string]any, key string) (any, bool) {
	head, rest, nested := strings.Cut(key, ".")
	v, ok := obj[head]
	if !ok || !nested {
		return v, ok
	}
	inner, ok := v.(map[string]any)
	if !ok {
		return nil, false
	}
	lowered := make(map[string]any, len(inner))
	for k, v := range inner {
		lowered[strings.ToLower(k)] = v
	}
	return lookup(lowered, rest)
}

// jsonString renders a JSON value as text: strings as they are, numbers as
// written, lists joined with ", ", and objects by their name-like member.
func jsonString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	case []any:
		var parts []string
		for _, e := range x {
			if s := jsonString(e); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, ", ")
	case map[string]any:
		for _, k := range []string{"name", "title", "value", "text", "href", "url"} {
			if s, ok := x[k]; ok {
				return jsonString(s)
			}
		}
	}
	return ""
}
