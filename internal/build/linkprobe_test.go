package build

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestCanLinkSameFolder: the probe links into the folder it was made in
// (the default public/ sits in the site root, so dest's parent is the
// site): linking a file onto its own name fails, so the probe's link must
// have a name of its own.
func TestCanLinkSameFolder(t *testing.T) {
	dir := t.TempDir()
	if !canLink(dir, dir) {
		t.Error("canLink(dir, dir) = false on one file system")
	}
	if !canLink(dir, t.TempDir()) {
		t.Error("canLink(dir, other) = false on one file system")
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".lecgen-link-*"))
	if len(left) != 0 {
		t.Errorf("probe files left behind: %v", left)
	}
}

// TestPageStoreDestLayouts: a second `lecgen build` takes every page from
// the page store wherever the output goes: the default public/ inside
// the site, another folder inside it, or a folder beside it.
func TestPageStoreDestLayouts(t *testing.T) {
	for _, tc := range []struct {
		name string
		dest func(site string) string
	}{
		{"default public/", func(string) string { return "" }},
		{"explicit public/", func(site string) string { return filepath.Join(site, "public") }},
		{"nested in the site", func(site string) string { return filepath.Join(site, "out", "site") }},
		{"beside the site", func(site string) string { return filepath.Join(filepath.Dir(site), "out") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := filepath.Join(t.TempDir(), "site")
			if err := os.Mkdir(site, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.CopyFS(site, os.DirFS("testdata/site")); err != nil {
				t.Fatal(err)
			}
			dest := tc.dest(site)
			if dest != "" {
				if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			var res *Result
			for i := 0; i < 2; i++ {
				var err error
				res, err = Build(context.Background(), Options{Source: site, Dest: dest})
				if err != nil || res.Diagnostics.HasErrors() {
					t.Fatalf("build %d: %v %v", i+1, err, res.Diagnostics)
				}
			}
			if res.Stored != res.Pages || res.Pages == 0 {
				t.Errorf("second build: %d of %d pages from the page store", res.Stored, res.Pages)
			}
			if dest == "" {
				dest = filepath.Join(site, "public")
			}
			sameTree(t, tc.name, dest, generate(t, site, Options{}))
		})
	}
}
