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
// (recursively, in lexical order, skipping hidden entries), gzip streams
// and "-" for standard input. Each input's format is sniffed from its
// content.
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
		return w.readStream(ctx, "-", in, fn)
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
	return w.readStream(ctx, path, f, fn)
}

func (w *Walker) fail(e *ParseError) {
	if w.OnError != nil {
		w.OnError(e)
	}
}

// maxGzipDepth bounds gzip inside gzip.
const maxGzipDepth = 2

func (w *Walker) readStream(ctx context.Context, path string, r io.Reader, fn func(*Record) error) error {
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
		zr, err := gzip.NewReader(br)
		if err != nil {
			w.fail(&ParseError{Path: path, Index: -1, Offset: 0, Err: fmt.Errorf("%w: gzip: %v", parallax.ErrInvalid, err)})
			return nil
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 64<<10)
	}
	rd, err := w.sniff(path, br)
	if err != nil {
		w.fail(&ParseError{Path: path, Index: -1, Line: 1, Offset: 0, Err: err})
		return nil
	}
	for rd.Next() {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(rd.Record()); err != nil {
			return err
		}
	}
	if err := rd.Err(); err != nil {
		w.fail(&ParseError{Path: path, Index: -1, Offset: -1, Err: fmt.Errorf("read stopped: %w", err)})
	}
	return nil
}

// Sniff tells the format of an input from its first bytes.
func Sniff(head []byte) (parallax.Format, error) {
	h := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), asciiSpace)
	lower := bytes.ToLower(h[:min(len(h), 512)])
	switch {
	case len(h) == 0:
		return parallax.FormatText, nil // the text reader reports the empty file
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
	case bytes.HasPrefix(lower, []byte("<!doctype html")), bytes.HasPrefix(lower, []byte("<html")),
		bytes.HasPrefix(lower, []byte("<?xml")), bytes.HasPrefix(lower, []byte("<rss")), bytes.HasPrefix(lower, []byte("<feed")):
		return "", fmt.Errorf("%w: HTML and XML feeds are not read yet", parallax.ErrUnsupported)
	case bytes.HasPrefix(h, []byte("PK\x03\x04")):
		return "", fmt.Errorf("%w: zip archives are not read yet", parallax.ErrUnsupported)
	case len(head) > 262 && bytes.Equal(head[257:262], []byte("ustar")):
		return "", fmt.Errorf("%w: tar archives are not read yet", parallax.ErrUnsupported)
	}
	return parallax.FormatText, nil
}

func (w *Walker) sniff(path string, br *bufio.Reader) (Reader, error) {
	head, err := br.Peek(64 << 10)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("cannot read: %w", err)
	}
	format, err := Sniff(head)
	if err != nil {
		return nil, err
	}
	opts := Options{path: path, MaxRecordBytes: w.MaxRecordBytes, OnBadRecord: w.OnError}
	switch format {
	case parallax.FormatReuters:
		r := NewReutersReader(br, path)
		r.Options = opts
		return r, nil
	case parallax.FormatTREC:
		r := NewTRECReader(br, path)
		r.Options = opts
		return r, nil
	case parallax.FormatJSON, parallax.FormatJSONL:
		r := NewJSONReader(br, path)
		if format == parallax.FormatJSONL {
			r = NewJSONLReader(br, path)
		}
		r.Options, r.Fields = opts, w.Fields
		return r, nil
	}
	r := NewTextReader(br, path)
	r.Options = opts
	return r, nil
}
