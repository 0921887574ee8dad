//go:build unix

package build

import (
	"os"
	"path/filepath"
	"syscall"
)

// lockCache takes the lock on a site's cache folder for one build, without
// waiting: a build that does not get it (another build of the same site is
// running) leaves the page store alone, as the other build prunes it.
// Without a cache folder there is nothing to protect yet, and a build that
// fails must not leave one behind, so none is made here.
func lockCache(dir string) (unlock func(), ok bool) {
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return func() {}, true
	}
	f, err := os.OpenFile(filepath.Join(dir, "lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, false
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, false
	}
	return func() {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, true
}
