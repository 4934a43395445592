package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/parallaxhq/parallax/repair"
)

// MojibakeCase is one test case of ftfy's test suite, as stored in its JSON
// files.
type MojibakeCase struct {
	Label    string `json:"label"`
	Comment  string `json:"comment,omitempty"`
	Original string `json:"original"`
	// Fixed is what ftfy.fix_text should return: encoding repair plus
	// ftfy's other normalisations (straight quotes, …).
	Fixed string `json:"fixed"`
	// FixedEncoding is what ftfy.fix_encoding should return; empty when it
	// equals Fixed.
	FixedEncoding string `json:"fixed-encoding,omitempty"`
	// Expect is "pass", or "fail" for ftfy's known failures.
	Expect string `json:"expect"`
}

// Want returns the expected output of an encoding repair: FixedEncoding if
// set, else Fixed. Parallax repairs encodings but keeps curly quotes, so it
// is compared with ftfy.fix_encoding, not fix_text.
func (c MojibakeCase) Want() string {
	if c.FixedEncoding != "" {
		return c.FixedEncoding
	}
	return c.Fixed
}

// MojibakeFile holds the figures for one file of cases.
type MojibakeFile struct {
	Name       string   `json:"name"`
	Cases      int      `json:"cases"`
	ExpectPass int      `json:"expect_pass"` // cases ftfy passes
	Passed     int      `json:"passed"`      // expect-pass cases we repair exactly
	Failed     []string `json:"failed"`      // labels of expect-pass cases we get wrong
	// KnownFailures counts ftfy's known failures (expect "fail"), and
	// KnownFixed how many of them we get right anyway.
	KnownFailures int `json:"known_failures"`
	KnownFixed    int `json:"known_fixed"`
	// LayerPassed counts expect-pass cases still repaired exactly after one
	// more layer of mojibake (the UTF-8 of the input read as Latin-1), as
	// ftfy's own test suite also checks.
	LayerPassed int `json:"layer_passed"`
}

// MojibakeResult holds the figures per file and their totals.
type MojibakeResult struct {
	Files []MojibakeFile `json:"files"`
	Total MojibakeFile   `json:"total"`
}

// mojibakeFix is the repair evaluated: mojibake repair, then NFC.
func mojibakeFix(s string) string {
	var log repair.Log
	return repair.Chain{repair.Mojibake{}, repair.Unicode{}}.Fix(s, &log)
}

// Mojibake runs Parallax's encoding repair ([repair.Mojibake], then
// [repair.Unicode]) over every JSON file of ftfy test cases in dir (as in
// ../shared/eval-data/mojibake), comparing each result with
// [MojibakeCase.Want], and prints, per file, the number of
// cases, how many ftfy passes, how many we pass and fail, how many of ftfy's
// known failures we fix, and the labels of our failures.
func Mojibake(dir string, w io.Writer) (MojibakeResult, error) {
	var res MojibakeResult
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return res, fmt.Errorf("eval mojibake: %w", err)
	}
	if len(paths) == 0 {
		return res, fmt.Errorf("eval mojibake: no JSON files in %s", dir)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return res, fmt.Errorf("eval mojibake: %w", err)
		}
		var cases []MojibakeCase
		if err := json.Unmarshal(data, &cases); err != nil {
			return res, fmt.Errorf("eval mojibake: %s: %w", p, err)
		}
		res.Files = append(res.Files, mojibakeScore(filepath.Base(p), cases))
	}
	res.Total.Name = "total"
	for _, f := range res.Files {
		t := &res.Total
		t.Cases += f.Cases
		t.ExpectPass += f.ExpectPass
		t.Passed += f.Passed
		t.Failed = append(t.Failed, f.Failed...)
		t.KnownFailures += f.KnownFailures
		t.KnownFixed += f.KnownFixed
		t.LayerPassed += f.LayerPassed
	}
	return res, mojibakePrint(w, res)
}

func mojibakeScore(name string, cases []MojibakeCase) MojibakeFile {
	f := MojibakeFile{Name: name, Cases: len(cases)}
	for _, c := range cases {
		ok := mojibakeFix(c.Original) == c.Want()
		if c.Expect != "pass" {
			f.KnownFailures++
			if ok {
				f.KnownFixed++
			}
			continue
		}
		f.ExpectPass++
		if !ok {
			f.Failed = append(f.Failed, c.Label)
			continue
		}
		f.Passed++
		if mojibakeFix(latin1Layer(c.Original)) == c.Want() {
			f.LayerPassed++
		}
	}
	return f
}

// latin1Layer adds one layer of mojibake: the UTF-8 bytes of s read as
// Latin-1.
func latin1Layer(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteRune(rune(s[i]))
	}
	return b.String()
}

func mojibakePrint(w io.Writer, res MojibakeResult) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "file\tcases\texpect-pass\tpassed\tfailed\t+latin-1 layer\tknown failures fixed\t")
	for _, f := range append(res.Files, res.Total) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d/%d\t\n", f.Name, f.Cases, f.ExpectPass,
			f.Passed, len(f.Failed), f.LayerPassed, f.KnownFixed, f.KnownFailures)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, f := range res.Files {
		for _, l := range f.Failed {
			if _, err := fmt.Fprintf(w, "FAIL %s: %s\n", f.Name, l); err != nil {
				return err
			}
		}
	}
	return nil
}
