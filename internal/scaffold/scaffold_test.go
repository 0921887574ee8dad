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
	// instructor/: the README's folder for the instructor build, whose
	// answers must not be pushed with the sources to a public repository.
	if err != nil || !strings.Contains(string(gi), ".lecgen/") || !strings.Contains(string(gi), "public/") || !strings.Contains(string(gi), "\ninstructor/\n") {
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
		rel, err := NewSlide(context.Background(), dir, "getting-started", title)
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
	// A folder named with a space after its number is found by its slug.
	if err := os.Rename(filepath.Join(dir, "content", "01-getting-started"), filepath.Join(dir, "content", "01 getting started")); err != nil {
		t.Fatal(err)
	}
	if rel, err := NewSlide(context.Background(), dir, "getting-started", "Spaced"); err != nil || filepath.Base(rel) != "07-spaced.md" {
		t.Errorf("new slide in \"01 getting started\": %q, %v", rel, err)
	}
	// Slugs taken by a decomposed (NFD) file name or by front matter.
	lec := filepath.Join(dir, "content", "01 getting started")
	for name, body := range map[string]string{
		"08-U\u0308ber.md": "# \u00dcber\n",
		"09-s.md":          "+++\nslug = \"custom\"\n+++\n# S\n",
	} {
		if err := os.WriteFile(filepath.Join(lec, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct{ title, want string }{
		{"\u00dcber", "10-\u00fcber-2.md"},
		{"U\u0308ber", "11-\u00fcber-3.md"},
		{"Custom", "12-custom-2.md"},
	} {
		if rel, err := NewSlide(context.Background(), dir, "getting-started", tc.title); err != nil || filepath.Base(rel) != tc.want {
			t.Errorf("new slide %q: %q, %v; want %q", tc.title, rel, err, tc.want)
		}
	}
	if _, ds := load.Load(context.Background(), dir, load.Options{}); ds.HasErrors() {
		t.Errorf("the new slides do not load:\n%v", ds)
	}
	// A lecture folder saved decomposed is found by the composed name.
	if err := os.Mkdir(filepath.Join(dir, "content", "02-U\u0308bung"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"\u00dcbung", "02-\u00dcbung", "U\u0308bung"} {
		if _, err := NewSlide(context.Background(), dir, name, "Task "+name); err != nil {
			t.Errorf("new slide in %q: %v", name, err)
		}
	}
	// A lecture whose slug is set in its _index.md is found by it.
	if err := os.WriteFile(filepath.Join(dir, "content", "02-U\u0308bung", "_index.md"), []byte("+++\nslug = \"exercises\"\n+++\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if rel, err := NewSlide(context.Background(), dir, "exercises", "More"); err != nil || !strings.HasSuffix(filepath.ToSlash(rel), "bung/04-more.md") {
		t.Errorf("new slide in the lecture with slug exercises: %q, %v", rel, err)
	}
	// A published slug wins over a folder's name: "getting-started" is
	// now the slug of the lecture in 02-Übung.
	if err := os.WriteFile(filepath.Join(dir, "content", "02-U\u0308bung", "_index.md"), []byte("+++\nslug = \"getting-started\"\n+++\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "01 getting started", "_index.md"), []byte("+++\nslug = \"start\"\n+++\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if rel, err := NewSlide(context.Background(), dir, "getting-started", "Which"); err != nil || !strings.Contains(filepath.ToSlash(rel), "bung/") {
		t.Errorf("new slide in the lecture published at getting-started/: %q, %v", rel, err)
	}
	if _, err := NewSlide(context.Background(), dir, "nope", "X"); err == nil || !strings.Contains(err.Error(), "01 getting started") {
		t.Errorf("unknown lecture: %v", err)
	}
}
