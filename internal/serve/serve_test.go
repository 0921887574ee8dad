package serve_test

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/lecgen/lecgen/internal/serve"
	"github.com/lecgen/lecgen/internal/testsite/servetest"
	"github.com/lecgen/lecgen/internal/watch"
)

// site writes a small course into a temp folder.
func site(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"config.toml":                  "title = \"Live\"\n",
		"content/01-intro/01-hello.md": "# Hello\n\nFirst version.\n\nNote:\nSay hi.\n",
		"content/01-intro/02-next.md":  "# Next\n\nSee [[hello]].\n",
	}
	for name, body := range files {
		write(t, filepath.Join(dir, name), body)
	}
	return dir
}

// write saves body at path as most editors do, into a temporary file
// renamed over it: one change for the watcher. Written in place, a file
// is first emptied, then written, and a writer stalled between the two
// for longer than the debounce (on a loaded machine) is two rebuilds, the
// first of an empty slide, whose reload names more pages than the edit's
// (its title is gone). The watcher's own tests write in place.
func write(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp") // ignored by the watcher
	if err := os.WriteFile(tmp, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// sse connects to the event stream and delivers "name data" lines.
func sse(t testing.TB, url string) <-chan string {
	t.Helper()
	resp, err := http.Get(url + "__lecgen/events")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	ch := make(chan string, 64)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20) // a rebuild of thousands of pages names them all
		name := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ch <- name + " " + strings.TrimPrefix(line, "data: ")
			}
		}
		close(ch)
	}()
	return ch
}

// handoutReload is the course handout's own reload event, sent once it is
// built after a rebuild's pages.
const handoutReload = `reload {"changed":["/handout/"],"deleted":null,"all":false}`

// waitEvent waits for the next event starting with prefix, other than the
// course handout's reload.
func waitEvent(t *testing.T, ch <-chan string, prefix string) string {
	t.Helper()
	return nextEvent(t, ch, prefix, func(e string) bool { return strings.HasPrefix(e, prefix) && e != handoutReload })
}

func nextEvent(t *testing.T, ch <-chan string, what string, accept func(string) bool) string {
	t.Helper()
	timeout := time.After(10 * time.Second)
	var other []string
	for {
		select {
		case e, ok := <-ch:
			if !ok {
				t.Fatalf("event stream closed while waiting for %q (other events: %q)", what, other)
			}
			if accept(e) {
				return e
			}
			other = append(other, e)
		case <-timeout:
			t.Fatalf("no %q event (other events: %q)", what, other)
		}
	}
}

func TestEditReloads(t *testing.T) {
	dir := site(t)
	r := servetest.Start(t, dir)
	code, body := get(t, r.URL+"intro/hello/")
	if code != 200 || !strings.Contains(body, "First version.") {
		t.Fatalf("GET hello: %d %s", code, body)
	}
	if !strings.Contains(body, "/__lecgen/reload.js") {
		t.Error("serve pages lack the reload script")
	}
	// A reader has the course handout open.
	if code, h := get(t, r.URL+"handout/"); code != 200 || !strings.Contains(h, "First version.") {
		t.Fatalf("course handout: %d", code)
	}
	events := sse(t, r.URL)
	handoutEvents := sse(t, r.URL)
	write(t, filepath.Join(dir, "content/01-intro/01-hello.md"), "# Hello\n\nSecond version.\n")
	// The course handout, built after the pages, gets its own reload.
	nextEvent(t, handoutEvents, handoutReload, func(e string) bool { return e == handoutReload })
	e := waitEvent(t, events, "reload ")
	if !strings.Contains(e, `"/intro/hello/"`) {
		t.Errorf("reload event does not name the page: %s", e)
	}
	if _, body := get(t, r.URL+"intro/hello/"); !strings.Contains(body, "Second version.") {
		t.Errorf("new HTML not served after the reload event")
	}
	// The course handout is built after the reload too, and reloads itself.
	if code, h := get(t, r.URL+"handout/"); code != 200 || !strings.Contains(h, "Second version.") {
		t.Errorf("course handout after the edit: %d", code)
	}
	// The search index is built after the reload, and follows the edit;
	// its change alone reloads no other page.
	if strings.Contains(e, `"all":true`) || strings.Contains(e, `"/intro/next/"`) {
		t.Errorf("a text edit reloads more than its page: %s", e)
	}
	if code, idx := get(t, r.URL+"static/search-index.json"); code != 200 || !strings.Contains(idx, "second") {
		t.Errorf("search index after the edit: %d, has \"second\": %v", code, strings.Contains(idx, "second"))
	}
	if code, chunk := get(t, r.URL+"static/search/0.json"); code != 200 || !strings.Contains(chunk, "Second version.") {
		t.Errorf("snippet chunk after the edit: %d %.200s", code, chunk)
	}
	// The preview serves the search data as JSON only (see search.JSON).
	for _, p := range []string{"static/search-index.js", "static/search/0.js"} {
		if code, _ := get(t, r.URL+p); code != 404 {
			t.Errorf("%s: %d, want 404", p, code)
		}
	}

	// A new folder with a new slide.
	write(t, filepath.Join(dir, "content/02-more/01-extra.md"), "# Extra\n")
	waitEvent(t, events, "reload ")
	if code, _ := get(t, r.URL+"more/extra/"); code != 200 {
		t.Errorf("new slide in a new folder: %d", code)
	}

	// A deleted slide is gone and reported as deleted.
	if err := os.Remove(filepath.Join(dir, "content/02-more/01-extra.md")); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "content/02-more/01-other.md"), "# Other\n")
	e = waitEvent(t, events, "reload ")
	if !strings.Contains(e, `"/more/extra/"`) {
		t.Errorf("deletion not reported: %s", e)
	}
	if code, _ := get(t, r.URL+"more/extra/"); code != 404 {
		t.Errorf("deleted slide still served: %d", code)
	}

	// Rename-save: write a temp file, rename it over the slide.
	tmp := filepath.Join(dir, "content/01-intro/.01-hello.md.tmp")
	write(t, tmp, "# Hello\n\nThird version.\n")
	if err := os.Rename(tmp, filepath.Join(dir, "content/01-intro/01-hello.md")); err != nil {
		t.Fatal(err)
	}
	waitEvent(t, events, "reload ")
	if _, body := get(t, r.URL+"intro/hello/"); !strings.Contains(body, "Third version.") {
		t.Errorf("rename-save not picked up")
	}
	if err := r.Stop(); err != nil {
		t.Fatal(err)
	}
}

// TestNotFoundPageLinks: the 404 page's links are absolute, and the
// preview serves the site at "/" whatever base_url's path is.
func TestNotFoundPageLinks(t *testing.T) {
	dir := site(t)
	write(t, filepath.Join(dir, "config.toml"), "title = \"Live\"\nbase_url = \"https://user.github.io/course/\"\n")
	r := servetest.Start(t, dir)
	code, page := get(t, r.URL+"no/such/page/")
	if code != 404 || !strings.Contains(page, "Page not found") {
		t.Fatalf("404 page: %d\n%s", code, page)
	}
	links := regexp.MustCompile(`(?:href|src)="(/[^"]*)"`).FindAllStringSubmatch(page, -1)
	if len(links) < 3 {
		t.Fatalf("only %d absolute links on the 404 page:\n%s", len(links), page)
	}
	for _, m := range links {
		if code, _ := get(t, r.URL+strings.TrimPrefix(m[1], "/")); code != 200 {
			t.Errorf("404 page links to %s, which gives %d", m[1], code)
		}
	}
	// Addresses of the published site lead to the same preview page.
	for _, p := range []string{"course/intro/hello/", "course/", "course"} {
		if code, body := get(t, r.URL+p); code != 200 || !strings.Contains(body, "<title>") {
			t.Errorf("/%s: %d", p, code)
		}
	}
	if code, body := get(t, r.URL+"course/intro/hello/"); code != 200 || !strings.Contains(body, "First version.") {
		t.Errorf("/course/intro/hello/ is not the slide: %d", code)
	}
}

func TestErrorOverlayKeepsOldSite(t *testing.T) {
	dir := site(t)
	r := servetest.Start(t, dir)
	events := sse(t, r.URL)
	write(t, filepath.Join(dir, "content/01-intro/01-hello.md"), "+++\ntitle = = 1\n+++\n# Hello\n")
	e := waitEvent(t, events, "errors ")
	if !strings.Contains(e, "content/01-intro/01-hello.md:2:") {
		t.Errorf("error event lacks path:line:col: %s", e)
	}
	if code, body := get(t, r.URL+"intro/hello/"); code != 200 || !strings.Contains(body, "First version.") {
		t.Errorf("old page not served during the error: %d", code)
	}
	// A browser that connects now is told about the error straight away.
	late := sse(t, r.URL)
	waitEvent(t, late, "errors ")
	write(t, filepath.Join(dir, "content/01-intro/01-hello.md"), "# Hello\n\nFixed.\n")
	waitEvent(t, events, "reload ")
	if _, body := get(t, r.URL+"intro/hello/"); !strings.Contains(body, "Fixed.") {
		t.Error("fixed page not served")
	}
	if !strings.Contains(r.Log.String(), "content/01-intro/01-hello.md:2:") {
		t.Errorf("terminal log lacks the error:\n%s", r.Log)
	}
}

// TestBrokenFromTheStart: with no good build yet there is no site to keep
// serving, and the log must not claim one.
func TestBrokenFromTheStart(t *testing.T) {
	dir := site(t)
	write(t, filepath.Join(dir, "content/01-intro/01-hello.md"), "+++\ntitle = = 1\n+++\n# Hello\n")
	r := servetest.Start(t, dir)
	events := sse(t, r.URL)
	e := waitEvent(t, events, "errors ")
	if !strings.Contains(e, `"previous":false`) {
		t.Errorf("errors event of the first build: %s", e)
	}
	if code, body := get(t, r.URL); code != 503 || !strings.Contains(body, "has not built yet") {
		t.Errorf("/ before the first good build: %d %s", code, body)
	}
	// Broken again, still with no good build.
	write(t, filepath.Join(dir, "content/01-intro/01-hello.md"), "+++\ntitle = = 2\n+++\n# Hello\n")
	waitEvent(t, events, "errors ")
	if log := r.Log.String(); strings.Count(log, "served once they are fixed") != 2 || strings.Contains(log, "last good site") {
		t.Errorf("log of builds that failed with no good one before:\n%s", log)
	}
	write(t, filepath.Join(dir, "content/01-intro/01-hello.md"), "# Hello\n\nFixed.\n")
	waitEvent(t, events, "reload ")
	if code, body := get(t, r.URL+"intro/hello/"); code != 200 || !strings.Contains(body, "Fixed.") {
		t.Errorf("fixed site not served: %d", code)
	}
	// Broken after a good build: the old site stays.
	write(t, filepath.Join(dir, "content/01-intro/01-hello.md"), "+++\ntitle = = 3\n+++\n# Hello\n")
	if e := waitEvent(t, events, "errors "); !strings.Contains(e, `"previous":true`) {
		t.Errorf("errors event with a good build served: %s", e)
	}
}

// TestBurstIsOneRebuild: 300 slides written at once are one rebuild. A
// burst is writes closer together than the watcher's debounce, all within
// its MaxWait (then serve's bulk settling takes in the rest). A writer
// starved of CPU on a loaded machine can pause longer or take longer, and
// then more rebuilds are right, so the test measures itself.
func TestBurstIsOneRebuild(t *testing.T) {
	dir := site(t)
	r := servetest.Start(t, dir)
	before := r.Settle(t)
	var pause time.Duration
	start := time.Now()
	last := start
	for i := 0; i < 300; i++ {
		write(t, filepath.Join(dir, fmt.Sprintf("content/03-many/%03d-s%d.md", i, i)), fmt.Sprintf("# Slide %d\n", i))
		pause = max(pause, time.Since(last))
		last = time.Now()
	}
	took := time.Since(start)
	r.WaitBuilds(t, before+1)
	switch n := r.Settle(t) - before; {
	case n == 1:
	case pause < serve.DefaultDebounce && took < watch.DefaultMaxWait:
		t.Errorf("300 files written at once caused %d rebuilds, want 1\n%s", n, r.Log)
	default:
		t.Logf("%d rebuilds, as the test paused up to %v while writing for %v (the debounce is %v, the watcher's MaxWait %v)",
			n, pause, took, serve.DefaultDebounce, watch.DefaultMaxWait)
	}
	if code, _ := get(t, r.URL+"many/s299/"); code != 200 {
		t.Errorf("last of 300 new slides: %d", code)
	}
}

func TestHostileRequests(t *testing.T) {
	dir := site(t)
	write(t, filepath.Join(filepath.Dir(dir), "secret.txt"), "secret")
	r := servetest.Start(t, dir)
	addr := strings.TrimPrefix(strings.TrimSuffix(r.URL, "/"), "http://")
	for _, tc := range []struct {
		path string
		want int
	}{
		{"/../secret.txt", 400},
		{"/%2e%2e/secret.txt", 400},
		{"/%2e%2e%2fsecret.txt", 400},
		{"/%252e%252e%252fsecret.txt", 404},
		{"/..%5csecret.txt", 400},
		{"/intro/%00", 400},
		{"/" + strings.Repeat("a", 10000), 400},
		{"/intro/hello/", 200},
	} {
		code := rawGet(t, addr, tc.path, "127.0.0.1")
		if code != tc.want {
			t.Errorf("GET %.60s: %d, want %d", tc.path, code, tc.want)
		}
	}
	if code := rawGet(t, addr, "/", "evil.example.com"); code != 403 {
		t.Errorf("foreign Host: %d, want 403", code)
	}
	if code := rawGet(t, addr, "/", "localhost:1313"); code != 200 {
		t.Errorf("localhost Host: %d, want 200", code)
	}
	resp, err := http.Get(r.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if v := resp.Header.Get("Access-Control-Allow-Origin"); v != "" {
		t.Errorf("Access-Control-Allow-Origin: %q", v)
	}
}

// rawGet sends a request line as given, without Go's URL cleaning.
func rawGet(t *testing.T, addr, path, host string) int {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", path, host)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("GET %.40s: %v", path, err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestManySSEClients(t *testing.T) {
	dir := site(t)
	r := servetest.Start(t, dir)
	before := runtime.NumGoroutine()
	var conns []net.Conn
	addr := strings.TrimPrefix(strings.TrimSuffix(r.URL, "/"), "http://")
	for i := 0; i < 1000; i++ {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(c, "GET /__lecgen/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
		conns = append(conns, c)
	}
	for _, c := range conns {
		c.Close()
	}
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > before+20 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before+20 {
		t.Errorf("%d goroutines after dropping 1000 SSE clients (was %d)", n, before)
	}
	if code, _ := get(t, r.URL); code != 200 {
		t.Errorf("server unhealthy after SSE storm: %d", code)
	}
}

// TestStopWithUnusedConnection: a browser opens connections before it
// has a request for them (Chromium preconnects); one that has sent
// nothing yet does not keep the server from stopping, nor make it return
// an error (net/http's Shutdown waits five seconds for it, which was the
// "context deadline exceeded" of an interrupted `lecgen serve`).
func TestStopWithUnusedConnection(t *testing.T) {
	r := servetest.Start(t, site(t))
	c, err := net.Dial("tcp", r.Addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// And one in use: an event stream.
	sse(t, r.URL)
	if err := r.Stop(); err != nil {
		t.Fatalf("stopping with an unused connection open: %v", err)
	}
}
