package main

import (
	"github.com/spf13/cobra"

	"github.com/parallaxhq/parallax/eval"
)

// newEvalAnalyzeCommands returns the eval subcommands of the analyze
// stage: `eval quotes DIR` and `eval entities DIR`.
func newEvalAnalyzeCommands(e *env) []*cobra.Command {
	return []*cobra.Command{
		{
			Use:   "quotes DIR",
			Short: "Quote detection and speaker attribution on BASIL or PolNeAR (detected by layout)",
			Long: `Quotes scores quotes and their speakers against BASIL (DIR holds articles/ and
annotations/) or PolNeAR (DIR holds train/ and dev/, or one split with text/
and attributions/). A predicted quote matches a gold one when their spans
overlap by half of the shorter; a speaker is right when its name shares a
word with the gold speaker (or, on PolNeAR, a mention of it is the gold
source span).`,
			Args: exactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				_, err := eval.Quotes(args[0], e.stdout)
				return err
			},
		},
		{
			Use:   "entities DIR",
			Short: "Entities against BASIL's article-level main entities (DIR holds articles/)",
			Args:  exactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				_, err := eval.Entities(args[0], e.stdout)
				return err
			},
		},
	}
}
