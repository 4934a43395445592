package describe_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/describe"
)

// body is prose for test articles, written for these tests.
const body = "The two delegations met for five hours at the remote launch site, officials said on Wednesday."

// article builds a test article from paragraphs.
func article(paras ...string) *parallax.Article {
	a := &parallax.Article{}
	for _, p := range paras {
		a.Paragraphs = append(a.Paragraphs, parallax.Paragraph{Text: p})
	}
	return a
}

func with(a *parallax.Article, f func(a *parallax.Article)) *parallax.Article {
	f(a)
	return a
}

func TestOutlet(t *testing.T) {
	reg := MustDefaultRegistry(t)
	tests := []struct {
		name   string
		in     *parallax.Article
		id     string // "" for no outlet
		source string
	}{
		{"field beats url", with(article(body), func(a *parallax.Article) {
			a.Meta = parallax.Meta{"outlet": "Reuters"}
			a.URL = "https://edition.cnn.com/x"
		}), "reuters", "field"},
		{"field naming a domain", with(article(body), func(a *parallax.Article) {
			a.Meta = parallax.Meta{"outlet": "bbc.co.uk"}
		}), "bbc", "field"},
		{"field naming an unregistered outlet", with(article(body), func(a *parallax.Article) {
			a.Meta = parallax.Meta{"outlet": "The Daily Planet"}
		}), "the-daily-planet", "field"},
		{"url beats docno", with(article(body), func(a *parallax.Article) {
			a.URL = "https://www.theguardian.com/world/2023/sep/13/x"
			a.ExternalID = "AP880212-0001"
		}), "guardian", "url"},
		{"unregistered domain names itself", with(article(body), func(a *parallax.Article) {
			a.URL = "https://news.example-times.co.uk/a/b"
		}), "example-times.co.uk", "url"},
		{"archived copy counts as the original", with(article(body), func(a *parallax.Article) {
			a.URL = "https://web.archive.org/web/20230913120000/https://www.dw.com/en/x/a-1"
		}), "dw", "url"},
		{"aggregator names nobody", with(article(body), func(a *parallax.Article) {
			a.URL = "https://news.google.com/articles/CBMi"
		}), "", ""},
		{"docno beats sign-off", with(article(body, "Jane Holloway, BBC News, Moscow."), func(a *parallax.Article) {
			a.ExternalID = "NYT_ENG_20050101.0001"
		}), "nytimes", "docno"},
		{"dateline credit", article("SEOUL, Sept. 14 (Yonhap) -- " + body), "yonhap", "dateline"},
		{"dateline credit without date", article("WASHINGTON (AP) — " + body), "ap", "dateline"},
		{"sign-off beats contact line", with(article(body, "Jane Holloway, BBC News, Moscow."), func(a *parallax.Article) {
			a.Asides = []parallax.Aside{{Kind: "contact", Text: "Write to newsdesk@reuters.com"}}
		}), "bbc", "signoff"},
		{"contact line by e-mail domain", with(article(body), func(a *parallax.Article) {
			a.Asides = []parallax.Aside{{Kind: "contact", Text: "Contact us: desk@tass.com +7 495 000 00 00"}}
		}), "tass", "contact"},
		{"copyright line by name", with(article(body), func(a *parallax.Article) {
			a.Asides = []parallax.Aside{{Kind: "copyright", Text: "© 2023 The Associated Press. All rights reserved."}}
		}), "ap", "contact"},
		{"name in another kind of aside does not count", with(article(body), func(a *parallax.Article) {
			a.Asides = []parallax.Aside{{Kind: "related-headline", Text: "CNN: what the summit means"}}
		}), "", ""},
		{"a credit is not the publisher", with(article(body), func(a *parallax.Article) {
			a.Title = "Photo : YONHAP News"
			a.Credits = []string{"Reuters"}
		}), "", ""},
		{"cited outlet is not the publisher", article(
			"According to CNN, the address did not go into specifics.",
			body+" The daily Rodong Sinmun praised the visit, writing that it opened a new era.",
		), "", ""},
		{"reported-by ending is not a sign-off", article(body, "Officials declined to comment further, CNN reported."), "", ""},
		{"citing an agency at the end", article(body, "The meeting was productive, Xinhua said."), "", ""},
		{"sign-off shape but unregistered outlet", article(body, "Jane Holloway, Daily Planet News."), "", ""},
		{"sign-off shape not at the end", article("Jane Holloway, BBC News, Moscow.", body), "", ""},
		{"outlet already known", with(article(body, "Jane Holloway, BBC News, Moscow."), func(a *parallax.Article) {
			a.Outlet = &parallax.OutletRef{ID: "given", Name: "Given"}
		}), "given", ""},
		{"nothing to go by", article(body), "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			describe.New(reg).Describe(tt.in)
			var id, source string
			if tt.in.Outlet != nil {
				id, source = tt.in.Outlet.ID, tt.in.Outlet.Source
			}
			if id != tt.id || source != tt.source {
				t.Errorf("Outlet = %q from %q, want %q from %q", id, source, tt.id, tt.source)
			}
		})
	}
}

func TestOutletRefFields(t *testing.T) {
	a := with(article(body), func(a *parallax.Article) { a.URL = "https://sputnikglobe.com/20230913/x.html" })
	describe.New(MustDefaultRegistry(t)).Describe(a)
	want := &parallax.OutletRef{ID: "sputnik", Name: "Sputnik International", Country: "RU", StateAffiliated: true, Source: "url"}
	if diff := cmp.Diff(want, a.Outlet); diff != "" {
		t.Errorf("Outlet (-want +got):\n%s", diff)
	}
}

func TestSignoffShapes(t *testing.T) {
	reg := MustDefaultRegistry(t)
	tests := []struct {
		name, last     string
		outlet, byline string
	}{
		{"name, outlet", "Kim Bum-soo, KBS World Radio News.", "kbs-world-radio", "Kim Bum-soo"},
		{"name, outlet, place", "Jane Holloway, BBC News, Moscow.", "bbc", "Jane Holloway"},
		{"name, for outlet, place", "Henry Ashford, for VOA News, London.", "voa", "Henry Ashford"},
		{"name for outlet, place", "Henry Ashford for VOA News, London.", "voa", "Henry Ashford"},
		{"outlet's name reporting from", "Al Jazeera's Rob Tenner reporting from Seoul.", "aljazeera", "Rob Tenner"},
		{"outlet's name, reporting from", "CGTN's Li Wen, reporting from Beijing.", "cgtn", "Li Wen"},
		{"for outlet, I'm name", "For VOA News, I'm Mark Dolan in Washington.", "voa", "Mark Dolan"},
		{"I'm name, outlet, place", "I'm Mark Dolan, NPR News, Chicago.", "npr", "Mark Dolan"},
		{"this is name for outlet", "This is Mark Dolan for NPR News in Chicago.", "npr", "Mark Dolan"},
		{"last sentence of a paragraph", body + " Kim Bum-soo, KBS World Radio News.", "kbs-world-radio", "Kim Bum-soo"},
		{"glued to the sentence before", "The talks ended late.Kim Bum-soo, KBS World Radio News.", "kbs-world-radio", "Kim Bum-soo"},
		{"after an initial", "Talks went on. Jane K. Holloway, BBC News, Moscow.", "bbc", "Jane K. Holloway"},
		{"outlet without News", "Jane Holloway, Euronews, Brussels.", "euronews", "Jane Holloway"},
		{"not a person", "North Korea, KCNA.", "", ""},
		{"lower-case name", "the reporter, BBC News.", "", ""},
		{"after a quotation", `"We will win," he said. Jane Holloway, BBC News.`, "bbc", "Jane Holloway"},
		{"after a closing quote", `He called it "a new era." Jane Holloway, BBC News.`, "bbc", "Jane Holloway"},
		{"a sentence, not a sign-off", "Putin thanked Kim for his support, RIA Novosti said.", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := article(body, tt.last)
			describe.New(reg).Describe(a)
			var id string
			if a.Outlet != nil {
				id = a.Outlet.ID
			}
			if id != tt.outlet || a.Byline != tt.byline {
				t.Errorf("Outlet %q, Byline %q; want %q, %q", id, a.Byline, tt.outlet, tt.byline)
			}
		})
	}
	t.Run("signoff aside", func(t *testing.T) {
		a := article(body)
		a.Asides = []parallax.Aside{{Kind: "signoff", Text: "Kim Bum-soo, KBS World Radio News."}}
		describe.New(reg).Describe(a)
		if a.Outlet == nil || a.Outlet.ID != "kbs-world-radio" || a.Outlet.Source != "signoff" || a.Byline != "Kim Bum-soo" {
			t.Errorf("Outlet %+v, Byline %q", a.Outlet, a.Byline)
		}
	})
}

func TestTitle(t *testing.T) {
	tests := []struct {
		name, title string
		asides      []parallax.Aside
		wantTitle   string
		wantCredits []string
		wantURL     string
	}{
		{"photo credit", "Photo : YONHAP News", nil, "", []string{"YONHAP News"}, ""},
		{"photo by", "Photo by Jane Holloway", nil, "", []string{"Jane Holloway"}, ""},
		{"parenthesized image credit", "(Image: Reuters)", nil, "", []string{"Reuters"}, ""},
		{"copyright sign", "© AFP/Getty Images", nil, "", []string{"AFP/Getty Images"}, ""},
		{"url", "https://example.com/2023/09/13/story", nil, "", nil, "https://example.com/2023/09/13/story"},
		{"timestamp", "2023-09-13T19:07+0000", nil, "", nil, ""},
		{"cleared title taken from repeated title", "Photo: KCNA",
			[]parallax.Aside{{Kind: "repeated-title", Text: "Leaders tour the launch site"}},
			"Leaders tour the launch site", []string{"KCNA"}, ""},
		{"honorifics kept", "H.E Lee receives H.E Moreau at the palace", nil, "H.E Lee receives H.E Moreau at the palace", nil, ""},
		{"gallery title kept", "Photos: Leaders tour the launch site", nil, "Photos: Leaders tour the launch site", nil, ""},
		{"word photo kept", "Photography show opens in Seoul", nil, "Photography show opens in Seoul", nil, ""},
		{"credit as company kept", "Credit Suisse: shares fall again", nil, "Credit Suisse: shares fall again", nil, ""},
		{"video headline kept", "Video shows leaders at the cosmodrome", nil, "Video shows leaders at the cosmodrome", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := article(body)
			a.Title, a.Asides = tt.title, tt.asides
			describe.New(nil).Describe(a)
			if a.Title != tt.wantTitle || a.URL != tt.wantURL {
				t.Errorf("Title %q, URL %q; want %q, %q", a.Title, a.URL, tt.wantTitle, tt.wantURL)
			}
			if diff := cmp.Diff(tt.wantCredits, a.Credits); diff != "" {
				t.Errorf("Credits (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCredits(t *testing.T) {
	a := article(body)
	a.Credits = []string{"Photo: YONHAP News", "YONHAP News", " Reuters "}
	a.Asides = []parallax.Aside{{Kind: "caption", Text: "Photo: KCNA"}, {Kind: "tag", Text: "analysis"}}
	describe.New(nil).Describe(a)
	if diff := cmp.Diff([]string{"YONHAP News", "Reuters", "KCNA"}, a.Credits); diff != "" {
		t.Errorf("Credits (-want +got):\n%s", diff)
	}
}

func TestPublished(t *testing.T) {
	day := func(y int, m time.Month, d int, src string) parallax.Date {
		return parallax.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC), Precision: parallax.PrecisionDay, Source: src}
	}
	header := day(2023, 9, 14, "header")
	tests := []struct {
		name   string
		year   int
		in     *parallax.Article
		want   parallax.Date
		wantTS string // RFC 3339 for second precision
	}{
		{"dateline with year", 0, article("LONDON, Sept 13, 2023 (Reuters) - " + body), day(2023, 9, 13, "dateline"), ""},
		{"day-month-year dateline", 0, article("BERLIN, 13 September 2023 — " + body), day(2023, 9, 13, "dateline"), ""},
		{"dateline without year stays undated", 0, article("MOSCOW, Sept 13 (Reuters) - " + body), parallax.Date{}, ""},
		{"dateline without year, year given", 2023, article("MOSCOW, Sept 13 (Reuters) - " + body), day(2023, 9, 13, "dateline"), ""},
		{"impossible day", 2023, article("MOSCOW, Feb 30 (Reuters) - " + body), parallax.Date{}, ""},
		{"date in the prose is no dateline", 2023, article("On Sept 13, 2023, the leaders met. " + body), parallax.Date{}, ""},
		{"first timestamp of a page", 0, with(article(body), func(a *parallax.Article) {
			a.Asides = []parallax.Aside{
				{Kind: "tag", Text: "analysis"},
				{Kind: "timestamp", Text: "2023-09-13T19:07+0000"},
				{Kind: "timestamp", Text: "2023-09-13T19:10+0000"},
			}
		}), parallax.Date{Precision: parallax.PrecisionSecond, Source: "aside:timestamp"}, "2023-09-13T19:07:00Z"},
		{"input date kept", 0, with(article("LONDON, Sept 13, 2023 (Reuters) - "+body), func(a *parallax.Article) {
			a.Published = header
			a.Asides = []parallax.Aside{{Kind: "timestamp", Text: "2023-09-13T19:07+0000"}}
		}), header, ""},
		{"no date anywhere", 2023, article(body, "Talks will continue next month."), parallax.Date{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := describe.New(nil)
			d.Year = tt.year
			d.Describe(tt.in)
			got := tt.in.Published
			if tt.wantTS != "" {
				if got.String() != tt.wantTS || got.Precision != tt.want.Precision || got.Source != tt.want.Source {
					t.Errorf("Published = %v (%s, %s), want %s (%s, %s)", got, got.Precision, got.Source, tt.wantTS, tt.want.Precision, tt.want.Source)
				}
				return
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Published (-want +got):\n%s", diff)
			}
		})
	}
}

func TestByline(t *testing.T) {
	tests := []struct {
		name   string
		in     *parallax.Article
		byline string
	}{
		{"field with By", with(article(body), func(a *parallax.Article) { a.Byline = "By Jane Holloway" }), "Jane Holloway"},
		{"field kept as given", with(article(body), func(a *parallax.Article) { a.Byline = "Staff reporter" }), "Staff reporter"},
		{"byline aside with outlet", with(article(body), func(a *parallax.Article) {
			a.Asides = []parallax.Aside{{Kind: "byline", Text: "By Jane Holloway and Mark Dolan, Reuters"}}
		}), "Jane Holloway and Mark Dolan"},
		{"byline aside with a bare name", with(article(body), func(a *parallax.Article) {
			a.Asides = []parallax.Aside{{Kind: "byline", Text: "Ekaterina Volkova"}}
		}), "Ekaterina Volkova"},
		{"By first line", article("By Jane Holloway | Seoul", body), "Jane Holloway"},
		{"By first line with place", article("BY JANE HOLLOWAY in Seoul", body), "JANE HOLLOWAY"},
		{"By starting a sentence", article("By the time the talks ended, the two sides had agreed.", body), ""},
		{"reporting-by credit", article(body, "(Reporting by Jane Holloway in Seoul; Editing by Mark Dolan)"), "Jane Holloway"},
		{"name repeated on its own lines", with(article(body), func(a *parallax.Article) {
			a.Asides = []parallax.Aside{
				{Kind: "tag", Text: "Ekaterina Volkova"}, {Kind: "tag", Text: "news"},
				{Kind: "tag", Text: "Ekaterina Volkova"},
			}
		}), "Ekaterina Volkova"},
		{"name once is a tag", with(article(body), func(a *parallax.Article) {
			a.Asides = []parallax.Aside{{Kind: "tag", Text: "Ekaterina Volkova"}}
		}), ""},
		{"repeated name in the text is a subject", with(article("Vladimir Putin greeted the guests. "+body), func(a *parallax.Article) {
			a.Asides = []parallax.Aside{{Kind: "tag", Text: "Vladimir Putin"}, {Kind: "tag", Text: "Vladimir Putin"}}
		}), ""},
		{"lower-case tags", with(article(body), func(a *parallax.Article) {
			a.Asides = []parallax.Aside{{Kind: "tag", Text: "vladimir putin"}, {Kind: "tag", Text: "vladimir putin"}}
		}), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			describe.New(MustDefaultRegistry(t)).Describe(tt.in)
			if tt.in.Byline != tt.byline {
				t.Errorf("Byline = %q, want %q", tt.in.Byline, tt.byline)
			}
		})
	}
}

func TestLanguage(t *testing.T) {
	tests := []struct {
		name, given, text, want string
	}{
		{"english", "", "The two leaders met at the spaceport on Wednesday and agreed to expand their cooperation in several fields, officials said.", "en"},
		{"german", "", "Die beiden Staatschefs trafen sich am Mittwoch auf dem Weltraumbahnhof und vereinbarten eine engere Zusammenarbeit in mehreren Bereichen.", "de"},
		{"russian", "", "Два лидера встретились в среду на космодроме и договорились расширить сотрудничество в нескольких областях, сообщили официальные лица.", "ru"},
		{"korean", "", "두 정상은 수요일 우주기지에서 만나 여러 분야에서 협력을 확대하기로 합의했다고 관계자들이 밝혔다.", "ko"},
		{"too short to tell", "", "Talks ended.", ""},
		{"given code normalized", "en_US", "Die beiden Staatschefs trafen sich am Mittwoch.", "en"},
		{"given name, not a code, detected", "Deutsch", "Die beiden Staatschefs trafen sich am Mittwoch auf dem Weltraumbahnhof und vereinbarten eine engere Zusammenarbeit.", "de"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := article(tt.text)
			a.Language = tt.given
			describe.New(nil).Describe(a)
			if a.Language != tt.want {
				t.Errorf("Language = %q, want %q", a.Language, tt.want)
			}
		})
	}
}

// TestDescribeTwice: describing an article again changes nothing.
func TestDescribeTwice(t *testing.T) {
	d := describe.New(MustDefaultRegistry(t))
	d.Year = 2023
	a := typicalArticle()
	a.Title = "Photo: Reuters"
	d.Describe(a)
	once := *a
	d.Describe(a)
	if diff := cmp.Diff(&once, a); diff != "" {
		t.Errorf("second Describe changed the article (-once +twice):\n%s", diff)
	}
}

// typicalArticle is a scraped wire story of about 3 KB.
func typicalArticle() *parallax.Article {
	a := &parallax.Article{
		URL:   "https://www.example-daily.com/world/2023/09/13/summit",
		Title: "Leaders meet at remote spaceport",
		Asides: []parallax.Aside{
			{Kind: "timestamp", Text: "2023-09-13T19:07+0000"},
			{Kind: "tag", Text: "world"},
			{Kind: "tag", Text: "Mark Dolan"},
			{Kind: "copyright", Text: "© 2023 Example Daily. All rights reserved."},
			{Kind: "tag", Text: "Mark Dolan"},
		},
	}
	paras := []string{
		"MOSCOW, Sept 13 (Reuters) - " + body,
		"The leaders toured launch pads before sitting down for talks that lasted into the evening, according to people familiar with the schedule.",
	}
	for len(strings.Join(paras, "\n\n")) < 3000 {
		paras = append(paras, "Analysts said the meeting showed how both governments were looking for partners as pressure from abroad grew, and that the choice of venue was meant to signal ambitions in space and defence.")
	}
	paras = append(paras, "Jane Holloway, BBC News, Moscow.")
	for _, p := range paras {
		a.Paragraphs = append(a.Paragraphs, parallax.Paragraph{Text: p})
	}
	return a
}

func BenchmarkDescribe(b *testing.B) {
	d := describe.New(MustDefaultRegistry(b))
	a := typicalArticle()
	b.SetBytes(int64(len(a.Text())))
	b.ReportAllocs()
	for b.Loop() {
		c := *a
		c.Published, c.Outlet, c.Byline, c.Language, c.Credits = parallax.Date{}, nil, "", "", nil
		d.Describe(&c)
	}
}

// BenchmarkDescribeNoURL is the slow path: no URL, so the outlet is looked
// for in the dateline, the sign-off and the contact lines.
func BenchmarkDescribeNoURL(b *testing.B) {
	d := describe.New(MustDefaultRegistry(b))
	a := typicalArticle()
	a.URL = ""
	a.Paragraphs[0].Text = body
	a.Paragraphs[len(a.Paragraphs)-1].Text = body
	b.SetBytes(int64(len(a.Text())))
	b.ReportAllocs()
	for b.Loop() {
		c := *a
		c.Published, c.Outlet, c.Byline, c.Language, c.Credits = parallax.Date{}, nil, "", "", nil
		d.Describe(&c)
	}
}

func BenchmarkDefaultRegistry(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := describe.DefaultRegistry(); err != nil {
			b.Fatal(err)
		}
	}
}

func TestDatelineAfterByline(t *testing.T) {
	d := describe.New(MustDefaultRegistry(t))
	d.Year = 2023
	a := article("By Jane Holloway", "MOSCOW, Sept 13 (Reuters) - "+body)
	d.Describe(a)
	if a.Outlet == nil || a.Outlet.ID != "reuters" || a.Published.String() != "2023-09-13" || a.Byline != "Jane Holloway" {
		t.Errorf("Outlet %+v, Published %v, Byline %q", a.Outlet, a.Published, a.Byline)
	}
}
