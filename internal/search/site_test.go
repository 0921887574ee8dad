package search_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/build"
	"github.com/lecgen/lecgen/internal/testsite"
)

// TestSite builds a small course and checks the wiring of search and
// math through the pipeline, without a browser: the index is written,
// only pages with math load KaTeX, malformed math is a warning with its
// position, and every page has the search box.
func TestSite(t *testing.T) {
	src := testsite.New(t, map[string]string{
		"config.toml":                  "title = \"T\"\n",
		"content/01-l/_index.md":       "+++\ntitle = \"Lecture\"\n+++\nIntro.\n",
		"content/01-l/01-plain.md":     "# Plain\n\nNo formulas; it costs $5 and $10.\n",
		"content/01-l/02-math.md":      "# Math\n\nInline $x^2$.\n\nNote:\nBroken $\\frac{1}{2$ here.\n",
		"content/glossary.toml":        "[term]\ndefinition = \"A $y$ term, if a < b.\"\n",
		"content/01-l/03-uses-term.md": "# Uses\n\nThe term.\n",
	})
	res, err := build.Generate(context.Background(), build.Options{Source: src, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Diagnostics.HasErrors() {
		t.Fatalf("errors:\n%v", res.Diagnostics)
	}
	files := map[string]string{}
	for _, f := range res.Files {
		files[f.Path] = string(f.Data)
	}

	var warned bool
	for _, d := range res.Diagnostics {
		if s := d.String(); strings.Contains(s, "content/01-l/02-math.md:6:17:") && strings.Contains(s, "math: unclosed {") {
			warned = true
		}
	}
	if !warned {
		t.Errorf("no warning at content/01-l/02-math.md:6:17 for the broken formula:\n%v", res.Diagnostics)
	}

	for page, math := range map[string]bool{
		"l/plain/index.html":     false,
		"l/math/index.html":      true,
		"glossary/index.html":    true,
		"index.html":             false,
		"l/uses-term/index.html": false,
	} {
		html, ok := files[page]
		if !ok {
			t.Errorf("no %s", page)
			continue
		}
		if got := strings.Contains(html, "vendor/katex/katex.min.js"); got != math {
			t.Errorf("%s loads KaTeX: %v, want %v", page, got, math)
		}
		if !strings.Contains(html, `<form class="search" role="search"`) || !strings.Contains(html, "static/search.js") {
			t.Errorf("%s has no search box", page)
		}
	}
	if !strings.Contains(files["l/math/index.html"], `math-error" title="Math error: unclosed {"`) {
		t.Error("the broken formula is not marked")
	}
	for _, name := range []string{"static/search-index.js", "static/search/0.js", "static/search.js", "static/math.js", "static/code.js",
		"static/vendor/katex/katex.min.js", "static/vendor/katex/katex.min.css", "static/vendor/katex/LICENSE", "static/vendor/katex/fonts/KaTeX_Main-Regular.woff2"} {
		if _, ok := files[name]; !ok {
			t.Errorf("no %s in the site", name)
		}
	}
	if ix, chunk := files["static/search-index.js"], files["static/search/0.js"]; strings.Contains(ix+chunk, "<") || !strings.Contains(chunk, `a \u003c b`) {
		t.Errorf("the search files do not escape <:\n%s\n%s", ix, chunk)
	}
}
