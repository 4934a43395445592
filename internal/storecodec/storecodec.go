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
	Doc      string // JSON
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
	c.Locations, c.Raw = nil, nil
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
	row := Row{Doc: string(doc), Ingested: c.Ingested.UTC().Format(time.RFC3339Nano), Raw: buf.Bytes()}
	if a.Outlet != nil {
		row.OutletID = a.Outlet.ID
	}
	return row, nil
}

// Decode reads an article stored by Encode.
func Decode(doc string) (*parallax.Article, error) {
	var a parallax.Article
	if err := json.Unmarshal([]byte(doc), &a); err != nil {
		return nil, fmt.Errorf("decode article: %w", err)
	}
	a.Locations = nil
	return &a, nil
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
