//go:build unix

package publish

import (
	"io/fs"
	"syscall"
)

// sameDevice reports whether two files are on the same file system; a
// folder on another device than its parent is a mount point.
func sameDevice(a, b fs.FileInfo) bool {
	sa, okA := a.Sys().(*syscall.Stat_t)
	sb, okB := b.Sys().(*syscall.Stat_t)
	if !okA || !okB {
		return true // unknown: let the rename report any problem
	}
	return uint64(sa.Dev) == uint64(sb.Dev)
}
