package repair

import (
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// mojibakeCodec is a single-byte encoding that UTF-8 text may have been
// wrongly decoded with. Encoding text back with it recovers the bytes that
// were misread.
//
// A "sloppy" codec maps the bytes its standard leaves undefined (0x81 in
// Windows-1252, say) to the Latin-1 character of the same number, as lax
// decoders do, so that every byte survives the round trip. It also maps
// byte 0x1A to U+FFFD: a decoder that met a byte it could not map wrote
// U+FFFD, and 0x1A (SUBSTITUTE) stands for that lost byte while the bytes are
// being re-read. Literal U+001A is then not encodable, so it is never
// mistaken for a lost byte.
type mojibakeCodec struct {
	name   string
	sloppy bool
	decode [256]rune
	encode map[rune]byte // runes >= 0x80, plus U+FFFD in sloppy codecs
}

// mojibakeSub is the byte a sloppy codec uses for a lost character (U+FFFD).
const mojibakeSub = 0x1A

// mojibakeCodecs returns the codecs tried when a whole line is re-read, in
// order of preference: the first one under which the line re-reads as UTF-8
// wins. Latin-1 comes first because it covers the C1 controls that
// Windows-1252 lacks; the Central European, Cyrillic, Baltic, Mac and DOS code
// pages follow, most common first.
var mojibakeCodecs = sync.OnceValue(func() []*mojibakeCodec {
	return []*mojibakeCodec{
		mojibakeLatin1(),
		mojibakeNewCodec("sloppy-windows-1252", charmap.Windows1252, true),
		mojibakeNewCodec("sloppy-windows-1250", charmap.Windows1250, true),
		mojibakeNewCodec("sloppy-windows-1251", charmap.Windows1251, true),
		mojibakeNewCodec("sloppy-windows-1257", charmap.Windows1257, true),
		mojibakeNewCodec("iso-8859-2", charmap.ISO8859_2, false),
		mojibakeNewCodec("macroman", charmap.Macintosh, false),
		mojibakeNewCodec("cp437", charmap.CodePage437, false),
	}
})

// mojibakeCodecNamed returns one of [mojibakeCodecs] by name.
func mojibakeCodecNamed(name string) *mojibakeCodec {
	for _, c := range mojibakeCodecs() {
		if c.name == name {
			return c
		}
	}
	panic("repair: unknown mojibake codec " + name)
}

func mojibakeLatin1() *mojibakeCodec {
	c := &mojibakeCodec{name: "latin-1", encode: make(map[rune]byte, 128)}
	for b := range 256 {
		c.decode[b] = rune(b)
		if b >= 0x80 {
			c.encode[rune(b)] = byte(b)
		}
	}
	return c
}

func mojibakeNewCodec(name string, cm *charmap.Charmap, sloppy bool) *mojibakeCodec {
	c := &mojibakeCodec{name: name, sloppy: sloppy, encode: make(map[rune]byte, 130)}
	for b := range 256 {
		r := cm.DecodeByte(byte(b))
		if r == utf8.RuneError {
			r = rune(b) // undefined in a sloppy codec; a C1 control in ISO 8859-2
		}
		if b == mojibakeSub && sloppy {
			r = utf8.RuneError
		}
		c.decode[b] = r
		if r >= 0x80 && r != utf8.RuneError || b == mojibakeSub && sloppy {
			c.encode[r] = byte(b)
		}
	}
	return c
}

// encodeRune returns the byte that decodes to r, if there is one.
func (c *mojibakeCodec) encodeRune(r rune) (byte, bool) {
	if r < 0x80 {
		if c.sloppy && r == mojibakeSub || c.decode[r] != r {
			return 0, false
		}
		return byte(r), true
	}
	b, ok := c.encode[r]
	return b, ok
}

// encodeString encodes s, reporting false if a rune has no byte.
func (c *mojibakeCodec) encodeString(s string) ([]byte, bool) {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		b, ok := c.encodeRune(r)
		if !ok {
			return nil, false
		}
		out = append(out, b)
	}
	return out, true
}

// mojibakeDecodeUTF8 decodes b as UTF-8, also accepting CESU-8 (a
// character outside the BMP written as two encoded UTF-16 surrogates, as
// Java and some databases do). It reports false if b is not valid in either.
func mojibakeDecodeUTF8(b []byte) (string, bool) {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			out = append(out, b[i])
			i++
			continue
		}
		if r, ok := mojibakeCESU(b[i:]); ok {
			out = utf8.AppendRune(out, r)
			i += 6
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return "", false
		}
		out = append(out, b[i:i+size]...)
		i += size
	}
	return string(out), true
}

// mojibakeCESU decodes a surrogate pair encoded as two 3-byte sequences at
// the start of b.
func mojibakeCESU(b []byte) (rune, bool) {
	if len(b) < 6 || b[0] != 0xED || b[3] != 0xED ||
		b[1] < 0xA0 || b[1] > 0xAF || b[4] < 0xB0 || b[4] > 0xBF ||
		!mojibakeIsCont(b[2]) || !mojibakeIsCont(b[5]) {
		return 0, false
	}
	hi := 0xD000 | rune(b[1]&0x3F)<<6 | rune(b[2]&0x3F)
	lo := 0xD000 | rune(b[4]&0x3F)<<6 | rune(b[5]&0x3F)
	return 0x10000 + (hi-0xD800)<<10 + (lo - 0xDC00), true
}

func mojibakeIsCont(b byte) bool { return b >= 0x80 && b <= 0xBF }

// mojibakeSeqLen returns how many bytes a UTF-8 sequence starting with the
// lead byte b has, or 0 if b cannot start a multi-byte sequence.
func mojibakeSeqLen(b byte) int {
	switch {
	case b >= 0xC2 && b <= 0xDF:
		return 2
	case b >= 0xE0 && b <= 0xEF:
		return 3
	case b >= 0xF0 && b <= 0xF4:
		return 4
	}
	return 0
}

// mojibakeRestoreA0 puts back the byte 0xA0 where a later process turned it
// into an ASCII space. UTF-8 for U+00A0 (C2 A0), à (C3 A0), Š (C5 A0) and
// many others ends in 0xA0, which Latin-1 shows as a no-break space; editors
// and HTML rendering often turned that into a plain space or merged it with
// the space after it. The space is put back only where it sits in the one
// place a continuation byte is required, after a lead byte commonly followed
// by 0xA0.
//
// "Ã" followed by a single space and a word is read as "à " (the no-break
// space and the space after it merged), except before the Portuguese words
// that join à to what follows (às, àquele, àquela, àquilo).
func mojibakeRestoreA0(b []byte) []byte {
	out := make([]byte, 0, len(b)+4)
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == 0xC3 && i+1 < len(b) && b[i+1] == ' ' && !mojibakeJoinsAGrave(b[i+2:]):
			out = append(out, 0xC3, 0xA0, ' ')
			i++
		case mojibakeA0Lead2(c) && i+1 < len(b) && b[i+1] == ' ':
			out = append(out, c, 0xA0)
			i++
		case c >= 0xE0 && c <= 0xE3 && i+2 < len(b):
			x, y := b[i+1], b[i+2]
			switch {
			case (c == 0xE2 || c == 0xE3) && x == ' ' && mojibakeA0Cont(y):
				out = append(out, c, 0xA0, y)
				i += 2
			case mojibakeA0Cont(x) && y == ' ':
				out = append(out, c, x, 0xA0)
				i += 2
			default:
				out = append(out, c)
			}
		case c == 0xF0 && i+3 < len(b) && mojibakeOneSpace(b[i+1:i+4]):
			out = append(out, c)
			for _, x := range b[i+1 : i+4] {
				if x == ' ' {
					x = 0xA0
				}
				out = append(out, x)
			}
			i += 3
		default:
			out = append(out, c)
		}
	}
	return out
}

// mojibakeNeedsA0 reports whether [mojibakeRestoreA0] would change b.
func mojibakeNeedsA0(b []byte) bool {
	for i := 0; i+1 < len(b); i++ {
		c := b[i]
		switch {
		case mojibakeA0Lead2(c) && b[i+1] == ' ':
			return true
		case c >= 0xE0 && c <= 0xE3 && i+2 < len(b):
			x, y := b[i+1], b[i+2]
			if (c == 0xE2 || c == 0xE3) && x == ' ' && mojibakeA0Cont(y) || mojibakeA0Cont(x) && y == ' ' {
				return true
			}
		case c == 0xF0 && i+3 < len(b) && mojibakeOneSpace(b[i+1:i+4]):
			return true
		}
	}
	return false
}

// mojibakeA0Lead2 reports lead bytes of 2-byte sequences that end in 0xA0 in
// common text: U+00A0, à, Š/š, Π, Р, Arabic-Indic zero.
func mojibakeA0Lead2(c byte) bool {
	switch c {
	case 0xC2, 0xC3, 0xC5, 0xCE, 0xD0, 0xD9:
		return true
	}
	return false
}

// mojibakeA0Cont reports continuation bytes that may sit beside a restored
// 0xA0 (not 0x85 or 0xA0, which would themselves have been spaces).
func mojibakeA0Cont(c byte) bool {
	return mojibakeIsCont(c) && c != 0x85 && c != 0xA0
}

// mojibakeOneSpace reports whether exactly one of three bytes is a space and
// the others are continuation bytes.
func mojibakeOneSpace(b []byte) bool {
	spaces := 0
	for _, x := range b {
		switch {
		case x == ' ':
			spaces++
		case !mojibakeIsCont(x):
			return false
		}
	}
	return spaces == 1
}

// mojibakeJoinsAGrave reports whether rest, the bytes after "Ã ", starts
// with a space or a Portuguese word that à contracts with.
func mojibakeJoinsAGrave(rest []byte) bool {
	if len(rest) > 0 && rest[0] == ' ' {
		return true
	}
	for _, w := range []string{"quele", "quela", "quilo", "s "} {
		if len(rest) >= len(w) && string(rest[:len(w)]) == w {
			return true
		}
	}
	return false
}

// mojibakeReplaceLossy replaces UTF-8 sequences that lost a byte on the
// way with the UTF-8 for U+FFFD, so that the rest of the text can still be
// decoded. A byte is lost when a decoder wrote U+FFFD for it (0x1A in a
// sloppy codec) or "?" (only trusted after the lead bytes of Latin letters,
// C2 and C3, and inside 3- and 4-byte sequences). A lone 0x1A stands for a
// U+FFFD that was already there.
func mojibakeReplaceLossy(b []byte) []byte {
	const fffd = "\uFFFD"
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		c := b[i]
		if c == mojibakeSub {
			out = append(out, fffd...)
			i++
			continue
		}
		n := mojibakeSeqLen(c)
		if n == 0 || i+n > len(b) {
			out = append(out, c)
			i++
			continue
		}
		lost, qmarks, ok := 0, 0, true
		for _, x := range b[i+1 : i+n] {
			switch {
			case x == mojibakeSub:
				lost++
			case x == '?':
				qmarks++
			case !mojibakeIsCont(x):
				ok = false
			}
		}
		if n == 2 && qmarks > 0 && c > 0xC3 {
			ok = false
		}
		if ok && lost+qmarks > 0 && qmarks <= 1 {
			out = append(out, fffd...)
			i += n
			continue
		}
		out = append(out, c)
		i++
	}
	return out
}
