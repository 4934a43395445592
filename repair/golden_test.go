package repair

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"
)

var goldenUpdate = flag.Bool("update", false, "rewrite the want and repairs sections of testdata/*.txtar")

// runGolden runs fix over every testdata/<prefix>-*.txtar file. Each file
// has an "in" section, the text to repair, and a "want" section, the
// repaired text; an optional "repairs" section lists the log as "kind count"
// lines, sorted by kind. With -update, the want and repairs sections are
// rewritten from what fix returns.
func runGolden(t *testing.T, prefix string, fix func(string, *Log) string) {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", prefix+"-*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatalf("no testdata/%s-*.txtar files", prefix)
	}
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".txtar")
		t.Run(name, func(t *testing.T) {
			a, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			in, ok := goldenSection(a, "in")
			if !ok {
				t.Fatalf("%s: no -- in -- section", path)
			}
			var log Log
			got := fix(in, &log)
			gotRepairs := goldenRepairs(&log)
			if *goldenUpdate {
				goldenSet(a, "want", got)
				goldenSet(a, "repairs", gotRepairs)
				if err := os.WriteFile(path, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, ok := goldenSection(a, "want")
			if !ok {
				t.Fatalf("%s: no -- want -- section (run with -update to write it)", path)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s: text mismatch (-want +got):\n%s", path, diff)
			}
			if wantRepairs, ok := goldenSection(a, "repairs"); ok {
				if diff := cmp.Diff(wantRepairs, gotRepairs); diff != "" {
					t.Errorf("%s: repairs mismatch (-want +got):\n%s", path, diff)
				}
			}
		})
	}
}

func goldenSection(a *txtar.Archive, name string) (string, bool) {
	for _, f := range a.Files {
		if f.Name == name {
			return string(f.Data), true
		}
	}
	return "", false
}

func goldenSet(a *txtar.Archive, name, data string) {
	for i, f := range a.Files {
		if f.Name == name {
			a.Files[i].Data = []byte(data)
			return
		}
	}
	a.Files = append(a.Files, txtar.File{Name: name, Data: []byte(data)})
}

// goldenRepairs renders a log as "kind count" lines sorted by kind.
func goldenRepairs(log *Log) string {
	var b strings.Builder
	for _, k := range log.Kinds() {
		fmt.Fprintf(&b, "%s %d\n", k, log.Count(k))
	}
	return b.String()
}
