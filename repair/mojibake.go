package repair

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Mojibake repairs text that was encoded as UTF-8 and then decoded with a
// single-byte code page, so that "café" reads "cafÃ©" and a no-break space
// reads "Â ". It records each repaired span as kind "mojibake".
//
// The zero value is ready to use. Mojibake works line by line, and leaves a
// line alone unless it looks like mojibake (see below); pure ASCII lines cost
// one scan. For a line that looks like mojibake it tries, in order:
//
//  1. Re-reading the whole line: encode it with each code page it fits
//     (Latin-1, Windows-1252, -1250, -1251, -1257, ISO 8859-2, MacRoman,
//     cp437) and keep the first result that decodes as UTF-8 (or CESU-8), after
//     putting back 0xA0 bytes that became spaces and marking bytes lost to
//     U+FFFD or "?".
//  2. Re-reading only the runs of characters that look like misread UTF-8
//     sequences, each only if the run itself looks like mojibake; this
//     repairs lines that mix mojibake with correct text.
//  3. Reading C1 control characters (U+0080–U+009F), which no real text
//     uses, as the Windows-1252 characters they stand for (\x85 → …).
//
// Each change is re-checked, so text misread twice or three times is
// repaired layer by layer. "Looks like mojibake" is a heuristic over
// character classes: sequences such as a small accented letter followed by
// an accented capital, or Â before a no-break space, that real text in any
// language almost never contains. Text that has none is never changed, so
// real accented text, Greek, Cyrillic, math and emoticons pass untouched.
//
// Mojibake does not guess a charset for raw bytes (that is [Charset]) and
// does not rewrite quotes, widths or ligatures.
type Mojibake struct{}

// mojibakeMaxLayers bounds how many times a line is re-read.
const mojibakeMaxLayers = 8

// Fix implements [Fixer].
func (Mojibake) Fix(text string, log *Log) string {
	if mojibakeASCII(text) {
		return text
	}
	var b strings.Builder
	changed := false
	rest := text
	for len(rest) > 0 {
		line := rest
		nl := strings.IndexByte(rest, '\n')
		if nl >= 0 {
			line = rest[:nl+1]
		}
		rest = rest[len(line):]
		fixed := line
		if !mojibakeASCII(line) {
			body := strings.TrimSuffix(line, "\n")
			if f := mojibakeFixLine(body); f != body {
				fixed = f + line[len(body):]
				mojibakeLog(log, body, f)
			}
		}
		if fixed != line && !changed {
			changed = true
			b.Grow(len(text))
			b.WriteString(text[:len(text)-len(rest)-len(line)])
		}
		if changed {
			b.WriteString(fixed)
		}
	}
	if !changed {
		return text
	}
	return b.String()
}

// mojibakeFixLine repairs one line, layer by layer.
func mojibakeFixLine(s string) string {
	if !utf8.ValidString(s) {
		return s
	}
	for range mojibakeMaxLayers {
		next := mojibakeFixLayer(s)
		if next == s {
			break
		}
		s = next
	}
	return s
}

// mojibakeFixLayer undoes one layer of mojibake in s, or returns s.
func mojibakeFixLayer(s string) string {
	if mojibakeASCII(s) || !mojibakeIsBad(s) {
		return s
	}
	latin1 := false
	for _, c := range mojibakeCodecs() {
		b, ok := c.encodeString(s)
		if !ok {
			continue
		}
		if c.name == "latin-1" {
			latin1 = true
		}
		// Not in MacRoman, where an en dash and a space look like a
		// 2-byte sequence missing its 0xA0.
		if c.name != "macroman" && mojibakeNeedsA0(b) {
			b = mojibakeRestoreA0(b)
		}
		if c.sloppy {
			b = mojibakeReplaceLossy(b)
		}
		if out, ok := mojibakeDecodeUTF8(b); ok {
			return out
		}
	}
	if out := mojibakeFixRuns(s); out != s {
		return out
	}
	if latin1 {
		if out, ok := mojibakeMacRomanC1(s); ok {
			return out
		}
		// Latin-1 text with C1 controls: Windows-1252 read as Latin-1.
		if out, ok := mojibakeLatin1As1252(s); ok && out != s {
			return out
		}
	}
	return mojibakeFixC1(s)
}

// mojibakeLatin1As1252 re-reads Latin-1 text as Windows-1252, failing if a
// C1 control has no Windows-1252 meaning.
func mojibakeLatin1As1252(s string) (string, bool) {
	cp := mojibakeCodecNamed("sloppy-windows-1252")
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r >= 0x80 && r < 0xA0 {
			d := cp.decode[r]
			if d == r {
				return "", false
			}
			r = d
		}
		b.WriteRune(r)
	}
	return b.String(), true
}

// mojibakeMacRomanC1 re-reads as MacRoman a line whose only non-ASCII
// characters are C1 controls standing between letters, when at least one of
// them would read in Windows-1252 as a symbol that never stands inside a
// word (Coatl\x87n is Coatl‡n in Windows-1252, Coatlán in MacRoman).
// MacRoman puts its accented small letters at 0x80–0x9F.
func mojibakeMacRomanC1(s string) (string, bool) {
	const notInWords = "€‚„†‡ˆ‰‹•˜›"
	cp, mac := mojibakeCodecNamed("sloppy-windows-1252"), mojibakeCodecNamed("macroman")
	runes := []rune(s)
	symbol := false
	for i, r := range runes {
		if r < 0x80 {
			continue
		}
		if r >= 0xA0 || i == 0 || i == len(runes)-1 ||
			!unicode.IsLetter(runes[i-1]) || !unicode.IsLetter(runes[i+1]) {
			return "", false
		}
		if strings.ContainsRune(notInWords, cp.decode[r]) {
			symbol = true
		}
	}
	if !symbol {
		return "", false
	}
	for i, r := range runes {
		if r >= 0x80 {
			runes[i] = mac.decode[r]
		}
	}
	return string(runes), true
}

// mojibakeFixC1 replaces each C1 control that Windows-1252 defines with its
// Windows-1252 character; the five it leaves undefined stay.
func mojibakeFixC1(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r >= 0x80 && r < 0xA0 }) {
		return s
	}
	cp := mojibakeCodecNamed("sloppy-windows-1252")
	return strings.Map(func(r rune) rune {
		if r >= 0x80 && r < 0xA0 {
			return cp.decode[r]
		}
		return r
	}, s)
}

// mojibakeClue classes characters by the UTF-8 byte they stand for in any
// of the code pages mojibake comes from.
type mojibakeClue uint8

const (
	mbLead2 mojibakeClue = 1 << iota // 0xC2–0xDF
	mbLead3                          // 0xE0–0xEF
	mbLead4                          // 0xF0–0xF4
	mbCont                           // 0x80–0xBF
)

var mojibakeClues = sync.OnceValue(func() map[rune]mojibakeClue {
	m := make(map[rune]mojibakeClue)
	for _, name := range []string{"latin-1", "sloppy-windows-1252", "sloppy-windows-1250",
		"sloppy-windows-1251", "sloppy-windows-1257", "iso-8859-2"} {
		c := mojibakeCodecNamed(name)
		for b := 0x80; b < 0x100; b++ {
			r := c.decode[b]
			if r == utf8.RuneError {
				continue
			}
			switch {
			case b <= 0xBF:
				m[r] |= mbCont
			case b >= 0xC2 && b <= 0xDF:
				m[r] |= mbLead2
			case b >= 0xE0 && b <= 0xEF:
				m[r] |= mbLead3
			case b >= 0xF0 && b <= 0xF4:
				m[r] |= mbLead4
			}
		}
	}
	return m
})

// mojibakeOpenPunct are continuation clues that also commonly come right
// before mojibake in real text, so they do not stop a run from starting.
const mojibakeOpenPunct = "\u00a0‘’“”‚„–—…•«»"

// mojibakeFixRuns re-reads each run of characters in s that looks like a
// sequence of misread UTF-8 characters, if the run on its own looks like
// mojibake. A run may not start right after another continuation clue: in
// text garbled beyond repair every lead is preceded by one, and decoding
// pieces of it only adds new garble.
func mojibakeFixRuns(s string) string {
	clues := mojibakeClues()
	runes := []rune(s)
	cont := func(i int, space bool) bool {
		return i < len(runes) && (clues[runes[i]]&mbCont != 0 || space && runes[i] == ' ')
	}
	seqEnd := func(i int) int {
		c := clues[runes[i]]
		for n, lead := range []mojibakeClue{mbLead2, mbLead3, mbLead4} {
			if c&lead == 0 {
				continue
			}
			ok := true
			for k := 1; k <= n+1; k++ {
				if !cont(i+k, true) {
					ok = false
					break
				}
			}
			if ok {
				return i + n + 2
			}
		}
		return i
	}
	var b strings.Builder
	changed := false
	for i := 0; i < len(runes); {
		end := i
		if i == 0 || !cont(i-1, false) || strings.ContainsRune(mojibakeOpenPunct, runes[i-1]) {
			for e := seqEnd(end); e > end; e = seqEnd(end) {
				end = e
				if end >= len(runes) {
					break
				}
			}
		}
		if end == i {
			b.WriteRune(runes[i])
			i++
			continue
		}
		run := string(runes[i:end])
		if end-i < len(runes) && mojibakeIsBad(run) {
			if f := mojibakeFixLine(run); f != run {
				run = f
				changed = true
			}
		}
		b.WriteString(run)
		i = end
	}
	if !changed {
		return s
	}
	return b.String()
}

// mojibakeLog records the repairs of one line: each changed word counts as
// one repaired sequence.
func mojibakeLog(log *Log, before, after string) {
	bw, aw := mojibakeWords(before), mojibakeWords(after)
	if len(bw) != len(aw) {
		log.Add("mojibake", 1, mojibakeClip(before), mojibakeClip(after))
		return
	}
	for i := range bw {
		if bw[i] != aw[i] {
			log.Add("mojibake", 1, bw[i], aw[i])
		}
	}
}

func mojibakeWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\t' || r == '\r' })
}

// mojibakeClip shortens an example to about 80 bytes, at a rune boundary.
func mojibakeClip(s string) string {
	const n = 80
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}
