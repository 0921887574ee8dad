package importer

import (
	"path/filepath"
	"strings"
)

// hiddenAsset tells whether the file abs, which the link path p of deck d
// names, is hidden or in a hidden folder, as the link spells it or as it
// really is (through symlinks). Such a file is never copied into the
// course, where the next build would publish it: a deck from elsewhere
// may link ../.ssh/id_rsa, and a link into .git/ would publish the token
// CI keeps in .git/config. The loader skips hidden files in content/ for
// the same reason.
func hiddenAsset(d *deck, p, abs string) bool {
	if hiddenPath(p) {
		return true
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return false
	}
	base, err := filepath.EvalSymlinks(dirOf(d.src.abs))
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(base, real)
	return err != nil || hiddenPath(filepath.ToSlash(rel))
}

// hiddenPath tells whether a slash path has a name starting with a dot
// ("." and ".." do not count).
func hiddenPath(p string) bool {
	for _, part := range strings.Split(p, "/") {
		if strings.HasPrefix(part, ".") && part != "." && part != ".." {
			return true
		}
	}
	return false
}

// inside tells whether p, made from root and a site-absolute link, is
// still inside root: "/../x" is not.
func inside(root, p string) bool {
	r, err := filepath.Rel(root, p)
	return err == nil && filepath.IsLocal(r)
}
