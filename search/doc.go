// Package search is Parallax's ranked search: a [parallax.Searcher] over a
// Bleve index (scorch, BM25 scoring) derived from a SQLite store and kept
// beside it, at the store's path + ".bleve".
//
// The store is the record. The index holds one document per article — its
// title and repaired text, analysed by Bleve's English analyzer (Unicode
// words, possessives, lower case, stop words, Porter stems), and its outlet,
// country, state affiliation, publication date and day, language and entity
// ids as keyword fields for filters and facets — and the number and the last
// of the articles it has indexed, in the store's ingest order, written in the
// same batch as the documents. [Index.CatchUp] indexes the articles stored
// after that last one, so a run interrupted between a store commit and its
// index batch is made good by the next one; [Rebuild] starts from nothing.
//
// Filters become a bitmap of articles per index segment, kept between
// queries, and the text of a filtered query reads only the articles in it
// (filtered).
//
// Story membership is not indexed: it changes when articles are grouped,
// so the story filter and each hit's story id are read from the store when
// a query runs, and grouping never leaves the index stale.
//
// Queries use Bleve's query-string syntax (words, "phrases", +must,
// -must-not, AND / OR / NOT, prefix*, field:value) through
// [bleve.NewQueryStringQuery]; facets are Bleve term facets; snippets are
// Bleve's HTML highlighter fragments. The package writes none of these
// itself. It does not search a PostgreSQL store: [Path] says so with
// [parallax.ErrUnsupported].
package search
