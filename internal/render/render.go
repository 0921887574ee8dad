// Package render turns a resolved course into pages: it fills the theme's
// templates with each page's data and renders Markdown into them.
package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"sync"
	"sync/atomic"

	"github.com/lecgen/lecgen/internal/config"
	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/markdown"
	"github.com/lecgen/lecgen/internal/resolve"
)

// File is one output file, relative to the output folder.
type File struct {
	Path string
	Data []byte
	// Stored, when set, is a file in the page store holding the page's
	// bytes (Data is nil); Keep, when set, is where the page is to be
	// linked into the page store once published.
	Stored, Keep string
	// Key is the page's key when it has one (see pageKey), so that a
	// group of pages taken from the cache keeps its pages' entries.
	Key [32]byte
}

// Input is what a render reads: the resolved course, the theme it is shown
// with and how this build of the site is made.
type Input struct {
	Course   *course.Course
	Docs     *resolve.Docs
	Engine   *markdown.Engine
	Theme    *Theme
	Settings Settings
	// Parallel runs f(i) for i in [0,n) on a bounded worker pool.
	Parallel func(n int, f func(i int))
	// Reuse, if set, hands over pages earlier builds made whose data did
	// not change (see Reuse): serve's rebuilds and `lecgen build` with
	// the cache. Nil renders every page.
	Reuse Reuse
}

// Settings are how one build of the site is made, the same for every
// page: config.toml and what the command that builds it adds.
type Settings struct {
	Config config.Config
	// BaseURL is the address the site is built for (config.toml's
	// base_url or --base-url); "" for none.
	BaseURL string
	// HandoutLayout overrides config.toml's [handout] layout when set.
	HandoutLayout string
	// DeckPDF, if set, tells which lectures' decks are printed to
	// slides.pdf, for a link on their pages (LectureView.SlidesPDF).
	DeckPDF func(*course.Lecture) bool
	// ServedAt is the path the site is served under, for the 404 page's
	// links; "" means base_url's path (build.Options.ServedAt).
	ServedAt string
	// Instructor marks every page of an instructor build (Site.Instructor).
	Instructor bool
	// Extra is injected into every page's <head> (serve mode's live
	// reload script); empty for `lecgen build`.
	Extra template.HTML
	// ChromaCSS is static/chroma.css: the colours of highlighted code in
	// config.toml's [highlight] styles.
	ChromaCSS []byte
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

// Render renders every page and hands each file to emit, from several
// goroutines at once; the files' contents never depend on that order.
// Content problems (template errors) go to ds; an error from emit stops
// the render and is returned.
func Render(ctx context.Context, in Input, ds *course.Diagnostics, emit func(File) error) error {
	_, err := render(ctx, in, ds, emit, false)
	return err
}

// RenderFirst is Render without the course handout, the biggest page, which
// no other page needs in order to be shown: it returns a function that
// renders it, to be called once the other pages are out (serve shows them
// first, for a faster reload). Together they make what Render makes.
func RenderFirst(ctx context.Context, in Input, ds *course.Diagnostics, emit func(File) error) (handout func() (File, error), err error) {
	return render(ctx, in, ds, emit, true)
}

func render(ctx context.Context, in Input, ds *course.Diagnostics, emit func(File) error, handoutLater bool) (func() (File, error), error) {
	r := &renderer{in: in, site: siteInfo(in), termRank: termRanks(in.Course.Glossary), refs: slideRefs(in.Course, in.Docs), frags: map[string]*fragments{}}
	for kind, set := range in.Theme.sets {
		r.frags[kind] = newFragments(set)
	}
	if in.Reuse != nil {
		r.siteKey = append(append(siteKey(r.site), in.Theme.sum[:]...), in.Reuse.Salt()...)
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
	var handout func() (File, error)
	if handoutLater {
		handout = func() (File, error) {
			f, err := r.courseHandout(r.slidesByLecture())
			if err != nil {
				return f, fmt.Errorf("course handout: %w", err)
			}
			return f, nil
		}
	}
	if in.Reuse != nil && in.Reuse.World() != ([32]byte{}) && r.siteKey != nil {
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
	if !handoutLater { // else built later, see RenderFirst
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
			if files, ok := in.Reuse.Group(keys[i]); ok {
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
				in.Reuse.KeepGroup(keys[i], lectureFiles[i])
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
	put(File{Path: "static/chroma.css", Data: in.Settings.ChromaCSS}, nil, "")
	put(File{Path: ".nojekyll", Data: []byte{}}, nil, "")
	if in.Settings.BaseURL != "" {
		put(File{Path: "sitemap.xml", Data: sitemap(in)}, nil, "")
	}
	if emitErr != nil {
		return handout, emitErr
	}
	return handout, ctx.Err()
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

func siteInfo(in Input) *Site {
	s := &Site{Title: in.Settings.Config.Title, Author: in.Settings.Config.Author, Description: in.Settings.Config.Description,
		Language: in.Settings.Config.Language, Copyright: in.Settings.Config.Copyright, HasGlossary: len(in.Course.Glossary) > 0,
		HasReferences: hasReferences(in), Instructor: in.Settings.Instructor}
	for _, p := range in.Course.Pages {
		s.Pages = append(s.Pages, PageLink{URL: p.URL(), Title: in.Docs.PageTitle(p)})
	}
	return s
}

// execute renders page p into the file at path with the template of kind,
// or takes it from the page cache or store.
func (r *renderer) execute(kind, path string, p *Page) (File, error) {
	p.Site = r.site
	p.Kind = kind
	p.Extra = r.in.Settings.Extra
	if p.marginTitle != "" {
		p.Extra += template.HTML("<style>@page { @top-center { content: " + cssString(p.marginTitle) + "; } }</style>\n")
	}
	var key [32]byte
	if r.siteKey != nil {
		key = pageKey(r.siteKey, kind, p)
	}
	if r.in.Reuse != nil {
		if b, stored, ok := r.in.Reuse.Page(key); ok && stored != "" {
			return File{Path: path, Stored: stored}, nil
		} else if ok {
			return File{Path: path, Data: b, Key: key}, nil
		}
	}
	p.complete() // sets p.Math if the page shows Markdown math
	out, err := r.executeTemplate(kind, p)
	if err != nil {
		return File{}, err
	}
	f := File{Path: path, Data: out, Key: key}
	if r.in.Reuse != nil {
		f.Keep = r.in.Reuse.Made(key, out)
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

func (r *renderer) canonical(u string) string {
	if r.in.Settings.BaseURL == "" {
		return ""
	}
	return r.in.Settings.BaseURL + u
}
