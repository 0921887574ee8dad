//go:build !unix

package publish

import (
	"errors"
	"os"
)

// openLockFile opens or creates the lock file name; a symlink there is
// refused (see checkLockFile). Without O_NOFOLLOW (lock_unix.go) the
// check comes first, then the open.
func openLockFile(name string) (*os.File, error) {
	if fi, err := os.Lstat(name); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		return nil, errors.New(name + " is a symlink, not lecgen's lock file; remove it")
	}
	f, err := os.OpenFile(name, os.O_CREATE|os.O_RDWR, filePerm)
	if err != nil {
		return nil, err
	}
	return checkLockFile(f, name)
}
