package read

import (
	"errors"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax"
)

func TestFeed(t *testing.T) {
	feed := `<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Port News</title><link>https://port.example/</link>
<item><title>Pier &amp; marina</title><link>https://port.example/pier</link><guid>p-1</guid>
<dc:creator>Ana Lopez</dc:creator><pubDate>Tue, 05 Mar 2024 09:00:00 +0100</pubDate>
<description>Short.</description>
<content:encoded><![CDATA[<p>First paragraph.</p><p>Second <b>bold</b> one.</p>]]></content:encoded></item>
<item><title>Summary only</title><link>https://port.example/s</link><description>Just a summary.</description></item>
<item><link>https://port.example/empty</link></item>
</channel></rss>`
	r := NewFeedReader(strings.NewReader(feed), "f.xml")
	var errs []*ParseError
	r.OnBadRecord = func(e *ParseError) { errs = append(errs, e) }
	var recs []*Record
	for r.Next() {
		recs = append(recs, r.Record())
	}
	if len(recs) != 2 || len(errs) != 1 || errs[0].Index != 2 {
		t.Fatalf("%d records, errors %v", len(recs), errs)
	}
	a := recs[0]
	if a.Title != "Pier & marina" || a.URL != "https://port.example/pier" || a.Byline != "Ana Lopez" || a.ExternalID != "p-1" ||
		a.Published.String() != "2024-03-05T08:00:00Z" || a.Meta["content"] != "full" ||
		strings.Join(a.Paragraphs, "|") != "First paragraph.|Second bold one." {
		t.Errorf("item 0: %+v", a)
	}
	if !strings.HasPrefix(string(a.Raw), "<item>") || !strings.HasSuffix(string(a.Raw), "</item>") || a.Loc.Line != 4 {
		t.Errorf("item 0 raw %q at line %d", a.Raw, a.Loc.Line)
	}
	if b := recs[1]; b.Meta["content"] != "summary" || b.Paragraphs[0] != "Just a summary." || !b.Published.IsZero() {
		t.Errorf("item 1: %+v", b)
	}
}

func TestFeedNotAFeed(t *testing.T) {
	r := NewFeedReader(strings.NewReader("<rss><channel><item>cut"), "f.xml")
	var errs []*ParseError
	r.OnBadRecord = func(e *ParseError) { errs = append(errs, e) }
	for r.Next() {
	}
	if r.Err() != nil {
		t.Fatal(r.Err())
	}
	for _, e := range errs {
		if !errors.Is(e, parallax.ErrInvalid) || e.Path != "f.xml" {
			t.Errorf("error %v", e)
		}
	}
}
