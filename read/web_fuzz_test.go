package read

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// fuzzWeb walks data as standard input and checks what every web reader
// keeps: no panic, errors that name their input, and records with a
// location and their raw bytes.
func fuzzWeb(t *testing.T, data []byte) {
	w := &Walker{Stdin: bytes.NewReader(data), MaxRecordBytes: 1 << 16, MaxArchiveBytes: 1 << 18, MaxMemberBytes: 1 << 17,
		OnError: func(e *ParseError) {
			if !strings.HasPrefix(e.Error(), "-") {
				t.Errorf("error %q does not name its input", e)
			}
		}}
	err := w.Walk(context.Background(), []string{"-"}, func(r *Record) error {
		if !strings.HasPrefix(r.Loc.Path, "-") || len(r.Raw) == 0 {
			t.Errorf("record at %q with %d raw bytes", r.Loc.Path, len(r.Raw))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func FuzzHTML(f *testing.F) {
	f.Add([]byte("<!doctype html><html><head><meta charset=koi8-r><title>T</title></head><body><p>\xf0\xd2\xc9\xd7\xc5\xd4 text</p></body></html>"))
	f.Add([]byte("<html><body><div><p>unclosed <b>tags <table><tr><td>cell"))
	f.Add([]byte("<html><head><link rel=canonical href='javascript:x'></head><body><article><p>" + strings.Repeat("word ", 80) + "</p></article></body></html>"))
	f.Add([]byte("<!doctype html><script>" + strings.Repeat("<", 200)))
	f.Add([]byte(`<html><head><link rel=canonical href="https://x.example/2023/10/3-ways/"><meta property="article:published_time" content="2023-10-31T23:59:59Z">` +
		`<script type="application/ld+json">{"@graph":[{"datePublished":"2023-11-01T00:59:59+01:00"},[{"dateModified":7}]]}</script></head>` +
		`<body><nav><time datetime="2023-02-30">x</time></nav><article><footer><time itemprop="datePublished" content="2023-10-31T18:59:59-05:00"></time></footer><p>` +
		strings.Repeat("word ", 80) + "</p></article></body></html>"))
	f.Fuzz(fuzzWeb)
}

func FuzzFeed(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><item><title>A</title><link>/a</link><description>&lt;p&gt;x&lt;/p&gt;</description></item></channel></rss>`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>T</title><content type="html">&lt;p&gt;b</content></entry></feed>`))
	f.Add([]byte(`<rss><channel><item><item></channel>`))
	f.Add([]byte(`<?xml version="1.0" encoding="windows-1252"?><rss><channel><item><title>caf\xe9</title></item></channel></rss>`))
	f.Fuzz(fuzzWeb)
}

func FuzzWARC(f *testing.F) {
	f.Add([]byte(warcRecord("response", "application/http; msgtype=response", httpResponse("200 OK", "Content-Type: text/html\r\n", warcPage))))
	f.Add([]byte("WARC/1.0\r\nContent-Length: 99999\r\n\r\nshort"))
	f.Add([]byte("WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 5\r\n\r\nHTTP/\r\n\r\nWARC/1.1\r\n"))
	f.Add(gz([]byte(warcRecord("resource", "text/html", warcPage))))
	f.Fuzz(fuzzWeb)
}

func FuzzArchive(f *testing.F) {
	f.Add(mustZip(f, member{"a/b.txt", []byte("T\n\nB.\n")}, member{"../x", []byte("x")}))
	f.Add(mustTgz(f, member{"a.html", []byte(warcPage)}, member{"/etc/x", []byte("x")}))
	f.Add(mustZip(f, member{"in.zip", mustZip(f, member{"c.txt", []byte("C")})}))
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	f.Fuzz(fuzzWeb)
}
