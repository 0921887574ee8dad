package watch

import (
	"io/fs"
	"time"
)

// attrs is what of a file's attributes decides whether a build can read
// it, or that it was touched.
type attrs struct {
	mode     fs.FileMode
	mtime    time.Time
	uid, gid int64 // -1 where the system has no owner in FileInfo.Sys
}

func attrsOf(fi fs.FileInfo) attrs {
	uid, gid := owner(fi)
	return attrs{mode: fi.Mode(), mtime: fi.ModTime(), uid: uid, gid: gid}
}
