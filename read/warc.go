package read

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/parallaxhq/parallax"
)

// WARCReader reads a WARC file (WARC/1.0 or 1.1, ISO 28500), uncompressed
// or, through the Walker, as a .warc.gz of one gzip member per record. Each
// response (or resource) record holding an HTML page with status 200 is a
// record of format FormatWARC, the page read as [ParseHTML] reads it, with
// WARC-Target-URI as its URL (unless the page names a canonical one) and
// the WARC-Target-URI, WARC-Date and WARC-Record-ID kept in Meta
// ("warc_target_uri", "warc_date", "warc_record_id") as provenance. Raw is
// the HTTP payload, after any transfer and content encoding is undone.
// Location.Index is the record's number in the file, counting every
// record, and Offset its byte offset.
//
// Other records (requests, metadata, redirects, non-HTML payloads) are
// skipped. A record that cannot be parsed is reported and reading resumes
// at the next "WARC/1." line.
//
// This is our own reader, not github.com/internetarchive/gowarc: that
// module is a crawler's toolkit whose dependencies (DNS, uTLS, xz, brotli,
// blake3) outweigh the few hundred lines reading needs.
type WARCReader struct {
	Options
	br    *bufio.Reader
	off   int64 // bytes consumed so far
	line  int   // lines consumed so far
	index int   // number of the next record
	rec   *Record
	err   error
}

// NewWARCReader returns a reader for the WARC data read from r; path names
// it in locations and errors.
func NewWARCReader(r io.Reader, path string) *WARCReader {
	return &WARCReader{br: bufio.NewReaderSize(r, 64<<10), Options: Options{path: path}}
}

// maxWARCHeader caps the header block of one record.
const maxWARCHeader = 64 << 10

// Record returns the current record.
func (w *WARCReader) Record() *Record { return w.rec }

// Err returns the read error, if any.
func (w *WARCReader) Err() error { return w.err }

// readLine reads one line, counting it; it fails with errLongLine past max.
func (w *WARCReader) readLine(max int) ([]byte, error) {
	var line []byte
	for {
		chunk, err := w.br.ReadSlice('\n')
		line = append(line, chunk...)
		w.off += int64(len(chunk))
		if err == nil {
			w.line++
			return line, nil
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			return line, err
		}
		if len(line) > max {
			return line, errLongLine
		}
	}
}

var errLongLine = errors.New("line too long")

// Next advances to the next record holding an HTML page.
func (w *WARCReader) Next() bool {
	for {
		if w.err != nil {
			return false
		}
		rec, ok := w.next()
		if rec != nil {
			w.rec = rec
			return true
		}
		if !ok {
			return false
		}
	}
}

// next reads one WARC record; it returns a record when it is an HTML page,
// and false when the input ends.
func (w *WARCReader) next() (*Record, bool) {
	// Skip the blank lines between records.
	var version []byte
	for {
		line, err := w.readLine(maxWARCHeader)
		if len(bytes.TrimSpace(line)) > 0 {
			version = line
			break
		}
		if err != nil {
			w.stop(err)
			return nil, false
		}
	}
	start, startLine := w.off-int64(len(version)), w.line
	index := w.index
	w.index++
	bad := func(err error) {
		w.report(&ParseError{Path: w.path, Format: FormatWARC, Index: index, Line: startLine, Offset: start, Err: err})
	}
	if !bytes.HasPrefix(version, []byte("WARC/1.")) {
		bad(fmt.Errorf("%w: expected a WARC/1.0 or WARC/1.1 version line, found %q", parallax.ErrInvalid, preview(version)))
		w.resync()
		return nil, true
	}
	hdr := http.Header{}
	size := 0
	var last string
	for {
		line, err := w.readLine(maxWARCHeader)
		size += len(line)
		if err != nil || size > maxWARCHeader {
			if err == nil || errors.Is(err, errLongLine) {
				bad(fmt.Errorf("%w: WARC header longer than %d bytes", parallax.ErrInvalid, maxWARCHeader))
				w.resync()
				return nil, true
			}
			bad(fmt.Errorf("%w: WARC record cut short in its header", parallax.ErrInvalid))
			w.stop(err)
			return nil, false
		}
		l := strings.TrimRight(string(line), "\r\n")
		if l == "" {
			break
		}
		if (l[0] == ' ' || l[0] == '\t') && last != "" {
			vs := hdr[last]
			vs[len(vs)-1] += " " + strings.TrimSpace(l)
			continue
		}
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			bad(fmt.Errorf("%w: WARC header line without a colon: %q", parallax.ErrInvalid, preview(line)))
			w.resync()
			return nil, true
		}
		last = http.CanonicalHeaderKey(strings.TrimSpace(name))
		hdr.Add(last, strings.TrimSpace(value))
	}
	n, err := strconv.ParseInt(hdr.Get("Content-Length"), 10, 64)
	if err != nil || n < 0 {
		bad(fmt.Errorf("%w: WARC record without a valid Content-Length (%q)", parallax.ErrInvalid, hdr.Get("Content-Length")))
		w.resync()
		return nil, true
	}
	typ := strings.ToLower(hdr.Get("Warc-Type"))
	if typ != "response" && typ != "resource" {
		return nil, w.skip(n, bad)
	}
	if max := w.maxPage(); n > int64(max) {
		bad(fmt.Errorf("%w: WARC record of %d bytes, more than %d", parallax.ErrTooLarge, n, max))
		return nil, w.skip(n, bad)
	}
	block := make([]byte, n)
	got, err := io.ReadFull(w.br, block)
	w.off += int64(got)
	w.line += bytes.Count(block[:got], []byte("\n"))
	if err != nil {
		bad(fmt.Errorf("%w: WARC record cut short: %d of %d content bytes", parallax.ErrInvalid, got, n))
		w.stop(err)
		return nil, false
	}
	page, charset, err := warcPayload(typ, hdr.Get("Content-Type"), block)
	if err != nil {
		bad(err)
		return nil, true
	}
	if page == nil {
		return nil, true
	}
	uri := strings.Trim(hdr.Get("Warc-Target-Uri"), "<>")
	rec, err := ParseHTML(page, uri, charset)
	if err != nil {
		bad(err)
		return nil, true
	}
	rec.Format = FormatWARC
	rec.Loc = parallax.Location{Path: w.path, Index: index, Offset: start, Line: startLine}
	for key, meta := range map[string]string{"Warc-Target-Uri": "warc_target_uri", "Warc-Date": "warc_date", "Warc-Record-Id": "warc_record_id"} {
		if v := hdr.Get(key); v != "" {
			rec.Meta[meta] = v
		}
	}
	return rec, true
}

// warcPayload returns the HTML page a record's block holds, and the charset
// its HTTP response declares; a nil page when the block holds no HTML page.
func warcPayload(typ, contentType string, block []byte) ([]byte, string, error) {
	mt, _, _ := mime.ParseMediaType(contentType)
	if typ == "resource" || mt != "application/http" {
		if isHTMLType(mt) {
			return block, "", nil
		}
		return nil, "", nil
	}
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(block)), nil)
	if err != nil {
		return nil, "", fmt.Errorf("%w: HTTP response in WARC record: %v", parallax.ErrInvalid, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, "", nil
	}
	hmt, params, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if hmt != "" && !isHTMLType(hmt) {
		return nil, "", nil
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, DefaultMaxPageBytes+1))
	if err != nil {
		return nil, "", fmt.Errorf("%w: HTTP payload in WARC record: %v", parallax.ErrInvalid, err)
	}
	page, err := decodeContent(resp.Header.Get("Content-Encoding"), body)
	if err != nil {
		return nil, "", err
	}
	if len(page) > DefaultMaxPageBytes {
		return nil, "", fmt.Errorf("%w: payload of more than %d bytes", parallax.ErrTooLarge, DefaultMaxPageBytes)
	}
	if hmt == "" {
		if f, _ := Sniff(page); f != FormatHTML {
			return nil, "", nil
		}
	}
	return page, params["charset"], nil
}

// decodeContent undoes an HTTP content encoding (gzip, deflate), reading
// at most DefaultMaxPageBytes+1 bytes of the result.
func decodeContent(encoding string, body []byte) ([]byte, error) {
	var zr io.Reader
	switch enc := strings.ToLower(strings.TrimSpace(encoding)); enc {
	case "", "identity":
		return body, nil
	case "gzip", "x-gzip":
		r, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, fmt.Errorf("%w: gzip payload in WARC record: %v", parallax.ErrInvalid, err)
		}
		zr = r
	case "deflate": // zlib-wrapped as the RFC says, or raw as some servers send it
		if r, err := zlib.NewReader(bytes.NewReader(body)); err == nil {
			zr = r
		} else {
			zr = flate.NewReader(bytes.NewReader(body))
		}
	default:
		return nil, fmt.Errorf("%w: payload content encoding %q", parallax.ErrUnsupported, enc)
	}
	page, err := io.ReadAll(io.LimitReader(zr, DefaultMaxPageBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %s payload in WARC record: %v", parallax.ErrInvalid, encoding, err)
	}
	return page, nil
}

// lineCounter is an io.Writer that counts the lines written to it.
type lineCounter int

func (c *lineCounter) Write(p []byte) (int, error) {
	*c += lineCounter(bytes.Count(p, []byte("\n")))
	return len(p), nil
}

func isHTMLType(mt string) bool {
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// skip discards a record's block; it reports false when the input ends.
func (w *WARCReader) skip(n int64, bad func(error)) bool {
	lines := lineCounter(0)
	got, err := io.CopyN(&lines, w.br, n)
	w.off += got
	w.line += int(lines)
	if err != nil {
		bad(fmt.Errorf("%w: WARC record cut short: %d of %d content bytes", parallax.ErrInvalid, got, n))
		w.stop(err)
		return false
	}
	return true
}

// resync skips lines up to the next that starts a record.
func (w *WARCReader) resync() {
	for {
		head, err := w.br.Peek(7)
		if bytes.Equal(head, []byte("WARC/1.")) {
			return
		}
		if err != nil {
			w.stop(err)
			return
		}
		for { // discard the line without keeping it
			chunk, err := w.br.ReadSlice('\n')
			w.off += int64(len(chunk))
			if err == nil {
				w.line++
				break
			}
			if !errors.Is(err, bufio.ErrBufferFull) {
				w.stop(err)
				return
			}
		}
	}
}

// stop ends reading: cleanly at EOF, else with the I/O error.
func (w *WARCReader) stop(err error) {
	if !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		w.err = err
	}
}

// preview returns the start of a line, for an error message.
func preview(b []byte) string {
	s := strings.TrimRight(string(b), "\r\n")
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return s
}
