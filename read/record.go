package read

import (
	"fmt"

	"github.com/parallaxhq/parallax"
)

// Record is one article as a reader found it: its fields taken apart, not
// yet repaired or interpreted. Strings may hold bytes that are not UTF-8;
// the repair stage decodes them.
type Record struct {
	Format parallax.Format
	Loc    parallax.Location
	Raw    []byte // the record's bytes exactly as read

	Title      string
	Paragraphs []string
	Published  parallax.Date // from a structured field; zero when the input gives none
	URL        string
	Byline     string
	Outlet     string // an outlet named by a field of the input
	ExternalID string
	Language   string
	Credits    []string
	Meta       parallax.Meta // other fields, as given
	// Charset is the character encoding the input declares (an HTML meta
	// tag, an HTTP header), "" when it declares none. The repair stage
	// decodes the fields with it when they are not UTF-8.
	Charset string
}

// ParseError is a malformed record or an unreadable input. Err wraps one of
// parallax.ErrInvalid, parallax.ErrUnsupported, parallax.ErrTooLarge, or an
// I/O error.
type ParseError struct {
	Path   string
	Format parallax.Format // "" when the format could not be told
	Index  int             // record index in the file, -1 when not known
	Line   int             // 1-based line where the problem is, 0 when not known
	Offset int64           // byte offset where the problem is, -1 when not known
	Err    error
}

func (e *ParseError) Error() string {
	loc := e.Path
	if e.Line > 0 {
		loc += fmt.Sprintf(":%d", e.Line)
	}
	if e.Offset >= 0 {
		loc += fmt.Sprintf(" (byte %d)", e.Offset)
	}
	if e.Index >= 0 {
		loc += fmt.Sprintf(" record %d", e.Index)
	}
	if e.Format != "" {
		return fmt.Sprintf("%s: %s: %v", loc, e.Format, e.Err)
	}
	return fmt.Sprintf("%s: %v", loc, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// Reader yields the records of one input, one at a time.
type Reader interface {
	// Next advances to the next good record and reports whether there is one.
	Next() bool
	// Record returns the current record. It is valid until the next call to Next.
	Record() *Record
	// Err returns the error that stopped reading, or nil at a clean end.
	Err() error
}

// DefaultMaxRecordBytes caps one record (or one single-record file).
const DefaultMaxRecordBytes = 32 << 20

// Options are the settings every format reader shares. Set them after
// the reader is made and before the first call to Next, as with csv.Reader.
type Options struct {
	// MaxRecordBytes caps one record; a larger one is skipped and reported
	// with parallax.ErrTooLarge. Zero means DefaultMaxRecordBytes.
	MaxRecordBytes int
	// OnBadRecord, if set, is called for each malformed record, which is
	// then skipped.
	OnBadRecord func(*ParseError)

	path string
	bad  int
}

// Bad returns how many malformed records were skipped so far.
func (o *Options) Bad() int { return o.bad }

func (o *Options) report(e *ParseError) {
	o.bad++
	if o.OnBadRecord != nil {
		o.OnBadRecord(e)
	}
}

func (o *Options) maxRecord() int {
	if o.MaxRecordBytes > 0 {
		return o.MaxRecordBytes
	}
	return DefaultMaxRecordBytes
}
