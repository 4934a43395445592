package read

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzWalk reads data as standard input and checks the invariants every
// reader keeps: no panic, every record's raw bytes are a part of the input,
// every error names its input, and a good record has a location inside it.
func fuzzWalk(t *testing.T, data []byte) {
	var errs []*ParseError
	w := &Walker{Stdin: strings.NewReader(string(data)), MaxRecordBytes: 1 << 16, OnError: func(e *ParseError) { errs = append(errs, e) }}
	err := w.Walk(context.Background(), []string{"-"}, func(r *Record) error {
		if r.Loc.Path != "-" {
			t.Errorf("record path = %q", r.Loc.Path)
		}
		if r.Loc.Offset < 0 || r.Loc.Offset > int64(len(data)) {
			t.Errorf("record offset %d outside the input of %d bytes", r.Loc.Offset, len(data))
		}
		if len(r.Raw) == 0 || !strings.Contains(string(data), string(r.Raw)) {
			t.Errorf("raw bytes %q are not a part of the input", r.Raw)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		if !strings.HasPrefix(e.Error(), "-") || !utf8.ValidString(e.Error()) && utf8.Valid(data) {
			t.Errorf("error %q does not name its input", e)
		}
	}
}

func FuzzText(f *testing.F) {
	f.Add([]byte(" date 2023-09-13 https://example.com/x\n\nTitle\n\nBody.\n"))
	f.Add([]byte(" date 2023-09-14 Photo : AGENCY\n\nAnchor: text.Report: more."))
	f.Add([]byte("Title\n\nBody Â\u00a0text \xfc\n"))
	f.Add([]byte(""))
	f.Add([]byte("\x00\x01binary"))
	f.Fuzz(fuzzWalk)
}

func FuzzSGML(f *testing.F) {
	f.Add([]byte("<DOC>\n<DOCNO> A-1 </DOCNO>\n<DATE>May 2, 2024</DATE>\n<HEADLINE><P>a;</P><P>b</P></HEADLINE>\n<TEXT><P>x</P></TEXT>\n</DOC>"))
	f.Add([]byte("<DOC><DOC><TEXT>cut</DOC></DOC>"))
	f.Add([]byte("<!DOCTYPE lewis>\n<REUTERS NEWID=\"1\"><DATE>26-FEB-1987 15:01:01.79</DATE><TEXT><TITLE>T</TITLE><BODY>b\n Reuter\n&#3;</BODY></TEXT></REUTERS>"))
	f.Add([]byte("<REUTERS NEWID=\"2\"><TEXT><TITLE>x"))
	f.Fuzz(fuzzWalk)
}

func FuzzJSON(f *testing.F) {
	f.Add([]byte(`{"title": "A", "text": "b"}` + "\n" + `{"title": "B", "paragraphs": ["c"]}`))
	f.Add([]byte(`[{"headline": "A", "body": "b"}, {"title": 1}]`))
	f.Add([]byte("{\n \"title\": \"A\",\n \"source\": {\"name\": \"N\"}\n}"))
	f.Add([]byte(`{"title": "cut`))
	f.Add([]byte(`[{"title": "A", "text": "b"}, {`))
	f.Fuzz(fuzzWalk)
}
