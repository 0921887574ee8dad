package watch

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/lecgen/lecgen/internal/testsite"
)

// nextError waits for the watcher's next error.
func (h *harness) nextError() error {
	h.t.Helper()
	select {
	case err := <-h.w.Errors():
		return err
	case <-time.After(batchTimeout):
		h.t.Fatal("timed out waiting for a watcher error")
	}
	return nil
}

// TestUnreadableDirWatchedOnceReadable: a folder that cannot be read
// when it appears cannot be watched (inotify needs read access) and its
// slides cannot be listed; once `chmod 755` makes it readable, its files
// are reported and it is watched from then on.
func TestUnreadableDirWatchedOnceReadable(t *testing.T) {
	if testsite.AsNormalUser(t) {
		return
	}
	root := t.TempDir()
	content := filepath.Join(root, "content")
	mkdirAll(t, content)
	h := start(t, Options{Paths: []string{content}})

	// Made elsewhere and moved in, unreadable (write and search only,
	// which a move of a folder needs).
	staged := filepath.Join(root, "staged")
	mkdirAll(t, staged)
	write(t, filepath.Join(staged, "01-a.md"), "# A\n")
	if err := os.Chmod(staged, 0o300); err != nil {
		t.Fatal(err)
	}
	if _, err := os.ReadDir(staged); !errors.Is(err, fs.ErrPermission) {
		t.Fatalf("a folder of mode 0o300 is readable here (%v): the test cannot work", err)
	}
	lec := filepath.Join(content, "02-lec")
	rename(t, staged, lec)
	h.until(lec)
	if err := h.nextError(); !errors.Is(err, fs.ErrPermission) {
		t.Fatalf("watcher error for the unreadable folder: %v, want permission denied", err)
	}

	if err := os.Chmod(lec, 0o755); err != nil {
		t.Fatal(err)
	}
	h.until(filepath.Join(lec, "01-a.md"))
	if got := h.watched(lec); len(got) != 1 || got[0] != lec {
		t.Errorf("watches under the folder made readable: %q", got)
	}
	b := filepath.Join(lec, "02-b.md")
	write(t, b, "# B\n")
	h.until(b)

	// A folder that can be listed but not entered (mode 0o600): it is
	// watched, a folder inside it cannot be; chmod 755 on the outer one
	// watches the inner one.
	staged = filepath.Join(root, "staged2")
	mkdirAll(t, filepath.Join(staged, "img"))
	if err := os.Chmod(staged, 0o600); err != nil {
		t.Fatal(err)
	}
	outer := filepath.Join(content, "03-lec")
	inner := filepath.Join(outer, "img")
	rename(t, staged, outer)
	h.until(outer, inner)
	if err := h.nextError(); !errors.Is(err, fs.ErrPermission) {
		t.Fatalf("watcher error for the folder that cannot be entered: %v, want permission denied", err)
	}
	if err := os.Chmod(outer, 0o755); err != nil {
		t.Fatal(err)
	}
	h.until(outer)
	pic := filepath.Join(inner, "a.svg")
	write(t, pic, "<svg/>")
	h.until(pic)
}

// TestChmodAndTouchReported: chmod and touch change what a build can read
// (a slide unreadable until chmod 644) or ask for a rebuild (touch), so
// they are changes; an event that changes neither the mode, the owner nor
// the modification time (extended attributes, link counts) is not.
// Events arrive in order, so the batch with the next write shows whether
// an earlier event was reported.
func TestChmodAndTouchReported(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "01-a.md")
	other := filepath.Join(dir, "02-other.md")
	write(t, a, "# A\n")
	if err := os.Chmod(a, 0o000); err != nil {
		t.Fatal(err)
	}
	h := start(t, Options{Paths: []string{dir}})

	if err := os.Chmod(a, 0o644); err != nil {
		t.Fatal(err)
	}
	h.nextIs(a)

	future := time.Now().Add(time.Hour)
	if err := os.Chtimes(a, future, future); err != nil {
		t.Fatal(err)
	}
	h.nextIs(a)

	// The same mode and times again: no change.
	if err := os.Chmod(a, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(a, future, future); err != nil {
		t.Fatal(err)
	}
	write(t, other, "# Other\n")
	h.nextIs(other)

	// Unreadable again: the build must say so.
	if err := os.Chmod(a, 0o200); err != nil {
		t.Fatal(err)
	}
	h.nextIs(a)

	// A folder's mode: anything below may have become readable or not.
	sub := filepath.Join(dir, "03-sub")
	mkdirAll(t, sub)
	h.nextIs(sub)
	if err := os.Chmod(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	h.nextIs(sub)
}
