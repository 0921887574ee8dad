//go:build unix

package load

import (
	"io/fs"
	"syscall"
)

// hardLinked reports whether the file has more than one name.
func hardLinked(fi fs.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && st.Nlink > 1
}
