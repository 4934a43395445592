// Package present renders Parallax's values for people and programs: the
// export records (JSON Lines, CSV) and the terminal tables the CLI prints.
// The CLI and the HTTP server share it, so both say the same thing.
package present
