package read

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax"
)

const warcPage = `<!doctype html><html><head><title>Pier closes</title></head><body><article>
<p>The harbour authority said on Tuesday that the old pier would close for repairs over the
winter, after inspectors found cracked pillars under the boardwalk.</p>
<p>Fishermen who moor their boats there will be offered berths at the new marina across the bay
at no extra cost until the works end in the spring, the authority said.</p></article></body></html>`

func warcRecord(typ, contentType, block string) string {
	return fmt.Sprintf("WARC/1.1\r\nWARC-Type: %s\r\nWARC-Target-URI: https://port.example/pier\r\nWARC-Date: 2024-03-06T10:00:00Z\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
		typ, contentType, len(block), block)
}

func httpResponse(status, headers, body string) string {
	return "HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: " + fmt.Sprint(len(body)) + "\r\n\r\n" + body
}

func TestWARC(t *testing.T) {
	ok := warcRecord("response", "application/http; msgtype=response", httpResponse("200 OK", "Content-Type: text/html\r\n", warcPage))
	gzipped := warcRecord("response", "application/http;msgtype=response", httpResponse("200 OK", "Content-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\n", string(gz([]byte(warcPage)))))
	records := []string{
		warcRecord("warcinfo", "application/warc-fields", "software: test\r\n"),
		warcRecord("request", "application/http; msgtype=request", "GET /pier HTTP/1.1\r\nHost: port.example\r\n\r\n"),
		ok,
		warcRecord("response", "application/http; msgtype=response", httpResponse("301 Moved", "Location: /x\r\n", "")),
		warcRecord("response", "application/http; msgtype=response", httpResponse("200 OK", "Content-Type: image/png\r\n", "\x89PNG")),
		"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: many\r\n\r\njunk\r\n\r\n",
		gzipped,
	}
	for _, gzipEach := range []bool{false, true} {
		t.Run(fmt.Sprintf("gzip per record %v", gzipEach), func(t *testing.T) {
			var in bytes.Buffer
			for _, r := range records {
				if gzipEach {
					in.Write(gz([]byte(r)))
				} else {
					in.WriteString(r)
				}
			}
			var recs []*Record
			var errs []*ParseError
			w := &Walker{Stdin: &in, OnError: func(e *ParseError) { errs = append(errs, e) }}
			if err := w.Walk(context.Background(), []string{"-"}, func(r *Record) error { recs = append(recs, r); return nil }); err != nil {
				t.Fatal(err)
			}
			if len(recs) != 2 {
				t.Fatalf("%d records, want 2; errors %v", len(recs), errs)
			}
			if len(errs) != 1 || !errors.Is(errs[0], parallax.ErrInvalid) || errs[0].Index != 5 || !strings.Contains(errs[0].Error(), "Content-Length") {
				t.Errorf("errors %v, want record 5's Content-Length", errs)
			}
			r := recs[0]
			var plainOffset int64
			for _, s := range records[:2] {
				plainOffset += int64(len(s))
			}
			if r.Format != FormatWARC || r.Loc.Index != 2 || r.Loc.Offset != plainOffset || r.URL != "https://port.example/pier" ||
				r.Meta["warc_date"] != "2024-03-06T10:00:00Z" || string(r.Raw) != warcPage {
				t.Errorf("record %+v", r.Loc)
			}
			if recs[1].Loc.Index != 6 || string(recs[1].Raw) != warcPage {
				t.Errorf("gzip-encoded payload: index %d, raw %q", recs[1].Loc.Index, recs[1].Raw)
			}
		})
	}
}

func TestWARCTooLarge(t *testing.T) {
	in := warcRecord("response", "application/http; msgtype=response", httpResponse("200 OK", "Content-Type: text/html\r\n", warcPage+strings.Repeat(" ", 4000)))
	in += warcRecord("response", "application/http; msgtype=response", httpResponse("200 OK", "Content-Type: text/html\r\n", warcPage))
	r := NewWARCReader(strings.NewReader(in), "c.warc")
	r.MaxRecordBytes = 2000
	var errs []*ParseError
	r.OnBadRecord = func(e *ParseError) { errs = append(errs, e) }
	n := 0
	for r.Next() {
		n++
	}
	if n != 1 || len(errs) != 1 || !errors.Is(errs[0], parallax.ErrTooLarge) || r.Err() != nil {
		t.Errorf("%d records, errors %v, err %v", n, errs, r.Err())
	}
}
