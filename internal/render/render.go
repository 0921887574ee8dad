// Package render turns a resolved course into pages: it fills the theme's
// templates with each page's data and renders Markdown into them.
package render

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/xml"
	"errors"
	"fmt"
	"html/template"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/lecgen/lecgen/internal/config"
	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/markdown"
	"github.com/lecgen/lecgen/internal/pagestore"
	"github.com/lecgen/lecgen/internal/resolve"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// File is one output file, relative to the output folder.
type File struct {
	Path string
	Data []byte
	// Stored, when set, is a file in the page store holding the page's
	// bytes (Data is nil); Keep, when set, is where the page is to be
	// linked into the page store once published.
	Stored, Keep string
	// key is the page's key when it has one (see pageKey), so that a
	// group of pages taken from the cache keeps its pages' entries.
	key [32]byte
}

// Input is everything a render needs.
type Input struct {
	Config    config.Config
	Course    *course.Course
	Docs      *resolve.Docs
	Engine    *markdown.Engine
	Theme     *Theme
	ChromaCSS []byte
	// Extra is injected into every page's <head> (serve mode's live
	// reload script); empty for `lecgen build`.
	Extra template.HTML
	// Parallel runs f(i) for i in [0,n) on a bounded worker pool.
	Parallel func(n int, f func(i int))
	// HandoutLayout overrides config.toml's [handout] layout when set.
	HandoutLayout string
	// DeckPDF, if set, tells which lectures' decks are printed to
	// slides.pdf, for a link on their pages (LectureView.SlidesPDF).
	DeckPDF func(*course.Lecture) bool
	// ServedAt is the path the site is served under, for the 404 page's
	// links; "" means base_url's path (build.Options.ServedAt).
	ServedAt string
	// Pages, if set, reuses pages whose data did not change since an
	// earlier build (serve mode).
	Pages *PageCache
	// World is resolve.World of this build; with Pages, whole lectures
	// whose pages show nothing else that changed are taken from the cache.
	World [32]byte
	// Store, if set, reuses pages of the previous `lecgen build` kept on
	// disk; KeySalt (lecgen's version) goes into their keys.
	Store   *pagestore.Store
	KeySalt string
	// Later, if set, is handed a function that renders the course handout
	// (big, and no other page needs it in order to be shown) instead of
	// Render rendering it: serve mode renders it after the new pages are
	// served, for a faster reload.
	Later func(build func() (File, error))
	// Instructor marks every page of an instructor build (Site.Instructor).
	Instructor bool
}

// Link is a titled, page-relative link.
type Link struct {
	Href  string
	Title string
	// Lecture names the lecture of a slide that a lecture page's
	// Previous or Next leads to; "" elsewhere.
	Lecture string
}

// Site is what every page knows about the course.
type Site struct {
	Title, Author, Description, Language, Copyright string
	HasGlossary                                     bool
	HasReferences                                   bool // a references/ page
	Pages                                           []PageLink
	Instructor                                      bool // an instructor build: a banner on every page
}

// PageLink is a standalone page in the site navigation.
type PageLink struct{ URL, Title string }

// Page is the data given to a template.
type Page struct {
	Site        *Site
	Kind        string
	Title       string
	Description string
	Root        string // way back to the site root: "", "../", "../../"
	Canonical   string
	Content     template.HTML
	Crumbs      []Link
	Prev, Next  *Link
	Sidebar     *Sidebar
	Lecture     *LectureView
	Lectures    []*LectureView
	Slide       *SlideView
	Glossary    *GlossaryView
	Handout     *HandoutView
	// References lists cited works: a slide's, a lecture's (its page and
	// handouts) or the whole course's (the references page).
	References []*RefView
	Present    *PresentView
	Extra      template.HTML
	// Params is the front matter's [params] table of the slide, lecture
	// or page shown (Hugo's .Params): the author's own keys; nil on other
	// pages and without one.
	Params map[string]any
	// Math is set when the page has math, so that only such pages load
	// KaTeX (see execute).
	Math bool
	// marginTitle goes into the top margin of printed pages.
	marginTitle string
	// lazy lists the parts made only if the template runs (see cache.go).
	lazy []lazyPart
	// frags holds the output of cached templates (see Fragment).
	frags *fragments
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

// GlossaryView groups the glossary by first letter.
type GlossaryView struct{ Letters []*Letter }

// Letter is one letter section of the glossary page.
type Letter struct {
	Letter, ID string
	Terms      []*TermView
}

// TermView is one glossary entry.
type TermView struct {
	Name, Anchor string
	Aliases      []string
	Definition   template.HTML
	See, UsedIn  []Link
	// MoreUses counts the slides using the term beyond UsedIn, which
	// lists the first MaxUsedIn in course order.
	MoreUses int
}

// MaxUsedIn caps a glossary entry's "Used in" list: a term on thousands
// of slides would list them all (100,000 links on the glossary page of a
// 10,000-slide course), which no reader follows; search finds them.
const MaxUsedIn = 100

// Render renders every page and hands each file to emit, from several
// goroutines at once; the files' contents never depend on that order.
// Content problems (template errors) go to ds; an error from emit stops
// the render and is returned.
func Render(ctx context.Context, in Input, ds *course.Diagnostics, emit func(File) error) error {
	r := &renderer{in: in, site: siteInfo(in), termRank: termRanks(in.Course.Glossary), refs: slideRefs(in.Course), frags: map[string]*fragments{}}
	for kind, set := range in.Theme.sets {
		r.frags[kind] = newFragments(set)
	}
	if in.Pages != nil || in.Store != nil {
		r.siteKey = append(append(siteKey(r.site), in.Theme.sum[:]...), in.KeySalt...)
	}
	var dsMu sync.Mutex
	var emitErr error
	var emitOnce sync.Once
	var failed atomic.Bool
	reported := map[string]bool{}
	put := func(f File, err error, at string) {
		if err != nil {
			dsMu.Lock()
			defer dsMu.Unlock()
			// A broken template fails every page of its kind: say it once,
			// where it is.
			var te *TemplateError
			if errors.As(err, &te) {
				if !reported[te.Error()] {
					reported[te.Error()] = true
					if at != "" {
						ds.Errorf(te.Pos, "%s (rendering the page of %s)", te.Msg, at)
					} else {
						ds.Errorf(te.Pos, "%s", te.Msg)
					}
				}
				return
			}
			ds.Errorf(course.Pos{File: at}, "%v", err)
			return
		}
		if e := emit(f); e != nil {
			emitOnce.Do(func() { emitErr = e })
			failed.Store(true)
		}
	}
	if in.Later != nil {
		in.Later(func() (File, error) {
			f, err := r.courseHandout(r.slidesByLecture())
			if err != nil {
				return f, fmt.Errorf("course handout: %w", err)
			}
			return f, nil
		})
	}
	// Warnings of slides rendered earlier went with theirs (Prerender).
	for _, doc := range r.prerender() {
		loc := doc.Src.Locator()
		for _, w := range doc.RenderWarnings() {
			ds.Warnf(loc.PosAt(w.Off), "%s", w.Msg)
		}
	}
	if in.Pages != nil && r.siteKey != nil {
		r.global = r.globalKey()
	}
	// Per-lecture data is computed once and shared by its slides.
	lectures := make([]*lectureData, len(in.Course.Lectures))
	for i, l := range in.Course.Lectures {
		lectures[i] = r.lectureData(l)
	}
	// A handout's errors are reported as the handout's, at its lecture;
	// a broken template, like any other, once.
	putHandout := func(f File, err error, at string) {
		if te := (*TemplateError)(nil); errors.As(err, &te) {
			put(f, err, at)
			return
		}
		if err != nil {
			dsMu.Lock()
			ds.Errorf(course.Pos{File: at}, "handout: %v", err)
			dsMu.Unlock()
			return
		}
		put(f, nil, "")
	}
	// One pool for every page: slides, lecture pages, the index, the
	// glossary and the handouts (the biggest first, so that the course
	// handout does not end up alone on one core at the end).
	var tasks []func()
	byLecture := r.slidesByLecture()
	if in.Later == nil { // else built later, see Input.Later
		tasks = append(tasks, func() {
			f, err := r.courseHandout(byLecture)
			putHandout(f, err, "content/_index.md")
		})
	}
	tasks = append(tasks, func() {
		f, err := r.indexPage(lectures)
		put(f, err, "content/_index.md")
		f, err = r.notFoundPage()
		put(f, err, "404.html")
		if len(in.Course.Glossary) > 0 {
			f, err = r.glossaryPage()
			put(f, err, "content/glossary.toml")
		}
		if r.site.HasReferences {
			f, err = r.referencesPage() // references.go
			put(f, err, in.Course.Bibliography[0].File)
		}
		for _, p := range in.Course.Pages {
			f, err := r.standalonePage(p)
			put(f, err, p.File)
		}
	})
	// A lecture's own pages (its page, its handout, its slides) come from
	// the page cache as a whole when nothing they show changed (see
	// lectureKeys); otherwise they are rendered, and kept if all went well.
	keys := r.lectureKeys(byLecture)
	lectureFiles := make([][]File, len(in.Course.Lectures)) // those rendered without error
	var lectureMu sync.Mutex
	inLecture := func(l *course.Lecture, f File, err error, report func(File, error, string), at string) {
		report(f, err, at)
		if err == nil && keys != nil {
			lectureMu.Lock()
			lectureFiles[l.Index] = append(lectureFiles[l.Index], f)
			lectureMu.Unlock()
		}
	}
	reused := make([]bool, len(in.Course.Lectures))
	for i, l := range in.Course.Lectures {
		if keys != nil {
			if files, ok := in.Pages.getGroup(keys[i]); ok {
				reused[i] = true
				for _, f := range files {
					put(f, nil, "")
				}
				continue
			}
		}
		tasks = append(tasks, func() {
			f, err := r.lectureHandout(l, byLecture[l])
			inLecture(l, f, err, putHandout, l.Dir)
		}, func() {
			f, err := r.lecturePage(l, lectures[i])
			inLecture(l, f, err, put, l.Dir)
		}, func() {
			f, err := r.presentPage(l, lectures[i], byLecture[l])
			inLecture(l, f, err, put, l.Dir)
		})
	}
	for _, sd := range in.Docs.Slides {
		if l := sd.Slide.Lecture; !reused[l.Index] {
			tasks = append(tasks, func() {
				f, err := r.slidePage(sd, lectures[l.Index])
				inLecture(l, f, err, put, sd.Slide.File)
			})
		}
	}
	in.Parallel(len(tasks), func(i int) {
		if ctx.Err() != nil || failed.Load() {
			return
		}
		tasks[i]()
	})
	if keys != nil && ctx.Err() == nil && !failed.Load() {
		for i, l := range in.Course.Lectures {
			if !reused[i] && len(lectureFiles[i]) == len(byLecture[l])+3 { // its page, handout, deck and slides
				in.Pages.putGroup(keys[i], lectureFiles[i])
			}
		}
	}
	// Every slide is HTML now: free the syntax trees still held.
	for _, sd := range in.Docs.Slides {
		sd.Body.Release()
		sd.Notes.Release()
	}
	for _, name := range in.Theme.StaticFiles() {
		put(File{Path: "static/" + name, Data: in.Theme.static[name]}, nil, "")
	}
	put(File{Path: "static/chroma.css", Data: in.ChromaCSS}, nil, "")
	put(File{Path: ".nojekyll", Data: []byte{}}, nil, "")
	if in.Config.BaseURL != "" {
		put(File{Path: "sitemap.xml", Data: sitemap(in)}, nil, "")
	}
	if emitErr != nil {
		return emitErr
	}
	return ctx.Err()
}

// Collect renders into memory, sorted by path: for serve mode and tests.
func Collect(ctx context.Context, in Input, ds *course.Diagnostics) ([]File, error) {
	var mu sync.Mutex
	var out []File
	err := Render(ctx, in, ds, func(f File) error {
		mu.Lock()
		out = append(out, f)
		mu.Unlock()
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, err
}

type renderer struct {
	in   Input
	site *Site
	// siteKey encodes the Site, theme and KeySalt for page keys; nil
	// when pages are neither cached nor stored, and then no key is made.
	siteKey []byte
	// termRank is each glossary term's place in alphabetical order.
	termRank []int
	refs     map[*course.Slide]slideRef
	// global is globalKey, made once per render when pages are cached.
	global [32]byte
	// frags holds each page kind's cached template output (see Fragment).
	frags map[string]*fragments
}

// slideRef is a slide as other pages link to it, made once per render
// rather than once per link (the glossary alone may link slides 100,000
// times).
type slideRef struct {
	href string // from a page two folders deep: "../../lecture/slide/"
	long string // "Lecture: Slide", for links from other lectures
}

func slideRefs(c *course.Course) map[*course.Slide]slideRef {
	refs := map[*course.Slide]slideRef{}
	for _, l := range c.Lectures {
		for _, s := range l.Slides {
			refs[s] = slideRef{href: "../../" + s.URL(), long: l.Title + ": " + s.Title}
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

// rootToken stands for a page's root prefix in pre-rendered HTML. Content
// cannot contain NUL (the loader rejects it), so it never clashes.
const rootToken = "\x00root\x00"

// Prerender renders a resolved document into doc.HTML, the way every page
// showing it takes it (see renderDoc), and frees its syntax tree: a build
// renders each slide as soon as it is resolved, so the trees of all slides
// are never in memory at once.
func Prerender(e *markdown.Engine, doc *markdown.Doc) {
	if doc == nil || doc.Root == nil {
		return
	}
	renderDoc(e, doc)
	doc.Release()
}

// renderDoc renders doc once into doc.HTML, with rootToken where a page's
// way back to the site root goes (a slide appears on its page and in two
// handouts, and rendering it once is a third of the cost), and its hash
// into doc.HTMLSum, which page keys use.
func renderDoc(e *markdown.Engine, doc *markdown.Doc) {
	s, err := e.RenderString(doc, rootToken)
	if err != nil {
		s = renderError(err)
	}
	doc.HTML = s
	doc.HTMLSum = sha256.Sum256([]byte(s))
	doc.HTMLMath = strings.Contains(s, markdown.MathMarker)
}

// rendered tells whether renderDoc rendered doc (or a memo restored it).
func rendered(doc *markdown.Doc) bool { return doc.HTMLSum != [32]byte{} }

func renderError(err error) string {
	return "<p>render error: " + template.HTMLEscapeString(err.Error()) + "</p>"
}

// prerender renders every document a page shows that Prerender did not
// render already: slides (when resolve ran without it), glossary entries,
// introductions, pages and the home page. It returns the documents it
// rendered.
func (r *renderer) prerender() []*markdown.Doc {
	var docs []*markdown.Doc
	add := func(doc *markdown.Doc) {
		if doc != nil && !rendered(doc) {
			docs = append(docs, doc)
		}
	}
	for _, sd := range r.in.Docs.Slides {
		add(sd.Body)
		add(sd.Notes)
	}
	for _, doc := range r.in.Docs.Glossary {
		add(doc)
	}
	for _, l := range r.in.Course.Lectures {
		add(r.in.Docs.Intros[l])
	}
	for _, p := range r.in.Course.Pages {
		add(r.in.Docs.Pages[p])
	}
	add(r.in.Docs.Home)
	r.in.Parallel(len(docs), func(i int) { renderDoc(r.in.Engine, docs[i]) })
	return docs
}

// lectureData is what all pages of one lecture share.
type lectureData struct {
	view  *LectureView // hrefs relative to the site root
	items []Link       // slide links relative to a slide page
	list  string       // the sidebar's <li> items, rendered once (short lectures)
	key   [32]byte     // items, hashed for page cache keys
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

func siteInfo(in Input) *Site {
	s := &Site{Title: in.Config.Title, Author: in.Config.Author, Description: in.Config.Description,
		Language: in.Config.Language, Copyright: in.Config.Copyright, HasGlossary: len(in.Course.Glossary) > 0,
		HasReferences: hasReferences(in), Instructor: in.Instructor}
	for _, p := range in.Course.Pages {
		s.Pages = append(s.Pages, PageLink{URL: p.URL(), Title: p.Title})
	}
	return s
}

func (r *renderer) lectureData(l *course.Lecture) *lectureData {
	d := &lectureData{view: &LectureView{Title: l.Title, Href: l.URL(), Summary: l.Summary, SlideCount: len(l.Slides), Handout: l.URL() + "handout/", Present: l.URL() + "present/", Part: l.Part}}
	if !l.Date.IsZero() {
		d.view.Date = l.Date.Format("2006-01-02")
	}
	if r.in.DeckPDF != nil && r.in.DeckPDF(l) {
		d.view.SlidesPDF = DeckPDFPath(l.URL())
	}
	for _, s := range l.Slides {
		d.items = append(d.items, Link{Href: "../" + s.Slug + "/", Title: s.Title})
	}
	if len(d.items) <= sidebarAll {
		d.list = sidebarList(d.items)
	}
	if r.siteKey != nil {
		k := newKey()
		k.links(d.items)
		d.key = k.sum()
	}
	return d
}

// execute renders page p into the file at path with the template of kind,
// or takes it from the page cache or store.
func (r *renderer) execute(kind, path string, p *Page) (File, error) {
	p.Site = r.site
	p.Kind = kind
	p.Extra = r.in.Extra
	if p.marginTitle != "" {
		p.Extra += template.HTML("<style>@page { @top-center { content: " + cssString(p.marginTitle) + "; } }</style>\n")
	}
	var key [32]byte
	if r.siteKey != nil {
		key = pageKey(r.siteKey, kind, p)
	}
	if r.in.Pages != nil {
		if b, ok := r.in.Pages.get(key); ok {
			return File{Path: path, Data: b, key: key}, nil
		}
	}
	if r.in.Store != nil {
		if stored, ok := r.in.Store.Lookup(key); ok {
			return File{Path: path, Stored: stored}, nil
		}
	}
	p.complete() // sets p.Math if the page shows Markdown math
	out, err := r.executeTemplate(kind, p)
	if err != nil {
		return File{}, err
	}
	if r.in.Pages != nil {
		r.in.Pages.put(key, out)
	}
	f := File{Path: path, Data: out, key: key}
	if r.in.Store != nil {
		f.Keep = r.in.Store.Keep(key, len(out))
	}
	return f, nil
}

// pageBufs holds the buffers templates execute into. A page is copied out
// at its exact size; growing a fresh buffer for every page instead made
// about twice the site's size in garbage, a sixth of a cold build's.
var pageBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledPage keeps one huge page (a course handout) from pinning its
// buffer in the pool.
const maxPooledPage = 1 << 20

func (r *renderer) executeTemplate(kind string, p *Page) ([]byte, error) {
	p.frags = r.frags[kind]
	buf := pageBufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if buf.Cap() <= maxPooledPage {
			pageBufs.Put(buf)
		}
	}()
	if err := r.in.Theme.sets[kind].ExecuteTemplate(buf, "base", p); err != nil {
		return nil, r.in.Theme.execError(kind, err)
	}
	// Math in the Markdown a page shows sets p.Math when the page is made
	// (see markdownLater); math that only a site's own theme templates
	// write is found here, in the HTML, and the page is rendered again
	// with KaTeX. The built-in templates write none (TestThemeMath).
	if !p.Math && r.in.Theme.siteTemplates && bytes.Contains(buf.Bytes(), []byte(markdown.MathMarker)) {
		p.Math = true
		buf.Reset()
		if err := r.in.Theme.sets[kind].ExecuteTemplate(buf, "base", p); err != nil {
			return nil, r.in.Theme.execError(kind, err)
		}
	}
	return bytes.Clone(buf.Bytes()), nil
}

// markdownLater sets *dst to doc's HTML for a page at root when the page
// is made (see Page.later).
func (r *renderer) markdownLater(p *Page, dst *template.HTML, doc *markdown.Doc, root string) {
	if doc == nil {
		return
	}
	var key []byte
	if r.siteKey != nil {
		key = append(append(key, doc.HTMLSum[:]...), root...)
	}
	p.later(key, func() {
		h, math := r.tokenHTML(doc)
		*dst = template.HTML(withRoot(h, root))
		p.Math = p.Math || math
	})
}

// withRoot returns s with rootToken replaced by root, in one pass over s
// (strings.ReplaceAll makes two: it counts the tokens first).
func withRoot(s, root string) string {
	i := strings.Index(s, rootToken)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + max(0, len(root)-len(rootToken))*8) // a few links: it grows if need be
	b.WriteString(s[:i])
	writeRooted(&b, s[i:], root)
	return b.String()
}

// writeRooted writes s with rootToken replaced by root.
func writeRooted(b *strings.Builder, s, root string) {
	for {
		i := strings.Index(s, rootToken)
		if i < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		b.WriteString(root)
		s = s[i+len(rootToken):]
	}
}

// tokenHTML returns doc's HTML with rootToken for the page's root, and
// whether it shows math: as rendered early (see prerender), or rendered
// now.
func (r *renderer) tokenHTML(doc *markdown.Doc) (string, bool) {
	if rendered(doc) {
		return doc.HTML, doc.HTMLMath
	}
	s, err := r.in.Engine.RenderString(doc, rootToken)
	if err != nil {
		s = renderError(err)
	}
	return s, strings.Contains(s, markdown.MathMarker)
}

func (r *renderer) slidePage(sd *resolve.SlideDocs, ld *lectureData) (File, error) {
	s := sd.Slide
	l := s.Lecture
	const root = "../../"
	p := &Page{
		Title: s.Title, Root: root,
		Crumbs:      []Link{{Href: root, Title: r.site.Title}, {Href: "../", Title: l.Title}, {Title: s.Title}},
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
		title := b.Title
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
	return &Link{Href: r.slideHref(s, root), Title: s.Title}
}

func lectureLink(l *course.Lecture, root string) *Link {
	return &Link{Href: root + l.URL(), Title: l.Title}
}

func (r *renderer) canonical(u string) string {
	if r.in.Config.BaseURL == "" {
		return ""
	}
	return r.in.Config.BaseURL + u
}

func (r *renderer) indexPage(lectures []*lectureData) (File, error) {
	p := &Page{Root: "", Description: r.in.Config.Description, Canonical: r.canonical("")}
	if h := r.in.Course.Home; h != nil {
		p.Params = h.Params
	}
	r.markdownLater(p, &p.Content, r.in.Docs.Home, "")
	for _, ld := range lectures {
		p.Lectures = append(p.Lectures, ld.view)
	}
	return r.execute("index", "index.html", p)
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
	p.References = r.lectureRefs(l, root)
	p.Prev = r.lectureBefore(l, root)
	if len(l.Slides) > 0 {
		p.Next = &Link{Href: items[0].Href, Title: l.Slides[0].Title, Lecture: l.Title}
	} else {
		p.Next = r.lectureAfter(l, root)
	}
	return r.execute("lecture", l.URL()+"index.html", p)
}

func (r *renderer) standalonePage(pg *course.Page) (File, error) {
	const root = "../"
	p := &Page{Title: pg.Title, Root: root, Canonical: r.canonical(pg.URL()),
		Crumbs: []Link{{Href: root, Title: r.site.Title}, {Title: pg.Title}}, Params: pg.Params}
	r.markdownLater(p, &p.Content, r.in.Docs.Pages[pg], root)
	return r.execute("page", pg.URL()+"index.html", p)
}

func (r *renderer) glossaryPage() (File, error) {
	// Taken whole from the cache when its entries and their uses are
	// unchanged: with thousands of slides it links slides 100,000 times.
	key, keyed := r.glossaryKey()
	if keyed {
		if fs, ok := r.in.Pages.getGroup(key); ok && len(fs) == 1 {
			return fs[0], nil
		}
	}
	f, err := r.makeGlossaryPage()
	if err == nil && keyed {
		r.in.Pages.putGroup(key, []File{f})
	}
	return f, err
}

func (r *renderer) makeGlossaryPage() (File, error) {
	const root = "../"
	g := r.in.Course.Glossary
	order := make([]int, len(g))
	for i := range order {
		order[i] = i
	}
	r.sortTerms(order)
	byName := map[string]*course.Term{}
	for _, t := range g {
		byName[t.Name] = t
	}
	gv := &GlossaryView{}
	p := &Page{Title: "Glossary", Root: root, Canonical: r.canonical("glossary/"), Glossary: gv,
		Crumbs: []Link{{Href: root, Title: r.site.Title}, {Title: "Glossary"}}}
	for _, i := range order {
		t := g[i]
		letter := firstLetter(t.Name)
		if len(gv.Letters) == 0 || gv.Letters[len(gv.Letters)-1].Letter != letter {
			gv.Letters = append(gv.Letters, &Letter{Letter: letter, ID: letterID(letter)})
		}
		tv := &TermView{Name: t.Name, Anchor: t.Anchor, Aliases: t.Aliases}
		r.markdownLater(p, &tv.Definition, r.in.Docs.Glossary[i], root)
		for _, s := range t.See {
			if o := byName[s]; o != nil {
				tv.See = append(tv.See, Link{Href: "#" + o.Anchor, Title: o.Name})
			}
		}
		if used := r.in.Docs.UsedIn[i]; len(used) > 0 {
			if len(used) > MaxUsedIn {
				tv.MoreUses = len(used) - MaxUsedIn
				used = used[:MaxUsedIn]
			}
			tv.UsedIn = make([]Link, len(used))
			for j, s := range used {
				title := s.Title
				if len(r.in.Course.Lectures) > 1 {
					title = r.refs[s].long
				}
				tv.UsedIn[j] = Link{Href: r.slideHref(s, root), Title: title}
			}
		}
		cur := gv.Letters[len(gv.Letters)-1]
		cur.Terms = append(cur.Terms, tv)
	}
	return r.execute("glossary", "glossary/index.html", p)
}

// termRanks orders the glossary the way readers expect: alphabetically,
// ignoring case and accents, as a collator does ("Élan" between "E" and
// "F"). rank[i] is term i's place.
func termRanks(g []*course.Term) []int {
	col := collate.New(language.Und, collate.IgnoreCase, collate.IgnoreDiacritics)
	var buf collate.Buffer
	keys := make([][]byte, len(g))
	order := make([]int, len(g))
	for i, t := range g {
		keys[i] = append([]byte(nil), col.KeyFromString(&buf, t.Name)...)
		buf.Reset()
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		if c := bytes.Compare(keys[order[a]], keys[order[b]]); c != 0 {
			return c < 0
		}
		return g[order[a]].Name < g[order[b]].Name
	})
	rank := make([]int, len(g))
	for place, i := range order {
		rank[i] = place
	}
	return rank
}

// sortTerms sorts glossary term indexes alphabetically (see termRanks).
func (r *renderer) sortTerms(idx []int) {
	sort.Slice(idx, func(a, b int) bool { return r.termRank[idx[a]] < r.termRank[idx[b]] })
}

// firstLetter is the letter a term is filed under: its first letter
// without accents, upper-cased; "#" for digits and symbols.
func firstLetter(name string) string {
	r, _ := utf8.DecodeRuneInString(name)
	if l := baseLetter(r); l != "" {
		return l
	}
	return "#"
}

func letterID(l string) string {
	if l == "#" {
		return "sym"
	}
	return strings.ToLower(l)
}

func (r *renderer) notFoundPage() (File, error) {
	// GitHub Pages serves 404.html at any depth, so relative links would
	// break: use the path the site is served under, by default the base
	// URL's path, or the server root.
	root := "/"
	if r.in.ServedAt != "" {
		root = r.in.ServedAt
	} else if u := r.in.Config.BaseURL; u != "" {
		if i := strings.Index(u, "://"); i >= 0 {
			if j := strings.Index(u[i+3:], "/"); j >= 0 {
				root = u[i+3+j:]
			}
		}
	}
	p := &Page{Title: "Page not found", Root: root}
	return r.execute("404", "404.html", p)
}

func sitemap(in Input) []byte {
	// Written by hand rather than by encoding/xml: this runs on every
	// serve rebuild, and reflection over 10,000 URLs showed in profiles.
	var b bytes.Buffer
	base := in.Config.BaseURL
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	put := func(loc, lastmod string) {
		b.WriteString("\n  <url>\n    <loc>")
		_ = xml.EscapeText(&b, []byte(loc))
		b.WriteString("</loc>")
		if lastmod != "" {
			b.WriteString("\n    <lastmod>")
			_ = xml.EscapeText(&b, []byte(lastmod))
			b.WriteString("</lastmod>")
		}
		b.WriteString("\n  </url>")
	}
	put(base, "")
	for _, l := range in.Course.Lectures {
		lastmod := ""
		if !l.Date.IsZero() {
			lastmod = l.Date.Format("2006-01-02")
		}
		put(base+l.URL(), lastmod)
		for _, s := range l.Slides {
			put(base+s.URL(), "")
		}
	}
	for _, p := range in.Course.Pages {
		put(base+p.URL(), "")
	}
	if len(in.Course.Glossary) > 0 {
		put(base+"glossary/", "")
	}
	if hasReferences(in) {
		put(base+"references/", "")
	}
	b.WriteString("\n</urlset>\n")
	return b.Bytes()
}
