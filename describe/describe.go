package describe

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/abadojack/whatlanggo"
	"github.com/parallaxhq/parallax"
)

// Outlet sources: how [Describer.Describe] found an article's outlet, in
// order of precedence.
const (
	SourceField    = "field"    // a structured field of the record (Meta["outlet"])
	SourceURL      = "url"      // the domain of the article's URL
	SourceDOCNO    = "docno"    // a DOCNO prefix of the external id
	SourceDateline = "dateline" // the agency credit of an opening dateline, "(Reuters)"
	SourceSignoff  = "signoff"  // the reporter's sign-off at the end
	SourceContact  = "contact"  // a contact or copyright line taken out of the body
)

// Date sources set by [Describer.Describe].
const (
	DateSourceTimestamp = "aside:timestamp" // an ISO 8601 timestamp line of a scraped page
	DateSourceDateline  = "dateline"        // the date of an opening dateline
)

// Describer fills in what can be known about an article. It keeps no state
// between articles: once its fields are set, it is safe for concurrent use
// as long as its registry is not merged into at the same time.
type Describer struct {
	reg *Registry

	// Year is the year to give a dateline that has only a month and a day
	// ("MOSCOW, Sept 13 (Reuters) -"), when the caller knows it, for example
	// from the corpus. Zero, the default, leaves such articles undated.
	Year int

	// MinLanguageLetters is how many letters of text language detection
	// needs before it answers; shorter texts get no language.
	MinLanguageLetters int
}

// New returns a Describer that looks outlets up in reg; a nil reg knows no
// outlets.
func New(reg *Registry) *Describer {
	if reg == nil {
		reg = NewRegistry()
	}
	return &Describer{reg: reg, MinLanguageLetters: 40}
}

// Describe fills in an article's metadata, in place: it clears a title that
// is really a photo credit or a URL, then fills the credits, the outlet, the
// byline, the publication date when the input gave none, and the language.
// It never invents: what the article does not say stays unknown. It does
// not change the paragraphs.
func (d *Describer) Describe(a *parallax.Article) {
	describeTitle(a)
	describeCredits(a)
	var so signoffMemo
	if a.Outlet == nil {
		a.Outlet = d.findOutlet(a, &so)
	}
	d.describeByline(a, &so)
	if a.Published.IsZero() {
		a.Published = d.findDate(a)
	}
	a.Language = d.language(a)
}

// describeTitle clears a title that is not one: a photo credit (kept as a
// credit), a URL (kept as the URL when there is none) or a timestamp. A
// title left empty is taken from a repeated-title line of the page.
func describeTitle(a *parallax.Article) {
	t := strings.TrimSpace(a.Title)
	switch {
	case t == "":
	case urlLine.MatchString(t):
		if a.URL == "" {
			a.URL = t
		}
		a.Title = ""
	case timestampLine.MatchString(t):
		a.Title = ""
	default:
		if c, ok := parseCredit(t); ok {
			a.Credits = addCredit(a.Credits, c)
			a.Title = ""
		}
	}
	if a.Title == "" {
		for _, as := range a.Asides {
			if as.Kind == "repeated-title" && strings.TrimSpace(as.Text) != "" {
				a.Title = strings.TrimSpace(as.Text)
				break
			}
		}
	}
}

// describeCredits normalizes the credits ("Photo: X" → "X") and adds those
// of photo-credit lines taken out of the body.
func describeCredits(a *parallax.Article) {
	credits := a.Credits[:0:0]
	for _, c := range a.Credits {
		if src, ok := parseCredit(c); ok {
			c = src
		}
		credits = addCredit(credits, c)
	}
	for _, as := range a.Asides {
		if src, ok := parseCredit(as.Text); ok {
			credits = addCredit(credits, src)
		}
	}
	if len(credits) == 0 {
		credits = nil
	}
	a.Credits = credits
}

func addCredit(credits []string, c string) []string {
	c = strings.TrimSpace(c)
	if c == "" || slices.ContainsFunc(credits, func(x string) bool { return strings.EqualFold(x, c) }) {
		return credits
	}
	return append(credits, c)
}

// findOutlet applies the outlet rules in order of precedence. A credit is
// never the publisher, nor is an outlet the body merely cites.
func (d *Describer) findOutlet(a *parallax.Article, so *signoffMemo) *parallax.OutletRef {
	if name := strings.TrimSpace(a.Meta["outlet"]); name != "" {
		return d.fieldOutlet(name)
	}
	if ref := d.urlOutlet(a.URL); ref != nil {
		return ref
	}
	if o, ok := d.reg.ByDOCNO(a.ExternalID); ok {
		return ref(o, SourceDOCNO)
	}
	for _, lead := range datelineCandidates(a) {
		if dl, ok := parseDateline(lead); ok && dl.Credit != "" {
			if o, ok := d.outletNamed(dl.Credit); ok {
				return ref(o, SourceDateline)
			}
		}
	}
	if _, o, ok := so.find(d, a); ok {
		return ref(o, SourceSignoff)
	}
	for _, as := range a.Asides {
		if as.Kind != "contact" && as.Kind != "copyright" {
			continue
		}
		if o, ok := d.outletInLine(as.Text); ok {
			return ref(o, SourceContact)
		}
	}
	return nil
}

// datelineCandidates returns the texts a dateline may stand in: a dateline
// field of the input (Reuters SGML has one), then the lead paragraph.
func datelineCandidates(a *parallax.Article) []string {
	var out []string
	if dl := strings.TrimSpace(a.Meta["dateline"]); dl != "" {
		out = append(out, dl+" ")
	}
	if lead, ok := leadParagraph(a); ok {
		out = append(out, lead)
	}
	return out
}

// leadParagraph returns the paragraph a dateline would open: the first,
// or the second when the first is a "By" line.
func leadParagraph(a *parallax.Article) (string, bool) {
	for i, p := range a.Paragraphs {
		if _, ok := parseByline(p.Text); ok && i == 0 {
			continue
		}
		return p.Text, true
	}
	return "", false
}

func ref(o Outlet, source string) *parallax.OutletRef {
	return &parallax.OutletRef{ID: o.ID, Name: o.Name, Country: o.Country, StateAffiliated: o.StateAffiliated, Source: source}
}

// fieldOutlet resolves an outlet field: a registered name or domain, else
// the name as given.
func (d *Describer) fieldOutlet(name string) *parallax.OutletRef {
	if o, ok := d.reg.ByName(name); ok {
		return ref(o, SourceField)
	}
	if !strings.ContainsAny(name, " \t") && strings.Contains(name, ".") {
		if o, ok := d.reg.ByDomain(name); ok {
			return ref(o, SourceField)
		}
	}
	return &parallax.OutletRef{ID: slug(name), Name: name, Source: SourceField}
}

// sharingHosts serve other outlets' articles, so their domain names no
// publisher.
var sharingHosts = []string{
	"news.google.com", "msn.com", "flipboard.com", "newsbreak.com", "pressreader.com",
	"archive.org", "archive.ph", "archive.today", "archive.is", "t.co", "bit.ly",
	"feedproxy.google.com", "feeds.feedburner.com", "ground.news", "newsnow.co.uk",
}

// urlOutlet finds the outlet of a URL: the registered outlet of its domain,
// else one named after the domain. An archived copy counts as the URL it
// archives; a news aggregator or link shortener names nobody.
func (d *Describer) urlOutlet(u string) *parallax.OutletRef {
	if u == "" {
		return nil
	}
	// https://web.archive.org/web/20230913000000/https://example.com/...
	if strings.Contains(u, "archive.org/web/") {
		if i := strings.Index(u[1:], "http"); i >= 0 {
			u = u[i+1:]
		}
	}
	if o, ok := d.reg.ByDomain(u); ok {
		return ref(o, SourceURL)
	}
	host := hostOf(u)
	if !strings.Contains(host, ".") || strings.ContainsAny(host, " \t") {
		return nil
	}
	for _, s := range sharingHosts {
		if host == s || strings.HasSuffix(host, "."+s) {
			return nil
		}
	}
	dom := registrableDomain(host)
	return &parallax.OutletRef{ID: dom, Name: dom, Source: SourceURL}
}

// registrableDomain guesses the domain an organization registered: the last
// two labels, or three under a country's second level ("bbc.co.uk").
func registrableDomain(host string) string {
	labels := strings.Split(host, ".")
	n := 2
	if len(labels) >= 3 && len(labels[len(labels)-1]) == 2 {
		switch labels[len(labels)-2] {
		case "co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "go", "gob", "gouv", "info", "biz", "nic":
			n = 3
		}
	}
	if len(labels) < n {
		return host
	}
	return strings.Join(labels[len(labels)-n:], ".")
}

// outletNamed resolves an outlet phrase from a sign-off or a dateline:
// "KBS World Radio News", "BBC News, Moscow", "Reuters".
func (d *Describer) outletNamed(phrase string) (Outlet, bool) {
	phrase = strings.TrimSpace(phrase)
	if o, ok := d.reg.ByName(phrase); ok {
		return o, true
	}
	for _, suffix := range []string{" News", " news", " Radio", " TV"} {
		if p, ok := strings.CutSuffix(phrase, suffix); ok {
			if o, ok := d.reg.ByName(p); ok {
				return o, true
			}
		}
	}
	return Outlet{}, false
}

// signoffMemo keeps the sign-off of the article being described, found
// once for both the outlet and the byline.
type signoffMemo struct {
	done bool
	so   signoff
	o    Outlet
	ok   bool
}

func (m *signoffMemo) find(d *Describer, a *parallax.Article) (signoff, Outlet, bool) {
	if !m.done {
		m.so, m.o, m.ok = d.findSignoff(a)
		m.done = true
	}
	return m.so, m.o, m.ok
}

// findSignoff looks for a reporter's sign-off naming a registered outlet in
// the asides marked "signoff", then at the end of the last paragraph.
func (d *Describer) findSignoff(a *parallax.Article) (signoff, Outlet, bool) {
	var candidates []string
	for _, as := range a.Asides {
		if as.Kind == "signoff" {
			candidates = append(candidates, as.Text)
		}
	}
	if n := len(a.Paragraphs); n > 0 {
		candidates = append(candidates, lastSentences(a.Paragraphs[n-1].Text)...)
	}
	for _, c := range candidates {
		if so, ok := parseSignoff(c); ok {
			if o, ok := d.outletNamed(so.Outlet); ok {
				return so, o, true
			}
		}
	}
	return signoff{}, Outlet{}, false
}

// emailOrDomain finds e-mail addresses and host names in a line.
var emailOrDomain = regexp.MustCompile(`(?i)(?:[a-z0-9._%+-]+@)?(?:[a-z0-9-]+\.)+[a-z]{2,}`)

// outletInLine finds a registered outlet in a contact or copyright line:
// by an e-mail or web domain first, then by name.
func (d *Describer) outletInLine(line string) (Outlet, bool) {
	for _, m := range emailOrDomain.FindAllString(line, 8) {
		if o, ok := d.reg.ByDomain(m); ok {
			return o, true
		}
	}
	if o, ok := d.reg.findName(line); ok {
		return *o, true
	}
	return Outlet{}, false
}

// describeByline sets the byline, taking the first that applies: a byline
// the input gave ("By " removed), a "byline" line taken out of the body, a
// "By Name" first paragraph, the reporter of a sign-off, a "Reporting by"
// credit at the end, then a person's name that stands alone on lines of a
// scraped page at least twice and never in the text.
func (d *Describer) describeByline(a *parallax.Article, memo *signoffMemo) {
	if b := strings.TrimSpace(a.Byline); b != "" {
		if names, ok := parseByline(b); ok {
			a.Byline = names
		} else {
			a.Byline = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(b, "By "), "BY "))
		}
		return
	}
	for _, as := range a.Asides {
		if as.Kind != "byline" {
			continue
		}
		t := strings.TrimSpace(as.Text)
		if names, ok := parseByline(t); ok {
			a.Byline = names
			return
		}
		if end, ok := splitNames(t); ok {
			a.Byline = t[:end]
			return
		}
	}
	if len(a.Paragraphs) > 0 {
		if names, ok := parseByline(a.Paragraphs[0].Text); ok {
			a.Byline = names
			return
		}
	}
	if so, _, ok := memo.find(d, a); ok {
		a.Byline = so.Name
		return
	}
	if n := len(a.Paragraphs); n > 0 {
		if names, ok := parseReportingBy(a.Paragraphs[n-1].Text); ok {
			a.Byline = names
			return
		}
	}
	a.Byline = repeatedName(a)
}

// byPrefix matches the start of a byline.
var byPrefix = regexp.MustCompile(`^(?i:by)\s+`)

// parseByline reads a byline line such as "By Jane Doe and John Roe,
// Reuters" and returns the names, as written, without the outlet or job.
func parseByline(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) > 120 || strings.Contains(s, "\n") {
		return "", false
	}
	loc := byPrefix.FindStringIndex(s)
	if loc == nil {
		return "", false
	}
	rest := s[loc[1]:]
	end, ok := splitNames(rest)
	if !ok {
		return "", false
	}
	// What follows the names must not go on as a sentence ("By Jane Doe
	// said ..." is no byline).
	tail := strings.TrimSpace(rest[end:])
	if tail != "" && !strings.ContainsAny(tail[:1], ",|;/-—–(") && !strings.HasPrefix(tail, "in ") {
		return "", false
	}
	return rest[:end], true
}

// reportingBy matches a wire story's closing credit:
// "(Reporting by Jane Doe in Seoul; Editing by John Roe)".
var reportingBy = regexp.MustCompile(`(?:^|\()\s*(?:Reporting|Reported|Written) by ([^;)]{3,120})`)

// parseReportingBy returns the reporters of a closing "Reporting by" credit.
func parseReportingBy(p string) (string, bool) {
	p = strings.TrimSpace(p)
	if len(p) > 300 {
		p = p[len(p)-300:]
	}
	m := reportingBy.FindStringSubmatch(p)
	if m == nil {
		return "", false
	}
	end, ok := splitNames(m[1])
	if !ok {
		return "", false
	}
	return m[1][:end], true
}

// repeatedName returns a person's name that stands alone on two or more
// aside lines and does not occur in the text: on a scraped page, that is
// the author. People the text is about appear in it.
func repeatedName(a *parallax.Article) string {
	counts := make(map[string]int)
	var order []string
	for _, as := range a.Asides {
		t := strings.TrimSpace(as.Text)
		if !isPersonName(t) {
			continue
		}
		if counts[t] == 0 {
			order = append(order, t)
		}
		counts[t]++
	}
	for _, name := range order {
		if counts[name] >= 2 && !mentions(a, name) {
			return name
		}
	}
	return ""
}

// mentions reports whether the title or a paragraph contains s.
func mentions(a *parallax.Article, s string) bool {
	return strings.Contains(a.Title, s) || slices.ContainsFunc(a.Paragraphs, func(p parallax.Paragraph) bool {
		return strings.Contains(p.Text, s)
	})
}

// findDate dates an undated article: by the first aside that is only a
// timestamp, as scraped pages have (the published time comes before the updated one), else
// by its opening dateline when the year is known.
func (d *Describer) findDate(a *parallax.Article) parallax.Date {
	for _, as := range a.Asides {
		if dt, ok := parseTimestamp(as.Text); ok {
			return dt
		}
	}
	if lead, ok := leadParagraph(a); ok {
		if dl, ok := parseDateline(lead); ok && dl.Month != 0 {
			year := dl.Year
			if year == 0 {
				year = d.Year
			}
			if year != 0 {
				return parallax.Date{
					Time:      time.Date(year, dl.Month, dl.Day, 0, 0, 0, 0, time.UTC),
					Precision: parallax.PrecisionDay,
					Source:    DateSourceDateline,
				}
			}
		}
	}
	return parallax.Date{}
}

// timestampZoned are the ISO 8601 layouts with a zone that scraped pages
// show, after a space between date and time is made a "T".
var timestampZoned = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05.999999999-0700",
	"2006-01-02T15:04-0700",
}

// timestampLabel is a label before a page's timestamp.
var timestampLabel = regexp.MustCompile(`^(?i)(published|posted|created|date|updated|last updated|modified)\s*:?\s*`)

// writtenClock is the time of day after a written-out date: ", 7:07 PM EST".
var writtenClock = regexp.MustCompile(`,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s?([AaPp])\.?[Mm]\.?)?(?:\s+([A-Z]{2,4}))?$`)

// parseTimestamp reads a line that is only a date or a date and time, as
// scraped pages show them: "2023-09-13T19:07+0000", "Published: 2023-09-13
// 19:07 UTC", "13 September 2023, 19:07", "Sept. 13, 2023 7:07 PM". A time
// with a zone (or UTC, GMT) gives second precision; a time without one
// cannot be placed, so only its day counts. A line labelled as an update
// time is not a publication date.
func parseTimestamp(s string) (parallax.Date, bool) {
	s = strings.TrimSpace(s)
	if m := timestampLabel.FindStringSubmatch(s); m != nil {
		switch strings.ToLower(m[1]) {
		case "updated", "last updated", "modified":
			return parallax.Date{}, false
		}
		s = s[len(m[0]):]
	}
	utc := false
	for _, z := range []string{" UTC", " GMT", "UTC", "GMT"} {
		if t, ok := strings.CutSuffix(s, z); ok {
			s, utc = t, true
			break
		}
	}
	if timestampLine.MatchString(s) {
		return parseISOTimestamp(s, utc)
	}
	// A written-out date, perhaps with a time.
	date, hour, minute, sec, known := s, 0, 0, 0, utc
	if m := writtenClock.FindStringSubmatchIndex(s); m != nil {
		date = s[:m[0]]
		hour, _ = strconv.Atoi(s[m[2]:m[3]])
		minute, _ = strconv.Atoi(s[m[4]:m[5]])
		if m[6] >= 0 {
			sec, _ = strconv.Atoi(s[m[6]:m[7]])
		}
		if m[8] >= 0 {
			if hour < 1 || hour > 12 {
				return parallax.Date{}, false
			}
			hour %= 12
			if strings.EqualFold(s[m[8]:m[9]], "p") {
				hour += 12
			}
		}
		if m[10] >= 0 {
			zone := s[m[10]:m[11]]
			known = known || zone == "UTC" || zone == "GMT"
		}
		if hour > 23 || minute > 59 || sec > 59 {
			return parallax.Date{}, false
		}
	} else {
		known = false
	}
	var dl dateline
	if !parseDate(date, &dl) || dl.Year == 0 {
		return parallax.Date{}, false
	}
	if known {
		t := time.Date(dl.Year, dl.Month, dl.Day, hour, minute, sec, 0, time.UTC)
		return parallax.Date{Time: t, Precision: parallax.PrecisionSecond, Source: DateSourceTimestamp}, true
	}
	t := time.Date(dl.Year, dl.Month, dl.Day, 0, 0, 0, 0, time.UTC)
	return parallax.Date{Time: t, Precision: parallax.PrecisionDay, Source: DateSourceTimestamp}, true
}

// parseISOTimestamp reads an ISO 8601 date or date-time; utc says the line
// ended in "UTC" or "GMT".
func parseISOTimestamp(s string, utc bool) (parallax.Date, bool) {
	day, err := time.Parse(time.DateOnly, s[:10])
	if err != nil {
		return parallax.Date{}, false
	}
	if len(s) > 10 {
		s = s[:10] + "T" + strings.ReplaceAll(s[11:], " ", "")
	}
	for _, layout := range timestampZoned {
		if t, err := time.Parse(layout, s); err == nil {
			return checkYear(parallax.Date{Time: t, Precision: parallax.PrecisionSecond, Source: DateSourceTimestamp})
		}
	}
	if utc && len(s) > 10 {
		for _, layout := range []string{"2006-01-02T15:04:05.999999999", "2006-01-02T15:04"} {
			if t, err := time.Parse(layout, s); err == nil {
				return checkYear(parallax.Date{Time: t, Precision: parallax.PrecisionSecond, Source: DateSourceTimestamp})
			}
		}
	}
	return checkYear(parallax.Date{Time: day, Precision: parallax.PrecisionDay, Source: DateSourceTimestamp})
}

func checkYear(dt parallax.Date) (parallax.Date, bool) {
	if y := dt.Time.Year(); y < 1900 || y > 2100 {
		return parallax.Date{}, false
	}
	return dt, true
}

// language returns the ISO 639-1 code of the article's language: the one
// the input gave if it is a code, normalized ("en_US" → "en"), else the one
// detected in the title and the first paragraphs when the detection is
// reliable, else "".
func (d *Describer) language(a *parallax.Article) string {
	if l := strings.ToLower(strings.TrimSpace(a.Language)); l != "" {
		if i := strings.IndexAny(l, "-_"); i > 0 {
			l = l[:i]
		}
		if len(l) == 2 {
			return l
		}
	}
	var b strings.Builder
	b.WriteString(a.Title)
	for _, p := range a.Paragraphs {
		if b.Len() >= languageSample {
			break
		}
		b.WriteString("\n")
		b.WriteString(p.Text)
	}
	text := b.String()
	if len(text) > languageSample {
		text = strings.ToValidUTF8(text[:languageSample], "")
	}
	letters := 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters < d.MinLanguageLetters {
		return ""
	}
	l, words := functionWordCount(text)
	if l != "" {
		return l
	}
	if words < minLanguageWords && whatlanggo.DetectScript(text) == unicode.Latin {
		return "" // too short to tell; scripts such as Hangul or Han still tell
	}
	if len(text) > whatlangSample {
		text = strings.ToValidUTF8(text[:whatlangSample], "")
	}
	info := whatlanggo.Detect(text)
	if !info.IsReliable() {
		return ""
	}
	return info.Lang.Iso6391()
}

// languageSample is how many bytes of an article language detection reads:
// enough for a reliable answer, and whatlanggo's time grows with it (about
// 0.5 ms for 200 bytes, 1 ms for 1,000, 1.7 ms for 2,000 on the
// development machine).
const languageSample = 1000

// whatlangSample is how much of that whatlanggo reads, when the
// function-word test cannot tell.
const whatlangSample = 400

// slug makes an outlet id from a name: lower-case letters and digits
// joined by hyphens.
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}
