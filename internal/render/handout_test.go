package render_test

import (
	"context"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/build"
	"github.com/lecgen/lecgen/internal/render"
	"github.com/lecgen/lecgen/internal/testsite"
)

// handoutSite is a small course: two lectures, notes on some slides, a
// slide whose title comes only from front matter, and a glossary with a
// used and an unused term.
var handoutSite = map[string]string{
	"config.toml": `title = "Handout \"Test\" Course"
[handout]
layout = "LAYOUT"
paper = "PAPER"
`,
	"content/_index.md": "Welcome.\n",
	"content/glossary.toml": `[gradient]
definition = "The vector of partial derivatives."
see = ["loss"]

[loss]
definition = "What training minimises."

[unusedterm]
definition = "Never mentioned on a slide."
`,
	"content/01-basics/_index.md":    "+++\ntitle = \"Basics & More\"\n+++\nIntro.\n",
	"content/01-basics/01-first.md":  "# First Slide Title\n\nWe follow the gradient.\n\nNote:\n\nNOTES-OF-FIRST explain this.\n",
	"content/01-basics/02-second.md": "# Second Slide Title\n\n```go\nfunc main() {}\n```\n\nNote:\n\nNOTES-OF-SECOND, see [[first]].\n",
	"content/01-basics/03-third.md":  "+++\ntitle = \"Front Matter Only\"\n+++\nNo heading here, only text about the loss.\n",
	"content/02-more/_index.md":      "+++\ntitle = \"More\"\n+++\n",
	"content/02-more/01-alone.md":    "# Alone In Lecture Two\n\nNote:\n\nNOTES-OF-ALONE.\n",
}

var (
	titles = []string{"First Slide Title", "Second Slide Title", "Front Matter Only", "Alone In Lecture Two"}
	notes  = []string{"NOTES-OF-FIRST", "NOTES-OF-SECOND", "NOTES-OF-ALONE"}
)

func writeSite(t *testing.T, layout, paper string) string {
	t.Helper()
	files := map[string]string{}
	for name, data := range handoutSite {
		files[name] = strings.NewReplacer("LAYOUT", layout, "PAPER", paper).Replace(data)
	}
	return testsite.New(t, files)
}

func generate(t *testing.T, opts build.Options) map[string]string {
	t.Helper()
	opts.NoCache = true
	res, err := build.Generate(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Diagnostics.HasErrors() {
		t.Fatalf("build failed: %v", res.Diagnostics)
	}
	files := map[string]string{}
	for _, f := range res.Files {
		files[f.Path] = string(f.Data)
	}
	return files
}

func TestHandoutLayouts(t *testing.T) {
	for _, layout := range render.Layouts {
		t.Run(layout, func(t *testing.T) {
			// The config says "notes"; the build option overrides it.
			files := generate(t, build.Options{Source: writeSite(t, "notes", "Letter"), HandoutLayout: layout})
			lec, ok := files["basics/handout/index.html"]
			if !ok {
				t.Fatal("no basics/handout/index.html")
			}
			course, ok := files["handout/index.html"]
			if !ok {
				t.Fatal("no handout/index.html")
			}
			if _, ok := files["more/handout/index.html"]; !ok {
				t.Fatal("no more/handout/index.html")
			}
			for name, page := range map[string]string{"lecture": lec, "course": course} {
				t.Run(name, func(t *testing.T) {
					checkHandout(t, page, layout, name == "course")
				})
			}
			// The lecture handout has only its own lecture.
			if strings.Contains(lec, "Alone In Lecture Two") {
				t.Error("lecture handout holds a slide of another lecture")
			}
			// Sheets: ceil(3/perPage) in lecture 1.
			per := render.PerPage(layout)
			if got, want := strings.Count(lec, `<div class="sheet">`), (3+per-1)/per; got != want {
				t.Errorf("%d sheets, want %d", got, want)
			}
		})
	}
}

func checkHandout(t *testing.T, page, layout string, course bool) {
	t.Helper()
	want := titles[:3]
	if course {
		want = titles
	}
	last := 0
	for _, title := range want {
		i := strings.Index(page, html.EscapeString(title))
		if i < 0 {
			t.Errorf("slide title %q missing", title)
			continue
		}
		if j := strings.LastIndex(page, html.EscapeString(title)); j > last {
			last = j
		}
	}
	// The title without a heading is shown in the box.
	if !strings.Contains(page, `<h1 class="slide-title">Front Matter Only</h1>`) {
		t.Error("front-matter-only title not shown as the slide's heading")
	}
	if strings.Contains(page, `First Slide Title</h1>`) && strings.Contains(page, `<h1 class="slide-title">First Slide Title`) {
		t.Error("title repeated for a slide with a heading")
	}
	for _, n := range notes[:2] {
		if got := strings.Contains(page, n); got != (layout == render.LayoutNotes) {
			t.Errorf("notes %q present = %v in layout %s", n, got, layout)
		}
	}
	if strings.Contains(page, `<nav class="sidebar"`) {
		t.Error("handout has the sidebar")
	}
	if !strings.Contains(page, `class="handout layout-`+layout+` paper-Letter`) {
		t.Errorf("handout element lacks layout-%s paper-Letter", layout)
	}
	if !strings.Contains(page, "@page { size: letter portrait; }") {
		t.Error("no @page size for Letter paper")
	}
	if got := strings.Contains(page, `<div class="handout-rules"`); got != (layout == render.LayoutLines) {
		t.Errorf("ruled lines present = %v in layout %s", got, layout)
	}
	// Glossary: the used terms, alphabetically, after the last slide; not
	// the unused one.
	g := strings.Index(page, `id="handout-glossary"`)
	if g < 0 {
		t.Fatal("no glossary section")
	}
	if g < last {
		t.Error("glossary is not after the slides")
	}
	gi, li := strings.Index(page, `<dt id="gl-term-gradient">`), strings.Index(page, `<dt id="gl-term-loss">`)
	if gi < g || li < gi {
		t.Errorf("glossary entries missing or out of order (gradient at %d, loss at %d, section at %d)", gi, li, g)
	}
	if strings.Contains(page, "unusedterm") {
		t.Error("glossary lists a term no slide uses")
	}
	// Term links point into the page; so does the link to slide 1.
	if !regexp.MustCompile(`<span class="term"><a href="#gl-term-gradient"`).MatchString(page) {
		t.Error("term link does not point at the handout's glossary")
	}
	if layout == render.LayoutNotes && !strings.Contains(page, `href="#handout-basics-first"`) {
		t.Error("link to a slide in the handout does not point into the page")
	}
	// The running header is a safely quoted CSS string.
	header := `"Basics \26  More"`
	if course {
		header = `"Handout \22 Test\22  Course"`
	}
	if !strings.Contains(page, "@top-center { content: "+header+"; }") {
		t.Errorf("running header %s missing", header)
	}
	if course {
		for _, s := range []string{`class="handout-toc"`, `href="#handout-basics"`, `href="#handout-more"`, "page: lecture-2;"} {
			if !strings.Contains(page, s) {
				t.Errorf("course handout lacks %s", s)
			}
		}
	}
}

// TestHandoutLinks checks that the links the site has to handouts lead to
// handout pages.
func TestHandoutLinks(t *testing.T) {
	files := generate(t, build.Options{Source: writeSite(t, "lines", "A4")})
	hrefRe := regexp.MustCompile(`href="([^"#]*handout/)"`)
	checked := 0
	for page, data := range files {
		if !strings.HasSuffix(page, ".html") {
			continue
		}
		for _, m := range hrefRe.FindAllStringSubmatch(data, -1) {
			target := filepath.ToSlash(filepath.Join(filepath.Dir(page), m[1], "index.html"))
			if _, ok := files[target]; !ok {
				t.Errorf("%s links to %s: no %s", page, m[1], target)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no page links to a handout")
	}
	if !strings.Contains(files["basics/handout/index.html"], "layout-lines") {
		t.Error("config.toml's layout is not used without an override")
	}
}

// TestHandoutSampleCourse renders the sample course's handout.
func TestHandoutSampleCourse(t *testing.T) {
	root := filepath.Join("..", "..")
	if _, err := os.Stat(filepath.Join(root, "content")); err != nil {
		t.Skip("no sample course")
	}
	res, err := build.Generate(context.Background(), build.Options{Source: root, NoCache: true, HandoutLayout: "notes"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Diagnostics.HasErrors() {
		t.Skipf("sample course does not build: %v", res.Diagnostics)
	}
	files := map[string]string{}
	for _, f := range res.Files {
		files[f.Path] = string(f.Data)
	}
	page := files["handout/index.html"]
	for _, l := range res.Site.Course.Lectures {
		for _, s := range l.Slides {
			// The title as shown is the slide page's (front matter, first
			// heading or file name): "<title>Title · Site</title>".
			title, _, _ := strings.Cut(files[s.URL()+"index.html"], " · ")
			_, title, _ = strings.Cut(title, "<title>")
			if title == "" || !strings.Contains(page, title) || !strings.Contains(page, `id="handout-`+l.Slug+"-"+s.Slug+`"`) {
				t.Errorf("course handout lacks slide %s (%q)", s.File, title)
			}
		}
	}
}
