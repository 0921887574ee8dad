//go:build !unix && !windows

package publish

import (
	"errors"
	"os"
)

// There are no file locks here: a Lock holds only within this process.
func tryLockFile(*os.File) (bool, error) { return false, errNoFileLocks }

func unlockFile(f *os.File, name string) {
	f.Close()
	if name != "" {
		os.Remove(name)
	}
}

func lockDir(string) func() { return func() {} }

func inUse(string) (bool, func()) { return false, func() {} }

// openLockFile opens or creates the lock file name; a symlink there is
// refused (see checkLockFile).
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
