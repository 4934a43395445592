package repair

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/parallaxhq/parallax/internal/shared"
	"golang.org/x/text/encoding/htmlindex"
)

// charsetUnescape turns the \xNN escapes of a golden file into raw bytes.
func charsetUnescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) && s[i+1] == 'x' {
			if n, err := strconv.ParseUint(s[i+2:i+4], 16, 8); err == nil {
				b.WriteByte(byte(n))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func TestGoldenCharset(t *testing.T) {
	runGolden(t, "charset", func(in string, log *Log) string {
		raw := charsetUnescape(in)
		return Charset([]byte(raw), "").Fix(raw, log)
	})
}

// mustEncode encodes s in a WHATWG-named charset.
func mustEncode(tb testing.TB, charset, s string) string {
	tb.Helper()
	e, err := htmlindex.Get(charset)
	if err != nil {
		tb.Fatal(err)
	}
	out, err := e.NewEncoder().String(s)
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

func TestCharset(t *testing.T) {
	const (
		french  = "Le président a déclaré que la réforme serait adoptée avant l’été, malgré les grèves."
		russian = "Президент провёл переговоры с лидером страны на космодроме Восточный."
		greek   = "Ο πρωθυπουργός δήλωσε ότι η κυβέρνηση θα στηρίξει τις επιχειρήσεις."
		japan   = "両首脳は軍事協力について協議し、宇宙開発でも協力することで合意した。"
	)
	tests := []struct {
		name, declared, charset, text string
		invalid                       int
	}{
		{"detected windows-1252", "", "windows-1252", french, 0},
		{"declared windows-1252", "iso-8859-1", "windows-1252", french, 0},
		{"detected windows-1251", "", "windows-1251", russian, 0},
		{"declared koi8-r", "koi8-r", "koi8-r", russian, 0},
		{"detected iso-8859-7", "", "iso-8859-7", greek, 0},
		{"detected shift_jis", "", "shift_jis", japan, 0},
		{"declared euc-jp", "EUC-JP", "euc-jp", japan, 0},
		{"unknown declared is detected", "x-no-such", "windows-1251", russian, 0},
		{"utf-8 declared but wrong", "utf-8", "windows-1252", french, 0},
		{"one isolated byte", "", "windows-1252", "Zürich", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := mustEncode(t, tt.charset, tt.text)
			var log Log
			got := Charset([]byte(raw), tt.declared).Fix(raw, &log)
			if diff := cmp.Diff(tt.text, got); diff != "" {
				t.Errorf("Fix (-want +got):\n%s", diff)
			}
			if log.Count("charset") == 0 {
				t.Error("no charset repair logged")
			}
			if n := log.Count("charset-invalid"); n != tt.invalid {
				t.Errorf("charset-invalid = %d, want %d", n, tt.invalid)
			}
		})
	}
}

func TestCharsetValidUTF8Unchanged(t *testing.T) {
	raw := "Valid UTF-8: café, Москва, 北京, \u00a0 and \x00."
	var log Log
	if got := Charset([]byte(raw+"\xff"), "windows-1251").Fix(raw, &log); got != raw {
		t.Errorf("Fix changed valid UTF-8: %q", got)
	}
	if len(log.Repairs()) != 0 {
		t.Errorf("logged %v for valid UTF-8", log.Repairs())
	}
}

func TestCharsetUndefinedByte(t *testing.T) {
	raw := "abc\x81def\xe9"
	var log Log
	got := Charset([]byte(raw), "windows-1252").Fix(raw, &log)
	if want := "abc\uFFFDdefé"; got != want {
		t.Errorf("Fix = %q, want %q", got, want)
	}
	if log.Count("charset") != 2 || log.Count("charset-invalid") != 1 {
		t.Errorf("repairs = %+v, want charset 2 and charset-invalid 1", log.Repairs())
	}
	ex := log.Repairs()[0].Examples[0]
	if ex.Before != `abc\x81def\xe9` || ex.After != "abc\uFFFDdefé" {
		t.Errorf("example = %+v", ex)
	}
}

func TestDetectCharset(t *testing.T) {
	tests := []struct{ name, raw, want string }{
		{"ascii", "plain text", "utf-8"},
		{"utf-8", "café", "utf-8"},
		{"utf-8 bom", "\xef\xbb\xbfcaf\xe9", "utf-8"},
		{"utf-16le bom", "\xff\xfea\x00", "utf-16le"},
		{"utf-16be bom", "\xfe\xff\x00a", "utf-16be"},
		{"pound sign in english", "a \xa315m signing", "windows-1252"},
		{"utf-8 with a stray byte", "café — the owner\x92s bar", "windows-1252"},
		{"russian", mustEncode(t, "windows-1251", "Президент провёл переговоры с лидером страны на космодроме."), "windows-1251"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DetectCharset([]byte(tt.raw)); got != tt.want {
				t.Errorf("DetectCharset(%q) = %q, want %q", tt.raw, got, tt.want)
			}
		})
	}
}

// TestCharsetCorpus decodes the two non-UTF-8 files of the news corpora: a
// Reuters-21578 file with one stray 0xFC and a BBC article with a Latin-1 £.
func TestCharsetCorpus(t *testing.T) {
	tests := []struct {
		path []string
		want string
	}{
		{[]string{"eval-data", "news-corpus", "reuters21578", "reut2-017.sgm"}, "growth.ü"},
		{[]string{"eval-data", "news-corpus", "bbc", "sport", "199.txt"}, "a £15.8m signing"},
	}
	for _, tt := range tests {
		t.Run(tt.path[len(tt.path)-1], func(t *testing.T) {
			raw, err := os.ReadFile(shared.Path(t, tt.path...))
			if err != nil {
				t.Fatal(err)
			}
			var log Log
			got := Charset(raw, "").Fix(string(raw), &log)
			if !utf8.ValidString(got) || !strings.Contains(got, tt.want) {
				t.Errorf("decoded text lacks %q", tt.want)
			}
			if log.Count("charset") != 1 || len(got) != len(raw)+1 {
				t.Errorf("repairs %+v, length %d → %d: want one byte decoded", log.Repairs(), len(raw), len(got))
			}
		})
	}
}

// FuzzCharset checks that Charset always returns valid UTF-8, leaves valid
// UTF-8 alone and never drops a byte: with a single-byte charset each byte
// that is not UTF-8 becomes exactly one character.
func FuzzCharset(f *testing.F) {
	for _, s := range []string{"", "café", "caf\xe9", "\xff\xfe", "\x81\x8d", "Zürich \xfc", "\xe4\xb8\xad\xe6"} {
		f.Add(s, "")
		f.Add(s, "windows-1251")
		f.Add(s, "shift_jis")
	}
	f.Fuzz(func(t *testing.T, raw, declared string) {
		var log Log
		out := Charset([]byte(raw), declared).Fix(raw, &log)
		if !utf8.ValidString(out) {
			t.Fatalf("Fix(%q) = %q, not valid UTF-8", raw, out)
		}
		if utf8.ValidString(raw) {
			if out != raw || len(log.Repairs()) != 0 {
				t.Fatalf("Fix changed valid UTF-8 %q to %q", raw, out)
			}
			return
		}
		c := Charset([]byte(raw), declared).(*charsetFixer)
		c.once.Do(c.resolve)
		if c.single != nil {
			want := 0
			for i := 0; i < len(raw); {
				r, size := utf8.DecodeRuneInString(raw[i:])
				if r == utf8.RuneError && size == 1 || !c.hybrid && r >= utf8.RuneSelf {
					want += size
				} else {
					want++
				}
				i += size
			}
			if n := utf8.RuneCountInString(out); n != want {
				t.Fatalf("Fix(%q) = %q has %d characters, want %d", raw, out, n, want)
			}
		}
	})
}

func BenchmarkCharset(b *testing.B) {
	latin := mustEncode(b, "windows-1252", strings.NewReplacer("’", "'", "“", `"`, "”", `"`).Replace(benchArticle)+"Café, Köln, São Paulo.")
	for _, bc := range []struct{ name, text string }{
		{"utf8", benchArticle},
		{"windows-1252", latin},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.text)))
			for b.Loop() {
				var log Log
				Charset([]byte(bc.text), "").Fix(bc.text, &log)
			}
		})
	}
}

func ExampleCharset() {
	raw := []byte("Z\xfcrich, \xa315m")
	var log Log
	fmt.Println(Charset(raw, "").Fix(string(raw), &log))
	fmt.Printf("%+v\n", log.Repairs())
	// Output:
	// Zürich, £15m
	// [{Kind:charset Count:2 Examples:[{Before:Z\xfcrich, \xa315m After:Zürich, £15m}]}]
}
