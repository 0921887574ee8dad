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

// TestThemeTemplateTextChecks: a site's theme templates get the encoding
// and size checks of every input file (issue 15, item 13).
func TestThemeTemplateTextChecks(t *testing.T) {
	for name, tc := range map[string]struct{ text, want string }{
		"utf-16":  {"\xff\xfe{\x00{\x00", "themes/default/templates/slide.html:1:1: file is UTF-16; save it as UTF-8"},
		"latin-1": {"{{define \"main\"}}\ncaf\xe9{{end}}", "themes/default/templates/slide.html:2:4: invalid UTF-8 (byte 0xE9)"},
		"big":     {strings.Repeat("x", 9_856_000), "themes/default/templates/slide.html: file is 9.4 MB; lecgen reads theme templates of up to 8 MB"},
	} {
		t.Run(name, func(t *testing.T) {
			root := testsite.New(t, map[string]string{"themes/default/templates/slide.html": tc.text})
			var ds course.Diagnostics
			if th := render.LoadTheme(root, "default", themes.Default(), &ds); th != nil {
				t.Error("theme loaded")
			}
			if !strings.Contains(ds.Error(), tc.want) {
				t.Errorf("got:\n%v\nwant a line containing %q", ds, tc.want)
			}
		})
	}
	// A UTF-8 byte order mark is dropped.
	root := testsite.New(t, map[string]string{"themes/default/templates/slide.html": "\xef\xbb\xbf{{define \"main\"}}x{{end}}"})
	var ds course.Diagnostics
	if th := render.LoadTheme(root, "default", themes.Default(), &ds); th == nil || len(ds) > 0 {
		t.Errorf("template with a byte order mark: %v", ds)
	}
}
