package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/analyze"
)

// QuoteScore is speaker attribution on one data set.
//
// Matching rule: a predicted quote matches a gold quote when their spans
// (in the same text) overlap by at least half of the shorter of the two.
// Each gold quote takes the matching prediction with the largest overlap.
// A speaker is correct when the predicted speaker's name and the gold
// speaker share a word, compared after folding case and diacritics and
// allowing a common prefix of at least 80% of the shorter word
// ("Calder" ~ "Calderón", "Democrats" ~ "Democratic"), or, on PolNeAR,
// when a mention of the predicted entity overlaps the gold source span.
// Gold speakers that cannot be checked by name — BASIL's "other_*" and
// PolNeAR's bare pronouns ("he", "they") — count for detection only.
type QuoteScore struct {
	Set        string `json:"set"`
	Docs       int    `json:"docs"`
	Gold       int    `json:"gold"`       // gold quotes
	Found      int    `json:"found"`      // gold quotes matched by a prediction
	Predicted  int    `json:"predicted"`  // predicted quotes (0 when the set does not annotate every quote)
	Matched    int    `json:"matched"`    // predicted quotes matching a gold one
	Checkable  int    `json:"checkable"`  // gold quotes with a speaker named by name
	Attributed int    `json:"attributed"` // of those, matched by a prediction with a speaker
	Correct    int    `json:"correct"`    // of those, with the right speaker

	DetectionPrecision float64 `json:"detection_precision"` // Matched / Predicted
	DetectionRecall    float64 `json:"detection_recall"`    // Found / Gold
	SpeakerPrecision   float64 `json:"speaker_precision"`   // Correct / Attributed
	SpeakerRecall      float64 `json:"speaker_recall"`      // Correct / Checkable
}

// QuotesResult is the figures of [Quotes], one row per set.
type QuotesResult struct {
	Scores []QuoteScore `json:"scores"`
}

// goldQuote is one annotated quote of one text.
type goldQuote struct {
	spans   []span // byte spans in the text
	speaker string // a name, "" when it cannot be checked by name
	source  []span // the gold source span, if any
	direct  bool   // the content holds a quote mark
}

type span struct{ start, end int }

// evalDoc is one text with its gold quotes, as paragraphs with their
// offsets in the text.
type evalDoc struct {
	article *parallax.Article
	offsets []int // byte offset of each paragraph in the text
	gold    []goldQuote
	main    []string // BASIL's main entities
}

// Quotes scores quote detection and speaker attribution on BASIL (a
// directory with articles/ and annotations/) or PolNeAR (a directory with
// train/ and dev/, or one split with text/ and attributions/), detected by
// layout. It writes a table to w.
func Quotes(dir string, w io.Writer) (*QuotesResult, error) {
	an, err := analyze.NewAnalyzer()
	if err != nil {
		return nil, err
	}
	res := &QuotesResult{}
	switch {
	case isDir(filepath.Join(dir, "annotations")) && isDir(filepath.Join(dir, "articles")):
		docs, err := loadBASIL(dir)
		if err != nil {
			return nil, err
		}
		res.Scores = append(res.Scores, scoreQuotes("basil", an, docs, func(goldQuote) bool { return true }, false))
	default:
		splits := []string{"train", "dev"}
		if isDir(filepath.Join(dir, "attributions")) {
			splits = []string{""}
		}
		for _, sp := range splits {
			d := filepath.Join(dir, sp)
			if !isDir(filepath.Join(d, "attributions")) {
				continue
			}
			docs, err := loadPolNeAR(d)
			if err != nil {
				return nil, err
			}
			name := "polnear"
			if sp != "" {
				name += "/" + sp
			}
			res.Scores = append(res.Scores,
				scoreQuotes(name+" direct", an, docs, func(g goldQuote) bool { return g.direct }, true),
				scoreQuotes(name+" all", an, docs, func(goldQuote) bool { return true }, true))
		}
		if len(res.Scores) == 0 {
			return nil, fmt.Errorf("eval quotes: %s: neither BASIL (articles/, annotations/) nor PolNeAR (train/, dev/ or attributions/): %w", dir, parallax.ErrInvalid)
		}
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "set\tdocs\tgold\tfound\tdetect R\tpredicted\tdetect P\tcheckable\tattributed\tcorrect\tspeaker P\tspeaker R\t")
	for _, s := range res.Scores {
		p := "-"
		if s.Predicted > 0 {
			p = fmt.Sprintf("%.3f", s.DetectionPrecision)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.3f\t%d\t%s\t%d\t%d\t%d\t%.3f\t%.3f\t\n", s.Set, s.Docs, s.Gold, s.Found,
			s.DetectionRecall, s.Predicted, p, s.Checkable, s.Attributed, s.Correct, s.SpeakerPrecision, s.SpeakerRecall)
	}
	return res, tw.Flush()
}

// scoreQuotes runs the analyzer over docs and scores the gold quotes keep
// selects. exhaustive says the set annotates every quote, so that
// detection precision means something; for direct-only rows predictions
// of indirect speech are left out.
func scoreQuotes(set string, an *analyze.Analyzer, docs []evalDoc, keep func(goldQuote) bool, exhaustive bool) QuoteScore {
	s := QuoteScore{Set: set, Docs: len(docs)}
	directOnly := strings.HasSuffix(set, " direct")
	for _, d := range docs {
		a := d.article
		if a.Entities == nil {
			an.Analyze(a)
		}
		type pred struct {
			span
			q parallax.Quote
		}
		var preds []pred
		for _, q := range a.Quotes {
			if directOnly && q.Kind == analyze.QuoteIndirect {
				continue
			}
			off := d.offsets[q.Paragraph]
			preds = append(preds, pred{span{off + q.Start, off + q.End}, q})
		}
		var gold []goldQuote
		for _, g := range d.gold {
			if keep(g) {
				gold = append(gold, g)
			}
		}
		s.Gold += len(gold)
		if exhaustive {
			s.Predicted += len(preds)
			for _, p := range preds {
				for _, g := range gold {
					if matches(p.span, g.spans) > 0 {
						s.Matched++
						break
					}
				}
			}
		}
		for _, g := range gold {
			best, bestOverlap := -1, 0
			for k, p := range preds {
				if o := matches(p.span, g.spans); o > bestOverlap {
					best, bestOverlap = k, o
				}
			}
			if best >= 0 {
				s.Found++
			}
			if g.speaker == "" {
				continue
			}
			s.Checkable++
			if best < 0 || preds[best].q.SpeakerID == "" {
				continue
			}
			s.Attributed++
			if speakerCorrect(a, d.offsets, preds[best].q, g) {
				s.Correct++
			}
		}
	}
	s.DetectionPrecision = fraction(s.Matched, s.Predicted)
	s.DetectionRecall = fraction(s.Found, s.Gold)
	s.SpeakerPrecision = fraction(s.Correct, s.Attributed)
	s.SpeakerRecall = fraction(s.Correct, s.Checkable)
	return s
}

func fraction(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// matches returns the overlap of p with the gold spans when it is at
// least half of the shorter of the two, else 0.
func matches(p span, gold []span) int {
	overlap, total := 0, 0
	for _, g := range gold {
		total += g.end - g.start
		overlap += max(0, min(p.end, g.end)-max(p.start, g.start))
	}
	if overlap == 0 || 2*overlap < min(p.end-p.start, total) {
		return 0
	}
	return overlap
}

// speakerCorrect applies the speaker rule of [QuoteScore].
func speakerCorrect(a *parallax.Article, offsets []int, q parallax.Quote, g goldQuote) bool {
	for _, e := range a.Entities {
		if e.ID != q.SpeakerID {
			continue
		}
		for _, m := range e.Mentions {
			ms := span{offsets[m.Paragraph] + m.Start, offsets[m.Paragraph] + m.End}
			for _, src := range g.source {
				if ms.start < src.end && src.start < ms.end {
					return true
				}
			}
		}
	}
	return namesMatch(q.Speaker+" "+q.SpeakerID, g.speaker)
}

// genericWords are words of a gold speaker that name no one in particular.
var genericWords = map[string]bool{"campaign": true, "officials": true, "members": true, "lawmakers": true,
	"committee": true, "the": true, "of": true, "and": true, "spokesman": true, "spokeswoman": true,
	"spokesperson": true, "president": true, "senator": true, "sen": true, "rep": true, "mr": true, "mrs": true,
	"ms": true, "dr": true, "former": true, "administration": true, "aide": true, "aides": true, "his": true, "her": true}

// namesMatch reports whether two names share a word (see [QuoteScore]).
func namesMatch(pred, gold string) bool {
	pw := strings.Split(analyze.FoldID(pred), "-")
	for _, g := range strings.Split(analyze.FoldID(gold), "-") {
		if len(g) < 3 || genericWords[g] {
			continue
		}
		for _, p := range pw {
			n := commonPrefix(p, g)
			if n == len(p) && n == len(g) || n >= 4 && 5*n >= 4*min(len(p), len(g)) {
				return true
			}
		}
	}
	return false
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// basilArticle is the part of a BASIL article file the evals read.
type basilArticle struct {
	Title      string     `json:"title"`
	Entities   []string   `json:"main-entities"`
	Paragraphs [][]string `json:"body-paragraphs"`
}

// basilAnnotations is the part of a BASIL annotation file the evals read.
type basilAnnotations struct {
	Phrases []struct {
		ID      string `json:"id"`
		Start   int    `json:"start"`
		End     int    `json:"end"`
		Quote   string `json:"quote"`
		Speaker string `json:"speaker"`
		Text    string `json:"txt"`
	} `json:"phrase-level-annotations"`
}

// loadBASIL reads every article of articles/<year>/ with its annotations:
// a paragraph is its sentences joined by spaces; an annotation "p<N>"
// indexes the flattened sentences, its offsets count code points in that
// sentence.
func loadBASIL(dir string) ([]evalDoc, error) {
	files, err := filepath.Glob(filepath.Join(dir, "articles", "*", "*.json"))
	if err != nil {
		return nil, err
	}
	slices.Sort(files)
	var docs []evalDoc
	for _, f := range files {
		var ba basilArticle
		if err := readJSON(f, &ba); err != nil {
			return nil, err
		}
		d := evalDoc{article: &parallax.Article{Title: ba.Title, Language: "en"}, main: ba.Entities}
		type sent struct{ off, para int }
		var sents []sent
		pos := 0
		for _, p := range ba.Paragraphs {
			var b strings.Builder
			for k, s := range p {
				if k > 0 {
					b.WriteByte(' ')
				}
				sents = append(sents, sent{off: pos + b.Len(), para: len(d.article.Paragraphs)})
				b.WriteString(s)
			}
			d.offsets = append(d.offsets, pos)
			d.article.Paragraphs = append(d.article.Paragraphs, parallax.Paragraph{Text: b.String()})
			pos += b.Len() + 2 // paragraphs are apart in the text
		}
		flat := slices.Concat(ba.Paragraphs...)
		rel, _ := filepath.Rel(filepath.Join(dir, "articles"), f)
		annPath := filepath.Join(dir, "annotations", strings.TrimSuffix(rel, ".json")+"_ann.json")
		var ann basilAnnotations
		if err := readJSON(annPath, &ann); err != nil && !os.IsNotExist(err) {
			return nil, err
		}
		for _, ph := range ann.Phrases {
			if ph.Quote != "yes" || !strings.HasPrefix(ph.ID, "p") {
				continue
			}
			n, err := strconv.Atoi(ph.ID[1:])
			if err != nil || n < 0 || n >= len(flat) {
				continue
			}
			start, end := runeToByte(flat[n], ph.Start), runeToByte(flat[n], ph.End)
			g := goldQuote{spans: []span{{sents[n].off + start, sents[n].off + end}}}
			if !strings.HasPrefix(ph.Speaker, "other") && ph.Speaker != "" {
				g.speaker = strings.ReplaceAll(ph.Speaker, "_", " ")
			}
			d.gold = append(d.gold, g)
		}
		docs = append(docs, d)
	}
	return docs, nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// runeToByte converts a code-point offset into s to a byte offset.
func runeToByte(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}

// loadPolNeAR reads one split: text/<article>.txt and, per article, the
// alphabetically first attributions/<article>_<annotator>.ann. Each
// non-empty line of a text is a paragraph.
func loadPolNeAR(dir string) ([]evalDoc, error) {
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		return nil, err
	}
	slices.Sort(anns)
	seen := map[string]bool{}
	var docs []evalDoc
	for _, ap := range anns {
		base := filepath.Base(ap)
		article := base[:strings.LastIndexByte(base, '_')]
		if seen[article] {
			continue
		}
		seen[article] = true
		raw, err := os.ReadFile(filepath.Join(dir, "text", article+".txt"))
		if err != nil {
			return nil, err
		}
		text := string(raw)
		d := evalDoc{article: &parallax.Article{Language: "en"}}
		off := 0
		for line := range strings.SplitAfterSeq(text, "\n") {
			if t := strings.TrimRight(line, "\r\n"); strings.TrimSpace(t) != "" {
				d.offsets = append(d.offsets, off)
				d.article.Paragraphs = append(d.article.Paragraphs, parallax.Paragraph{Text: t})
			}
			off += len(line)
		}
		// code point → byte offsets
		bytesAt := make([]int, 0, len(text)+1)
		for i := range text {
			bytesAt = append(bytesAt, i)
		}
		bytesAt = append(bytesAt, len(text))
		gold, err := parseBrat(ap, bytesAt, text)
		if err != nil {
			return nil, err
		}
		d.gold = gold
		docs = append(docs, d)
	}
	return docs, nil
}

// pronounSources are gold sources that name no one by themselves.
var pronounSources = map[string]bool{"he": true, "she": true, "they": true, "i": true, "we": true, "it": true,
	"you": true, "him": true, "her": true, "them": true, "us": true, "me": true, "his": true, "their": true, "who": true}

// parseBrat reads the attributions of one .ann file (see the data set's
// README): T lines are spans, E lines join Source, Cue and Content.
func parseBrat(path string, bytesAt []int, text string) ([]goldQuote, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	spans := map[string][]span{}
	var events [][]string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		fields := strings.SplitN(line, "\t", 3)
		if len(fields) < 2 {
			continue // a continuation of a span's text
		}
		switch {
		case strings.HasPrefix(fields[0], "T"):
			label, rest, _ := strings.Cut(fields[1], " ")
			_ = label
			var ss []span
			for frag := range strings.SplitSeq(rest, ";") {
				a, b, ok := strings.Cut(strings.TrimSpace(frag), " ")
				s, err1 := strconv.Atoi(a)
				e, err2 := strconv.Atoi(b)
				if !ok || err1 != nil || err2 != nil || s < 0 || e < s || e >= len(bytesAt) {
					return nil, fmt.Errorf("%s: bad span %q: %w", path, line, parallax.ErrInvalid)
				}
				ss = append(ss, span{bytesAt[s], bytesAt[e]})
			}
			spans[fields[0]] = ss
		case strings.HasPrefix(fields[0], "E"):
			events = append(events, strings.Fields(fields[1]))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	var out []goldQuote
	for _, ev := range events {
		var g goldQuote
		for _, arg := range ev {
			role, id, _ := strings.Cut(arg, ":")
			switch role {
			case "Content", "Content2":
				g.spans = append(g.spans, spans[id]...)
			case "Source":
				g.source = spans[id]
			}
		}
		if len(g.spans) == 0 {
			continue
		}
		for _, s := range g.spans {
			if strings.ContainsAny(text[s.start:s.end], "“”\"") {
				g.direct = true
			}
		}
		if len(g.source) > 0 {
			var b strings.Builder
			for _, s := range g.source {
				b.WriteString(text[s.start:s.end])
				b.WriteByte(' ')
			}
			src := strings.TrimSpace(b.String())
			if !pronounSources[strings.ToLower(src)] && utf8.RuneCountInString(src) > 1 {
				g.speaker = src
			}
		}
		out = append(out, g)
	}
	return out, nil
}
