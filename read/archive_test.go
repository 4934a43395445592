package read

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax"
)

type member struct {
	name string
	data []byte
}

func mustZip(tb testing.TB, members ...member) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range members {
		w, err := zw.Create(m.name)
		if err != nil {
			tb.Fatal(err)
		}
		w.Write(m.data)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func mustTgz(tb testing.TB, members ...member) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, m := range members {
		if err := tw.WriteHeader(&tar.Header{Name: m.name, Mode: 0o644, Size: int64(len(m.data)), Typeflag: tar.TypeReg}); err != nil {
			tb.Fatal(err)
		}
		tw.Write(m.data)
	}
	if err := tw.Close(); err != nil {
		tb.Fatal(err)
	}
	zw.Close()
	return buf.Bytes()
}

// walkFile writes data to a file named name and walks it.
func walkFile(t *testing.T, w *Walker, name string, data []byte) (paths []string, errs []*ParseError) {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	w.OnError = func(e *ParseError) { errs = append(errs, e) }
	err := w.Walk(context.Background(), []string{p}, func(r *Record) error {
		paths = append(paths, strings.TrimPrefix(r.Loc.Path, filepath.Dir(p)+"/"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return paths, errs
}

func TestArchives(t *testing.T) {
	article := []byte("A title\n\nA body of text.\n")
	other := []byte("Another title\n\nAnother body.\n")
	inner := mustZip(t, member{"deep.txt", article})
	tests := []struct {
		name    string
		file    string
		data    []byte
		member  int64 // MaxMemberBytes
		want    []string
		wantErr []string // substrings, one per error
		kind    error
	}{
		{"zip members by path", "a.zip", mustZip(t, member{"dir/one.txt", article}, member{"two.txt", other}, member{".hidden/x.txt", other}),
			0, []string{"a.zip/dir/one.txt", "a.zip/two.txt"}, nil, nil},
		{"zip climbing out", "a.zip", mustZip(t, member{"../evil.txt", article}, member{"/abs.txt", article}, member{"ok.txt", other}),
			0, []string{"a.zip/ok.txt"}, []string{`"../evil.txt" climbs out`, `"/abs.txt" is absolute`}, parallax.ErrInvalid},
		{"tgz climbing out", "a.tgz", mustTgz(t, member{"x/../../evil.txt", article}, member{"ok.txt", other}),
			0, []string{"a.tgz/ok.txt"}, []string{`climbs out`}, parallax.ErrInvalid},
		{"zip bomb member", "a.zip", mustZip(t, member{"bomb.txt", bytes.Repeat([]byte("x"), 1<<20)}, member{"ok.txt", other}),
			1 << 16, []string{"a.zip/ok.txt"}, []string{"member decompresses to more than 65536 bytes"}, parallax.ErrTooLarge},
		{"nested zip", "a.zip", mustZip(t, member{"in.zip", inner}), 0, []string{"a.zip/in.zip/deep.txt"}, nil, nil},
		{"zip nested too deep", "a.zip", mustZip(t, member{"in.zip", mustZip(t, member{"in2.zip", inner})}),
			0, nil, []string{"archive nested more than 2 deep"}, parallax.ErrUnsupported},
		{"gzip member in tgz", "a.tgz", mustTgz(t, member{"one.txt.gz", gz(article)}), 0, []string{"a.tgz/one.txt.gz"}, nil, nil},
		{"broken zip", "a.zip", []byte("PK\x03\x04 not really"), 0, nil, []string{"zip: "}, parallax.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			paths, errs := walkFile(t, &Walker{MaxMemberBytes: tt.member}, tt.file, tt.data)
			if !slices.Equal(paths, tt.want) {
				t.Errorf("records from %q, want %q", paths, tt.want)
			}
			if len(errs) != len(tt.wantErr) {
				t.Fatalf("errors %v, want %d", errs, len(tt.wantErr))
			}
			for i, e := range errs {
				if !strings.Contains(e.Error(), tt.wantErr[i]) || !errors.Is(e, tt.kind) {
					t.Errorf("error %q, want %q (%v)", e, tt.wantErr[i], tt.kind)
				}
			}
		})
	}
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// TestArchiveStreamed reads a zip from standard input, which is spooled.
func TestArchiveStreamed(t *testing.T) {
	data := mustZip(t, member{"one.txt", []byte("T\n\nBody.\n")})
	var paths []string
	w := &Walker{Stdin: bytes.NewReader(data), OnError: func(e *ParseError) { t.Error(e) }}
	w.Walk(context.Background(), []string{"-"}, func(r *Record) error {
		paths = append(paths, r.Loc.Path)
		return nil
	})
	if !slices.Equal(paths, []string{"-/one.txt"}) {
		t.Errorf("paths %q", paths)
	}
}

func TestArchiveTotalCap(t *testing.T) {
	big := bytes.Repeat([]byte("y"), 40_000)
	data := mustZip(t, member{"a.txt", big}, member{"b.txt", big}, member{"c.txt", big})
	_, errs := walkFile(t, &Walker{MaxArchiveBytes: 100_000}, "a.zip", data)
	if len(errs) == 0 || !errors.Is(errs[len(errs)-1], parallax.ErrTooLarge) {
		t.Errorf("errors %v, want the archive cap", errs)
	}
}
