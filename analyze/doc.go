// Package analyze finds structure in an article's repaired text: sentences,
// word tokens with their stems, and (built on them) named things and quotes.
// Every unit keeps byte offsets into the text it came from, so later stages
// and the UI can point at spans.
//
// Sentences come from a Punkt model (github.com/neurosnap/sentences),
// applied paragraph by paragraph, so a glued paragraph split by the repair
// stage never runs into the next. Words follow Unicode's word boundaries
// (UAX #29, github.com/clipperhouse/uax29); stems are Snowball's
// (github.com/blevesearch/snowballstem) for the article's language.
package analyze
