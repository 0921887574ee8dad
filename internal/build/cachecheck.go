package build

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// cacheRefused says why the site src's cache folder is not used, and which
// site-relative path is the reason, or returns "" when it is used. The cache is in the site root, which a repository fills,
// and a build deletes files in it (stale pages and slides): a
// .lecgen/cache/pages committed as a symlink to another folder would have
// the build delete files there. So every folder on the way, from .lecgen
// down to the cache's own subfolders, must be a real folder or not exist
// yet (the build makes it).
func cacheRefused(src string) (rel, why string) {
	dir := cacheDir(src)
	for _, p := range []string{
		filepath.Dir(dir), dir,
		filepath.Join(dir, "highlight"), filepath.Join(dir, "slides"), filepath.Join(dir, "pages"),
	} {
		fi, err := os.Lstat(p)
		if err != nil {
			continue
		}
		if !fi.IsDir() {
			rel, _ := filepath.Rel(src, p)
			what := "a file"
			if fi.Mode()&fs.ModeSymlink != 0 {
				what = "a symlink"
			}
			return filepath.ToSlash(rel), fmt.Sprintf("%s, not a folder lecgen made: the build cache is not used (delete it, and the next build makes the cache anew)", what)
		}
	}
	return "", ""
}
