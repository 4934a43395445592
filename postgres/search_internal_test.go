package postgres

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/search"
)

func TestTokenText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "harbour bridge", "harbour bridge"},
		{"slash", "gold/silver 1986/87", "gold silver 1986 87"},
		{"number commas", "1,250,000 dlrs, 3.5 pct", "1250000 dlrs, 3.5 pct"},
		{"comma after a word", "grain, 12", "grain, 12"},
		{"comma at the ends", ",1,", ",1,"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tokenText(tc.in); got != tc.want {
				t.Errorf("tokenText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestIndexedText(t *testing.T) {
	a := &parallax.Article{Title: "Deal \x02 struck", Paragraphs: []parallax.Paragraph{{Text: "<Acme Corp> buys\x1fit."}}}
	want := "Deal   struck\n\n" + lt + "Acme Corp" + gt + " buys it."
	if got := indexedText(a); got != want {
		t.Errorf("indexedText = %q, want %q", got, want)
	}
	long := &parallax.Article{Title: strings.Repeat("é", maxIndexedText)}
	if got := indexedText(long); len(got) > maxIndexedText || !strings.HasSuffix(got, "é") {
		t.Errorf("indexedText of a long text: %d bytes, ends %q", len(got), got[len(got)-4:])
	}
}

func TestSnippets(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"marks", "the \x02harbour\x03 bridge", []string{"the <mark>harbour</mark> bridge"}},
		{"escaped", "a & b \x02c\x03 " + lt + "Acme" + gt, []string{"a &amp; b <mark>c</mark> &lt;Acme&gt;"}},
		{"fragments, unmarked left out", "one \x02x\x03\x1f two\x1fthree \x02y\x03", []string{"one <mark>x</mark>", "three <mark>y</mark>"}},
		{"none", "no match here", []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, snippets(tc.in)); diff != "" {
				t.Errorf("snippets (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPositions(t *testing.T) {
	st := &stats{lex: map[string]int{}}
	st.index("bridg", 1)
	st.index("o'neil", 1)
	st.index(`a\b`, 1)
	st.index("gone", 1)
	vec := `'bridg':1A,5A,9A 'o''neil':3A 'a\\b':7A 'other':2A`
	want := [][]int{{1, 5, 9}, {3}, {7}, nil}
	if diff := cmp.Diff(want, st.positions(&vec)); diff != "" {
		t.Errorf("positions (-want +got):\n%s", diff)
	}
	if got := st.positions(nil); len(got) != 4 {
		t.Errorf("positions(nil) = %v", got)
	}
}

// analysedTree translates a query as Search does, with analysis done by
// splitting words (no stemming, "the" a stop word).
func analysedTree(t *testing.T, q string) *qnode {
	t.Helper()
	parsed, err := search.ParseQuery(q)
	if err != nil {
		t.Fatal(err)
	}
	root, err := translate(parsed)
	if err != nil {
		t.Fatal(err)
	}
	root.walk(func(n *qnode) {
		switch n.op {
		case opMatch:
			var words []string
			var pos []int
			for i, w := range strings.Fields(strings.ToLower(strings.ReplaceAll(n.text, "-", " "))) {
				if w != "the" {
					words, pos = append(words, w), append(pos, i+1)
				}
			}
			n.analysed(words, pos)
		case opExpand:
			n.op, n.min = opOr, 1
			for _, l := range []string{n.text + "a", n.text + "b"} {
				n.kids = append(n.kids, &qnode{op: opTerm, lex: []string{l}, boost: n.boost})
			}
		}
	})
	return root.normalize()
}

func TestTranslate(t *testing.T) {
	tests := []struct {
		q, where string
		scored   bool
	}{
		{"harbour bridge", "d.tsv @@ $1::tsquery", true},
		{"harbour", "d.tsv @@ $1::tsquery", true},
		{"", "TRUE", false},
		{"NOT harbour", "(TRUE AND d.seq NOT IN (SELECT seq FROM search_docs WHERE tsv @@ $1::tsquery))", false},
		{"country:GB harbour", "(d.country = 'GB' AND d.tsv @@ $1::tsquery)", true},
		{"outlet:tide* OR harbour", "(d.outlet_id LIKE 'tide%' OR d.tsv @@ $1::tsquery)", true},
		{"title:x", "FALSE", false},
		{"entity:o'brien", "d.entities @> ARRAY['o''brien']", false},
	}
	for _, tc := range tests {
		t.Run(tc.q, func(t *testing.T) {
			root := analysedTree(t, tc.q)
			b := &sqlBuilder{}
			if got := b.cond(root); got != tc.where {
				t.Errorf("cond = %q, want %q", got, tc.where)
			}
			if got := root.scored(); got != tc.scored {
				t.Errorf("scored = %t, want %t", got, tc.scored)
			}
		})
	}
}

func TestTsquery(t *testing.T) {
	tests := []struct{ q, want string }{
		{"harbour bridge", "('harbour' & 'bridge')"},
		{"harbour OR bridge", "('harbour' | 'bridge')"},
		{"harbour NOT bridge", "('harbour' & !'bridge')"},
		{"+harbour -bridge -toll", "('harbour' & !('bridge' | 'toll'))"},
		{`"harbour of the bridge"`, "('harbour' <-> 'of' <2> 'bridge')"},
		{"north-east", "('north' & 'east')"},
		{"o'neil", `'o''neil'`},
		{"engin*", "('engina' | 'enginb')"},
		{"a b OR c", "(('a' & 'b') | 'c')"},
	}
	for _, tc := range tests {
		t.Run(tc.q, func(t *testing.T) {
			root := analysedTree(t, tc.q)
			if !root.textOnly() {
				t.Fatalf("not text only: %+v", root)
			}
			if got := root.tsquery(); got != tc.want {
				t.Errorf("tsquery = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestEval(t *testing.T) {
	st := &stats{lex: map[string]int{}, docs: 100, avgLen: 10}
	st.index("harbour", 10)
	st.index("bridge", 50)
	doc := func(harbour, bridge []int, length float64) *candidate {
		return &candidate{pos: [][]int{harbour, bridge}, length: length}
	}
	tests := []struct {
		name  string
		q     string
		c     *candidate
		match bool
		score float64
	}{
		{"term", "harbour", doc([]int{1}, nil, 10), true, termScore(1, 10, 10, st.idf(0))},
		{"AND, one missing", "harbour bridge", doc([]int{1}, nil, 10), false, 0},
		{"AND sums", "harbour bridge", doc([]int{1}, []int{4}, 10), true, termScore(1, 10, 10, st.idf(0)) + termScore(1, 10, 10, st.idf(1))},
		{"OR coord", "harbour OR bridge", doc([]int{1}, nil, 10), true, termScore(1, 10, 10, st.idf(0)) / 2},
		{"phrase at its offsets", `"harbour bridge"`, doc([]int{3, 7}, []int{8}, 10), true, termScore(2, 10, 10, st.idf(0)) + termScore(1, 10, 10, st.idf(1))},
		{"phrase apart", `"harbour bridge"`, doc([]int{3}, []int{5}, 10), false, 0},
		{"NOT", "harbour NOT bridge", doc([]int{1}, []int{2}, 10), false, 0},
		{"boost", "harbour^2", doc([]int{1}, nil, 10), true, 2 * termScore(1, 10, 10, st.idf(0))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			score, ok := analysedTree(t, tc.q).eval(tc.c, st)
			if ok != tc.match || math.Abs(score-tc.score) > 1e-12 {
				t.Errorf("eval = %v, %t; want %v, %t", score, ok, tc.score, tc.match)
			}
		})
	}
	if a, b := termScore(4, 10, 10, 1), termScore(1, 10, 10, 1); a <= b {
		t.Errorf("a term said more often scores lower: %v <= %v", a, b)
	}
	if a, b := termScore(1, 5, 10, 1), termScore(1, 20, 10, 1); a <= b {
		t.Errorf("a shorter text scores lower: %v <= %v", a, b)
	}
}

// FuzzTranslate checks that any query either fails with ErrInvalid or
// becomes a tree that makes a condition and scores without panicking.
func FuzzTranslate(f *testing.F) {
	for _, s := range []string{"", "a AND b", `"x y" OR z*`, "NOT NOT a", "+a -b c:d", "a^2 b~1", "/re.*/", "x:>5",
		`date:>"2024-01-01"`, "state:true", "outlet:a?c", "the", "a OR the", "NOT the"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		parsed, err := search.ParseQuery(s)
		if err != nil {
			return
		}
		root, err := translate(parsed)
		if err != nil {
			if !errors.Is(err, parallax.ErrInvalid) {
				t.Fatalf("translate(%q): %v does not wrap ErrInvalid", s, err)
			}
			return
		}
		root.walk(func(n *qnode) {
			if n.op == opMatch {
				words := strings.Fields(n.text)
				pos := make([]int, len(words))
				for i := range pos {
					pos[i] = i + 1
				}
				n.analysed(words, pos)
			}
			if n.op == opExpand {
				n.op, n.min = opOr, 1
			}
		})
		root = root.normalize()
		if root.op == opEmpty {
			return
		}
		st := &stats{lex: map[string]int{}, docs: 1, avgLen: 1}
		root.walk(func(n *qnode) {
			for _, l := range n.lex {
				st.index(l, 1)
			}
		})
		(&sqlBuilder{}).cond(root)
		root.highlight()
		root.eval(&candidate{pos: make([][]int, len(st.df))}, st)
	})
}
