package render_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/render"
	"github.com/lecgen/lecgen/internal/testsite"
	"github.com/lecgen/lecgen/themes"
)

// TestThemeSymlinks: a symlink in the site's theme folder is followed only
// to a file inside that folder, never to a hidden one (issue 15, item 4):
// a template linked to .git/config would publish it on every page.
func TestThemeSymlinks(t *testing.T) {
	page := `{{define "main"}}page{{end}}`
	root := testsite.New(t, map[string]string{
		"config.toml":                          "",
		".git/config":                          "SECRET",
		".env":                                 "SECRET",
		"themes/default/parts/page.html":       page,
		"themes/default/parts/ok.css":          "ok",
		"themes/default/.private/lecture.html": page,
		"themes/default/static/real.css":       "real",
	})
	links := map[string]string{
		"themes/default/templates/slide.html":   "../../../.git/config",     // outside the theme
		"themes/default/templates/lecture.html": "../.private/lecture.html", // hidden
		"themes/default/templates/page.html":    "../parts/page.html",       // followed
		"themes/default/static/env.txt":         "../../../.env",            // outside
		"themes/default/static/ok.css":          "../parts/ok.css",          // followed
	}
	for at, to := range links {
		p := filepath.Join(root, at)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(to, p); err != nil {
			t.Skip(err)
		}
	}
	var ds course.Diagnostics
	if th := render.LoadTheme(root, "default", themes.Default(), &ds); th != nil {
		t.Errorf("theme with refused templates loaded")
	}
	for _, want := range []string{
		"themes/default/templates/slide.html: symlink leads outside the theme's folder themes/default; not followed",
		"themes/default/templates/lecture.html: symlink leads to themes/default/.private/lecture.html, a hidden file or folder; not followed",
	} {
		if !strings.Contains(ds.Error(), want) {
			t.Errorf("no diagnostic %q in:\n%v", want, ds)
		}
	}
	if strings.Contains(ds.Error(), "page.html") {
		t.Errorf("symlink inside the theme refused:\n%v", ds)
	}

	// Static files, with the templates fixed.
	for _, name := range []string{"slide.html", "lecture.html"} {
		if err := os.Remove(filepath.Join(root, "themes/default/templates", name)); err != nil {
			t.Fatal(err)
		}
	}
	ds = nil
	th := render.LoadTheme(root, "default", themes.Default(), &ds)
	if th == nil {
		t.Fatalf("theme not loaded:\n%v", ds)
	}
	if want := "themes/default/static/env.txt: warning: symlink leads outside the theme's folder themes/default; not followed"; len(ds) != 1 || ds[0].String() != want {
		t.Errorf("diagnostics:\n%v\nwant only %q", ds, want)
	}
	files := th.StaticFiles()
	if slices.Contains(files, "env.txt") || !slices.Contains(files, "ok.css") || !slices.Contains(files, "real.css") {
		t.Errorf("static files %q: want ok.css and real.css, not env.txt", files)
	}
}
