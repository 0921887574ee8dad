//go:build !unix

package load

import "io/fs"

// hardLinked reports whether the file has more than one name; false where
// FileInfo does not tell.
func hardLinked(fs.FileInfo) bool { return false }
