package parallax

import (
	"context"
	"time"
)

// Searcher ranks stored articles by a text query. It stands apart from
// [Store]: it runs over an index derived from the store (Bleve beside a
// SQLite file), which follows the store's commits and can be rebuilt from it
// at any time. The store stays the record.
type Searcher interface {
	// Search runs a query. A malformed query or filter returns an error
	// wrapping ErrInvalid.
	Search(ctx context.Context, q SearchQuery) (*SearchResult, error)

	// CatchUp indexes the articles stored since the last indexed one, in
	// ingest order, and returns how many it indexed.
	CatchUp(ctx context.Context) (int, error)

	// Close releases the index.
	Close() error
}

// SearchQuery is one search: a query string and filters. Zero fields
// select everything.
type SearchQuery struct {
	// Text is the query: words (all of them must match), "exact
	// phrases", +required and -excluded words, AND / OR / NOT between
	// words, prefix*, and field:value terms.
	Text string `json:"q"`

	Outlets         []string  `json:"outlet,omitempty"`  // outlet ids or names; any of them
	Country         string    `json:"country,omitempty"` // ISO 3166 code of the outlet's country
	StateAffiliated *bool     `json:"state_affiliated,omitempty"`
	From            time.Time `json:"from,omitzero"` // published on or after this day
	To              time.Time `json:"to,omitzero"`   // published on or before this day
	StoryID         string    `json:"story,omitempty"`
	EntityID        string    `json:"entity,omitempty"`
	Language        string    `json:"language,omitempty"`

	Limit  int `json:"limit,omitempty"` // hits per page; 0 means 10
	Offset int `json:"offset,omitempty"`

	// Facets asks for the counts by outlet and by day. They cost time in
	// proportion to the matches, not to the page.
	Facets bool `json:"facets,omitempty"`
}

// SearchResult is one page of hits, best first, with facet counts over
// every match.
type SearchResult struct {
	Total  int           `json:"total"` // every article the query matches
	Hits   []SearchHit   `json:"hits"`
	Facets SearchFacets  `json:"facets"`
	Took   time.Duration `json:"took_ns"`
}

// SearchHit is one matching article.
type SearchHit struct {
	ID        string     `json:"id"`
	Score     float64    `json:"score"`
	Title     string     `json:"title"`
	Outlet    *OutletRef `json:"outlet,omitempty"`
	Published string     `json:"published,omitempty"` // YYYY-MM-DD or RFC 3339, "" when unknown
	Language  string     `json:"language,omitempty"`
	StoryID   string     `json:"story,omitempty"`
	// Snippets are fragments of the text around the matched words, as
	// HTML: the text escaped, each match in <mark>…</mark>.
	Snippets []string `json:"snippets"`
}

// SearchFacets counts the matches by outlet and by day of publication;
// empty unless the query asked for them.
type SearchFacets struct {
	Outlets []FacetCount `json:"outlets"` // most matches first
	Days    []FacetCount `json:"days"`    // in date order, "YYYY-MM-DD"
	// Unknown counts matches of unknown outlet and of unknown date.
	UnknownOutlet int `json:"unknown_outlet"`
	UnknownDay    int `json:"unknown_day"`
}

// FacetCount is how many matches share one value.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}
