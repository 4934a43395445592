package main

import (
	"github.com/spf13/cobra"

	"github.com/parallaxhq/parallax/eval"
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
	return cmd
}
