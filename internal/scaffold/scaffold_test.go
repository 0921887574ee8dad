package scaffold

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/load"
)

func TestNewSiteAndSlide(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "course")
	files, err := NewSite(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 5 {
		t.Errorf("only %d files: %v", len(files), files)
	}
	gi, err := os.ReadFile(filepath.Join(dir, ".gitignore"))
	if err != nil || !strings.Contains(string(gi), ".lecgen/") || !strings.Contains(string(gi), "public/") {
		t.Errorf(".gitignore: %q, %v", gi, err)
	}
	if _, err := NewSite(dir); err == nil {
		t.Error("NewSite into a non-empty folder succeeded")
	}
	for _, tc := range []struct{ title, want string }{
		{"Loss functions", "03-loss-functions.md"},
		{"Loss functions 2", "04-loss-functions-2.md"},
		// Titles whose slug is taken get a free one.
		{"Loss functions", "05-loss-functions-3.md"},
		{"Handout", "06-handout-2.md"},
	} {
		title, want := tc.title, tc.want
		rel, err := NewSlide(dir, "getting-started", title)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Base(rel) != want {
			t.Errorf("new slide %q, want %q", rel, want)
		}
		b, _ := os.ReadFile(filepath.Join(dir, rel))
		if !strings.Contains(string(b), "title = \""+title+"\"") || !strings.Contains(string(b), "\nNote:\n") {
			t.Errorf("slide content:\n%s", b)
		}
	}
	if _, ds := load.Load(context.Background(), dir, load.Options{}); ds.HasErrors() {
		t.Errorf("the new slides do not load:\n%v", ds)
	}
	if _, err := NewSlide(dir, "nope", "X"); err == nil || !strings.Contains(err.Error(), "getting-started") {
		t.Errorf("unknown lecture: %v", err)
	}
}
