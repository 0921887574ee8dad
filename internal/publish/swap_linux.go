package publish

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchange atomically swaps the folders a and b with renameat2
// RENAME_EXCHANGE, so that a path under b always resolves to a file of
// either the old or the new tree. It returns errExchangeUnsupported when the
// kernel or file system lacks the flag (EINVAL on some file systems, ENOSYS
// on kernels before 3.15 or under restrictive seccomp filters).
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EOPNOTSUPP) {
		return errExchangeUnsupported
	}
	return err
}
