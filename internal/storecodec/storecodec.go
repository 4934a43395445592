// Package storecodec turns articles into the values every SQL store keeps
// and back: the article as JSON (without its locations, which have a table
// of their own, and without its raw bytes), and the raw bytes compressed.
// Both stores use it, so an article reads back the same from either.
package storecodec

import (
	"bytes"
	"compress/flate"
	"encoding/json"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/parallaxhq/parallax"
)

// RawEncoding names how raw bytes are compressed.
const RawEncoding = "deflate"

// Row is an article ready for the database.
type Row struct {
	Doc      string // JSON, without the story and the grouping signals
	Grouping string // the grouping signals as JSON, "" for none
	OutletID string
	Ingested string // RFC 3339, UTC
	Raw      []byte // compressed with RawEncoding
}

var writers = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed)
	return w
}}

// Encode prepares an article for storing.
func Encode(a *parallax.Article) (Row, error) {
	c := *a
	c.Locations, c.Raw, c.StoryID, c.Signals = nil, nil, "", nil
	var grouping []parallax.Signal
	for _, s := range a.Signals {
		if parallax.GroupingSignals[s.Kind] {
			grouping = append(grouping, s)
		} else {
			c.Signals = append(c.Signals, s)
		}
	}
	if c.Ingested.IsZero() {
		c.Ingested = time.Now().UTC()
	}
	doc, err := json.Marshal(&c)
	if err != nil {
		return Row{}, fmt.Errorf("encode article: %w", err)
	}
	var buf bytes.Buffer
	w := writers.Get().(*flate.Writer)
	defer writers.Put(w)
	w.Reset(&buf)
	if _, err := w.Write(a.Raw); err != nil {
		return Row{}, fmt.Errorf("compress raw: %w", err)
	}
	if err := w.Close(); err != nil {
		return Row{}, fmt.Errorf("compress raw: %w", err)
	}
	g, err := EncodeGrouping(grouping)
	if err != nil {
		return Row{}, err
	}
	row := Row{Doc: string(doc), Grouping: g, Ingested: c.Ingested.UTC().Format(time.RFC3339Nano), Raw: buf.Bytes()}
	if a.Outlet != nil {
		row.OutletID = a.Outlet.ID
	}
	return row, nil
}

// Decode reads an article stored by Encode, with its story and grouping
// signals, which are kept apart.
func Decode(doc, storyID, grouping string) (*parallax.Article, error) {
	var a parallax.Article
	if err := json.Unmarshal([]byte(doc), &a); err != nil {
		return nil, fmt.Errorf("decode article: %w", err)
	}
	a.Locations = nil
	a.StoryID = storyID
	if grouping != "" {
		var g []parallax.Signal
		if err := json.Unmarshal([]byte(grouping), &g); err != nil {
			return nil, fmt.Errorf("decode article grouping: %w", err)
		}
		a.Signals = append(a.Signals, g...)
	}
	return &a, nil
}

// EncodeGrouping encodes grouping signals; none gives "".
func EncodeGrouping(signals []parallax.Signal) (string, error) {
	if len(signals) == 0 {
		return "", nil
	}
	b, err := json.Marshal(signals)
	if err != nil {
		return "", fmt.Errorf("encode grouping: %w", err)
	}
	return string(b), nil
}

// EncodeStory encodes a story for storing.
func EncodeStory(s *parallax.Story) (string, error) {
	b, err := json.Marshal(s)
	if err != nil {
		return "", fmt.Errorf("encode story %s: %w", s.ID, err)
	}
	return string(b), nil
}

// DecodeStory reads a story stored by EncodeStory.
func DecodeStory(doc string) (*parallax.Story, error) {
	var s parallax.Story
	if err := json.Unmarshal([]byte(doc), &s); err != nil {
		return nil, fmt.Errorf("decode story: %w", err)
	}
	return &s, nil
}

// Time formats a time for a text column: RFC 3339 in UTC, "" for zero.
func Time(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// DecodeRaw decompresses raw bytes stored by Encode.
func DecodeRaw(encoding string, data []byte) ([]byte, error) {
	switch encoding {
	case RawEncoding:
		r := flate.NewReader(bytes.NewReader(data))
		defer r.Close()
		return io.ReadAll(r)
	case "identity":
		return data, nil
	}
	return nil, fmt.Errorf("unknown raw encoding %q", encoding)
}
