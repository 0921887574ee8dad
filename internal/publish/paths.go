package publish

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// pathSet is the set of files of a new tree and the folders they need,
// built one file at a time. add refuses a file that conflicts with one
// added earlier, whichever came first, so a set of files is accepted or
// refused as a whole whatever the order of the adds. It is not safe for
// concurrent use (Tx guards it with a mutex). It keeps a string and a small
// struct per file and folder, never file contents.
type pathSet struct {
	files map[string]string    // pathKey -> Path as given
	dirs  map[string]*dirEntry // pathKey -> folder
}

func newPathSet() pathSet {
	return pathSet{files: make(map[string]string), dirs: make(map[string]*dirEntry)}
}

// dirEntry is a folder of the new tree. It is created on disk the first
// time a file needs it (ensure), exactly once.
type dirEntry struct {
	path   string    // slash path, relative to the tree
	file   string    // the file whose add registered the folder, for messages
	parent *dirEntry // nil for a top-level folder

	once sync.Once
	err  error // of the mkdir (or of a parent's), set inside once
}

// ensure creates the folder (and, first, its parents) under root unless it
// was created already; concurrent callers wait for the first one. Every
// later call returns the first call's error.
func (d *dirEntry) ensure(root string) error {
	d.once.Do(func() {
		if d.parent != nil {
			if d.err = d.parent.ensure(root); d.err != nil {
				return
			}
		}
		d.err = os.Mkdir(filepath.Join(root, filepath.FromSlash(d.path)), dirPerm)
	})
	return d.err
}

// add validates f against the rules of File and the files added so far and
// records its path. It returns the folder f goes in, nil for the top level.
// On error the set is unchanged.
func (s *pathSet) add(f *File) (*dirEntry, error) {
	p := f.Path
	if err := checkPath(p); err != nil {
		return nil, err
	}
	if f.Source != "" && len(f.Data) > 0 {
		return nil, fmt.Errorf("file %q has both Data and Source", p)
	}
	first, _, _ := strings.Cut(p, "/")
	if pathKey(first) == pathKey(MarkerName) {
		return nil, fmt.Errorf("file %q: %s is reserved for lecgen's marker", p, MarkerName)
	}
	k := pathKey(p)
	if q, dup := s.files[k]; dup {
		if q == p {
			return nil, fmt.Errorf("file %q is written twice", p)
		}
		return nil, fmt.Errorf("files %q and %q differ only in case, which this OS's file systems ignore", q, p)
	}
	if d, isDir := s.dirs[k]; isDir {
		return nil, fmt.Errorf("%q is both a file and the folder of %q", p, d.file)
	}

	// Walk up to the first folder that is known already; only the ones
	// below it are new. Most files go into a known folder, so this is
	// usually one lookup.
	var (
		buf     [8]*dirEntry
		newDirs = buf[:0] // innermost first
		parent  *dirEntry // the first known folder, if any
	)
	for d := path.Dir(p); d != "."; d = path.Dir(d) {
		dk := pathKey(d)
		if q, isFile := s.files[dk]; isFile {
			return nil, fmt.Errorf("%q is both a file and the folder of %q", q, p)
		}
		if e, ok := s.dirs[dk]; ok {
			if e.path != d {
				// Its ancestors are spelled as in e.path, so one check
				// covers them all.
				return nil, fmt.Errorf("files %q and %q spell the folder %q differently, and this OS's file systems ignore case", e.file, p, e.path)
			}
			parent = e
			break
		}
		newDirs = append(newDirs, &dirEntry{path: d})
	}

	// Keep a clone, so that a Path cut from a larger string does not keep
	// that string alive; the key is computed again from the clone, as
	// pathKey may return its argument.
	p = strings.Clone(p)
	s.files[pathKey(p)] = p
	for i := len(newDirs) - 1; i >= 0; i-- {
		e := newDirs[i]
		e.path = p[:len(e.path)] // share p's memory
		e.file = p
		e.parent = parent
		s.dirs[pathKey(e.path)] = e
		parent = e
	}
	return parent, nil
}

// has reports whether p (exactly, not just its pathKey) was added.
func (s *pathSet) has(p string) bool {
	q, ok := s.files[pathKey(p)]
	return ok && q == p
}

// checkFiles validates a whole file set without touching any file system.
func checkFiles(files []File) error {
	s := newPathSet()
	for i := range files {
		if _, err := s.add(&files[i]); err != nil {
			return fmt.Errorf("file %d: %w", i, err)
		}
	}
	return nil
}

// checkPath validates a File.Path.
func checkPath(p string) error {
	switch {
	case p == "":
		return errors.New("empty path")
	case strings.Contains(p, `\`):
		return fmt.Errorf("path %q contains a backslash; use / to separate folders", p)
	case p == ".":
		return errors.New(`path "." is the output folder itself, not a file`)
	case path.Clean(p) != p:
		return fmt.Errorf("path %q is not clean (path.Clean gives %q)", p, path.Clean(p))
	case !filepath.IsLocal(filepath.FromSlash(p)):
		return fmt.Errorf("path %q is not a relative path inside the output folder", p)
	}
	return nil
}

// pathKey is the identity of a path on this OS's usual file system.
func pathKey(p string) string {
	if foldCase {
		return strings.ToLower(p)
	}
	return p
}
