package analyze

import "github.com/parallaxhq/parallax"

// clauseStarters may open the reported clause right after a cue verb when
// no "that" follows it ("Putin said Russia is …").
var clauseStarters = set("he", "she", "it", "they", "we", "i", "you", "there", "the", "this", "his", "her", "their", "its")

// indirect finds indirect speech in paragraph i, in sentences without
// quote marks, by three patterns chosen for precision over recall:
// "According to X, CLAUSE."; "CLAUSE, X said." (or "…, according to X.");
// and "X said (that) CLAUSE." — where X is a named speaker, a pronoun or
// "the <role>", and the clause has at least four words.
func (qc *quoteContext) indirect(i int) []parallax.Quote {
	p := qc.a.Paragraphs[i]
	if p.Kind != "" && p.Kind != parallax.ParagraphBody {
		return nil
	}
	pw := qc.words[i]
	ws := pw.words
	var out []parallax.Quote
	lo := 0
	for hi := range ws {
		if !pw.ends[hi] {
			continue
		}
		s, e := lo, hi+1
		lo = hi + 1
		if e-s < 6 || qc.overlapsQuote(i, ws[s].start, ws[e-1].end) {
			continue
		}
		if e-s > 0 && ws[e-1].punct {
			e--
		}
		if q, ok := qc.indirectSentence(i, ws, s, e, ws[s].start, ws[hi].end); ok {
			out = append(out, q)
		}
	}
	return out
}

func (qc *quoteContext) overlapsQuote(i, from, to int) bool {
	for _, s := range qc.spans[i] {
		if s.open < to && s.close > from {
			return true
		}
	}
	return false
}

// indirectSentence tries the three patterns on the sentence ws[s:e]
// (final punctuation left out); sentStart and sentEnd bound its text.
func (qc *quoteContext) indirectSentence(i int, ws []word, s, e, sentStart, sentEnd int) (parallax.Quote, bool) {
	text := qc.a.Paragraphs[i].Text
	mk := func(from, to, k int, cue string) (parallax.Quote, bool) {
		start, end := trimQuoteText(text, ws[from].start, ws[to-1].end)
		if k < 0 || to-from < 4 || start >= end {
			return parallax.Quote{}, false
		}
		q := qc.quote(i, start, end, k, cue, QuoteIndirect)
		q.Context = text[sentStart:sentEnd]
		return q, true
	}
	// According to X, CLAUSE.
	if ws[s].lower == "according" && s+1 < e && ws[s+1].lower == "to" {
		for c := s + 2; c < e && c < s+9; c++ {
			if ws[c].punct && ws[c].r == ',' {
				return mk(c+1, e, qc.mentionAfter(i, ws, s, c), "according to")
			}
		}
		return parallax.Quote{}, false
	}
	// CLAUSE, X said.
	for c := e - 1; c > s && c >= e-11; c-- {
		if !ws[c].punct || ws[c].r != ',' {
			continue
		}
		cue := firstCue(ws, c+1, e)
		if cue < 0 || !indirectCues[ws[cue].lower] {
			break
		}
		var k int
		switch {
		case ws[cue].lower == "according":
			k = qc.mentionAfter(i, ws, cue, e)
		case cue > c+1:
			k = qc.lastMention(i, ws[c+1].start, ws[cue].start)
			if k < 0 {
				k = qc.pronounOrRole(i, ws, c+1, cue)
			}
		default:
			k = qc.mentionAfter(i, ws, cue, e)
		}
		return mk(s, c, k, cueWord(ws, cue))
	}
	// X said (that) CLAUSE.
	for c := s + 1; c < e-4 && c <= s+8; c++ {
		if ws[c].punct || !indirectCues[ws[c].lower] || ws[c].lower == "according" || ws[c].lower == "reported" {
			continue
		}
		k := qc.lastMention(i, ws[max(s, c-4)].start, ws[c].start)
		if k < 0 {
			k = qc.pronounOrRole(i, ws, max(s, c-3), c)
		}
		if k < 0 {
			return parallax.Quote{}, false
		}
		from := -1
		for t := c + 1; t < e && t <= c+6; t++ {
			if ws[t].punct && ws[t].r != ',' {
				break
			}
			if ws[t].lower == "that" {
				from = t + 1
				break
			}
		}
		if from < 0 && ws[c].lower != "told" && c+1 < e && !ws[c+1].punct && (clauseStarters[ws[c+1].lower] || ws[c+1].cap) {
			from = c + 1
		}
		if from < 0 {
			return parallax.Quote{}, false
		}
		return mk(from, e, k, cueWord(ws, c))
	}
	return parallax.Quote{}, false
}
