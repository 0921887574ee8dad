package serve_test

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/serve"
	"github.com/lecgen/lecgen/internal/testsite/servetest"
)

// TestRedirectsStayOnSite: every redirect of the preview leads to a path
// of this server. A Location that a browser reads as another host
// ("//evil.example/x", "/\evil.example", or "/\t/evil.example", since
// browsers drop tabs and newlines from URLs) would make the preview an
// open redirect.
func TestRedirectsStayOnSite(t *testing.T) {
	dir := site(t)
	write(t, filepath.Join(dir, "config.toml"), "title = \"Live\"\nbase_url = \"https://user.github.io/course/\"\n")
	r := servetest.Start(t, dir)
	addr := strings.TrimPrefix(strings.TrimSuffix(r.URL, "/"), "http://")
	for _, tc := range []struct {
		path string
		want string // the Location expected, "" for any on-site one or none
	}{
		{"/course//evil.example/x", "/evil.example/x"},
		{"/course///evil.example/x", "/evil.example/x"},
		{"/course/%2F%2Fevil.example/x", "/evil.example/x"},
		{"/course/%2F%5Cevil.example/x", ""},
		{"/course/%09/evil.example/x", "/%09/evil.example/x"},
		{"/course/%0A/evil.example/x", "/%0A/evil.example/x"},
		{"/course/%0D%0A/evil.example/x", ""},
		{"/course/%20/evil.example/x", "/%20/evil.example/x"},
		{"/course/intro/hello/", "/intro/hello/"},
		{"/course", "/"},
		{"/intro", "/intro/"},
		{"//intro", ""},
		{"/course//intro", "/intro"},
	} {
		code, loc := rawLocation(t, addr, tc.path)
		if code/100 == 3 {
			if !onSite(loc) {
				t.Errorf("GET %s: %d Location %q leaves the site", tc.path, code, loc)
			} else if tc.want != "" && loc != tc.want {
				t.Errorf("GET %s: %d Location %q, want %q", tc.path, code, loc, tc.want)
			}
		} else if tc.want != "" {
			t.Errorf("GET %s: %d, want a redirect to %q", tc.path, code, tc.want)
		}
	}
}

// onSite tells whether a browser resolves loc to a path of the server
// that sent it: one leading slash and nothing a URL parser drops or
// reads as a slash.
func onSite(loc string) bool {
	if len(loc) < 1 || loc[0] != '/' {
		return false
	}
	if len(loc) > 1 && (loc[1] == '/' || loc[1] == '\\') {
		return false
	}
	for _, c := range []byte(loc) {
		if c <= ' ' || c == 0x7f || c == '\\' {
			return false
		}
	}
	return true
}

// rawLocation sends a request line as given and returns the status and
// the Location header.
func rawLocation(t *testing.T, addr, path string) (int, string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", path)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("GET %.40s: %v", path, err)
	}
	resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("Location")
}

// FuzzRedirect: whatever path a request names, redirect's Location
// stays on the server.
func FuzzRedirect(f *testing.F) {
	for _, s := range []string{"//evil.example/x", "/\\evil", "\t/evil", "/%2F/evil", "\r\n/x", "///", "", "/ok/", "é/../x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, target string) {
		rec := httptest.NewRecorder()
		serve.Redirect(rec, target, http.StatusFound)
		if loc := rec.Header().Get("Location"); !onSite(loc) {
			t.Errorf("redirect(%q): Location %q", target, loc)
		}
	})
}
