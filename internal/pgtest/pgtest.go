// Package pgtest gives tests and benchmarks a PostgreSQL database: the
// server named by $PARALLAX_TEST_POSTGRES if set, or else a throwaway
// server it starts itself with initdb and postgres from the machine's
// PostgreSQL installation (PATH, then /usr/lib/postgresql/*/bin), in a
// temporary data folder, listening only on a Unix socket in that folder
// (no TCP port to collide on), with fsync off.
//
// Without PostgreSQL binaries the tests skip with a message saying so, or
// fail when $PARALLAX_TEST_POSTGRES_REQUIRED=1 (as CI sets it). A package
// whose TestMain calls [Main] shares one server among all its tests and
// stops it when they end; elsewhere each test that asks gets its own
// server, stopped in its Cleanup. The server is a child of the test
// process and is told to shut down if that process dies, so none is left
// running. When pgtest runs as root it runs the server as the postgres
// user, since PostgreSQL refuses to run as root.
//
// Each test works in a schema of its own ([MustSchema]), dropped when it
// ends.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Environment variables.
const (
	// Env names a DSN of a server to use instead of starting one.
	Env = "PARALLAX_TEST_POSTGRES"
	// RequiredEnv, set to 1, makes a missing server a failure, not a skip.
	RequiredEnv = "PARALLAX_TEST_POSTGRES_REQUIRED"
)

// ErrNoBinaries reports that no PostgreSQL installation was found.
var ErrNoBinaries = errors.New("pgtest: no PostgreSQL binaries (initdb, postgres) in PATH or /usr/lib/postgresql/*/bin")

// Server is a running throwaway PostgreSQL server.
type Server struct {
	// DSN connects to its postgres database as the superuser.
	DSN string

	dir  string
	cmd  *exec.Cmd
	done chan struct{} // closed when the server process has exited
}

// Start initialises a data folder and starts a server on it.
func Start(ctx context.Context) (*Server, error) {
	bin, err := binDir()
	if err != nil {
		return nil, err
	}
	cred, err := credential()
	if err != nil {
		return nil, err
	}
	// A short path: a Unix socket's path is limited to about 100 bytes.
	dir, err := os.MkdirTemp("", "pgtest-")
	if err != nil {
		return nil, fmt.Errorf("pgtest: %w", err)
	}
	s := &Server{dir: dir, done: make(chan struct{})}
	fail := func(err error) (*Server, error) {
		os.RemoveAll(dir)
		return nil, err
	}
	if cred != nil {
		if err := os.Chown(dir, int(cred.Uid), int(cred.Gid)); err != nil {
			return fail(fmt.Errorf("pgtest: %w", err))
		}
	}
	data := filepath.Join(dir, "data")
	initdb := exec.CommandContext(ctx, filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres",
		"--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync")
	initdb.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	if out, err := initdb.CombinedOutput(); err != nil {
		return fail(fmt.Errorf("pgtest: initdb: %w\n%s", err, out))
	}
	logf, err := os.Create(filepath.Join(dir, "server.log"))
	if err != nil {
		return fail(fmt.Errorf("pgtest: %w", err))
	}
	defer logf.Close()
	s.cmd = exec.Command(filepath.Join(bin, "postgres"), "-D", data, "-k", dir,
		"-c", "listen_addresses=", "-c", "fsync=off", "-c", "synchronous_commit=off",
		"-c", "full_page_writes=off", "-c", "max_connections=200")
	s.cmd.Stdout, s.cmd.Stderr = logf, logf
	// SIGQUIT is PostgreSQL's immediate shutdown: if the test process dies
	// without stopping the server, the server goes too.
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred, Pdeathsig: syscall.SIGQUIT}
	if err := s.cmd.Start(); err != nil {
		return fail(fmt.Errorf("pgtest: start postgres: %w", err))
	}
	go func() {
		s.cmd.Wait()
		close(s.done)
	}()
	s.DSN = (&url.URL{Scheme: "postgres", User: url.User("postgres"), Path: "/postgres",
		RawQuery: url.Values{"host": {dir}, "sslmode": {"disable"}}.Encode()}).String()
	if err := s.wait(ctx); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

// wait waits until the server accepts connections.
func (s *Server) wait(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	for {
		conn, err := pgx.Connect(ctx, s.DSN)
		if err == nil {
			return conn.Close(ctx)
		}
		select {
		case <-s.done:
			log, _ := os.ReadFile(filepath.Join(s.dir, "server.log"))
			return fmt.Errorf("pgtest: postgres exited: %s", log)
		case <-ctx.Done():
			return fmt.Errorf("pgtest: server not ready: %w", err)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// Stop shuts the server down (fast shutdown, then kill) and removes its
// data folder.
func (s *Server) Stop() error {
	s.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-s.done:
	case <-time.After(20 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
	}
	return os.RemoveAll(s.dir)
}

// binDir finds the folder holding initdb and postgres.
func binDir() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		if p, err := filepath.EvalSymlinks(p); err == nil {
			if _, err := os.Stat(filepath.Join(filepath.Dir(p), "postgres")); err == nil {
				return filepath.Dir(p), nil
			}
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	for i := len(dirs) - 1; i >= 0; i-- { // the newest version first
		if _, err := os.Stat(filepath.Join(dirs[i], "initdb")); err == nil {
			return dirs[i], nil
		}
	}
	return "", ErrNoBinaries
}

// credential returns the user to run the server as: nil (this process's
// user) unless this process is root, which PostgreSQL refuses to run as.
func credential() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("pgtest: running as root needs a postgres user to run the server as: %w", err)
	}
	uid, err := strconv.ParseUint(u.Uid, 10, 32)
	if err != nil {
		return nil, fmt.Errorf("pgtest: postgres uid: %w", err)
	}
	gid, err := strconv.ParseUint(u.Gid, 10, 32)
	if err != nil {
		return nil, fmt.Errorf("pgtest: postgres gid: %w", err)
	}
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

// shared is the server a package's tests share when its TestMain calls Main.
var shared struct {
	sync.Mutex
	inMain bool
	srv    *Server
	err    error
}

// Main runs a package's tests with one shared server, started when a test
// first asks for it, and stops it afterwards. Use it from TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
func Main(m *testing.M) int {
	shared.Lock()
	shared.inMain = true
	shared.Unlock()
	code := m.Run()
	shared.Lock()
	defer shared.Unlock()
	if shared.srv != nil {
		shared.srv.Stop()
		shared.srv = nil
	}
	return code
}

// MustDSN returns a DSN of a server for the test: $PARALLAX_TEST_POSTGRES,
// the package's shared server, or a server of its own. It skips the test
// when there is no PostgreSQL (failing it if $PARALLAX_TEST_POSTGRES_REQUIRED=1).
func MustDSN(tb testing.TB) string {
	tb.Helper()
	if dsn := os.Getenv(Env); dsn != "" {
		return dsn
	}
	shared.Lock()
	defer shared.Unlock()
	if shared.inMain {
		if shared.srv == nil && shared.err == nil {
			shared.srv, shared.err = Start(context.Background())
		}
		if shared.err != nil {
			fatalOrSkip(tb, shared.err)
		}
		return shared.srv.DSN
	}
	srv, err := Start(context.Background())
	if err != nil {
		fatalOrSkip(tb, err)
	}
	tb.Cleanup(func() { srv.Stop() })
	return srv.DSN
}

func fatalOrSkip(tb testing.TB, err error) {
	tb.Helper()
	if errors.Is(err, ErrNoBinaries) && os.Getenv(RequiredEnv) != "1" {
		tb.Skipf("PostgreSQL tests skipped: %v (set %s to a DSN to use a running server)", err, Env)
	}
	tb.Fatal(err)
}

// MustSchema creates a fresh schema in the database dsn names (see
// [MustDSN]) and returns a DSN whose connections work in it (search_path). The schema and everything in it is dropped
// when the test ends; close stores opened on it before then (Cleanup
// functions run last first, so a store closed in a Cleanup registered
// after MustSchema is closed in time).
func MustSchema(tb testing.TB, dsn string) string {
	tb.Helper()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		tb.Fatalf("pgtest: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		tb.Fatalf("pgtest: %v", err)
	}
	tb.Cleanup(func() {
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			tb.Errorf("pgtest: drop schema: %v", err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			tb.Errorf("pgtest: drop schema: %v", err)
		}
	})
	return WithSearchPath(dsn, schema)
}

// WithSearchPath returns dsn (a URL or key=value pairs) with its
// connections' search_path set to schema.
func WithSearchPath(dsn, schema string) string {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		if u, err := url.Parse(dsn); err == nil {
			q := u.Query()
			q.Set("search_path", schema)
			u.RawQuery = q.Encode()
			return u.String()
		}
	}
	return dsn + " search_path=" + schema
}
