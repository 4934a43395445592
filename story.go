package parallax

import "time"

// Story is one real-world event as several articles report it — the
// summit at Vostochny, not "Russia–North Korea relations".
type Story struct {
	ID        string    `json:"id"`
	Headline  string    `json:"headline"`
	FirstSeen time.Time `json:"first_seen"` // earliest known publication date of its articles; zero when none is dated
	LastSeen  time.Time `json:"last_seen"`
	Articles  []string  `json:"articles"` // article ids, in the order they joined
	Outlets   []string  `json:"outlets"`  // outlet names, sorted; articles of unknown outlet are not counted
	Terms     []string  `json:"terms"`    // the story's most salient terms and names
}

// Grouping is what the group stage says about one article: its story and
// its signals (copies, rewrites) — replacing earlier grouping signals.
type Grouping struct {
	ArticleID string
	StoryID   string
	Signals   []Signal // grouping signals only: "copy-of", "near-copy-of", "rewrite-of"
}

// GroupingSignals are the signal kinds the group stage owns; a new grouping
// replaces them and leaves every other signal as it was.
var GroupingSignals = map[string]bool{"copy-of": true, "near-copy-of": true, "rewrite-of": true}

// Fingerprint is what grouping compares of an article, computed once at
// ingest: its content terms with their counts, and a MinHash signature of
// its text folded for look-alike letters, case and punctuation.
//
// Term keys carry their kind in a prefix: "s:" a word stem, "n:" a name of
// several capitalised words, "e:" an entity ID, "#:" a number.
type Fingerprint struct {
	Terms   []string `json:"terms"`
	Counts  []int    `json:"counts"`  // Counts[i] is how often Terms[i] occurs, title terms counting more
	MinHash []uint32 `json:"minhash"` // empty for texts too short to shingle
	Words   int      `json:"words"`
}
