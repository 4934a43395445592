package read

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"

	"github.com/parallaxhq/parallax"
)

// Archive limits. A member is read as a stream, never written to disk
// under its own name; the caps bound what a decompression bomb can cost.
const (
	// DefaultMaxArchiveBytes caps the decompressed bytes of one archive.
	DefaultMaxArchiveBytes = 4 << 30
	// DefaultMaxMemberBytes caps the decompressed bytes of one member.
	DefaultMaxMemberBytes = 1 << 30
	// maxArchiveDepth is how deep archives may nest inside archives.
	maxArchiveDepth = 2
)

// budget counts the decompressed bytes read from one archive.
type budget struct {
	left      int64 // bytes the archive may still yield
	max       int64 // the archive cap, for messages
	memberMax int64
}

func (w *Walker) newBudget() *budget {
	b := &budget{max: w.MaxArchiveBytes, memberMax: w.MaxMemberBytes}
	if b.max <= 0 {
		b.max = DefaultMaxArchiveBytes
	}
	if b.memberMax <= 0 {
		b.memberMax = DefaultMaxMemberBytes
	}
	b.left = b.max
	return b
}

// reader returns r counted against the archive's and a member's caps; a
// read past either fails with parallax.ErrTooLarge.
func (b *budget) reader(r io.Reader) io.Reader {
	return &budgetReader{r: r, b: b, left: b.memberMax, archive: true}
}

// memberReader counts r against a member's cap only, for a member whose
// bytes the archive's stream already counts (a tar member).
func (b *budget) memberReader(r io.Reader) io.Reader {
	return &budgetReader{r: r, b: b, left: b.memberMax}
}

// streamReader counts r, a whole archive stream, against the archive's cap.
func (b *budget) streamReader(r io.Reader) io.Reader {
	return &budgetReader{r: r, b: b, left: b.max, archive: true}
}

type budgetReader struct {
	r       io.Reader
	b       *budget
	left    int64 // bytes the member may still yield
	archive bool  // count against the archive's cap too
}

func (r *budgetReader) Read(p []byte) (int, error) {
	if r.left <= 0 {
		return 0, fmt.Errorf("%w: member decompresses to more than %d bytes", parallax.ErrTooLarge, r.b.memberMax)
	}
	if r.archive && r.b.left <= 0 {
		return 0, fmt.Errorf("%w: archive decompresses to more than %d bytes", parallax.ErrTooLarge, r.b.max)
	}
	if r.archive {
		p = p[:min(int64(len(p)), r.b.left)]
	}
	p = p[:min(int64(len(p)), r.left)]
	n, err := r.r.Read(p)
	r.left -= int64(n)
	if r.archive {
		r.b.left -= int64(n)
	}
	return n, err
}

// memberPath checks an archive member's name: it must be relative and stay
// inside the archive. It returns the cleaned name.
func memberPath(name string) (string, error) {
	n := strings.ReplaceAll(name, "\\", "/")
	switch {
	case n == "":
		return "", fmt.Errorf("%w: member without a name", parallax.ErrInvalid)
	case strings.HasPrefix(n, "/") || len(n) > 1 && n[1] == ':':
		return "", fmt.Errorf("%w: member path %q is absolute; skipped, never trusted", parallax.ErrInvalid, name)
	}
	for _, part := range strings.Split(n, "/") {
		if part == ".." {
			return "", fmt.Errorf("%w: member path %q climbs out of the archive; skipped, never trusted", parallax.ErrInvalid, name)
		}
	}
	return path.Clean(n), nil
}

// hiddenMember reports whether a member is hidden (a part starts with a
// dot, as macOS's "._x" and "__MACOSX" folders' files do), as the walk of
// a directory skips hidden entries.
func hiddenMember(name string) bool {
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") || part == "__MACOSX" {
			return true
		}
	}
	return false
}

func (w *Walker) readArchive(ctx context.Context, name string, format parallax.Format, br *bufio.Reader, info streamInfo, fn func(*Record) error) error {
	if info.depth >= maxArchiveDepth {
		w.fail(&ParseError{Path: name, Format: format, Index: -1, Offset: 0,
			Err: fmt.Errorf("%w: archive nested more than %d deep", parallax.ErrUnsupported, maxArchiveDepth)})
		return nil
	}
	b := w.newBudget()
	if format == FormatTar {
		return w.readTar(ctx, name, b.streamReader(br), func(member string, r io.Reader) error {
			return w.readStream(ctx, name+"/"+member, b.memberReader(r), streamInfo{depth: info.depth + 1, budget: b}, fn)
		})
	}
	return w.readZip(ctx, name, br, info, func(member string, r io.Reader) error {
		return w.readStream(ctx, name+"/"+member, b.reader(r), streamInfo{depth: info.depth + 1, budget: b}, fn)
	})
}

func (w *Walker) readTar(ctx context.Context, name string, r io.Reader, inner func(string, io.Reader) error) error {
	tr := tar.NewReader(r)
	for i := 0; ; i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			if !errors.Is(err, parallax.ErrTooLarge) {
				err = fmt.Errorf("%w: tar: %v", parallax.ErrInvalid, err)
			}
			w.fail(&ParseError{Path: name, Format: FormatTar, Index: i, Offset: -1, Err: err})
			return nil // a broken tar cannot be resynchronised
		}
		if h.Typeflag != tar.TypeReg {
			continue // directories, links and devices hold no records of their own
		}
		member, err := memberPath(h.Name)
		if err != nil {
			w.fail(&ParseError{Path: name + "/" + h.Name, Format: FormatTar, Index: i, Offset: -1, Err: err})
			continue
		}
		if hiddenMember(member) {
			continue
		}
		if err := inner(member, tr); err != nil {
			return err
		}
	}
}

// maxSpoolBytes caps the zip archives read from a stream (a pipe, a gzip
// stream, an archive member), which are spooled to a temporary file since
// zip needs random access.
const maxSpoolBytes = 1 << 30

func (w *Walker) readZip(ctx context.Context, name string, br *bufio.Reader, info streamInfo, inner func(string, io.Reader) error) error {
	var ra io.ReaderAt
	var size int64
	if info.file != nil {
		st, err := info.file.Stat()
		if err != nil {
			w.fail(&ParseError{Path: name, Format: FormatZip, Index: -1, Offset: -1, Err: inputError(err)})
			return nil
		}
		ra, size = info.file, st.Size()
	} else {
		tmp, err := os.CreateTemp("", "parallax-zip-*")
		if err != nil {
			w.fail(&ParseError{Path: name, Format: FormatZip, Index: -1, Offset: -1, Err: fmt.Errorf("cannot spool zip: %w", err)})
			return nil
		}
		defer os.Remove(tmp.Name())
		defer tmp.Close()
		n, err := io.Copy(tmp, io.LimitReader(br, maxSpoolBytes+1))
		if err != nil {
			w.fail(&ParseError{Path: name, Format: FormatZip, Index: -1, Offset: -1, Err: fmt.Errorf("cannot spool zip: %w", err)})
			return nil
		}
		if n > maxSpoolBytes {
			w.fail(&ParseError{Path: name, Format: FormatZip, Index: -1, Offset: -1, Err: fmt.Errorf("%w: streamed zip larger than %d bytes", parallax.ErrTooLarge, maxSpoolBytes)})
			return nil
		}
		ra, size = tmp, n
	}
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		w.fail(&ParseError{Path: name, Format: FormatZip, Index: -1, Offset: -1, Err: fmt.Errorf("%w: zip: %v", parallax.ErrInvalid, err)})
		return nil
	}
	for i, f := range zr.File {
		if err := ctx.Err(); err != nil {
			return err
		}
		if f.FileInfo().IsDir() || !f.Mode().IsRegular() {
			continue
		}
		member, err := memberPath(f.Name)
		if err != nil {
			w.fail(&ParseError{Path: name + "/" + f.Name, Format: FormatZip, Index: i, Offset: -1, Err: err})
			continue
		}
		if hiddenMember(member) {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			w.fail(&ParseError{Path: name + "/" + member, Format: FormatZip, Index: i, Offset: -1, Err: fmt.Errorf("%w: zip: %v", parallax.ErrInvalid, err)})
			continue
		}
		err = inner(member, rc)
		rc.Close()
		if err != nil {
			return err
		}
	}
	return nil
}
