package main

import (
	"github.com/spf13/cobra"

	"github.com/parallaxhq/parallax/eval"
	"github.com/parallaxhq/parallax/group"
	"github.com/parallaxhq/parallax/pipeline"
)

func newEvalCommand(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "eval",
		Short: "Score Parallax against external evaluation sets",
		Long: `Eval runs Parallax over an external evaluation set (such as those in
../shared/eval-data) and prints its scores next to the published ones.`,
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "mojibake DIR",
		Short: "Mojibake repair on ftfy's test cases (DIR holds their JSON files)",
		Args:  exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := eval.Mojibake(args[0], e.stdout)
			return err
		},
	})
	cmd.AddCommand(&cobra.Command{
		Use:   "extraction DIR",
		Short: "HTML main-text extraction on the Zyte article-extraction benchmark (DIR holds html/, ground-truth.json, peer-outputs/)",
		Args:  exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			prep, err := pipeline.NewPreparer(pipeline.Config{})
			if err != nil {
				return err
			}
			_, err = eval.Extraction(args[0], eval.PipelineText(prep), e.stdout)
			return err
		},
	})
	cmd.AddCommand(&cobra.Command{
		Use:   "dates DIR",
		Short: "Publication dates on htmldate's 1,000-page set (DIR holds eval_*.json, test_set/, cache/, eval/)",
		Args:  exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			prep, err := pipeline.NewPreparer(pipeline.Config{})
			if err != nil {
				return err
			}
			_, err = eval.Dates(args[0], eval.PipelineDate(prep), e.stdout)
			return err
		},
	})
	cmd.AddCommand(&cobra.Command{
		Use:   "stories DIR",
		Short: "Story grouping on BASIL (DIR holds gold_event_triplets.tsv and articles/): pairwise and B-cubed P/R/F1",
		Args:  exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := eval.Stories(cmd.Context(), args[0], group.Options{}, e.stdout)
			return err
		},
	})
	cmd.AddCommand(newEvalAnalyzeCommands(e)...)
	return cmd
}
