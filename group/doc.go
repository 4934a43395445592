// Package group finds copies and groups articles into stories as they
// stream in.
//
// At ingest, [Features] reduces an article to a [parallax.Fingerprint]: its
// content terms (word stems, multi-word names, entity IDs, numbers) and a
// MinHash signature over word shingles of its text folded for look-alike
// letters, case and punctuation — so a copy disguised with Cyrillic letters
// hashes like the original.
//
// A [Grouper] then takes articles one at a time. Copies are found through
// locality-sensitive hashing of the signatures (16 bands of 4 rows). Each
// article is compared only with candidate stories that share salient terms
// with it (an inverted index) and whose dates are near its own; it joins the
// most similar story when the TF-IDF cosine with the story's centroid is
// high enough, and starts a new story otherwise.
//
// Memory is bounded whatever the corpus size: only the MaxActive most
// recently joined stories stay candidates (each with a centroid of at most
// 200 terms), and retired ones soon leave the index; copies are looked for
// among the last CopyWindow articles; terms are known by 64-bit hashes,
// counted in a table that drops the rarest when full (the counts are exact
// up to about 1.5 million distinct terms).
//
// Decisions depend only on the input order, so a run is deterministic, and
// grouping in several runs gives what one run over the same articles gives
// ([Run] replays the grouped articles before deciding on new ones).
package group
