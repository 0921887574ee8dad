package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/testsite"
)

// TestCacheThroughSymlinkNotUsed: a cache folder (or one of its
// subfolders) that is a symlink is not used, with a warning: builds delete
// stale files in the cache, and a repository could point it at another
// folder. Before, a committed .lecgen/cache/pages -> elsewhere had every
// build delete the files of two-letter folders there.
func TestCacheThroughSymlinkNotUsed(t *testing.T) {
	tmp := t.TempDir()
	victim := filepath.Join(tmp, "victim")
	testsite.Write(t, victim, map[string]string{"ab/notes.txt": "precious", "cd/ef-12": "precious"})
	for _, link := range []string{".lecgen", ".lecgen/cache", ".lecgen/cache/pages", ".lecgen/cache/slides"} {
		t.Run(link, func(t *testing.T) {
			site := testsite.New(t, map[string]string{
				"config.toml":          "title = \"T\"\n",
				"content/01-a/01-x.md": "# X\n\n```go\nx := 1\n```\n",
			})
			p := filepath.Join(site, filepath.FromSlash(link))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(victim, p); err != nil {
				t.Skip(err)
			}
			for range 2 {
				res, err := Build(context.Background(), Options{Source: site, Dest: filepath.Join(t.TempDir(), "out")})
				if err != nil {
					t.Fatal(err)
				}
				if want := link + ": warning: a symlink, not a folder lecgen made: the build cache is not used"; !strings.Contains(res.Diagnostics.Error(), want) {
					t.Errorf("diagnostics:\n%v\nwant %q", res.Diagnostics, want)
				}
			}
			for _, f := range []string{"ab/notes.txt", "cd/ef-12"} {
				if b, err := os.ReadFile(filepath.Join(victim, f)); err != nil || string(b) != "precious" {
					t.Errorf("%s: %q, %v", f, b, err)
				}
			}
			if des, _ := os.ReadDir(victim); len(des) != 2 {
				t.Errorf("the build wrote into the symlink's target: %d entries", len(des))
			}
		})
	}
}
