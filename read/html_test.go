package read

import (
	"errors"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax"
)

const htmlBody = `<article><h1>Harbour pier to close</h1>
<p>The harbour authority said on Tuesday that the old pier would close for repairs over the
winter, after inspectors found cracked pillars under the %s.</p>
<p>Fishermen who moor their boats there will be offered berths at the new marina across the bay
at no extra cost until the works end in the spring, the authority said.</p></article>`

func TestParseHTMLCharset(t *testing.T) {
	tests := []struct {
		name     string
		page     string
		declared string // HTTP charset
		want     string // a word of the text
		charset  string
		source   string
	}{
		{"utf-8 undeclared", "<html><body>" + strings.Replace(htmlBody, "%s", "café", 1), "", "café", "utf-8", ""},
		{"meta windows-1252", `<html><head><meta charset="windows-1252"></head><body>` + strings.Replace(htmlBody, "%s", "caf\xe9", 1), "", "café", "windows-1252", "meta"},
		{"http overrides meta", `<html><head><meta charset="utf-8"></head><body>` + strings.Replace(htmlBody, "%s", "\xea\xe0\xf4\xe5", 1), "windows-1251", "кафе", "windows-1251", "http"},
		{"latin declared, bytes utf-8", `<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body>` + strings.Replace(htmlBody, "%s", "café", 1), "", "café", "utf-8", "meta (windows-1252, but the bytes are UTF-8)"},
		{"meta after 1024 bytes", "<html><head><script>" + strings.Repeat(" ", 2000) + `</script><meta charset="iso-8859-15"></head><body>` + strings.Replace(htmlBody, "%s", "caf\xe9", 1), "", "café", "iso-8859-15", "meta"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := ParseHTML([]byte(tt.page), "", tt.declared)
			if err != nil {
				t.Fatal(err)
			}
			if text := strings.Join(rec.Paragraphs, "\n"); !strings.Contains(text, tt.want) {
				t.Errorf("text %q lacks %q", text, tt.want)
			}
			if rec.Charset != tt.charset || rec.Meta["charset_source"] != tt.source {
				t.Errorf("charset %q from %q, want %q from %q", rec.Charset, rec.Meta["charset_source"], tt.charset, tt.source)
			}
			if string(rec.Raw) != tt.page {
				t.Error("Raw is not the page as read")
			}
		})
	}
}

func TestParseHTMLMetadata(t *testing.T) {
	page := `<!doctype html><html lang="pt-BR"><head><title>Pier closes - Gazeta</title>
<link rel="canonical" href="/news/pier"><meta property="og:site_name" content="Gazeta do Porto">
<meta name="author" content="Ana Lopez"></head><body>` + strings.Replace(htmlBody, "%s", "bar", 1) + `</body></html>`
	rec, err := ParseHTML([]byte(page), "https://gazeta.example/x?utm=1", "")
	if err != nil {
		t.Fatal(err)
	}
	if rec.URL != "https://gazeta.example/news/pier" || rec.Meta["fetched_url"] != "https://gazeta.example/x?utm=1" {
		t.Errorf("URL %q fetched %q", rec.URL, rec.Meta["fetched_url"])
	}
	if rec.Outlet != "Gazeta do Porto" || rec.Byline != "Ana Lopez" || rec.Language != "pt" {
		t.Errorf("outlet %q byline %q language %q", rec.Outlet, rec.Byline, rec.Language)
	}
	if !rec.Published.IsZero() {
		t.Errorf("a page without a date got %v: dates are never invented", rec.Published)
	}
	if len(rec.Paragraphs) < 2 {
		t.Errorf("paragraphs %q", rec.Paragraphs)
	}
}

func TestHTMLReaderBadInput(t *testing.T) {
	tests := []struct {
		name string
		page string
		max  int
		err  error
	}{
		{"no text", "<html><body><script>x()</script></body></html>", 0, parallax.ErrInvalid},
		{"too large", "<html><body><p>" + strings.Repeat("word ", 400) + "</p></body></html>", 1000, parallax.ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []*ParseError
			r := NewHTMLReader(strings.NewReader(tt.page), "p.html")
			r.MaxRecordBytes = tt.max
			r.OnBadRecord = func(e *ParseError) { got = append(got, e) }
			if r.Next() {
				t.Fatal("a bad page gave a record")
			}
			if len(got) != 1 || !errors.Is(got[0], tt.err) || got[0].Path != "p.html" {
				t.Errorf("errors %v, want one %v naming p.html", got, tt.err)
			}
		})
	}
}

func TestSniffWeb(t *testing.T) {
	tests := []struct {
		in   string
		want parallax.Format
	}{
		{"<!doctype html><html>", FormatHTML},
		{"<!-- saved -->\n<html lang=en>", FormatHTML},
		{"<?xml version=\"1.0\"?>\n<!-- c -->\n<rss version=\"2.0\">", FormatFeed},
		{"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>", FormatFeed},
		{"<?xml version=\"1.0\"?><rdf:RDF>", FormatFeed},
		{"<?xml version=\"1.0\"?><!DOCTYPE html><html>", FormatHTML},
		{"WARC/1.1\r\nWARC-Type: warcinfo", FormatWARC},
		{"PK\x03\x04rest", FormatZip},
		{"<DOCNO>", parallax.FormatText},
	}
	for _, tt := range tests {
		if got, err := Sniff([]byte(tt.in)); got != tt.want || err != nil {
			t.Errorf("Sniff(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}
