package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/sqlite"
)

// writeCorpus writes files TREC files of per records each, every record
// with a distinct DOCNO, and returns their folder.
func writeCorpus(t *testing.T, files, per int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "corpus")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	para := strings.Repeat("The council met again on Tuesday and the vote was close, officials said. ", 8)
	for f := range files {
		var b strings.Builder
		for r := range per {
			fmt.Fprintf(&b, "<DOC>\n<DOCNO> K%03d-%04d </DOCNO>\n<DATE>May %d, 2024</DATE>\n<HEADLINE><P>Vote %d in file %d</P></HEADLINE>\n<TEXT>\n<P>%s</P>\n<P>%s</P>\n</TEXT>\n</DOC>\n", f, r, r%28+1, r, f, para, para)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%03d.sgm", f)), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// countArticles reads how many articles a store holds, from another process's
// point of view; errors count as zero (the store may not exist yet).
func countArticles(path string) int {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(1000)")
	if err != nil {
		return 0
	}
	defer db.Close()
	var n int
	if db.QueryRow(`SELECT count(*) FROM articles`).Scan(&n) != nil {
		return 0
	}
	return n
}

// TestKillNine kills ingest processes with SIGKILL at several moments; the
// store must stay consistent, and one more run must complete the job with
// nothing lost or doubled.
func TestKillNine(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	const files, per = 12, 500
	corpus := writeCorpus(t, files, per)
	db := filepath.Join(t.TempDir(), "k.db")
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	ingestCmd := func() *exec.Cmd {
		// testscript.Main makes the test binary run main() when started
		// under the name of a registered command.
		cmd := exec.Command(self, "--db", db, "ingest", corpus)
		cmd.Args[0] = "parallax"
		return cmd
	}
	for _, killAt := range []int{0, 1500, 4000} {
		cmd := ingestCmd()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(60 * time.Second)
		for countArticles(db) < killAt+1 && time.Now().Before(deadline) {
			if killAt == 0 {
				time.Sleep(30 * time.Millisecond) // before anything is stored
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()
		n := countArticles(db)
		t.Logf("killed at ≥%d: store holds %d articles", killAt, n)
		checkConsistent(t, db)
	}
	out, err := ingestCmd().CombinedOutput()
	if err != nil {
		t.Fatalf("final ingest: %v\n%s", err, out)
	}
	checkConsistent(t, db)
	if n := countArticles(db); n != files*per {
		t.Fatalf("after the final run the store holds %d articles, want %d", n, files*per)
	}
	s, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	seen := map[string]int{}
	for a, err := range s.Articles(context.Background(), parallax.ArticleFilter{}) {
		if err != nil {
			t.Fatal(err)
		}
		seen[a.ExternalID]++
		if len(a.Locations) != 1 {
			t.Errorf("article %s has %d locations, want 1", a.ExternalID, len(a.Locations))
		}
	}
	for f := range files {
		for r := range per {
			if id := fmt.Sprintf("K%03d-%04d", f, r); seen[id] != 1 {
				t.Errorf("%s stored %d times, want once", id, seen[id])
			}
		}
	}
}

// checkConsistent runs SQLite's integrity check and checks that every
// article has its raw bytes and at least one location.
func checkConsistent(t *testing.T, path string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		return // killed before the store was made
	}
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var result string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&result); err != nil || result != "ok" {
		t.Fatalf("integrity check: %q, %v", result, err)
	}
	var tables int
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 'articles'`).Scan(&tables); err != nil {
		t.Fatal(err)
	}
	if tables == 0 {
		return // killed before the schema was made; the next run makes it
	}
	var orphans int
	if err := db.QueryRow(`SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM raws r WHERE r.article_id = a.id)
		OR NOT EXISTS (SELECT 1 FROM locations l WHERE l.article_id = a.id)`).Scan(&orphans); err != nil {
		t.Fatal(err)
	}
	if orphans != 0 {
		t.Fatalf("%d articles lack raw bytes or a location", orphans)
	}
}
