package watch

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"
)

const (
	testDebounce = 100 * time.Millisecond
	// batchTimeout bounds every wait for an expected batch; generous for -race
	// on a loaded machine, but tests normally finish far sooner.
	batchTimeout = 5 * time.Second
)

type harness struct {
	t      *testing.T
	w      *Watcher
	cancel context.CancelFunc
	done   chan error
	// last is what the previous check took in. One change can reach the
	// watcher as several events (a write's create and its data, a new
	// folder's scan and then its file's own event), and a stall between
	// them longer than the debounce, of the writer or of fsnotify's
	// reader on a loaded machine, ends a batch in the middle: the rest of
	// the change comes a batch later, when the check that waited for it
	// is over. The next check allows those paths again, and no others.
	// (inotify delivers events in order, so once a check has seen a
	// change of its own, nothing from before it is still to come.)
	last map[string]bool
}

// start creates a Watcher and runs it until the test ends. Any error the
// watcher reports fails the test.
func start(t *testing.T, opts Options) *harness {
	t.Helper()
	if opts.Debounce == 0 {
		opts.Debounce = testDebounce
	}
	w, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return run(t, w)
}

// run runs the Watcher w until the test ends, as start does.
func run(t *testing.T, w *Watcher) *harness {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	h := &harness{t: t, w: w, cancel: cancel, done: make(chan error, 1)}
	go func() { h.done <- w.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-h.done:
		case <-time.After(batchTimeout):
			t.Error("Run did not return after cancel")
		}
		for err := range w.Errors() { // Closed by Run.
			t.Errorf("watcher error: %v", err)
		}
	})
	return h
}

// next waits for the next batch.
func (h *harness) next() []string {
	h.t.Helper()
	select {
	case b, ok := <-h.w.Batches():
		if !ok {
			h.t.Fatal("Batches closed")
		}
		return b.Paths
	case <-time.After(batchTimeout):
		h.t.Fatal("timed out waiting for a batch")
	}
	return nil
}

// nextIs checks that the changes since the last check are want: it
// takes batches until they hold all of want, each sorted and
// deduplicated, and fails on any other path, but for a late re-report of
// the last check's (see harness.last). On a quiet machine that is one
// batch, exactly want.
func (h *harness) nextIs(want ...string) {
	h.t.Helper()
	seen := map[string]bool{}
	for slices.ContainsFunc(want, func(p string) bool { return !seen[p] }) {
		got := h.next()
		if !slices.IsSorted(got) || len(slices.Compact(slices.Clone(got))) != len(got) {
			h.t.Fatalf("batch %q is not sorted and deduplicated", got)
		}
		for _, p := range got {
			if !slices.Contains(want, p) && !h.last[p] {
				h.t.Fatal(diff(got, want))
			}
			seen[p] = true
		}
	}
	h.last = seen
}

func sorted(s []string) []string { return slices.Sorted(slices.Values(s)) }

// diff describes how batch got differs from want, briefly.
func diff(got, want []string) string {
	if len(got)+len(want) <= 8 {
		return fmt.Sprintf("batch = %q, want %q", got, sorted(want))
	}
	missing := slices.DeleteFunc(sorted(want), func(p string) bool { return slices.Contains(got, p) })
	extra := slices.DeleteFunc(slices.Clone(got), func(p string) bool { return slices.Contains(want, p) })
	return fmt.Sprintf("batch has %d paths, want %d; missing %d %q, extra %q",
		len(got), len(want), len(missing), missing[:min(len(missing), 3)], extra)
}

// none checks that nothing done since the last check makes a batch: it
// writes the file sentinel, in a watched folder, and wants the batches up
// to the one with it to hold only the sentinel (and late re-reports of
// the last check's paths, see harness.last). inotify queues events in
// order, so an event of anything done before comes first, in an earlier
// batch or in the sentinel's.
func (h *harness) none(sentinel string) {
	h.t.Helper()
	write(h.t, sentinel, time.Now().String())
	for {
		got := h.next()
		for _, p := range got {
			if p != sentinel && !h.last[p] {
				h.t.Fatalf("unexpected batch %q, want only the sentinel %q", got, sentinel)
			}
		}
		if slices.Contains(got, sentinel) {
			h.last = map[string]bool{sentinel: true}
			return
		}
	}
}

// flush writes the file sentinel, in a watched folder, and returns the
// batches up to the one with it, the sentinel left out: every change made
// before is in them (inotify queues events in order), and no later batch
// holds one. Late re-reports of the last check's paths (see
// harness.last) are in them too.
func (h *harness) flush(sentinel string) [][]string {
	h.t.Helper()
	write(h.t, sentinel, time.Now().String())
	var batches [][]string
	for {
		got := h.next()
		rest := slices.DeleteFunc(slices.Clone(got), func(p string) bool { return p == sentinel })
		if len(rest) > 0 {
			batches = append(batches, rest)
		}
		if len(rest) < len(got) {
			h.last = map[string]bool{sentinel: true}
			return batches
		}
	}
}

// until collects batches until together they contain all of want, and
// returns the union. Use it where splitting into several batches is fine.
func (h *harness) until(want ...string) map[string]bool {
	h.t.Helper()
	seen := map[string]bool{}
	deadline := time.After(batchTimeout)
	for {
		missing := slices.DeleteFunc(slices.Clone(want), func(p string) bool { return seen[p] })
		if len(missing) == 0 {
			h.last = seen
			return seen
		}
		select {
		case b := <-h.w.Batches():
			for _, p := range b.Paths {
				seen[p] = true
			}
		case <-deadline:
			h.t.Fatalf("timed out; still missing %q (got %q)", missing, slices.Sorted(maps.Keys(seen)))
		}
	}
}

// watched reports the fsnotify watches at or below dir.
func (h *harness) watched(dir string) []string {
	var out []string
	for _, p := range h.w.fsw.WatchList() {
		if within(p, dir) {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mkdirAll(t *testing.T, path string) {
	t.Helper()
	if err := os.MkdirAll(path, 0o755); err != nil {
		t.Fatal(err)
	}
}

func rename(t *testing.T, from, to string) {
	t.Helper()
	if err := os.Rename(from, to); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, path string) {
	t.Helper()
	if err := os.RemoveAll(path); err != nil {
		t.Fatal(err)
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.md")
	write(t, a, "old")
	h := start(t, Options{Paths: []string{dir}})

	write(t, a, "new")
	h.nextIs(a)

	// Many events on few paths: deduplicated and sorted. (One batch, as
	// a rule; on a loaded machine a pause in this writer or in fsnotify's
	// reader can end a batch in the middle, and each part must be so too.)
	b := filepath.Join(dir, "b.md")
	for i := range 5 {
		write(t, b, fmt.Sprint(i))
		write(t, a, fmt.Sprint(i))
	}
	seen := map[string]bool{}
	for _, got := range h.flush(filepath.Join(dir, "sentinel.md")) {
		if !slices.IsSorted(got) || len(slices.Compact(slices.Clone(got))) != len(got) {
			t.Errorf("batch %q is not sorted and deduplicated", got)
		}
		for _, p := range got {
			seen[p] = true
		}
	}
	if want := map[string]bool{a: true, b: true}; !maps.Equal(seen, want) {
		t.Fatalf("batches hold %q, want %q and %q", slices.Sorted(maps.Keys(seen)), a, b)
	}

	// Chmod is a change (it may make the file readable or not); see
	// TestChmodAndTouchReported.
	if err := os.Chmod(a, 0o600); err != nil {
		t.Fatal(err)
	}
	h.nextIs(a)

	// Removal is.
	remove(t, b)
	h.nextIs(b)
}

func TestNewNestedDirs(t *testing.T) {
	dir := t.TempDir()
	h := start(t, Options{Paths: []string{dir}})

	// mkdir -p and a file right after: the file usually exists before the
	// watch on a/b/c does, so it must be found by scanning a/b/c.
	deep := filepath.Join(dir, "a", "b", "c")
	mkdirAll(t, deep)
	x := filepath.Join(deep, "x.md")
	write(t, x, "x")
	h.until(x)

	// Same race, many times at once.
	var want []string
	for i := range 20 {
		d := filepath.Join(dir, fmt.Sprintf("t%d", i), "b", "c")
		mkdirAll(t, d)
		f := filepath.Join(d, "x.md")
		write(t, f, "x")
		want = append(want, f, filepath.Dir(d), d)
	}
	h.until(want...)
	// A file of the burst may be reported again, found by the scan and then
	// by its own event, which on a loaded machine comes a batch later (a
	// failure under load): take those in before the next check, and
	// nothing else.
	for _, b := range h.flush(filepath.Join(dir, "sentinel.md")) {
		for _, p := range b {
			if p != x && !slices.Contains(want, p) {
				t.Fatalf("after the burst, a batch with %q", b)
			}
		}
	}

	// The new directories are watched for later changes, too.
	y := filepath.Join(dir, "t7", "b", "c", "y.md")
	write(t, y, "y")
	h.nextIs(y)
	y = filepath.Join(deep, "y.md")
	write(t, y, "y")
	h.nextIs(y)
}

func TestMoveAndRenameDirs(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	outside := filepath.Join(dir, "outside")
	mkdirAll(t, content)
	mkdirAll(t, filepath.Join(outside, "pkg", "sub"))
	write(t, filepath.Join(outside, "pkg", "b.md"), "b")
	write(t, filepath.Join(outside, "pkg", "sub", "a.md"), "a")
	h := start(t, Options{Paths: []string{content}})

	// Moved in from an unwatched place: only a Create for pkg arrives, so
	// its contents must come from scanning.
	pkg := filepath.Join(content, "pkg")
	rename(t, filepath.Join(outside, "pkg"), pkg)
	h.until(pkg, filepath.Join(pkg, "b.md"), filepath.Join(pkg, "sub"), filepath.Join(pkg, "sub", "a.md"))
	c := filepath.Join(pkg, "sub", "c.md")
	write(t, c, "c")
	h.nextIs(c)

	// Renamed inside: old and new names reported, new contents listed.
	moved := filepath.Join(content, "moved")
	rename(t, pkg, moved)
	before := h.last // c.md's own events may come late, under its name then
	got := h.until(pkg, moved, filepath.Join(moved, "sub", "a.md"))
	for p := range got {
		if within(p, pkg) && p != pkg && !before[p] {
			t.Errorf("stale path under the old name in batch: %q", p)
		}
	}
	if w := h.watched(pkg); len(w) > 0 {
		t.Errorf("watches left under old name: %q", w)
	}
	if w, want := h.watched(moved), []string{moved, filepath.Join(moved, "sub")}; !slices.Equal(w, want) {
		t.Errorf("watches under new name = %q, want %q", w, want)
	}
	// Later writes arrive under the new name only (no ghost events).
	a := filepath.Join(moved, "sub", "a.md")
	write(t, a, "a2")
	h.nextIs(a)

	// Moved away: reported, watches dropped, later writes there not seen.
	away := filepath.Join(outside, "away")
	rename(t, moved, away)
	h.nextIs(moved)
	if w := h.watched(content); !slices.Equal(w, []string{content}) {
		t.Errorf("watches = %q, want only %q", w, content)
	}
	write(t, filepath.Join(away, "sub", "a.md"), "a3")
	h.none(filepath.Join(content, "sentinel.md"))

	// Removed: reported, watches dropped.
	gone := filepath.Join(content, "gone")
	mkdirAll(t, filepath.Join(gone, "deep"))
	h.until(gone, filepath.Join(gone, "deep"))
	remove(t, gone)
	h.until(gone)
	if w := h.watched(content); !slices.Equal(w, []string{content}) {
		t.Errorf("watches = %q, want only %q", w, content)
	}
}

func TestRenameSave(t *testing.T) {
	tests := []struct {
		name string
		save func(t *testing.T, dir, x string)
	}{
		{"tmp", func(t *testing.T, dir, x string) {
			write(t, x+".tmp", "new")
			rename(t, x+".tmp", x)
		}},
		{"hidden swp", func(t *testing.T, dir, x string) {
			swp := filepath.Join(dir, ".x.md.swp")
			write(t, swp, "new")
			rename(t, swp, x)
		}},
		{"vim", func(t *testing.T, dir, x string) {
			probe := filepath.Join(dir, "4913")
			write(t, probe, "")
			remove(t, probe)
			rename(t, x, x+"~")
			write(t, x, "new")
			remove(t, x+"~")
		}},
		{"jetbrains", func(t *testing.T, dir, x string) {
			write(t, x+"___jb_tmp___", "new")
			rename(t, x, x+"___jb_old___")
			rename(t, x+"___jb_tmp___", x)
			remove(t, x+"___jb_old___")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			x := filepath.Join(dir, "x.md")
			write(t, x, "old")
			h := start(t, Options{Paths: []string{dir}})
			for range 2 {
				tt.save(t, dir, x)
				h.nextIs(x)
				write(t, x, "more")
				h.nextIs(x)
			}
		})
	}

	t.Run("emacs lock", func(t *testing.T) {
		dir := t.TempDir()
		x := filepath.Join(dir, "x.md")
		write(t, x, "old")
		h := start(t, Options{Paths: []string{dir}})
		lock := filepath.Join(dir, ".#x.md")
		if err := os.Symlink("user@host.1234:1700000000", lock); err != nil { // dangling
			t.Fatal(err)
		}
		write(t, filepath.Join(dir, "#x.md#"), "autosave")
		h.none(filepath.Join(dir, "sentinel.md"))
		remove(t, lock)
		h.none(filepath.Join(dir, "sentinel.md"))
		write(t, x, "new")
		h.nextIs(x)
	})
}

func TestSingleFile(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	sibling := filepath.Join(dir, "README.md")
	write(t, cfg, "a = 1")
	write(t, sibling, "hi")
	h := start(t, Options{Paths: []string{cfg}})

	for i := range 3 {
		write(t, cfg+".tmp", fmt.Sprintf("a = %d", i))
		rename(t, cfg+".tmp", cfg)
		h.nextIs(cfg)
	}
	write(t, cfg, "a = 9")
	h.nextIs(cfg)

	write(t, sibling, "not watched")
	mkdirAll(t, filepath.Join(dir, "public", "x"))
	h.none(cfg)

	// Deleted and re-created (e.g. by git checkout).
	remove(t, cfg)
	h.nextIs(cfg)
	write(t, cfg, "a = 10")
	h.nextIs(cfg)

	// The file itself must never be watched directly, only its directory.
	if w := h.w.fsw.WatchList(); !slices.Equal(w, []string{dir}) {
		t.Errorf("WatchList = %q, want [%q]", w, dir)
	}
}

// TestManyFilesOneBatch: 300 files written as fast as possible arrive as
// one batch. A debouncer cannot tell a quiet period from a stall: of its
// writer, starved of CPU on a loaded machine, or of the delivery of the
// events (fsnotify's reader), and then more batches are right. So the
// test measures both, the writer's pauses and the gaps between the
// changes the watcher saw, and holds the watcher to one batch only when
// neither was as long as the debounce. MaxWait is long here: on a loaded
// machine the writes can take longer than the default second
// (TestMaxWait tests it).
func TestManyFilesOneBatch(t *testing.T) {
	dir := t.TempDir()
	w, err := New(Options{Paths: []string{dir}, Debounce: testDebounce, MaxWait: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var seen []time.Time
	w.touched = func() {
		mu.Lock()
		seen = append(seen, time.Now())
		mu.Unlock()
	}
	h := run(t, w)
	var want []string
	var pause time.Duration // the writer's own longest pause
	last := time.Now()
	for i := range 300 {
		p := filepath.Join(dir, fmt.Sprintf("f%03d.md", i))
		write(t, p, "x")
		want = append(want, p)
		pause = max(pause, time.Since(last))
		last = time.Now()
	}
	var batches [][]string
	got := map[string]bool{}
	for len(got) < len(want) {
		b := h.next()
		batches = append(batches, b)
		for _, p := range b {
			got[p] = true
		}
	}
	if len(batches) == 1 {
		if !slices.Equal(batches[0], want) {
			t.Fatal(diff(batches[0], want))
		}
		// And nothing after it, but the rest of a write's events that
		// came late (see harness.last).
		h.last = got
		h.none(filepath.Join(dir, "sentinel.md"))
		return
	}
	mu.Lock()
	var gap time.Duration // the longest time the watcher saw no change
	for i := 1; i < len(seen); i++ {
		gap = max(gap, seen[i].Sub(seen[i-1]))
	}
	mu.Unlock()
	if pause < testDebounce && gap < testDebounce {
		t.Fatalf("300 files in %d batches (the first of %d paths), though neither the writer nor the watcher paused as long as the debounce (%v, %v; the debounce is %v)",
			len(batches), len(batches[0]), pause, gap, testDebounce)
	}
	t.Logf("300 files in %d batches, as the writer paused %v and the watcher saw no change for %v (the debounce is %v)", len(batches), pause, gap, testDebounce)
}

func TestMaxWait(t *testing.T) {
	dir := t.TempDir()
	// Debounce is far longer than any stall of this test, so only MaxWait
	// can end the batch while the stream of writes goes on.
	const maxWait = 200 * time.Millisecond
	h := start(t, Options{Paths: []string{dir}, Debounce: 2 * time.Second, MaxWait: maxWait})

	p := filepath.Join(dir, "busy.md")
	begin := time.Now()
	for time.Since(begin) < 5*maxWait {
		write(t, p, time.Now().String())
		select {
		case b := <-h.w.Batches():
			if !slices.Equal(b.Paths, []string{p}) {
				t.Fatalf("batch = %q", b.Paths)
			}
			if d := time.Since(begin); d < maxWait {
				t.Fatalf("batch after %v, before MaxWait %v", d, maxWait)
			}
			return
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("no batch during a %v stream of events with MaxWait %v", 5*maxWait, maxWait)
}

func TestMissingPath(t *testing.T) {
	site := t.TempDir()
	themes := filepath.Join(site, "themes")
	deep := filepath.Join(site, "a", "b", "layouts")
	h := start(t, Options{Paths: []string{themes, deep}})

	mkdirAll(t, themes)
	f := filepath.Join(themes, "base.html")
	write(t, f, "x")
	h.until(themes, f)
	g := filepath.Join(themes, "more.html")
	write(t, g, "x")
	h.nextIs(g)

	// Several missing levels, created at once.
	mkdirAll(t, filepath.Join(deep, "partials"))
	f = filepath.Join(deep, "partials", "nav.html")
	write(t, f, "x")
	got := h.until(deep, f)
	for p := range got {
		if !within(p, deep) && !within(p, themes) {
			t.Errorf("unwatched path in batch: %q", p)
		}
	}

	// Removed and created again.
	remove(t, themes)
	h.until(themes)
	mkdirAll(t, filepath.Join(themes, "t"))
	f = filepath.Join(themes, "t", "x.html")
	write(t, f, "x")
	h.until(f)

	// Unrelated siblings are not reported.
	write(t, filepath.Join(site, "a", "other.md"), "x")
	h.none(filepath.Join(themes, "sentinel.html"))
}

// Many deep, missing paths created at once with mkdir -p: each must be
// picked up although its parents appear while we are adding watches.
func TestMissingPathsRace(t *testing.T) {
	site := t.TempDir()
	var roots, want []string
	for i := range 30 {
		r := filepath.Join(site, fmt.Sprintf("r%d", i), "a", "b", "themes")
		roots = append(roots, r)
		want = append(want, filepath.Join(r, "x.html"))
	}
	h := start(t, Options{Paths: roots})
	for _, r := range roots {
		mkdirAll(t, r)
		write(t, filepath.Join(r, "x.html"), "x")
	}
	h.until(want...)
}

// The site folder itself is renamed away and back (or deleted and restored,
// e.g. by a sync tool): the roots are reported each time and watched again.
func TestAncestorRenamed(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	content := filepath.Join(site, "content")
	cfg := filepath.Join(site, "config.toml")
	mkdirAll(t, content)
	write(t, cfg, "a = 1")
	write(t, filepath.Join(content, "x.md"), "x")
	h := start(t, Options{Paths: []string{content, cfg}})

	rename(t, site, filepath.Join(dir, "site2"))
	h.until(content, cfg)
	// Watches keep the name they were added under, so stale ones would
	// still be named site/...; only the new anchor (dir) may remain.
	if w := h.watched(site); len(w) > 0 {
		t.Errorf("stale watches under the old name: %q", w)
	}

	rename(t, filepath.Join(dir, "site2"), site)
	h.until(content, cfg, filepath.Join(content, "x.md"))
	y := filepath.Join(content, "y.md")
	write(t, y, "y")
	h.nextIs(y)
	write(t, cfg, "a = 2")
	h.nextIs(cfg)
}

func TestIgnored(t *testing.T) {
	dir := t.TempDir()
	public := filepath.Join(dir, "public")
	mkdirAll(t, filepath.Join(dir, ".git", "objects"))
	mkdirAll(t, public)
	h := start(t, Options{
		Paths:  []string{dir},
		Ignore: func(p string) bool { return p == public },
	})
	if w := h.watched(filepath.Join(dir, ".git")); len(w) > 0 {
		t.Errorf(".git watched: %q", w)
	}
	if w := h.watched(public); len(w) > 0 {
		t.Errorf("ignored dir watched: %q", w)
	}

	write(t, filepath.Join(dir, ".git", "index"), "x")
	write(t, filepath.Join(dir, ".git", "objects", "ab"), "x")
	write(t, filepath.Join(public, "index.html"), "x")
	write(t, filepath.Join(dir, ".DS_Store"), "x")
	h.none(filepath.Join(dir, "sentinel.md"))

	// A newly created .git is not descended into either.
	sub := filepath.Join(dir, "sub")
	mkdirAll(t, filepath.Join(sub, ".git", "refs"))
	h.until(sub)
	if w := h.watched(filepath.Join(sub, ".git")); len(w) > 0 {
		t.Errorf(".git watched: %q", w)
	}
}

func TestCancel(t *testing.T) {
	before := runtime.NumGoroutine()

	dir := t.TempDir()
	w, err := New(Options{Paths: []string{dir}, Debounce: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	// Told when a batch is on offer; it never blocks the watcher.
	promoted := make(chan struct{}, 1)
	w.promoted = func() {
		select {
		case promoted <- struct{}{}:
		default:
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()

	p := filepath.Join(dir, "x.md")
	write(t, p, "x")
	select {
	case b := <-w.Batches():
		if !slices.Equal(b.Paths, []string{p}) {
			t.Fatalf("batch = %q", b.Paths)
		}
	case <-time.After(batchTimeout):
		t.Fatal("no batch")
	}

	// A change nobody receives must not keep Run from returning.
	<-promoted // the first batch's
	write(t, p, "y")
	select {
	case <-promoted:
	case <-time.After(batchTimeout):
		t.Fatal("the second change never became a batch")
	}
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("Run = %v, want context.Canceled", err)
		}
	case <-time.After(batchTimeout):
		t.Fatal("Run did not return")
	}
	if _, ok := <-w.Batches(); ok {
		t.Error("Batches not closed")
	}
	if err := w.Run(context.Background()); err == nil {
		t.Error("second Run did not fail")
	}

	// New without Run, then Close.
	w2, err := New(Options{Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	if err := w2.Close(); err != nil {
		t.Fatal(err)
	}

	// fsnotify's reader goroutines exit asynchronously after Close.
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("goroutines: %d before, %d after\n%s", before, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestNewErrors(t *testing.T) {
	if _, err := New(Options{}); err == nil {
		t.Error("no paths: want error")
	}
	if _, err := New(Options{Paths: []string{t.TempDir()}, Debounce: -1}); err == nil {
		t.Error("negative debounce: want error")
	}
}

func TestIsEditorTemp(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"x.md~", true},
		{"/site/content/x.md~", true},
		{".x.md.swp", true},
		{".x.md.swx", true},
		{".x.md.swpx", true},
		{"4913", true},
		{"/site/content/4913", true},
		{".#x.md", true},
		{"#x.md#", true},
		{"x.md.tmp", true},
		{"x.md___jb_tmp___", true},
		{"x.md___jb_old___", true},
		{".DS_Store", true},

		{"x.md", false},
		{"/site/content/x.md", false},
		{"config.toml", false},
		{"49130", false},
		{"4913.md", false},
		{"#", false},
		{"#hashtag.md", false},
		{"x.md#", false},
		{"~x.md", false},
		{"x.swp.md", false},
		{"tmp", false},
		{"x.tmpl", false},
		{".gitignore", false},
		{"/site/x.md~/y.md", false}, // only the base name counts
	}
	for _, tt := range tests {
		if got := IsEditorTemp(tt.path); got != tt.want {
			t.Errorf("IsEditorTemp(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

func TestWithin(t *testing.T) {
	tests := []struct {
		p, dir string
		want   bool
	}{
		{"/a/b", "/a", true},
		{"/a", "/a", true},
		{"/ab", "/a", false},
		{"/a", "/a/b", false},
		{"/a", "/", true},
		{"/", "/", true},
	}
	for _, tt := range tests {
		if got := within(filepath.FromSlash(tt.p), filepath.FromSlash(tt.dir)); got != tt.want {
			t.Errorf("within(%q, %q) = %v, want %v", tt.p, tt.dir, got, tt.want)
		}
	}
}

// After an event-queue overflow, rescan must report the roots and watch
// directories whose Create events were lost. Called directly (Run is not
// running, so nothing else touches the Watcher's state).
func TestRescan(t *testing.T) {
	dir := t.TempDir()
	w, err := New(Options{Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	lost := filepath.Join(dir, "lost", "deeper")
	mkdirAll(t, lost)

	w.rescan()
	if got := slices.Sorted(maps.Keys(w.pending)); !slices.Equal(got, []string{dir}) {
		t.Errorf("pending = %q, want [%q]", got, dir)
	}
	got := w.fsw.WatchList()
	for _, want := range []string{dir, filepath.Dir(lost), lost} {
		if !slices.Contains(got, want) {
			t.Errorf("WatchList = %q, missing %q", got, want)
		}
	}
}

func TestRelativePath(t *testing.T) {
	dir := t.TempDir()
	mkdirAll(t, filepath.Join(dir, "content"))
	t.Chdir(dir)
	h := start(t, Options{Paths: []string{"content", "./config.toml"}})
	p := filepath.Join(dir, "content", "x.md")
	write(t, p, "x")
	h.nextIs(p)
	write(t, "config.toml", "x")
	h.nextIs(filepath.Join(dir, "config.toml"))
}
