package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/describe"
	"github.com/parallaxhq/parallax/pipeline"
	"github.com/parallaxhq/parallax/read"
)

// ingestFlags are the flags of every command that ingests.
type ingestFlags struct {
	fields  string
	outlets string
	json    bool
}

func (f *ingestFlags) register(cmd *cobra.Command, e *env) {
	cmd.Flags().StringVar(&f.fields, "fields", "", `JSON field mapping, e.g. "title=headline,text=story+summary,date=ts"`)
	cmd.Flags().StringVar(&f.outlets, "outlets", e.getenv("PARALLAX_OUTLETS"), "a JSON file of outlets that extends or overrides the embedded registry (env PARALLAX_OUTLETS)")
}

// outletRegistry loads the embedded registry and the user's file, if any.
func outletRegistry(path string) (*describe.Registry, error) {
	reg, err := describe.DefaultRegistry()
	if err != nil {
		return nil, err
	}
	if path == "" {
		return reg, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--outlets: %w", err)
	}
	defer f.Close()
	if err := reg.Merge(f); err != nil {
		return nil, fmt.Errorf("--outlets %s: %w", path, err)
	}
	return reg, nil
}

func newIngestCommand(e *env) *cobra.Command {
	var f ingestFlags
	cmd := &cobra.Command{
		Use:   "ingest PATH... [-]",
		Short: "Read files, directories, .gz files or stdin (-) into the store",
		Long: `Ingest reads every input (files, directories recursively, gzip streams, and - for
standard input), tells each format from its content, repairs and describes each
article, and stores it. The same article read twice is stored once, with every
place it was read from. Bad records are reported with their location, counted,
and skipped; the good records around them are kept.`,
		Args: minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			store, err := openStore(cmd.Context(), e.db)
			if err != nil {
				return err
			}
			defer store.Close()
			stats, err := ingest(cmd.Context(), e, store, args, f)
			if err != nil {
				return err
			}
			return printIngestSummary(e.stdout, stats, f.json)
		},
	}
	f.register(cmd, e)
	cmd.Flags().BoolVar(&f.json, "json", false, "print the summary as JSON")
	return cmd
}

// ingest runs the pipeline over paths, reporting bad input on stderr as it
// is met and showing progress when stderr is a terminal.
func ingest(ctx context.Context, e *env, store parallax.Store, paths []string, f ingestFlags) (*pipeline.Stats, error) {
	fields, err := read.ParseFields(f.fields)
	if err != nil {
		return nil, usageError{err}
	}
	reg, err := outletRegistry(f.outlets)
	if err != nil {
		return nil, err
	}
	prep, err := pipeline.NewPreparer(pipeline.Config{Outlets: reg})
	if err != nil {
		return nil, err
	}
	in := &pipeline.Ingester{
		Store:   store,
		Prepare: prep.Prepare,
		Walker:  &read.Walker{Fields: fields, Stdin: e.stdin},
		OnError: func(pe *read.ParseError) {
			fmt.Fprintf(e.stderr, "skipped: %v\n", pe)
		},
	}
	if e.stderrIsTTY {
		bar := progressbar.NewOptions(-1,
			progressbar.OptionSetWriter(e.stderr),
			progressbar.OptionSetDescription("ingesting"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("articles"),
			progressbar.OptionClearOnFinish(),
		)
		in.OnBatch = func(total pipeline.Counts) { bar.Set(total.Read) }
		defer bar.Finish()
	}
	stats, err := in.Ingest(ctx, paths)
	if err != nil {
		return stats, fmt.Errorf("ingest: %w", err)
	}
	if t := stats.Total(); t.Read == 0 && t.Failed > 0 {
		return stats, fmt.Errorf("ingest: nothing could be read: %d inputs or records failed", t.Failed)
	}
	catchUpSearch(ctx, e, store)
	return stats, nil
}

func printIngestSummary(w io.Writer, stats *pipeline.Stats, asJSON bool) error {
	if asJSON {
		out := struct {
			Total    pipeline.Counts                      `json:"total"`
			ByFormat map[parallax.Format]*pipeline.Counts `json:"by_format"`
		}{stats.Total(), stats.ByFormat}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "format\tread\tnew\tduplicate\tfailed\t")
	for _, format := range stats.Formats() {
		c := stats.ByFormat[format]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t\n", format, c.Read, c.New, c.Duplicate, c.Failed)
	}
	t := stats.Total()
	fmt.Fprintf(tw, "total\t%d\t%d\t%d\t%d\t\n", t.Read, t.New, t.Duplicate, t.Failed)
	return tw.Flush()
}
