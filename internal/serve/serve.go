// Package serve is `lecgen serve`: it builds the site into memory, serves
// it over HTTP, watches the sources and rebuilds on every change, telling
// connected browsers to reload through Server-Sent Events.
package serve

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log"
	"mime"
	"net"
	"net/http"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/lecgen/lecgen/internal/build"
	"github.com/lecgen/lecgen/internal/render"
	"github.com/lecgen/lecgen/internal/termsafe"
	"github.com/lecgen/lecgen/internal/watch"
)

//go:embed reload.js
var reloadJS []byte

// reloadTag is put into every page's <head> in serve mode only, with
// searchTag, which tells search.js to fetch the search data as JSON
// (the preview serves no script form of it: see search.JSON).
const (
	reloadTag = template.HTML(`<script src="/__lecgen/reload.js" defer></script>`)
	searchTag = template.HTML(`<meta name="lecgen-search" content="json">`)
	headTags  = reloadTag + searchTag
)

// Options configure the preview server.
type Options struct {
	Build    build.Options
	Bind     string // default 127.0.0.1
	Port     int    // 0 picks a free port
	Open     bool   // open the browser
	Log      io.Writer
	Debounce time.Duration // watch quiet period; 0 means DefaultDebounce
	// Ready, if set, is called with the base URL once the first build is
	// served (tests use it to find the port).
	Ready func(url string)
	// Rebuilt, if set, is called after every build, the first one too,
	// with what caused it; Listeners, if set, with the number of browsers
	// connected for live reload whenever one connects or leaves. Tests
	// wait on these rather than on the clock. Neither may block.
	Rebuilt   func(Rebuild)
	Listeners func(n int)
}

// Rebuild is one build of the server, as Options.Rebuilt reports it.
type Rebuild struct {
	// Paths are the changed files and folders the build was for, as the
	// watcher reported them; nil for the first build.
	Paths []string
	// OK tells whether the build succeeded and is being served.
	OK bool
}

// DefaultDebounce is the quiet period that ends a burst of file events.
// Editors save within a millisecond or two and a git checkout writes its
// files back to back, so 10 ms batches both while keeping a save-to-reload
// time a reader does not notice.
const DefaultDebounce = 10 * time.Millisecond

// A batch of more than bulkPaths files is a bulk operation (a git
// checkout, a formatter, a copy): its writer can pause longer than the
// debounce, so more batches are folded in until bulkQuiet passes without
// one, within bulkMaxWait. A single save still rebuilds at once.
const (
	bulkPaths   = 16
	bulkQuiet   = 400 * time.Millisecond
	bulkMaxWait = 2 * time.Second
)

// settle merges batches that follow a bulk batch closely.
func settle(ctx context.Context, batches <-chan watch.Batch, paths []string) []string {
	deadline := time.NewTimer(bulkMaxWait)
	defer deadline.Stop()
	for {
		quiet := time.NewTimer(bulkQuiet)
		select {
		case b, ok := <-batches:
			quiet.Stop()
			if !ok {
				return paths
			}
			paths = append(paths, b.Paths...)
		case <-quiet.C:
			return paths
		case <-deadline.C:
			quiet.Stop()
			return paths
		case <-ctx.Done():
			quiet.Stop()
			return paths
		}
	}
}

// Server is a running preview.
type Server struct {
	opts    Options
	builder *build.Builder
	site    atomic.Pointer[snapshot]
	hub     *hub
	log     io.Writer
	logMu   sync.Mutex
	host    string // bound host, for the Host header check
	builds  atomic.Int64
	sseStop chan struct{}
	// dirty lists the paths changed since the snapshot being served was
	// built (the site's folder after a watch error): the next snapshot
	// reads the assets among them again. Only Run's goroutine uses it.
	dirty []string
	// handouts are the course handouts a browser may show (see buildLater).
	handouts handouts
}

// Run builds the site, serves it and rebuilds on changes until ctx is done.
func Run(ctx context.Context, opts Options) error {
	if opts.Bind == "" {
		opts.Bind = "127.0.0.1"
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.Debounce == 0 {
		opts.Debounce = DefaultDebounce
	}
	opts.Build.Extra = headTags
	opts.Build.ServedAt = "/"
	src, _, err := opts.Build.Abs()
	if err != nil {
		return err
	}
	opts.Build.Source = src
	s := &Server{opts: opts, hub: newHub(opts.Listeners), log: opts.Log, host: opts.Bind, builder: build.NewIncremental(opts.Build)}

	// Watch before the first build, so that no change made during it is lost.
	w, err := watch.New(watch.Options{
		Paths:    []string{filepath.Join(src, "config.toml"), filepath.Join(src, "content"), filepath.Join(src, "themes")},
		Debounce: opts.Debounce,
	})
	if err != nil {
		return fmt.Errorf("watching %s: %w", src, err)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	watchDone := make(chan error, 1)
	go func() { watchDone <- w.Run(ctx) }()

	s.rebuild(ctx, nil)
	if s.site.Load() == nil {
		// Serve an empty site that shows the errors until the first good build.
		s.site.Store(&snapshot{files: newFileSet()})
	}

	ln, err := net.Listen("tcp", net.JoinHostPort(opts.Bind, strconv.Itoa(opts.Port)))
	if err != nil {
		var se *net.OpError
		if errors.As(err, &se) && strings.Contains(err.Error(), "address already in use") {
			return fmt.Errorf("port %d on %s is already in use: stop the other server or pass --port 0 to pick a free port", opts.Port, opts.Bind)
		}
		return err
	}
	if ip := net.ParseIP(opts.Bind); opts.Bind != "localhost" && (ip == nil || !ip.IsLoopback()) {
		s.logf("warning: serving on %s makes the preview reachable from other machines\n", opts.Bind)
	}
	url := "http://" + ln.Addr().String() + "/"
	s.logf("Serving %s at %s (Ctrl-C to stop)\n", src, url)
	// Say which site this is: a lecturer sharing the screen or sending the
	// address on must know whether the answers are in it.
	if opts.Build.Instructor {
		s.logf("This is the instructor site: solutions, quiz answers and private notes are shown (lecgen serve --student shows the students' site)\n")
	} else {
		s.logf("This is the student site: solutions as [exercises] solutions and solutions_from say, no quiz answers or private notes\n")
	}

	stopSSE := make(chan struct{})
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return ctx },
		// Not the log package's stderr: the server's own messages may
		// quote a request, and go through the escaping of opts.Log.
		ErrorLog: log.New(termsafe.Writer(s.log), "serve: ", 0),
	}
	srv.RegisterOnShutdown(func() { close(stopSSE) })
	s.sseStop = stopSSE
	unused := trackUnused(srv)
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	if opts.Ready != nil {
		opts.Ready(url)
	}
	if opts.Open {
		openBrowser(url)
	}

	for {
		select {
		case b := <-w.Batches():
			paths := b.Paths
			if len(paths) > bulkPaths {
				paths = settle(ctx, w.Batches(), paths)
			}
			s.logf("change: %s\n", describe(src, paths))
			s.builder.Changed(paths...)
			s.dirty = append(s.dirty, paths...)
			s.rebuild(ctx, paths)
		case err := <-w.Errors():
			s.logf("watch: %v\n", err)
			// A change may have gone unseen: read everything again next time.
			s.builder.Changed(src)
			s.dirty = append(s.dirty, src)
		case err := <-serveErr:
			return err
		case <-ctx.Done():
			shutCtx, done := context.WithTimeout(context.Background(), 5*time.Second)
			unused.close()
			err := srv.Shutdown(shutCtx)
			done()
			<-watchDone
			if err != nil {
				return err
			}
			return nil
		}
	}
}

// unusedConns are the server's connections that have not sent a request
// yet. A browser opens such connections ahead of need (Chromium
// preconnects), and http.Server.Shutdown waits five seconds before it
// takes one for idle: long enough to make an interrupted `lecgen serve`
// wait, then fail with "context deadline exceeded". They carry nothing,
// so shutdown closes them first.
type unusedConns struct {
	mu    sync.Mutex
	conns map[net.Conn]struct{}
}

// trackUnused follows srv's connections through its ConnState hook.
func trackUnused(srv *http.Server) *unusedConns {
	u := &unusedConns{conns: map[net.Conn]struct{}{}}
	srv.ConnState = func(c net.Conn, state http.ConnState) {
		u.mu.Lock()
		defer u.mu.Unlock()
		if state == http.StateNew {
			u.conns[c] = struct{}{}
		} else {
			delete(u.conns, c)
		}
	}
	return u
}

func (u *unusedConns) close() {
	u.mu.Lock()
	defer u.mu.Unlock()
	for c := range u.conns {
		_ = c.Close()
	}
	clear(u.conns)
}

func describe(root string, paths []string) string {
	var rel []string
	for i, p := range paths {
		if i == 3 {
			rel = append(rel, fmt.Sprintf("and %d more", len(paths)-3))
			break
		}
		if r, err := filepath.Rel(root, p); err == nil {
			p = r
		}
		rel = append(rel, termsafe.String(filepath.ToSlash(p)))
	}
	return strings.Join(rel, ", ")
}

func (s *Server) logf(format string, args ...any) {
	s.logMu.Lock()
	fmt.Fprintf(s.log, format, args...)
	s.logMu.Unlock()
}

// rebuild builds the site for the changed paths (nil: all of it); on
// success it swaps the new snapshot in and only then tells browsers what
// changed. On failure the old site stays.
func (s *Server) rebuild(ctx context.Context, paths []string) {
	ok := false
	if s.opts.Rebuilt != nil {
		defer func() { s.opts.Rebuilt(Rebuild{Paths: paths, OK: ok}) }()
	}
	start := time.Now()
	res, err := s.builder.GenerateFirst(ctx) // the search index and course handout later
	s.builds.Add(1)
	if err != nil {
		if ctx.Err() == nil {
			s.logf("build: %v\n", err)
			s.fail(err.Error())
		}
		return
	}
	for _, d := range res.Diagnostics {
		s.logf("%s\n", d.String())
	}
	if res.Diagnostics.HasErrors() {
		e, _ := res.Diagnostics.Count()
		if !s.hasSite() {
			s.logf("build failed with %d error(s); the site is served once they are fixed\n", e)
		} else {
			s.logf("build failed with %d error(s); still serving the last good site\n", e)
		}
		s.fail(res.Diagnostics.Error())
		return
	}
	snap, c, err := newSnapshot(res, s.site.Load(), s.dirty)
	if err != nil {
		s.logf("build: %v\n", err)
		s.fail(err.Error())
		return
	}
	s.dirty = nil
	old := s.swap(snap)
	if snap.later != nil {
		// Built in the background, after the event below: mostly ready
		// before anyone opens the search box or the course handout, which
		// then reloads if it changed.
		defer func() { go s.buildLater(snap) }()
	}
	s.logf("built %d pages in %s\n", res.Pages, time.Since(start).Round(time.Millisecond))
	ok = true
	if old == nil {
		s.hub.broadcast(event{name: "ok", data: []byte("{}")}, false)
		return
	}
	data, _ := json.Marshal(c)
	s.hub.broadcast(event{name: "reload", data: data}, false)
}

// swap serves snap from now on and returns the snapshot it replaces.
func (s *Server) swap(snap *snapshot) *snapshot {
	if snap.later != nil {
		snap.later.shown = &s.handouts
	}
	return s.site.Swap(snap)
}

// buildLater builds snap's later files in the background, unless snap is
// replaced first, and reloads the course handout if a browser may show
// another version of it.
func (s *Server) buildLater(snap *snapshot) {
	if s.site.Load() != snap {
		return // replaced already: built on request, if ever
	}
	files := snap.later.get()
	if err := snap.later.err; err != nil {
		s.logf("build: %v\n", err)
	}
	s.handouts.mu.Lock()
	defer s.handouts.mu.Unlock()
	// Under the lock, so that of two snapshots' reloads the current one's
	// decides what is shown.
	if s.site.Load() == snap && s.handouts.reload(files[render.CourseHandoutPath]) {
		data, _ := json.Marshal(change{Changed: []string{urlPath(render.CourseHandoutPath)}})
		s.hub.broadcast(event{name: "reload", data: data}, false)
	}
}

func (s *Server) fail(text string) {
	data, _ := json.Marshal(struct {
		Text     string `json:"text"`
		Previous bool   `json:"previous"` // a good build is being served
	}{text, s.hasSite()})
	s.hub.broadcast(event{name: "errors", data: data}, true)
}

// hasSite tells whether a build has succeeded: until then the site is an
// empty snapshot that only shows the errors.
func (s *Server) hasSite() bool {
	snap := s.site.Load()
	return snap != nil && snap.files.len() > 0
}

// ServeHTTP serves the current snapshot, the reload script and the event
// stream.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.hostAllowed(r.Host) {
		http.Error(w, "lecgen serve: forbidden host (DNS rebinding protection)", http.StatusForbidden)
		return
	}
	// No page of another origin may use what the preview serves.
	w.Header().Set("Cross-Origin-Resource-Policy", "same-origin")
	if crossSite(r) {
		http.Error(w, "lecgen serve: refused a request from a page of another site; open the preview's address in the browser directly", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if len(p) > 2048 || !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") || strings.Contains(r.URL.RawPath, "%00") || hasDotDot(p) {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	switch p {
	case "/__lecgen/reload.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(reloadJS)
		return
	case "/__lecgen/events":
		s.events(w, r)
		return
	}
	snap := s.site.Load()
	name := strings.TrimPrefix(p, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	f, ok := snap.files.get(name)
	data := f.data
	if !ok && snap.later != nil && isLaterFile(name) {
		data, ok = snap.later.get()[name]
	}
	if !ok {
		// A folder without its slash: redirect like net/http's file server.
		if _, isDir := snap.files.get(name + "/index.html"); isDir {
			redirect(w, p+"/", http.StatusMovedPermanently)
			return
		}
		// An address of the published site (base_url's path, typed or
		// from an absolute link): the same page of the preview.
		if snap.published != "" && (strings.HasPrefix(p, snap.published) || p+"/" == snap.published) {
			rest := strings.TrimPrefix(p, strings.TrimSuffix(snap.published, "/"))
			redirect(w, rest, http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if snap.files.len() == 0 {
			// No good build yet: say so; the reload script shows the
			// errors and reloads once the site builds.
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = io.WriteString(w, `<!DOCTYPE html><title>Not built yet</title><p>The course has not built yet: fix the errors lecgen reports (below, and in the terminal), and this page reloads when it builds.</p>`+string(headTags))
			return
		}
		w.WriteHeader(http.StatusNotFound)
		if nf, ok := snap.files.get("404.html"); ok {
			_, _ = w.Write(injectReload(nf.data))
		} else {
			_, _ = io.WriteString(w, `<!DOCTYPE html><title>Not found</title><p>Not found.</p>`+string(headTags))
		}
		return
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(data)
}

// injectReload makes the 404 page reload too (it uses absolute links, and
// the build output has no reload tag for it when base_url has a path).
func injectReload(page []byte) []byte {
	if strings.Contains(string(page), string(headTags)) {
		return page
	}
	return []byte(strings.Replace(string(page), "</head>", string(headTags)+"</head>", 1))
}

func hasDotDot(p string) bool {
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." {
			return true
		}
	}
	return false
}

// hostAllowed refuses requests whose Host is not this server: a page on
// another site cannot reach the preview through DNS rebinding.
func (s *Server) hostAllowed(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	switch host {
	case "localhost", "127.0.0.1", "::1":
		return true
	}
	if s.host != "0.0.0.0" && s.host != "::" {
		return host == s.host
	}
	// Bound to every interface: allow the machine's own addresses.
	ip := net.ParseIP(host)
	if ip == nil {
		return false
	}
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && n.IP.Equal(ip) {
			return true
		}
	}
	return false
}

// events streams Server-Sent Events to one browser until it goes away or
// the server shuts down.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	ch, last := s.hub.subscribe()
	defer s.hub.unsubscribe(ch)
	if last != nil {
		writeEvent(w, *last)
	} else {
		_, _ = io.WriteString(w, ": connected\n\n")
	}
	fl.Flush()
	keepalive := time.NewTicker(30 * time.Second)
	defer keepalive.Stop()
	for {
		select {
		case e := <-ch:
			writeEvent(w, e)
			fl.Flush()
		case <-keepalive.C:
			_, _ = io.WriteString(w, ": keepalive\n\n")
			fl.Flush()
		case <-r.Context().Done():
			return
		case <-s.sseStop:
			return
		}
	}
}

func writeEvent(w io.Writer, e event) {
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, e.data)
}

func openBrowser(url string) {
	var cmd string
	switch runtime.GOOS {
	case "darwin":
		cmd = "open"
	case "windows":
		cmd = "explorer"
	default:
		cmd = "xdg-open"
	}
	if p, err := exec.LookPath(cmd); err == nil {
		_ = exec.Command(p, url).Start()
	}
}
