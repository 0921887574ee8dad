package load

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/testsite"
)

// TestSymlinkOnlyIntoContent: a symlink is followed only into content/,
// and never into a hidden file or folder there (issue 15, item 4: a link
// to ../../.git published the repository, and with it the token
// actions/checkout keeps in .git/config).
func TestSymlinkOnlyIntoContent(t *testing.T) {
	root := testsite.New(t, map[string]string{
		"config.toml":               "",
		".git/config":               "[http] extraheader = AUTHORIZATION: basic SECRET",
		".env":                      "PASSWORD=SECRET",
		"shared/logo.svg":           "<svg/>",
		"content/01-a/01-x.md":      "# X",
		"content/01-a/img/p.png":    "png",
		"content/.drafts/notes.txt": "SECRET",
		"content/02-b/.hidden.png":  "SECRET",
		"content/02-b/01-y.md":      "# Y",
		"content/02-b/figs/q.png":   "png",
	})
	links := map[string]string{
		"content/01-a/repo":       "../../.git",        // the repository
		"content/01-a/config":     "../../.git/config", // one file of it
		"content/01-a/env.txt":    "../../.env",        // a file at the site root
		"content/01-a/logo.svg":   "../../shared/logo.svg",
		"content/01-a/site":       "../..",
		"content/01-a/drafts":     "../.drafts",          // a hidden folder in content/
		"content/01-a/h.png":      "../02-b/.hidden.png", // a hidden file in content/
		"content/01-a/figs":       "../02-b/figs",        // followed
		"content/01-a/02-y.md":    "../02-b/01-y.md",     // followed
		"content/01-a/img/p2.png": "p.png",               // followed
	}
	for at, to := range links {
		if err := os.Symlink(to, filepath.Join(root, at)); err != nil {
			t.Skip(err)
		}
	}
	site, ds := Load(context.Background(), root, Options{})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	for _, want := range []string{
		"content/01-a/repo: warning: symlink points to .git, outside content/; not followed",
		"content/01-a/config: warning: symlink points to .git/config, outside content/; not followed",
		"content/01-a/env.txt: warning: symlink points to .env, outside content/; not followed",
		"content/01-a/logo.svg: warning: symlink points to shared/logo.svg, outside content/; not followed",
		"content/01-a/site: warning: symlink points to the site root, outside content/; not followed",
		"content/01-a/drafts: warning: symlink points into content/.drafts, a hidden file or folder",
		"content/01-a/h.png: warning: symlink points into content/02-b/.hidden.png, a hidden file or folder",
	} {
		if !strings.Contains(ds.Error(), want) {
			t.Errorf("no warning %q in:\n%v", want, ds)
		}
	}
	if n := len(ds); n != 7 {
		t.Errorf("%d diagnostics, want 7:\n%v", n, ds)
	}
	var assets []string
	for _, a := range site.Course.Assets {
		assets = append(assets, a.Src)
	}
	slices.Sort(assets)
	want := []string{"content/01-a/figs/q.png", "content/01-a/img/p.png", "content/01-a/img/p2.png", "content/02-b/figs/q.png"}
	if !slices.Equal(assets, want) {
		t.Errorf("assets = %q, want %q", assets, want)
	}
	if l := site.Course.Lectures[0]; len(l.Slides) != 2 {
		t.Errorf("lecture a has %d slides, want 2 (one through a symlink)", len(l.Slides))
	}
}

// TestSymlinkedContentFolder: when content/ is itself a symlink to a
// folder outside the site, links inside it are followed as inside
// content/.
func TestSymlinkedContentFolder(t *testing.T) {
	tmp := t.TempDir()
	testsite.Write(t, tmp, map[string]string{
		"notes/01-a/01-x.md":   "# X",
		"notes/01-a/img/p.png": "png",
		"site/config.toml":     "",
	})
	root := filepath.Join(tmp, "site")
	if err := os.Symlink("../notes", filepath.Join(root, "content")); err != nil {
		t.Skip(err)
	}
	if err := os.Symlink("img/p.png", filepath.Join(tmp, "notes/01-a/p.png")); err != nil {
		t.Fatal(err)
	}
	site, ds := Load(context.Background(), root, Options{})
	if len(ds) != 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	if n := len(site.Course.Assets); n != 2 {
		t.Errorf("%d assets, want 2: %+v", n, site.Course.Assets)
	}
}
