package analyze

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/parallaxhq/parallax"
)

// Quote kinds. Terms are short quoted words (scare quotes, titles) rather
// than utterances; they are kept, with a speaker when one is named, for
// the comparison of framing.
const (
	QuoteDirect    = "direct"
	QuoteSoundBite = "soundbite"
	QuoteIndirect  = "indirect"
	QuoteTerm      = "term"
)

// cueVerbs attribute speech. "according" counts only before "to".
var cueVerbs = set(
	"said", "says", "say", "saying", "told", "tells", "tell", "telling", "added", "adds", "adding", "stressed",
	"stresses", "stressing", "vowed", "vows", "vowing", "noted", "notes", "noting", "stated", "states", "stating",
	"explained", "explains", "explaining", "continued", "continues", "declared", "declares", "declaring",
	"warned", "warns", "warning", "insisted", "insists", "insisting", "argued", "argues", "arguing", "asked",
	"asks", "replied", "replies", "responded", "responds", "wrote", "writes", "writing", "announced",
	"announces", "claimed", "claims", "claiming", "commented", "comments", "emphasized", "emphasised",
	"emphasizes", "emphasises", "emphasizing", "emphasising", "underlined", "underscored", "pointed",
	"remarked", "recalled", "acknowledged", "admitted", "affirmed", "agreed", "urged", "urging", "called",
	"calling", "tweeted", "posted", "summarized", "summarised", "quipped", "cautioned", "predicted",
	"suggested", "observed", "conceded", "concluded", "complained", "praised", "hailed", "pledged",
	"promised", "reiterated", "described", "describing", "confirmed", "denied", "lamented", "boasted",
	"joked", "shouted", "testified", "countered", "retorted", "reported", "according", "per", "expressed",
	"thanked", "welcomed", "demanded", "charged", "accused", "blasted", "slammed", "mused", "wondered",
	"answered", "believes", "believe", "thinks", "think",
)

// indirectCues are the cue verbs precise enough for indirect speech.
var indirectCues = set("said", "says", "told", "tells", "stated", "added", "noted", "warned", "announced",
	"claimed", "insisted", "argued", "explained", "stressed", "emphasized", "emphasised", "confirmed", "summarized", "summarised",
	"reported", "according", "believes", "acknowledged", "admitted", "predicted", "suggested", "cautioned")

// placed is an entity mention with its entity, for attribution.
type placed struct {
	para, start, end int
	ent              int  // index into the entities
	demonym          bool // "Russian" in "Russian state media": names no speaker
}

// quoteContext holds what attribution needs of one article.
type quoteContext struct {
	an       *Analyzer
	a        *parallax.Article
	entities []parallax.Entity
	words    []paragraphWords
	spans    [][]quoteSpan
	mentions [][]placed // per paragraph, by start
	people   []placed   // person mentions outside quotes, in order; sound bite speakers at their paragraph's start
	lower    map[string]bool
}

// Quotes finds the article's quotes and their speakers among entities
// (as [Analyzer.Entities] returns them): direct quotes in any quote style,
// transcript sound bites, short quoted terms (Kind "term") and indirect
// speech ("X said that …", "according to X, …"). A speaker is named by a
// cue verb before or after the quote ("…," Kim said; Putin told reporters:
// "…"), by a pronoun or a role ("he said", "the scholar continued": the
// subject of the last sentence that names a person), or is the speaker of
// the previous quote when a quote follows on without a cue. A quote whose
// opening mark is not closed in its paragraph continues in the next one
// when that opens with a quote mark; every part gets the same speaker.
func (an *Analyzer) Quotes(a *parallax.Article, entities []parallax.Entity) []parallax.Quote {
	paras, lower := splitWords(a)
	return an.quotes(a, entities, paras, lower)
}

func (an *Analyzer) quotes(a *parallax.Article, entities []parallax.Entity, paras []paragraphWords, lower map[string]bool) []parallax.Quote {
	qc := &quoteContext{an: an, a: a, entities: entities, lower: lower, words: paras}
	qc.spans = make([][]quoteSpan, len(a.Paragraphs))
	qc.mentions = make([][]placed, len(a.Paragraphs))
	for i, p := range a.Paragraphs {
		if p.Kind != parallax.ParagraphSoundBite {
			qc.spans[i] = findQuotes(p.Text)
		}
	}
	for k, e := range entities {
		for _, m := range e.Mentions {
			if m.Paragraph >= 0 && m.Paragraph < len(a.Paragraphs) {
				g, ok := an.gaz.lookup(m.Text)
				qc.mentions[m.Paragraph] = append(qc.mentions[m.Paragraph], placed{m.Paragraph, m.Start, m.End, k, ok && g.role == roleDemonym})
			}
		}
	}
	for i := range qc.mentions {
		slices.SortFunc(qc.mentions[i], func(x, y placed) int { return x.start - y.start })
		if a.Paragraphs[i].Kind == parallax.ParagraphSoundBite {
			if k := qc.soundBiteSpeaker(i); k >= 0 {
				qc.people = append(qc.people, placed{para: i, ent: k})
			}
		}
		for _, m := range qc.mentions[i] {
			if entities[m.ent].Kind == parallax.EntityPerson && !qc.inQuote(i, m.start) {
				qc.people = append(qc.people, m)
			}
		}
	}

	var out []parallax.Quote
	prev := -1       // the speaker of the last quote, for quotes that follow on
	prevPara := -1   // its paragraph
	continuing := -2 // the speaker of an utterance running on from the previous paragraph (-2: none)
	for i, p := range a.Paragraphs {
		if p.Kind == parallax.ParagraphSoundBite {
			start, end := trimSoundBite(p.Text)
			if start < end {
				k := qc.soundBiteSpeaker(i)
				out = append(out, qc.quote(i, start, end, k, "", QuoteSoundBite))
				prev, prevPara = k, i
			}
			continuing = -2
			continue
		}
		spans := qc.spans[i]
		for n, s := range spans {
			k, cue := -1, ""
			switch {
			case n == 0 && continuing != -2 && onlySpace(p.Text[:s.open]):
				k = continuing
			default:
				k, cue = qc.attribute(i, n)
				if k < 0 && cue == "" && qc.followsOn(i, n, prevPara) {
					k = prev
				}
			}
			kind := QuoteDirect
			if isTerm(p.Text[s.start:s.end]) && s.closed {
				kind = QuoteTerm
			}
			out = append(out, qc.quote(i, s.start, s.end, k, cue, kind))
			if kind != QuoteTerm {
				prev, prevPara = k, i
			}
		}
		continuing = -2
		if len(spans) > 0 && !spans[len(spans)-1].closed && spans[len(spans)-1].double {
			continuing = prev
			// The speaker may be named only after the last part: "…" she said.
			if prev < 0 {
				continuing = qc.runOnSpeaker(i + 1)
				if continuing >= 0 {
					last := &out[len(out)-1]
					last.SpeakerID, last.Speaker = qc.entities[continuing].ID, qc.entities[continuing].Name
				}
			}
		}
		out = append(out, qc.indirect(i)...)
	}
	return out
}

// quote builds a Quote of paragraph i's text [start:end] by entity k (-1: unknown).
func (qc *quoteContext) quote(i, start, end, k int, cue, kind string) parallax.Quote {
	q := parallax.Quote{Paragraph: i, Start: start, End: end, Text: qc.a.Paragraphs[i].Text[start:end], Cue: cue, Kind: kind}
	if k >= 0 {
		q.SpeakerID, q.Speaker = qc.entities[k].ID, qc.entities[k].Name
	}
	return q
}

// runOnSpeaker attributes an utterance running on from the previous
// paragraph by the first quote of paragraph i that has a speaker.
func (qc *quoteContext) runOnSpeaker(i int) int {
	for ; i < len(qc.spans) && len(qc.spans[i]) > 0; i++ {
		for n := range qc.spans[i] {
			if k, _ := qc.attribute(i, n); k >= 0 {
				return k
			}
		}
		if qc.spans[i][len(qc.spans[i])-1].closed {
			break
		}
	}
	return -1
}

// trimSoundBite returns the span of a sound bite without its quote marks.
func trimSoundBite(text string) (int, int) {
	start, end := trimQuoteText(text, 0, len(text))
	for start < end {
		r, size := utf8.DecodeRuneInString(text[start:])
		if !strings.ContainsRune("“\"„«‘", r) {
			break
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(text[start:end])
		if !strings.ContainsRune("”\"“»", r) {
			break
		}
		end -= size
	}
	return trimQuoteText(text, start, end)
}

// soundBiteSpeaker returns the entity a sound bite's speaker label names,
// or -1.
func (qc *quoteContext) soundBiteSpeaker(i int) int {
	c, ok := qc.an.speakerCandidate(qc.a.Paragraphs[i].Speaker, qc.lower)
	if !ok {
		return -1
	}
	id := FoldID(c.name)
	for k, e := range qc.entities {
		if e.ID == id {
			return k
		}
	}
	best := -1
	for k, e := range qc.entities {
		if e.Kind != parallax.EntityPerson {
			continue
		}
		if strings.HasPrefix(e.ID, id+"-") || strings.HasSuffix(e.ID, "-"+id) {
			if best < 0 || len(e.Mentions) > len(qc.entities[best].Mentions) {
				best = k
			}
		}
	}
	return best
}

// inQuote reports whether byte offset pos of paragraph i is inside a quote.
func (qc *quoteContext) inQuote(i, pos int) bool {
	for _, s := range qc.spans[i] {
		if pos >= s.open && pos < s.close {
			return true
		}
	}
	return false
}

// followsOn reports whether quote n of paragraph i follows on from the
// previous quote without a new speaker: the words between them are few
// ("…," Dr. Chung said. "…"), or the quote opens a paragraph that follows
// a quote or ends with a colon.
func (qc *quoteContext) followsOn(i, n, prevPara int) bool {
	text := qc.a.Paragraphs[i].Text
	s := qc.spans[i][n]
	if n > 0 {
		between := text[qc.spans[i][n-1].close:s.open]
		return len(strings.Fields(between)) <= 8
	}
	if !onlySpace(text[:s.open]) || prevPara < 0 || prevPara != i-1 {
		return false
	}
	prevText := strings.TrimSpace(qc.a.Paragraphs[i-1].Text)
	if strings.HasSuffix(prevText, ":") {
		return true
	}
	ps := qc.spans[i-1]
	return len(ps) > 0 && len(strings.Fields(prevText[min(ps[len(ps)-1].close, len(prevText)):])) <= 8
}

// wordRange returns the indexes of the words of paragraph i in [from, to).
func (qc *quoteContext) wordRange(i, from, to int) (int, int) {
	ws := qc.words[i].words
	lo, _ := slices.BinarySearchFunc(ws, from, func(w word, pos int) int { return w.start - pos })
	hi, _ := slices.BinarySearchFunc(ws, to, func(w word, pos int) int { return w.start - pos })
	for hi > lo && ws[hi-1].end > to {
		hi--
	}
	return lo, hi
}

// attribute finds the speaker of quote n of paragraph i and the cue verb;
// -1 when no speaker is found. The cue is looked for in the quote's
// sentence outside quotes: right before the quote ("…told reporters: “"),
// then right after it ("…,” he said), then anywhere before it.
// Participles ("…, stressing that “…”") take the sentence's subject.
func (qc *quoteContext) attribute(i, n int) (int, string) {
	text := qc.a.Paragraphs[i].Text
	s := qc.spans[i][n]
	pw := qc.words[i]
	ws := pw.words
	// Before: from the sentence start to the opening mark.
	blo, bhi := qc.wordRange(i, 0, s.open)
	for k := bhi - 1; k > blo; k-- {
		if pw.ends[k-1] && !qc.inQuote(i, ws[k-1].start) {
			blo = k
			break
		}
	}
	// After: from the closing mark to the sentence end or the next quote.
	to := len(text)
	if n+1 < len(qc.spans[i]) {
		to = qc.spans[i][n+1].open
	}
	alo, ahi := qc.wordRange(i, s.close, to)
	for k := alo; k < ahi; k++ {
		if pw.ends[k] {
			ahi = k + 1
			break
		}
	}
	bc := qc.lastCue(i, ws, blo, bhi)
	ac := -1
	if s.closed {
		ac = firstCue(ws, alo, min(ahi, alo+10))
	}
	switch {
	case bc >= 0 && bhi-bc <= 4 && !participle(ws[bc].lower):
		return qc.cueBefore(i, ws, blo, bc, bhi)
	case ac >= 0 && !participle(ws[ac].lower):
		return qc.cueAfter(i, ws, alo, ac, ahi)
	case bc >= 0:
		return qc.cueBefore(i, ws, blo, bc, bhi)
	case ac >= 0 && blo < bhi:
		return qc.subject(i, ws, blo, bhi), cueWord(ws, ac)
	}
	return -1, ""
}

// participle reports whether a cue is an -ing form, whose subject is the
// sentence's: "Kim reiterated his support …, stressing that “…”".
func participle(cue string) bool { return strings.HasSuffix(cue, "ing") && cue != "according" }

// subject returns the first speaker named in ws[lo:hi] (the sentence's
// subject, usually), or the person a pronoun opening it refers to.
func (qc *quoteContext) subject(i int, ws []word, lo, hi int) int {
	if k := qc.firstMention(i, ws[lo].start, ws[hi-1].end); k >= 0 {
		return k
	}
	if personPronouns[ws[lo].lower] {
		return qc.previousSubject(i, ws[lo].start)
	}
	return -1
}

// cueWord returns the cue's text ("according to" for "according").
func cueWord(ws []word, c int) string {
	if ws[c].lower == "according" || ws[c].lower == "pointed" {
		if c+1 < len(ws) && !ws[c+1].punct {
			return ws[c].lower + " " + ws[c+1].lower
		}
	}
	return ws[c].lower
}

func isCue(ws []word, k int) bool {
	w := ws[k]
	if w.punct || !cueVerbs[w.lower] || w.cap && w.lower != "according" && w.lower != "per" {
		return false // "United States" is no cue
	}
	switch w.lower {
	case "according":
		return k+1 < len(ws) && ws[k+1].lower == "to"
	case "per":
		return k+1 < len(ws) && !ws[k+1].punct && ws[k+1].cap
	case "pointed":
		return k+1 < len(ws) && ws[k+1].lower == "out"
	}
	return true
}

func firstCue(ws []word, lo, hi int) int {
	for k := lo; k < hi; k++ {
		if isCue(ws, k) {
			return k
		}
	}
	return -1
}

// lastCue returns the last cue in ws[lo:hi] outside quotes, or -1.
func (qc *quoteContext) lastCue(i int, ws []word, lo, hi int) int {
	for k := hi - 1; k >= lo; k-- {
		if isCue(ws, k) && !qc.inQuote(i, ws[k].start) {
			return k
		}
	}
	return -1
}

// cueAfter attributes a quote followed by a cue at ws[c]: the name, pronoun
// or "the <role>" between the quote and the cue, else the name after it
// ("said Putin").
func (qc *quoteContext) cueAfter(i int, ws []word, lo, c, hi int) (int, string) {
	cue := cueWord(ws, c)
	if ws[c].lower == "according" || ws[c].lower == "per" {
		return qc.mentionAfter(i, ws, c, hi), cue
	}
	for lo < c && ws[lo].punct {
		lo++
	}
	if lo < c {
		if k := qc.roleBefore(i, ws, lo, c); k != -2 {
			return k, cue
		}
		if k := qc.lastMention(i, ws[lo].start, ws[c].start); k >= 0 {
			return k, cue
		}
		if k := qc.pronounOrRole(i, ws, lo, c); k != -2 {
			return k, cue
		}
		return -1, cue
	}
	return qc.mentionAfter(i, ws, c, hi), cue
}

// roleBefore resolves a pronoun or "the <role>" ending right before the
// cue at ws[c] ("he said", "the Kremlin spokesman stressed"); -2 when there
// is none.
func (qc *quoteContext) roleBefore(i int, ws []word, lo, c int) int {
	k := c - 1
	for k > lo && (ws[k].lower == "also" || ws[k].lower == "later" || ws[k].lower == "then" || strings.HasSuffix(ws[k].lower, "ly")) {
		k--
	}
	if k < lo || ws[k].punct {
		return -2
	}
	if personPronouns[ws[k].lower] {
		return qc.previousSubject(i, ws[k].start)
	}
	if roleWords[ws[k].lower] && !ws[k].cap {
		for d := k - 1; d >= lo && d >= k-5; d-- {
			switch ws[d].lower {
			case "the", "his", "her", "its", "their":
				return qc.previousSubject(i, ws[d].start)
			}
		}
	}
	return -2
}

// cueBefore attributes a quote preceded by a cue at ws[c]: for "according
// to X" and "per X" the name after it; else the name or pronoun right
// before the cue, else the sentence's first person or organisation.
func (qc *quoteContext) cueBefore(i int, ws []word, lo, c, hi int) (int, string) {
	cue := cueWord(ws, c)
	if ws[c].lower == "according" || ws[c].lower == "per" {
		return qc.mentionAfter(i, ws, c, hi), cue
	}
	near := max(lo, c-4)
	if near < c && !participle(ws[c].lower) {
		if k := qc.roleBefore(i, ws, near, c); k != -2 {
			return k, cue
		}
		if k := qc.lastMention(i, ws[near].start, ws[c].start); k >= 0 {
			return k, cue
		}
		if k := qc.pronounOrRole(i, ws, near, c); k != -2 {
			return k, cue
		}
	}
	if lo < c {
		if k := qc.firstMention(i, ws[lo].start, ws[c].start); k >= 0 {
			return k, cue
		}
		if personPronouns[ws[lo].lower] {
			return qc.previousSubject(i, ws[lo].start), cue
		}
	}
	return -1, cue
}

// canSpeak reports whether a mention can name a speaker: a person, an
// organisation or a country (its government), not by a demonym.
func (qc *quoteContext) canSpeak(m placed) bool {
	return qc.entities[m.ent].Kind != parallax.EntityOther && !m.demonym
}

// mentionAfter returns the speaker named in the noun phrase right after
// the cue at ws[c] ("according to South Korea's Unification Ministry",
// "said Putin"): a person, else an organisation, else a country.
func (qc *quoteContext) mentionAfter(i int, ws []word, c, hi int) int {
	end := c + 1
	for end < hi && end < c+9 && !(ws[end].punct && ws[end].r != '.' && ws[end].r != '-') {
		end++
	}
	if end <= c+1 {
		return -1
	}
	best := -1
	rank := func(m placed) int {
		switch qc.entities[m.ent].Kind {
		case parallax.EntityPerson:
			return 3
		case parallax.EntityOrganization:
			return 2
		}
		return 1
	}
	var bm placed
	for _, m := range qc.mentions[i] {
		if m.start >= ws[c].end && m.end <= ws[end-1].full && qc.canSpeak(m) && (best < 0 || rank(m) > rank(bm)) {
			best, bm = m.ent, m
		}
	}
	if best < 0 && personPronouns[ws[c+1].lower] {
		return qc.previousSubject(i, ws[c+1].start)
	}
	return best
}

// lastMention returns the speaking entity named in [from, to) of
// paragraph i: the last person not after a preposition ("Jim Manley, a
// spokesman for Mr. Reid, said" gives Manley only if Reid is after "for"),
// else the last person, else the last organisation or country; -1 if none.
func (qc *quoteContext) lastMention(i, from, to int) int {
	best, bestRank := -1, 0
	for _, m := range qc.mentions[i] {
		if m.start < from || m.end > to || !qc.canSpeak(m) {
			continue
		}
		rank := 1
		if qc.entities[m.ent].Kind == parallax.EntityPerson {
			rank = 2
			if !qc.afterPreposition(i, m.start) {
				rank = 3
			}
		}
		if rank >= bestRank {
			best, bestRank = m.ent, rank
		}
	}
	return best
}

// firstMention returns the first person or organisation named in [from,
// to) of paragraph i that follows no preposition (the subject of the
// sentence, usually), else the first named after one, else the first
// country, or -1.
func (qc *quoteContext) firstMention(i, from, to int) int {
	afterPrep, country := -1, -1
	for _, m := range qc.mentions[i] {
		if m.start < from || m.end > to || qc.inQuote(i, m.start) || m.demonym {
			continue
		}
		switch qc.entities[m.ent].Kind {
		case parallax.EntityPerson, parallax.EntityOrganization:
			if !qc.afterPreposition(i, m.start) {
				return m.ent
			}
			if afterPrep < 0 {
				afterPrep = m.ent
			}
		case parallax.EntityPlace:
			if country < 0 && !qc.afterPreposition(i, m.start) {
				country = m.ent
			}
		}
	}
	if afterPrep >= 0 {
		return afterPrep
	}
	return country
}

// prepositions before a name make it no subject: "with Putin".
var prepositions = set("with", "to", "for", "by", "of", "from", "at", "in", "on", "about", "against", "between",
	"among", "than", "into", "toward", "towards", "after", "before", "like", "over", "under", "without", "and")

// afterPreposition reports whether the word before byte pos of paragraph i
// is a preposition.
func (qc *quoteContext) afterPreposition(i, pos int) bool {
	ws := qc.words[i].words
	k, _ := slices.BinarySearchFunc(ws, pos, func(w word, p int) int { return w.start - p })
	if k == 0 {
		return false
	}
	w := ws[k-1]
	if !w.punct && (roleWords[w.lower] || titles[w.lower]) && k >= 2 {
		w = ws[k-2] // "with President Putin"
	}
	return !w.punct && prepositions[w.lower]
}

// pronounOrRole resolves "he", "she" or "the <role>" in ws[lo:hi] to the
// subject of the last sentence that names a person: -1 when that fails,
// -2 when there is no pronoun or role.
func (qc *quoteContext) pronounOrRole(i int, ws []word, lo, hi int) int {
	for k := lo; k < hi; k++ {
		w := ws[k]
		if w.punct {
			continue
		}
		if personPronouns[w.lower] {
			return qc.previousSubject(i, w.start)
		}
		if w.lower == "the" || w.lower == "his" || w.lower == "her" {
			for r := k + 1; r < hi && r <= k+5; r++ {
				if roleWords[ws[r].lower] && (r+1 == hi || ws[r+1].punct || cueVerbs[ws[r+1].lower]) {
					return qc.previousSubject(i, w.start)
				}
			}
		}
	}
	return -2
}

// previousSubject returns the person a pronoun at paragraph i, byte pos
// refers to: the first person named in the last sentence before it that
// names one (people inside quotes do not count).
func (qc *quoteContext) previousSubject(i, pos int) int {
	last := -1
	for k, m := range qc.people {
		if m.para > i || m.para == i && m.start >= pos {
			break
		}
		if m.end > m.start && qc.afterPreposition(m.para, m.start) {
			continue // "Of Obama, he said": not whom "he" is
		}
		last = k
	}
	if last < 0 {
		return -1
	}
	m := qc.people[last]
	start := qc.sentenceStart(m.para, m.start)
	for k := last; k >= 0 && qc.people[k].para == m.para && qc.people[k].start >= start; k-- {
		m = qc.people[k]
	}
	return m.ent
}

// sentenceStart returns the byte offset where the sentence holding pos
// of paragraph i starts.
func (qc *quoteContext) sentenceStart(i, pos int) int {
	pw := qc.words[i]
	start := 0
	for k, w := range pw.words {
		if w.start >= pos {
			break
		}
		if pw.ends[k] && k+1 < len(pw.words) {
			start = pw.words[k+1].start
		}
	}
	return start
}
