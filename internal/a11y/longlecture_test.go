package a11y_test

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/lecgen/lecgen/internal/testsite"
)

// TestLongLectureSidebar: the slide pages of a long lecture list the
// slides around their own, with links to the lecture's contents for the
// others (see internal/render/sidebar.go). In light and dark mode, wide
// and narrow, the list passes axe-core, its four-digit numbers fit in
// its margin, and the page does not scroll sideways.
func TestLongLectureSidebar(t *testing.T) {
	src := axeSource(t)
	files := map[string]string{
		"config.toml":               "title = \"Long\"\nlanguage = \"en\"\n",
		"content/01-long/_index.md": "+++\ntitle = \"A long lecture\"\n+++\n",
	}
	const n = 1200
	for i := 1; i <= n; i++ {
		files[fmt.Sprintf("content/01-long/%04d-s%d.md", i, i)] = fmt.Sprintf("# Slide %d\n\nText.\n", i)
	}
	s := startSite(t, testsite.New(t, files))
	for _, scheme := range []string{"light", "dark"} {
		s.scheme(t, scheme)
		for _, width := range []int64{1280, 390} {
			t.Run(fmt.Sprintf("%s/%d", scheme, width), func(t *testing.T) {
				s.do(t, chromedp.EmulateViewport(width, 900))
				s.open(t, "long/s1150/")
				items := eval[[]string](t, s, `[...document.querySelectorAll(".slide-list li")].map(li => li.className + ":" + li.textContent.trim())`)
				if len(items) != 23 || items[0] != "slide-list-more:1139 earlier slides" || items[22] != "slide-list-more:40 later slides" || items[11] != ":Slide 1150" {
					t.Fatalf("the slide list: %q", items)
				}
				if got := eval[string](t, s, `document.querySelector(".slide-list-more a").getAttribute("href")`); got != "../#contents" {
					t.Errorf("the earlier slides link to %q", got)
				}
				// The widest number, 1160., fits in the list's margin.
				fits := eval[string](t, s, `(() => {
					const ol = document.querySelector(".slide-list"), li = ol.querySelector("li[value]");
					const m = getComputedStyle(li, "::marker"), c = document.createElement("canvas").getContext("2d");
					c.font = m.fontSize + " " + getComputedStyle(li).fontFamily;
					return c.measureText("1160. ").width + " <= " + parseFloat(getComputedStyle(ol).paddingLeft);
				})()`)
				var need, have float64
				if _, err := fmt.Sscanf(fits, "%g <= %g", &need, &have); err != nil || need > have {
					t.Errorf("the list's numbers do not fit its margin: %s", fits)
				}
				if w := eval[float64](t, s, `document.documentElement.scrollWidth - document.documentElement.clientWidth`); w > 0 {
					t.Errorf("the page scrolls sideways by %v pixels", w)
				}
				res := s.axe(t, src)
				if len(res.Violations) > 0 {
					t.Errorf("%d axe-core violation(s):%s", len(res.Violations), describe(res.Violations))
				}
			})
		}
	}
}
