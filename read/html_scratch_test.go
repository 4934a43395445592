package read

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"testing"
	"fmt"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

func TestScratch(t *testing.T) {
	f, _ := os.Open("/work/shared/eval-data/article-extraction/html/042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856.html.gz")
	zr, _ := gzip.NewReader(f)
	b, _ := io.ReadAll(zr)
	doc, _ := html.Parse(bytes.NewReader(b))
	res, err := trafilatura.ExtractDocument(doc, trafilatura.Options{EnableFallback: true, ExcludeComments: true})
	if err != nil { t.Fatal(err) }
	var buf bytes.Buffer
	html.Render(&buf, res.ContentNode)
	fmt.Println(buf.String()[:min(3000,buf.Len())])
	fmt.Printf("%q\n", res.ContentText[:min(500,len(res.ContentText))])
	rec, err := ParseHTML(b, "", "")
	fmt.Printf("%v %+v\n", err, rec.Meta)
	fmt.Println(rec.Title, "|", rec.Byline, "|", rec.URL, "|", rec.Outlet, "|", rec.Published, rec.Language)
	for _, p := range rec.Paragraphs[:5] { fmt.Printf("%q\n", p) }
}
