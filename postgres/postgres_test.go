package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/internal/pgtest"
	"github.com/parallaxhq/parallax/postgres"
	"github.com/parallaxhq/parallax/storetest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// MustOpen opens a store in a fresh schema, closed and dropped when the
// test ends.
func MustOpen(tb testing.TB) *postgres.Store {
	tb.Helper()
	s, err := postgres.Open(context.Background(), pgtest.MustSchema(tb, pgtest.MustDSN(tb)))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) parallax.Store { return MustOpen(t) })
}

// mustArticle makes a distinct article read from path.
func mustArticle(n int, path string) *parallax.Article {
	raw := []byte(fmt.Sprintf("Report %d\n\nThe committee met on Tuesday; item %d was adopted.\n", n, n))
	return &parallax.Article{
		ID:        parallax.ArticleID(raw),
		Format:    parallax.FormatText,
		Locations: []parallax.Location{{Path: path, Index: n}},
		Title:     fmt.Sprintf("Report %d", n),
		Raw:       raw,
	}
}

// TestLockGrouping checks that a second grouping job waits until the first
// gives the lock back.
func TestLockGrouping(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	unlock, err := s.LockGrouping(ctx)
	if err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	if u, err := s.LockGrouping(short); err == nil {
		u()
		t.Fatal("a second LockGrouping got the lock while the first held it")
	}
	got := make(chan error, 1)
	go func() {
		u, err := s.LockGrouping(ctx)
		if err == nil {
			u()
		}
		got <- err
	}()
	select {
	case err := <-got:
		t.Fatalf("the second locker did not wait: %v", err)
	case <-time.After(200 * time.Millisecond):
	}
	unlock()
	unlock() // a second call does nothing
	select {
	case err := <-got:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the second locker still waits after unlock")
	}
}

// TestConcurrentOpen opens one fresh schema from several stores at once:
// the migrations must run once, not race.
func TestConcurrentOpen(t *testing.T) {
	dsn := pgtest.MustSchema(t, pgtest.MustDSN(t))
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := postgres.Open(ctx, dsn)
			if err == nil {
				_, err = s.PutArticles(ctx, []*parallax.Article{mustArticle(1, "a.txt")})
				s.Close()
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

// TestOpposedBatches runs writers whose batches hold the same articles in
// opposite orders, the pattern that deadlocks a store that locks rows in
// input order.
func TestOpposedBatches(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	const writers, rounds, size = 4, 10, 40
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range rounds {
				var batch []*parallax.Article
				for i := range size {
					a := mustArticle(r*size+i, fmt.Sprintf("w%d.txt", w%2)) // two writers share each path
					batch = append(batch, a)
				}
				if w%2 == 1 {
					slices.Reverse(batch)
				}
				if _, err := s.PutArticles(ctx, batch); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if n := storetest.MustCount(t, s, parallax.ArticleFilter{}); n != rounds*size {
		t.Errorf("count = %d, want %d", n, rounds*size)
	}
	for a, err := range s.Articles(ctx, parallax.ArticleFilter{Limit: 5}) {
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Locations) != 2 {
			t.Errorf("article %s: locations %v, want w0.txt and w1.txt", a.ID, a.Locations)
		}
	}
}

// TestBatchOrder checks that ingest order follows input order within a
// batch (though rows are inserted sorted by id), across more rows than one
// cursor fetch, and that paths that are not UTF-8 come back exactly.
func TestBatchOrder(t *testing.T) {
	s := MustOpen(t)
	var batch []*parallax.Article
	var want []string
	for i := range 600 {
		a := mustArticle(i, "dir/\xff\xfe-latin1-é.txt")
		batch = append(batch, a)
		want = append(want, a.ID)
	}
	storetest.MustPut(t, s, batch...)
	if diff := cmp.Diff(want, storetest.MustList(t, s, parallax.ArticleFilter{})); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	a, err := s.Article(context.Background(), want[3])
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(batch[3].Locations, a.Locations); diff != "" {
		t.Errorf("locations (-want +got):\n%s", diff)
	}
}

// TestReopen opens a store twice: the second time the migrations are
// already applied.
func TestReopen(t *testing.T) {
	dsn := pgtest.MustSchema(t, pgtest.MustDSN(t))
	ctx := context.Background()
	for i := range 2 {
		s, err := postgres.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		storetest.MustPut(t, s, mustArticle(i, "r.txt"))
		n := storetest.MustCount(t, s, parallax.ArticleFilter{})
		s.Close()
		if n != i+1 {
			t.Fatalf("open %d: count = %d, want %d", i+1, n, i+1)
		}
	}
}

func TestOpenInvalid(t *testing.T) {
	if _, err := postgres.Open(context.Background(), "postgres://[bad"); !errors.Is(err, parallax.ErrInvalid) {
		t.Errorf("Open(bad DSN) error = %v, want ErrInvalid", err)
	}
}
