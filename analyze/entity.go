package analyze

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxhq/parallax"
)

// candidate is one name found in a paragraph, before the article's names
// are resolved into entities.
type candidate struct {
	para       int
	start, end int
	name       string // the name as written, titles left out
	kind       parallax.EntityKind
	id         string    // set when known from the gazetteer or a capital-as-city
	gaz        *gazEntry // a single-word gazetteer name: a person's surname may still win ("Fox")
	single     bool      // one word of unknown meaning: a surname back-reference, or kept as other
	initial    bool      // the first word of a sentence
	heading    bool      // found in a subhead: kept only if it names something found elsewhere
	acronymFor int       // index+1 of the candidate an "(ACR)" right after it defines, 0 if none
	acronym    string    // for an all-capitals single word: the word
}

// paragraphWords is one paragraph's words and sentence ends.
type paragraphWords struct {
	words []word
	ends  []bool
}

// Entities finds the named things of an article: people, organisations,
// places and other names, each with every mention, in order of first
// mention. IDs are canonical across articles (see [FoldID]): a country
// named by any of its names, its demonym or its capital used for its
// government ("Pyongyang said") is one entity with the country's ID; a
// capital used as a place ("in Pyongyang") is an entity of its own
// (ID "pyongyang"). A lone surname or given name ("Kim") is a mention of the
// person of the article whose name it starts or ends, the most mentioned
// one if several. People named only as the speaker of a transcript sound
// bite (Paragraph.Speaker) are entities without mentions.
func (an *Analyzer) Entities(a *parallax.Article) []parallax.Entity {
	paras, lower := splitWords(a)
	return an.entities(a, paras, lower)
}

// splitWords splits every paragraph into words and collects the words the
// article writes in lower case.
func splitWords(a *parallax.Article) ([]paragraphWords, map[string]bool) {
	paras := make([]paragraphWords, len(a.Paragraphs))
	lower := map[string]bool{}
	for i, p := range a.Paragraphs {
		ws := scanWords(p.Text)
		paras[i] = paragraphWords{words: ws, ends: sentenceEnds(ws)}
		for _, w := range ws {
			if !w.punct && !w.cap {
				lower[w.lower] = true
			}
		}
	}
	return paras, lower
}

func (an *Analyzer) entities(a *parallax.Article, paras []paragraphWords, lower map[string]bool) []parallax.Entity {
	var cands []candidate
	for i, p := range a.Paragraphs {
		cands = an.findCandidates(cands, i, p.Text, paras[i], lower, p.Kind == parallax.ParagraphHeading)
	}
	var speakers []candidate
	for i, p := range a.Paragraphs {
		if p.Kind == parallax.ParagraphSoundBite && p.Speaker != "" {
			if c, ok := an.speakerCandidate(p.Speaker, lower); ok {
				c.para = i
				speakers = append(speakers, c)
			}
		}
	}
	return resolve(cands, speakers, a.Paragraphs)
}

// speakerCandidate finds the person in a sound bite's speaker label
// ("N. Korean leader Kim Jong-un"): the last name in it.
func (an *Analyzer) speakerCandidate(label string, lower map[string]bool) (candidate, bool) {
	ws := scanWords(label)
	cs := an.findCandidates(nil, 0, label, paragraphWords{words: ws, ends: sentenceEnds(ws)}, lower, false)
	for i := len(cs) - 1; i >= 0; i-- {
		c := cs[i]
		if c.kind == parallax.EntityPerson || c.single {
			c.kind = parallax.EntityPerson
			c.start, c.end = -1, -1
			return c, true
		}
	}
	return candidate{}, false
}

// findCandidates appends the names of one paragraph to cands.
func (an *Analyzer) findCandidates(cands []candidate, para int, text string, pw paragraphWords, lower map[string]bool, heading bool) []candidate {
	ws := pw.words
	for i := 0; i < len(ws); {
		w := ws[i]
		if w.punct || !w.cap || w.lower == "the" || w.lower == "i" || strings.HasPrefix(w.lower, "i'") {
			i++
			continue
		}
		initial := i == 0 || pw.ends[i-1] || ws[i-1].punct && (isOpeningQuote(ws[i-1].r) || ws[i-1].r == ':' || ws[i-1].r == '(')
		if initial && isCommon(w.lower, lower) && !titles[w.lower] {
			i++ // "Both", "Official", "Experts" opening a sentence
			continue
		}
		if n, e, ok := an.gazMatch(text, ws, i, 1); ok {
			if n > 1 || !continuesName(ws, i, e) {
				c := candidate{para: para, start: ws[i].start, end: ws[i+n-1].end, name: e.name, kind: e.kind, id: e.id, initial: initial, heading: heading}
				if e.role == roleCapital && i > 0 && !ws[i-1].punct && locatives[ws[i-1].lower] {
					c.id, c.name = FoldID(text[c.start:c.end]), text[c.start:c.end]
				} else if n == 1 {
					ec := e
					c.gaz, c.single, c.name = &ec, true, text[c.start:c.end]
				}
				cands = append(cands, c)
				i += n
				continue
			}
		}
		j := i + 1 // the name runs over ws[i:j]
		for j < len(ws) && !ws[j-1].possessive && !ws[j-1].hyphenAfter {
			nx := ws[j]
			if nx.punct || !onlySpace(text[ws[j-1].end:nx.start]) {
				break
			}
			if !nx.cap {
				// connectors, as in "Centre for the Operation of …", join capitalised words
				k := j
				for k < len(ws) && !ws[k].punct && !ws[k].cap && connectors[ws[k].lower] && !ws[k].possessive && k-j < 3 {
					k++
				}
				if k == j || k >= len(ws) || ws[k].punct || !ws[k].cap || !onlySpace(text[ws[k-1].end:ws[k].start]) {
					break
				}
			}
			if n, _, ok := an.gazMatch(text, ws, j, 2); ok && n > 1 {
				break
			}
			j++
		}
		for ws[j-1].punct || !ws[j-1].cap { // never end on a connector
			j--
		}

		cands = an.nameCandidates(cands, para, text, ws, i, j, initial, lower, heading)
		i = j
	}
	return cands
}

// continuesName reports whether a single-word gazetteer name at ws[i] is
// the first word of a longer name that is not the gazetteer's ("Jordan
// Peterson", "Moscow State University"): a capitalised word follows, and
// the gazetteer word is not a demonym or an organisation, nor followed by
// a title.
func continuesName(ws []word, i int, e gazEntry) bool {
	if e.role == roleDemonym || e.kind == parallax.EntityOrganization || ws[i].possessive || i+1 >= len(ws) {
		return false
	}
	nx := ws[i+1]
	return !nx.punct && nx.cap && nx.spaceBefore && !titles[nx.lower] && !roleWords[nx.lower]
}

// wordKey is foldKey of one word, without allocating for plain ASCII words.
func wordKey(w word) string {
	for k := 0; k < len(w.lower); k++ {
		if c := w.lower[k]; c >= utf8.RuneSelf || c == '.' || c == '-' {
			return foldKey(w.text)
		}
	}
	return w.lower
}

// gazMatch finds the longest gazetteer name of at least minWords words
// starting at ws[i], with only white space between its words.
func (an *Analyzer) gazMatch(text string, ws []word, i, minWords int) (int, gazEntry, bool) {
	if !an.gaz.first[wordKey(ws[i])] {
		return 0, gazEntry{}, false
	}
	last := i
	for last+1 < len(ws) && last+1-i < an.gaz.maxTokens {
		nx := ws[last+1]
		if nx.punct || !onlySpace(text[ws[last].full:nx.start]) {
			break
		}
		last++
	}
	for j := last; j >= i+minWords-1; j-- {
		if !ws[j].cap {
			continue // names end on a capitalised word
		}
		if e, ok := an.gaz.lookup(text[ws[i].start:ws[j].end]); ok {
			return j - i + 1, e, true
		}
	}
	return 0, gazEntry{}, false
}

// nameCandidates classifies the capitalised run ws[i:j] and appends what it
// names: titles are dropped, an affiliation before a title ("Hannam
// University Professor Yang Wook") is a name of its own.
func (an *Analyzer) nameCandidates(cands []candidate, para int, text string, ws []word, i, j int, initial bool, lower map[string]bool, heading bool) []candidate {
	if initial && j-i >= 1 && isCommon(ws[i].lower, lower) {
		i++
		initial = false
		for i < j && (!ws[i].cap || ws[i].punct) {
			i++
		}
		if i >= j {
			return cands
		}
	}
	// A title run followed by a plain name splits the run.
	personFrom := -1
	for k := j - 2; k >= i; k-- {
		if !titles[ws[k].lower] {
			continue
		}
		if plainName(ws[k+1 : j]) {
			personFrom = k + 1
		}
		break
	}
	titled := i > 0 && precededByRole(ws, i)
	if personFrom >= 0 {
		t := personFrom - 1
		for t > i && (titles[ws[t-1].lower] || connectors[ws[t-1].lower]) {
			t--
		}
		if t > i {
			cands = an.nameCandidates(cands, para, text, ws, i, t, initial, lower, heading)
		}
		i, titled, initial = personFrom, true, false
	}
	if j-i == 1 && titles[ws[i].lower] {
		return cands
	}
	c := candidate{para: para, start: ws[i].start, end: ws[j-1].end, initial: initial, heading: heading}
	c.name = text[c.start:c.end]
	last := ws[j-1].lower
	switch {
	case j-i == 1:
		if isCommon(ws[i].lower, lower) && !titled {
			return cands
		}
		c.single = true
		c.kind = parallax.EntityOther
		if titled || nextToCue(ws, i) {
			c.kind = parallax.EntityPerson
		}
		if isAcronym(ws[i].text) {
			c.acronym, c.kind = ws[i].text, parallax.EntityOrganization
		}
	case anyIn(ws[i:j], orgWords):
		c.kind = parallax.EntityOrganization
	case placeWords[last]:
		c.kind = parallax.EntityPlace
	case otherWords[last]:
		c.kind = parallax.EntityOther
	case titled || (j-i <= 4 && plainName(ws[i:j]) && !anyCommon(ws[i:j], lower)):
		c.kind = parallax.EntityPerson
	default:
		c.kind = parallax.EntityOther
	}
	if c.kind != parallax.EntityPerson && !c.single {
		if e, ok := an.gaz.lookup(c.name); ok {
			c.kind, c.id, c.name = e.kind, e.id, e.name
		}
	}
	cands = append(cands, c)
	// "Democratic Alliance (DA)": the acronym names the same thing.
	if j+2 < len(ws) && ws[j].punct && ws[j].r == '(' && isAcronym(ws[j+1].text) && ws[j+2].punct && ws[j+2].r == ')' {
		cands = append(cands, candidate{para: para, start: ws[j+1].start, end: ws[j+1].end, name: ws[j+1].text,
			kind: c.kind, single: true, acronym: ws[j+1].text, acronymFor: len(cands), heading: heading})
	}
	return cands
}

// precededByRole reports whether the word before ws[i] is a title or a role
// ("leader Kim", "Dr. Chung").
func precededByRole(ws []word, i int) bool {
	k := i - 1
	if ws[k].punct && ws[k].r == '.' && k > 0 {
		k--
	}
	return !ws[k].punct && (roleWords[ws[k].lower] || titles[ws[k].lower] && ws[k].cap && ws[k].lower != "he" && ws[k].lower != "his" && ws[k].lower != "her")
}

// nextToCue reports whether the word ws[i] is the subject or object of a
// speech verb ("Trump said", "said Trump"), which makes a lone name a person.
func nextToCue(ws []word, i int) bool {
	return i+1 < len(ws) && !ws[i+1].punct && !ws[i+1].cap && cueVerbs[ws[i+1].lower] ||
		i > 0 && !ws[i-1].punct && !ws[i-1].cap && (ws[i-1].lower == "said" || ws[i-1].lower == "says" || ws[i-1].lower == "added")
}

// plainName reports whether words look like a personal name: capitalised
// letters (with hyphens and apostrophes), and none of them an organisation,
// place or other word.
func plainName(ws []word) bool {
	if len(ws) == 0 {
		return false
	}
	for _, w := range ws {
		if w.punct || !w.cap || orgWords[w.lower] || placeWords[w.lower] || otherWords[w.lower] || titles[w.lower] {
			return false
		}
		for _, r := range w.text {
			if unicode.IsDigit(r) {
				return false
			}
		}
		if isAcronym(w.text) && utf8.RuneCountInString(w.text) > 1 {
			return false
		}
	}
	return true
}

// isCommon reports whether a lower-cased word is an ordinary word: a
// stopword, a day or month, or written in lower case elsewhere in the article.
func isCommon(lw string, lower map[string]bool) bool {
	if base, _, ok := strings.Cut(lw, "'"); ok && IsStopword(base) {
		return true // "We'll", "They're"
	}
	return IsStopword(lw) || commonCapitalized[lw] || lower[lw]
}

func anyCommon(ws []word, lower map[string]bool) bool {
	for _, w := range ws {
		if isCommon(w.lower, lower) {
			return true
		}
	}
	return false
}

func anyIn(ws []word, m map[string]bool) bool {
	for _, w := range ws {
		if m[w.lower] {
			return true
		}
	}
	return false
}

// isAcronym reports whether a word is written in capitals: "NATO", "U.S.",
// "ICBMs" (a plural s allowed).
func isAcronym(s string) bool {
	s = strings.TrimSuffix(s, "s")
	n := 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			n++
		case r == '.' || unicode.IsDigit(r):
		default:
			return false
		}
	}
	return n >= 2
}

// resolve turns the candidates into entities: people by their full names,
// lone names by the people whose names they start or end, the rest by
// gazetteer ID or folded name.
func resolve(cands []candidate, speakers []candidate, paras []parallax.Paragraph) []parallax.Entity {
	type person struct {
		id, name string
		full     int // mentions by a name of two words or more
		first    int // index of the first candidate
	}
	people := map[string]*person{}
	byWord := map[string][]*person{}
	addPerson := func(c candidate, idx int) string {
		id := FoldID(c.name)
		if id == "" {
			return ""
		}
		p, ok := people[id]
		if !ok {
			p = &person{id: id, name: c.name, first: idx}
			people[id] = p
			f := strings.Fields(c.name)
			first, last := FoldID(f[0]), FoldID(f[len(f)-1])
			byWord[first] = append(byWord[first], p)
			if last != first {
				byWord[last] = append(byWord[last], p)
			}
		}
		p.full++
		return id
	}
	ids := make([]string, len(cands))
	kinds := make([]parallax.EntityKind, len(cands))
	names := make([]string, len(cands))
	for i, c := range cands {
		if c.kind == parallax.EntityPerson && !c.single && !c.heading {
			ids[i], kinds[i], names[i] = addPerson(c, i), parallax.EntityPerson, c.name
		}
	}
	for i, c := range speakers {
		if !c.single {
			speakers[i].id = addPerson(c, len(cands)+i)
		}
	}
	surname := func(name string) *person {
		var best *person
		for _, p := range byWord[FoldID(name)] {
			if best == nil || p.full > best.full || p.full == best.full && p.first < best.first {
				best = p
			}
		}
		return best
	}
	acronyms := map[string]int{}
	for i, c := range cands {
		if ids[i] != "" {
			continue
		}
		switch {
		case c.acronymFor > 0:
			acronyms[c.acronym] = c.acronymFor - 1
			continue
		case c.kind == parallax.EntityPerson && !c.single && c.heading:
			if p := people[FoldID(c.name)]; p != nil {
				ids[i], kinds[i], names[i] = p.id, parallax.EntityPerson, p.name
			}
			continue
		}
		if (c.single || c.gaz != nil) && !isAcronym(c.name) {
			if p := surname(c.name); p != nil {
				ids[i], kinds[i], names[i] = p.id, parallax.EntityPerson, p.name
				continue
			}
		}
		switch {
		case c.gaz != nil:
			ids[i], kinds[i], names[i] = c.gaz.id, c.gaz.kind, c.gaz.name
		case c.id != "":
			ids[i], kinds[i], names[i] = c.id, c.kind, c.name
		case c.heading || c.single && c.initial && c.kind != parallax.EntityPerson:
			// a capitalised word of a subhead or opening a sentence, naming nothing known
		default:
			ids[i], kinds[i], names[i] = FoldID(c.name), c.kind, c.name
		}
	}
	// Acronyms defined in the text take their long form's identity.
	for i, c := range cands {
		if k, ok := acronyms[c.acronym]; ok && c.acronym != "" && ids[k] != "" {
			ids[i], kinds[i], names[i] = ids[k], kinds[k], names[k]
		}
	}
	var out []parallax.Entity
	index := map[string]int{}
	for i, c := range cands {
		if ids[i] == "" {
			continue
		}
		k, ok := index[ids[i]]
		if !ok {
			k = len(out)
			index[ids[i]] = k
			out = append(out, parallax.Entity{ID: ids[i], Name: names[i], Kind: kinds[i]})
		}
		e := &out[k]
		if e.Kind == parallax.EntityOther && kinds[i] != parallax.EntityOther {
			e.Kind = kinds[i]
		}
		text := paras[c.para].Text
		e.Mentions = append(e.Mentions, parallax.Mention{Paragraph: c.para, Start: c.start, End: c.end, Text: text[c.start:c.end]})
	}
	for _, c := range speakers {
		id, name := c.id, c.name
		if c.single {
			if p := surname(c.name); p != nil {
				id, name = p.id, p.name
			} else {
				id = FoldID(c.name)
			}
		} else if p := people[id]; p != nil {
			name = p.name
		}
		if _, ok := index[id]; ok || id == "" {
			continue
		}
		index[id] = len(out)
		out = append(out, parallax.Entity{ID: id, Name: name, Kind: parallax.EntityPerson, Mentions: []parallax.Mention{}})
	}
	slices.SortStableFunc(out, func(a, b parallax.Entity) int {
		return compareFirst(a, b)
	})
	return out
}

// compareFirst orders entities by first mention; entities without mentions
// go last.
func compareFirst(a, b parallax.Entity) int {
	switch {
	case len(a.Mentions) == 0 && len(b.Mentions) == 0:
		return 0
	case len(a.Mentions) == 0:
		return 1
	case len(b.Mentions) == 0:
		return -1
	}
	x, y := a.Mentions[0], b.Mentions[0]
	if x.Paragraph != y.Paragraph {
		return x.Paragraph - y.Paragraph
	}
	return x.Start - y.Start
}
