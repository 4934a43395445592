// Package repair fixes the defects news text arrives with — wrong charsets,
// mojibake, look-alike letters, glued paragraphs, scraped-page junk,
// transcript markers — and records every change as a [parallax.Repair], so
// that nothing is repaired silently.
//
// Each repair is a [Fixer]: small, total (it cannot fail), and composable in
// a [Chain]. Anything that can fail, such as loading a table, fails in the
// Fixer's constructor instead. A Fixer only ever applies its own defined
// substitutions, and clean text passes through byte-identical.
package repair

import (
	"sort"

	"github.com/parallaxhq/parallax"
)

// MaxExamples is how many before → after examples a [Log] keeps per kind.
const MaxExamples = 5

// Fixer repairs one kind of defect in a text.
type Fixer interface {
	// Fix returns the repaired text and records each change in log.
	Fix(text string, log *Log) string
}

// Chain applies fixers in order.
type Chain []Fixer

// Fix applies each fixer of the chain to the result of the one before.
func (c Chain) Fix(text string, log *Log) string {
	for _, f := range c {
		text = f.Fix(text, log)
	}
	return text
}

// Log collects the repairs made to one text, by kind.
type Log struct {
	byKind map[string]*parallax.Repair
	order  []string
}

// Add records n changes of a kind, with one example (which may be empty).
func (l *Log) Add(kind string, n int, before, after string) {
	if n <= 0 {
		return
	}
	if l.byKind == nil {
		l.byKind = make(map[string]*parallax.Repair)
	}
	r, ok := l.byKind[kind]
	if !ok {
		r = &parallax.Repair{Kind: kind}
		l.byKind[kind] = r
		l.order = append(l.order, kind)
	}
	r.Count += n
	if (before != "" || after != "") && len(r.Examples) < MaxExamples {
		r.Examples = append(r.Examples, parallax.Example{Before: before, After: after})
	}
}

// Repairs returns the recorded repairs, in the order their kinds were first
// seen.
func (l *Log) Repairs() []parallax.Repair {
	out := make([]parallax.Repair, 0, len(l.order))
	for _, k := range l.order {
		out = append(out, *l.byKind[k])
	}
	return out
}

// Count returns how many changes of a kind were recorded.
func (l *Log) Count(kind string) int {
	if r, ok := l.byKind[kind]; ok {
		return r.Count
	}
	return 0
}

// Kinds returns the recorded kinds, sorted.
func (l *Log) Kinds() []string {
	ks := append([]string(nil), l.order...)
	sort.Strings(ks)
	return ks
}
