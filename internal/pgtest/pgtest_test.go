package pgtest_test

import (
	"context"
	"errors"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/parallaxhq/parallax/internal/pgtest"
)

// TestSchema connects to a fresh schema and sees its search_path.
func TestSchema(t *testing.T) {
	dsn := pgtest.MustSchema(t, pgtest.MustDSN(t))
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var schema string
	if err := conn.QueryRow(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
		t.Fatal(err)
	}
	if len(schema) < 3 || schema[:2] != "t_" {
		t.Errorf("current_schema() = %q, want a fresh t_… schema", schema)
	}
}

func TestWithSearchPath(t *testing.T) {
	tests := []struct{ name, dsn, want string }{
		{"url", "postgres://u@/db?host=/tmp/x", "postgres://u@/db?host=%2Ftmp%2Fx&search_path=s"},
		{"keyvalue", "host=/tmp/x user=u", "host=/tmp/x user=u search_path=s"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := pgtest.WithSearchPath(tc.dsn, "s"); got != tc.want {
				t.Errorf("WithSearchPath(%q) = %q, want %q", tc.dsn, got, tc.want)
			}
		})
	}
}

// TestStop checks that Stop ends the server and removes its data folder.
func TestStop(t *testing.T) {
	if os.Getenv(pgtest.Env) != "" {
		t.Skip("uses the server named by " + pgtest.Env)
	}
	s, err := pgtest.Start(context.Background())
	if errors.Is(err, pgtest.ErrNoBinaries) && os.Getenv(pgtest.RequiredEnv) != "1" {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	if conn, err := pgx.Connect(context.Background(), s.DSN); err == nil {
		conn.Close(context.Background())
		t.Fatal("the server still accepts connections after Stop")
	}
	u, _ := url.Parse(s.DSN)
	if _, err := os.Stat(u.Query().Get("host")); !os.IsNotExist(err) {
		t.Errorf("data folder %s still there: %v", u.Query().Get("host"), err)
	}
}
