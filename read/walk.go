package read

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/parallaxhq/parallax"
)

// Walker reads every record from a list of inputs: files, directories
// (recursively, in lexical order, skipping hidden entries), gzip streams,
// zip and tar archives (.tar, .tgz), and "-" for standard input. Each
// input's format is sniffed from its content. An archive's members are
// named "archive.zip/inner/path.html"; a member whose path is absolute or
// climbs out of the archive ("../") is reported and skipped, never
// trusted, and the decompressed bytes of each member and of each archive
// are capped, so that a decompression bomb stops with parallax.ErrTooLarge.
type Walker struct {
	// Fields maps JSON keys to article fields; nil means DefaultFields.
	Fields Fields
	// MaxRecordBytes caps one record; zero means DefaultMaxRecordBytes.
	MaxRecordBytes int
	// OnError is called for each input that cannot be read and each record
	// that is malformed; both are skipped and reading goes on.
	OnError func(*ParseError)
	// Stdin is read for the path "-"; nil means os.Stdin.
	Stdin io.Reader
	// StdinOrigin names standard input and says where it was fetched from,
	// for inputs that arrive over the network rather than from a file.
	StdinOrigin Origin
	// MaxArchiveBytes caps the decompressed bytes read from one archive,
	// and MaxMemberBytes from one of its members; zero means
	// DefaultMaxArchiveBytes and DefaultMaxMemberBytes.
	MaxArchiveBytes int64
	MaxMemberBytes  int64
}

// Origin describes an input that does not come from a file: the name that
// stands for it in locations and errors ("" means "-"), the URL it was
// fetched from and the charset its HTTP response declared ("" when not
// known). HTML pages use the URL when they name no canonical one, and the
// charset before their own meta tags, as browsers do.
type Origin struct {
	Name    string
	URL     string
	Charset string
}

// Walk calls fn for each good record of the inputs, in order. It stops at
// the first error fn returns, or when ctx is done, and returns that error.
func (w *Walker) Walk(ctx context.Context, paths []string, fn func(*Record) error) error {
	for _, p := range paths {
		if err := w.walkPath(ctx, p, fn); err != nil {
			return err
		}
	}
	return nil
}

func (w *Walker) walkPath(ctx context.Context, path string, fn func(*Record) error) error {
	if path == "-" {
		in := w.Stdin
		if in == nil {
			in = os.Stdin
		}
		name := w.StdinOrigin.Name
		if name == "" {
			name = "-"
		}
		return w.readStream(ctx, name, in, streamInfo{origin: w.StdinOrigin}, fn)
	}
	st, err := os.Stat(path)
	if err != nil {
		w.fail(&ParseError{Path: path, Index: -1, Offset: -1, Err: inputError(err)})
		return nil
	}
	if !st.IsDir() {
		return w.readFile(ctx, path, fn)
	}
	return filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			w.fail(&ParseError{Path: p, Index: -1, Offset: -1, Err: inputError(err)})
			return nil
		}
		if p != path && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
			return nil
		}
		return w.readFile(ctx, p, fn)
	})
}

func inputError(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("cannot read: no such file (it may have been removed): %w", err)
	}
	return fmt.Errorf("cannot read: %w", err)
}

func (w *Walker) readFile(ctx context.Context, path string, fn func(*Record) error) error {
	f, err := os.Open(path)
	if err != nil {
		w.fail(&ParseError{Path: path, Index: -1, Offset: -1, Err: inputError(err)})
		return nil
	}
	defer f.Close()
	return w.readStream(ctx, path, f, streamInfo{file: f}, fn)
}

// streamInfo is what readStream knows about an input besides its bytes.
type streamInfo struct {
	origin Origin
	file   *os.File // the open file, when the input is one (zip reads it in place)
	depth  int      // how many archives the input is nested in
	budget *budget  // the decompression budget of the enclosing archive; nil outside archives
}

func (w *Walker) fail(e *ParseError) {
	if w.OnError != nil {
		w.OnError(e)
	}
}

// maxGzipDepth bounds gzip inside gzip.
const maxGzipDepth = 2

func (w *Walker) readStream(ctx context.Context, path string, r io.Reader, info streamInfo, fn func(*Record) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	for depth := 0; ; depth++ {
		head, _ := br.Peek(2)
		if !bytes.Equal(head, []byte{0x1f, 0x8b}) {
			break
		}
		if depth == maxGzipDepth {
			w.fail(&ParseError{Path: path, Index: -1, Offset: 0, Err: fmt.Errorf("%w: gzip nested more than %d deep", parallax.ErrUnsupported, maxGzipDepth)})
			return nil
		}
		// Multistream (the default) reads a file of many gzip members,
		// such as a .warc.gz with one member per record, as one stream.
		zr, err := gzip.NewReader(br)
		if err != nil {
			w.fail(&ParseError{Path: path, Index: -1, Offset: 0, Err: fmt.Errorf("%w: gzip: %v", parallax.ErrInvalid, err)})
			return nil
		}
		defer zr.Close()
		info.file = nil // the bytes to read are no longer the file's
		var in io.Reader = zr
		if info.budget != nil {
			in = info.budget.reader(zr)
		}
		br = bufio.NewReaderSize(in, 64<<10)
	}
	head, err := br.Peek(64 << 10)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		w.fail(&ParseError{Path: path, Index: -1, Line: 1, Offset: 0, Err: fmt.Errorf("cannot read: %w", err)})
		return nil
	}
	format, err := Sniff(head)
	if err != nil {
		w.fail(&ParseError{Path: path, Index: -1, Line: 1, Offset: 0, Err: err})
		return nil
	}
	if format == FormatZip || format == FormatTar {
		return w.readArchive(ctx, path, format, br, info, fn)
	}
	rd := w.reader(path, format, br, info.origin)
	for rd.Next() {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(rd.Record()); err != nil {
			return err
		}
	}
	if err := rd.Err(); err != nil {
		w.fail(&ParseError{Path: path, Format: format, Index: -1, Offset: -1, Err: fmt.Errorf("read stopped: %w", err)})
	}
	return nil
}

// Container formats: Sniff names them, the Walker reads their members.
const (
	FormatZip parallax.Format = "zip"
	FormatTar parallax.Format = "tar"
)

// Sniff tells the format of an input from its first bytes: one of the
// article formats, FormatHTML, FormatFeed, FormatWARC, or a container
// (FormatZip, FormatTar; gzip is unwrapped before sniffing).
func Sniff(head []byte) (parallax.Format, error) {
	h := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), asciiSpace)
	lower := bytes.ToLower(h[:min(len(h), 512)])
	switch {
	case len(h) == 0:
		return parallax.FormatText, nil // the text reader reports the empty file
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return FormatZip, nil
	case len(head) > 262 && bytes.Equal(head[257:262], []byte("ustar")):
		return FormatTar, nil
	case bytes.HasPrefix(head, []byte("WARC/1.")):
		return FormatWARC, nil
	case bytes.HasPrefix(lower, []byte("<!doctype lewis")), bytes.HasPrefix(lower, []byte("<reuters")):
		return parallax.FormatReuters, nil
	case bytes.HasPrefix(lower, []byte("<doc>")), bytes.HasPrefix(lower, []byte("<doc ")), bytes.HasPrefix(lower, []byte("<doc\n")):
		return parallax.FormatTREC, nil
	case h[0] == '[':
		return parallax.FormatJSON, nil
	case h[0] == '{':
		first, _, found := bytes.Cut(h, []byte("\n"))
		first = bytes.TrimRight(first, asciiSpace)
		if found && !json.Valid(first) && (len(first) == 1 || bytes.HasSuffix(first, []byte(",")) || bytes.HasSuffix(first, []byte("{")) || bytes.HasSuffix(first, []byte("["))) {
			return parallax.FormatJSON, nil // a pretty-printed document
		}
		return parallax.FormatJSONL, nil
	case h[0] == '<':
		return sniffMarkup(bytes.ToLower(h[:min(len(h), 4096)])), nil
	}
	return parallax.FormatText, nil
}

// sniffMarkup tells a feed from an HTML page by the first element that is
// not a declaration, a processing instruction or a comment.
func sniffMarkup(lower []byte) parallax.Format {
	rest := lower
	for {
		rest = bytes.TrimLeft(rest, asciiSpace)
		switch {
		case bytes.HasPrefix(rest, []byte("<?")):
			_, rest, _ = bytes.Cut(rest, []byte("?>"))
			continue
		case bytes.HasPrefix(rest, []byte("<!--")):
			_, rest, _ = bytes.Cut(rest, []byte("-->"))
			continue
		case bytes.HasPrefix(rest, []byte("<!doctype html")):
			return FormatHTML
		case bytes.HasPrefix(rest, []byte("<!")):
			_, rest, _ = bytes.Cut(rest, []byte(">"))
			continue
		}
		break
	}
	for _, feed := range []string{"<rss", "<feed", "<rdf:rdf"} {
		if bytes.HasPrefix(rest, []byte(feed)) {
			return FormatFeed
		}
	}
	for _, page := range []string{"<html", "<head", "<body", "<meta", "<title", "<link", "<script", "<style", "<div", "<article", "<p>", "<p ", "<h1", "<table"} {
		if bytes.HasPrefix(rest, []byte(page)) {
			return FormatHTML
		}
	}
	if bytes.Contains(lower, []byte("<html")) || bytes.Contains(lower, []byte("<body")) {
		return FormatHTML
	}
	return parallax.FormatText
}

func (w *Walker) reader(path string, format parallax.Format, br *bufio.Reader, origin Origin) Reader {
	opts := Options{path: path, MaxRecordBytes: w.MaxRecordBytes, OnBadRecord: w.OnError}
	switch format {
	case parallax.FormatReuters:
		r := NewReutersReader(br, path)
		r.Options = opts
		return r
	case parallax.FormatTREC:
		r := NewTRECReader(br, path)
		r.Options = opts
		return r
	case parallax.FormatJSON, parallax.FormatJSONL:
		r := NewJSONReader(br, path)
		if format == parallax.FormatJSONL {
			r = NewJSONLReader(br, path)
		}
		r.Options, r.Fields = opts, w.Fields
		return r
	case FormatHTML:
		r := NewHTMLReader(br, path)
		r.Options, r.URL, r.Charset = opts, origin.URL, origin.Charset
		return r
	case FormatFeed:
		r := NewFeedReader(br, path)
		r.Options = opts
		return r
	case FormatWARC:
		r := NewWARCReader(br, path)
		r.Options = opts
		return r
	}
	r := NewTextReader(br, path)
	r.Options = opts
	return r
}
