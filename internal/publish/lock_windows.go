//go:build windows

package publish

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// tryLockFile takes an exclusive lock on f's first byte without waiting;
// false when another handle holds it.
func tryLockFile(f *os.File) (bool, error) {
	var ol windows.Overlapped
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ol)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, windows.ERROR_LOCK_VIOLATION), errors.Is(err, windows.ERROR_IO_PENDING):
		return false, nil
	}
	return false, err
}

// unlockFile releases the lock and then removes name (unless it is ""):
// Windows cannot remove a file that is open. A process that opened it in
// between keeps it from being removed, and locks it next.
func unlockFile(f *os.File, name string) {
	var ol windows.Overlapped
	_ = windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, &ol)
	f.Close()
	if name != "" {
		os.Remove(name)
	}
}

// lockDir and inUse do nothing here: a file open inside the temp folder
// would keep Windows from renaming the folder into place. The lock on the
// output folder alone keeps other builds away.
func lockDir(string) func() { return func() {} }

func inUse(string) (bool, func()) { return false, func() {} }
