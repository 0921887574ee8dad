// Package atomicfile writes a file so that readers see either its old
// content or its whole new content, never a part: the caches under
// .lecgen/cache are written this way, and a crash leaves no torn entry.
package atomicfile

import (
	"io"
	"os"
	"path/filepath"
)

// Write writes a temporary file next to path with write, then renames it
// over path. The file is readable by all (0644): cache entries are not
// secret, and a cache shared with other users or tools should be
// readable. On error the temporary file is removed; an error wrapping
// fs.ErrNotExist means path's folder is missing.
func Write(path string, write func(io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
