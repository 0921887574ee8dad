package render_test

import (
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/build"
	"github.com/lecgen/lecgen/internal/testsite"
)

var relLink = regexp.MustCompile(`<link rel="(prev|next)" href="([^"]*)">`)

// pageLinks returns the prev and next addresses in a page's <head>, as
// paths of the site's pages (".../index.html"), "" where there is none.
func pageLinks(t *testing.T, files map[string]string, page string) (prev, next string) {
	t.Helper()
	html, ok := files[page]
	if !ok {
		t.Fatalf("no page %s", page)
	}
	head, _, _ := strings.Cut(html, "</head>")
	for _, m := range relLink.FindAllStringSubmatch(head, -1) {
		target := path.Join(path.Dir(page), m[2], "index.html")
		if m[1] == "prev" {
			prev = target
		} else {
			next = target
		}
	}
	return prev, next
}

// TestReadingOrder follows Next from the first lecture's page to the end
// of a three-lecture course (one lecture of a single slide): it must visit
// every lecture's page and then its slides, and from each page Prev must
// lead back to the page it came from.
func TestReadingOrder(t *testing.T) {
	site := testsite.New(t, map[string]string{
		"config.toml":                  "title = \"Nav\"\n",
		"content/01-one/_index.md":     "+++\ntitle = \"One\"\n+++\n",
		"content/01-one/01-a.md":       "# A\n",
		"content/01-one/02-b.md":       "# B\n",
		"content/02-two/_index.md":     "+++\ntitle = \"Two\"\n+++\n",
		"content/02-two/01-alone.md":   "# Alone\n",
		"content/03-three/01-alpha.md": "# Alpha\n",
		"content/03-three/02-beta.md":  "# Beta\n",
		"content/03-three/03-gamma.md": "# Gamma\n",
	})
	files := generate(t, build.Options{Source: site})
	want := []string{
		"one/index.html", "one/a/index.html", "one/b/index.html",
		"two/index.html", "two/alone/index.html",
		"three/index.html", "three/alpha/index.html", "three/beta/index.html", "three/gamma/index.html",
	}
	var got []string
	from := ""
	for page := want[0]; page != ""; {
		if len(got) > len(want) {
			t.Fatalf("Next does not end: %v", got)
		}
		got = append(got, page)
		prev, next := pageLinks(t, files, page)
		if prev != from {
			t.Errorf("%s: prev = %q, want %q (where Next came from)", page, prev, from)
		}
		from, page = page, next
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Next visits\n%v\nwant\n%v", got, want)
	}
	// The course index lists the lectures; it is not in the chain.
	if prev, next := pageLinks(t, files, "index.html"); prev != "" || next != "" {
		t.Errorf("index.html: prev %q, next %q, want none", prev, next)
	}
	// The visible links are the head's.
	if !strings.Contains(files["two/index.html"], `<a class="prev" href="../one/b/" rel="prev">`) {
		t.Errorf("two/index.html: no visible link back to one/b/")
	}
}
