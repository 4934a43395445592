package eval_test

import (
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/eval"
	"github.com/parallaxhq/parallax/internal/shared"
)

func TestMojibake(t *testing.T) {
	dir := shared.Path(t, "eval-data", "mojibake")
	var out strings.Builder
	res, err := eval.Mojibake(dir, &out)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + out.String())
	if len(res.Files) == 0 {
		t.Fatal("no files evaluated")
	}
	// Regression guard: ftfy's known failures we already repair.
	if res.Total.KnownFixed < 5 {
		t.Errorf("known failures fixed = %d, want at least 5", res.Total.KnownFixed)
	}
	for _, f := range res.Files {
		if len(f.Failed) > 0 {
			t.Errorf("%s: %d of %d expect-pass cases fail: %q", f.Name, len(f.Failed), f.ExpectPass, f.Failed)
		}
	}
}
