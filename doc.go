// Package parallax is the domain of Parallax: articles read from many outlets,
// the repairs made to their text, where each fact about them came from, and the
// stores that keep them.
//
// A pile of reports flows through stages, each a package with one job:
// read (one Reader per input format) → repair (text fixes, each recorded as a
// [Repair]) → describe (date, outlet, title, byline) → store (a [Store]:
// SQLite by default, PostgreSQL to scale out) → group → compare → present.
// The root package holds only the types those stages share and the sentinel
// errors; it imports nothing but the standard library.
package parallax
