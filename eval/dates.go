package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"text/tabwriter"

	"golang.org/x/text/unicode/norm"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/pipeline"
	"github.com/parallaxhq/parallax/read"
)

// DateScore is one system's figures on the htmldate benchmark.
type DateScore struct {
	System    string  `json:"system"`
	Pages     int     `json:"pages"`
	TP        int     `json:"tp"` // the date found is the gold date
	FP        int     `json:"fp"` // a different date was found
	FN        int     `json:"fn"` // no date was found
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	Accuracy  float64 `json:"accuracy"`
	F         float64 `json:"f"`
}

// DateExtractor returns the publication date of one HTML page, given only
// its bytes (no URL); a zero Date when it finds none. It must be safe for
// concurrent use.
type DateExtractor func(page []byte) (parallax.Date, error)

// PipelineDate is the date Parallax keeps for an HTML page: the HTML
// reader's ([read.ParseHTML], go-htmldate in extensive mode), or the one
// the describe stage finds when the page gives none.
func PipelineDate(prep *pipeline.Preparer) DateExtractor {
	return func(page []byte) (parallax.Date, error) {
		rec, err := read.ParseHTML(page, "", "")
		if err != nil {
			return parallax.Date{}, err
		}
		return prep.Prepare(rec).Published, nil
	}
}

// htmldatePublished is htmldate's published table (1,000 pages, reviewed
// labels, 2026-06-01), from the folder's README: P, R, accuracy, F.
var htmldatePublished = []struct {
	system     string
	p, r, a, f float64
}{
	{"htmldate 1.10.0 extensive", 0.908, 0.993, 0.903, 0.949},
	{"htmldate 1.10.0 fast", 0.924, 0.927, 0.861, 0.925},
	{"newspaper4k 0.9.5", 0.912, 0.728, 0.680, 0.810},
	{"news-please 1.6.16", 0.845, 0.777, 0.680, 0.810},
	{"articleDateExtractor 0.20", 0.846, 0.745, 0.656, 0.792},
	{"goose3 3.1.21", 0.930, 0.568, 0.545, 0.706},
	{"date_guesser 2.1.4", 0.832, 0.611, 0.544, 0.705},
}

// Dates runs extract over the htmldate evaluation set in dir (as in
// ../shared/eval-data/date-extraction) with its protocol: each page is
// given as HTML only; no date is a false negative, the gold date (to the
// day) a true positive, any other date a false positive; P = TP/(TP+FP),
// R = TP/(TP+FN), accuracy = TP/N, F = 2TP/(2TP+FP+FN). It prints our row
// next to htmldate's published table.
func Dates(dir string, extract DateExtractor, w io.Writer) (DateScore, error) {
	type page struct{ file, gold string }
	var pages []page
	for _, name := range []string{"eval_default.json", "eval_mediacloud_2020.json"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return DateScore{}, fmt.Errorf("eval dates: %w", err)
		}
		var set map[string]struct {
			File string `json:"file"`
			Date string `json:"date"`
		}
		// Python wrote a missing gold date as NaN, which equals nothing:
		// such a page is a false positive or negative whatever is found.
		data = bytes.ReplaceAll(data, []byte(": NaN"), []byte(": null"))
		if err := json.Unmarshal(data, &set); err != nil {
			return DateScore{}, fmt.Errorf("eval dates: %s: %w", name, err)
		}
		for _, p := range set {
			pages = append(pages, page{p.File, p.Date})
		}
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].file < pages[j].file })
	files, err := dateFiles(dir)
	if err != nil {
		return DateScore{}, err
	}
	found := make([]string, len(pages))
	errs := make([]error, len(pages))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(pages); i = int(next.Add(1) - 1) {
				path, ok := files[norm.NFC.String(pages[i].file)]
				if !ok {
					errs[i] = fmt.Errorf("eval dates: no page %s in test_set/, cache/ or eval/", pages[i].file)
					continue
				}
				data, err := readGzip(path)
				if err != nil {
					errs[i] = fmt.Errorf("eval dates: %w", err)
					continue
				}
				if d, err := extract(data); err == nil && !d.IsZero() {
					found[i] = d.Time.Format("2006-01-02")
				}
			}
		})
	}
	wg.Wait()
	s := DateScore{System: "parallax (ours)", Pages: len(pages)}
	for i, p := range pages {
		if errs[i] != nil {
			return s, errs[i]
		}
		switch found[i] {
		case "":
			s.FN++
		case p.gold:
			if p.gold == "" {
				s.FP++
				break
			}
			s.TP++
		default:
			s.FP++
		}
	}
	if s.TP+s.FP > 0 {
		s.Precision = float64(s.TP) / float64(s.TP+s.FP)
	}
	if s.TP+s.FN > 0 {
		s.Recall = float64(s.TP) / float64(s.TP+s.FN)
	}
	if s.Pages > 0 {
		s.Accuracy = float64(s.TP) / float64(s.Pages)
	}
	if d := 2*s.TP + s.FP + s.FN; d > 0 {
		s.F = 2 * float64(s.TP) / float64(d)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "system\tP\tR\taccuracy\tF\t\n")
	fmt.Fprintf(tw, "▶ %s\t%.3f\t%.3f\t%.3f\t%.3f\t\n", s.System, s.Precision, s.Recall, s.Accuracy, s.F)
	for _, p := range htmldatePublished {
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%.3f\t\n", p.system, p.p, p.r, p.a, p.f)
	}
	if err := tw.Flush(); err != nil {
		return s, err
	}
	fmt.Fprintf(w, "\n%d pages: %d right, %d wrong, %d without a date; peers as published (htmldate, 2026-06-01).\n", s.Pages, s.TP, s.FP, s.FN)
	return s, nil
}

// dateFiles maps the NFC name of every page (without .gz) to its path,
// looking in test_set/, then cache/, then eval/, as upstream does.
func dateFiles(dir string) (map[string]string, error) {
	files := map[string]string{}
	for _, sub := range []string{"eval", "cache", "test_set"} { // later folders win
		paths, err := filepath.Glob(filepath.Join(dir, sub, "*.gz"))
		if err != nil {
			return nil, fmt.Errorf("eval dates: %w", err)
		}
		for _, p := range paths {
			name := filepath.Base(p)
			files[norm.NFC.String(name[:len(name)-len(".gz")])] = p
		}
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("eval dates: no pages in %s", dir)
	}
	return files, nil
}
