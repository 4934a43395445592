package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/internal/pgtest"
)

// TestSearchPostgres runs ingest, search and reindex against a PostgreSQL
// store: search runs on PostgreSQL's full text, caught up by the ingest.
func TestSearchPostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a PostgreSQL server")
	}
	dsn := pgtest.MustSchema(t, pgtest.MustDSN(t))
	dir := t.TempDir()
	texts := map[string]string{
		"a.txt": "Harbour bridge reopens\n\nThe harbour bridge reopened on Friday after months of repairs.\n",
		"b.txt": "Council debates tolls\n\nThe council debated tolls on the harbour bridge & more.\n",
		"c.txt": "Fleet returns\n\nThe fishing fleet came back with a record catch.\n",
	}
	for name, text := range texts {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, stderr := runCLI(t, "--db", dsn, "ingest", dir); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
	code, stdout, stderr := runCLI(t, "--db", dsn, "search", "harbour bridge", "--json")
	if code != 0 {
		t.Fatalf("search: exit %d: %s", code, stderr)
	}
	var res parallax.SearchResult
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatal(err)
	}
	if res.Total != 2 || len(res.Hits) != 2 || res.Hits[0].Title != "Harbour bridge reopens" {
		t.Errorf("search result = %+v", res)
	}
	if code, stdout, _ := runCLI(t, "--db", dsn, "search", `"harbour bridge"`); code != 0 || !strings.Contains(stdout, "«harbour» «bridge»") {
		t.Errorf("search for people: exit %d:\n%s", code, stdout)
	}
	if code, _, _ := runCLI(t, "--db", dsn, "search", `"harbour`); code != 2 {
		t.Errorf("malformed query: exit %d, want 2", code)
	}
	if code, stdout, stderr := runCLI(t, "--db", dsn, "reindex"); code != 0 || !strings.Contains(stdout, "indexed 3 articles") {
		t.Errorf("reindex: exit %d: %s%s", code, stdout, stderr)
	}
}
