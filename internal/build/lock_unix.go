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
func lockCache(dir string) (unlock func(), ok bool) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, false
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
