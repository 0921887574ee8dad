package render

import (
	"html/template"
	"strconv"
	"strings"
)

// A slide page's sidebar lists its lecture's slides. In a long lecture it
// lists only those around the page's own, and links to the lecture's
// contents for the others: every page listing every slide made a
// lecture's pages quadratic in its length (5,000 one-line slides wrote
// 961 MB of HTML, and serve held it all).
const (
	sidebarAll    = 40 // a lecture with at most this many slides lists them all
	sidebarAround = 10 // else this many before and after the current slide
)

// sidebarWindow returns the slides [from, to) that a slide page's sidebar
// lists: all of a short lecture's, else 2*sidebarAround+1 around cur,
// shifted to stay within the lecture, and the slide at either end when
// only it would be left out.
func sidebarWindow(n, cur int) (from, to int) {
	if n <= sidebarAll {
		return 0, n
	}
	from = min(max(cur-sidebarAround, 0), n-(2*sidebarAround+1))
	to = from + 2*sidebarAround + 1
	if from == 1 {
		from = 0
	}
	if to == n-1 {
		to = n
	}
	return from, to
}

// slideSidebarList is the sidebar's <li> items on the page of slide cur.
func (d *lectureData) slideSidebarList(cur int) template.HTML {
	from, to := sidebarWindow(len(d.items), cur)
	if from == 0 && to == len(d.items) {
		return markCurrent(d.list, d.items[cur].Href)
	}
	var b strings.Builder
	more := func(n int, which string) { // n is 0 or at least 2
		if n > 0 {
			b.WriteString(`<li class="slide-list-more"><a href="../#contents">` + strconv.Itoa(n) + " " + which + " slides</a></li>\n")
		}
	}
	more(from, "earlier")
	list := sidebarList(d.items[from:to])
	if from > 0 {
		// The list numbers its slides: the window starts at from+1.
		list = `<li value="` + strconv.Itoa(from+1) + `"` + strings.TrimPrefix(list, "<li")
	}
	b.WriteString(string(markCurrent(list, d.items[cur].Href)))
	more(len(d.items)-to, "later")
	return template.HTML(b.String())
}
