// Package serve is Parallax's HTTP server: a JSON API over a store and its
// searcher, and server-rendered pages — stories, a story's comparison,
// articles with their repairs, search with facets, outlets.
//
// Every route is listed in one function, [Server.Handler], as a Go 1.22
// pattern. Handlers return an error; one adapter per kind (JSON or page)
// maps it to a status through one table (parallax.ErrNotFound → 404,
// ErrInvalid → 400, ErrUnsupported → 501, ErrTooLarge → 413) and logs the
// internal ones, which users see only as "internal error".
//
// The server is read-only unless it has a token: POST /api/ingest then
// takes a bearer token. Templates and static files are embedded (assets.go);
// charts are inline SVG drawn by the templates, so pages work offline and
// the build needs no JavaScript tool. [Server.HTTPServer] sets timeouts and
// header limits; request bodies are capped by [Server.MaxBodyBytes].
package serve
