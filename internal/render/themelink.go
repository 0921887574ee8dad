package render

import (
	"fmt"
	"path/filepath"
	"strings"
)

// refused says why the file p under the site's theme folder is not read,
// or returns "" when it is. A symlink there is followed only to a file
// inside the theme's own folder, and never into a hidden file or folder:
// a template linked to ../../.git/config would show the repository's
// settings (where CI keeps its token) on every page, and a link is easy
// to slip into a pull request. The theme folder itself may be a symlink.
func (o overlay) refused(p string) string {
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		return "" // missing: the built-in file is used; other errors are read's
	}
	root, err := filepath.EvalSymlinks(o.site)
	if err != nil {
		return ""
	}
	r, err := filepath.Rel(root, real)
	if err != nil || !filepath.IsLocal(r) {
		return fmt.Sprintf("symlink leads outside the theme's folder %s; not followed", o.siteRel)
	}
	for _, part := range strings.Split(filepath.ToSlash(r), "/") {
		if strings.HasPrefix(part, ".") {
			return fmt.Sprintf("symlink leads to %s/%s, a hidden file or folder; not followed", o.siteRel, filepath.ToSlash(r))
		}
	}
	return ""
}
