package serve_test

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/serve"
	"github.com/lecgen/lecgen/internal/testsite/servetest"
)

// TestCrossSiteRequests: what a page of another origin asks for is
// refused, the page's own loads, navigations and curl are not.
func TestCrossSiteRequests(t *testing.T) {
	r := servetest.Start(t, site(t))
	addr := strings.TrimPrefix(strings.TrimSuffix(r.URL, "/"), "http://")
	port := addr[strings.LastIndex(addr, ":")+1:]
	self := "http://127.0.0.1:" + port
	script := "Sec-Fetch-Mode: no-cors\r\nSec-Fetch-Dest: script\r\n"
	for _, tc := range []struct {
		name, path, headers string
		want                int
	}{
		{"curl", "/static/search-index.json", "", 200},
		{"own fetch", "/static/search-index.json", "Sec-Fetch-Site: same-origin\r\nSec-Fetch-Mode: cors\r\nSec-Fetch-Dest: empty\r\n", 200},
		{"own events", "/__lecgen/reload.js", "Sec-Fetch-Site: same-origin\r\n" + script, 200},
		{"typed address", "/intro/hello/", "Sec-Fetch-Site: none\r\nSec-Fetch-Mode: navigate\r\nSec-Fetch-Dest: document\r\n", 200},
		{"link from another site", "/intro/hello/", "Sec-Fetch-Site: cross-site\r\nSec-Fetch-Mode: navigate\r\nSec-Fetch-Dest: document\r\n", 200},
		{"framed by an editor", "/intro/hello/", "Sec-Fetch-Site: cross-site\r\nSec-Fetch-Mode: navigate\r\nSec-Fetch-Dest: iframe\r\n", 200},
		{"script from another port", "/static/search-index.json", "Sec-Fetch-Site: same-site\r\n" + script, 403},
		{"script from another site", "/static/search/0.json", "Sec-Fetch-Site: cross-site\r\n" + script, 403},
		{"fetch from another site", "/intro/hello/", "Sec-Fetch-Site: cross-site\r\nSec-Fetch-Mode: cors\r\nSec-Fetch-Dest: empty\r\n", 403},
		{"event stream from another site", "/__lecgen/events", "Sec-Fetch-Site: cross-site\r\nSec-Fetch-Mode: cors\r\nSec-Fetch-Dest: empty\r\n", 403},
		{"embed from another site", "/intro/hello/", "Sec-Fetch-Site: cross-site\r\nSec-Fetch-Mode: navigate\r\nSec-Fetch-Dest: embed\r\n", 403},
		{"object from another port", "/intro/hello/", "Sec-Fetch-Site: same-site\r\nSec-Fetch-Mode: navigate\r\nSec-Fetch-Dest: object\r\n", 403},
		{"unknown Sec-Fetch-Site", "/", "Sec-Fetch-Site: sideways\r\n", 403},
		{"own Origin", "/static/search-index.json", "Origin: " + self + "\r\n", 200},
		{"foreign Origin", "/static/search-index.json", "Origin: http://evil.example\r\n", 403},
		{"other port's Origin", "/static/search-index.json", "Origin: http://127.0.0.1:1\r\n", 403},
		{"null Origin", "/static/search-index.json", "Origin: null\r\n", 403},
		{"own Referer", "/static/search-index.json", "Referer: " + self + "/intro/hello/\r\n", 200},
		{"foreign Referer", "/static/search-index.json", "Referer: http://evil.example/page\r\n", 403},
		{"localhost Referer to 127.0.0.1", "/static/search-index.json", "Referer: http://localhost:" + port + "/\r\n", 403},
	} {
		resp := rawRequest(t, addr, tc.path, "127.0.0.1:"+port, tc.headers)
		if resp.StatusCode != tc.want {
			t.Errorf("%s: GET %s: %d, want %d", tc.name, tc.path, resp.StatusCode, tc.want)
		}
		if v := resp.Header.Get("Cross-Origin-Resource-Policy"); v != "same-origin" {
			t.Errorf("%s: Cross-Origin-Resource-Policy %q, want same-origin", tc.name, v)
		}
	}
}

// rawRequest sends a GET with extra header lines and reads the response
// head (an event stream's body never ends).
func rawRequest(t *testing.T, addr, path, host, headers string) *http.Response {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\n%sConnection: close\r\n\r\n", path, host, headers)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("GET %.40s: %v", path, err)
	}
	return resp
}

func TestSameHost(t *testing.T) {
	for _, tc := range []struct {
		url, host string
		want      bool
	}{
		{"http://127.0.0.1:1313", "127.0.0.1:1313", true},
		{"http://127.0.0.1:1313/a/b?c", "127.0.0.1:1313", true},
		{"http://LOCALHOST:1313/", "localhost:1313", true},
		{"http://[::1]:1313/", "[::1]:1313", true},
		{"http://localhost/", "localhost:80", true},
		{"http://localhost:80/", "localhost", true},
		{"http://127.0.0.1:1314", "127.0.0.1:1313", false},
		{"http://localhost:1313", "127.0.0.1:1313", false},
		{"http://127.0.0.1.evil.example:1313", "127.0.0.1:1313", false},
		{"http://127.0.0.1:1313@evil.example/", "127.0.0.1:1313", false},
		{"https://127.0.0.1", "127.0.0.1", false},
		{"null", "127.0.0.1:1313", false},
		{"file:///home/me/page.html", "127.0.0.1:1313", false},
		{"//127.0.0.1:1313/", "127.0.0.1:1313", false},
		{"", "127.0.0.1:1313", false},
	} {
		if got := serve.SameHost(tc.url, tc.host); got != tc.want {
			t.Errorf("sameHost(%q, %q) = %v, want %v", tc.url, tc.host, got, tc.want)
		}
	}
}
