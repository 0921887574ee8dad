package hardening

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/lecgen/lecgen/internal/serve"
	"github.com/lecgen/lecgen/internal/testsite"
	"github.com/lecgen/lecgen/internal/testsite/servetest"
	"github.com/lecgen/lecgen/internal/watch"
)

// waitBuilds waits until n builds have finished, then until the server
// has taken in every change made so far (servetest.Server.Settle), and
// returns the number of builds.
func waitBuilds(t *testing.T, s *servetest.Server, n int) int {
	t.Helper()
	s.WaitBuilds(t, n)
	return s.Settle(t)
}

// raw sends req as written on a new connection and returns the status
// code and body (0 when the server closed the connection without one).
func raw(t *testing.T, s *servetest.Server, req string) (int, string) {
	t.Helper()
	c, err := net.Dial("tcp", s.Addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, req); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		return 0, ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func serveSite(t *testing.T) string {
	t.Helper()
	tmp := t.TempDir()
	testsite.Write(t, tmp, map[string]string{"secret.txt": "TOP-SECRET"})
	site := filepath.Join(tmp, "site")
	testsite.Write(t, site, map[string]string{
		"config.toml":                  "title = \"Live\"\n",
		"secret.txt":                   "TOP-SECRET",
		"content/secret.md~":           "TOP-SECRET",
		"content/01-intro/01-hello.md": "# Hello\n\nFirst version.\n",
		"content/01-intro/02-next.md":  "# Next\n\nSee [[hello]].\n",
		"content/02-more/01-a.md":      "# A\n",
		"content/02-more/02-b.md":      "# B\n",
	})
	return site
}

// TestHostileRequestsRefused: requests that try to leave the site, break
// the parser or come from a foreign page are answered 400, 403, 404 or
// 405, never with a file outside the site, and the server stays up.
// internal/serve's TestHostileRequests covers the basic encodings; these
// are the rest.
func TestHostileRequestsRefused(t *testing.T) {
	s := servetest.Start(t, serveSite(t))
	long := strings.Repeat("a/", 5000)
	for _, tc := range []struct {
		name, req string
		want      []int
	}{
		{"raw backslash", "GET /..\\secret.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", []int{400}},
		{"raw backslash deep", "GET /intro\\..\\..\\secret.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", []int{400}},
		{"raw NUL", "GET /intro/\x00/x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", []int{400}},
		{"%00 in name", "GET /secret.txt%00.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", []int{400}},
		{"dot-dot after a folder", "GET /intro/hello/../../../secret.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", []int{400}},
		{"mixed encoding", "GET /.%2e/.%2E/secret.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", []int{400}},
		{"overlong UTF-8 dots", "GET /%c0%ae%c0%ae/secret.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", []int{404}},
		{"double slash", "GET //etc/passwd HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", []int{404}},
		{"source file", "GET /content/01-intro/01-hello.md HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", []int{404}},
		{"config", "GET /config.toml HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", []int{404}},
		{"absolute-form", "GET http://127.0.0.1/../secret.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", []int{400}},
		{"absolute-form foreign", "GET http://evil.example/ HTTP/1.1\r\nHost: evil.example\r\n\r\n", []int{403}},
		{"10 kB path", "GET /" + long + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", []int{400}},
		{"10 kB of ../", "GET /" + strings.Repeat("../", 3400) + "secret.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", []int{400}},
		{"10 kB of %2e%2e%2f", "GET /" + strings.Repeat("%2e%2e%2f", 1200) + "secret.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", []int{400}},
		{"100 kB header", "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + strings.Repeat("x", 100<<10) + "\r\n\r\n", []int{431, 0}},
		{"foreign Host with port", "GET / HTTP/1.1\r\nHost: evil.example:80\r\n\r\n", []int{403}},
		{"rebinding look-alike", "GET / HTTP/1.1\r\nHost: 127.0.0.1.evil.example\r\n\r\n", []int{403}},
		{"localhost look-alike", "GET / HTTP/1.1\r\nHost: localhost.evil.example\r\n\r\n", []int{403}},
		{"no Host (HTTP/1.0)", "GET / HTTP/1.0\r\n\r\n", []int{403}},
		{"IPv6 loopback Host", "GET / HTTP/1.1\r\nHost: [::1]:1313\r\n\r\n", []int{200}},
		{"POST", "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n", []int{405}},
		{"PUT", "PUT /x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1\r\n\r\nx", []int{405}},
		{"events from a foreign page", "GET /__lecgen/events HTTP/1.1\r\nHost: evil.example\r\n\r\n", []int{403}},
		{"garbage", "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", []int{400, 0}},
	} {
		code, body := raw(t, s, tc.req)
		ok := false
		for _, w := range tc.want {
			ok = ok || code == w
		}
		if !ok {
			t.Errorf("%s: status %d, want %v", tc.name, code, tc.want)
		}
		if strings.Contains(body, "TOP-SECRET") {
			t.Errorf("%s: served a file outside the site", tc.name)
		}
	}
	if code, body := s.Get(t, "/intro/hello/"); code != 200 || !strings.Contains(body, "First version.") {
		t.Fatalf("server unhealthy after hostile requests: %d", code)
	}
}

// TestSSEStormLeavesNothing: 1,000 event-stream connections opened at once and
// dropped leave no goroutines and no memory behind, and the server keeps
// serving. (internal/serve's TestManySSEClients counts goroutines; this
// also measures the heap and waits for every client to be connected.)
func TestSSEStormLeavesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("storm of events: skipped in -short mode (go test ./... runs it)")
	}
	site := serveSite(t)
	s := servetest.Start(t, site)
	s.Get(t, "/") // warm up
	builds := waitBuilds(t, s, 1)
	heap := func() uint64 {
		var ms runtime.MemStats
		runtime.GC()
		runtime.GC()
		runtime.ReadMemStats(&ms)
		return ms.HeapInuse
	}
	goBefore, heapBefore := runtime.NumGoroutine(), heap()
	const n = 1000
	conns := make([]net.Conn, 0, n)
	readers := make([]*bufio.Reader, 0, n)
	for i := 0; i < n; i++ {
		c, err := net.Dial("tcp", s.Addr)
		if err != nil {
			t.Fatalf("connection %d: %v", i, err)
		}
		fmt.Fprintf(c, "GET /__lecgen/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
		conns = append(conns, c)
		readers = append(readers, bufio.NewReader(c))
	}
	// Every client gets its stream's headers: all 1,000 are being served.
	for i, r := range readers {
		_ = conns[i].SetReadDeadline(time.Now().Add(20 * time.Second))
		line, err := r.ReadString('\n')
		if err != nil || !strings.Contains(line, "200") {
			t.Fatalf("client %d: %q, %v", i, line, err)
		}
	}
	goPeak, heapPeak := runtime.NumGoroutine(), heap()
	// A rebuild while they are connected reaches them all.
	testsite.Write(t, site, map[string]string{"content/01-intro/01-hello.md": "# Hello\n\nDuring the storm.\n"})
	waitBuilds(t, s, builds+1)
	for i, r := range readers {
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				t.Fatalf("client %d: no reload event: %v", i, err)
			}
			if strings.HasPrefix(line, "event: reload") {
				break
			}
		}
	}
	for _, c := range conns {
		c.Close()
	}
	deadline := time.Now().Add(15 * time.Second)
	for runtime.NumGoroutine() > goBefore+10 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	goAfter, heapAfter := runtime.NumGoroutine(), heap()
	t.Logf("goroutines %d -> %d with %d clients -> %d; heap in use %.1f MB -> %.1f MB -> %.1f MB",
		goBefore, goPeak, n, goAfter, float64(heapBefore)/(1<<20), float64(heapPeak)/(1<<20), float64(heapAfter)/(1<<20))
	if goAfter > goBefore+10 {
		t.Errorf("%d goroutines after dropping %d clients (was %d)", goAfter, n, goBefore)
	}
	if heapAfter > heapBefore+8<<20 {
		t.Errorf("heap in use grew from %d to %d bytes", heapBefore, heapAfter)
	}
	if code, _ := s.Get(t, "/intro/hello/"); code != 200 {
		t.Errorf("server unhealthy after the storm: %d", code)
	}
}

func mustRename(t *testing.T, from, to string) {
	t.Helper()
	if err := os.Rename(from, to); err != nil {
		t.Fatal(err)
	}
}

func mustRemove(t *testing.T, p string) {
	t.Helper()
	if err := os.RemoveAll(p); err != nil {
		t.Fatal(err)
	}
}

// TestWatchEditsRebuildOnce: editors' save patterns, new and renamed folders, mass
// changes and an error followed by its fix each give one rebuild with the
// right pages, and the server keeps watching. (internal/serve's tests
// cover a plain rename-save, a new folder, 300 new files and a slide
// error; these are the rest.)
func TestWatchEditsRebuildOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("storm of events: skipped in -short mode (go test ./... runs it)")
	}
	site := serveSite(t)
	s := servetest.Start(t, site)
	content := filepath.Join(site, "content")
	hello := filepath.Join(content, "01-intro", "01-hello.md")
	n := waitBuilds(t, s, 1)

	// A change gives one rebuild when its writer never pauses longer than
	// the debounce and is done within the watcher's MaxWait. Starved of
	// CPU (a loaded CI machine), this test's own writes can pause or take
	// longer, and then more rebuilds are right; the pages must be right
	// all the same. change returns its longest pause and how long it took.
	step := func(name string, change func() (pause, took time.Duration), check func()) {
		t.Helper()
		pause, took := change()
		got := waitBuilds(t, s, n+1)
		switch {
		case got == n+1:
		case pause < serve.DefaultDebounce && took < watch.DefaultMaxWait:
			t.Errorf("%s: %d rebuilds, want 1\n%s", name, got-n, s.Log)
		default:
			t.Logf("%s: %d rebuilds, as the test paused up to %v while writing for %v (the debounce is %v, the watcher's MaxWait %v)",
				name, got-n, pause, took, serve.DefaultDebounce, watch.DefaultMaxWait)
		}
		n = got
		check()
	}
	// whole runs f as one change: no pause in it is longer than all of it.
	whole := func(f func()) func() (time.Duration, time.Duration) {
		return func() (time.Duration, time.Duration) {
			start := time.Now()
			f()
			return time.Since(start), time.Since(start)
		}
	}
	// writeAll writes files one after the other and returns the longest
	// time from one write to the next, and the time of all.
	writeAll := func(files map[string]string) (pause, took time.Duration) {
		names := make([]string, 0, len(files))
		for name := range files {
			names = append(names, name)
		}
		sort.Strings(names)
		start := time.Now()
		last := start
		for _, name := range names {
			testsite.Write(t, site, map[string]string{name: files[name]})
			pause = max(pause, time.Since(last))
			last = time.Now()
		}
		return pause, time.Since(start)
	}
	page := func(path, want string) {
		t.Helper()
		code, body := s.Get(t, path)
		if want == "" {
			if code != 404 {
				t.Errorf("GET %s: %d, want 404", path, code)
			}
			return
		}
		if code != 200 || !strings.Contains(body, want) {
			t.Errorf("GET %s: %d, want 200 with %q", path, code, want)
		}
	}

	// Vim (backupcopy=no, the default on Unix): probe with 4913, rename
	// the file to a ~ backup, write the new file, delete the backup.
	step("vim save", whole(func() {
		probe := filepath.Join(content, "01-intro", "4913")
		testsite.Write(t, site, map[string]string{"content/01-intro/4913": ""})
		mustRemove(t, probe)
		mustRename(t, hello, hello+"~")
		testsite.Write(t, site, map[string]string{"content/01-intro/01-hello.md": "# Hello\n\nVim version.\n"})
		mustRemove(t, hello+"~")
	}), func() { page("/intro/hello/", "Vim version.") })

	// Editor droppings alone never rebuild: Emacs's lock (a dangling
	// symlink) and autosave, a ~ backup, a vim swap file and probe.
	lock := filepath.Join(content, "01-intro", ".#01-hello.md")
	if err := os.Symlink("user@host.12345:1700000000", lock); err != nil {
		t.Fatal(err)
	}
	testsite.Write(t, site, map[string]string{
		"content/01-intro/#01-hello.md#":    "autosave",
		"content/01-intro/01-hello.md~":     "backup",
		"content/01-intro/.01-hello.md.swp": "swap",
		"content/01-intro/4913":             "",
	})
	if got := s.Settle(t); got != n {
		t.Errorf("editor temp files caused %d rebuilds\n%s", got-n, s.Log)
		n = got
	}
	page("/intro/hello/", "Vim version.")

	// Emacs save: backup by renaming, write the file, remove the lock and
	// autosave.
	step("emacs save", whole(func() {
		mustRename(t, hello, hello+"~")
		testsite.Write(t, site, map[string]string{"content/01-intro/01-hello.md": "# Hello\n\nEmacs version.\n"})
		mustRemove(t, lock)
		mustRemove(t, filepath.Join(content, "01-intro", "#01-hello.md#"))
	}), func() { page("/intro/hello/", "Emacs version.") })

	// JetBrains-style safe write: write a temp file, rename it over.
	step("safe write", whole(func() {
		tmp := filepath.Join(content, "01-intro", "01-hello.md___jb_tmp___")
		testsite.Write(t, site, map[string]string{"content/01-intro/01-hello.md___jb_tmp___": "# Hello\n\nSafe-write version.\n"})
		mustRename(t, hello, hello+"___jb_old___")
		mustRename(t, tmp, hello)
		mustRemove(t, hello+"___jb_old___")
	}), func() { page("/intro/hello/", "Safe-write version.") })

	// mkdir -p of a new lecture with nested folders, slides and an image.
	step("mkdir -p", whole(func() {
		if err := os.MkdirAll(filepath.Join(content, "03-deep", "img", "sub"), 0o755); err != nil {
			t.Fatal(err)
		}
		testsite.Write(t, site, map[string]string{
			"content/03-deep/01-first.md":      "# First deep\n\n![x](img/sub/x.svg)\n",
			"content/03-deep/02-second.md":     "# Second deep\n",
			"content/03-deep/img/sub/x.svg":    `<svg xmlns="http://www.w3.org/2000/svg"/>`,
			"content/03-deep/_index.md":        "+++\ntitle = \"Deep\"\n+++\n",
			"content/01-intro/01-hello.md~":    "backup again",
			"content/03-deep/img/sub/notes.md": "not a slide",
		})
	}), func() {
		page("/deep/first/", "First deep")
		page("/deep/second/", "Second deep")
		if code, _ := s.Get(t, "/deep/img/sub/x.svg"); code != 200 {
			t.Errorf("image in a new nested folder: %d", code)
		}
	})

	// A lecture folder renamed: old pages gone, new ones there.
	step("folder renamed", whole(func() {
		mustRename(t, filepath.Join(content, "02-more"), filepath.Join(content, "04-renamed"))
	}), func() {
		page("/more/a/", "")
		page("/renamed/a/", "# A"[2:])
		page("/renamed/b/", "B")
	})

	// A slide added to the renamed folder: its watch moved with it.
	step("edit in renamed folder", whole(func() {
		testsite.Write(t, site, map[string]string{"content/04-renamed/03-c.md": "# C in renamed\n"})
	}), func() { page("/renamed/c/", "C in renamed") })

	// 300 slides written at once, then 300 edited, then all deleted.
	many := map[string]string{}
	for i := 0; i < 300; i++ {
		many[fmt.Sprintf("content/05-many/%03d-m%d.md", i, i)] = fmt.Sprintf("# Many %d\n", i)
	}
	step("300 new", func() (time.Duration, time.Duration) { return writeAll(many) }, func() { page("/many/m299/", "Many 299") })
	for k := range many {
		many[k] = strings.Replace(many[k], "Many", "Edited", 1)
	}
	step("300 edited", func() (time.Duration, time.Duration) { return writeAll(many) }, func() {
		page("/many/m0/", "Edited 0")
		page("/many/m299/", "Edited 299")
	})
	step("300 deleted", whole(func() { mustRemove(t, filepath.Join(content, "05-many")) }), func() { page("/many/m0/", "") })

	// An error (bad config.toml), then its fix.
	step("config error", whole(func() {
		testsite.Write(t, site, map[string]string{"config.toml": "title = = \"Live\"\n"})
	}), func() {
		page("/intro/hello/", "Safe-write version.") // the last good site
		if !strings.Contains(s.Log.String(), "config.toml:1:") {
			t.Errorf("config error not logged with its position:\n%s", s.Log)
		}
	})
	step("config fixed", whole(func() {
		testsite.Write(t, site, map[string]string{"config.toml": "title = \"Fixed title\"\n"})
	}), func() { page("/intro/hello/", "Fixed title") })

	// A slide error, then a fix by deleting the broken file.
	step("slide error", whole(func() {
		testsite.Write(t, site, map[string]string{"content/01-intro/03-bad.md": "+++\nweight = \"x\"\n+++\n# Bad\n"})
	}), func() { page("/intro/bad/", "") })
	step("broken slide deleted", whole(func() {
		mustRemove(t, filepath.Join(content, "01-intro", "03-bad.md"))
	}), func() { page("/intro/hello/", "Safe-write version.") })

	// Still watching.
	step("still watching", whole(func() {
		testsite.Write(t, site, map[string]string{"content/01-intro/01-hello.md": "# Hello\n\nLast version.\n"})
	}), func() { page("/intro/hello/", "Last version.") })
}
