package cli

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe to read while serve writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeAudience: lecgen serve on 127.0.0.1 shows the instructor site
// (solutions, banner); --student shows the students'.
func TestServeAudience(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server: skipped in -short mode")
	}
	site := t.TempDir()
	for name, body := range map[string]string{
		"config.toml":          "title = \"T\"\n",
		"content/01-a/01-x.md": "# X\n\n> [!EXERCISE] E\n> Q\n\n> [!SOLUTION]\n> ANSWER42\n",
	} {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		flags      []string
		instructor bool
	}{{nil, true}, {[]string{"--student"}, false}} {
		ctx, cancel := context.WithCancel(context.Background())
		var out syncBuffer
		a := &App{Stdout: &out, Stderr: &out}
		done := make(chan int)
		go func() { done <- a.serve(ctx, append([]string{"-s", site, "--port", "0", "--no-cache"}, tc.flags...)) }()
		var url string
		for deadline := time.Now().Add(30 * time.Second); url == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			url = regexp.MustCompile(`http://\S+/`).FindString(out.String())
		}
		if url == "" {
			cancel()
			t.Fatalf("serve %v printed no address:\n%s", tc.flags, out.String())
		}
		resp, err := http.Get(url + "a/x/")
		if err != nil {
			cancel()
			t.Fatal(err)
		}
		page, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		cancel()
		<-done
		if got := strings.Contains(string(page), "ANSWER42"); got != tc.instructor {
			t.Errorf("serve %v: solution shown %v, want %v", tc.flags, got, tc.instructor)
		}
		if got := strings.Contains(string(page), "instructor-banner"); got != tc.instructor {
			t.Errorf("serve %v: banner %v, want %v", tc.flags, got, tc.instructor)
		}
		// The terminal says which site it serves too.
		if got := strings.Contains(out.String(), "This is the instructor site"); got != tc.instructor {
			t.Errorf("serve %v: says it is the instructor site %v, want %v:\n%s", tc.flags, got, tc.instructor, out.String())
		}
		if got := strings.Contains(out.String(), "This is the student site"); got == tc.instructor {
			t.Errorf("serve %v: says it is the student site %v, want %v:\n%s", tc.flags, got, !tc.instructor, out.String())
		}
	}
}

func TestIsLoopback(t *testing.T) {
	for bind, want := range map[string]bool{"127.0.0.1": true, "localhost": true, "::1": true, "0.0.0.0": false, "192.168.1.5": false, "": false} {
		if got := isLoopback(bind); got != want {
			t.Errorf("isLoopback(%q) = %v, want %v", bind, got, want)
		}
	}
}
