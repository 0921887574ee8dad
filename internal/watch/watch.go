// Package watch provides debounced, batched, recursive file watching for
// `lecgen serve`.
//
// It wraps fsnotify (which is not recursive) and takes care of the cases that
// commonly break site-generator watchers:
//
//   - directories created or moved in later are watched too, and files that
//     appeared in them before their watch was in place are found by scanning;
//   - directories renamed or moved away have their watches dropped, so no
//     events arrive under stale names;
//   - single files (config.toml) are watched through their parent directory,
//     so editors that save by renaming a new file over the old one keep
//     working;
//   - paths that do not exist yet are watched through their nearest existing
//     parent and picked up when they appear;
//   - a change of mode, owner or modification time (chmod, chown, touch)
//     is a change, since it can make a file readable or not; a folder that
//     could not be watched because it was unreadable is watched once such
//     a change makes it readable;
//   - editor temporary files never trigger a rebuild;
//   - bursts of events (git checkout, a formatter run) arrive as one batch.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Default timings used when the corresponding Options field is zero.
const (
	DefaultDebounce = 50 * time.Millisecond
	DefaultMaxWait  = time.Second
)

// Options configures a Watcher.
type Options struct {
	// Paths to watch. A directory is watched recursively (every subdirectory,
	// including ones created later, e.g. `mkdir -p a/b/c` or a folder moved
	// in; removed/moved-away ones are dropped). A file (like config.toml) is
	// watched through its parent directory (never the file itself, so
	// rename-saves keep working), and only events for that file name pass. A
	// path that does not exist yet (e.g. no themes/ folder) is watched via its
	// nearest existing parent, and is picked up when created.
	//
	// Relative paths are made absolute against the working directory. Symbolic
	// links given here are followed; symbolic links found inside watched
	// directories are reported but not followed.
	Paths []string

	// Debounce is the quiet period that ends a batch; DefaultDebounce when 0.
	Debounce time.Duration

	// MaxWait bounds how long a continuous stream of events can delay a
	// batch; DefaultMaxWait when 0.
	MaxWait time.Duration

	// Ignore is an extra ignore rule, called with absolute paths. The editor
	// temp-file rules (IsEditorTemp) and the .git rule always apply. Ignored
	// directories are not watched. It is not consulted for Paths themselves.
	Ignore func(path string) bool
}

// Batch is one debounced burst of changes: deduplicated, sorted absolute
// paths that changed (created, written, removed, renamed, or a new mode,
// owner or modification time; other attribute events are ignored).
//
// A directory path in a batch means the directory itself was created, removed
// or renamed; files found inside a newly appeared directory are listed too.
// After an event-queue overflow, or when a parent folder of a watched path
// was removed or renamed, the watched Paths themselves are listed, meaning
// "anything at or below may have changed".
type Batch struct {
	Paths []string
}

// Watcher delivers Batches of changed paths. Create it with New, then call Run
// exactly once.
type Watcher struct {
	fsw      *fsnotify.Watcher
	roots    []string // absolute, cleaned, deduplicated Options.Paths
	debounce time.Duration
	maxWait  time.Duration
	ignore   func(string) bool

	batches chan Batch
	errs    chan error
	running atomic.Bool

	// Everything below is owned by New, then by the Run goroutine only.

	// dirs is every directory we asked fsnotify to watch, so that a removed
	// or renamed directory's whole subtree can be un-watched.
	dirs map[string]dirKind
	// attrs is what the last attribute event of a path found (see
	// attrChanged), so that events that change nothing a build reads
	// (extended attributes, link counts) are dropped.
	attrs map[string]attrs

	pending    map[string]struct{} // changes in the current (still noisy) burst
	firstEvent time.Time           // when the current burst started (for MaxWait)
	deadline   time.Time           // when the current burst ends unless more events come
	timer      *time.Timer         // fires when the current burst is over
	ready      map[string]struct{} // finished bursts not yet taken by the consumer
	readyBatch Batch               // sorted view of ready, offered on batches
	// promoted and touched, if set (by tests, before Run), are called when
	// a burst has become the batch on offer and when a change is seen.
	promoted, touched func()
}

type dirKind uint8

const (
	// kindAnchor: the (nearest existing) parent of a watched path; only
	// events on the way to a root pass.
	kindAnchor dirKind = iota + 1
	// kindTree: a directory inside a watched path; all events pass.
	kindTree
)

// New validates opts and sets up all watches, so that any change made after
// New returns is reported by Run. Call Run, or Close if Run is never called.
func New(opts Options) (*Watcher, error) {
	if len(opts.Paths) == 0 {
		return nil, errors.New("watch: no paths to watch")
	}
	if opts.Debounce < 0 || opts.MaxWait < 0 {
		return nil, errors.New("watch: negative Debounce or MaxWait")
	}
	w := &Watcher{
		debounce: orDefault(opts.Debounce, DefaultDebounce),
		maxWait:  orDefault(opts.MaxWait, DefaultMaxWait),
		ignore:   opts.Ignore,
		batches:  make(chan Batch),
		// Buffered so that a few errors survive until someone reads them;
		// beyond that they are dropped rather than stalling the watcher.
		errs:    make(chan error, 16),
		dirs:    make(map[string]dirKind),
		attrs:   make(map[string]attrs),
		pending: make(map[string]struct{}),
		ready:   make(map[string]struct{}),
		timer:   time.NewTimer(time.Hour),
	}
	w.timer.Stop()
	for _, p := range opts.Paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, fmt.Errorf("watch: %w", err)
		}
		if !slices.Contains(w.roots, abs) {
			w.roots = append(w.roots, abs)
		}
	}

	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	w.fsw = fsw
	for _, r := range w.roots {
		if err := w.syncRoot(r, false, false); err != nil {
			fsw.Close()
			return nil, err
		}
	}
	return w, nil
}

func orDefault(d, def time.Duration) time.Duration {
	if d == 0 {
		return def
	}
	return d
}

// Batches returns the channel batches are delivered on. It is unbuffered:
// while nobody receives, new changes are merged into the waiting batch, so a
// slow consumer (e.g. a rebuild in progress) gets one combined batch later
// and the watcher never blocks. It is closed when Run returns.
func (w *Watcher) Batches() <-chan Batch { return w.batches }

// Errors returns the channel for non-fatal errors (e.g. a directory that
// could not be watched, or an event-queue overflow). Errors are dropped when
// its small buffer is full. It is closed when Run returns.
func (w *Watcher) Errors() <-chan error { return w.errs }

// Close releases the underlying fsnotify watcher. It is only needed when Run
// is never called; calling it while Run is running makes Run return an error.
// It is safe to call more than once.
func (w *Watcher) Close() error { return w.fsw.Close() }

// errClosed is returned by Run when the fsnotify watcher was closed under it.
var errClosed = errors.New("watch: watcher closed")

// Run delivers batches until ctx is cancelled, then closes the fsnotify
// watcher and returns ctx.Err() (or a fatal error). Batches go to the channel
// from Batches(); errors from fsnotify that are not fatal go to Errors()
// (non-blocking; dropped if nobody reads). A batch that was not yet received
// when ctx is cancelled is dropped.
func (w *Watcher) Run(ctx context.Context) error {
	if !w.running.CompareAndSwap(false, true) {
		return errors.New("watch: Run called more than once")
	}
	defer func() {
		w.fsw.Close()
		w.timer.Stop()
		close(w.batches)
		close(w.errs)
	}()

	for {
		// Only offer a batch when one is ready; a nil channel disables the case.
		var out chan<- Batch
		if len(w.ready) > 0 {
			out = w.batches
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return errClosed
			}
			w.handle(ev)
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return errClosed
			}
			w.sendErr(err)
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				w.rescan()
			}
		case <-w.timer.C:
			if !w.takeQueued() {
				w.promote()
			}
		case out <- w.readyBatch:
			clear(w.ready)
			w.readyBatch = Batch{}
		}
	}
}

// handle applies one fsnotify event: it updates the set of watches and
// records the path if it is one we care about.
func (w *Watcher) handle(ev fsnotify.Event) {
	const interesting = fsnotify.Create | fsnotify.Write | fsnotify.Remove | fsnotify.Rename | fsnotify.Chmod
	if !ev.Op.Has(interesting) || ev.Name == "" {
		return
	}
	p := filepath.Clean(ev.Name)
	// Name-based, before any stat: Emacs lock files are dangling symlinks.
	if !slices.Contains(w.roots, p) && w.ignored(p) {
		return
	}
	if ev.Op == fsnotify.Chmod {
		w.attrChanged(p)
		return
	}
	delete(w.attrs, p) // written or moved: the next attribute event is news

	if ev.Op == fsnotify.Write && w.dirs[p] != 0 {
		// kqueue and Windows send this when a directory's entries change;
		// the entries get their own events.
		return
	}

	relevant := w.relevant(p)
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		// Must happen before a Create for the new name is handled: fsnotify
		// keeps the old name for an inode that is still watched.
		w.drop(p)
	}
	if relevant {
		w.touch(p)
		if ev.Has(fsnotify.Create) && w.dirs[p] != kindTree && w.isDir(p) {
			// A new or moved-in directory: watch it and report what is
			// already inside (created before the watch existed).
			w.sendErr(w.walk(p, true))
		}
	}
	// An ancestor of a watched path appeared or went away: re-anchor.
	if !ev.Op.Has(fsnotify.Create | fsnotify.Remove | fsnotify.Rename) {
		return
	}
	for _, r := range w.roots {
		if r != p && within(r, p) {
			if !ev.Has(fsnotify.Create) {
				w.touch(r) // Gone or moved with its ancestor; no event names r itself.
			}
			w.sendErr(w.syncRoot(r, true, false))
		}
	}
}

// attrChanged handles an attribute event (fsnotify's Chmod: chmod,
// chown, touch, but also extended attributes and link counts). A new mode,
// owner or modification time is a change: the build may now read a file
// it could not, or the reverse, and touch asks for a rebuild. A folder
// is walked again: one that is not watched yet, because it was unreadable
// when it appeared, is watched now and what it holds is reported, as for
// a new folder; in one that is, folders below it that could not be
// entered may be watched now. Still unreadable is an error again.
func (w *Watcher) attrChanged(p string) {
	if !w.relevant(p) {
		return // on the way to a root: only the roots' own names matter there
	}
	var fi fs.FileInfo
	var err error
	if slices.Contains(w.roots, p) {
		fi, err = os.Stat(p)
	} else {
		fi, err = os.Lstat(p)
	}
	if err != nil {
		return // gone: its Remove or Rename event reports it
	}
	a := attrsOf(fi)
	if old, ok := w.attrs[p]; ok && old == a {
		return
	}
	w.attrs[p] = a
	w.touch(p)
	if fi.IsDir() {
		w.sendErr(w.walk(p, w.dirs[p] != kindTree))
	}
}

// syncRoot makes sure root r is watched: recursively if it is an existing
// directory, otherwise through its nearest existing parent directory. With
// report, everything found is recorded as changed (r appeared while we ran).
// With force, already-watched directories are walked again.
func (w *Watcher) syncRoot(r string, report, force bool) error {
	parent := filepath.Dir(r)
	for {
		anchor := parent
		for !isDirFollow(anchor) && filepath.Dir(anchor) != anchor {
			anchor = filepath.Dir(anchor)
		}
		if err := w.addAnchor(anchor); err != nil {
			return err
		}
		if anchor == parent {
			break
		}
		// The next directory towards r may have been created between our
		// stat and the watch taking effect; then no event will come for it.
		if !isDirFollow(childToward(anchor, r)) {
			break
		}
	}
	// parent (if it exists) is watched now, so if r does not exist yet its
	// creation will produce an event.
	fi, err := os.Stat(r)
	if err != nil {
		return nil
	}
	if !fi.IsDir() {
		if report {
			w.touch(r)
		}
		return nil
	}
	if w.dirs[r] == kindTree && !force {
		return nil
	}
	if report {
		w.touch(r)
	}
	return w.walk(r, report)
}

// walk watches dir and every directory below it. The watch is added before
// the directory is read, so an entry created concurrently is either listed or
// produces an event (or both), never neither. With report, every entry found
// is recorded as changed.
func (w *Watcher) walk(dir string, report bool) error {
	if err := w.fsw.Add(dir); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil // Removed again already; its Remove event handles it.
		}
		return fmt.Errorf("watch: %s: %w", dir, err)
	}
	w.dirs[dir] = kindTree

	entries, err := os.ReadDir(dir)
	var errs []error
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		errs = append(errs, fmt.Errorf("watch: %w", err))
	}
	for _, e := range entries { // ReadDir returns what it could read on error.
		p := filepath.Join(dir, e.Name())
		if w.ignored(p) {
			continue
		}
		if report {
			w.touch(p)
		}
		if e.IsDir() { // From the directory entry: symlinks are not followed.
			errs = append(errs, w.walk(p, report))
		}
	}
	return errors.Join(errs...)
}

func (w *Watcher) addAnchor(dir string) error {
	if _, ok := w.dirs[dir]; ok {
		return nil
	}
	if err := w.fsw.Add(dir); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("watch: %s: %w", dir, err)
	}
	w.dirs[dir] = kindAnchor
	return nil
}

// drop removes the watches on p and everything below it after p was removed
// or renamed. Without this, the watches on subdirectories of a renamed
// directory would live on and report events under the old names.
func (w *Watcher) drop(p string) {
	delete(w.attrs, p)
	// Fast path for plain files: watched directories below p exist only if p
	// is itself watched or lies on the way to a root (see syncRoot and walk).
	_, watched := w.dirs[p]
	if !watched && !slices.ContainsFunc(w.roots, func(r string) bool { return within(r, p) }) {
		return
	}
	for q := range w.attrs {
		if within(q, p) {
			delete(w.attrs, q)
		}
	}
	for d := range w.dirs {
		if within(d, p) {
			// Errors are expected: the kernel or fsnotify may have removed
			// the watch already (deleted directory, IN_MOVE_SELF).
			_ = w.fsw.Remove(d)
			delete(w.dirs, d)
		}
	}
}

// rescan is the recovery after events were lost: report every root as
// changed, and re-walk them to watch directories created meanwhile.
func (w *Watcher) rescan() {
	for _, r := range w.roots {
		w.touch(r)
		w.sendErr(w.syncRoot(r, false, true))
	}
}

// touch records p as changed and (re)arms the debounce timer.
func (w *Watcher) touch(p string) {
	if w.touched != nil {
		w.touched()
	}
	now := time.Now()
	if len(w.pending) == 0 {
		w.firstEvent = now
	}
	w.pending[p] = struct{}{}
	deadline := now.Add(w.debounce)
	if limit := w.firstEvent.Add(w.maxWait); limit.Before(deadline) {
		deadline = limit
	}
	w.deadline = deadline
	w.timer.Reset(deadline.Sub(now))
}

// takeQueued handles events that are already waiting, and reports whether
// they extended the current burst. After a stall (GC, CPU throttling) the
// timer and a queued event become ready together and select picks one at
// random; the queued event belongs to the burst and must not be split off.
func (w *Watcher) takeQueued() (extended bool) {
	for range 1000 { // Bounded, so a flood cannot starve ctx and the consumer.
		select {
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return false // Run notices the closed channel next.
			}
			w.handle(ev)
		default:
			return w.extended()
		}
	}
	return w.extended()
}

// extended reports whether the timer that just fired is out of date: the
// timer only fires at or after the deadline, so a deadline still ahead means
// an event pushed it back. Once MaxWait caps the deadline it stays in the
// past, so even an endless flood of events gets flushed.
func (w *Watcher) extended() bool { return time.Now().Before(w.deadline) }

// promote ends the current burst: its paths join the batch offered to the
// consumer (merging with one that was not taken yet).
func (w *Watcher) promote() {
	if len(w.pending) == 0 {
		return
	}
	for p := range w.pending {
		w.ready[p] = struct{}{}
	}
	clear(w.pending)
	w.readyBatch = Batch{Paths: slices.Sorted(maps.Keys(w.ready))}
	if w.promoted != nil {
		w.promoted()
	}
}

func (w *Watcher) sendErr(err error) {
	if err == nil {
		return
	}
	select {
	case w.errs <- err:
	default:
	}
}

// relevant reports whether p is a root or lies inside one.
func (w *Watcher) relevant(p string) bool {
	return slices.ContainsFunc(w.roots, func(r string) bool { return within(p, r) })
}

func (w *Watcher) ignored(p string) bool {
	return filepath.Base(p) == ".git" || IsEditorTemp(p) || (w.ignore != nil && w.ignore(p))
}

// isDir follows symlinks only for roots (which the user named explicitly).
func (w *Watcher) isDir(p string) bool {
	if slices.Contains(w.roots, p) {
		return isDirFollow(p)
	}
	fi, err := os.Lstat(p)
	return err == nil && fi.IsDir()
}

func isDirFollow(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// within reports whether p is dir or below it.
func within(p, dir string) bool {
	if p == dir {
		return true
	}
	if !strings.HasSuffix(dir, string(filepath.Separator)) { // "/" already ends in one.
		dir += string(filepath.Separator)
	}
	return strings.HasPrefix(p, dir)
}

// childToward returns the child of ancestor on the way to p.
func childToward(ancestor, p string) string {
	for filepath.Dir(p) != ancestor && filepath.Dir(p) != p {
		p = filepath.Dir(p)
	}
	return p
}

// IsEditorTemp reports whether a path is an editor's temporary file that
// never triggers a rebuild. Only the base name is looked at (no stat: Emacs
// lock files are often dangling symlinks).
func IsEditorTemp(path string) bool {
	base := filepath.Base(path)
	switch {
	case base == "4913": // vim's probe for whether it may write in a directory
	case base == ".DS_Store":
	case strings.HasSuffix(base, "~"): // vim and Emacs backups
	case strings.HasSuffix(base, ".swp"), strings.HasSuffix(base, ".swx"), strings.HasSuffix(base, ".swpx"): // vim swap
	case strings.HasSuffix(base, ".tmp"):
	case strings.HasPrefix(base, ".#"): // Emacs lock files
	case len(base) > 1 && strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#"): // Emacs autosave
	case strings.Contains(base, "___jb_tmp___"), strings.Contains(base, "___jb_old___"): // JetBrains safe-write
	default:
		return false
	}
	return true
}
