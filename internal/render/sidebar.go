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

// fullList is the sidebar's <li> items of a short lecture, made once when
// the first of its slide pages is: a lecture whose pages come from the
// page cache needs none.
func (d *lectureData) fullList() string {
	d.once.Do(func() {
		if d.list == "" {
			d.list = sidebarList(d.items)
		}
	})
	return d.list
}

// slideSidebarList is the sidebar's <li> items on the page of slide cur.
func (d *lectureData) slideSidebarList(cur int) template.HTML {
	from, to := sidebarWindow(len(d.items), cur)
	if from == 0 && to == len(d.items) {
		return markCurrent(d.fullList(), d.items[cur].Href)
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

// Sidebar lists a lecture's slides; Current is the index of this page's
// slide, -1 on the lecture page.
type Sidebar struct {
	Title, Href, Handout string
	Part                 string // the lecture's part, shown above its title
	Items                []Link
	Current              int
	// List is the <li> items with the current slide marked
	// aria-current. On the slide pages of a lecture of more than 40
	// slides, it lists only the 21 around the current one, with links to
	// the lecture's contents for the others (see sidebar.go).
	List template.HTML
	// itemsKey stands for Items in page cache keys: the lecture's slides
	// hashed once for all its slide pages.
	itemsKey *[32]byte
}

// sidebarList renders a lecture's slide list once; each slide page then
// only marks its own item.
func sidebarList(items []Link) string {
	var b strings.Builder
	for _, it := range items {
		b.WriteString(`<li><a href="`)
		b.WriteString(template.HTMLEscapeString(it.Href))
		b.WriteString(`">`)
		b.WriteString(template.HTMLEscapeString(it.Title))
		b.WriteString("</a></li>\n")
	}
	return b.String()
}

// markCurrent adds aria-current to the link to href in a rendered list.
func markCurrent(list, href string) template.HTML {
	at := `<li><a href="` + template.HTMLEscapeString(href) + `"`
	return template.HTML(strings.Replace(list, at, at+` aria-current="page"`, 1))
}
