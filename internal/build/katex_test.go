package build

import (
	"context"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/markdown"
	"github.com/lecgen/lecgen/internal/testsite"
	"github.com/lecgen/lecgen/themes"
)

const katexScript = "static/vendor/katex/katex.min.js"

// TestKaTeXWhereMath: a page loads KaTeX exactly when it shows math,
// wherever the Markdown comes from (a slide's body or notes, a lecture's
// introduction, the home page, a standalone page, a glossary definition,
// a handout), and when a site's own template writes math markup.
func TestKaTeXWhereMath(t *testing.T) {
	files := map[string]string{
		"config.toml":                "title = \"T\"\n",
		"content/_index.md":          "Welcome, $e^{i\\pi}$.\n",
		"content/01-a/_index.md":     "+++\ntitle = \"A\"\n+++\nIntro.\n",
		"content/01-a/01-body.md":    "# Body\n\n$a+b$\n",
		"content/01-a/02-notes.md":   "# Notes\n\nPlain.\n\nNote:\nSay $c$.\n",
		"content/01-a/03-plain.md":   "# Plain\n\nIt costs $5 and $10.\n",
		"content/02-b/_index.md":     "+++\ntitle = \"B\"\n+++\nNo math.\n",
		"content/02-b/01-plain.md":   "# Plain too\n\nText.\n",
		"content/about.md":           "+++\ntitle = \"About\"\n+++\n$$\\sum_i i$$\n",
		"content/plain.md":           "+++\ntitle = \"Plain page\"\n+++\nText.\n",
		"content/glossary.toml":      "[term]\ndefinition = \"A $y$ term.\"\n",
		"content/02-b/02-more.md":    "# Uses\n\nMore text.\n",
		"content/02-b/03-another.md": "# Another\n\nNothing.\n",
		"content/03-c/_index.md":     "+++\ntitle = \"C\"\n+++\n",
		"content/03-c/01-t.md":       "# T\n\nOnly the term.\n",
		"content/04-d/_index.md":     "+++\ntitle = \"D\"\n+++\nIntro with $x$.\n",
		"content/04-d/01-x.md":       "# X\n\nPlain.\n",
	}
	want := map[string]bool{
		"index.html":           true,
		"a/index.html":         false,
		"a/body/index.html":    true,
		"a/notes/index.html":   true,
		"a/plain/index.html":   false,
		"a/handout/index.html": true,
		"b/index.html":         false,
		"b/plain/index.html":   false,
		"b/more/index.html":    false,
		"b/handout/index.html": false,
		"about/index.html":     true,
		"plain/index.html":     false,
		"glossary/index.html":  true,
		"handout/index.html":   true,
		"404.html":             false,
		"c/t/index.html":       false,
		"c/handout/index.html": true, // the term's definition only
		"d/index.html":         true, // the introduction
		"d/x/index.html":       false,
	}
	check := func(how string, got map[string][]byte, want map[string]bool) {
		t.Helper()
		for page, math := range want {
			html, ok := got[page]
			if !ok {
				t.Errorf("%s: no %s", how, page)
				continue
			}
			if has := strings.Contains(string(html), katexScript); has != math {
				t.Errorf("%s: %s loads KaTeX: %v, want %v", how, page, has, math)
			}
		}
	}
	site := testsite.New(t, files)
	check("built-in theme", generate(t, site, Options{}), want)
	// Slides taken from the memo keep what they show: in a later `lecgen
	// build` (the memo saved in the cache) and in serve's rebuilds, after
	// an edit of a slide without math, lecture A's handout still shows
	// its other slides' math.
	edit := func(n int) string {
		p := filepath.Join(site, "content", "01-a", "03-plain.md")
		testsite.Write(t, site, map[string]string{"content/01-a/03-plain.md": files["content/01-a/03-plain.md"] + strings.Repeat("More.\n", n)})
		return p
	}
	cachedBuild(t, site, "cached build")
	edit(1)
	if res := cachedBuild(t, site, "cached build after an edit"); res.Reused == 0 {
		t.Error("the cached build after an edit reused no slide")
	}
	inc := NewIncremental(Options{Source: site, NoCache: true})
	for i, how := range []string{"serve, first build", "serve, rebuild after an edit"} {
		if i > 0 {
			inc.Changed(edit(2))
		}
		res, err := inc.Generate(context.Background())
		if err != nil || res.Diagnostics.HasErrors() {
			t.Fatal(how, err, res.Diagnostics)
		}
		if i > 0 && res.Reused == 0 {
			t.Errorf("%s: no slide reused", how)
		}
		got := map[string][]byte{}
		for _, f := range res.Files {
			got[f.Path] = f.Data
		}
		check(how, got, want)
	}

	// A site's template that writes math markup itself.
	testsite.Write(t, site, map[string]string{"themes/default/templates/base.html": siteBase(t, func(s string) string {
		return strings.Replace(s, `{{cached "site-footer" .}}`, `{{cached "site-footer" .}}{{if eq .Kind "404"}}<span class="math math-inline">\pi</span>{{end}}`, 1)
	})})
	want["404.html"] = true
	check("site template", generate(t, site, Options{}), want)
}

// TestThemeMath: the built-in templates write no math markup, which lets
// a build skip searching their pages' HTML for it (see executeTemplate).
func TestThemeMath(t *testing.T) {
	err := fs.WalkDir(themes.Default(), "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(themes.Default(), p)
		if err != nil {
			return err
		}
		for _, s := range []string{markdown.MathMarker, `"math`, "math-inline", "math-display"} {
			if strings.Contains(string(b), s) {
				t.Errorf("%s writes math markup (%q): remove it, or search the built-in theme's pages for math again", p, s)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
