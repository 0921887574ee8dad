//go:build !unix && !windows

package publish

import "os"

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
