package read

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"github.com/parallaxhq/parallax"
)

// FeedReader reads an RSS (0.9x, 1.0, 2.0) or Atom feed with gofeed: each
// item is a record with its title, link (as URL, kept for fetching the
// page), publication date, authors and categories. When the item carries
// its full text (content:encoded, Atom content) the HTML is turned into
// paragraphs; otherwise its description is, and Meta["content"] says
// "summary". Raw holds the item's own bytes (<item>…</item>) when they can
// be told apart, else the item as gofeed parsed it, as JSON.
type FeedReader struct {
	Options
	r     io.Reader
	items []*Record
	cur   *Record
	read  bool
	err   error
}

// NewFeedReader returns a reader for the feed read from r; path names it in
// locations and errors.
func NewFeedReader(r io.Reader, path string) *FeedReader {
	return &FeedReader{r: r, Options: Options{path: path}}
}

// Next advances to the next item.
func (f *FeedReader) Next() bool {
	if !f.read {
		f.read = true
		f.load()
	}
	if len(f.items) == 0 {
		f.cur = nil
		return false
	}
	f.cur, f.items = f.items[0], f.items[1:]
	return true
}

// Record returns the current item.
func (f *FeedReader) Record() *Record { return f.cur }

// Err returns the read error, if any.
func (f *FeedReader) Err() error { return f.err }

func (f *FeedReader) load() {
	max := f.maxRecord()
	raw, err := io.ReadAll(io.LimitReader(f.r, int64(max)+1))
	if err != nil {
		f.err = err
		return
	}
	if len(raw) > max {
		f.report(&ParseError{Path: f.path, Format: FormatFeed, Index: -1, Line: 1, Offset: 0,
			Err: fmt.Errorf("%w: feed larger than %d bytes", parallax.ErrTooLarge, max)})
		return
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(raw))
	if err != nil {
		f.report(&ParseError{Path: f.path, Format: FormatFeed, Index: -1, Line: 1, Offset: 0,
			Err: fmt.Errorf("%w: not an RSS or Atom feed: %v", parallax.ErrInvalid, err)})
		return
	}
	spans := itemSpans(raw)
	if len(spans) != len(feed.Items) {
		spans = nil
	}
	for i, it := range feed.Items {
		rec := feedRecord(feed, it)
		rec.Loc = parallax.Location{Path: f.path, Index: i, Offset: -1}
		if spans != nil {
			s := spans[i]
			rec.Raw = raw[s[0]:s[1]]
			rec.Loc.Offset = int64(s[0])
			rec.Loc.Line = 1 + bytes.Count(raw[:s[0]], []byte("\n"))
		} else if rec.Raw, err = json.Marshal(it); err != nil {
			f.report(&ParseError{Path: f.path, Format: FormatFeed, Index: i, Offset: -1, Err: fmt.Errorf("%w: item: %v", parallax.ErrInvalid, err)})
			continue
		}
		if rec.Title == "" && len(rec.Paragraphs) == 0 {
			f.report(&ParseError{Path: f.path, Format: FormatFeed, Index: i, Line: rec.Loc.Line, Offset: rec.Loc.Offset,
				Err: fmt.Errorf("%w: item with neither title nor text", parallax.ErrInvalid)})
			continue
		}
		f.items = append(f.items, rec)
	}
}

func feedRecord(feed *gofeed.Feed, it *gofeed.Item) *Record {
	rec := &Record{Format: FormatFeed, Title: joinLines(htmlText(it.Title)), URL: strings.TrimSpace(it.Link), ExternalID: strings.TrimSpace(it.GUID), Meta: parallax.Meta{}}
	rec.Meta["feed_type"] = feed.FeedType
	if feed.Title != "" {
		rec.Meta["feed_title"] = joinLines(feed.Title)
	}
	if feed.Link != "" {
		rec.Meta["feed_link"] = feed.Link
	}
	if lang, _, _ := strings.Cut(feed.Language, "-"); len(lang) == 2 {
		rec.Language = strings.ToLower(lang)
	}
	switch {
	case it.PublishedParsed != nil:
		rec.Published = parallax.Date{Time: it.PublishedParsed.UTC(), Precision: feedPrecision(*it.PublishedParsed), Source: "feed:published"}
	case it.UpdatedParsed != nil:
		rec.Published = parallax.Date{Time: it.UpdatedParsed.UTC(), Precision: feedPrecision(*it.UpdatedParsed), Source: "feed:updated"}
	}
	if it.Updated != "" {
		rec.Meta["updated"] = it.Updated
	}
	var authors []string
	for _, a := range it.Authors {
		if a != nil && strings.TrimSpace(a.Name) != "" {
			authors = append(authors, joinLines(a.Name))
		}
	}
	rec.Byline = strings.Join(authors, ", ")
	if len(it.Categories) > 0 {
		rec.Meta["categories"] = strings.Join(it.Categories, ", ")
	}
	if it.Content != "" {
		rec.Paragraphs = htmlFragment(it.Content)
		rec.Meta["content"] = "full"
	}
	if len(rec.Paragraphs) == 0 && it.Description != "" {
		rec.Paragraphs = htmlFragment(it.Description)
		rec.Meta["content"] = "summary"
	}
	return rec
}

// feedPrecision is day when a feed gives midnight exactly (a date without a
// time, as many feeds write it), else second.
func feedPrecision(t time.Time) parallax.Precision {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return parallax.PrecisionDay
	}
	return parallax.PrecisionSecond
}

// htmlFragment turns an HTML fragment (or plain text) into paragraphs.
func htmlFragment(s string) []string {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), body)
	if err != nil {
		return blocks(s)
	}
	root := &html.Node{Type: html.DocumentNode}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return htmlBlocks(root)
}

// htmlText returns the text of a fragment that may hold markup or entities
// (an RSS title), on one line.
func htmlText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	return strings.Join(htmlFragment(s), " ")
}

// itemSpans returns the byte ranges of the feed's items (<item>, <entry>)
// in order, or nil when the feed cannot be tokenised.
func itemSpans(raw []byte) [][2]int {
	d := xml.NewDecoder(bytes.NewReader(raw))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charset.NewReaderLabel
	var spans [][2]int
	depth, start := 0, -1
	for {
		off := int(d.InputOffset())
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 && (t.Name.Local == "item" || t.Name.Local == "entry") {
				start = off
				depth = 1
			} else if depth > 0 {
				depth++
			}
		case xml.EndElement:
			if depth > 0 {
				depth--
				if depth == 0 {
					end := int(d.InputOffset())
					if start < 0 || end > len(raw) || raw[start] != '<' {
						return nil
					}
					spans = append(spans, [2]int{start, end})
				}
			}
		}
	}
	return spans
}
