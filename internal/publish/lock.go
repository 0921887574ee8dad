package publish

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// lockInfix names the file next to dest that a Lock holds: the lock is a
// sibling of dest, not inside it, because dest itself is swapped away.
const lockInfix = ".lecgen-lock"

// lockPoll is how often a waiting LockDest tries again. Locks are tried
// rather than waited for in the kernel, so that ctx can end the wait.
const lockPoll = 100 * time.Millisecond

// Lock is a hold on an output folder: while one is held, no other Lock on
// the same folder is given out, in this process or (where the OS has file
// locks: Unix and Windows) in any other, so two builds never write one
// output folder at the same time. A killed process's lock ends with it.
//
// Begin and Publish take a Lock themselves for as long as they run; a
// build takes one with LockDest for its whole run and publishes under it
// with Lock.Begin or Lock.Publish.
type Lock struct {
	dest    string // resolved
	release func()
	once    sync.Once
}

// LockDest waits until no other Lock on dest is held and takes it, or
// returns ctx.Err() when ctx is done first. When the lock is taken and
// waiting is not nil, waiting is called once before waiting, with a
// description of the holder ("process 1234") or "" when it is not known.
//
// dest must be absolute (see AbsDest); symlinks in it are resolved, so
// every name of one folder shares one lock. The lock is a file
// ".<destbase>.lecgen-lock" next to dest, which is removed when the lock is
// released (and left behind only by a killed process, to be reused).
// Where the file system cannot lock files (some network file systems), the
// lock holds only within this process.
func LockDest(ctx context.Context, dest string, waiting func(holder string)) (*Lock, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !filepath.IsAbs(dest) {
		return nil, fmt.Errorf("publish: output folder %q is not absolute; use AbsDest", dest)
	}
	dest, err := resolvePath(filepath.Clean(dest))
	if err != nil {
		return nil, fmt.Errorf("publish: output folder: %w", err)
	}
	parent := filepath.Dir(dest)
	if parent == dest {
		return nil, fmt.Errorf("publish to %q: cannot replace a file system root", dest)
	}
	notified := false
	notify := func(holder string) {
		if waiting != nil && !notified {
			notified = true
			waiting(holder)
		}
	}
	unlockProc, err := lockInProcess(ctx, dest, func() { notify("another build in this process") })
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(parent, dirPerm); err != nil {
		unlockProc()
		return nil, fmt.Errorf("publish to %q: %w", dest, err)
	}
	name := filepath.Join(parent, "."+filepath.Base(dest)+lockInfix)
	unlockFile, err := lockFileLoop(ctx, name, notify)
	if err != nil {
		unlockProc()
		if ctx.Err() == nil {
			err = fmt.Errorf("publish to %q: locking the output folder: %w", dest, err)
		}
		return nil, err
	}
	return &Lock{dest: dest, release: func() { unlockFile(); unlockProc() }}, nil
}

// Unlock releases the lock. It may be called more than once.
func (l *Lock) Unlock() { l.once.Do(l.release) }

// Begin is the package's Begin for the locked folder: the Tx does not
// release the lock when it ends, the caller does. Only one Tx at a time
// may be open under a Lock: nothing else keeps two apart.
func (l *Lock) Begin(ctx context.Context) (*Tx, error) {
	return begin(ctx, l.dest, func() {})
}

// Publish is the package's Publish for the locked folder.
func (l *Lock) Publish(ctx context.Context, files []File) (Stats, error) {
	if err := ctx.Err(); err != nil {
		return Stats{}, err
	}
	if err := checkFiles(files); err != nil {
		return Stats{}, fmt.Errorf("publish: %w", err)
	}
	tx, err := l.Begin(ctx)
	if err != nil {
		return Stats{}, err
	}
	return fill(ctx, tx, files)
}

// destLocks serialises locks on the same folder within this process, so
// that goroutines wait for each other without polling the file lock.
var destLocks sync.Map // resolved dest -> chan struct{} of capacity 1

// lockInProcess waits until no other Lock of this process is held on dest,
// or ctx is done. waiting is called when it has to wait.
func lockInProcess(ctx context.Context, dest string, waiting func()) (unlock func(), err error) {
	v, ok := destLocks.Load(dest)
	if !ok {
		v, _ = destLocks.LoadOrStore(dest, make(chan struct{}, 1))
	}
	sem := v.(chan struct{})
	select {
	case sem <- struct{}{}:
		return func() { <-sem }, nil
	default:
	}
	waiting()
	select {
	case sem <- struct{}{}:
		return func() { <-sem }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// lockFileLoop takes the file lock name, trying again every lockPoll until
// ctx is done. The previous holder removes the file when it is done; a
// lock taken on a file that is no longer at name is worthless (a third
// process may have made a new one and locked that), so it is dropped and
// tried again.
func lockFileLoop(ctx context.Context, name string, waiting func(holder string)) (unlock func(), err error) {
	for {
		f, err := openLockFile(name)
		if err != nil {
			return nil, err
		}
		got, err := tryLockFile(f)
		if errors.Is(err, errNoFileLocks) {
			f.Close()
			return func() {}, nil
		}
		if err != nil {
			f.Close()
			return nil, err
		}
		if got {
			fi, ferr := f.Stat()
			ni, nerr := os.Stat(name)
			if ferr == nil && nerr == nil && os.SameFile(fi, ni) {
				// Who holds the lock, for the message of a build that waits.
				_ = f.Truncate(0)
				_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
				return func() { unlockFile(f, name) }, nil
			}
			unlockFile(f, "")
			continue
		}
		waiting(holder(f))
		f.Close()
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(lockPoll):
		}
	}
}

// holder describes the process that holds the lock file f, from the
// process id it wrote there.
func holder(f *os.File) string {
	b := make([]byte, 32)
	n, _ := f.ReadAt(b, 0)
	if pid, err := strconv.Atoi(strings.TrimSpace(string(b[:n]))); err == nil && pid > 0 {
		return "process " + strconv.Itoa(pid)
	}
	return ""
}

// checkLockFile refuses a lock file that is not a regular file: the name is
// in a folder a repository may fill (the site root), and a symlink there
// must not make a build write its process id into the file it points to.
func checkLockFile(f *os.File, name string) (*os.File, error) {
	fi, err := f.Stat()
	if err == nil && !fi.Mode().IsRegular() {
		err = fmt.Errorf("%s is not a regular file (%v); remove it", name, fi.Mode().Type())
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// errNoFileLocks is what tryLockFile returns where files cannot be locked.
var errNoFileLocks = errors.New("file locks are not supported here")
