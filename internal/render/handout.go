package render

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"strings"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/markdown"
	"github.com/lecgen/lecgen/internal/resolve"
)

// Handout layouts: what a printed page of a handout holds.
const (
	LayoutNotes  = "notes"  // one slide per page start, boxed, its notes below
	LayoutSlides = "slides" // SlidesPerPage slides per page, no notes
	LayoutLines  = "lines"  // LinesPerPage slides per page, each beside ruled lines
)

// Slides per printed page in the fixed layouts. The theme's print
// stylesheet sizes a sheet to exactly one page, so a lecture handout in
// these layouts has ceil(slides/N) pages of slides.
const (
	SlidesPerPage = 2
	LinesPerPage  = 3
	// ruledLines is how many lines a slide of the lines layout gets.
	ruledLines = 12
)

// Layouts lists the valid handout layouts.
var Layouts = []string{LayoutNotes, LayoutSlides, LayoutLines}

// ValidLayout reports whether s names a handout layout.
func ValidLayout(s string) bool {
	for _, l := range Layouts {
		if s == l {
			return true
		}
	}
	return false
}

// PerPage returns how many slides one printed page of layout holds: 1 for
// notes (each slide starts a page; long notes may continue on the next).
func PerPage(layout string) int {
	switch layout {
	case LayoutSlides:
		return SlidesPerPage
	case LayoutLines:
		return LinesPerPage
	}
	return 1
}

// HandoutView is a handout page's own data: a lecture's handout, or the
// whole course's.
type HandoutView struct {
	Layout   string // notes, slides or lines
	Paper    string // A4 or Letter
	Course   bool   // the course handout (several lectures, a contents list)
	PerPage  int    // slides per printed page; see PerPage
	Lectures []*HandoutLecture
	// Glossary holds the entries of the terms the handout's slides use,
	// alphabetically; their ids are "gl-" + Anchor.
	Glossary []*TermView
	// Rules has one element per ruled line beside a slide; empty unless
	// the layout is lines.
	Rules []struct{}
	// Capped is set on the course handout of a course too big to print
	// as one page: it lists the lecture handouts instead of the slides.
	Capped     bool
	SlideCount int
	// Answers are the solutions of the handout's exercises, taken off
	// their slides to an appendix at the end (exercise.go); empty in a
	// student build that hides them.
	Answers []HandoutAnswer

	inPage *inPage // made with the page (handoutLater)
}

// MaxCourseHandoutSlides caps the course handout: a printable page with
// thousands of slides is tens of megabytes that no browser prints.
const MaxCourseHandoutSlides = 1000

// HandoutLecture is one lecture in a handout.
type HandoutLecture struct {
	ID, Title, Date, Href string // Href: the lecture's web page
	Handout               string // the lecture's handout, for a capped course handout
	SlideCount            int
	// Part is the lecture's part; PartStart is set on the first lecture
	// of a run of one part in the course handout (parts.go).
	Part      string
	PartStart bool
	// Sheets groups the slides by printed page (PerPage each); the first
	// sheet also carries the lecture's title. A lecture without slides
	// has one empty sheet.
	Sheets [][]*HandoutSlide
	// Exercises lists the lecture's exercises (handout_exercise.go).
	Exercises []HandoutExercise
}

// HandoutSlide is one slide in a handout.
type HandoutSlide struct {
	ID            string
	Number, Total int
	Title         string
	// ShowTitle is set when the body has no heading of its own (the title
	// came from front matter or the file name), so the box shows Title.
	ShowTitle bool
	Href      string // the slide's web page
	Body      template.HTML
	Notes     template.HTML // empty in the slides and lines layouts
	// Divider is set for a section divider (a title, no text, no notes):
	// the handout shows it as a heading line above the next slide rather
	// than as a box of its own, and it takes no slot of a sheet.
	Divider bool
	// Work, if set, makes this the space to answer an exercise of the
	// slide before it rather than a slide (handout_exercise.go).
	Work *HandoutWork
	ids  []string // its headings' ids (handout_ids.go)
}

// CourseHandoutPath is where the course handout is written.
const CourseHandoutPath = "handout/index.html"

// handoutLayout is the layout of this build: the override, else config.
func (r *renderer) handoutLayout() string {
	if r.in.Settings.HandoutLayout != "" {
		return r.in.Settings.HandoutLayout
	}
	if r.in.Settings.Config.Handout.Layout != "" {
		return r.in.Settings.Config.Handout.Layout
	}
	return LayoutNotes
}

func (r *renderer) slidesByLecture() map[*course.Lecture][]*resolve.SlideDocs {
	byLecture := map[*course.Lecture][]*resolve.SlideDocs{}
	for _, sd := range r.in.Docs.Slides {
		byLecture[sd.Slide.Lecture] = append(byLecture[sd.Slide.Lecture], sd)
	}
	return byLecture
}

func (r *renderer) lectureHandout(l *course.Lecture, sds []*resolve.SlideDocs) (File, error) {
	const root = "../../"
	hv := r.newHandout(false)
	p := &Page{
		Title: l.Title + " (handout)", Root: root, Description: l.Summary,
		Crumbs:  []Link{{Href: root, Title: r.site.Title}, {Href: "../", Title: l.Title}, {Title: "Handout"}},
		Handout: hv,
	}
	hv.Lectures = []*HandoutLecture{r.handoutLecture(p, l, sds, root, hv)}
	hv.Glossary = r.handoutGlossary(p, sds, root, hv)
	p.References = r.lectureRefs(l, root)
	head := handoutHead(hv.Paper, l.Title, nil)
	return r.executeHandout(l.URL()+"handout/index.html", p, head)
}

func (r *renderer) courseHandout(byLecture map[*course.Lecture][]*resolve.SlideDocs) (File, error) {
	const root = "../"
	hv := r.newHandout(true)
	hv.SlideCount = len(r.in.Docs.Slides)
	if hv.SlideCount > MaxCourseHandoutSlides {
		hv.Capped = true
		for _, l := range r.in.Course.Lectures {
			hv.Lectures = append(hv.Lectures, &HandoutLecture{ID: "handout-" + l.Slug, Title: l.Title, Href: root + l.URL(), Handout: root + l.URL() + "handout/", SlideCount: len(l.Slides), Part: l.Part})
		}
		markPartStarts(hv.Lectures)
		p := &Page{Title: "Handout", Root: root, Description: r.in.Settings.Config.Description,
			Crumbs: []Link{{Href: root, Title: r.site.Title}, {Title: "Handout"}}, Handout: hv}
		return r.executeHandout(CourseHandoutPath, p, handoutHead(hv.Paper, r.site.Title, nil))
	}
	p := &Page{
		Title: "Handout", Root: root, Description: r.in.Settings.Config.Description,
		Crumbs:  []Link{{Href: root, Title: r.site.Title}, {Title: "Handout"}},
		Handout: hv,
	}
	var all []*resolve.SlideDocs
	for _, l := range r.in.Course.Lectures {
		sds := byLecture[l]
		hv.Lectures = append(hv.Lectures, r.handoutLecture(p, l, sds, root, hv))
		all = append(all, sds...)
	}
	markPartStarts(hv.Lectures)
	hv.Glossary = r.handoutGlossary(p, all, root, hv)
	if hasReferences(r.in) {
		p.References = r.refViews(r.in.Docs.LectureCites(nil), root)
	}
	head := handoutHead(hv.Paper, r.site.Title, hv.Lectures)
	return r.executeHandout(CourseHandoutPath, p, head)
}

func (r *renderer) newHandout(courseWide bool) *HandoutView {
	layout := r.handoutLayout()
	hv := &HandoutView{Layout: layout, Paper: r.in.Settings.Config.Handout.Paper, Course: courseWide, PerPage: PerPage(layout)}
	if hv.Paper == "" {
		hv.Paper = "A4"
	}
	if layout == LayoutLines {
		hv.Rules = make([]struct{}, ruledLines)
	}
	return hv
}

func (r *renderer) handoutLecture(p *Page, l *course.Lecture, sds []*resolve.SlideDocs, root string, hv *HandoutView) *HandoutLecture {
	hl := &HandoutLecture{ID: "handout-" + l.Slug, Title: l.Title, Href: root + l.URL(), SlideCount: len(sds), Part: l.Part}
	if !l.Date.IsZero() {
		hl.Date = l.Date.Format("2006-01-02")
	}
	var sheet []*HandoutSlide
	slots := 0 // slides (and work space) in sheet, dividers not counted
	exs := slideExercises(r.in.Docs.Exercises[l])
	for _, sd := range sds {
		s := sd.Slide
		hs := &HandoutSlide{
			ID: "handout-" + l.Slug + "-" + s.Slug, Number: s.Index + 1, Total: len(l.Slides),
			Title: sd.Title, ShowTitle: sd.Body == nil || sd.Body.Title == "", Href: r.slideHref(s, root),
			Divider: isDivider(sd),
		}
		sheet = append(sheet, hs)
		if hs.Divider {
			continue
		}
		// The body, the notes in the notes layout, the solutions to the
		// Answers, and space to answer each exercise (handout_exercise.go).
		work := r.handoutSlideLater(p, hv, hl, hs, sd, exs[s], root)
		if len(work) > 0 {
			sheet, slots = keepWithWork(hl, sheet, slots, hv.PerPage)
		}
		for i, item := range append([]*HandoutSlide{hs}, work...) {
			if i > 0 {
				sheet = append(sheet, item)
			}
			if slots++; slots == hv.PerPage {
				hl.Sheets = append(hl.Sheets, sheet)
				sheet, slots = nil, 0
			}
		}
	}
	if len(sheet) > 0 || len(hl.Sheets) == 0 {
		hl.Sheets = append(hl.Sheets, sheet)
	}
	return hl
}

// isDivider tells whether a slide is a section divider: no notes, and a
// body that is empty or one heading line alone ("# Part 2").
func isDivider(sd *resolve.SlideDocs) bool {
	s := sd.Slide
	if len(bytes.TrimSpace(s.Notes.Text)) > 0 {
		return false
	}
	body := bytes.TrimSpace(s.Body.Text)
	if len(body) == 0 {
		return true
	}
	level := 0
	for level < len(body) && body[level] == '#' {
		level++
	}
	return level >= 1 && level <= 6 && (level == len(body) || body[level] == ' ' || body[level] == '\t') && bytes.IndexByte(body, '\n') < 0
}

// handoutGlossary returns the glossary entries of the terms sds use,
// alphabetically as on the glossary page.
func (r *renderer) handoutGlossary(p *Page, sds []*resolve.SlideDocs, root string, hv *HandoutView) []*TermView {
	g := r.in.Course.Glossary
	used := map[int]bool{}
	var idx []int
	for _, sd := range sds {
		for _, t := range sd.Terms {
			if t >= 0 && t < len(g) && !used[t] {
				used[t] = true
				idx = append(idx, t)
			}
		}
	}
	r.sortTerms(idx)
	byName := map[string]*course.Term{}
	for _, t := range g {
		byName[t.Name] = t
	}
	var out []*TermView
	for _, i := range idx {
		t := g[i]
		tv := &TermView{Name: t.Name, Anchor: t.Anchor, Aliases: t.Aliases}
		if i < len(r.in.Docs.Glossary) {
			r.handoutLater(p, hv, &tv.Definition, r.in.Docs.Glossary[i], root)
		}
		for _, s := range t.See {
			if o := byName[s]; o != nil {
				href := root + "glossary/#" + o.Anchor
				if used[o.Index] && g[o.Index] == o {
					href = "#gl-" + o.Anchor
				}
				tv.See = append(tv.See, Link{Href: href, Title: o.Name})
			}
		}
		out = append(out, tv)
	}
	return out
}

// handoutLater sets *dst to doc's HTML as the handout hv shows it, when
// the page is made (see Page.later): one pass of hv's inPage over the HTML
// as rendered, which also fills in the page's root.
func (r *renderer) handoutLater(p *Page, hv *HandoutView, dst *template.HTML, doc *markdown.Doc, root string) {
	if doc == nil {
		return
	}
	var key []byte
	if r.siteKey != nil {
		// inPage is made from hv's fields, which the page key holds.
		key = append(append(append(key, doc.HTMLSum[:]...), root...), 'h')
	}
	p.later(key, func() {
		if hv.inPage == nil {
			hv.inPage = newInPage(hv, root)
		}
		h, math := r.tokenHTML(doc)
		*dst = template.HTML(hv.inPage.fix(h))
		p.Math = p.Math || math
	})
}

// inPage turns HTML rendered with rootToken into a handout's: the root
// filled in, images loading at once (a handout is printed as a whole, and
// its script sizes the slide boxes once every image has its size), and
// links to what the handout itself holds pointing into the page, so that a
// reader (and a printed PDF) follows them within the handout: glossary
// links of terms in the handout's glossary, and links to the handout's
// lectures and slides (and headings on those slides). Other links are left
// alone. A link counts in both spellings: as rendered (rootToken) and, from
// raw HTML, with the root written out.
type inPage struct {
	root string
	// By href as it appears in the HTML, with the root written out.
	anchors map[string]string // lecture or slide -> its id in the page
	slides  map[string]bool   // slide hrefs, which keep a #fragment in the page
	terms   map[string]string // glossary href of a term -> its id in the page
	frags   map[string]string // slide href#exercise id -> its id in the page
	shared  map[string]bool   // ids two slides have (handout_ids.go)
}

func newInPage(hv *HandoutView, root string) *inPage {
	ip := &inPage{root: root, anchors: map[string]string{}, slides: map[string]bool{}, terms: map[string]string{}, frags: map[string]string{}, shared: map[string]bool{}}
	exerciseFrags(ip, hv) // handout_exercise.go
	for _, t := range hv.Glossary {
		ip.terms[html.EscapeString(root+"glossary/#"+t.Anchor)] = html.EscapeString("#gl-" + t.Anchor)
	}
	for _, l := range hv.Lectures {
		ip.anchors[html.EscapeString(l.Href)] = html.EscapeString("#" + l.ID)
		for _, sheet := range l.Sheets {
			for _, s := range sheet {
				if s.Work != nil {
					continue
				}
				u := html.EscapeString(s.Href)
				ip.anchors[u] = html.EscapeString("#" + s.ID)
				ip.slides[u] = true
			}
		}
	}
	return ip
}

const termLink = `<span class="term"><a `

// fix returns h as the handout shows it. It finds its way with substring
// searches (for href=", the closing quote or '#', and the NUL of
// rootToken), not a byte-by-byte automaton: this runs over every slide of
// every handout.
func (ip *inPage) fix(h string) string {
	// First, as before the links: raw HTML could have the attribute
	// between a link's parts.
	h = strings.ReplaceAll(h, ` loading="lazy"`, "")
	var b strings.Builder
	b.Grow(len(h))
	for {
		i := strings.Index(h, `href="`)
		if i < 0 {
			break
		}
		i += len(`href="`)
		writeRooted(&b, h[:i], ip.root)
		h = h[i:]
		end := strings.IndexByte(h, '"')
		closed := end >= 0
		if !closed {
			end = len(h)
		}
		u := h[:end]
		if rest, ok := strings.CutPrefix(u, rootToken); ok {
			u = ip.root + rest
		}
		base, _, hasFrag := strings.Cut(u, "#")
		switch to, ok := ip.terms[u]; {
		case closed && ok && strings.HasSuffix(b.String(), termLink+`href="`):
			b.WriteString(to)
		case closed && !hasFrag && ip.anchors[u] != "":
			b.WriteString(ip.anchors[u])
		case closed && hasFrag && ip.frags[u] != "":
			b.WriteString(ip.frags[u]) // an exercise: its id differs
		case hasFrag && ip.slides[base]:
			// The fragment stays, and is read on as text.
			b.WriteByte('#')
			h = h[strings.IndexByte(h, '#')+1:]
			continue
		default:
			continue // the value is written with the text after it
		}
		h = h[end:]
	}
	writeRooted(&b, h, ip.root)
	return b.String()
}

// executeHandout renders a handout page. Its paper size and running
// headers go into <head> through the Extra slot every theme's base
// template already has.
func (r *renderer) executeHandout(path string, p *Page, head template.HTML) (File, error) {
	rr := *r
	rr.in.Settings.Extra = r.in.Settings.Extra + head + instructorPrint(r.in.Settings.Instructor) // handout_exercise.go
	return rr.execute("handout", path, p)
}

// handoutHead is the <style> with what depends on the site's data rather
// than on the theme: the paper size (from config.toml) and the running
// header of every printed page, which CSS can only take from a string.
// With lectures (the course handout) each lecture's pages get its own
// title through a named page.
func handoutHead(paper, title string, lectures []*HandoutLecture) template.HTML {
	var b strings.Builder
	b.WriteString("<style>\n")
	fmt.Fprintf(&b, "@page { size: %s portrait; }\n", cssPaper(paper))
	fmt.Fprintf(&b, "@page { @top-center { content: %s; } }\n", cssString(title))
	for i, l := range lectures {
		fmt.Fprintf(&b, "@page lecture-%d { @top-center { content: %s; } }\n", i+1, cssString(l.Title))
		fmt.Fprintf(&b, "[id=%s] { page: lecture-%d; }\n", cssString(l.ID), i+1)
	}
	// The first page shows the title in full. (Chromium lets a later
	// @page rule win over an earlier :first, so this comes last.)
	b.WriteString("@page :first { @top-center { content: none; } }\n")
	b.WriteString("</style>\n")
	return template.HTML(b.String())
}

func cssPaper(p string) string {
	if strings.EqualFold(p, "letter") {
		return "letter"
	}
	return "A4"
}

// cssString quotes s as a CSS string that is also safe inside a <style>
// element: quotes, backslashes, control characters and "<" are escaped.
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range s {
		switch {
		case c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c < 0x20 || c == 0x7f:
			fmt.Fprintf(&b, "\\%x ", c)
		default:
			b.WriteRune(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
