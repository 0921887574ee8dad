package render

import (
	"html/template"
	"strings"
	"sync"

	"github.com/lecgen/lecgen/internal/course"
)

// The lecture pages, and what all pages of one lecture share.

// LectureView is a lecture as the index and lecture pages show it.
type LectureView struct {
	Title, Href, Summary, Date, Handout string
	Present                             string // its slide deck
	SlidesPDF                           string // its deck printed, when lecgen pdf --deck prints it
	SlideCount                          int
	Part                                string // see parts.go
	// Exercises are the lecture's, "Exercise 1.2: Title", on its own page.
	Exercises []ExerciseLink // exercise.go
}

// lectureData is what all pages of one lecture share.
type lectureData struct {
	view  *LectureView // hrefs relative to the site root
	items []Link       // slide links relative to a slide page
	list  string       // the sidebar's <li> items, rendered once (short lectures; see fullList)
	key   [32]byte     // items, hashed for page cache keys
	once  sync.Once    // makes list
}

func (r *renderer) lectureData(l *course.Lecture) *lectureData {
	d := &lectureData{view: &LectureView{Title: l.Title, Href: l.URL(), Summary: l.Summary, SlideCount: len(l.Slides), Handout: l.URL() + "handout/", Present: l.URL() + "present/", Part: l.Part}}
	if !l.Date.IsZero() {
		d.view.Date = l.Date.Format("2006-01-02")
	}
	if r.in.Settings.DeckPDF != nil && r.in.Settings.DeckPDF(l) {
		d.view.SlidesPDF = DeckPDFPath(l.URL())
	}
	for _, s := range l.Slides {
		d.items = append(d.items, Link{Href: "../" + s.Slug + "/", Title: r.refs[s].title})
	}
	if r.siteKey != nil {
		k := newKey()
		k.links(d.items)
		d.key = k.sum()
	}
	return d
}

func (r *renderer) lecturePage(l *course.Lecture, ld *lectureData) (File, error) {
	const root = "../"
	items := make([]Link, len(ld.items))
	for i, it := range ld.items {
		items[i] = Link{Href: strings.TrimPrefix(it.Href, "../"), Title: it.Title}
	}
	v := *ld.view
	v.Handout = "handout/"
	v.Present = "present/"
	v.Exercises = exerciseLinks(r.in.Docs.Exercises[l]) // exercise.go
	if v.SlidesPDF != "" {
		v.SlidesPDF = "slides.pdf"
	}
	p := &Page{
		Title: l.Title, Root: root, Description: l.Summary, Canonical: r.canonical(l.URL()), marginTitle: l.Title,
		Crumbs:  []Link{{Href: root, Title: r.site.Title}, {Title: l.Title}},
		Lecture: &v,
		Sidebar: &Sidebar{Title: l.Title, Part: l.Part, Href: "", Handout: "handout/", Items: items, Current: -1},
		Params:  l.Params,
	}
	p.later(nil, func() { p.Sidebar.List = template.HTML(sidebarList(items)) })
	r.markdownLater(p, &p.Content, r.in.Docs.Intros[l], root)
	p.later(nil, func() { p.Math = p.Math || exercisesMath(v.Exercises) }) // exercise.go
	p.References = r.lectureRefs(l, root)
	p.Prev = r.lectureBefore(l, root)
	if len(l.Slides) > 0 {
		p.Next = &Link{Href: items[0].Href, Title: items[0].Title, Lecture: l.Title}
	} else {
		p.Next = r.lectureAfter(l, root)
	}
	return r.execute("lecture", l.URL()+"index.html", p)
}
