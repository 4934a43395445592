package main

import (
	"context"
	"strings"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/postgres"
	"github.com/parallaxhq/parallax/sqlite"
)

// openStore opens the store a --db value names: a postgres:// or
// postgresql:// URL, or a SQLite file path.
func openStore(ctx context.Context, dsn string) (parallax.Store, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		s, err := postgres.Open(ctx, dsn)
		if err != nil {
			return nil, err // not a nil *postgres.Store in a non-nil interface
		}
		return s, nil
	}
	return sqlite.Open(ctx, dsn)
}
