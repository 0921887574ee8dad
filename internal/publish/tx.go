package publish

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
)

// ErrTxDone is returned by Write and Commit on a Tx that was already
// committed or aborted.
var ErrTxDone = errors.New("publish: transaction already committed or aborted")

// Tx is a publish in progress: a new output tree being built next to dest,
// one file at a time, until Commit swaps it in or Abort drops it.
//
// Write may be called from many goroutines at once; each call writes its
// file to disk before returning and keeps none of its bytes. Every Tx must
// be ended with Commit or Abort (defer tx.Abort() right after Begin: it is a
// no-op after Commit), because until then other Begin and Publish calls for
// the same dest in this process wait, and the temp folder stays on disk.
//
// The first Write that fails fails the Tx: that Write returns its error,
// later Writes return the same error without writing anything, and Commit
// returns it and leaves dest untouched. This includes invalid paths (see
// File), so the published tree never depends on the order of the Writes:
// two Writes of the same path, for example, make exactly one of them fail
// and then the Tx, whichever came first.
type Tx struct {
	ctx                context.Context
	dest, parent, base string          // dest is resolved
	destInfo           fs.FileInfo     // nil when dest does not exist yet
	old                map[string]bool // slash paths of the current dest's files -> is a regular file; read-only
	tmp                string
	unlockDest         func()
	unlockTmp          func() // the lock on tmp that keeps other runs from removing it

	// state is held shared by every Write for its whole duration and
	// exclusively by Commit and Abort to set done: they wait for the Writes
	// in flight, and later Writes see done. Writes do not exclude each
	// other.
	state sync.RWMutex
	done  bool

	// mu guards paths and err. It is held only for map operations, never
	// during I/O.
	mu    sync.Mutex
	paths pathSet
	err   error // the first Write error

	written, unchanged, bytes atomic.Int64
}

// Begin starts a new output tree for dest, to be filled with Write and put
// in place of dest with Commit.
//
// It removes leftovers of killed runs (sibling folders named like the two
// below that contain MarkerName), lists the files of the current dest, and
// creates a sibling temp folder named ".<destbase>.lecgen-tmp-<random>"
// containing MarkerName, so that the new tree is on the same file system
// and the swap is a rename, and so that a run killed at any point leaves a
// folder the next Begin recognises and removes.
//
// Commit swaps the temp folder with dest: with renameat2 RENAME_EXCHANGE on
// Linux, so dest/x is always either the old or the new file; elsewhere, or
// when the file system does not support the exchange, by renaming dest
// aside to ".<destbase>.lecgen-old-<random>" and the temp folder into
// place, which leaves dest missing for a moment. The old tree is then
// removed.
//
// Files whose bytes equal the file at the same path in the current dest are
// hard-linked from it instead of being written, so a no-op rebuild writes no
// file and keeps every mtime; they are counted in Stats.Unchanged. Other
// files are created with permissions 0644 and folders 0755 (less the
// umask); the top folder keeps the permissions of the folder it replaces.
// No file is fsynced: a rebuild restores the site after a power loss.
//
// dest must be absolute (see AbsDest); symlinks in it are resolved, and the
// folder they point to is replaced and gets the temp folder next to it.
// Begin does not check whether dest is a safe place to write: call
// CheckDest first. Begin takes the Lock on dest (see LockDest) until the Tx
// ends: it waits (or returns ctx.Err() when ctx is done first) until a Tx
// or Lock on dest in this or another process has ended, so one goroutine
// must not Begin twice on a dest without ending the first Tx. Leftovers
// are removed only when the run that made them is gone.
//
// ctx covers the whole Tx: once it is done, Write fails (without writing)
// and Commit fails without swapping; Abort still has to be called.
func Begin(ctx context.Context, dest string) (*Tx, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// LockDest refuses a relative dest: CheckDest takes relative folders
	// relative to the site root, the OS relative to the working
	// directory; it does not guess.
	l, err := LockDest(ctx, dest, nil)
	if err != nil {
		return nil, err
	}
	return begin(ctx, l.dest, l.Unlock)
}

// begin starts a Tx on the resolved dest, whose Lock is held; the Tx calls
// unlock when it ends.
func begin(ctx context.Context, dest string, unlock func()) (*Tx, error) {
	if err := ctx.Err(); err != nil {
		unlock()
		return nil, err
	}
	tx := &Tx{ctx: ctx, dest: dest, unlockDest: unlock, unlockTmp: func() {}, paths: newPathSet()}
	if err := tx.begin(); err != nil {
		if tx.tmp != "" {
			removeTree(tx.tmp)
		}
		tx.unlockTmp()
		unlock()
		return nil, fmt.Errorf("publish to %q: %w", dest, err)
	}
	return tx, nil
}

func (tx *Tx) begin() error {
	tx.parent, tx.base = filepath.Dir(tx.dest), filepath.Base(tx.dest)
	if tx.parent == tx.dest {
		return errors.New("cannot replace a file system root")
	}
	if err := os.MkdirAll(tx.parent, dirPerm); err != nil {
		return err
	}
	switch fi, err := os.Lstat(tx.dest); {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return err
	case !fi.IsDir():
		return errors.New("it exists and is not a folder")
	default:
		pi, err := os.Stat(tx.parent)
		if err != nil {
			return err
		}
		if !sameDevice(fi, pi) {
			// rename(2) cannot move a mount point, so the swap would fail
			// after all the work; say so up front.
			return errors.New("it is a mount point, and the new site is swapped in with a rename, which cannot cross file systems; publish to a folder inside it")
		}
		tx.destInfo = fi
	}

	tx.removeLeftovers()

	if tx.destInfo != nil {
		var err error
		if tx.old, err = listFiles(tx.dest); err != nil {
			return fmt.Errorf("reading current output: %w", err)
		}
	}
	if err := tx.ctx.Err(); err != nil {
		return err
	}
	if err := tx.makeTemp(); err != nil {
		return fmt.Errorf("creating temp folder: %w", err)
	}
	// The marker goes in first: a run killed from here on leaves a folder
	// that the next Begin recognises as its own and removes.
	return writeNew(filepath.Join(tx.tmp, MarkerName), []byte(markerContent))
}

// Write adds f to the new tree: it validates f.Path (see File) against the
// files written so far and writes the file right away, or hard-links it
// from the current dest when the bytes there are the same. Write does not
// keep f.Data, so the caller may reuse the buffer once Write returns.
//
// Write is safe for concurrent use; Writes of different files run in
// parallel (each folder is created once, by the first Write that needs it,
// and Writes into it wait for that). A failed Write fails the Tx (see Tx).
// After ctx is done, Write returns its error without writing; after Commit
// or Abort it returns ErrTxDone.
func (tx *Tx) Write(f File) error {
	tx.state.RLock()
	defer tx.state.RUnlock()
	if tx.done {
		return ErrTxDone
	}
	if err := tx.ctx.Err(); err != nil {
		return tx.fail(fmt.Errorf("publish to %q: %w", tx.dest, err))
	}
	dir, err := tx.reserve(&f)
	if err != nil {
		return err
	}
	if err := tx.place(dir, &f); err != nil {
		return tx.fail(fmt.Errorf("publish to %q: %s: %w", tx.dest, f.Path, err))
	}
	if testHookFileDone != nil {
		testHookFileDone(f.Path)
	}
	return nil
}

// reserve validates and records f's path, unless the Tx failed already.
func (tx *Tx) reserve(f *File) (*dirEntry, error) {
	tx.mu.Lock()
	defer tx.mu.Unlock()
	if tx.err != nil {
		return nil, tx.err
	}
	dir, err := tx.paths.add(f)
	if err != nil {
		tx.err = fmt.Errorf("publish: %w", err)
		return nil, tx.err
	}
	return dir, nil
}

// fail records err as the Tx's error unless there is one already, and
// returns err.
func (tx *Tx) fail(err error) error {
	tx.mu.Lock()
	if tx.err == nil {
		tx.err = err
	}
	tx.mu.Unlock()
	return err
}

// place puts f into the temp folder (in dir, nil for the top level):
// hard-linked from the current dest when the bytes are unchanged, otherwise
// written or copied.
func (tx *Tx) place(dir *dirEntry, f *File) error {
	if dir != nil {
		if err := dir.ensure(tx.tmp); err != nil {
			return err
		}
	}
	rel := filepath.FromSlash(f.Path)
	dst := filepath.Join(tx.tmp, rel)
	var oldPath string
	if tx.old[f.Path] {
		oldPath = filepath.Join(tx.dest, rel)
	}
	if f.Source != "" && f.LinkSource {
		if os.Link(f.Source, dst) == nil {
			if oldPath != "" && sameInode(f.Source, oldPath) {
				tx.unchanged.Add(1)
			} else {
				tx.written.Add(1)
			}
			return nil
		}
		// Another file system, or a file system without hard links.
	}
	if f.Source != "" {
		return tx.copySource(f.Source, oldPath, dst)
	}
	if err := tx.writeData(f.Data, oldPath, dst); err != nil {
		return err
	}
	if f.Keep != "" {
		_ = os.Link(dst, f.Keep)
	}
	return nil
}

// sameInode reports whether a and b are the same file.
func sameInode(a, b string) bool {
	ai, err := os.Lstat(a)
	if err != nil {
		return false
	}
	bi, err := os.Lstat(b)
	return err == nil && os.SameFile(ai, bi)
}

// writeData writes data to dst, or links oldPath (when not "") if it holds
// the same bytes.
func (tx *Tx) writeData(data []byte, oldPath, dst string) error {
	if oldPath != "" {
		s := scratchPool.Get().(*scratch)
		same := sameAsData(s, oldPath, data)
		scratchPool.Put(s)
		if same && os.Link(oldPath, dst) == nil {
			tx.unchanged.Add(1)
			return nil
		}
	}
	if err := writeNew(dst, data); err != nil {
		return err
	}
	tx.written.Add(1)
	tx.bytes.Add(int64(len(data)))
	return nil
}

// copySource copies the file source to dst, or links oldPath (when not "")
// if it holds the same bytes.
func (tx *Tx) copySource(source, oldPath, dst string) error {
	src, err := os.Open(source)
	if err != nil {
		return err
	}
	defer src.Close()
	si, err := src.Stat()
	if err != nil {
		return err
	}
	if !si.Mode().IsRegular() {
		return fmt.Errorf("source %q is not a regular file", source)
	}
	if oldPath != "" {
		s := scratchPool.Get().(*scratch)
		same := sameAsReader(s, oldPath, src, si.Size())
		scratchPool.Put(s)
		if same && os.Link(oldPath, dst) == nil {
			tx.unchanged.Add(1)
			return nil
		}
		if _, err := src.Seek(0, io.SeekStart); err != nil {
			return err
		}
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, filePerm)
	if err != nil {
		return err
	}
	// io.Copy uses copy_file_range/sendfile where available.
	n, err := io.Copy(out, src)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	tx.written.Add(1)
	tx.bytes.Add(n)
	return nil
}

// Commit puts the new tree in place of dest (see Begin), removes the old
// tree and reports what changed. It first waits for Writes still in flight
// in other goroutines; Writes after it return ErrTxDone.
//
// If a Write failed or ctx is done, or the swap fails, Commit removes the
// temp folder, leaves dest as it was and returns the error with zero Stats.
// Once the swap succeeded, Commit succeeds: failing to remove the old tree
// only leaves a marked folder that the next Begin removes. The Tx is ended
// either way; a second Commit returns ErrTxDone.
func (tx *Tx) Commit() (Stats, error) {
	if !tx.end() {
		return Stats{}, ErrTxDone
	}
	defer tx.release()
	if err := tx.commit(); err != nil {
		return Stats{}, err
	}
	st := Stats{
		Written:   int(tx.written.Load()),
		Unchanged: int(tx.unchanged.Load()),
		Bytes:     tx.bytes.Load(),
	}
	for f := range tx.old {
		if !tx.paths.has(f) {
			st.Removed++
		}
	}
	return st, nil
}

func (tx *Tx) commit() error {
	err := tx.err // no Write is in flight any more (see end)
	if err == nil {
		if err = tx.ctx.Err(); err != nil {
			err = fmt.Errorf("publish to %q: %w", tx.dest, err)
		}
	}
	if err != nil {
		// Best effort: a leftover keeps the marker, so the next Begin
		// removes it.
		removeTree(tx.tmp)
		return err
	}
	if testHookBeforeSwap != nil {
		testHookBeforeSwap()
	}
	oldTree, err := tx.swap()
	if err != nil {
		removeTree(tx.tmp)
		return fmt.Errorf("publish to %q: %w", tx.dest, err)
	}
	if testHookAfterSwap != nil {
		testHookAfterSwap()
	}
	if oldTree != "" {
		// The new site is in place, so a failure here is not a failed
		// publish; the leftover keeps the marker (when the old tree was
		// ours) and the next Begin removes it.
		removeTree(oldTree)
	}
	return nil
}

// Abort removes the temp folder and ends the Tx, leaving dest untouched. It
// waits for Writes still in flight in other goroutines. It does nothing
// after Commit or a previous Abort, so it is meant to be deferred.
func (tx *Tx) Abort() {
	if !tx.end() {
		return
	}
	defer tx.release()
	removeTree(tx.tmp)
}

// end marks the Tx done once no Write is in flight. It reports false if the
// Tx was done already.
func (tx *Tx) end() bool {
	tx.state.Lock()
	defer tx.state.Unlock()
	if tx.done {
		return false
	}
	tx.done = true
	return true
}

// release lets the next Tx on dest begin and drops the path sets, so that a
// *Tx kept after it ended holds no memory proportional to the site.
func (tx *Tx) release() {
	tx.old = nil
	tx.paths = pathSet{}
	tx.unlockTmp()
	tx.unlockDest()
}
