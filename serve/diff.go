package serve

import (
	"hash/maphash"
	"slices"
	"strings"
	"unicode"

	"github.com/parallaxhq/parallax"
)

// Bounds of the word diff between an article as received and as repaired:
// past them the article page shows both texts without marks.
const (
	maxDiffWords = 200000
	maxDiffEdits = 5000
)

// segment is a run of words of one paragraph, changed by a repair or not.
type segment struct {
	Text    string
	Changed bool   // the words differ from what was received
	Removed bool   // a mark where received words were taken out
	Was     string // what was received in their place
}

// rawToken is a word of the text as received with the white space before it.
type rawToken struct {
	Space, Word string
	Removed     bool // not in the repaired text
}

// textDiff is the article page's view of the repairs: the repaired
// paragraphs with every changed word marked, and the received text with
// every word the repairs took out or changed marked.
type textDiff struct {
	// Markup is set when the text is shown unmarked because the bytes as
	// received are markup (SGML, JSON, HTML) or nothing was repaired: a word
	// diff against them would mark the markup, not the repairs.
	Markup     bool
	Paragraphs [][]segment
	Raw        []rawToken
	Changes    int  // groups of changed words
	TooLarge   bool // no diff was computed
}

// diffArticle compares the received bytes with the repaired paragraphs
// word by word (white space aside) with Myers' algorithm, so every repair
// shows, whatever kind made it: a disguised letter, a decoded character,
// a split paragraph, a removed line.
func diffArticle(raw []byte, paras []parallax.Paragraph, mark bool) textDiff {
	var d textDiff
	d.Raw = rawTokens(strings.ToValidUTF8(string(raw), "\uFFFD"))
	type word struct {
		text string
		para int
	}
	var words []word
	for i, p := range paras {
		for _, w := range strings.Fields(p.Text) {
			words = append(words, word{w, i})
		}
	}
	d.Paragraphs = make([][]segment, len(paras))
	plain := func() textDiff {
		d.TooLarge = true
		for i, p := range paras {
			d.Paragraphs[i] = []segment{{Text: p.Text}}
		}
		return d
	}
	if !mark {
		plain()
		d.TooLarge, d.Markup = false, true
		return d
	}
	if len(words)+len(d.Raw) > maxDiffWords {
		return plain()
	}
	seed := maphash.MakeSeed()
	a := make([]uint64, len(d.Raw))
	for i, t := range d.Raw {
		a[i] = maphash.String(seed, t.Word)
	}
	b := make([]uint64, len(words))
	for i, w := range words {
		b[i] = maphash.String(seed, w.text)
	}
	keptA, keptB, ok := lcs(a, b, maxDiffEdits)
	if !ok {
		return plain()
	}
	// walk both in step: between two kept words, the received words not
	// kept were replaced by the repaired words not kept
	add := func(p int, s segment) {
		segs := d.Paragraphs[p]
		if n := len(segs); n > 0 && segs[n-1].Changed == s.Changed && !s.Removed && !segs[n-1].Removed && segs[n-1].Was == s.Was {
			segs[n-1].Text += " " + s.Text
			return
		}
		if !s.Removed && slices.ContainsFunc(segs, func(x segment) bool { return x.Text != "" }) {
			s.Text = " " + s.Text
		}
		d.Paragraphs[p] = append(segs, s)
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		if i < len(a) && j < len(b) && keptA[i] && keptB[j] {
			add(words[j].para, segment{Text: words[j].text})
			i, j = i+1, j+1
			continue
		}
		var was []string
		for i < len(a) && !keptA[i] {
			d.Raw[i].Removed = true
			was = append(was, d.Raw[i].Word)
			i++
		}
		start := j
		for j < len(b) && !keptB[j] {
			j++
		}
		d.Changes++
		w := strings.Join(was, " ")
		if start == j { // only removed: mark the place
			p := 0
			if j < len(b) {
				p = words[j].para
			} else if j > 0 {
				p = words[j-1].para
			}
			if len(paras) > 0 {
				add(p, segment{Removed: true, Was: w})
			}
			continue
		}
		for k := start; k < j; k++ {
			add(words[k].para, segment{Text: words[k].text, Changed: true, Was: w})
		}
	}
	return d
}

// rawTokens splits a text into words, each with the white space before it.
func rawTokens(s string) []rawToken {
	var out []rawToken
	for len(s) > 0 {
		i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsSpace(r) })
		if i < 0 {
			out = append(out, rawToken{Space: s})
			break
		}
		j := i + strings.IndexFunc(s[i:], unicode.IsSpace)
		if j < i {
			j = len(s)
		}
		out = append(out, rawToken{Space: s[:i], Word: s[i:j]})
		s = s[j:]
	}
	if n := len(out); n > 0 && out[n-1].Word == "" {
		// trailing white space: keep it on a token of no word, which the
		// diff never sees
		out = out[:n-1]
	}
	return out
}

// lcs marks the elements of a and b in one longest common subsequence,
// by Myers' O((N+M)D) algorithm; ok is false past maxD edits.
func lcs(a, b []uint64, maxD int) (keptA, keptB []bool, ok bool) {
	n, m := len(a), len(b)
	keptA, keptB = make([]bool, n), make([]bool, m)
	off := n + m + 1
	v := make([]int, 2*off+1)
	var trace [][]int // trace[d][k+d] is the furthest x on diagonal k after d edits
	for d := 0; d <= n+m; d++ {
		if d > maxD {
			return keptA, keptB, false
		}
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1]
			} else {
				x = v[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[off+k] = x
			if x >= n && y >= m {
				trace = append(trace, append([]int(nil), v[off-d:off+d+1]...))
				backtrack(trace, a, b, keptA, keptB)
				return keptA, keptB, true
			}
		}
		trace = append(trace, append([]int(nil), v[off-d:off+d+1]...))
	}
	return keptA, keptB, true
}

func backtrack(trace [][]int, a, b []uint64, keptA, keptB []bool) {
	x, y := len(a), len(b)
	for d := len(trace) - 1; d > 0; d-- {
		prev := trace[d-1] // diagonals -(d-1) … d-1
		at := func(k int) int { return prev[k+d-1] }
		k := x - y
		var pk int
		if k == -d || (k != d && at(k-1) < at(k+1)) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := at(pk)
		py := px - pk
		sx, sy := px, py+1 // after the edit: a word of b inserted
		if pk == k-1 {
			sx, sy = px+1, py // a word of a deleted
		}
		for x > sx && y > sy {
			x, y = x-1, y-1
			keptA[x], keptB[y] = true, true
		}
		x, y = px, py
	}
	for x > 0 && y > 0 {
		x, y = x-1, y-1
		keptA[x], keptB[y] = true, true
	}
}
