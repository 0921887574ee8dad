package resolve

import (
	"fmt"
	"path"
	"strings"
)

// lectureHint explains a link to a Markdown file that does not exist but
// names a lecture, as a link to 02-getting-started.md does when the
// lecture is the folder content/02-getting-started/: lectures are
// folders, and the link goes to the folder or by the lecture's slug. It
// returns "" when no lecture has that name. from is the linking file.
func (ix *targets) lectureHint(file, from string) string {
	base := strings.TrimSuffix(path.Base(file), path.Ext(file))
	name := withoutNumber(base)
	for _, l := range ix.c.Lectures {
		dir := path.Base(l.Dir)
		if !strings.EqualFold(dir, base) && !strings.EqualFold(l.Slug, name) && !strings.EqualFold(withoutNumber(dir), name) {
			continue
		}
		return fmt.Sprintf("; %q is a lecture, the folder %s/: link to %s/ or write [[%s]]", l.Slug, l.Dir, relPath(path.Dir(from), l.Dir), l.Slug)
	}
	return ""
}

// withoutNumber drops a file or folder name's order prefix ("02-",
// "02 ", "01a-", "01.5_") as the loader does for slugs.
func withoutNumber(name string) string {
	i := 0
	for i < len(name) && name[i] >= '0' && name[i] <= '9' {
		i++
	}
	if i == 0 {
		return name
	}
	if i < len(name) && name[i] == '.' {
		for i++; i < len(name) && name[i] >= '0' && name[i] <= '9'; i++ {
		}
	} else if i < len(name) && name[i] >= 'a' && name[i] <= 'z' {
		i++
	}
	rest := strings.TrimLeft(name[i:], " ")
	if len(rest) < len(name[i:]) || strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "_") {
		rest = strings.TrimLeft(strings.TrimLeft(rest, "-_"), " ")
		if rest != "" {
			return strings.Join(strings.Fields(rest), "-")
		}
	}
	return name
}

// relPath is the relative link from the folder from to the folder to,
// both slash paths under content/.
func relPath(from, to string) string {
	f, t := strings.Split(from, "/"), strings.Split(to, "/")
	n := 0
	for n < len(f) && n < len(t) && f[n] == t[n] {
		n++
	}
	parts := make([]string, 0, len(f)-n+len(t)-n)
	for range f[n:] {
		parts = append(parts, "..")
	}
	parts = append(parts, t[n:]...)
	if len(parts) == 0 {
		return "."
	}
	return strings.Join(parts, "/")
}
