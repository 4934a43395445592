package describe

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/parallaxhq/parallax"
)

func TestParseDateline(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want dateline
		ok   bool
	}{
		{"wire", "MOSCOW, Sept 13 (Reuters) - Russia said", dateline{Place: "MOSCOW", Month: 9, Day: 13, Credit: "Reuters"}, true},
		{"period after month, double dash", "SEOUL, Sept. 14 (Yonhap) -- North Korea", dateline{Place: "SEOUL", Month: 9, Day: 14, Credit: "Yonhap"}, true},
		{"credit only", "WASHINGTON (AP) — The U.S.", dateline{Place: "WASHINGTON", Credit: "AP"}, true},
		{"region", "WASHINGTON, D.C., Sept 13 (AP) — Officials", dateline{Place: "WASHINGTON, D.C.", Month: 9, Day: 13, Credit: "AP"}, true},
		{"month day year", "LONDON, Sept 13, 2023 (Reuters) - Britain", dateline{Place: "LONDON", Month: 9, Day: 13, Year: 2023, Credit: "Reuters"}, true},
		{"day month year, no credit", "Berlin, 13 September 2023 – The", dateline{Place: "Berlin", Month: 9, Day: 13, Year: 2023}, true},
		{"iso date", "VLADIVOSTOK, 2023-09-13 — Kim", dateline{Place: "VLADIVOSTOK", Month: 9, Day: 13, Year: 2023}, true},
		{"two-word place", "New York, March 3 (AFP) - Stocks", dateline{Place: "New York", Month: 3, Day: 3, Credit: "AFP"}, true},
		{"no dash", "MOSCOW, Sept 13 (Reuters) Russia said", dateline{}, false},
		{"place only", "MOSCOW - Russia said", dateline{}, false},
		{"sentence with a dash", "Putin said the talks - which lasted hours - went well", dateline{}, false},
		{"lower-case place", "the capital, Sept 13 - talks", dateline{}, false},
		{"impossible day", "MOSCOW, Sept 31 (Reuters) - x", dateline{}, false},
		{"dash too far", "MOSCOW, Sept 13 (Reuters)" + strings.Repeat(" x", 60) + " - y", dateline{}, false},
		{"empty credit", "MOSCOW () - x", dateline{}, false},
		{"empty", "", dateline{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := parseDateline(tt.in)
			if ok != tt.ok {
				t.Fatalf("parseDateline(%q) ok = %v, want %v (%+v)", tt.in, ok, tt.ok, got)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("parseDateline(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in               string
		month, day, year int
		ok               bool
	}{
		{"Sept 13", 9, 13, 0, true},
		{"September 13, 2023", 9, 13, 2023, true},
		{"13 Sep 2023", 9, 13, 2023, true},
		{"Feb 29", 2, 29, 0, true},
		{"Feb 29 2023", 0, 0, 0, false},
		{"Feb 29 2024", 2, 29, 2024, true},
		{"Sept", 0, 0, 0, false},
		{"13 2023", 0, 0, 0, false},
		{"2023 Sept 13", 0, 0, 0, false},
		{"Sept 13 1776", 0, 0, 0, false},
		{"Maybe 13", 0, 0, 0, false},
	}
	for _, tt := range tests {
		var dl dateline
		ok := parseDate(tt.in, &dl)
		if ok != tt.ok || int(dl.Month) != tt.month || dl.Day != tt.day || dl.Year != tt.year {
			t.Errorf("parseDate(%q) = %v %d %d, %v; want %d %d %d, %v", tt.in, dl.Month, dl.Day, dl.Year, ok, tt.month, tt.day, tt.year, tt.ok)
		}
	}
}

func TestParseTimestamp(t *testing.T) {
	tests := []struct {
		in        string
		want      string // Date.String()
		precision parallax.Precision
	}{
		{"2023-09-13T19:07+0000", "2023-09-13T19:07:00Z", parallax.PrecisionSecond},
		{"2023-09-13T19:07:05.123+03:00", "2023-09-13T19:07:05+03:00", parallax.PrecisionSecond},
		{"2023-09-13T19:07:05Z", "2023-09-13T19:07:05Z", parallax.PrecisionSecond},
		{"2023-09-13 19:07 +0000", "2023-09-13T19:07:00Z", parallax.PrecisionSecond},
		{"Published: 2023-09-13 19:07 UTC", "2023-09-13T19:07:00Z", parallax.PrecisionSecond},
		{"2023-09-13T19:07", "2023-09-13", parallax.PrecisionDay},
		{"2023-09-13", "2023-09-13", parallax.PrecisionDay},
		{"13 September 2023, 19:07 GMT", "2023-09-13T19:07:00Z", parallax.PrecisionSecond},
		{"Sept. 13, 2023 7:07 PM", "2023-09-13", parallax.PrecisionDay},
		{"posted September 13, 2023", "2023-09-13", parallax.PrecisionDay},
		{"Sep 13, 2023 12:30 AM UTC", "2023-09-13T00:30:00Z", parallax.PrecisionSecond},
		{"Updated: 2023-09-14T08:00Z", "", ""},
		{"Last updated September 14, 2023", "", ""},
		{"Sept 13", "", ""},
		{"2023-13-45", "", ""},
		{"13:07 PM Sept 13, 2023", "", ""},
		{"Sept 13, 2023 25:00 UTC", "", ""},
		{"1850-01-01", "", ""},
		{"analysis", "", ""},
	}
	for _, tt := range tests {
		got, ok := parseTimestamp(tt.in)
		if ok != (tt.want != "") || got.String() != tt.want || got.Precision != tt.precision {
			t.Errorf("parseTimestamp(%q) = %v (%s), %v; want %q (%s)", tt.in, got, got.Precision, ok, tt.want, tt.precision)
		}
	}
}

func FuzzParseTimestamp(f *testing.F) {
	for _, s := range []string{"2023-09-13T19:07+0000", "Published: 2023-09-13 19:07 UTC", "Sept. 13, 2023 7:07 PM", "13 September 2023, 19:07 GMT", "0000-00-00T"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := parseTimestamp(s)
		if ok != !d.IsZero() {
			t.Fatalf("parseTimestamp(%q) = %v, %v", s, d, ok)
		}
		if ok && (d.Time.Year() < 1899 || d.Time.Year() > 2101 || d.Source != DateSourceTimestamp) {
			t.Fatalf("parseTimestamp(%q) = %+v", s, d)
		}
	})
}

func TestParseSignoff(t *testing.T) {
	tests := []struct {
		in   string
		want signoff
		ok   bool
	}{
		{"Kim Bum-soo, KBS World Radio News.", signoff{"Kim Bum-soo", "KBS World Radio News"}, true},
		{"Jane Holloway, BBC News, Moscow.", signoff{"Jane Holloway", "BBC News"}, true},
		{"For VOA News, I'm Mark Dolan.", signoff{"Mark Dolan", "VOA News"}, true},
		{"Al Jazeera’s Rob Tenner, reporting from Seoul", signoff{"Rob Tenner", "Al Jazeera"}, true},
		{"Jean-Luc de la Tour for France 24, Paris.", signoff{"Jean-Luc de la Tour", "France 24"}, true},
		{"The delegation, officials said.", signoff{}, false},
		{"Kim, KBS.", signoff{}, false},
		{"Kim Bum-soo,\nKBS World Radio News.", signoff{}, false},
		{"", signoff{}, false},
	}
	for _, tt := range tests {
		got, ok := parseSignoff(tt.in)
		if ok != tt.ok || got != tt.want {
			t.Errorf("parseSignoff(%q) = %+v, %v; want %+v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestLastSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"One. Two three. Four five!", []string{"Four five!", "Two three. Four five!", "One. Two three. Four five!"}},
		{"Glued.Together.", []string{"Together.", "Glued.Together."}},
		{"Dr. Chung spoke.", []string{"Dr. Chung spoke."}},
		{`He said "yes." Then left.`, []string{"Then left.", `He said "yes." Then left.`}},
		{"", []string{""}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, lastSentences(tt.in)); diff != "" {
			t.Errorf("lastSentences(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestIsPersonName(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Kim Bum-soo", true},
		{"Ekaterina Blinova", true},
		{"Jane K. Holloway", true},
		{"Ludwig van Beethoven", true},
		{"Mohammed bin Salman", true},
		{"Seán O’Brien", true},
		{"Екатерина Блинова", true},
		{"Sputnik International", false},
		{"KBS World Radio News", false},
		{"North Korea", false},
		{"vladimir putin", false},
		{"Madonna", false},
		{"Kim 2023", false},
		{"One Two Three Four Five Six", false},
		{"김범수 기자", false},
	}
	for _, tt := range tests {
		if got := isPersonName(tt.in); got != tt.want {
			t.Errorf("isPersonName(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestParseCredit(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"Photo : YONHAP News", "YONHAP News", true},
		{"PHOTO: KCNA", "KCNA", true},
		{"Photo by Jane Holloway", "Jane Holloway", true},
		{"Photo courtesy of the Ministry of Defence", "the Ministry of Defence", true},
		{"Image: Reuters/Pool", "Reuters/Pool", true},
		{"(Photo: AP)", "AP", true},
		{"© 2023 Reuters", "2023 Reuters", true},
		{"Photos: Leaders tour the launch site", "", false},
		{"Photo of the day", "", false},
		{"Pictures show crowds at the station", "", false},
		{"Photo:", "", false},
	}
	for _, tt := range tests {
		got, ok := parseCredit(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseCredit(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestIsCountryCode(t *testing.T) {
	// Assigned codes, and the user-assigned ones (XK is Kosovo's by common use).
	for _, c := range []string{"KR", "KP", "RU", "GB", "US", "PS", "HK", "TW", "AD", "ZW", "XK", "XA", "QM", "QZ", "AA", "ZZ"} {
		if !isCountryCode(c) {
			t.Errorf("isCountryCode(%q) = false", c)
		}
	}
	for _, c := range []string{"UK", "EU", "QL", "xa", "kr", "K", "KRR", "D ", " A", ""} {
		if isCountryCode(c) {
			t.Errorf("isCountryCode(%q) = true", c)
		}
	}
	if n := len(strings.Fields(countryCodes)); n != 249 {
		t.Errorf("%d country codes, want 249", n)
	}
}

func TestRegistrableDomain(t *testing.T) {
	for in, want := range map[string]string{
		"news.example.com":      "example.com",
		"example.com":           "example.com",
		"a.b.example.co.uk":     "example.co.uk",
		"world.example.co.kr":   "example.co.kr",
		"edition.example.news":  "example.news",
		"example.de":            "example.de",
		"deep.sub.example.info": "example.info",
	} {
		if got := registrableDomain(in); got != want {
			t.Errorf("registrableDomain(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"The Daily Planet":  "the-daily-planet",
		"  Al-Monitor  ":    "al-monitor",
		"Rádio Eldorado FM": "rádio-eldorado-fm",
		"...":               "",
	} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzParseDateline(f *testing.F) {
	for _, s := range []string{
		"MOSCOW, Sept 13 (Reuters) - Russia said",
		"WASHINGTON, D.C., Sept 13, 2023 (AP) — Officials",
		"Berlin, 13 September 2023 – The",
		"VLADIVOSTOK, 2023-09-13 — Kim",
		"A (B) - c", "(,) -", ", - ", "X, Feb 29 -",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		dl, ok := parseDateline(s)
		if !ok {
			if dl != (dateline{}) {
				t.Fatalf("parseDateline(%q) failed but returned %+v", s, dl)
			}
			return
		}
		if dl.Place == "" || !strings.Contains(s, strings.Split(dl.Place, ",")[0]) {
			t.Fatalf("parseDateline(%q): place %q not from the input", s, dl.Place)
		}
		if dl.Credit != "" && !strings.Contains(s, dl.Credit) {
			t.Fatalf("parseDateline(%q): credit %q not from the input", s, dl.Credit)
		}
		if dl.Month == 0 && dl.Credit == "" {
			t.Fatalf("parseDateline(%q): neither date nor credit", s)
		}
		if dl.Month != 0 {
			y := dl.Year
			if y == 0 {
				y = 2000
			}
			d := time.Date(y, dl.Month, dl.Day, 0, 0, 0, 0, time.UTC)
			if d.Month() != dl.Month || d.Day() != dl.Day {
				t.Fatalf("parseDateline(%q): impossible date %+v", s, dl)
			}
		}
	})
}

func FuzzParseSignoff(f *testing.F) {
	for _, s := range []string{
		"Kim Bum-soo, KBS World Radio News.",
		"For VOA News, I'm Mark Dolan in Washington.",
		"Al Jazeera's Rob Tenner reporting from Seoul.",
		"The talks ended late.Kim Bum-soo, KBS World Radio News.",
		"Dr. Chung spoke. Jane K. Holloway, BBC News, Moscow.",
		`He said "yes." Then left.`, "...", "a.B", ".\u00e9",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		for _, c := range lastSentences(p) {
			if !strings.HasSuffix(strings.TrimSpace(p), c) {
				t.Fatalf("lastSentences(%q): %q is not an ending", p, c)
			}
			if utf8.ValidString(p) && !utf8.ValidString(c) {
				t.Fatalf("lastSentences(%q): invalid UTF-8 %q", p, c)
			}
			so, ok := parseSignoff(c)
			if !ok {
				continue
			}
			if !isPersonName(so.Name) || so.Outlet == "" || !strings.Contains(c, so.Name) || !strings.Contains(c, so.Outlet) {
				t.Fatalf("parseSignoff(%q) = %+v", c, so)
			}
		}
	})
}

func FuzzParseByline(f *testing.F) {
	for _, s := range []string{
		"By Jane Holloway and Mark Dolan, Reuters",
		"BY JANE HOLLOWAY in Seoul",
		"By the time the talks ended, they agreed.",
		"(Reporting by Jane Holloway in Seoul; Editing by Mark Dolan)",
		"By A B, C D and E F | G", "By ,", "by  x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if names, ok := parseByline(s); ok && (names == "" || !strings.Contains(s, names)) {
			t.Fatalf("parseByline(%q) = %q", s, names)
		}
		if names, ok := parseReportingBy(s); ok && (names == "" || !strings.Contains(s, names)) {
			t.Fatalf("parseReportingBy(%q) = %q", s, names)
		}
		if end, ok := splitNames(s); end < 0 || end > len(s) || ok != (end > 0) {
			t.Fatalf("splitNames(%q) = %d, %v", s, end, ok)
		}
	})
}

func FuzzParseCredit(f *testing.F) {
	for _, s := range []string{"Photo : YONHAP News", "(Image: Reuters)", "© AFP", "Photos: a b", "Photo by"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if src, ok := parseCredit(s); ok && (src == "" || !strings.Contains(s, src)) {
			t.Fatalf("parseCredit(%q) = %q", s, src)
		}
	})
}
