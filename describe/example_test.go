package describe_test

import (
	"fmt"
	"strings"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/describe"
)

func ExampleDescriber_Describe() {
	reg, err := describe.DefaultRegistry()
	if err != nil {
		panic(err)
	}
	a := &parallax.Article{
		Title: "Photo : YONHAP News",
		Paragraphs: []parallax.Paragraph{
			{Text: "Anchor: The two leaders met at a remote launch site on Wednesday."},
			{Text: "Report: Analysts say the talks may lead to new arms deals. Jane Holloway, KBS World Radio News."},
		},
	}
	describe.New(reg).Describe(a)
	fmt.Printf("outlet %s (%s, from the %s), byline %s, credits %v, title %q, date %q\n",
		a.Outlet.Name, a.Outlet.Country, a.Outlet.Source, a.Byline, a.Credits, a.Title, a.Published)
	// Output:
	// outlet KBS World Radio (KR, from the signoff), byline Jane Holloway, credits [YONHAP News], title "", date ""
}

func ExampleRegistry_Merge() {
	reg, err := describe.DefaultRegistry()
	if err != nil {
		panic(err)
	}
	// A user file maps the DOCNO prefix of a TREC collection to an outlet.
	err = reg.Merge(strings.NewReader(`[{"id": "example-wire", "name": "Example Wire", "country": "CA", "docno_prefixes": ["EW"]}]`))
	if err != nil {
		panic(err)
	}
	o, _ := reg.ByDOCNO("EW091323-0002")
	fmt.Println(o.Name, o.Country)
	o, _ = reg.ByDomain("edition.cnn.com")
	fmt.Println(o.Name, o.Country, o.Ownership)
	// Output:
	// Example Wire CA
	// CNN US private
}
