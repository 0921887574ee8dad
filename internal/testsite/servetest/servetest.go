// Package servetest runs `lecgen serve` (serve.Run) for a test, the one
// harness of serve's own tests, the hardening tests and the deck's
// browser tests. It records what the server reports through
// serve.Options.Rebuilt and Listeners, so that a test waits for a build
// or a browser's live-reload connection as an event, never for a fixed
// time.
package servetest

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lecgen/lecgen/internal/build"
	"github.com/lecgen/lecgen/internal/serve"
)

// Timeout bounds every wait of this package: generous, for a loaded
// machine; a passing test waits far less.
const Timeout = 30 * time.Second

// Server is a running preview server.
type Server struct {
	URL  string // its base URL, ending in "/"
	Addr string // host:port
	Log  *Log   // what it printed
	site string

	mu        sync.Mutex
	builds    []serve.Rebuild // all but Settle's own
	listeners int
	changed   chan struct{} // closed and replaced when builds or listeners change
	settling  string        // config.toml while Settle waits for its build

	stopOnce   sync.Once
	stopErr    error
	stopCalled bool // Stop was called: its caller has the error
	cancel     context.CancelFunc
	done       chan error
}

// Start runs serve.Run on the site folder until the test ends, with the
// server's default timing and no build cache.
func Start(t testing.TB, site string) *Server {
	t.Helper()
	return StartWith(t, serve.Options{Build: build.Options{Source: site, NoCache: true}})
}

// StartWith runs serve.Run with opts (its Port, Log, Ready, Rebuilt and
// Listeners are set here) until the test ends, and fails the test if the
// server then returns an error or does not stop.
func StartWith(t testing.TB, opts serve.Options) *Server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	s := &Server{Log: &Log{}, site: opts.Build.Source, changed: make(chan struct{}), cancel: cancel, done: done}
	ready := make(chan string, 1)
	opts.Port, opts.Log = 0, s.Log
	opts.Ready = func(u string) { ready <- u }
	opts.Rebuilt = func(r serve.Rebuild) { s.note(func() { s.rebuilt(r) }) }
	opts.Listeners = func(n int) { s.note(func() { s.listeners = n }) }
	go func() { done <- serve.Run(ctx, opts) }()
	select {
	case s.URL = <-ready:
	case err := <-done:
		cancel()
		t.Fatalf("serve exited: %v\n%s", err, s.Log)
	case <-time.After(Timeout):
		cancel()
		t.Fatalf("serve did not start in %v\n%s", Timeout, s.Log)
	}
	s.Addr = strings.TrimSuffix(strings.TrimPrefix(s.URL, "http://"), "/")
	t.Cleanup(func() {
		if err := s.stop(); err != nil && !s.stopCalled {
			t.Error(err)
		}
		if t.Failed() {
			t.Logf("server log:\n%s", s.Log)
		}
	})
	return s
}

// Stop stops the server and returns its error, or an error when it does
// not stop in time. Without it the server stops when the test ends, and
// the test fails on an error.
func (s *Server) Stop() error {
	s.stopCalled = true
	return s.stop()
}

func (s *Server) stop() error {
	s.stopOnce.Do(func() {
		s.cancel()
		select {
		case err := <-s.done:
			if err != nil {
				s.stopErr = fmt.Errorf("serve: %w", err)
			}
		case <-time.After(Timeout):
			s.stopErr = fmt.Errorf("serve did not stop in %v", Timeout)
		}
	})
	return s.stopErr
}

// note changes the record under the lock and wakes the waiters.
func (s *Server) note(change func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	change()
	close(s.changed)
	s.changed = make(chan struct{})
}

// rebuilt records a build, unless it is only Settle's.
func (s *Server) rebuilt(r serve.Rebuild) {
	if s.settling != "" && slices.Contains(r.Paths, s.settling) {
		s.settling = ""
		if len(r.Paths) == 1 {
			return
		}
	}
	s.builds = append(s.builds, r)
}

// Builds returns the builds the server has finished, the first included
// and Settle's own left out.
func (s *Server) Builds() []serve.Rebuild {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.builds)
}

// Wait waits until cond, called with the builds so far and the number of
// connected live-reload clients, is true, and fails t after Timeout.
func (s *Server) Wait(t testing.TB, what string, cond func(builds []serve.Rebuild, listeners int) bool) {
	t.Helper()
	deadline := time.After(Timeout)
	for {
		s.mu.Lock()
		ok, changed := cond(s.builds, s.listeners), s.changed
		s.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-changed:
		case <-deadline:
			t.Fatalf("waiting for %s: not so after %v; server log:\n%s", what, Timeout, s.Log)
		}
	}
}

// WaitBuilds waits until the server has finished n builds (the first
// one included) and returns them.
func (s *Server) WaitBuilds(t testing.TB, n int) []serve.Rebuild {
	t.Helper()
	s.Wait(t, fmt.Sprintf("build %d", n), func(b []serve.Rebuild, _ int) bool { return len(b) >= n })
	return s.Builds()
}

// WaitListeners waits until n browsers are connected for live reload.
func (s *Server) WaitListeners(t testing.TB, n int) {
	t.Helper()
	s.Wait(t, fmt.Sprintf("%d live-reload connection(s)", n), func(_ []serve.Rebuild, l int) bool { return l == n })
}

// Settle waits until the server has taken in every change made to the
// site so far, and returns the number of builds they caused (the first
// build included). It changes config.toml's modification time, an event
// the watcher gets after every earlier one, and waits for the build for
// it: a change still pending joins that build, which then counts as one
// more. A build for config.toml alone is Settle's own and is not
// counted, here or anywhere in Server.
func (s *Server) Settle(t testing.TB) int {
	t.Helper()
	cfg, err := filepath.Abs(filepath.Join(s.site, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(cfg)
	if err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	s.settling = cfg
	s.mu.Unlock()
	// A second later than it was: a new time whatever the file system's
	// resolution, so the watcher cannot take it for no change.
	mtime := fi.ModTime().Add(time.Second)
	if err := os.Chtimes(cfg, mtime, mtime); err != nil {
		t.Fatal(err)
	}
	s.Wait(t, "the build for config.toml's new modification time", func([]serve.Rebuild, int) bool { return s.settling == "" })
	return len(s.Builds())
}

// Get fetches path (relative to the server's root) and returns the
// status code and body.
func (s *Server) Get(t testing.TB, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(s.URL + strings.TrimPrefix(path, "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// Log is what the server prints, safe to read while it writes.
type Log struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *Log) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *Log) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
