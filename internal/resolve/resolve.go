// Package resolve is the stage between parsing and rendering: it links
// glossary terms, checks and rewrites every cross-link and image, and
// collects backlinks and term use, across the whole course.
package resolve

import (
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/markdown"
	"github.com/lecgen/lecgen/internal/suggest"
	"github.com/lecgen/lecgen/internal/termsafe"
	"golang.org/x/text/unicode/norm"
)

// SlideDocs is a slide's parsed Markdown and what resolution found.
type SlideDocs struct {
	Slide *course.Slide
	// Title is the slide's title as every page shows it: its front
	// matter's, else its first heading's, else one made from its file
	// name, with citations resolved ("CLIP (Radford et al., 2021)"). The
	// loaded Slide keeps its front matter's.
	Title     string
	Body      *markdown.Doc
	Notes     *markdown.Doc // nil without notes
	Terms     []int         // glossary terms used, in order of first use
	Links     []*course.Slide
	Backlinks []*course.Slide // slides linking here, in course order
	// Cites lists the keys of the works the slide cites (body, then
	// notes) in order of first citation, and Labels its numbered objects:
	// both are known from the first pass (see cite.go).
	Cites  []string
	Labels []markdown.Label

	ids     map[string]bool // see idSet
	idsOnce sync.Once
	// lazyIDs, when set, makes ids on first use with an outline: Parse
	// leaves them unknown for a slide whose title it needs no outline for,
	// as most slides' ids are only asked for by the slide itself, once it
	// is parsed in full (see Resolve).
	lazyIDs *markdown.Engine
	// exerciseBase is the number of exercises in the lecture's earlier
	// slides (exercise.go).
	exerciseBase int
	// exercises are the ids and numbers of the slide's exercises
	// (exercise.go).
	exercises []Exercise
}

// IDs returns the slide's heading ids, sorted.
func (sd *SlideDocs) IDs() []string { return keys(sd.idSet()) }

// AppendIDs appends the slide's heading ids, sorted, to dst: IDs without
// a new slice for each slide (incremental.World asks for every slide's).
func (sd *SlideDocs) AppendIDs(dst []string) []string {
	n := len(dst)
	for id := range sd.idSet() {
		dst = append(dst, id)
	}
	slices.Sort(dst[n:])
	return dst
}

// idSet returns the slide's heading ids, learning them first if need be.
func (sd *SlideDocs) idSet() map[string]bool {
	sd.idsOnce.Do(func() {
		if sd.lazyIDs != nil {
			for _, id := range parseKnown(sd.lazyIDs, sd.Slide).IDs {
				sd.ids[id] = true
			}
		}
	})
	return sd.ids
}

// Docs holds every parsed document of the course.
type Docs struct {
	Slides   []*SlideDocs // course order
	Intros   map[*course.Lecture]*markdown.Doc
	Pages    map[*course.Page]*markdown.Doc
	Home     *markdown.Doc
	Glossary []*markdown.Doc // by term index
	// UsedIn lists, per term index, the slides that use it in course order.
	UsedIn [][]*course.Slide
	// Citations is the bibliography as the course uses it (cite.go).
	Citations *Citations
	// Exercises lists each lecture's exercises in order (exercise.go).
	Exercises map[*course.Lecture][]Exercise
	// HeldBack lists, sorted, the output paths of the course's files that
	// only the parts this build left out link to (held.go): a build does
	// not publish them.
	HeldBack []string
	pageIDs  map[*markdown.Doc]map[string]bool
	engine   *markdown.Engine
	bySlide  map[*course.Slide]*SlideDocs
	// pageTitles and shorts are the titles of pages and the tooltips of
	// glossary terms, as shown: given, or made from the documents.
	pageTitles map[*course.Page]string
	shorts     []string
}

// SlideTitle returns the title of slide s as shown (SlideDocs.Title); ""
// for a slide that is not in the course.
func (d *Docs) SlideTitle(s *course.Slide) string {
	if sd := d.bySlide[s]; sd != nil {
		return sd.Title
	}
	return ""
}

// PageTitle returns the title of page p as shown: its front matter's,
// else its first heading's, else one made from its file name.
func (d *Docs) PageTitle(p *course.Page) string { return d.pageTitles[p] }

// PageIDs returns the heading ids of an introduction, page or the home
// page (a document of d), sorted.
func (d *Docs) PageIDs(doc *markdown.Doc) []string { return keys(d.pageIDs[doc]) }

// Short returns glossary term i's tooltip: glossary.toml's short, else
// its definition's first sentence, citations resolved.
func (d *Docs) Short(i int) string { return d.shorts[i] }

// Parse parses every Markdown source of the course. It is the expensive
// half of the work that is independent per slide; each runs concurrently
// through parallel.
func Parse(c *course.Course, e *markdown.Engine, each func(n int, f func(i int))) *Docs {
	return ParseWith(c, e, each, nil)
}

// Known is what an earlier build learnt about a slide whose source has not
// changed: its title and heading ids.
type Known struct {
	Title  string
	IDs    []string
	Cites  []string         // see SlideDocs.Cites
	Labels []markdown.Label // see SlideDocs.Labels
}

// ParseWith is Parse that takes the title and ids of the slides in known
// (what an earlier build learnt) instead of parsing them. A slide not in
// known is outlined, or, titled in its front matter, learns its ids when
// first asked for (see SlideDocs.IDs).
func ParseWith(c *course.Course, e *markdown.Engine, each func(n int, f func(i int)), known map[*course.Slide]Known) *Docs {
	d := &Docs{Intros: map[*course.Lecture]*markdown.Doc{}, Pages: map[*course.Page]*markdown.Doc{}, pageIDs: map[*markdown.Doc]map[string]bool{}, engine: e,
		pageTitles: map[*course.Page]string{}}
	slides := c.Slides()
	d.Slides = make([]*SlideDocs, len(slides))
	exercises := make([][]markdown.ExerciseRef, len(slides))
	each(len(slides), func(i int) {
		s := slides[i]
		// Only the title and the heading ids are needed until every
		// slide's are known: the trees are not kept, and each slide is
		// parsed again when it is resolved, so that a build never holds
		// all of them. Without a memo, a slide titled in its front matter
		// needs no outline now: its ids are learnt when first asked for.
		k, ok := known[s]
		sd := &SlideDocs{Slide: s, ids: make(map[string]bool, len(k.IDs))}
		if !ok && s.Title != "" && !mayCite(s) {
			sd.lazyIDs, ok = e, true
		}
		if !ok {
			k = parseKnown(e, s)
		}
		sd.Body = &markdown.Doc{Src: s.Body, Title: k.Title}
		sd.Cites, sd.Labels = k.Cites, k.Labels
		if s.HasNotes {
			sd.Notes = &markdown.Doc{Src: s.Notes}
		}
		sd.Title = course.DefaultTitle(s.Title, k.Title, s.Slug)
		for _, id := range k.IDs {
			sd.ids[id] = true
		}
		exercises[i] = e.Exercises(s.Body.Text)
		if s.HasNotes {
			exercises[i] = append(exercises[i], e.Exercises(s.Notes.Text)...)
		}
		d.Slides[i] = sd
	})
	numberExercises(d, exercises) // exercise.go
	d.bySlide = make(map[*course.Slide]*SlideDocs, len(d.Slides))
	for _, sd := range d.Slides {
		d.bySlide[sd.Slide] = sd
	}
	intros := make([]*markdown.Doc, len(c.Lectures))
	each(len(intros), func(i int) { intros[i] = e.Parse(c.Lectures[i].Intro, nil) })
	for i, l := range c.Lectures {
		d.Intros[l] = intros[i]
		d.pageIDs[intros[i]] = ids(intros[i])
	}
	for _, p := range c.Pages {
		doc := e.Parse(p.Body, nil)
		d.pageTitles[p] = course.DefaultTitle(p.Title, doc.Title, p.Slug)
		d.Pages[p] = doc
		d.pageIDs[doc] = ids(doc)
	}
	if c.Home != nil {
		d.Home = e.Parse(c.Home.Body, nil)
		d.pageIDs[d.Home] = ids(d.Home)
	}
	d.Glossary = make([]*markdown.Doc, len(c.Glossary))
	d.shorts = make([]string, len(c.Glossary))
	for i, t := range c.Glossary {
		d.Glossary[i] = e.Parse(t.Definition, nil)
		d.shorts[i] = t.Short
		if t.Short == "" {
			d.shorts[i] = firstSentence(markdown.PlainText(d.Glossary[i].Root, t.Definition.Text))
		}
	}
	return d
}

func ids(doc *markdown.Doc) map[string]bool {
	m := map[string]bool{}
	doc.HeadingIDs(func(id string) { m[id] = true })
	return m
}

// parseKnown learns a slide's title and heading ids from outlines, which
// skip nearly all inline parsing: the trees are thrown away anyway.
func parseKnown(e *markdown.Engine, s *course.Slide) Known {
	ids := markdown.NewIDs(s.Lecture.Slug + "-" + s.Slug + "-")
	if mayCite(s) {
		// Citations and labels are inline: only a full parse finds them.
		return parseCites(e, s, ids)
	}
	body := e.Outline(s.Body, ids, true)
	k := Known{Title: body.Title, IDs: body.IDs}
	if s.HasNotes {
		k.IDs = append(k.IDs, e.Outline(s.Notes, ids, false).IDs...)
	}
	return k
}

// firstSentence is the default tooltip: the definition's first sentence.
func firstSentence(s string) string {
	for i := 0; i+1 < len(s); i++ {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i+1] == ' ' && !citationAbbrev(s[:i]) {
			return s[:i+1]
		}
	}
	return s
}

// citationAbbrev tells whether s ends in an abbreviation that citations
// write before a full stop that ends no sentence: "Radford et al. (2021)",
// "p. 4", "pp. 4-6".
func citationAbbrev(s string) bool {
	for _, a := range []string{" et al", " p", " pp", "(p", "(pp"} {
		if strings.HasSuffix(s, a) {
			return true
		}
	}
	return false
}

// Options control resolution.
type Options struct {
	GlossaryLink string // config default: first, all or none
	// Parallel runs f(0..n-1), possibly concurrently; nil runs them in
	// order. Only Resolve uses it: a build runs its own loop.
	Parallel func(n int, f func(i int))
	// CiteStyle is [citations] style: "author-year" (default) or "numeric".
	CiteStyle string
}

func serial(n int, f func(i int)) {
	for i := 0; i < n; i++ {
		f(i)
	}
}

// Index is the read-only knowledge of the whole course that resolving one
// slide needs: every link target with its title and heading ids, the
// glossary's matcher, the bibliography and numbered objects. It is made
// once from the first pass (Parse) and then resolves slides one at a time,
// concurrently, each independent of the others:
//
//	ix := NewIndex(c, docs, opts, &ds)
//	for each slide sd (concurrently):
//	    body, notes := ix.Parse(sd)
//	    results[i] = ix.Slide(sd, body, notes)
//	    ... render the slide, release its trees ...
//	docs = ix.Finish(results, &ds)
//
// The Docs handed to NewIndex belong to the Index from then on; Finish
// returns them complete.
type Index struct {
	c       *course.Course
	d       *Docs
	targets *targets
	matcher markdown.TermFinder
	info    func(t int) (anchor, short string)
	mode    string // Options.GlossaryLink
}

// SlideResult is what resolving one slide found: its documents, parsed and
// with every link rewritten (or, reused from an earlier build, rendered and
// released), the glossary terms it uses in order of first use, the slides
// it links to, and its problems.
type SlideResult struct {
	Body, Notes *markdown.Doc
	Terms       []int
	Links       []*course.Slide
	// Files and HeldFiles are the output paths of the course's files
	// that the slide's shown parts link to, and that its left-out parts
	// (held.go) do; HeldTerms, sorted, the glossary terms those parts
	// use.
	Files, HeldFiles []string
	HeldTerms        []int
	Diags            course.Diagnostics
}

// NewIndex indexes the course for resolution: link targets, the
// bibliography (whose problems go to ds) and the glossary's matcher.
func NewIndex(c *course.Course, d *Docs, opts Options, ds *course.Diagnostics) *Index {
	d.Citations = newCitations(c, d, opts.CiteStyle, ds) // cite.go
	d.Citations.citedTitles(d)
	d.Citations.citedShorts(c, d)
	t := newTargets(c, d)
	t.cites = d.Citations
	t.addReferences()
	return &Index{c: c, d: d, targets: t, matcher: markdown.NewTermFinder(c.Glossary), mode: opts.GlossaryLink,
		info: func(i int) (string, string) { return c.Glossary[i].Anchor, d.shorts[i] }}
}

// Parse parses a slide's body and notes in full, with the same heading ids
// the first pass found (Parse kept no trees, so that a build never holds
// all of them).
func (x *Index) Parse(sd *SlideDocs) (body, notes *markdown.Doc) {
	s := sd.Slide
	ids := markdown.NewIDs(s.Lecture.Slug + "-" + s.Slug + "-")
	body = x.d.engine.Parse(s.Body, ids)
	markdown.TitleLevels(body)
	if sd.lazyIDs == nil {
		body.Title = sd.Body.Title // the first pass's (or an earlier build's)
	}
	if s.HasNotes {
		notes = x.d.engine.Parse(s.Notes, ids)
	}
	return body, notes
}

// Slide resolves the parsed documents of one slide against the index:
// links and images are checked and rewritten in the trees, glossary terms
// marked, citations and exercises numbered. Slides may be resolved
// concurrently; each result depends only on the index and the slide.
func (x *Index) Slide(sd *SlideDocs, body, notes *markdown.Doc) SlideResult {
	s := sd.Slide
	r := SlideResult{Body: body, Notes: notes}
	mode := x.mode
	if s.Glossary != "" {
		mode = s.Glossary
	}
	prefix := s.Lecture.Slug + "-" + s.Slug + "-"
	numberSlideExercises(sd, body, notes) // exercise.go
	// The ids are in the trees now, unless a link to the slide asked for
	// them first.
	sd.idsOnce.Do(func() {
		if sd.lazyIDs != nil {
			for _, doc := range []*markdown.Doc{body, notes} {
				if doc != nil {
					doc.HeadingIDs(func(id string) { sd.ids[id] = true })
				}
			}
		}
	})
	st := &markdown.TermState{Mode: mode, Prefix: prefix, Info: x.info}
	cites := &citeState{prefix: prefix}
	seen := map[*course.Slide]bool{}
	var files fileUse
	heldTerms := x.holdPrivate(s, &files) // held.go
	for _, doc := range []*markdown.Doc{body, notes} {
		if doc == nil {
			continue
		}
		if len(x.c.Glossary) > 0 {
			markdown.LinkTerms(doc, x.matcher, st)
			if doc.Err != nil {
				// The parser gave up on the document, so its tree is
				// empty (the error is reported). Its source still tells
				// which terms it uses: "not used" stays true.
				x.matcher(string(doc.Src.Text), func(_, _, t int) { st.Use(t, false) })
			}
		}
		x.targets.resolveDoc(doc, &docContext{lecture: s.Lecture, self: s, ids: sd.idSet(), terms: st, cites: cites, files: &files}, &r.Diags, func(t *course.Slide) {
			if t != s && !seen[t] {
				seen[t] = true
				r.Links = append(r.Links, t)
			}
		})
	}
	r.Terms = st.Used
	for _, doc := range []*markdown.Doc{body, notes} {
		if doc != nil {
			heldTerms = append(heldTerms, doc.HeldTerms...)
		}
	}
	slices.Sort(heldTerms)
	r.Files, r.HeldFiles, r.HeldTerms = files.shown, files.held, slices.Compact(heldTerms)
	return r
}

// SlideByFile returns the slide of a content file ("content/01-x/02-y.md"),
// or nil: an earlier build's result names the slides it links to so.
func (x *Index) SlideByFile(file string) *course.Slide {
	if t := x.targets.byFile[fileKey(file)]; t != nil {
		return t.slide
	}
	return nil
}

// Finish completes the course's documents with the slides' results (by
// index into Docs.Slides): backlinks and each term's slides, in course
// order, whatever order the slides were resolved in. It resolves the
// introductions, pages, home page and glossary, and reports the slides'
// problems and unused terms to ds.
func (x *Index) Finish(results []SlideResult, ds *course.Diagnostics) *Docs {
	c, d, ix := x.c, x.d, x.targets
	for i, sd := range d.Slides {
		r := results[i]
		sd.Body, sd.Notes, sd.Terms, sd.Links = r.Body, r.Notes, r.Terms, r.Links
	}
	bySlide := d.bySlide
	d.UsedIn = make([][]*course.Slide, len(c.Glossary))
	for i, sd := range d.Slides {
		*ds = append(*ds, results[i].Diags...)
		// Walking sources in course order appends backlinks in course order.
		for _, t := range sd.Links {
			if td := bySlide[t]; td != nil {
				td.Backlinks = append(td.Backlinks, sd.Slide)
			}
		}
		for _, t := range sd.Terms {
			d.UsedIn[t] = append(d.UsedIn[t], sd.Slide)
		}
	}
	uses := make([]fileUse, len(results), len(results)+len(d.Intros)+len(d.Pages)+len(d.Glossary)+1)
	for i, r := range results {
		uses[i] = fileUse{shown: r.Files, held: r.HeldFiles}
	}
	use := func() *fileUse { uses = append(uses, fileUse{}); return &uses[len(uses)-1] }
	for l, doc := range d.Intros {
		ix.resolveDoc(doc, &docContext{lecture: l, ids: d.pageIDs[doc], files: use()}, ds, nil)
	}
	for _, doc := range d.Pages {
		ix.resolveDoc(doc, &docContext{ids: d.pageIDs[doc], files: use()}, ds, nil)
	}
	if d.Home != nil {
		ix.resolveDoc(d.Home, &docContext{ids: d.pageIDs[d.Home], files: use()}, ds, nil)
	}
	glossaryIDs := map[string]bool{}
	for _, t := range c.Glossary {
		glossaryIDs[t.Anchor] = true
	}
	for i, doc := range d.Glossary {
		st := &markdown.TermState{Mode: "none", Prefix: "def-" + c.Glossary[i].Anchor + "-", Info: x.info}
		ix.resolveDoc(doc, &docContext{ids: glossaryIDs, terms: st, inGlossary: true, files: use()}, ds, nil)
	}
	// What the build left out: the files only it links to, the terms it uses (held.go).
	d.HeldBack = heldBack(uses)
	heldUsed := heldTerms(len(c.Glossary), d, results)
	if len(c.Failed) > 0 {
		// Slides that failed to load (already reported) may use any
		// term; their text is unknown, so "not used" could be false.
		return d
	}
	for i, t := range c.Glossary {
		if len(d.UsedIn[i]) == 0 && !heldUsed[i] { // used where this build shows it, or in what it left out
			ds.Warnf(t.Pos, "glossary term %q is not used on any slide", t.Name)
		}
	}
	return d
}

// Resolve is the whole stage for callers that render nothing on the way
// (tests, tools): every slide parsed and resolved, then Finish. A build
// runs the loop itself, rendering each slide as soon as it is resolved.
func Resolve(c *course.Course, d *Docs, opts Options, ds *course.Diagnostics) {
	each := opts.Parallel
	if each == nil {
		each = serial
	}
	x := NewIndex(c, d, opts, ds)
	results := make([]SlideResult, len(d.Slides))
	each(len(d.Slides), func(i int) {
		sd := d.Slides[i]
		body, notes := x.Parse(sd)
		results[i] = x.Slide(sd, body, notes)
	})
	x.Finish(results, ds)
}

// docContext is where a document sits: which page, which lecture.
type docContext struct {
	lecture    *course.Lecture
	self       *course.Slide
	ids        map[string]bool // ids on the same page
	terms      *markdown.TermState
	cites      *citeState // shared by a slide's body and notes; nil: one per doc
	inGlossary bool
	files      *fileUse // where the doc's links to course files go (held.go)
}

// target is anything a link can point at.
type target struct {
	url   string // site-relative
	title string
	ids   map[string]bool // of a page; a slide's are sd's
	sd    *SlideDocs
	slide *course.Slide
}

// idSet returns the target's heading ids.
func (t *target) idSet() map[string]bool {
	if t.sd != nil {
		return t.sd.idSet()
	}
	return t.ids
}

type targets struct {
	c        *course.Course
	byFile   map[string]*target // "content/01-x/03-y.md"
	lectures map[string]*target
	slides   map[string][]*target // by slug, course order
	byPath   map[string]*target   // "lecture/slide"
	pages    map[string]*target
	assets   map[string]string // content path -> output path
	failed   map[string]bool   // content paths of Course.Failed
	// Paths above are keyed by fileKey.
	terms  glossaryNames
	drafts drafts
	cites  *Citations
	// files and names are what did-you-mean picks from, sorted: made on
	// first use, as only a broken link needs them.
	files, names func() []string
	references   bool // the references page is a target (addReferences)
}

// fileKey is the form of a content path that links are looked up by: a
// file name saved decomposed (NFD, as some macOS tools do) matches the
// composed one people type, as the loader's slugs do.
func fileKey(p string) string { return norm.NFC.String(p) }

func newTargets(c *course.Course, d *Docs) *targets {
	n := len(d.Slides)
	ix := &targets{c: c, byFile: make(map[string]*target, 2*len(c.Lectures)+n+len(c.Pages)+1), lectures: map[string]*target{},
		slides: make(map[string][]*target, n), byPath: make(map[string]*target, n), pages: map[string]*target{},
		assets: make(map[string]string, len(c.Assets)), terms: newGlossaryNames(c.Glossary), drafts: newDrafts(c)}
	for _, l := range c.Lectures {
		t := &target{url: l.URL(), title: l.Title, ids: d.pageIDs[d.Intros[l]]}
		ix.lectures[l.Slug] = t
		ix.byFile[fileKey(l.Dir+"/_index.md")] = t
		ix.byFile[fileKey(l.Dir)] = t
	}
	for _, sd := range d.Slides {
		s := sd.Slide
		t := &target{url: s.URL(), title: sd.Title, sd: sd, slide: s}
		ix.byFile[fileKey(s.File)] = t
		ix.slides[s.Slug] = append(ix.slides[s.Slug], t)
		ix.byPath[s.Lecture.Slug+"/"+s.Slug] = t
	}
	for _, p := range c.Pages {
		t := &target{url: p.URL(), title: d.pageTitles[p], ids: d.pageIDs[d.Pages[p]]}
		ix.pages[p.Slug] = t
		ix.byFile[fileKey(p.File)] = t
	}
	home := &target{url: "", title: "Home", ids: map[string]bool{}}
	if d.Home != nil {
		home.ids = d.pageIDs[d.Home]
	}
	ix.byFile["content/_index.md"] = home
	ix.failed = map[string]bool{}
	for f := range c.Failed {
		ix.failed[fileKey(f)] = true
	}
	for _, a := range c.Assets {
		ix.assets[fileKey(a.Src)] = a.Out
	}
	ix.names = sync.OnceValue(func() []string {
		var names []string
		for _, l := range c.Lectures {
			names = append(names, l.Slug)
		}
		for _, sd := range d.Slides {
			s := sd.Slide
			names = append(names, s.Slug, s.Lecture.Slug+"/"+s.Slug)
		}
		for _, p := range c.Pages {
			names = append(names, p.Slug)
		}
		if ix.references {
			names = append(names, "references")
		}
		sort.Strings(names)
		return names
	})
	ix.files = sync.OnceValue(func() []string {
		files := make([]string, 0, len(ix.byFile)+len(ix.assets))
		for f := range ix.byFile {
			files = append(files, f)
		}
		for f := range ix.assets {
			files = append(files, f)
		}
		sort.Strings(files)
		return files
	})
	return ix
}

func (ix *targets) resolveDoc(doc *markdown.Doc, cx *docContext, ds *course.Diagnostics, linked func(*course.Slide)) {
	if e := doc.Err; e != nil {
		pos := course.Pos{File: doc.Src.File}
		if e.Off >= 0 {
			pos = doc.Src.PosAt(e.Off)
		}
		ds.Errorf(pos, "%s", e.Msg)
	}
	ix.cites.resolveDoc(doc, cx.self, cx.citeState(), ds)
	for _, ref := range doc.Refs {
		switch ref.Kind {
		case markdown.RefWiki:
			ix.resolveWiki(ref.Node.(*markdown.WikiLink), ref.Pos, cx, ds, linked)
		default:
			ix.resolveURL(doc, ref, cx, ds, linked)
		}
	}
	ix.hold(doc.Src.File, doc.Held, cx.files)
}

func (ix *targets) resolveWiki(n *markdown.WikiLink, pos course.Pos, cx *docContext, ds *course.Diagnostics, linked func(*course.Slide)) {
	if name, ok := strings.CutPrefix(n.Target, "glossary:"); ok {
		name = strings.TrimSpace(name)
		i, msg := ix.terms.find(name)
		if msg != "" {
			ds.Errorf(pos, "glossary reference to %q: %s", name, msg)
			return
		}
		if cx.terms != nil {
			n.Term = cx.terms.Use(i, true)
		}
		n.Label = name
		if n.Term == nil {
			n.Dest = "glossary/#" + ix.c.Glossary[i].Anchor
		}
		return
	}
	ref, frag, _ := strings.Cut(norm.NFC.String(n.Target), "#")
	var t *target
	switch {
	case ref == "":
		if frag == "" {
			ds.Errorf(pos, "empty wiki link")
			return
		}
		if !cx.ids[frag] {
			ds.Errorf(pos, "link to \"#%s\": no such heading on this page%s", termsafe.String(frag), suggest.DidYouMean(frag, keys(cx.ids)))
			return
		}
		n.Dest, n.Label = "#"+frag, frag
		if cx.self != nil {
			n.Label = ix.exerciseLabel(ix.byPath[cx.self.Lecture.Slug+"/"+cx.self.Slug], frag, frag) // exercise.go
		}
		return
	case strings.Contains(ref, "/"):
		t = ix.byPath[ref]
		if t == nil && ix.wikiDraft(pos, ref, cx, ds) {
			return
		}
		if t == nil {
			ds.Errorf(pos, "link to %q: no such slide%s", ref, suggest.DidYouMean(ref, ix.names()))
			return
		}
	default:
		var candidates []*target
		if cx.lecture != nil {
			if st := ix.byPath[cx.lecture.Slug+"/"+ref]; st != nil {
				t = st
			}
		}
		if t == nil {
			t = ix.lectures[ref]
		}
		if t == nil {
			candidates = ix.slides[ref]
			if len(candidates) == 1 {
				t = candidates[0]
			}
		}
		if t == nil {
			t = ix.pages[ref]
		}
		if t == nil && len(candidates) > 1 {
			var names []string
			for _, c := range candidates {
				names = append(names, c.slide.Lecture.Slug+"/"+c.slide.Slug)
			}
			ds.Errorf(pos, "link to %q is ambiguous: it could be %s; write [[lecture/slide]]", ref, strings.Join(names, ", "))
			return
		}
		if t == nil && ix.failedSlug(ref) {
			return // its file failed to load; already reported
		}
		if t == nil && ix.wikiDraft(pos, ref, cx, ds) {
			return
		}
		if t == nil {
			ds.Errorf(pos, "link to %q: no such slide, lecture or page%s", ref, suggest.DidYouMean(ref, ix.names()))
			return
		}
	}
	if frag != "" && !t.idSet()[frag] && ix.exerciseOf(t, frag) != nil {
		t = ix.exerciseOf(t, frag) // [[lecture#exercise-2]]: exercise.go
	}
	if frag != "" && !t.idSet()[frag] {
		ds.Errorf(pos, "link to \"%s#%s\": %q has no heading with id %q%s", termsafe.String(ref), termsafe.String(frag), t.title, frag, ix.fragHint(t, frag)) // exercise_hint.go
		return
	}
	n.Dest = t.url
	if frag != "" {
		n.Dest += "#" + frag
	}
	n.Label = ix.exerciseLabel(t, frag, t.title) // "Exercise 1.2" for one: exercise.go
	if t.slide != nil && linked != nil {
		linked(t.slide)
	}
}

// wikiDraft reports a wiki link to a draft and tells whether it did.
func (ix *targets) wikiDraft(pos course.Pos, ref string, cx *docContext, ds *course.Diagnostics) bool {
	lecture := ""
	if cx.lecture != nil {
		lecture = cx.lecture.Slug
	}
	what := ix.drafts.wiki(ref, lecture)
	if what != "" {
		ds.Errorf(pos, "link to %q: %s", ref, draftMsg(what))
	}
	return what != ""
}

func (ix *targets) failedSlug(slug string) bool {
	for _, s := range ix.c.Failed {
		if s == slug {
			return true
		}
	}
	return false
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// resolveURL checks a Markdown link or image. External URLs are left
// alone; a relative one must name a file of the site.
func (ix *targets) resolveURL(doc *markdown.Doc, ref markdown.Ref, cx *docContext, ds *course.Diagnostics, linked func(*course.Slide)) {
	dest := ref.Dest
	if ref.Kind == markdown.RefImage && strings.HasPrefix(dest, "data:image/") {
		return // an inline image, which the renderer writes
	}
	if !markdown.SafeURL(dest) && strings.ContainsAny(dest, "&\\") {
		// A scheme written with character references or escapes
		// ("&#106;avascript:"): the browser would see it.
		ds.Warnf(ref.Pos, "link to %q: only http, https and mailto links are allowed; it is shown as text", dest)
		return
	}
	u, err := url.Parse(dest)
	if err != nil {
		if ref.Kind == markdown.RefImage || !strings.Contains(dest, ":") {
			ds.Errorf(ref.Pos, "link to %q: malformed URL: %v", dest, err)
		}
		return
	}
	if u.Scheme != "" || u.Host != "" || strings.HasPrefix(dest, "//") {
		if !markdown.SafeURL(dest) {
			ds.Warnf(ref.Pos, "link to %q: only http, https and mailto links are allowed (not %s:); it is shown as text", dest, u.Scheme)
		}
		return
	}
	if strings.HasPrefix(u.Path, "/") {
		ds.Warnf(ref.Pos, "link to %q starts with /: it breaks when the site is published under a sub-path; use a relative link", dest)
		return
	}
	frag := u.Fragment
	if u.Path == "" {
		if frag != "" && !cx.ids[frag] {
			ds.Errorf(ref.Pos, "link to \"#%s\": no such heading on this page%s", termsafe.String(frag), suggest.DidYouMean(frag, keys(cx.ids)))
		}
		return
	}
	file := fileKey(path.Join(path.Dir(doc.Src.File), u.Path))
	if !strings.HasPrefix(file, "content/") && file != "content" {
		ds.Errorf(ref.Pos, "link to %q points outside content/", dest)
		return
	}
	if strings.EqualFold(path.Ext(file), ".md") || ix.byFile[file] != nil {
		t := ix.byFile[file]
		if t == nil && ix.failed[file] {
			return // already reported by the loader
		}
		if what := ix.drafts.file(file); t == nil && what != "" {
			ds.Errorf(ref.Pos, "link to %q: %s", dest, draftMsg(what))
			return
		}
		if t == nil {
			// file is the link's text, decoded: %0A would be a newline.
			if hint := ix.lectureHint(file, doc.Src.File); hint != "" {
				ds.Errorf(ref.Pos, "link to %q: no such slide or page (%s)%s", dest, termsafe.String(file), hint)
				return
			}
			ds.Errorf(ref.Pos, "link to %q: no such slide or page (%s)%s", dest, termsafe.String(file), suggest.DidYouMean(file, ix.files()))
			return
		}
		if frag != "" && !t.idSet()[frag] && ix.exerciseOf(t, frag) != nil {
			t = ix.exerciseOf(t, frag) // exercise.go
		}
		if frag != "" && !t.idSet()[frag] {
			ds.Errorf(ref.Pos, "link to %q: %q has no heading with id %q%s", dest, t.title, frag, suggest.DidYouMean(frag, keys(t.idSet())))
			return
		}
		d := t.url
		if frag != "" {
			d += "#" + frag
		}
		markdown.SetSiteDest(ref.Node, d)
		if t.slide != nil && linked != nil {
			linked(t.slide)
		}
		return
	}
	out, ok := ix.assets[file]
	what := "link to"
	if ref.Kind == markdown.RefImage {
		what = "image"
		if markdown.IsVideo(u.Path) {
			what = "video"
		}
	}
	if draft := ix.drafts.file(file); !ok && draft != "" {
		ds.Errorf(ref.Pos, "%s %q: %s", what, dest, draftMsg(draft)) // a draft lecture's folder, or a file in it
		return
	}
	if !ok {
		ds.Errorf(ref.Pos, "%s %q: no such file (%s)%s", what, dest, termsafe.String(file), suggest.DidYouMean(file, ix.files()))
		return
	}
	if cx.files != nil {
		cx.files.shown = append(cx.files.shown, out)
	}
	d := (&url.URL{Path: out}).EscapedPath()
	if u.RawQuery != "" {
		d += "?" + u.RawQuery
	}
	if frag != "" {
		d += "#" + frag
	}
	markdown.SetSiteDest(ref.Node, d)
}
