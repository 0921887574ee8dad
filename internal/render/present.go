package render

import (
	"html/template"
	"strconv"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/resolve"
)

// PresentView is a lecture's slide deck (<lecture>/present/): its slides
// on one page, shown one at a time on a canvas of fixed logical size that
// the theme's script scales to the window. The speaker view is the same
// page opened with ?speaker, so it needs no second copy of the slides.
type PresentView struct {
	Lecture *LectureView
	// Aspect is config.toml's [present] aspect ("16:9"); Width and Height
	// are its canvas in logical pixels, PageWidth and PageHeight a printed
	// page of that shape (254 mm wide, as PowerPoint's).
	Aspect                string
	Width, Height         int
	PageWidth, PageHeight string
	// Duration is the talk's length in minutes for the speaker view's
	// pacing; 0 when the lecture gives none.
	Duration int
	Slides   []*PresentSlide
}

// PresentSlide is one slide of a deck.
type PresentSlide struct {
	Slug          string // its address in the deck: #/<Slug>
	Number, Total int
	Title         string
	// ShowTitle is set when the body has no heading of its own.
	ShowTitle bool
	Href      string // the slide's own page
	// Incremental reveals the body's top-level list items one step at a
	// time (front matter, else the lecture's, else config.toml's).
	Incremental bool
	// Body is the slide's HTML exactly as its page shows it; Notes are
	// the speaker's, for the speaker view only (the theme keeps them in
	// an inert <template>).
	Body, Notes template.HTML
}

// presentPage renders the deck of lecture l, whose slides are sds, from
// the same rendered HTML as the slide pages and handouts.
func (r *renderer) presentPage(l *course.Lecture, ld *lectureData, sds []*resolve.SlideDocs) (File, error) {
	const root = "../../"
	cfg := r.in.Settings.Config.Present
	w, h, _ := cfg.Canvas()
	lv := *ld.view
	lv.Href = "../"
	lv.Handout = "../handout/"
	lv.Present = ""
	if lv.SlidesPDF != "" {
		lv.SlidesPDF = "../slides.pdf"
	}
	pv := &PresentView{
		Lecture: &lv, Aspect: cfg.Aspect, Width: w, Height: h,
		PageWidth: "254mm", PageHeight: mm(254 * float64(h) / float64(w)),
		Duration: l.Duration,
	}
	if pv.Aspect == "" {
		pv.Aspect = "16:9"
	}
	p := &Page{
		Title: l.Title + " (slides)", Root: root, Description: l.Summary,
		Crumbs:  []Link{{Href: root, Title: r.site.Title}, {Href: "../", Title: l.Title}, {Title: "Slides"}},
		Present: pv,
	}
	for _, sd := range sds {
		s := sd.Slide
		ps := &PresentSlide{
			Slug: s.Slug, Number: s.Index + 1, Total: len(l.Slides), Title: sd.Title,
			ShowTitle: sd.Body == nil || sd.Body.Title == "", Href: "../" + s.Slug + "/",
			Incremental: incremental(cfg.Incremental, l.Incremental, s.Incremental),
		}
		r.markdownLater(p, &ps.Body, sd.Body, root)
		r.markdownLater(p, &ps.Notes, sd.Notes, root)
		p.later(nil, func() { ps.Body, ps.Notes = deckSolutions(ps.Body, ps.Notes, r.in.Settings.Instructor) }) // exercise.go
		pv.Slides = append(pv.Slides, ps)
	}
	return r.execute("present", PresentPath(l.URL()), p)
}

// incremental is the setting that applies to a slide: its own, else its
// lecture's, else the course's.
func incremental(courseWide bool, lecture, slide *bool) bool {
	switch {
	case slide != nil:
		return *slide
	case lecture != nil:
		return *lecture
	}
	return courseWide
}

// mm writes a length in millimetres without trailing zeros: "142.875mm".
func mm(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64) + "mm"
}

// presentKey adds what a deck shows beyond its slides' HTML to a page key.
func (k *keyBuf) present(v *PresentView) {
	k.lecture(v.Lecture)
	k.str(v.Aspect)
	k.num(v.Width)
	k.num(v.Height)
	k.str(v.PageWidth)
	k.str(v.PageHeight)
	k.num(v.Duration)
	k.num(len(v.Slides))
	for _, s := range v.Slides {
		if s == nil {
			k.num(-1)
			continue
		}
		k.str(s.Slug)
		k.num(s.Number)
		k.num(s.Total)
		k.str(s.Title)
		k.flag(s.ShowTitle)
		k.str(s.Href)
		k.flag(s.Incremental)
		k.html(s.Body)
		k.html(s.Notes)
	}
}

// PresentPath is where the deck of the lecture at url ("intro/") goes.
func PresentPath(lectureURL string) string { return lectureURL + "present/index.html" }

// DeckPDFPath is where `lecgen pdf --deck` prints the deck of a lecture.
func DeckPDFPath(lectureURL string) string { return lectureURL + "slides.pdf" }

// tristate encodes an optional setting for keys: -1 unset, 0 or 1.
func tristate(b *bool) int {
	switch {
	case b == nil:
		return -1
	case *b:
		return 1
	}
	return 0
}
