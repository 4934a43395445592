package analyze

import (
	"bufio"
	_ "embed"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/parallaxhq/parallax"
)

// gazetteerData is the embedded table of countries, capitals, demonyms and
// organisations (see its header for the source and the format).
//
//go:embed data/gazetteer.tsv
var gazetteerData string

// gazRole says how a gazetteer name refers to its entity.
type gazRole uint8

const (
	roleName    gazRole = iota // the canonical name or another name ("DPRK")
	roleDemonym                // "North Korean"
	roleCapital                // "Pyongyang": the government, unless used as a place ("in Pyongyang")
)

// gazEntry is what one folded name means.
type gazEntry struct {
	id   string
	name string // the entity's canonical name
	kind parallax.EntityKind
	role gazRole
}

// gazetteer maps folded names (see [foldKey]) to entries.
type gazetteer struct {
	names     map[string]gazEntry
	first     map[string]bool // the first words of names, folded
	maxTokens int             // the most words any name has
}

// parseGazetteer reads the TSV table; a malformed line is an error naming it.
func parseGazetteer(data string) (*gazetteer, error) {
	g := &gazetteer{names: map[string]gazEntry{}, first: map[string]bool{}}
	sc := bufio.NewScanner(strings.NewReader(data))
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if text == "" || text[0] == '#' {
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) != 6 {
			return nil, fmt.Errorf("analyze: gazetteer line %d: %d fields, want 6: %w", line, len(f), parallax.ErrInvalid)
		}
		kind := parallax.EntityKind(f[0])
		switch kind {
		case parallax.EntityPlace, parallax.EntityOrganization, parallax.EntityOther:
		default:
			return nil, fmt.Errorf("analyze: gazetteer line %d: kind %q: %w", line, f[0], parallax.ErrInvalid)
		}
		id, name := f[1], f[2]
		if id == "" || name == "" || id != FoldID(id) {
			return nil, fmt.Errorf("analyze: gazetteer line %d: bad id %q or name %q: %w", line, id, name, parallax.ErrInvalid)
		}
		add := func(n string, role gazRole) {
			k := foldKey(n)
			if k == "" {
				return
			}
			if _, dup := g.names[k]; dup && role != roleName {
				return // a demonym or capital never overrides a name ("US", "Brussels")
			}
			g.names[k] = gazEntry{id: id, name: name, kind: kind, role: role}
			first, _, _ := strings.Cut(k, " ")
			g.first[first] = true
			g.maxTokens = max(g.maxTokens, strings.Count(k, " ")+1)
		}
		add(name, roleName)
		for _, part := range []struct {
			field string
			role  gazRole
		}{{f[3], roleName}, {f[4], roleDemonym}, {f[5], roleCapital}} {
			if part.field == "" {
				continue
			}
			for n := range strings.SplitSeq(part.field, "|") {
				add(n, part.role)
			}
		}
	}
	return g, sc.Err()
}

// lookup returns the entry for a name as written.
func (g *gazetteer) lookup(name string) (gazEntry, bool) {
	e, ok := g.names[foldKey(name)]
	return e, ok
}

// foldKey folds a name for gazetteer lookup: lower case, no diacritics, no
// full stops, typographic apostrophes plain, hyphens as spaces, no leading
// "the": "the U.S." → "us", "Kim Jong-un" → "kim jong un".
func foldKey(s string) string {
	s = stripMarks(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '.':
			continue
		case r == '’' || r == '\'' || r == 'ʼ':
			r = '\''
		case r == '-' || r == '‐' || r == '–' || unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		default:
			r = unicode.ToLower(r)
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return strings.TrimPrefix(b.String(), "the ")
}

// FoldID turns a name into an entity ID: lower case, diacritics removed,
// apostrophes and full stops dropped, every other run of non-letters and
// non-digits a single hyphen: "Kim Jong-un" and "Kim Jong Un" both give
// "kim-jong-un", "Rodong Sinmun" gives "rodong-sinmun".
func FoldID(name string) string {
	name = stripMarks(name)
	var b strings.Builder
	b.Grow(len(name))
	dash := false
	for _, r := range name {
		switch {
		case r == '\'' || r == '’' || r == '.' || r == 'ʼ':
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
	}
	return b.String()
}

// stripMarks removes combining marks (diacritics) after canonical
// decomposition: "Calderón" → "Calderon". ASCII text is returned as is.
func stripMarks(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	d := norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
