package load

import (
	"fmt"
	"path/filepath"
	"strings"
)

// symlinkRefused says why the symlink rel (which is not broken) is not
// followed, or returns "" when it is. Only links into content/ are
// followed, never into a hidden file or folder there: anything else in or
// around the site may be private (.git/config holds the token of a CI
// checkout, .env a password), and a link is easy to slip into a pull
// request. Publishing a file is the author's decision, made by putting it
// in content/.
func (l *loader) symlinkRefused(rel string) string {
	target, err := filepath.EvalSymlinks(filepath.Join(l.root, filepath.FromSlash(rel)))
	if err != nil {
		// brokenLink has explained links that break inside the site.
		return "symlink points outside the site; not followed"
	}
	// content/ itself may be a symlink, to a folder anywhere.
	if content, err := filepath.EvalSymlinks(filepath.Join(l.root, "content")); err == nil {
		if r, err := filepath.Rel(content, target); err == nil && filepath.IsLocal(r) {
			if h := hiddenPrefix(r); h != "" {
				return fmt.Sprintf("symlink points into content/%s, a hidden file or folder, which is never published; not followed", h)
			}
			return ""
		}
	}
	if root, err := filepath.EvalSymlinks(l.root); err == nil {
		if r, err := filepath.Rel(root, target); err == nil && r == "." {
			return "symlink points to the site root, outside content/; not followed"
		} else if err == nil && filepath.IsLocal(r) {
			return fmt.Sprintf("symlink points to %s, outside content/; not followed (only what is in content/ is published: move or copy it there)", filepath.ToSlash(r))
		}
	}
	return "symlink points outside the site; not followed"
}

// hiddenPrefix returns the path rel up to its first hidden element (a
// name starting with a dot), slash-separated, or "" when it has none.
func hiddenPrefix(rel string) string {
	parts := strings.Split(filepath.ToSlash(rel), "/")
	for i, p := range parts {
		if strings.HasPrefix(p, ".") && p != "." {
			return strings.Join(parts[:i+1], "/")
		}
	}
	return ""
}
