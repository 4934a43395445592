package describe

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxhq/parallax"
)

// Ownership kinds of an [Outlet].
const (
	OwnershipState   = "state"   // owned by a government, a ministry or a ruling party
	OwnershipPublic  = "public"  // a public-service body under its own statute
	OwnershipPrivate = "private" // privately or cooperatively owned, listed, or a non-profit
)

// Outlet is a news outlet as the registry knows it.
type Outlet struct {
	ID      string   `json:"id"`                // stable, lowercase, e.g. "kbs-world-radio"
	Name    string   `json:"name"`              // the name it publishes under
	Aliases []string `json:"aliases,omitempty"` // other names, abbreviations, former names
	Domains []string `json:"domains,omitempty"` // registered domains; subdomains fold to them
	Country string   `json:"country,omitempty"` // ISO 3166-1 alpha-2 of its seat
	// Ownership is one of OwnershipState, OwnershipPublic, OwnershipPrivate.
	Ownership string `json:"ownership,omitempty"`
	// StateAffiliated says a state controls what it publishes: true for
	// state and party media without editorial independence (KCNA, Xinhua,
	// RT), false for public broadcasters with a statute guaranteeing it
	// (BBC, NHK, KBS) and for private media.
	StateAffiliated bool     `json:"state_affiliated"`
	Language        string   `json:"language,omitempty"`       // ISO 639-1 of its main output
	Signoffs        []string `json:"signoffs,omitempty"`       // phrases its reporters sign off with: "KBS World Radio News"
	DOCNOPrefixes   []string `json:"docno_prefixes,omitempty"` // TREC-style DOCNO prefixes of its documents: "NYT", "XIE"
}

// Registry looks outlets up by domain, name and DOCNO prefix. The zero value
// is not usable; get one from [DefaultRegistry] or [NewRegistry]. A Registry
// is safe for concurrent lookups but not for lookups during a [Registry.Merge].
type Registry struct {
	outlets  []*Outlet
	byID     map[string]*Outlet
	byDomain map[string]*Outlet
	byName   map[string]*Outlet       // normalized name → outlet; nil when two outlets share it
	prefixes []docnoPrefix            // longest first
	scan     map[string][]namePattern // names worth finding in free text, by first word, longest first
}

type docnoPrefix struct {
	prefix string // upper case
	outlet *Outlet
}

type namePattern struct {
	text   string
	outlet *Outlet
}

//go:embed outlets.json
var defaultOutlets string

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	r := &Registry{byID: make(map[string]*Outlet)}
	r.index()
	return r
}

// DefaultRegistry returns a new registry holding the outlets embedded in
// Parallax: the major international wires, broadcasters, state media and
// newspapers. Each call parses the embedded file again, so callers that
// describe many articles should build one and keep it.
func DefaultRegistry() (*Registry, error) {
	r := NewRegistry()
	if err := r.merge(strings.NewReader(defaultOutlets), "embedded outlets"); err != nil {
		return nil, err
	}
	return r, nil
}

// Len returns the number of outlets in the registry.
func (r *Registry) Len() int { return len(r.outlets) }

// Outlets returns a copy of every outlet, in the order they were added.
func (r *Registry) Outlets() []Outlet {
	out := make([]Outlet, len(r.outlets))
	for i, o := range r.outlets {
		out[i] = *o
	}
	return out
}

// ByID returns the outlet with an id.
func (r *Registry) ByID(id string) (Outlet, bool) {
	o, ok := r.byID[id]
	if !ok {
		return Outlet{}, false
	}
	return *o, true
}

// ByDomain returns the outlet a host name (or a URL, or an e-mail address)
// belongs to. The most specific registered domain wins: with world.kbs.co.kr
// and kbs.co.kr both registered, world.kbs.co.kr is KBS World Radio and
// news.kbs.co.kr is KBS. "www." and other subdomains fold to the registered
// domain, so edition.cnn.com is CNN. A bare top-level domain never matches.
func (r *Registry) ByDomain(host string) (Outlet, bool) {
	h := hostOf(host)
	for strings.Contains(h, ".") {
		if o, ok := r.byDomain[h]; ok {
			return *o, true
		}
		_, h, _ = strings.Cut(h, ".")
	}
	return Outlet{}, false
}

// ByName returns the outlet with a name, an alias or a sign-off phrase,
// compared without regard to case, spacing, curly apostrophes or a leading
// "The". A name two outlets share finds neither.
func (r *Registry) ByName(name string) (Outlet, bool) {
	o := r.byName[normName(name)]
	if o == nil {
		return Outlet{}, false
	}
	return *o, true
}

// ByDOCNO returns the outlet whose DOCNO prefix is the longest one starting
// an external id, compared without regard to case. A prefix ending in a
// letter must not be followed by another letter, so "AP" matches
// "AP880212-0001" but not "APW19980101.0001" or "APPLE-1".
func (r *Registry) ByDOCNO(externalID string) (Outlet, bool) {
	id := strings.ToUpper(strings.TrimSpace(externalID))
	for _, p := range r.prefixes {
		if !strings.HasPrefix(id, p.prefix) {
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(p.prefix)
		next, _ := utf8.DecodeRuneInString(id[len(p.prefix):])
		if unicode.IsLetter(last) && unicode.IsLetter(next) {
			continue
		}
		return *p.outlet, true
	}
	return Outlet{}, false
}

// Merge reads a JSON array of outlet objects and adds them to the registry.
// An object whose id is already registered overrides that outlet field by
// field: only the fields it gives change, so {"id": "cnn",
// "docno_prefixes": ["CB"]} adds a DOCNO mapping to CNN. A domain or DOCNO
// prefix given to one outlet is taken away from any other. New outlets need
// an id and a name. On error the registry is left unchanged; errors wrap
// [parallax.ErrInvalid] and name the entry (counted from 1) and the problem,
// as in "describe: outlets file: entry 3: missing id".
func (r *Registry) Merge(rd io.Reader) error {
	return r.merge(rd, "outlets file")
}

// patch is one entry of an outlets file; nil fields were not given.
type patch struct {
	ID              *string  `json:"id"`
	Name            *string  `json:"name"`
	Aliases         []string `json:"aliases"`
	Domains         []string `json:"domains"`
	Country         *string  `json:"country"`
	Ownership       *string  `json:"ownership"`
	StateAffiliated *bool    `json:"state_affiliated"`
	Language        *string  `json:"language"`
	Signoffs        []string `json:"signoffs"`
	DOCNOPrefixes   []string `json:"docno_prefixes"`
}

// fileError is an error in an outlets file.
type fileError struct{ msg string }

func (e *fileError) Error() string { return e.msg }
func (e *fileError) Unwrap() error { return parallax.ErrInvalid }

func (r *Registry) merge(rd io.Reader, what string) error {
	var raw []json.RawMessage
	if err := json.NewDecoder(rd).Decode(&raw); err != nil {
		return &fileError{fmt.Sprintf("describe: %s: want a JSON array of outlet objects: %v", what, err)}
	}
	// Work on a copy so that a bad file leaves the registry as it was.
	outlets := make([]*Outlet, len(r.outlets), len(r.outlets)+len(raw))
	byID := make(map[string]*Outlet, len(r.byID)+len(raw))
	domains, prefixes := make(map[string]*Outlet), make(map[string]*Outlet)
	for i, o := range r.outlets {
		c := *o
		outlets[i] = &c
		byID[c.ID] = &c
		claim(domains, &c, nil, c.Domains, func(o *Outlet) *[]string { return &o.Domains })
		claim(prefixes, &c, nil, c.DOCNOPrefixes, func(o *Outlet) *[]string { return &o.DOCNOPrefixes })
	}
	for i, msg := range raw {
		fail := func(format string, args ...any) error {
			return &fileError{fmt.Sprintf("describe: %s: entry %d: %s", what, i+1, fmt.Sprintf(format, args...))}
		}
		var p patch
		dec := json.NewDecoder(strings.NewReader(string(msg)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&p); err != nil {
			return fail("%v", err)
		}
		if p.ID == nil || strings.TrimSpace(*p.ID) == "" {
			return fail("missing id")
		}
		id := strings.TrimSpace(*p.ID)
		o, known := byID[id]
		if !known {
			if p.Name == nil || strings.TrimSpace(*p.Name) == "" {
				return fail("outlet %q: missing name", id)
			}
			o = &Outlet{ID: id}
		}
		oldDomains, oldPrefixes := o.Domains, o.DOCNOPrefixes
		if err := p.apply(o); err != nil {
			return fail("outlet %q: %v", id, err)
		}
		claim(domains, o, oldDomains, o.Domains, func(o *Outlet) *[]string { return &o.Domains })
		claim(prefixes, o, oldPrefixes, o.DOCNOPrefixes, func(o *Outlet) *[]string { return &o.DOCNOPrefixes })
		if !known {
			outlets = append(outlets, o)
			byID[id] = o
		}
	}
	r.outlets, r.byID = outlets, byID
	r.index()
	return nil
}

// claim records in owners that keys now belong to o instead of old, and
// takes each key away from the outlet that had it before; field selects the
// outlet's list of such keys (its domains or its DOCNO prefixes).
func claim(owners map[string]*Outlet, o *Outlet, old, keys []string, field func(*Outlet) *[]string) {
	for _, k := range old {
		if owners[k] == o {
			delete(owners, k)
		}
	}
	for _, k := range keys {
		if prev := owners[k]; prev != nil && prev != o {
			list := field(prev)
			*list = slices.DeleteFunc(*list, func(x string) bool { return x == k })
		}
		owners[k] = o
	}
}

// apply sets the fields p gives on o, checking and normalizing them.
func (p *patch) apply(o *Outlet) error {
	if p.Name != nil {
		o.Name = strings.TrimSpace(*p.Name)
		if o.Name == "" {
			return fmt.Errorf("empty name")
		}
	}
	if p.Aliases != nil {
		o.Aliases = trimAll(p.Aliases)
	}
	if p.Domains != nil {
		o.Domains = o.Domains[:0:0]
		for _, d := range p.Domains {
			h := hostOf(d)
			if !strings.Contains(h, ".") || strings.ContainsAny(h, " \t") {
				return fmt.Errorf("domain %q is not a host name", d)
			}
			if !slices.Contains(o.Domains, h) {
				o.Domains = append(o.Domains, h)
			}
		}
	}
	if p.Country != nil {
		c := strings.ToUpper(strings.TrimSpace(*p.Country))
		if c != "" && !isCountryCode(c) {
			return fmt.Errorf("country %q is not an ISO 3166-1 alpha-2 code", *p.Country)
		}
		o.Country = c
	}
	if p.Ownership != nil {
		switch w := strings.ToLower(strings.TrimSpace(*p.Ownership)); w {
		case "", OwnershipState, OwnershipPublic, OwnershipPrivate:
			o.Ownership = w
		default:
			return fmt.Errorf("ownership %q: want state, public or private", *p.Ownership)
		}
	}
	if p.StateAffiliated != nil {
		o.StateAffiliated = *p.StateAffiliated
	}
	if p.Language != nil {
		l := strings.ToLower(strings.TrimSpace(*p.Language))
		if l != "" && (len(l) != 2 || l[0] < 'a' || l[0] > 'z' || l[1] < 'a' || l[1] > 'z') {
			return fmt.Errorf("language %q is not an ISO 639-1 code", *p.Language)
		}
		o.Language = l
	}
	if p.Signoffs != nil {
		o.Signoffs = trimAll(p.Signoffs)
	}
	if p.DOCNOPrefixes != nil {
		o.DOCNOPrefixes = o.DOCNOPrefixes[:0:0]
		for _, d := range trimAll(p.DOCNOPrefixes) {
			o.DOCNOPrefixes = append(o.DOCNOPrefixes, strings.ToUpper(d))
		}
	}
	return nil
}

// index rebuilds the lookup tables from r.outlets.
func (r *Registry) index() {
	r.byDomain = make(map[string]*Outlet)
	r.byName = make(map[string]*Outlet)
	r.prefixes = r.prefixes[:0]
	var scan []namePattern
	owner := make(map[string]*Outlet) // normalized name → first outlet that claimed it
	for _, o := range r.outlets {
		for _, d := range o.Domains {
			r.byDomain[d] = o
		}
		for _, p := range o.DOCNOPrefixes {
			r.prefixes = append(r.prefixes, docnoPrefix{p, o})
		}
		names := append(append([]string{o.Name}, o.Aliases...), o.Signoffs...)
		for _, n := range names {
			k := normName(n)
			if k == "" {
				continue
			}
			if prev, ok := owner[k]; ok && prev != o {
				r.byName[k] = nil // shared by two outlets: ambiguous
				continue
			}
			owner[k] = o
			r.byName[k] = o
			if scannable(n) {
				scan = append(scan, namePattern{n, o})
			}
		}
	}
	slices.SortStableFunc(r.prefixes, func(a, b docnoPrefix) int { return len(b.prefix) - len(a.prefix) })
	slices.SortStableFunc(scan, func(a, b namePattern) int { return len(b.text) - len(a.text) })
	r.scan = make(map[string][]namePattern)
	for _, p := range scan {
		if r.byName[normName(p.text)] != nil {
			w := firstWord(p.text)
			r.scan[w] = append(r.scan[w], p)
		}
	}
}

// firstWord returns the leading run of letters and digits of s.
func firstWord(s string) string {
	if i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }); i >= 0 {
		return s[:i]
	}
	return s
}

// commonWords are one-word outlet names that are ordinary words too, so
// finding them in free text says nothing.
var commonWords = map[string]bool{
	"i": true, "time": true, "stuff": true, "index": true, "nation": true, "mint": true,
	"focus": true, "stern": true, "telex": true, "vice": true, "salon": true, "slate": true,
	"vox": true, "punch": true, "kan": true, "tempo": true, "express": true, "independent": true,
	"guardian": true, "insider": true, "scroll": true, "economist": true, "spectator": true,
	"scotsman": true, "globo": true, "semana": true, "perfil": true, "proceso": true,
	"sabah": true, "welt": true, "vanguard": true, "politico": true, "axios": true, "detik": true,
	"reforma": true, "expresso": true, "onet": true, "regnum": true,
}

// scannable reports whether finding a name in free text identifies its
// outlet: not one-word common words, and not two-letter abbreviations.
func scannable(name string) bool {
	if strings.ContainsAny(name, " ") {
		return true
	}
	if utf8.RuneCountInString(name) < 3 {
		return false
	}
	return !commonWords[strings.ToLower(name)]
}

// findName returns the registered outlet whose name occurs first in text
// as whole words, with exact case; at one position the longest name wins.
func (r *Registry) findName(text string) (*Outlet, bool) {
	for i := 0; i < len(text); {
		c, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) {
			i += size
			continue
		}
		w := firstWord(text[i:])
		for _, p := range r.scan[w] {
			if strings.HasPrefix(text[i:], p.text) && wordBounded(text, i, i+len(p.text)) {
				return p.outlet, true
			}
		}
		i += len(w)
	}
	return nil, false
}

// wordBounded reports whether text[i:j] has no letter or digit on either side.
func wordBounded(text string, i, j int) bool {
	if r, _ := utf8.DecodeLastRuneInString(text[:i]); i > 0 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(text[j:]); j < len(text) && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
		return false
	}
	return true
}

// normName folds a name for comparison: lower case, straight apostrophes,
// single spaces, no surrounding punctuation, no leading "the ".
func normName(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	s = strings.NewReplacer("’", "'", "‘", "'").Replace(s)
	s = strings.TrimFunc(s, func(r rune) bool { return unicode.IsPunct(r) && r != ')' && r != '+' || unicode.IsSpace(r) })
	return strings.TrimPrefix(s, "the ")
}

// hostOf reduces a URL, an e-mail address or a host name to a lower-case
// host name without "www.", port or trailing dot.
func hostOf(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if _, rest, ok := strings.Cut(s, "://"); ok {
		s = rest
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		s = s[i+1:]
	}
	if i := strings.IndexByte(s, ':'); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimSuffix(s, ".")
	return strings.TrimPrefix(s, "www.")
}

func trimAll(ss []string) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
