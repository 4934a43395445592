// Package eval measures Parallax's stages against external evaluation sets
// kept in the shared folder (../shared/eval-data beside the repository),
// which are separately licensed and never copied into the repository.
//
// Each evaluation is a function that reads one data set from a directory,
// runs the stage over it, prints a table to a writer and returns the
// figures, so that the CLI (parallax eval …) and tests share one code path:
//
//   - [Mojibake]: ftfy's mojibake test cases against [repair.Mojibake] and
//     [repair.Unicode].
//
// Package eval only reads; it writes nothing but its report.
package eval
