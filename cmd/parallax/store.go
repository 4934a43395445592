package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/sqlite"
)

// openStore opens the store a --db value names: a postgres:// URL or a
// SQLite file path.
func openStore(ctx context.Context, dsn string) (parallax.Store, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return nil, fmt.Errorf("--db %s: %w: PostgreSQL stores are not available in this build yet", dsn, parallax.ErrUnsupported)
	}
	return sqlite.Open(ctx, dsn)
}
