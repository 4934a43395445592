// Package watch polls news feeds and ingests what they announce: each
// round it fetches every feed (a conditional GET, so an unchanged feed costs
// a 304), ingests the feed's items, then fetches the article page of every
// link it has not fetched before and ingests the page.
//
// It is a polite client: a User-Agent that names Parallax and where to find
// it, at most one request at a time and a minimum gap between two requests
// to one host, a timeout per request, retries with exponential backoff on
// network errors, 429 and 5xx (honouring Retry-After), and a cap on every
// response's size. It does not run JavaScript, follow pagination, or
// obey robots.txt by itself: the feeds listed are the ones the user asked
// for.
package watch

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/pipeline"
	"github.com/parallaxhq/parallax/read"
)

// UserAgent is the User-Agent header Parallax fetches with.
const UserAgent = "Parallax/0.1 (+https://github.com/parallaxhq/parallax)"

// Defaults for [Watcher] fields left zero.
const (
	DefaultInterval = 15 * time.Minute
	DefaultTimeout  = 30 * time.Second
	DefaultHostGap  = 2 * time.Second
	DefaultRetries  = 3
	DefaultBackoff  = 2 * time.Second
	DefaultMaxBytes = read.DefaultMaxPageBytes
	// maxSeen bounds the links remembered as fetched; past it the oldest
	// half is forgotten (a forgotten page fetched again is stored once).
	maxSeen = 100_000
)

// Watcher polls feeds and ingests them and their pages. Set the fields
// before the first call to Poll or Run.
type Watcher struct {
	Feeds    []string           // feed URLs
	Ingester *pipeline.Ingester // where fetched feeds and pages go
	// OnIngest, if set, is called after each fetched feed or page is
	// stored, with what the ingest did.
	// This is where grouping stories as they come plugs in.
	OnIngest func(ctx context.Context, from string, stats *pipeline.Stats) error
	// Log, if set, receives one line per fetch and per problem.
	Log io.Writer

	Client   *http.Client  // nil means a client with Timeout per request
	Timeout  time.Duration // per request; zero means DefaultTimeout
	HostGap  time.Duration // between two requests to one host; zero means DefaultHostGap, negative none
	Retries  int           // retries after a failed attempt; zero means DefaultRetries, negative none
	Backoff  time.Duration // wait before the first retry, doubled each time; zero means DefaultBackoff
	MaxBytes int64         // cap on one response body; zero means DefaultMaxBytes

	validators map[string]validator // per feed: what the last 200 said
	lastAt     map[string]time.Time // per host: when the last request started
	seen       map[string]int       // links fetched, with the round they were first seen
	round      int
}

type validator struct{ etag, lastModified string }

// Round sums up one poll.
type Round struct {
	Feeds     int // feeds fetched with new content
	Unchanged int // feeds that answered 304 Not Modified
	Pages     int // article pages fetched
	New       int // articles stored that were not in the store
	Failed    int // feeds and pages that could not be fetched
}

// ReadFeeds reads a feeds file: one URL per line; blank lines and lines
// starting with # are skipped. A line that is not an http(s) URL is an
// error naming the line.
func ReadFeeds(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	var feeds []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		u, err := url.Parse(line)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("watch: %s:%d: %w: %q is not an http(s) URL", path, n, parallax.ErrInvalid, line)
		}
		feeds = append(feeds, u.String())
	}
	if len(feeds) == 0 {
		return nil, fmt.Errorf("watch: %s: %w: no feed URLs", path, parallax.ErrInvalid)
	}
	return feeds, nil
}

// Run polls the feeds every interval (DefaultInterval when zero) until ctx
// is done, and returns the error that stopped it: ctx's, or the store's.
func (w *Watcher) Run(ctx context.Context, interval time.Duration) error {
	if interval <= 0 {
		interval = DefaultInterval
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := w.Poll(ctx); err != nil {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// Poll runs one round over every feed. Feeds and pages that cannot be
// fetched or read are logged and counted; Poll fails only when ctx is done
// or the store fails.
func (w *Watcher) Poll(ctx context.Context) (Round, error) {
	w.round++
	var r Round
	for _, feed := range w.Feeds {
		body, origin, err := w.fetch(ctx, feed, true)
		switch {
		case ctx.Err() != nil:
			return r, ctx.Err()
		case errors.Is(err, errNotModified):
			r.Unchanged++
			w.logf("%s: not modified", feed)
			continue
		case err != nil:
			r.Failed++
			w.logf("%v", err)
			continue
		}
		r.Feeds++
		links := feedLinks(body, origin)
		if err := w.ingest(ctx, body, origin, &r); err != nil {
			return r, err
		}
		for _, link := range links {
			if _, ok := w.seen[link]; ok {
				continue
			}
			w.remember(link)
			page, origin, err := w.fetch(ctx, link, false)
			if ctx.Err() != nil {
				return r, ctx.Err()
			}
			if err != nil {
				r.Failed++
				w.logf("%v", err)
				continue
			}
			r.Pages++
			if err := w.ingest(ctx, page, origin, &r); err != nil {
				return r, err
			}
		}
	}
	return r, nil
}

func (w *Watcher) ingest(ctx context.Context, body []byte, origin read.Origin, r *Round) error {
	stats, err := w.Ingester.IngestReader(ctx, bytes.NewReader(body), origin)
	if err != nil {
		return fmt.Errorf("watch: %s: %w", origin.URL, err)
	}
	t := stats.Total()
	r.New += t.New
	w.logf("%s: %d read, %d new, %d failed", origin.URL, t.Read, t.New, t.Failed)
	if w.OnIngest != nil {
		return w.OnIngest(ctx, origin.URL, stats)
	}
	return nil
}

func (w *Watcher) remember(link string) {
	if w.seen == nil {
		w.seen = map[string]int{}
	}
	if len(w.seen) >= maxSeen {
		oldest := w.round
		for _, r := range w.seen {
			oldest = min(oldest, r)
		}
		for l, r := range w.seen {
			if r <= (oldest+w.round)/2 {
				delete(w.seen, l)
			}
		}
	}
	w.seen[link] = w.round
}

// feedLinks returns the item links of a fetched feed, made absolute.
func feedLinks(body []byte, origin read.Origin) []string {
	base, _ := url.Parse(origin.URL)
	fr := read.NewFeedReader(bytes.NewReader(body), origin.Name)
	var links []string
	for fr.Next() {
		u, err := url.Parse(fr.Record().URL)
		if err != nil || fr.Record().URL == "" {
			continue
		}
		if base != nil {
			u = base.ResolveReference(u)
		}
		if u.Scheme == "http" || u.Scheme == "https" {
			u.Fragment = ""
			links = append(links, u.String())
		}
	}
	return links
}

var errNotModified = errors.New("not modified")

// fetch GETs one URL with retries; conditional asks the server to answer
// 304 when nothing changed since the last 200.
func (w *Watcher) fetch(ctx context.Context, rawURL string, conditional bool) ([]byte, read.Origin, error) {
	retries := w.Retries
	if retries == 0 {
		retries = DefaultRetries
	}
	wait := w.Backoff
	if wait <= 0 {
		wait = DefaultBackoff
	}
	for attempt := 0; ; attempt++ {
		body, origin, retryAfter, err := w.get(ctx, rawURL, conditional)
		if err == nil || retryAfter < 0 || attempt >= retries || ctx.Err() != nil {
			return body, origin, err
		}
		pause := max(wait, retryAfter)
		w.logf("%v; retry %d in %v", err, attempt+1, pause)
		if err := sleep(ctx, pause); err != nil {
			return nil, origin, err
		}
		wait *= 2
	}
}

// get makes one request. retryAfter < 0 means the error is final; else
// it is the least wait before a retry.
func (w *Watcher) get(ctx context.Context, rawURL string, conditional bool) (body []byte, origin read.Origin, retryAfter time.Duration, err error) {
	origin = read.Origin{Name: rawURL, URL: rawURL}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, origin, -1, fmt.Errorf("watch: %s: %w: %v", rawURL, parallax.ErrInvalid, err)
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/html;q=0.9, */*;q=0.5")
	if v, ok := w.validators[rawURL]; ok && conditional {
		if v.etag != "" {
			req.Header.Set("If-None-Match", v.etag)
		}
		if v.lastModified != "" {
			req.Header.Set("If-Modified-Since", v.lastModified)
		}
	}
	if err := w.waitHost(ctx, req.URL.Host); err != nil {
		return nil, origin, -1, err
	}
	resp, err := w.client().Do(req)
	if err != nil {
		return nil, origin, 0, fmt.Errorf("watch: %s: %w", rawURL, err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return nil, origin, -1, errNotModified
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return nil, origin, retryAfterHeader(resp.Header.Get("Retry-After")), fmt.Errorf("watch: %s: %s", rawURL, resp.Status)
	case resp.StatusCode != http.StatusOK:
		return nil, origin, -1, fmt.Errorf("watch: %s: %s", rawURL, resp.Status)
	}
	max := w.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	body, err = io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, origin, 0, fmt.Errorf("watch: %s: %w", rawURL, err)
	}
	if int64(len(body)) > max {
		return nil, origin, -1, fmt.Errorf("watch: %s: %w: response larger than %d bytes", rawURL, parallax.ErrTooLarge, max)
	}
	origin.URL = resp.Request.URL.String() // after redirects
	if _, params, err := mime.ParseMediaType(resp.Header.Get("Content-Type")); err == nil {
		origin.Charset = params["charset"]
	}
	if conditional {
		if w.validators == nil {
			w.validators = map[string]validator{}
		}
		w.validators[rawURL] = validator{resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")}
	}
	return body, origin, 0, nil
}

func (w *Watcher) client() *http.Client {
	if w.Client != nil {
		return w.Client
	}
	t := w.Timeout
	if t <= 0 {
		t = DefaultTimeout
	}
	w.Client = &http.Client{Timeout: t}
	return w.Client
}

// waitHost waits until the host's gap since its last request has passed.
func (w *Watcher) waitHost(ctx context.Context, host string) error {
	gap := w.HostGap
	if gap == 0 {
		gap = DefaultHostGap
	}
	if w.lastAt == nil {
		w.lastAt = map[string]time.Time{}
	}
	if last, ok := w.lastAt[host]; ok && gap > 0 {
		if err := sleep(ctx, time.Until(last.Add(gap))); err != nil {
			return err
		}
	}
	w.lastAt[host] = time.Now()
	return nil
}

// maxRetryAfter caps how long a server may ask us to wait.
const maxRetryAfter = 5 * time.Minute

func retryAfterHeader(v string) time.Duration {
	if s, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && s >= 0 {
		return min(time.Duration(s)*time.Second, maxRetryAfter)
	}
	if t, err := http.ParseTime(v); err == nil {
		return min(max(time.Until(t), 0), maxRetryAfter)
	}
	return 0
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func (w *Watcher) logf(format string, args ...any) {
	if w.Log != nil {
		fmt.Fprintf(w.Log, format+"\n", args...)
	}
}
