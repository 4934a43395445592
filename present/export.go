package present

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/parallaxhq/parallax"
)

// ExportOutlet is the outlet of an exported article.
type ExportOutlet struct {
	ID              string `json:"id"`
	Name            string `json:"name"`
	Country         string `json:"country"`
	StateAffiliated bool   `json:"state_affiliated"`
	Source          string `json:"source,omitempty"`
}

// ExportRepair is one kind of repair made to an exported article.
type ExportRepair struct {
	Kind  string `json:"kind"`
	Count int    `json:"count"`
}

// ExportArticle is the stable export shape of an article (DESIGN.md, CLI
// contract). Scripts rely on its field names.
type ExportArticle struct {
	ID                 string              `json:"id"`
	SourcePath         string              `json:"source_path"`
	SourceIndex        int                 `json:"source_index"`
	Locations          []parallax.Location `json:"locations"`
	Format             parallax.Format     `json:"format"`
	ExternalID         string              `json:"external_id"`
	Outlet             *ExportOutlet       `json:"outlet"`
	URL                string              `json:"url"`
	Title              string              `json:"title"`
	Byline             string              `json:"byline"`
	Credits            []string            `json:"credits"`
	Published          string              `json:"published"`
	PublishedSource    string              `json:"published_source"`
	PublishedPrecision string              `json:"published_precision"`
	Language           string              `json:"language"`
	Text               string              `json:"text"`
	Repairs            []ExportRepair      `json:"repairs"`
	Signals            []parallax.Signal   `json:"signals"`
	Story              string              `json:"story"`
}

// Export converts an article to its export shape.
func Export(a *parallax.Article) ExportArticle {
	e := ExportArticle{
		ID:                 a.ID,
		Locations:          a.Locations,
		Format:             a.Format,
		ExternalID:         a.ExternalID,
		URL:                a.URL,
		Title:              a.Title,
		Byline:             a.Byline,
		Credits:            a.Credits,
		Published:          a.Published.String(),
		PublishedSource:    a.Published.Source,
		PublishedPrecision: string(a.Published.Precision),
		Language:           a.Language,
		Text:               a.Text(),
		Repairs:            []ExportRepair{},
		Signals:            a.Signals,
		Story:              a.StoryID,
	}
	if len(a.Locations) > 0 {
		e.SourcePath, e.SourceIndex = a.Locations[0].Path, a.Locations[0].Index
	}
	if e.Locations == nil {
		e.Locations = []parallax.Location{}
	}
	if e.Credits == nil {
		e.Credits = []string{}
	}
	if e.Signals == nil {
		e.Signals = []parallax.Signal{}
	}
	if o := a.Outlet; o != nil {
		e.Outlet = &ExportOutlet{ID: o.ID, Name: o.Name, Country: o.Country, StateAffiliated: o.StateAffiliated, Source: o.Source}
	}
	for _, r := range a.Repairs {
		e.Repairs = append(e.Repairs, ExportRepair{Kind: r.Kind, Count: r.Count})
	}
	return e
}

// JSONLWriter writes articles as JSON Lines.
type JSONLWriter struct{ enc *json.Encoder }

// NewJSONLWriter returns a writer of one JSON object per line to w.
func NewJSONLWriter(w io.Writer) *JSONLWriter {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &JSONLWriter{enc: enc}
}

// Write writes one article.
func (j *JSONLWriter) Write(a *parallax.Article) error { return j.enc.Encode(Export(a)) }

// Flush does nothing: each line is written whole.
func (j *JSONLWriter) Flush() error { return nil }

// csvHeader names the CSV columns, in order.
var csvHeader = []string{"id", "source_path", "source_index", "format", "external_id",
	"outlet_id", "outlet_name", "outlet_country", "outlet_state_affiliated",
	"url", "title", "byline", "credits", "published", "published_source", "published_precision",
	"language", "text", "repairs", "signals", "story"}

// CSVWriter writes articles as CSV with a header row. Lists are joined
// with "; " and repairs and signals written as kind:count.
type CSVWriter struct {
	w      *csv.Writer
	header bool
}

// NewCSVWriter returns a CSV writer to w.
func NewCSVWriter(w io.Writer) *CSVWriter { return &CSVWriter{w: csv.NewWriter(w)} }

// Write writes one article (after the header row, the first time).
func (c *CSVWriter) Write(a *parallax.Article) error {
	if !c.header {
		c.header = true
		if err := c.w.Write(csvHeader); err != nil {
			return err
		}
	}
	e := Export(a)
	var outletID, outletName, country, state string
	if e.Outlet != nil {
		outletID, outletName, country, state = e.Outlet.ID, e.Outlet.Name, e.Outlet.Country, strconv.FormatBool(e.Outlet.StateAffiliated)
	}
	var repairs, signals []string
	for _, r := range e.Repairs {
		repairs = append(repairs, fmt.Sprintf("%s:%d", r.Kind, r.Count))
	}
	for _, s := range e.Signals {
		signals = append(signals, fmt.Sprintf("%s:%d", s.Kind, s.Count))
	}
	return c.w.Write([]string{e.ID, e.SourcePath, strconv.Itoa(e.SourceIndex), string(e.Format), e.ExternalID,
		outletID, outletName, country, state,
		e.URL, e.Title, e.Byline, strings.Join(e.Credits, "; "), e.Published, e.PublishedSource, e.PublishedPrecision,
		e.Language, e.Text, strings.Join(repairs, "; "), strings.Join(signals, "; "), e.Story})
}

// Flush writes any buffered data and reports a write error.
func (c *CSVWriter) Flush() error {
	c.w.Flush()
	return c.w.Error()
}
