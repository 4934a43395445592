package serve

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/compare"
)

// Defaults of a Server.
const (
	DefaultMaxBodyBytes     = 32 << 20 // one POST /api/ingest body
	DefaultBackgroundSample = 1000     // stored articles in the comparison's background model
	comparisonCacheSize     = 64
)

// IngestFunc stores the documents of one request body (any format
// Parallax reads) and returns a summary to send back as JSON.
type IngestFunc func(ctx context.Context, body io.Reader) (any, error)

// Server serves the API and the pages of one store. Set its fields, then
// call Handler.
type Server struct {
	Store parallax.Store
	// Searcher answers /api/search, the search page and the outlets page;
	// nil makes them answer 501.
	Searcher parallax.Searcher
	// Token, when set with Ingest, lets POST /api/ingest run for requests
	// that carry "Authorization: Bearer <Token>". Empty: read-only.
	Token  string
	Ingest IngestFunc
	// MaxBodyBytes caps a request body; 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// BackgroundSample bounds the stored articles a comparison's
	// background term model is built from; 0 means DefaultBackgroundSample.
	BackgroundSample int
	// Logger logs internal errors; nil means slog.Default().
	Logger *slog.Logger

	once      sync.Once
	pages     *template.Template
	mu        sync.Mutex
	compCache map[string]*compare.Comparison // by story id and its articles
	compOrder []string
}

// HTTPServer returns an http.Server for addr with the handler, timeouts
// and header limits set.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
}

// Handler returns the server's routes: every route of the API and the
// pages, in one list.
func (s *Server) Handler() http.Handler {
	s.once.Do(s.init)
	mux := http.NewServeMux()
	api := func(pattern string, h handler) { mux.Handle(pattern, s.api(h)) }
	page := func(pattern string, h handler) { mux.Handle(pattern, s.page(h)) }

	api("GET /healthz", s.health)
	api("GET /api/stories", s.apiStories)
	api("GET /api/stories/{id}", s.apiStory)
	api("GET /api/stories/{id}/compare", s.apiCompare)
	api("GET /api/articles/{id}", s.apiArticle)
	api("GET /api/articles/{id}/raw", s.apiRaw)
	api("GET /api/search", s.apiSearch)
	api("GET /api/entities", s.apiEntities)
	api("GET /api/quotes", s.apiQuotes)
	api("GET /api/outlets", s.apiOutlets)
	api("POST /api/ingest", s.apiIngest)
	api("/api/", notFound("API route"))

	page("GET /{$}", s.storiesPage)
	page("GET /stories/{id}", s.storyPage)
	page("GET /stories/{id}/report.html", s.reportPage)
	page("GET /articles/{id}", s.articlePage)
	page("GET /search", s.searchPage)
	page("GET /outlets", s.outletsPage)
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(staticFS)))
	page("/", notFound("page"))
	return secure(mux)
}

// notFound answers what no route matches: 405 for a method other than
// GET (every route but POST /api/ingest is GET), else 404.
func notFound(what string) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			return fmt.Errorf("%w: method %s", errMethod, r.Method)
		}
		return fmt.Errorf("%w: no such %s", parallax.ErrNotFound, what)
	}
}

func (s *Server) init() {
	s.pages = template.Must(template.New("").Funcs(funcs).ParseFS(templateFS, "*.html"))
	s.compCache = map[string]*compare.Comparison{}
}

func (s *Server) logger() *slog.Logger {
	if s.Logger != nil {
		return s.Logger
	}
	return slog.Default()
}

// secure sets the headers every response carries: no framing, no
// sniffing, no referrer, and a content policy allowing only this origin
// (inline styles for the SVG charts' widths).
func secure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'")
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "no-referrer")
		h.ServeHTTP(w, r)
	})
}

// handler is a route's handler: it writes a response, or returns an
// error for its adapter to write.
type handler func(w http.ResponseWriter, r *http.Request) error

// Errors of the HTTP edge, beside the parallax kinds.
var (
	errUnauthorized = errors.New("unauthorized")
	errForbidden    = errors.New("forbidden")
	errMethod       = errors.New("method not allowed")
)

// statuses maps error kinds to HTTP statuses: the one table.
var statuses = []struct {
	err    error
	status int
}{
	{parallax.ErrNotFound, http.StatusNotFound},
	{parallax.ErrInvalid, http.StatusBadRequest},
	{parallax.ErrUnsupported, http.StatusNotImplemented},
	{parallax.ErrTooLarge, http.StatusRequestEntityTooLarge},
	{errUnauthorized, http.StatusUnauthorized},
	{errForbidden, http.StatusForbidden},
	{errMethod, http.StatusMethodNotAllowed},
}

// status returns the status for err and the message users may see:
// internal errors get a generic one.
func status(err error) (int, string) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return http.StatusRequestEntityTooLarge, fmt.Sprintf("request body larger than %d bytes", mbe.Limit)
	}
	for _, s := range statuses {
		if errors.Is(err, s.err) {
			return s.status, err.Error()
		}
	}
	return http.StatusInternalServerError, "internal error"
}

// apiError is the JSON body of every API error.
type apiError struct {
	Error  string `json:"error"`
	Status int    `json:"status"`
}

func (s *Server) api(h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			code, msg := status(err)
			if code == http.StatusInternalServerError {
				s.logger().Error("api", "method", r.Method, "path", r.URL.Path, "err", err)
			}
			writeJSON(w, code, apiError{Error: msg, Status: code})
		}
	})
}

func (s *Server) page(h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			code, msg := status(err)
			if code == http.StatusInternalServerError {
				s.logger().Error("page", "method", r.Method, "path", r.URL.Path, "err", err)
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(code)
			s.pages.ExecuteTemplate(w, "error.html", map[string]any{"Title": http.StatusText(code), "Nav": "", "Status": code, "Message": msg})
		}
	})
}

// cappedBody notes whether a request body went past its cap, whatever
// its reader did with the error.
type cappedBody struct {
	r    io.Reader
	over bool
}

func (c *cappedBody) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		c.over = true
	}
	return n, err
}

// writeJSON writes v as indented JSON with a status.
func writeJSON(w http.ResponseWriter, code int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// render runs a page template into a buffer first, so a template error
// becomes a 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, name string, data any) error {
	var b strings.Builder
	if err := s.pages.ExecuteTemplate(&b, name, data); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, err := io.WriteString(w, b.String())
	return err
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "search": s.Searcher != nil, "ingest": s.ingestEnabled()})
}

func (s *Server) ingestEnabled() bool { return s.Token != "" && s.Ingest != nil }

// apiIngest stores the request body's documents. It needs a token.
func (s *Server) apiIngest(w http.ResponseWriter, r *http.Request) error {
	if !s.ingestEnabled() {
		return fmt.Errorf("%w: the server is read-only (start it with --token to accept POST /api/ingest)", errForbidden)
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(s.Token)) != 1 {
		w.Header().Set("WWW-Authenticate", `Bearer realm="parallax"`)
		return fmt.Errorf("%w: a valid bearer token is required", errUnauthorized)
	}
	limit := s.MaxBodyBytes
	if limit <= 0 {
		limit = DefaultMaxBodyBytes
	}
	body := &cappedBody{r: http.MaxBytesReader(w, r.Body, limit)}
	sum, err := s.Ingest(r.Context(), body)
	if body.over {
		// the ingester may have counted the cut input as a bad record
		return fmt.Errorf("%w: request body larger than %d bytes", parallax.ErrTooLarge, limit)
	}
	if err != nil {
		return err
	}
	if s.Searcher != nil {
		if _, err := s.Searcher.CatchUp(r.Context()); err != nil {
			return err
		}
	}
	return writeJSON(w, http.StatusOK, sum)
}
