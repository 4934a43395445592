package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/internal/pgtest"
	"github.com/parallaxhq/parallax/pipeline"
	"github.com/parallaxhq/parallax/postgres"
)

// TestPostgres runs ingest processes against one PostgreSQL server.
func TestPostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a PostgreSQL server and processes")
	}
	dsn := pgtest.MustDSN(t)
	t.Run("FourWriters", func(t *testing.T) { testFourWriters(t, pgtest.MustSchema(t, dsn)) })
	t.Run("KillNine", func(t *testing.T) { testKillNinePostgres(t, pgtest.MustSchema(t, dsn)) })
}

// parallaxCmd returns a command running this binary as parallax.
func parallaxCmd(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// testscript.Main makes the test binary run main() when started under
	// the name of a registered command.
	cmd := exec.Command(self, args...)
	cmd.Args[0] = "parallax"
	return cmd
}

// testFourWriters runs four `parallax ingest` processes at once on
// overlapping inputs: all of them read every file of one folder, each in
// another order, and each also reads copies of three of the files under
// another name. Every article must be stored once, seen new by exactly one
// process, with every location it was read from.
func testFourWriters(t *testing.T, dsn string) {
	const files, per, writers = 8, 150, 4
	corpus := writeCorpus(t, files, per)
	want := map[string][]string{} // DOCNO -> locations as "folder/file#index"
	for f := range files {
		for r := range per {
			want[fmt.Sprintf("K%03d-%04d", f, r)] = []string{fmt.Sprintf("corpus/f%03d.sgm#%d", f, r)}
		}
	}
	var cmds []*exec.Cmd
	var outs []*os.File
	for w := range writers {
		copies := filepath.Join(filepath.Dir(corpus), fmt.Sprintf("copy%d", w))
		if err := os.Mkdir(copies, 0o755); err != nil {
			t.Fatal(err)
		}
		for c := range 3 {
			f := (2*w + c) % files
			name := fmt.Sprintf("f%03d.sgm", f)
			b, err := os.ReadFile(filepath.Join(corpus, name))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(copies, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
			for r := range per {
				id := fmt.Sprintf("K%03d-%04d", f, r)
				want[id] = append(want[id], fmt.Sprintf("copy%d/%s#%d", w, name, r))
			}
		}
		var paths []string
		for i := range files {
			paths = append(paths, filepath.Join(corpus, fmt.Sprintf("f%03d.sgm", (i+2*w)%files)))
		}
		if w%2 == 0 {
			paths = append(paths, copies)
		} else {
			paths = append([]string{copies}, paths...)
		}
		cmd := parallaxCmd(t, append([]string{"--db", dsn, "ingest", "--json"}, paths...)...)
		out, err := os.Create(filepath.Join(t.TempDir(), "out.json"))
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stdout, cmd.Stderr = out, os.Stderr
		cmds, outs = append(cmds, cmd), append(outs, out)
	}
	for _, cmd := range cmds {
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
	}
	newTotal := 0
	for w, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("writer %d: %v", w, err)
		}
		b, err := os.ReadFile(outs[w].Name())
		if err != nil {
			t.Fatal(err)
		}
		var summary struct{ Total pipeline.Counts }
		if err := json.Unmarshal(b, &summary); err != nil {
			t.Fatalf("writer %d summary: %v\n%s", w, err, b)
		}
		if summary.Total.Read != (files+3)*per || summary.Total.Failed != 0 {
			t.Errorf("writer %d: %+v, want %d read and none failed", w, summary.Total, (files+3)*per)
		}
		t.Logf("writer %d: %+v", w, summary.Total)
		newTotal += summary.Total.New
	}
	if newTotal != files*per {
		t.Errorf("the writers saw %d articles new in all, want each of the %d once", newTotal, files*per)
	}
	checkConsistentPostgres(t, dsn)

	s, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got := map[string][]string{}
	for a, err := range s.Articles(context.Background(), parallax.ArticleFilter{}) {
		if err != nil {
			t.Fatal(err)
		}
		if _, dup := got[a.ExternalID]; dup {
			t.Errorf("%s stored twice", a.ExternalID)
		}
		locs := []string{}
		for _, l := range a.Locations {
			locs = append(locs, fmt.Sprintf("%s/%s#%d", filepath.Base(filepath.Dir(l.Path)), filepath.Base(l.Path), l.Index))
		}
		got[a.ExternalID] = locs
	}
	for _, locs := range want {
		sort.Strings(locs)
	}
	for _, locs := range got {
		sort.Strings(locs)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("articles and their locations (-want +got):\n%s", diff)
	}
}

// testKillNinePostgres kills an ingest with SIGKILL while it writes; the
// store must hold whole batches only, and one more run completes the job.
func testKillNinePostgres(t *testing.T, dsn string) {
	const files, per = 6, 500
	corpus := writeCorpus(t, files, per)
	cmd := parallaxCmd(t, "--db", dsn, "ingest", corpus)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(60 * time.Second); countPostgres(dsn) < 1000 && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	t.Logf("killed: the store holds %d articles", countPostgres(dsn))
	checkConsistentPostgres(t, dsn)
	if out, err := parallaxCmd(t, "--db", dsn, "ingest", corpus).CombinedOutput(); err != nil {
		t.Fatalf("final ingest: %v\n%s", err, out)
	}
	checkConsistentPostgres(t, dsn)
	if n := countPostgres(dsn); n != files*per {
		t.Fatalf("after the final run the store holds %d articles, want %d", n, files*per)
	}
}

// countPostgres counts the articles stored; errors (no schema yet) count as zero.
func countPostgres(dsn string) int {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return 0
	}
	defer conn.Close(ctx)
	var n int
	if conn.QueryRow(ctx, `SELECT count(*) FROM articles`).Scan(&n) != nil {
		return 0
	}
	return n
}

// checkConsistentPostgres checks that every article has its raw bytes and
// at least one location, and that no article is stored twice under one
// external id.
func checkConsistentPostgres(t *testing.T, dsn string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var orphans, doubled int
	if err := conn.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM raws r WHERE r.article_id = a.id)
			OR NOT EXISTS (SELECT 1 FROM locations l WHERE l.article_id = a.id)),
		(SELECT count(*) - count(DISTINCT external_id) FROM articles)`).Scan(&orphans, &doubled); err != nil {
		t.Fatal(err)
	}
	if orphans != 0 || doubled != 0 {
		t.Fatalf("%d articles lack raw bytes or a location; %d external ids stored more than once", orphans, doubled)
	}
}
