package watch

import "io/fs"

// attrs is what of a file's attributes decides whether a build can read
// it, or that it was touched.
type attrs struct {
	mode     fs.FileMode
	mtime    int64 // nanoseconds since 1970
	uid, gid int64 // -1 where the system has no owner in FileInfo.Sys
}

func attrsOf(fi fs.FileInfo) attrs {
	uid, gid := owner(fi)
	return attrs{mode: fi.Mode(), mtime: fi.ModTime().UnixNano(), uid: uid, gid: gid}
}
