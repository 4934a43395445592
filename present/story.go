package present

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"github.com/parallaxhq/parallax"
)

// ExportStory is the stable export shape of a story.
type ExportStory struct {
	ID        string   `json:"id"`
	Headline  string   `json:"headline"`
	FirstSeen string   `json:"first_seen"` // YYYY-MM-DD, "" when no article is dated
	LastSeen  string   `json:"last_seen"`
	Articles  []string `json:"articles"`
	Outlets   []string `json:"outlets"`
	Terms     []string `json:"terms"`
}

// ExportOfStory converts a story to its export shape.
func ExportOfStory(s *parallax.Story) ExportStory {
	e := ExportStory{ID: s.ID, Headline: s.Headline, Articles: s.Articles, Outlets: s.Outlets, Terms: s.Terms}
	if !s.FirstSeen.IsZero() {
		e.FirstSeen, e.LastSeen = s.FirstSeen.Format("2006-01-02"), s.LastSeen.Format("2006-01-02")
	}
	for _, l := range []*[]string{&e.Articles, &e.Outlets, &e.Terms} {
		if *l == nil {
			*l = []string{}
		}
	}
	return e
}

// StoryJSONLWriter writes stories as JSON Lines.
type StoryJSONLWriter struct{ enc *json.Encoder }

// NewStoryJSONLWriter returns a writer of one JSON object per story to w.
func NewStoryJSONLWriter(w io.Writer) *StoryJSONLWriter {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &StoryJSONLWriter{enc: enc}
}

// Write writes one story.
func (j *StoryJSONLWriter) Write(s *parallax.Story) error { return j.enc.Encode(ExportOfStory(s)) }

// Flush does nothing: each line is written whole.
func (j *StoryJSONLWriter) Flush() error { return nil }

// StoryCSVWriter writes stories as CSV with a header row; lists are joined
// with "; ".
type StoryCSVWriter struct {
	w      *csv.Writer
	header bool
}

// NewStoryCSVWriter returns a CSV writer to w.
func NewStoryCSVWriter(w io.Writer) *StoryCSVWriter { return &StoryCSVWriter{w: csv.NewWriter(w)} }

// Write writes one story (after the header row, the first time).
func (c *StoryCSVWriter) Write(s *parallax.Story) error {
	if !c.header {
		c.header = true
		if err := c.w.Write([]string{"id", "headline", "first_seen", "last_seen", "size", "articles", "outlets", "terms"}); err != nil {
			return err
		}
	}
	e := ExportOfStory(s)
	return c.w.Write([]string{e.ID, e.Headline, e.FirstSeen, e.LastSeen, strconv.Itoa(len(e.Articles)),
		strings.Join(e.Articles, "; "), strings.Join(e.Outlets, "; "), strings.Join(e.Terms, "; ")})
}

// Flush writes any buffered data and reports a write error.
func (c *StoryCSVWriter) Flush() error {
	c.w.Flush()
	return c.w.Error()
}
