package repair

import (
	"fmt"
	"github.com/parallaxhq/parallax"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/unicode/norm"
)

func TestGoldenUnicode(t *testing.T) { runGolden(t, "unicode", Unicode{}.Fix) }

func TestUnicode(t *testing.T) {
	tests := []struct {
		name, in, want string
		runs           int // repairs of kind "nfc"
	}{
		{"ascii", "plain", "plain", 0},
		{"precomposed", "café", "café", 0},
		{"combining acute", "cafe\u0301", "café", 1},
		{"two runs", "Ko\u0308ln and Pe\u0301rez", "Köln and Pérez", 2},
		{"adjacent letters one run", "a\u0300e\u0301", "àé", 1},
		{"reordered marks", "q\u0307\u0323", "q\u0323\u0307", 1},
		{"hangul jamo", "\u1100\u1161", "가", 1},
		{"nbsp kept", "10\u00a0km", "10\u00a0km", 0},
		{"zero-width space kept", "a\u200bb", "a\u200bb", 0},
		{"quotes kept", "“it’s”", "“it’s”", 0},
		{"ligature kept", "ﬁne", "ﬁne", 0},
		{"control kept", "a\x01b\u0085c", "a\x01b\u0085c", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var log Log
			got := Unicode{}.Fix(tt.in, &log)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Fix(%q) (-want +got):\n%s", tt.in, diff)
			}
			if n := log.Count("nfc"); n != tt.runs {
				t.Errorf("Fix(%q) logged %d nfc runs, want %d", tt.in, n, tt.runs)
			}
		})
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"case", "KIM Jong Un", "kim jong un"},
		{"curly apostrophe", "Kim’s", "kim's"},
		{"double quotes", "“sacred fight”", `"sacred fight"`},
		{"guillemets", "«non»", `"non"`},
		{"dashes", "war—peace – 2023‑24", "war-peace - 2023-24"},
		{"nbsp", "10\u00a0km", "10 km"},
		{"zero width", "Pyong\u200byang", "pyongyang"},
		{"soft hyphen", "news\u00adpaper", "newspaper"},
		{"nfkc", "ﬁnal ² Ａ", "final 2 a"},
		{"decomposed", "Cafe\u0301", "café"},
		{"german sharp s", "STRASSE Straße", "strasse strasse"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzUnicode checks that Unicode returns valid UTF-8 in NFC, exactly what
// NFC of the whole text is, is idempotent and leaves NFC text alone.
func FuzzUnicode(f *testing.F) {
	for _, s := range []string{"", "café", "cafe\u0301", "q\u0307\u0323", "\u1100\u1161\u11a8", "a\u200b\u00a0b", "Å\u030a", "ŉ", "e\u200b\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if !utf8.ValidString(in) {
			return
		}
		var log Log
		out := Unicode{}.Fix(in, &log)
		if !utf8.ValidString(out) || !norm.NFC.IsNormalString(out) {
			t.Fatalf("Fix(%q) = %q, not valid NFC", in, out)
		}
		if want := norm.NFC.String(in); out != want {
			t.Fatalf("Fix(%q) = %q, want %q", in, out, want)
		}
		if again := (Unicode{}).Fix(out, &log); again != out {
			t.Fatalf("not idempotent: %q → %q", out, again)
		}
		if norm.NFC.IsNormalString(in) && out != in {
			t.Fatalf("changed NFC text %q", in)
		}
		if (out != in) != (log.Count("nfc") > 0) {
			t.Fatalf("Fix(%q) = %q but logged %d runs", in, out, log.Count("nfc"))
		}
		if f := Fold(in); !utf8.ValidString(f) || Fold(f) != f {
			t.Fatalf("Fold(%q) = %q is not a fixed point", in, f)
		}
	})
}

func BenchmarkUnicode(b *testing.B) {
	for _, bc := range []struct{ name, text string }{
		{"clean", benchArticle},
		{"decomposed", norm.NFD.String(benchArticle + "Café, Köln, São Paulo, Kraków, Zoë.")},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.text)))
			for b.Loop() {
				var log Log
				Unicode{}.Fix(bc.text, &log)
			}
		})
	}
}

func BenchmarkFold(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchArticle)))
	for b.Loop() {
		Fold(benchArticle)
	}
}

func ExampleFold() {
	fmt.Println(Fold("“KIM’S” visit\u00a0— Pyong\u200byang"))
	// Output: "kim's" visit - pyongyang
}

func TestUnicodeExamples(t *testing.T) {
	var log Log
	Unicode{}.Fix("Ko\u0308ln\u0301 and Pe\u0301rez", &log)
	got := log.Repairs()[0].Examples
	want := []parallax.Example{
		{Before: "o\u0308", After: "ö"}, {Before: "n\u0301", After: "ń"}, {Before: "e\u0301", After: "é"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("examples (-want +got):\n%s", diff)
	}
}
