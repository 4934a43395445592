// Package read turns input files into raw records, one at a time.
//
// Each format has a Reader in the shape of bufio.Scanner: Next advances to
// the next record, Record returns it with its location (file, index, byte
// offset, line), and Err reports the I/O error that stopped reading, if any.
// A malformed record never stops a Reader: it is passed to the OnBadRecord
// hook as a *ParseError naming the file, the location and what was
// expected, counted, and skipped; the good records around it are kept.
//
// [Walker] reads whole inputs: files, directories (recursively), gzip
// streams and standard input, sniffing each format from the content, never
// from the file name alone.
//
// Readers only take records apart: they decode SGML entities and JSON
// strings but repair nothing, and they keep every record's raw bytes.
package read
