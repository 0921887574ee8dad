//go:build unix

package publish

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// openLockFile opens or creates the lock file name, without following a
// symlink there (see checkLockFile) or blocking on a FIFO.
func openLockFile(name string) (*os.File, error) {
	f, err := os.OpenFile(name, os.O_CREATE|os.O_RDWR|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, filePerm)
	if errors.Is(err, syscall.ELOOP) || errors.Is(err, syscall.EMLINK) {
		return nil, fmt.Errorf("%s is a symlink, not lecgen's lock file; remove it", name)
	}
	if err != nil {
		return nil, err
	}
	return checkLockFile(f, name)
}

// tryLockFile takes an exclusive flock on f without waiting; false when
// another open file holds it.
func tryLockFile(f *os.File) (bool, error) {
	err := flock(f, syscall.LOCK_EX|syscall.LOCK_NB)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, syscall.EWOULDBLOCK):
		return false, nil
	case errors.Is(err, syscall.ENOLCK), errors.Is(err, syscall.EOPNOTSUPP), errors.Is(err, syscall.ENOSYS):
		return false, errNoFileLocks
	}
	return false, err
}

// unlockFile removes name (unless it is "") while still holding the lock,
// so that a process waiting for it finds the file gone and makes a new
// one, then releases the lock.
func unlockFile(f *os.File, name string) {
	if name != "" {
		os.Remove(name)
	}
	_ = flock(f, syscall.LOCK_UN)
	f.Close()
}

func flock(f *os.File, how int) error {
	for {
		err := syscall.Flock(int(f.Fd()), how)
		if err != syscall.EINTR {
			return err
		}
	}
}

// lockDir holds a lock on a temp folder for as long as its Tx runs, so
// that removeLeftovers in another process, which cannot tell a killed
// run's folder from a running one's by its name, leaves it alone. It
// returns a function that releases the lock.
func lockDir(dir string) func() {
	f, err := os.Open(dir)
	if err != nil {
		return func() {}
	}
	if ok, _ := tryLockFile(f); !ok {
		f.Close()
		return func() {}
	}
	return func() { unlockFile(f, "") }
}

// inUse reports whether a running Tx holds the lock of the temp folder dir
// (see lockDir). When it does not, the lock is held until the returned
// function is called, so that no run can take the folder over meanwhile.
func inUse(dir string) (bool, func()) {
	f, err := os.Open(dir)
	if err != nil {
		return false, func() {}
	}
	ok, err := tryLockFile(f)
	if err == nil && !ok {
		f.Close()
		return true, nil
	}
	return false, func() { unlockFile(f, "") }
}
