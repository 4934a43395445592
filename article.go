package parallax

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
)

// Format names the shape an article arrived in.
type Format string

// Input formats. The reader that produced a record sets its format; it is
// sniffed from the content, never taken from the file name alone.
const (
	FormatText       Format = "text"        // plain text, first line the title
	FormatTextHeader Format = "text-header" // plain text with a " date YYYY-MM-DD rest" header line
	FormatTREC       Format = "trec"        // TREC SGML <DOC>
	FormatReuters    Format = "reuters"     // Reuters-21578 SGML <REUTERS>
	FormatJSON       Format = "json"        // a JSON object or an array of objects
	FormatJSONL      Format = "jsonl"       // JSON Lines, one object a line
)

// Location is one place an article was read from. The same article read from
// two files has two locations.
type Location struct {
	Path   string `json:"path"`   // the file, as given on the command line; "archive.gz" or "dir/sub/file" for members
	Index  int    `json:"index"`  // position of the record inside the file, 0 for single-record files
	Offset int64  `json:"offset"` // byte offset of the record in the (decompressed) file
	Line   int    `json:"line"`   // 1-based line of the record's first byte
}

// Precision says how much of a [Date] is known.
type Precision string

// Date precisions.
const (
	PrecisionDay    Precision = "day"
	PrecisionSecond Precision = "second"
	PrecisionMonth  Precision = "month"
	PrecisionYear   Precision = "year"
)

// Date is a publication date with where it came from. A zero Date means the
// input did not say; Parallax never invents one.
type Date struct {
	Time      time.Time `json:"time"`
	Precision Precision `json:"precision,omitempty"`
	Source    string    `json:"source,omitempty"` // e.g. "header", "sgml:DATE", "json:published", "dateline"
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.Time.IsZero() }

// String renders the date as YYYY-MM-DD for day precision (or coarser), as
// RFC 3339 when the time of day is known, and "" when unknown.
func (d Date) String() string {
	switch {
	case d.IsZero():
		return ""
	case d.Precision == PrecisionSecond:
		return d.Time.Format(time.RFC3339)
	default:
		return d.Time.Format(time.DateOnly)
	}
}

// ParagraphKind tells body prose from headings inside the text.
type ParagraphKind string

// Paragraph kinds.
const (
	ParagraphBody      ParagraphKind = "body"
	ParagraphHeading   ParagraphKind = "heading"   // a section subhead inside the text
	ParagraphSoundBite ParagraphKind = "soundbite" // a transcript sound bite; Speaker says whose
)

// Paragraph is one paragraph of an article's repaired text.
type Paragraph struct {
	Text    string        `json:"text"`
	Kind    ParagraphKind `json:"kind,omitempty"`    // "" means body
	Speaker string        `json:"speaker,omitempty"` // for sound bites: the speaker as the marker names them
}

// Aside is a line taken out of the body because it is not prose — a
// timestamp, a tag, an image URL, a copyright line — kept because it may
// carry metadata (a date, a byline, a URL) and so that nothing is lost.
type Aside struct {
	Kind string `json:"kind"` // e.g. "timestamp", "tag", "xpath", "image-url", "related-url", "contact", "copyright", "keywords", "image-size", "repeated-title", "related-headline", "byline"
	Text string `json:"text"`
}

// OutletRef identifies the outlet that published an article.
type OutletRef struct {
	ID              string `json:"id"`
	Name            string `json:"name"`
	Country         string `json:"country,omitempty"`
	StateAffiliated bool   `json:"state_affiliated"`
	Source          string `json:"source,omitempty"` // how it was found: "url", "signoff", "docno", "field", …
}

// Signal is something notable about an article that is not its content: a
// manipulation (disguised letters), a copy of another article, a warning.
type Signal struct {
	Kind   string `json:"kind"`
	Detail string `json:"detail,omitempty"`
	Count  int    `json:"count,omitempty"`
}

// Article is one report as Parallax keeps it: the repaired text, what is
// known about it and where each fact came from, and the raw bytes as received.
type Article struct {
	ID         string      `json:"id"`
	Format     Format      `json:"format"`
	Locations  []Location  `json:"locations"`
	ExternalID string      `json:"external_id,omitempty"`
	Outlet     *OutletRef  `json:"outlet,omitempty"`
	URL        string      `json:"url,omitempty"`
	Title      string      `json:"title"`
	Byline     string      `json:"byline,omitempty"`
	Credits    []string    `json:"credits,omitempty"`
	Published  Date        `json:"published"`
	Language   string      `json:"language,omitempty"`
	Paragraphs []Paragraph `json:"paragraphs"`
	Asides     []Aside     `json:"asides,omitempty"`
	Repairs    []Repair    `json:"repairs,omitempty"`
	Signals    []Signal    `json:"signals,omitempty"`
	Meta       Meta        `json:"meta,omitempty"` // format-specific fields kept as given (Reuters TOPICS, JSON extras)
	Entities   []Entity    `json:"entities,omitempty"`
	Quotes     []Quote     `json:"quotes,omitempty"`
	// Fingerprint is for grouping; nil for articles stored before it existed.
	Fingerprint *Fingerprint `json:"fingerprint,omitempty"`
	StoryID     string       `json:"story,omitempty"`
	Ingested    time.Time    `json:"ingested"`

	// Raw is the record exactly as read. Stores keep it compressed; it is
	// loaded only when asked for.
	Raw []byte `json:"-"`
}

// Meta holds extra fields of a record, by name, as the input gave them.
type Meta map[string]string

// Text joins the paragraphs with a blank line between them.
func (a *Article) Text() string {
	var b strings.Builder
	for i, p := range a.Paragraphs {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(p.Text)
	}
	return b.String()
}

// ArticleID derives the stable id of an article from its raw record: the same
// bytes always give the same id, whatever file they came from. Line endings
// and surrounding white space do not count.
func ArticleID(raw []byte) string {
	s := strings.TrimSpace(strings.ReplaceAll(string(raw), "\r\n", "\n"))
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:8])
}
