package scaffold

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/load"
	"github.com/lecgen/lecgen/internal/testsite"
)

// TestNewSlideAfter: --after puts a slide right after another without
// renaming a file, and the loader orders it there.
func TestNewSlideAfter(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files []string // slide files of content/01-a
		after string
		want  string // the new file, or the start of the error
	}{
		{"between two numbers", []string{"01-x", "02-y"}, "x", "01a-new.md"},
		{"after the last", []string{"01-x", "02-y"}, "y", "02a-new.md"},
		{"after an inserted one", []string{"01-x", "01a-z", "02-y"}, "z", "01b-new.md"},
		{"before an inserted one", []string{"01-x", "01a-z", "02-y"}, "x", "01.1-new.md"},
		{"between decimals", []string{"01-x", "01.5-z", "01a-w"}, "z", "01.6-new.md"},
		{"three digits", []string{"001-x", "002-y"}, "x", "001a-new.md"},
		{"one digit", []string{"1-x", "2-y"}, "x", "01a-new.md"},
		{"no room", []string{"01a-x", "01b-y"}, "x", "no number left between content/01-a/01a-x.md and"},
		{"unnumbered", []string{"x", "01-y"}, "x", `slide "x" (content/01-a/x.md) has no number in its file name`},
		{"unknown", []string{"01-intro"}, "intr", `no slide "intr" in lecture "a" (did you mean "intro"?)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{"config.toml": ""}
			for _, f := range tc.files {
				files["content/01-a/"+f+".md"] = "# " + f + "\n"
			}
			site := testsite.New(t, files)
			rel, err := NewSlideAfter(context.Background(), site, "a", "New", tc.after)
			if strings.HasSuffix(tc.want, ".md") {
				if err != nil || filepath.Base(rel) != tc.want {
					t.Fatalf("got %q, %v; want %s", rel, err, tc.want)
				}
				loaded, ds := load.Load(context.Background(), site, load.Options{})
				if ds.HasErrors() {
					t.Fatal(ds)
				}
				slides := loaded.Course.Lectures[0].Slides
				for i, s := range slides {
					if s.Slug == tc.after && (i+1 >= len(slides) || slides[i+1].Slug != "new") {
						t.Errorf("the new slide is not right after %q", tc.after)
					}
				}
				return
			}
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("got %q, %v; want an error starting %q", rel, err, tc.want)
			}
		})
	}
}
