package eval

import (
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/pipeline"
	"github.com/parallaxhq/parallax/read"
)

// ExtractionScore is one system's figures on the article-extraction
// benchmark, as its evaluate.py computes them.
type ExtractionScore struct {
	System    string  `json:"system"`
	Docs      int     `json:"docs"`
	F1        float64 `json:"f1"`        // 2PR/(P+R) of the mean precision and recall
	Precision float64 `json:"precision"` // mean over documents of tp/(tp+fp)
	Recall    float64 `json:"recall"`    // mean over documents of tp/(tp+fn)
	Accuracy  float64 `json:"accuracy"`  // share of documents whose tokens equal the truth's
}

// ExtractionResult is our score and the peers', computed with the same
// metric from their published outputs.
type ExtractionResult struct {
	Ours  ExtractionScore   `json:"ours"`
	Peers []ExtractionScore `json:"peers"`
}

// Extractor returns the article text of one HTML page; the eval passes it
// the raw page bytes and its name. It must be safe for concurrent use.
type Extractor func(name string, page []byte) (string, error)

// PipelineText is the extractor Parallax uses: the HTML reader's
// paragraphs ([read.ParseHTML]), prepared by prep as every ingested record
// is (repaired, page junk moved to asides), joined by blank lines.
func PipelineText(prep *pipeline.Preparer) Extractor {
	return func(name string, page []byte) (string, error) {
		rec, err := read.ParseHTML(page, "", "")
		if err != nil {
			return "", err
		}
		rec.Loc = parallax.Location{Path: name}
		return prep.Prepare(rec).Text(), nil
	}
}

// extractionTokens is the benchmark's tokenizer: Python's re `\w+`, which
// is Unicode-aware (letters, numbers and the underscore; not marks, as str.isalnum).
var extractionTokens = regexp.MustCompile(`[\p{L}\p{N}_]+`)

// ExtractionTokens splits text into the benchmark's tokens.
func ExtractionTokens(text string) []string {
	return extractionTokens.FindAllString(text, -1)
}

// shingles counts the 4-gram shingles of tokens; a text of fewer than four
// tokens gives one shorter shingle (none when it has no tokens).
func shingles(tokens []string) map[string]int {
	const n = 4
	out := map[string]int{}
	if len(tokens) == 0 {
		return out
	}
	if len(tokens) < n {
		out[strings.Join(tokens, "\x00")]++
		return out
	}
	for i := 0; i+n <= len(tokens); i++ {
		out[strings.Join(tokens[i:i+n], "\x00")]++
	}
	return out
}

// docCounts is one document's shingle overlap, normalised so that every
// document weighs the same.
type docCounts struct{ tp, fp, fn float64 }

func countShingles(truth, pred string) docCounts {
	t, p := shingles(ExtractionTokens(truth)), shingles(ExtractionTokens(pred))
	var tp, fp, fn int
	for s, pc := range p {
		tc := t[s]
		tp += min(pc, tc)
		fp += max(pc-tc, 0)
	}
	for s, tc := range t {
		fn += max(tc-p[s], 0)
	}
	all := float64(tp + fp + fn)
	if all == 0 {
		return docCounts{}
	}
	return docCounts{float64(tp) / all, float64(fp) / all, float64(fn) / all}
}

// ScoreExtraction scores predicted texts against the truth by id, with the
// Zyte benchmark's metric: per document, shingle precision and recall
// (both 1 when there is neither a false positive nor a false negative;
// documents with no predicted shingles are left out of the precision, those
// with no true shingles out of the recall); the means over documents; F1 of
// the means; and the share of documents whose token lists are equal. A
// document missing from pred counts as an empty prediction.
func ScoreExtraction(system string, truth, pred map[string]string) ExtractionScore {
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var pSum, rSum float64
	var pN, rN, exact int
	for _, id := range ids {
		c := countShingles(truth[id], pred[id])
		switch {
		case c.fp == 0 && c.fn == 0:
			pSum, rSum, pN, rN = pSum+1, rSum+1, pN+1, rN+1
		default:
			if c.tp+c.fp > 0 {
				pSum += c.tp / (c.tp + c.fp)
				pN++
			}
			if c.tp+c.fn > 0 {
				rSum += c.tp / (c.tp + c.fn)
				rN++
			}
		}
		if slices.Equal(ExtractionTokens(truth[id]), ExtractionTokens(pred[id])) {
			exact++
		}
	}
	s := ExtractionScore{System: system, Docs: len(ids)}
	if pN > 0 {
		s.Precision = pSum / float64(pN)
	}
	if rN > 0 {
		s.Recall = rSum / float64(rN)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	if len(ids) > 0 {
		s.Accuracy = float64(exact) / float64(len(ids))
	}
	return s
}

// Extraction runs extract over every page of the Zyte article-extraction
// benchmark in dir (as in ../shared/eval-data/article-extraction: html/,
// ground-truth.json, peer-outputs/), scores it and every peer output with
// [ScoreExtraction], and prints the table, best F1 first, ours marked.
// A page extract fails on counts as an empty prediction.
func Extraction(dir string, extract Extractor, w io.Writer) (ExtractionResult, error) {
	var res ExtractionResult
	truth, err := extractionTruth(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return res, err
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	texts := make([]string, len(ids))
	errs := make([]error, len(ids))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(ids); i = int(next.Add(1) - 1) {
				page, err := readGzip(filepath.Join(dir, "html", ids[i]+".html.gz"))
				if err == nil {
					texts[i], err = extract(ids[i], page)
				}
				errs[i] = err
			}
		})
	}
	wg.Wait()
	pred := make(map[string]string, len(truth))
	var failed []string
	for i, id := range ids {
		pred[id] = texts[i]
		if errs[i] != nil {
			failed = append(failed, fmt.Sprintf("%s: %v", id, errs[i]))
		}
	}
	res.Ours = ScoreExtraction("parallax (ours)", truth, pred)
	peers, _ := filepath.Glob(filepath.Join(dir, "peer-outputs", "*.json.gz"))
	for _, p := range peers {
		out, err := peerOutput(p)
		if err != nil {
			return res, err
		}
		res.Peers = append(res.Peers, ScoreExtraction(strings.TrimSuffix(filepath.Base(p), ".json.gz"), truth, out))
	}
	sort.SliceStable(res.Peers, func(i, j int) bool { return res.Peers[i].F1 > res.Peers[j].F1 })

	rows := append([]ExtractionScore{res.Ours}, res.Peers...)
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].F1 > rows[j].F1 })
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "system\tF1\tprecision\trecall\taccuracy\t\n")
	for _, r := range rows {
		name := r.System
		if r == res.Ours {
			name = "▶ " + name
		}
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%.3f\t\n", name, r.F1, r.Precision, r.Recall, r.Accuracy)
	}
	if err := tw.Flush(); err != nil {
		return res, err
	}
	fmt.Fprintf(w, "\n%d pages; peers scored with the same metric from peer-outputs/.\n", len(truth))
	for _, f := range failed {
		fmt.Fprintf(w, "extraction failed: %s\n", f)
	}
	return res, nil
}

func extractionTruth(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("eval extraction: %w", err)
	}
	var gt map[string]struct {
		Body string `json:"articleBody"`
	}
	if err := json.Unmarshal(data, &gt); err != nil {
		return nil, fmt.Errorf("eval extraction: %s: %w", path, err)
	}
	if len(gt) == 0 {
		return nil, fmt.Errorf("eval extraction: %s: no documents", path)
	}
	out := make(map[string]string, len(gt))
	for id, d := range gt {
		out[id] = d.Body
	}
	return out, nil
}

// peerOutput reads one system's published output: either {id: {articleBody}}
// or {"version": …, "output": {id: {articleBody}}}.
func peerOutput(path string) (map[string]string, error) {
	data, err := readGzip(path)
	if err != nil {
		return nil, fmt.Errorf("eval extraction: %w", err)
	}
	type doc struct {
		Body *string `json:"articleBody"`
	}
	var wrapped struct {
		Output map[string]doc `json:"output"`
	}
	var docs map[string]doc
	if err := json.Unmarshal(data, &wrapped); err == nil && wrapped.Output != nil {
		docs = wrapped.Output
	} else {
		var plain map[string]json.RawMessage
		if err := json.Unmarshal(data, &plain); err != nil {
			return nil, fmt.Errorf("eval extraction: %s: %w", path, err)
		}
		docs = map[string]doc{}
		for id, raw := range plain {
			var d doc
			if json.Unmarshal(raw, &d) == nil {
				docs[id] = d
			}
		}
	}
	out := make(map[string]string, len(docs))
	for id, d := range docs {
		if d.Body != nil {
			out[id] = *d.Body
		}
	}
	return out, nil
}

// maxEvalFile caps one decompressed eval file.
const maxEvalFile = 64 << 20

func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	data, err := io.ReadAll(io.LimitReader(zr, maxEvalFile+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(data) > maxEvalFile {
		return nil, fmt.Errorf("%s: %w", path, errors.New("larger than 64 MiB"))
	}
	return data, nil
}
