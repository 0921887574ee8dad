//go:build unix

package watch

import (
	"io/fs"
	"syscall"
)

// owner is fi's user and group: chown can make a file readable.
func owner(fi fs.FileInfo) (uid, gid int64) {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return int64(st.Uid), int64(st.Gid)
	}
	return -1, -1
}
