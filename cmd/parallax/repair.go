package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/repair"
)

func newRepairCommand(e *env) *cobra.Command {
	var report, textOnly bool
	cmd := &cobra.Command{
		Use:   "repair [--report] [--text-only]",
		Short: "Filter: repair the text on stdin and write it to stdout",
		Long: `Repair reads one text from standard input and writes it repaired: charset decoded,
mojibake undone, look-alike letters put back, Unicode normalised (NFC), and the
body cleaned — glued paragraphs split, page junk and transcript markers taken
out, sound bites set apart. Paragraphs are separated by blank lines. With
--text-only only the letter-level repairs are made and the layout is kept.
With --report the repairs (and the lines taken out) are printed as JSON on stderr.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			raw, err := io.ReadAll(e.stdin)
			if err != nil {
				return fmt.Errorf("repair: read stdin: %w", err)
			}
			log := &repair.Log{}
			fix := repair.Chain{repair.Charset(raw, ""), repair.Mojibake{}, repair.Homoglyphs{}, repair.Unicode{}}
			var out string
			var asides []parallax.Aside
			if textOnly {
				out = fix.Fix(string(raw), log)
			} else {
				var paras []string
				for _, p := range strings.Split(strings.ReplaceAll(string(raw), "\r\n", "\n"), "\n\n") {
					if p = strings.TrimSpace(p); p != "" {
						paras = append(paras, fix.Fix(p, log))
					}
				}
				var body []parallax.Paragraph
				body, asides = repair.Body("", paras, log)
				var b strings.Builder
				for _, p := range body {
					if p.Kind == parallax.ParagraphSoundBite {
						fmt.Fprintf(&b, "[%s] ", p.Speaker)
					}
					b.WriteString(p.Text)
					b.WriteString("\n\n")
				}
				out = strings.TrimSuffix(b.String(), "\n")
			}
			if _, err := io.WriteString(e.stdout, out); err != nil {
				return err
			}
			if report {
				rep := struct {
					Repairs []parallax.Repair `json:"repairs"`
					Removed []parallax.Aside  `json:"removed"`
					Signals []parallax.Signal `json:"signals"`
				}{Repairs: log.Repairs(), Removed: asides}
				if s, ok := repair.HomoglyphSignal(log); ok {
					rep.Signals = append(rep.Signals, s)
				}
				return writeJSON(e.stderr, rep)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&report, "report", false, "print the repairs as JSON on stderr")
	cmd.Flags().BoolVar(&textOnly, "text-only", false, "only repair letters (charset, mojibake, look-alikes, NFC); keep the layout")
	return cmd
}
