package serve_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/testsite"
	"github.com/lecgen/lecgen/internal/testsite/servetest"
)

// TestPermissionFixesRebuild: serving as a normal user, a slide that
// cannot be read is an error until `chmod 644` fixes it, and a lecture
// folder that could not be read when it appeared is built once `chmod
// 755` makes it readable, with no other change and no restart.
func TestPermissionFixesRebuild(t *testing.T) {
	if testsite.AsNormalUser(t) {
		return
	}
	dir := site(t)
	locked := filepath.Join(dir, "content/01-intro/03-locked.md")
	write(t, locked, "# Locked\n\nRead at last.\n")
	if err := os.Chmod(locked, 0o000); err != nil {
		t.Fatal(err)
	}
	if _, err := os.ReadFile(locked); err == nil {
		t.Fatal("a file of mode 0o000 is readable here: the test cannot work")
	}
	r := servetest.Start(t, dir)
	events := sse(t, r.URL)
	if e := waitEvent(t, events, "errors "); !strings.Contains(e, "03-locked.md") {
		t.Fatalf("errors event does not name the unreadable slide: %s", e)
	}
	if err := os.Chmod(locked, 0o644); err != nil {
		t.Fatal(err)
	}
	waitEvent(t, events, "reload ")
	if code, body := get(t, r.URL+"intro/locked/"); code != 200 || !strings.Contains(body, "Read at last.") {
		t.Fatalf("the slide made readable: %d", code)
	}

	// A lecture folder moved in unreadable (write and search only, which
	// moving a folder needs), then made readable.
	staged := filepath.Join(t.TempDir(), "02-more")
	write(t, filepath.Join(staged, "01-extra.md"), "# Extra\n\nFound.\n")
	if err := os.Chmod(staged, 0o300); err != nil {
		t.Fatal(err)
	}
	lec := filepath.Join(dir, "content/02-more")
	if err := os.Rename(staged, lec); err != nil {
		t.Fatal(err)
	}
	waitEvent(t, events, "errors ")
	if err := os.Chmod(lec, 0o755); err != nil {
		t.Fatal(err)
	}
	waitEvent(t, events, "reload ")
	if code, body := get(t, r.URL+"more/extra/"); code != 200 || !strings.Contains(body, "Found.") {
		t.Fatalf("a slide of the folder made readable: %d", code)
	}
	// Watched from now on.
	write(t, filepath.Join(lec, "02-later.md"), "# Later\n")
	waitEvent(t, events, "reload ")
	if code, _ := get(t, r.URL+"more/later/"); code != 200 {
		t.Errorf("a slide added to the folder made readable: %d", code)
	}
}
