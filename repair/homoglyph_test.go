package repair

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxhq/parallax/internal/shared"
)

func TestHomoglyphsFix(t *testing.T) {
	tests := []struct {
		name, in, want string
		count          int
	}{
		{"cyrillic e inside words", "Thе nеws", "The news", 2},
		{"greek omicron inside words", "thе rοad", "the road", 2},
		{"capitals", "СNN said", "CNN said", 1},
		{"lone cyrillic a among latin words", "gave а speech", "gave a speech", 1},
		{"word all in cyrillic look-alikes", "went оп", "went оп", 0}, // п has no Latin look-alike
		{"all look-alike word between latin", "it was оn time", "it was on time", 1},
		{"lone word at the start", "а man said", "a man said", 1},
		{"no latin context", "а", "а", 0},
		{"russian sentence", "Он сказал, что а и с", "Он сказал, что а и с", 0},
		{"cyrillic name in english", "the leader Путин said", "the leader Путин said", 0},
		{"cyrillic acronym in english", "the СССР fell", "the СССР fell", 0},
		{"greek symbol", "γ rays and α-helix", "γ rays and α-helix", 0},
		{"greek word", "Η Ελλάδα είναι", "Η Ελλάδα είναι", 0},
		{"mixed word with a genuine letter", "Москваcity", "Москваcity", 0},
		{"mostly latin mixed word", "Wordsд", "Wordsд", 0}, // д has no look-alike and the word is left
		{"plain ascii", "Nothing to do here.", "Nothing to do here.", 0},
		{"empty", "", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var log Log
			got := Homoglyphs{}.Fix(tt.in, &log)
			if got != tt.want {
				t.Errorf("Fix(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if n := log.Count(KindHomoglyph); n != tt.count {
				t.Errorf("count = %d, want %d", n, tt.count)
			}
		})
	}
}

// TestHomoglyphsSeed002 checks the seed rewritten with 205 Cyrillic "е":
// title and body lines together give exactly 205 letters, and nothing
// Cyrillic is left.
func TestHomoglyphsSeed002(t *testing.T) {
	b, err := os.ReadFile(shared.Path(t, "seeds", "002_9282c98d45e15703.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var log Log
	total := 0
	for line := range strings.Lines(string(b)) {
		out := Homoglyphs{}.Fix(line, &log)
		for _, r := range out {
			if unicode.Is(unicode.Cyrillic, r) {
				t.Fatalf("Cyrillic left in %q", out)
			}
		}
		total += strings.Count(line, "е")
	}
	if got := log.Count(KindHomoglyph); got != 205 || total != 205 {
		t.Errorf("homoglyph count = %d (letters in the file %d), want 205", got, total)
	}
	sig, ok := HomoglyphSignal(&log)
	if !ok || sig.Count != 205 || sig.Detail != "disguised text: 205 letters" {
		t.Errorf("HomoglyphSignal = %+v, %v", sig, ok)
	}
}

func TestHomoglyphSignalNone(t *testing.T) {
	if _, ok := HomoglyphSignal(&Log{}); ok {
		t.Error("signal without repairs")
	}
}

// TestHomoglyphsCleanCorpora runs the fixer over every BBC article and
// every Reuters-21578 file: none may change.
func TestHomoglyphsCleanCorpora(t *testing.T) {
	check := func(name, text string) {
		var log Log
		if got := (Homoglyphs{}).Fix(text, &log); got != text || len(log.Repairs()) > 0 {
			t.Errorf("%s changed: %v", name, log.Repairs())
		}
	}
	n := 0
	pageBBCArticles(t, func(name, raw, _ string, _ []string) {
		check(name, raw)
		n++
	})
	files, err := filepath.Glob(filepath.Join(shared.Path(t, "eval-data", "news-corpus", "reuters21578"), "reut2-*.sgm"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Reuters files: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		check(filepath.Base(f), string(b))
	}
	t.Logf("%d BBC articles and %d Reuters files unchanged", n, len(files))
}

func TestSkeleton(t *testing.T) {
	tests := []struct{ a, b string }{
		{"Thе nеws", "The news"},
		{"СNN", "cnn"},
		{"PAYPAL", "paypal"},
		{"rοad", "ROAD"},
		{"ﬁle", "file"}, // ligature folds to its letters
	}
	for _, tt := range tests {
		if sa, sb := Skeleton(tt.a), Skeleton(tt.b); sa != sb {
			t.Errorf("Skeleton(%q) = %q, Skeleton(%q) = %q; want equal", tt.a, sa, tt.b, sb)
		}
	}
	if Skeleton("cat") == Skeleton("dog") {
		t.Error("different words share a skeleton")
	}
}

// TestHomoglyphTable checks the generated table: every Cyrillic or Greek
// entry maps to ASCII letters and agrees with the full confusables table.
func TestHomoglyphTable(t *testing.T) {
	if len(homoglyphToLatin) < 80 {
		t.Fatalf("only %d Latin look-alikes", len(homoglyphToLatin))
	}
	for r, p := range homoglyphToLatin {
		if !unicode.Is(unicode.Cyrillic, r) && !unicode.Is(unicode.Greek, r) {
			t.Errorf("%U is neither Cyrillic nor Greek", r)
		}
		if full, ok := homoglyphPrototype(r); !ok || full != p {
			t.Errorf("%U: %q, confusables say %q", r, p, full)
		}
	}
	for i := 1; i < len(homoglyphSkeletonTable); i++ {
		if homoglyphSkeletonTable[i-1].r >= homoglyphSkeletonTable[i].r {
			t.Fatalf("table not sorted at %d", i)
		}
	}
}

// FuzzHomoglyphs checks that the fixer never panics, keeps UTF-8 valid,
// leaves text without Cyrillic or Greek letters alone, and only ever
// replaces a look-alike letter by its prototype, position by position.
func FuzzHomoglyphs(f *testing.F) {
	for _, s := range []string{"Thе nеws", "gave а speech", "Путин said", "γ rays", "СССР", "", "\xff\xfeа", "оn"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var log Log
		out := Homoglyphs{}.Fix(in, &log)
		if utf8.ValidString(in) && !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 from %q: %q", in, out)
		}
		if !strings.ContainsFunc(in, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) || unicode.Is(unicode.Greek, r) }) {
			if out != in {
				t.Fatalf("changed text without Cyrillic or Greek: %q → %q", in, out)
			}
			return
		}
		// Walk both strings: each rune is kept or replaced by its prototype.
		i, j, n := 0, 0, 0
		for i < len(in) {
			r, size := utf8.DecodeRuneInString(in[i:])
			switch p, ok := homoglyphToLatin[r]; {
			case strings.HasPrefix(out[j:], in[i:i+size]):
				j += size
			case ok && strings.HasPrefix(out[j:], p):
				j += len(p)
				n++
			default:
				t.Fatalf("at byte %d of %q: %q is neither kept nor its prototype (out %q)", i, in, in[i:i+size], out)
			}
			i += size
		}
		if j != len(out) || n != log.Count(KindHomoglyph) {
			t.Fatalf("%q → %q: %d replacements, logged %d", in, out, n, log.Count(KindHomoglyph))
		}
	})
}

// homoglyphBenchText is a clean news article of about 4 KB.
var homoglyphBenchText = strings.Repeat("The city council approved the harbour plan on Tuesday after a long debate, and officials said work would start next spring. "+
	"Councillor Jane Doe said the vote was a turning point for the waterfront, which has been empty for years. ", 18)

func BenchmarkHomoglyphsClean(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(homoglyphBenchText)))
	for b.Loop() {
		Homoglyphs{}.Fix(homoglyphBenchText, &Log{})
	}
}

func BenchmarkHomoglyphsDisguised(b *testing.B) {
	text := strings.NewReplacer("e", "е", "o", "о").Replace(homoglyphBenchText)
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Homoglyphs{}.Fix(text, &Log{})
	}
}

func BenchmarkSkeleton(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(homoglyphBenchText)))
	for b.Loop() {
		Skeleton(homoglyphBenchText)
	}
}
