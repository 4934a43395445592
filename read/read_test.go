package read

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/parallaxhq/parallax"
)

// readAll reads src with a reader of the sniffed format and returns the
// good records and the errors.
func readAll(t *testing.T, src string) ([]*Record, []*ParseError) {
	t.Helper()
	var recs []*Record
	var errs []*ParseError
	w := &Walker{Stdin: strings.NewReader(src), OnError: func(e *ParseError) { errs = append(errs, e) }}
	err := w.Walk(context.Background(), []string{"-"}, func(r *Record) error {
		recs = append(recs, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return recs, errs
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestTextHeader(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		title   string
		url     string
		credits []string
		paras   []string
	}{
		{"title", " date 2023-09-28 H.E Talks held\n\nFirst.\n\nSecond.\n", "H.E Talks held", "", nil, []string{"First.", "Second."}},
		{"url", " date 2023-09-13 https://example.com/a-b-1.html\n\nThe Title\n\nBody one.\nwrapped\n\nBody two.\n", "The Title", "https://example.com/a-b-1.html", nil, []string{"Body one. wrapped", "Body two."}},
		{"photo credit", " date 2023-09-14 Photo : YONHAP News\n\nAnchor: a one-line transcript that is long enough, and only one paragraph.\n", "", "", []string{"YONHAP News"}, []string{"Anchor: a one-line transcript that is long enough, and only one paragraph."}},
		{"credit without spaces", "date 2024-01-02 Image:Agency X\n\nHeadline\n\nText.", "Headline", "", []string{"Agency X"}, []string{"Text."}},
		{"no tail", " date 2024-01-02\n\nHeadline\n\nText.", "Headline", "", nil, []string{"Text."}},
		{"crlf", " date 2024-01-02 T\r\n\r\nText.\r\n", "T", "", nil, []string{"Text."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs, errs := readAll(t, tc.in)
			if len(errs) > 0 || len(recs) != 1 {
				t.Fatalf("got %d records, errors %v", len(recs), errs)
			}
			r := recs[0]
			if r.Format != parallax.FormatTextHeader {
				t.Errorf("format = %q", r.Format)
			}
			if r.Published.Source != "header" || r.Published.Precision != parallax.PrecisionDay || r.Published.Time.Year() < 2023 {
				t.Errorf("published = %+v", r.Published)
			}
			if r.Title != tc.title || r.URL != tc.url {
				t.Errorf("title, url = %q, %q; want %q, %q", r.Title, r.URL, tc.title, tc.url)
			}
			if diff := cmp.Diff(tc.credits, r.Credits); diff != "" {
				t.Errorf("credits (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.paras, r.Paragraphs); diff != "" {
				t.Errorf("paragraphs (-want +got):\n%s", diff)
			}
			if string(r.Raw) != tc.in {
				t.Errorf("raw bytes not kept exactly")
			}
		})
	}
}

func TestPlainText(t *testing.T) {
	recs, _ := readAll(t, "A headline\n\nPara one\ncontinues.\n\n\nPara two keeps a no-break\u00a0space and Â\u00a0bytes.\n")
	if len(recs) != 1 {
		t.Fatalf("got %d records", len(recs))
	}
	r := recs[0]
	want := &Record{Format: parallax.FormatText, Title: "A headline", Paragraphs: []string{"Para one continues.", "Para two keeps a no-break\u00a0space and Â\u00a0bytes."}}
	if diff := cmp.Diff(want, r, cmp.FilterPath(func(p cmp.Path) bool {
		n := p.Last().String()
		return n == ".Raw" || n == ".Loc"
	}, cmp.Ignore())); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// A first paragraph too long for a title is body.
	long := strings.Repeat("word ", 100)
	recs, _ = readAll(t, long+"\n\nmore")
	if recs[0].Title != "" || len(recs[0].Paragraphs) != 2 {
		t.Errorf("long first line: title %q, %d paragraphs", recs[0].Title, len(recs[0].Paragraphs))
	}
}

func TestTREC(t *testing.T) {
	in := `<DOC>
<DOCNO> AB0101-0001 </DOCNO>
<DATE>
<P>
January 1, 2024
</P>
</DATE>
<HEADLINE>
<P>
First part;
</P>
<P>
second part
</P>
</HEADLINE>
<TEXT>
<P>
One &amp; only.
</P>
<P>
Two,
wrapped.
</P>
</TEXT>
</DOC>
<DOC><DOCNO>AB0101-0002</DOCNO><TEXT>No paragraphs here.

Second block.</TEXT></DOC>
`
	recs, errs := readAll(t, in)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(recs) != 2 {
		t.Fatalf("got %d records, want 2", len(recs))
	}
	r := recs[0]
	if r.ExternalID != "AB0101-0001" || r.Title != "First part; second part" || !r.Published.Time.Equal(day(2024, 1, 1)) || r.Published.Source != "sgml:DATE" {
		t.Errorf("record 0 = %q %q %+v", r.ExternalID, r.Title, r.Published)
	}
	if diff := cmp.Diff([]string{"One & only.", "Two, wrapped."}, r.Paragraphs); diff != "" {
		t.Errorf("paragraphs (-want +got):\n%s", diff)
	}
	r = recs[1]
	if r.Loc.Index != 1 || r.Loc.Line != 26 || r.ExternalID != "AB0101-0002" {
		t.Errorf("record 1 at %+v id %q", r.Loc, r.ExternalID)
	}
	if diff := cmp.Diff([]string{"No paragraphs here.", "Second block."}, r.Paragraphs); diff != "" {
		t.Errorf("paragraphs (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(string(r.Raw), "<DOC><DOCNO>") || !strings.HasSuffix(string(r.Raw), "</DOC>") {
		t.Errorf("raw = %q", r.Raw)
	}
}

func TestTRECBroken(t *testing.T) {
	in := "<DOC>\n<DOCNO> 1 </DOCNO>\n<TEXT>cut\n<DOC>\n<DOCNO> 2 </DOCNO>\n<TEXT>good</TEXT>\n</DOC>\n<DOC>\n<DOCNO> 3 </DOCNO>\n<TEXT>cut at the end"
	recs, errs := readAll(t, in)
	if len(recs) != 1 || recs[0].ExternalID != "2" {
		t.Fatalf("records = %v, want only 2", recs)
	}
	if len(errs) != 2 {
		t.Fatalf("errors = %v, want 2", errs)
	}
	if errs[0].Line != 1 || errs[0].Index != 0 || !errors.Is(errs[0], parallax.ErrInvalid) || !strings.Contains(errs[0].Error(), "before the next <DOC>") {
		t.Errorf("first error = %v (line %d)", errs[0], errs[0].Line)
	}
	if errs[1].Line != 8 || errs[1].Index != 2 || !strings.Contains(errs[1].Error(), "before the end of the input") {
		t.Errorf("second error = %v (line %d)", errs[1], errs[1].Line)
	}
}

func TestReuters(t *testing.T) {
	in := `<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5544" NEWID="1">
<DATE>26-FEB-1987 15:01:01.79</DATE>
<TOPICS><D>cocoa</D><D>grain</D></TOPICS>
<PLACES><D>el-salvador</D></PLACES>
<PEOPLE></PEOPLE>
<UNKNOWN> 
&#5;&#5;&#5;C T
&#22;&#22;&#1;f0704&#31;reute
u f BC-BAHIA-COCOA-REVIEW   02-26 0105</UNKNOWN>
<TEXT>&#2;
<TITLE>BAHIA COCOA REVIEW</TITLE>
<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued throughout the week in
the Bahia cocoa zone &lt;ABC>.
    The dry period means the temporao will be late.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" NEWID="2">
<DATE> 2-MAR-1987 09:00:00.00&#9;&#9;F</DATE>
<TEXT TYPE="UNPROC">&#2;
Unprocessed text
runs here.
&#3;</TEXT>
</REUTERS>
`
	recs, errs := readAll(t, in)
	if len(errs) > 0 || len(recs) != 2 {
		t.Fatalf("records %d, errors %v", len(recs), errs)
	}
	r := recs[0]
	if r.ExternalID != "1" || r.Title != "BAHIA COCOA REVIEW" || r.Outlet != "Reuters" {
		t.Errorf("record 0: id %q title %q outlet %q", r.ExternalID, r.Title, r.Outlet)
	}
	if want := time.Date(1987, 2, 26, 15, 1, 1, 0, time.UTC); !r.Published.Time.Equal(want) || r.Published.Precision != parallax.PrecisionSecond {
		t.Errorf("published = %+v", r.Published)
	}
	if diff := cmp.Diff([]string{"Showers continued throughout the week in the Bahia cocoa zone <ABC>.", "The dry period means the temporao will be late."}, r.Paragraphs); diff != "" {
		t.Errorf("paragraphs (-want +got):\n%s", diff)
	}
	if r.Meta["topics"] != "cocoa, grain" || r.Meta["places"] != "el-salvador" || r.Meta["dateline"] != "SALVADOR, Feb 26 -" || r.Meta["attr:oldid"] != "5544" {
		t.Errorf("meta = %v", r.Meta)
	}
	r = recs[1]
	if !r.Published.Time.Equal(time.Date(1987, 3, 2, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("record 1 published = %+v (from %q)", r.Published, r.Meta["date"])
	}
	if diff := cmp.Diff([]string{"Unprocessed text runs here."}, r.Paragraphs); diff != "" {
		t.Errorf("unprocessed paragraphs (-want +got):\n%s", diff)
	}
}

func TestJSONL(t *testing.T) {
	in := `{"title": "A", "content": "p1\n\np2", "pubDate": "Tue, 11 Mar 2025 09:30:00 GMT", "link": "https://x.example/a", "source": {"id": "x", "name": "X Daily"}, "authors": ["One", "Two"], "section": "world"}
not json at all
{"headline": "B", "body-paragraphs": [["q1a.", "q1b."], "q2"], "date": "2025-03-11"}

{"unrelated": true}
["an", "array"]
{"title": "C", "text": "last"}
`
	recs, errs := readAll(t, in)
	if len(recs) != 3 {
		t.Fatalf("got %d records, want 3 (errors %v)", len(recs), errs)
	}
	r := recs[0]
	if r.Format != parallax.FormatJSONL || r.Title != "A" || r.URL != "https://x.example/a" || r.Outlet != "X Daily" || r.Byline != "One, Two" || r.Meta["section"] != "world" {
		t.Errorf("record 0 = %+v", r)
	}
	if r.Published.Time.Hour() != 9 || r.Published.Precision != parallax.PrecisionSecond {
		t.Errorf("published = %+v", r.Published)
	}
	if diff := cmp.Diff([]string{"q1a. q1b.", "q2"}, recs[1].Paragraphs); diff != "" {
		t.Errorf("paragraphs (-want +got):\n%s", diff)
	}
	if recs[2].Loc.Line != 7 || recs[2].Loc.Index != 5 {
		t.Errorf("last record at %+v, want line 7, index 5", recs[2].Loc)
	}
	var lines []int
	for _, e := range errs {
		lines = append(lines, e.Line)
	}
	if diff := cmp.Diff([]int{2, 5, 6}, lines); diff != "" {
		t.Errorf("error lines (-want +got):\n%s", diff)
	}
	if !strings.Contains(errs[1].Error(), "no title or text field") {
		t.Errorf("error for an object without fields = %v", errs[1])
	}
}

func TestJSONDocument(t *testing.T) {
	recs, errs := readAll(t, "[\n {\"title\": \"A\", \"body\": \"x\"},\n {\"title\": \"B\", \"body\": \"y\"}\n]")
	if len(recs) != 2 || len(errs) > 0 {
		t.Fatalf("array: %d records, errors %v", len(recs), errs)
	}
	if string(recs[1].Raw) != `{"title": "B", "body": "y"}` {
		t.Errorf("raw element = %q", recs[1].Raw)
	}
	recs, errs = readAll(t, "{\n  \"title\": \"One\",\n  \"text\": \"Only.\"\n}\n")
	if len(recs) != 1 || recs[0].Format != parallax.FormatJSON || len(errs) > 0 {
		t.Fatalf("object: %v, errors %v", recs, errs)
	}
	recs, errs = readAll(t, "[{\"title\": \"A\", \"body\": \"x\"}, {\"title\": ")
	if len(recs) != 1 || len(errs) != 1 || !strings.Contains(errs[0].Error(), "truncated") {
		t.Errorf("truncated array: %d records, errors %v", len(recs), errs)
	}
}

func TestFieldMapping(t *testing.T) {
	f, err := ParseFields("title=hed,text=story+summary")
	if err != nil {
		t.Fatal(err)
	}
	r := &JSONReader{Fields: f}
	rec, err := r.parse([]byte(`{"hed": "H", "title": "not this", "summary": "S"}`), parallax.FormatJSON)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Title != "H" || len(rec.Paragraphs) != 1 || rec.Paragraphs[0] != "S" {
		t.Errorf("mapped record = %+v", rec)
	}
	for _, bad := range []string{"nope=x", "title", "title="} {
		if _, err := ParseFields(bad); !errors.Is(err, parallax.ErrInvalid) {
			t.Errorf("ParseFields(%q) error = %v, want ErrInvalid", bad, err)
		}
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		in   string
		want parallax.Format
		err  error
	}{
		{"<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS", parallax.FormatReuters, nil},
		{"\ufeff  <DOC>\n", parallax.FormatTREC, nil},
		{"<DOCNO>", parallax.FormatText, nil},
		{"[{}]", parallax.FormatJSON, nil},
		{"{\n  \"a\": 1\n}", parallax.FormatJSON, nil},
		{"{\"a\": 1,\n \"b\": 2}", parallax.FormatJSON, nil},
		{"{\"a\": 1}\n{\"a\": 2}", parallax.FormatJSONL, nil},
		{"{\"a\": 1}", parallax.FormatJSONL, nil},
		{" date 2024-01-01 x", parallax.FormatText, nil},
		{"<!doctype html><html>", FormatHTML, nil},
		{"PK\x03\x04", FormatZip, nil},
	}
	for _, tc := range tests {
		got, err := Sniff([]byte(tc.in))
		if got != tc.want || !errors.Is(err, tc.err) {
			t.Errorf("Sniff(%q) = %q, %v; want %q, %v", tc.in, got, err, tc.want, tc.err)
		}
	}
}

func TestDates(t *testing.T) {
	tests := []struct {
		in        string
		want      time.Time
		precision parallax.Precision
	}{
		{"2025-03-11T09:30:00+02:00", time.Date(2025, 3, 11, 7, 30, 0, 0, time.UTC), parallax.PrecisionSecond},
		{"2023-09-13T19:07+0000", time.Date(2023, 9, 13, 19, 7, 0, 0, time.UTC), parallax.PrecisionSecond},
		{"Tue, 11 Mar 2025 09:30:00 GMT", time.Date(2025, 3, 11, 9, 30, 0, 0, time.UTC), parallax.PrecisionSecond},
		{"September 13, 2023", day(2023, 9, 13), parallax.PrecisionDay},
		{"13 September 2023", day(2023, 9, 13), parallax.PrecisionDay},
		{" 5-MAR-1987 09:18:29.11", time.Date(1987, 3, 5, 9, 18, 29, 0, time.UTC), parallax.PrecisionSecond},
		{"31-MAR-1987 605:12:19.12", day(1987, 3, 31), parallax.PrecisionDay},
		{"2024-05", time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), parallax.PrecisionMonth},
		{"1700000000", time.Unix(1700000000, 0).UTC(), parallax.PrecisionSecond},
	}
	for _, tc := range tests {
		d, ok := parseDate(tc.in)
		if !ok || !d.Time.Equal(tc.want) || d.Precision != tc.precision {
			t.Errorf("parseDate(%q) = %v %s %v; want %v %s", tc.in, d.Time, d.Precision, ok, tc.want, tc.precision)
		}
	}
	for _, bad := range []string{"", "yesterday", "2024 was a year", "13/13/2023"} {
		if d, ok := parseDate(bad); ok {
			t.Errorf("parseDate(%q) = %v, want no date", bad, d)
		}
	}
}

func TestWalker(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("<DOC><DOCNO>G-1</DOCNO><TEXT>zipped</TEXT></DOC>"))
	zw.Close()
	write("b/archive.dat", gz.Bytes()) // gzip told by content, not name
	write("a.txt", []byte("Title\n\nBody."))
	write(".hidden/skip.txt", []byte("Hidden\n\nNot read."))
	write("c/empty.json", nil)
	var paths []string
	var errs []*ParseError
	w := &Walker{OnError: func(e *ParseError) { errs = append(errs, e) }}
	err := w.Walk(context.Background(), []string{dir, filepath.Join(dir, "gone.txt")}, func(r *Record) error {
		rel, _ := filepath.Rel(dir, r.Loc.Path)
		paths = append(paths, rel+":"+string(r.Format))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a.txt:text", "b/archive.dat:trec"}, paths); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	if len(errs) != 2 || !strings.Contains(errs[0].Error(), "empty file") || !strings.Contains(errs[1].Error(), "no such file") {
		t.Errorf("errors = %v", errs)
	}
	stop := errors.New("stop")
	if err := w.Walk(context.Background(), []string{dir}, func(*Record) error { return stop }); err != stop {
		t.Errorf("Walk returned %v, want the callback's error", err)
	}
}

func TestMaxRecordBytes(t *testing.T) {
	big := "<DOC><DOCNO>1</DOCNO><TEXT>" + strings.Repeat("x", 5000) + "</TEXT></DOC>\n<DOC><DOCNO>2</DOCNO><TEXT>small</TEXT></DOC>"
	var errs []*ParseError
	w := &Walker{MaxRecordBytes: 1000, Stdin: strings.NewReader(big), OnError: func(e *ParseError) { errs = append(errs, e) }}
	var ids []string
	w.Walk(context.Background(), []string{"-"}, func(r *Record) error { ids = append(ids, r.ExternalID); return nil })
	if diff := cmp.Diff([]string{"2"}, ids); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	if len(errs) != 1 || !errors.Is(errs[0], parallax.ErrTooLarge) {
		t.Errorf("errors = %v, want one ErrTooLarge", errs)
	}
}

// TestBytesKept checks that readers pass bytes that are not UTF-8 through
// untouched: decoding them is the repair stage's job, and it needs them.
func TestBytesKept(t *testing.T) {
	for _, in := range []string{
		"<DOC><DOCNO>1</DOCNO><TEXT>growth.\xfc&#5;&#30;side caf\xe9</TEXT></DOC>",
		"<REUTERS NEWID=\"1\"><TEXT><TITLE>T\xfc</TITLE><BODY>growth.\xfc&#5;&#30;side caf\xe9\n&#3;</BODY></TEXT></REUTERS>",
		"Title \xfc\n\ngrowth.\xfcside caf\xe9",
	} {
		recs, errs := readAll(t, in)
		if len(recs) != 1 || len(errs) > 0 {
			t.Fatalf("%q: %d records, errors %v", in, len(recs), errs)
		}
		if got := strings.Join(recs[0].Paragraphs, " "); !strings.Contains(got, "growth.\xfc") || !strings.Contains(got, "caf\xe9") {
			t.Errorf("%q: paragraphs %q lost the bytes", in, got)
		}
	}
}

func TestJSONInvalidUTF8(t *testing.T) {
	recs, errs := readAll(t, "{\"title\": \"ok\", \"text\": \"fine\"}\n{\"title\": \"caf\xe9\", \"text\": \"x\"}\n{\"title\": \"ok too\", \"text\": \"y\"}\n")
	if len(recs) != 2 {
		t.Errorf("got %d records, want the 2 good ones", len(recs))
	}
	if len(errs) != 1 || errs[0].Line != 2 || !strings.Contains(errs[0].Error(), "invalid UTF-8 (byte 0xe9 at byte 14 of the record)") {
		t.Errorf("errors = %v", errs)
	}
}
