package render_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/build"
	"github.com/lecgen/lecgen/internal/testsite"
)

// TestParts: consecutive lectures with one part are grouped under its
// heading on the index page and in the course handout's contents, in
// course order (a part that comes back after another is a new group);
// the sidebar, the lecture page and the handout name the part.
func TestParts(t *testing.T) {
	lecture := func(title, part string) string {
		fm := "+++\ntitle = \"" + title + "\"\n"
		if part != "" {
			fm += "part = \"" + part + "\"\n"
		}
		return fm + "+++\n"
	}
	site := testsite.New(t, map[string]string{
		"config.toml":            "title = \"P\"\n",
		"content/01-a/_index.md": lecture("Lecture A", "Using  gem5"),
		"content/01-a/01-s.md":   "# Slide A\n",
		"content/02-b/_index.md": lecture("Lecture B", "Using gem5"),
		"content/02-b/01-s.md":   "# Slide B\n\nText.\n",
		"content/03-c/_index.md": lecture("Lecture C", ""),
		"content/03-c/01-s.md":   "# Slide C\n",
		"content/04-d/_index.md": lecture("Lecture D", "Caches"),
		"content/04-d/01-s.md":   "# Slide D\n",
		"content/05-e/_index.md": lecture("Lecture E", "Using gem5"),
		"content/05-e/01-s.md":   "# Slide E\n",
	})
	files := generate(t, build.Options{Source: site})
	index := files["index.html"]
	var seq []string
	for _, m := range regexp.MustCompile(`<h3 class="part-title">([^<]*)</h3>|<ol class="lecture-list[^"]*" start="(\d+)">|<h([34])><a href="[^"]*">([^<]*)</a>`).FindAllStringSubmatch(index, -1) {
		switch {
		case m[1] != "":
			seq = append(seq, "part:"+m[1])
		case m[2] != "":
			seq = append(seq, "start:"+m[2])
		default:
			seq = append(seq, "h"+m[3]+":"+m[4])
		}
	}
	want := "part:Using gem5 start:1 h4:Lecture A h4:Lecture B start:3 h3:Lecture C part:Caches start:4 h4:Lecture D part:Using gem5 start:5 h4:Lecture E"
	if strings.Join(seq, " ") != want {
		t.Errorf("index page:\n got %s\nwant %s", strings.Join(seq, " "), want)
	}
	for page, want := range map[string]string{
		"b/s/index.html": `<p class="sidebar-part">Using gem5</p>`,
		"b/index.html":   `<p class="part-label">Using gem5</p>`,
	} {
		if !strings.Contains(files[page], want) {
			t.Errorf("%s lacks %s", page, want)
		}
	}
	if strings.Contains(files["c/index.html"], "part-label") || strings.Contains(files["c/s/index.html"], "sidebar-part") {
		t.Error("a lecture in no part shows a part")
	}
	h := files["handout/index.html"]
	toc := h[strings.Index(h, `<ol class="handout-toc">`):strings.Index(h, "</section>")]
	var tocSeq []string
	for _, m := range regexp.MustCompile(`<li class="toc-part">([^\n<]*)|<li><a href="#handout-([a-e])"`).FindAllStringSubmatch(toc, -1) {
		if m[1] != "" {
			tocSeq = append(tocSeq, "part:"+m[1])
		} else {
			tocSeq = append(tocSeq, m[2])
		}
	}
	if got, want := strings.Join(tocSeq, " "), "part:Using gem5 a b c part:Caches d part:Using gem5 e"; got != want {
		t.Errorf("handout contents:\n got %s\nwant %s", got, want)
	}
	if n := strings.Count(h, `<p class="handout-part">`); n != 3 {
		t.Errorf("%d part headings in the course handout, want 3 (before lectures a, d and e)", n)
	}
}
