package repair

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestGoldenMojibake(t *testing.T) { runGolden(t, "mojibake", Mojibake{}.Fix) }

func TestMojibake(t *testing.T) {
	tests := []struct {
		name, in, want string
		count          int // repairs of kind "mojibake"
	}{
		{"ascii", "Plain ASCII text.", "Plain ASCII text.", 0},
		{"empty", "", "", 0},
		{"latin1 e-acute", "The cafÃ© was full.", "The café was full.", 1},
		{"nbsp after full stop", "at noon.Â\u00a0Then", "at noon.\u00a0Then", 1},
		{"curly apostrophe", "the ministerâ€™s aide", "the minister’s aide", 1},
		{"quotes", "He said â€œnoâ€\u009d twice.", "He said “no” twice.", 1},
		{"euro sign", "It cost â‚¬5.", "It cost €5.", 1},
		{"double encoded", "SÃƒÂ£o Paulo", "São Paulo", 1},
		{"windows-1251", "РџСЂРёРІРµС‚", "Привет", 1},
		{"macroman", "caf√© cr√®me", "café crème", 2},
		{"cp437", "Ce┼ítina", "Ceština", 1},
		{"c1 ellipsis", "wait\u0085 what", "wait… what", 1},
		{"c1 quotes", "\u0093Yes\u0094, he said", "“Yes”, he said", 1},
		{"a-grave before a word", "allÃ© Ã Paris", "allé à Paris", 2},
		{"only lines with mojibake change", "fine line é\nbad cafÃ© line\n", "fine line é\nbad café line\n", 1},
		{"cesu-8 emoji", "smile í\u00a0½í¸\u0080!", "smile 😀!", 1},
		// Negatives: real text that only looks odd.
		{"french", "Déjà vu à l’hôtel", "Déjà vu à l’hôtel", 0},
		{"all caps portuguese", "C O N C L U S Ã O", "C O N C L U S Ã O", 0},
		{"romanian caps", "ÎNVĂȚĂMÂNT ROMÂNESC", "ÎNVĂȚĂMÂNT ROMÂNESC", 0},
		{"greek", "Η ¨ανατροφή¨ μας", "Η ¨ανατροφή¨ μας", 0},
		{"ukrainian", "ВІКІ і Ґрунт", "ВІКІ і Ґрунт", 0},
		{"math", "x ≤ 5×10², √π ≈ 1.77", "x ≤ 5×10², √π ≈ 1.77", 0},
		{"box art", "├┤a┼┐a┼┐a", "├┤a┼┐a┼┐a", 0},
		{"registered", "NESTLÉ® and AHÅ™", "NESTLÉ® and AHÅ™", 0},
		{"invalid utf-8 left alone", "caf\xc3 Ã©", "caf\xc3 Ã©", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var log Log
			got := Mojibake{}.Fix(tt.in, &log)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Fix(%q) (-want +got):\n%s", tt.in, diff)
			}
			if n := log.Count("mojibake"); n != tt.count {
				t.Errorf("Fix(%q) logged %d mojibake repairs, want %d", tt.in, n, tt.count)
			}
		})
	}
}

func TestMojibakeExamples(t *testing.T) {
	var log Log
	Mojibake{}.Fix("a cafÃ© and a rÃ©sumÃ©", &log)
	reps := log.Repairs()
	if len(reps) != 1 || reps[0].Count != 2 {
		t.Fatalf("repairs = %+v, want one kind with count 2", reps)
	}
	if ex := reps[0].Examples[0]; ex.Before != "cafÃ©" || ex.After != "café" {
		t.Errorf("first example = %+v, want cafÃ© → café", ex)
	}
}

// mojibakeMisread returns the UTF-8 bytes of s read with a codec: one layer
// of mojibake.
func mojibakeMisread(s string, c *mojibakeCodec) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteRune(c.decode[s[i]])
	}
	return b.String()
}

// mojibakeSkeleton keeps the ASCII of s that no repair may change: all but
// spaces (which may have stood for byte 0xA0) and question marks (which may
// have stood for a lost byte).
func mojibakeSkeleton(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= utf8.RuneSelf || r == ' ' || r == '?' {
			return -1
		}
		return r
	}, s)
}

var mojibakeFuzzSeeds = []string{
	"", "plain", "cafÃ©", "Ã perturber", "â€œquotedâ€\u009d", "Â\u00a0", "doesnÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢t",
	"РџСЂРёРІРµС‚", "caf√©", "─îe┼ítina", "wait\u0085", "Déjà vu", "ã†â€™ãƒâ€ ã¢â‚¬â„¢",
	"line one\nlineÃ© two\n", "Ã \n\xd9", "\x1a\u0081", "Ã?Â¢â?¬", "Ù Ù Ù¡", "í\u00a0½í¸\u0080",
}

// FuzzMojibake checks that Mojibake keeps valid UTF-8 valid, is idempotent,
// leaves text without mojibake markers alone, and only ever re-decodes
// non-ASCII runs: the rest of the ASCII is untouched.
func FuzzMojibake(f *testing.F) {
	for _, s := range mojibakeFuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var log Log
		out := Mojibake{}.Fix(in, &log)
		if !utf8.ValidString(in) {
			// Lines that are not UTF-8 are left for Charset.
			il, ol := strings.SplitAfter(in, "\n"), strings.SplitAfter(out, "\n")
			for i := range il {
				if !utf8.ValidString(il[i]) && (i >= len(ol) || ol[i] != il[i]) {
					t.Fatalf("changed invalid UTF-8 line %q in %q", il[i], out)
				}
			}
			return
		}
		if !utf8.ValidString(out) {
			t.Fatalf("Fix(%q) = %q, not valid UTF-8", in, out)
		}
		if again := (Mojibake{}).Fix(out, &log); again != out {
			t.Fatalf("not idempotent: %q → %q → %q", in, out, again)
		}
		marked := false
		for line := range strings.Lines(in) {
			if mojibakeIsBad(line) {
				marked = true
			}
		}
		if !marked && out != in {
			t.Fatalf("changed %q (no mojibake marker) to %q", in, out)
		}
		if (out != in) != (log.Count("mojibake") > 0) {
			t.Fatalf("Fix(%q) = %q but logged %d repairs", in, out, log.Count("mojibake"))
		}
		if mojibakeSkeleton(out) != mojibakeSkeleton(in) {
			t.Fatalf("Fix(%q) = %q changed ASCII text", in, out)
		}
		chain := Chain{Mojibake{}, Unicode{}}
		if c := chain.Fix(in, &log); chain.Fix(c, &log) != c {
			t.Fatalf("Mojibake+Unicode not idempotent on %q", in)
		}
	})
}

// FuzzMojibakeLayer checks that a repair only re-decodes: text misread once
// more, as Latin-1 or Windows-1252, repairs to what the text itself repairs
// to, or is left as it is.
func FuzzMojibakeLayer(f *testing.F) {
	for _, s := range mojibakeFuzzSeeds {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Add("Zoë’s café — “Ελλάδα”, Москва, 北京 😀", true)
	f.Fuzz(func(t *testing.T, s string, cp1252 bool) {
		if !utf8.ValidString(s) || strings.ContainsRune(s, mojibakeSub) {
			return
		}
		c := mojibakeCodecNamed("latin-1")
		if cp1252 {
			c = mojibakeCodecNamed("sloppy-windows-1252")
		}
		m := mojibakeMisread(s, c)
		var log Log
		got, base := Mojibake{}.Fix(m, &log), Mojibake{}.Fix(s, &log)
		// Mojibake works line by line, so the property holds per line.
		ml, gl, bl := strings.SplitAfter(m, "\n"), strings.SplitAfter(got, "\n"), strings.SplitAfter(base, "\n")
		if len(gl) != len(ml) || len(bl) != len(ml) {
			t.Fatalf("line count changed: %q → %q", m, got)
		}
		for i := range ml {
			if gl[i] != ml[i] && gl[i] != bl[i] {
				t.Fatalf("Fix(misread(%q)) line %d = %q, want %q or unchanged", s, i, gl[i], bl[i])
			}
		}
	})
}

const benchArticle = `Leaders meet at remote spaceport as sanctions bite

VLADIVOSTOK — The two leaders met on Wednesday at a spaceport in the country’s far east, their first face-to-face talks in four years, in a meeting that officials on both sides described as “frank and productive.”

The visiting leader arrived by armoured train after a journey of more than 20 hours, and was greeted on the platform by the host’s natural resources minister. The two men toured a rocket assembly hall before sitting down for talks that lasted about four hours, including a lunch at which the menu — duck dumplings, crab salad and a fish soup — was published by the host’s press office.

“We will discuss everything,” the host told reporters before the talks began. Asked whether military cooperation was on the agenda, he said there were “certain restrictions” that his government was following, but that there was “potential” for cooperation in other fields, including space.

Analysts in Seoul and Washington said the meeting was a sign of how far relations had warmed since the start of the war, and warned that any transfer of artillery shells or rockets would breach United Nations resolutions. A spokesperson for the U.S. State Department said the administration was “watching closely” and would not hesitate to impose new sanctions.

The guest, for his part, said his country would support “all the decisions” of the host government, calling the war a “sacred fight” to defend the country’s sovereignty. He invited his host to visit his capital “at a convenient time,” an invitation that was accepted, according to state media.

Trade between the two countries is small — about $35 million last year, according to customs figures — but both sides said they hoped to expand it, especially in agriculture, fisheries and tourism. A new bridge across the border river, first promised a decade ago, was mentioned again as a priority.

Officials did not say whether any agreements were signed. The visiting delegation included the country’s top military officials and the head of its munitions industry, a detail that drew attention in foreign capitals. Satellite images released last month showed increased activity at a port on the east coast, which analysts said could be linked to arms shipments.

The visit is expected to continue for several days, with stops at an aircraft factory in Komsomolsk-on-Amur and at the Pacific Fleet’s base in Vladivostok, where the guest is due to inspect warships and a hypersonic missile system, according to the host’s spokesman.

At 3 p.m. local time, the two leaders walked together along the launch pad, posing for photographs in front of a Soyuz-2 rocket. The host later told state television that the talks had been “very useful,” and that the two countries would “continue to develop” their relationship “in all directions.”

The meeting drew criticism from several European governments. A foreign-ministry spokesperson in Berlin said it showed “how isolated” both countries had become, while officials in Tokyo said they were “gravely concerned” about the possibility of technology transfers that could help the guest’s satellite programme.
`

const benchArticleFrench = `Les deux dirigeants se sont rencontrés mercredi sur le cosmodrome, dans l’Extrême-Orient du pays, pour leurs premiers entretiens depuis quatre ans. « Nous allons parler de tout », a déclaré l’hôte avant le début des discussions, qui ont duré environ quatre heures, déjeuner compris.

Le visiteur est arrivé à bord d’un train blindé après un voyage de plus de vingt heures. Les analystes de Séoul et de Washington estiment que la rencontre témoigne du réchauffement des relations depuis le début de la guerre, et préviennent que toute livraison d’obus ou de roquettes violerait les résolutions des Nations unies.

Les échanges commerciaux entre les deux pays restent modestes — environ 35 millions de dollars l’année dernière, selon les douanes — mais les deux parties ont dit vouloir les développer, notamment dans l’agriculture, la pêche et le tourisme. Un nouveau pont sur le fleuve frontalier, promis il y a dix ans, a de nouveau été évoqué comme une priorité.

La visite doit se poursuivre pendant plusieurs jours, avec des étapes dans une usine aéronautique et à la base de la flotte du Pacifique, où l’invité doit inspecter des navires de guerre, selon le porte-parole de l’hôte. Plusieurs gouvernements européens ont critiqué la rencontre ; à Berlin, une porte-parole a jugé qu’elle montrait « à quel point » les deux pays étaient isolés.
`

func BenchmarkMojibake(b *testing.B) {
	mangled := mojibakeMisread(benchArticle, mojibakeCodecNamed("sloppy-windows-1252"))
	for _, bc := range []struct{ name, text string }{
		{"clean", benchArticle},
		{"mojibake", mangled},
		{"french", benchArticleFrench},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.text)))
			for b.Loop() {
				var log Log
				Mojibake{}.Fix(bc.text, &log)
			}
		})
	}
}

func ExampleMojibake() {
	var log Log
	fixed := Mojibake{}.Fix("The cafÃ© reopened on Mondayâ€”finally.", &log)
	fmt.Println(fixed)
	fmt.Println(log.Repairs()[0].Kind, log.Repairs()[0].Count)
	// Output:
	// The café reopened on Monday—finally.
	// mojibake 2
}
