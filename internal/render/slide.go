package render

import (
	"html/template"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/resolve"
)

// The slide pages: one per slide, with its neighbours in reading order,
// its glossary terms and backlinks.

// SlideView is a slide page's own data.
type SlideView struct {
	Number, Total int
	// ShowTitle is set when the body has no heading of its own (a divider
	// slide, or one titled in front matter): the page shows the title.
	ShowTitle bool
	Notes     template.HTML
	Terms     []Link
	Backlinks []Link
	// Present opens the lecture's deck at this slide.
	Present string
}

// slideRef is a slide as other pages link to it, made once per render
// rather than once per link (the glossary alone may link slides 100,000
// times).
type slideRef struct {
	href  string // from a page two folders deep: "../../lecture/slide/"
	title string // the slide's title as shown (resolve.SlideDocs.Title)
	long  string // "Lecture: Slide", for links from other lectures
}

func slideRefs(c *course.Course, d *resolve.Docs) map[*course.Slide]slideRef {
	refs := map[*course.Slide]slideRef{}
	for _, l := range c.Lectures {
		for _, s := range l.Slides {
			title := d.SlideTitle(s)
			refs[s] = slideRef{href: "../../" + s.URL(), title: title, long: l.Title + ": " + title}
		}
	}
	return refs
}

// slideHref links slide s from a page at root ("../../", "../" or "").
func (r *renderer) slideHref(s *course.Slide, root string) string {
	h, ok := r.refs[s]
	switch {
	case !ok:
		return root + s.URL()
	case root == "../../":
		return h.href
	case root == "../":
		return h.href[3:]
	}
	return root + h.href[6:]
}

func (r *renderer) slidePage(sd *resolve.SlideDocs, ld *lectureData) (File, error) {
	s := sd.Slide
	l := s.Lecture
	const root = "../../"
	p := &Page{
		Title: sd.Title, Root: root,
		Crumbs:      []Link{{Href: root, Title: r.site.Title}, {Href: "../", Title: l.Title}, {Title: sd.Title}},
		Sidebar:     &Sidebar{Title: l.Title, Part: l.Part, Href: "../", Handout: "../handout/", Items: ld.items, Current: s.Index, itemsKey: &ld.key},
		Slide:       &SlideView{Number: s.Index + 1, Total: len(l.Slides), ShowTitle: sd.Body == nil || sd.Body.Title == "", Present: "../present/#/" + s.Slug},
		marginTitle: l.Title,
		Canonical:   r.canonical(s.URL()),
		Params:      s.Params,
	}
	p.later(nil, func() { p.Sidebar.List = ld.slideSidebarList(s.Index) }) // sidebar.go
	r.markdownLater(p, &p.Content, sd.Body, root)
	r.markdownLater(p, &p.Slide.Notes, sd.Notes, root)
	p.Prev, p.Next = r.neighbours(s, root)
	for _, t := range sd.Terms {
		term := r.in.Course.Glossary[t]
		p.Slide.Terms = append(p.Slide.Terms, Link{Href: root + "glossary/#" + term.Anchor, Title: term.Name})
	}
	for _, b := range sd.Backlinks {
		title := r.refs[b].title
		if b.Lecture != l {
			title = r.refs[b].long
		}
		p.Slide.Backlinks = append(p.Slide.Backlinks, Link{Href: r.slideHref(b, root), Title: title})
	}
	p.References = r.refViews(sd.Cites, root)
	return r.execute("slide", s.URL()+"index.html", p)
}

// The reading order is one chain: a lecture's page, its slides, then the
// next lecture's page, and so on, so that following Next and then Prev
// always leads back. The course index lists the lectures and is not in it.

// neighbours finds the pages before and after slide s in reading order.
func (r *renderer) neighbours(s *course.Slide, root string) (prev, next *Link) {
	l := s.Lecture
	if s.Index > 0 {
		prev = r.slideLink(l.Slides[s.Index-1], root)
	} else {
		prev = lectureLink(l, root)
	}
	if s.Index+1 < len(l.Slides) {
		next = r.slideLink(l.Slides[s.Index+1], root)
	} else {
		next = r.lectureAfter(l, root)
	}
	return prev, next
}

// lectureBefore links the page before lecture l's page in reading order:
// the previous lecture's last slide (its page, should it have none).
func (r *renderer) lectureBefore(l *course.Lecture, root string) *Link {
	if l.Index == 0 {
		return nil
	}
	pl := r.in.Course.Lectures[l.Index-1]
	if n := len(pl.Slides); n > 0 {
		link := r.slideLink(pl.Slides[n-1], root)
		link.Lecture = pl.Title
		return link
	}
	return lectureLink(pl, root)
}

// lectureAfter links the page of the lecture after l, if there is one.
func (r *renderer) lectureAfter(l *course.Lecture, root string) *Link {
	if ls := r.in.Course.Lectures; l.Index+1 < len(ls) {
		return lectureLink(ls[l.Index+1], root)
	}
	return nil
}

func (r *renderer) slideLink(s *course.Slide, root string) *Link {
	return &Link{Href: r.slideHref(s, root), Title: r.refs[s].title}
}

func lectureLink(l *course.Lecture, root string) *Link {
	return &Link{Href: root + l.URL(), Title: l.Title}
}
