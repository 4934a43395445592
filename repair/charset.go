package repair

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/saintfish/chardet"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
)

// Charset returns a [Fixer] that decodes the fields of one record whose raw
// bytes are raw. A field that is valid UTF-8 comes back unchanged, at the
// cost of a validity check. A field that is not is decoded with the
// record's charset: declared, if it names an encoding known to the WHATWG
// Encoding Standard (htmlindex) other than UTF-8, else the one
// [DetectCharset] finds in raw.
//
// When raw is mostly UTF-8 with a few stray bytes (a UTF-8 page with one
// pasted Windows-1252 quote, say), only the stray bytes are decoded and the
// valid UTF-8 around them is kept. Otherwise every non-ASCII byte of the
// field is decoded.
//
// Each decoded field is recorded as kind "charset", counting the bytes
// decoded, with an example whose before side shows them escaped (\xfc).
// Nothing is dropped: a byte the charset leaves undefined becomes U+FFFD and
// is counted as kind "charset-invalid".
//
// The detection runs once, on the first field that needs it.
func Charset(raw []byte, declared string) Fixer {
	return &charsetFixer{raw: raw, declared: declared}
}

type charsetFixer struct {
	raw      []byte
	declared string

	once   sync.Once
	enc    encoding.Encoding
	single *charmap.Charmap // enc when it is a single-byte charset
	hybrid bool             // decode only the bytes that are not valid UTF-8
}

// charsetMaxDetect caps how many bytes of a record the detector reads.
const charsetMaxDetect = 64 << 10

func (c *charsetFixer) resolve() {
	if c.declared != "" {
		if e, err := htmlindex.Get(c.declared); err == nil {
			if n, _ := htmlindex.Name(e); n != "utf-8" {
				c.enc = e
			}
		}
	}
	if c.enc == nil {
		name := DetectCharset(c.raw)
		c.enc, _ = htmlindex.Get(name)
		if c.enc == nil || name == "utf-8" {
			c.enc = charmap.Windows1252
		}
	}
	c.single, _ = c.enc.(*charmap.Charmap)
	valid, invalid := charsetCount(c.raw)
	c.hybrid = c.single != nil && valid >= invalid
}

// Fix implements [Fixer].
func (c *charsetFixer) Fix(text string, log *Log) string {
	if utf8.ValidString(text) {
		return text
	}
	c.once.Do(c.resolve)
	out, decoded, invalid, at := c.decode(text)
	log.Add("charset", decoded, charsetEscape(c.window(text, at)), c.example(text, at))
	log.Add("charset-invalid", invalid, "", "")
	return out
}

// decode decodes text and returns how many bytes it decoded, how many of
// them were undefined (now U+FFFD), and the offset of the first one decoded.
func (c *charsetFixer) decode(text string) (out string, decoded, invalid, at int) {
	at = -1
	if c.single == nil {
		s, err := c.enc.NewDecoder().String(text)
		if err != nil { // decoders replace bad input, so this is a bug
			s = strings.ToValidUTF8(text, "\uFFFD")
		}
		for i := 0; i < len(text); i++ {
			if text[i] >= utf8.RuneSelf {
				decoded++
				if at < 0 {
					at = i
				}
			}
		}
		return s, decoded, strings.Count(s, "\uFFFD") - strings.Count(text, "\uFFFD"), at
	}
	var b strings.Builder
	b.Grow(len(text) + len(text)/4)
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r < utf8.RuneSelf || c.hybrid && (r != utf8.RuneError || size > 1) {
			b.WriteString(text[i : i+size])
			i += size
			continue
		}
		for k := range size {
			d := c.single.DecodeByte(text[i+k])
			if d == utf8.RuneError {
				invalid++
			}
			decoded++
			b.WriteRune(d)
		}
		if at < 0 {
			at = i
		}
		i += size
	}
	return b.String(), decoded, invalid, at
}

// window returns the text around offset at, for an example.
func (c *charsetFixer) window(text string, at int) string {
	const n = 24
	if at < 0 {
		return ""
	}
	lo, hi := max(at-n, 0), min(at+n, len(text))
	for lo > 0 && !utf8.RuneStart(text[lo]) && c.single != nil {
		lo--
	}
	for hi < len(text) && !utf8.RuneStart(text[hi]) && c.single != nil {
		hi++
	}
	if c.single == nil { // a multi-byte charset: start at the field start
		lo, hi = 0, min(2*n, len(text))
	}
	return text[lo:hi]
}

func (c *charsetFixer) example(text string, at int) string {
	w := c.window(text, at)
	out, _, _, _ := c.decode(w)
	return strings.ToValidUTF8(out, "\uFFFD")
}

// charsetEscape shows the bytes of s that are not UTF-8 as \xNN.
func charsetEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			fmt.Fprintf(&b, `\x%02x`, s[i])
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// charsetCount counts the valid multi-byte UTF-8 sequences and the bytes
// that are not valid UTF-8 in raw.
func charsetCount(raw []byte) (valid, invalid int) {
	for i := 0; i < len(raw); {
		if raw[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && size == 1 {
			invalid++
		} else {
			valid++
		}
		i += size
	}
	return valid, invalid
}

// charsetAliases maps chardet's names that htmlindex does not know.
var charsetAliases = map[string]string{"GB-18030": "gb18030"}

// DetectCharset returns the WHATWG name (as [htmlindex.Name] gives it) of
// the charset of raw: "utf-8" when raw is valid UTF-8 or starts with its
// byte-order mark, "utf-16le" or "utf-16be" after their byte-order marks.
// Otherwise it names the charset of the bytes that are not UTF-8:
//
//   - "windows-1252" when raw is mostly UTF-8 with stray bytes, or mostly
//     ASCII with a few isolated high bytes (a ü or a £ in an English text),
//     where statistical detection is guesswork;
//   - else the best guess of github.com/saintfish/chardet, with ISO-8859-1
//     read as its superset Windows-1252, and "windows-1252" when chardet has
//     no answer the Encoding Standard knows.
func DetectCharset(raw []byte) string {
	switch {
	case bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")), utf8.Valid(raw):
		return "utf-8"
	case bytes.HasPrefix(raw, []byte("\xff\xfe")):
		return "utf-16le"
	case bytes.HasPrefix(raw, []byte("\xfe\xff")):
		return "utf-16be"
	}
	if len(raw) > charsetMaxDetect {
		raw = raw[:charsetMaxDetect]
	}
	valid, invalid := charsetCount(raw)
	if valid >= invalid || charsetFewIsolated(raw) {
		return "windows-1252"
	}
	results, err := chardet.NewTextDetector().DetectAll(raw)
	if err != nil {
		return "windows-1252"
	}
	for _, res := range results {
		name := res.Charset
		if alias, ok := charsetAliases[name]; ok {
			name = alias
		}
		e, err := htmlindex.Get(name)
		if err != nil {
			continue
		}
		n, err := htmlindex.Name(e)
		if err != nil || n == "utf-8" {
			continue
		}
		// Multi-byte guesses on a few bytes are noise: "Путин" in
		// Windows-1251 also parses as Shift_JIS.
		if _, single := e.(*charmap.Charmap); !single && invalid < charsetMinMultiByte {
			continue
		}
		return n
	}
	return "windows-1252"
}

// charsetMinMultiByte is how many non-UTF-8 bytes a text needs before a
// multi-byte charset (Shift_JIS, GB18030, EUC-KR, Big5 …) is believed.
const charsetMinMultiByte = 16

// charsetFewIsolated reports whether raw is mostly ASCII with a few high
// bytes, each standing between ASCII bytes, as a Western European letter or
// symbol does in English text: at most 2% of the bytes (or 3 bytes in all),
// nine in ten of them isolated.
func charsetFewIsolated(raw []byte) bool {
	high, isolated := 0, 0
	for i, b := range raw {
		if b < utf8.RuneSelf {
			continue
		}
		high++
		if (i == 0 || raw[i-1] < utf8.RuneSelf) && (i == len(raw)-1 || raw[i+1] < utf8.RuneSelf) {
			isolated++
		}
	}
	return (high <= 3 || high*50 <= len(raw)) && isolated*10 >= high*9
}
