// Package build is lecgen's pipeline, one stage after another:
//
//	load (config.toml, content/)  -> course.Course
//	parse (goldmark, per slide)   -> markdown.Doc
//	resolve (links, glossary)     -> checked, rewritten docs
//	render (theme templates)      -> pages in memory
//	publish (temp folder, swap)   -> dest
//
// Every stage reports problems as diagnostics; the build stops before
// publishing if any is an error, so a failed build never touches dest.
package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/highlight"
	"github.com/lecgen/lecgen/internal/incremental"
	"github.com/lecgen/lecgen/internal/load"
	"github.com/lecgen/lecgen/internal/markdown"
	"github.com/lecgen/lecgen/internal/pagestore"
	"github.com/lecgen/lecgen/internal/publish"
	"github.com/lecgen/lecgen/internal/render"
	"github.com/lecgen/lecgen/internal/resolve"
)

// Options configure a build.
type Options struct {
	Source  string // site root; "" means the current folder
	Dest    string // output folder; "" means <Source>/public
	BaseURL string // overrides config.toml's base_url
	Drafts  bool
	NoCache bool // neither read nor write .lecgen/cache
	Force   bool // allow a non-empty dest without lecgen's marker
	// Extra is injected into every page's <head>; serve mode's reload
	// script. Empty for `lecgen build`.
	Extra template.HTML
	// Workers bounds concurrency; 0 means GOMAXPROCS.
	Workers int
	// HandoutLayout overrides config.toml's [handout] layout ("notes",
	// "slides" or "lines"); "" keeps it.
	HandoutLayout string
	// DeckPDF, if set, tells which lectures get a slides.pdf (lecgen pdf
	// --deck), for the link on their pages.
	DeckPDF func(*course.Lecture) bool
	// ServedAt is the path the site is served under, which the 404 page's
	// links start with: "/" in serve mode. "" means base_url's path, where
	// the site is published.
	ServedAt string
	// Waiting, when set, is called once if another build (holder, e.g.
	// "process 1234", or "") is writing dest and Build waits for it.
	Waiting func(dest, holder string)
	// Instructor builds the instructor site: [!SOLUTION] callouts are
	// kept (a student build leaves them out of every file) and every page
	// says "Instructor build".
	Instructor bool
	// Date is the day a student build is for: a lecture whose
	// solutions_from is later keeps its solutions out of it (see package
	// release). Zero means today in UTC; lecgen's commands set it from
	// --date or SOURCE_DATE_EPOCH.
	Date time.Time
}

// Result describes a finished build.
type Result struct {
	Site *load.Site
	// BaseURL is the address the site is built for: Options.BaseURL, or
	// else config.toml's base_url (Site.Config keeps that one).
	BaseURL string
	Files   []render.File
	Assets  []publish.File
	// HeldBack lists the content files (output paths) not published
	// because only parts this build left out link to them: solutions not
	// yet released, private notes (resolve.Docs.HeldBack).
	HeldBack    []string
	Diagnostics course.Diagnostics
	Pages       int // HTML pages
	Published   publish.Stats
	Duration    time.Duration
	Dest        string
	Highlight   highlight.Stats
	// Reused counts slides taken from the incremental memo unchanged.
	Reused int
	// Later builds the files GenerateFirst left out.
	Later func() ([]render.File, error)
	// Stored counts pages linked from the previous build's page store.
	Stored int
	// Stages lists how long each stage took, for --verbose.
	Stages  []Stage
	lastLap time.Time
}

// Stage is one timed step of the pipeline.
type Stage struct {
	Name     string
	Duration time.Duration
}

func (r *Result) lap(name string) {
	now := time.Now()
	r.Stages = append(r.Stages, Stage{name, now.Sub(r.lastLap)})
	r.lastLap = now
}

// Abs resolves the source and destination folders of opts.
func (o Options) Abs() (src, dest string, err error) {
	src = o.Source
	if src == "" {
		src = "."
	}
	if src, err = filepath.Abs(src); err != nil {
		return "", "", err
	}
	dest = o.Dest
	if dest == "" {
		dest = filepath.Join(src, "public")
	} else if dest, err = filepath.Abs(dest); err != nil {
		return "", "", err
	}
	return src, dest, nil
}

// Generate runs every stage but publishing and returns the site's files.
// The Result's Diagnostics hold all problems found; when any is an error,
// Files is nil.
func Generate(ctx context.Context, opts Options) (*Result, error) {
	return NewBuilder(opts).Generate(ctx)
}

// Builder runs builds of one site again and again (serve mode), keeping
// what can be reused between them.
type Builder struct {
	opts Options
	hl   *highlight.Highlighter
	// cacheRefused says why the cache folder is not used (no Msg: it is).
	cacheRefused struct{ File, Msg string }
	// keep is what builds keep for the next (incremental.Keep): in the
	// cache folder, unless Options.NoCache, the slide memo, highlighted
	// code and (Build) the page store; for an incremental Builder,
	// everything in memory too.
	keep incremental.Keep
}

// canLink tells whether a file in the site's folder can be hard-linked into
// dir (the output's parent): only then can the page store share the
// published files, so a build to another file system does without it.
func canLink(src, dir string) bool {
	f, err := os.CreateTemp(src, ".lecgen-link-*")
	if err != nil {
		return false
	}
	f.Close()
	defer os.Remove(f.Name())
	// A name of its own: dir is often src itself (the default public/
	// sits in the site), where the probe's own name is taken.
	to := filepath.Join(dir, filepath.Base(f.Name())+".to")
	if err := os.Link(f.Name(), to); err != nil {
		return false
	}
	os.Remove(to)
	return true
}

// cacheDir is a site's cache folder: safe to delete at any time, never
// read or written with Options.NoCache.
func cacheDir(src string) string { return filepath.Join(src, ".lecgen", "cache") }

// NewBuilder prepares builds with opts, which reuse what they can of the
// previous build kept in the cache folder (see Options.NoCache).
func NewBuilder(opts Options) *Builder {
	b := &Builder{opts: opts}
	b.opts.Date = opts.day() // one day for every build of b (release.go)
	hlDir, slidesDir := "", ""
	if src, _, err := opts.Abs(); err == nil && !opts.NoCache {
		if b.cacheRefused.File, b.cacheRefused.Msg = cacheRefused(src); b.cacheRefused.Msg != "" {
			b.opts.NoCache = true
		} else {
			hlDir, slidesDir = filepath.Join(cacheDir(src), "highlight"), memoDir(src)
		}
	}
	var store highlight.Store // nil, not a nil *incremental.Highlights, without
	if hlDir != "" {
		b.keep.Highlights = incremental.NewHighlights(hlDir)
		store = b.keep.Highlights
	}
	b.hl = highlight.New(store)
	if !b.opts.NoCache {
		b.keep.Memo = incremental.NewMemo(slidesDir)
	}
	return b
}

// NewIncremental is NewBuilder for a caller that builds the site again on
// every change and reports each with Changed (serve mode): its builds
// also keep in memory what they made for the next (incremental.InMemory),
// so that a rebuild does only the work the changes call for.
func NewIncremental(opts Options) *Builder {
	b := NewBuilder(opts)
	b.keep = incremental.InMemory(b.keep)
	return b
}

// Changed tells an incremental Builder that something at these absolute
// paths was created, written, removed or renamed (a folder: anything at or
// below it). Serve mode reports every batch of its watcher before the
// rebuild; a file changed without being reported may be read stale.
func (b *Builder) Changed(paths ...string) {
	if b.keep.Files != nil {
		b.keep.Files.Changed(paths...)
	}
}

// loadReuse is what loads reuse of earlier loads (see Changed): nil, an
// empty interface rather than a nil *incremental.Files, without.
func (b *Builder) loadReuse() load.Reuse {
	if b.keep.Files == nil {
		return nil
	}
	return b.keep.Files
}

// Generate runs one build without publishing it; the pages are in the
// Result's Files.
func (b *Builder) Generate(ctx context.Context) (*Result, error) {
	return b.generate(ctx, nil, false)
}

// GenerateFirst is Generate without the search index and the course
// handout, which no other page needs in order to be shown: the Result's
// Later makes them when called (serve serves the pages first, for a
// faster reload, and makes these after).
func (b *Builder) GenerateFirst(ctx context.Context) (*Result, error) {
	return b.generate(ctx, nil, true)
}

// generate runs one build. With emit, each page is handed to it as soon as
// it is rendered (from several goroutines) and not kept; without, pages
// are collected into Result.Files. later leaves the search index and the
// course handout for Result.Later (see GenerateFirst).
func (b *Builder) generate(ctx context.Context, emit func(render.File) error, later bool) (*Result, error) {
	opts := b.opts
	start := time.Now()
	src, dest, err := opts.Abs()
	if err != nil {
		return nil, err
	}
	res := &Result{Dest: dest, lastLap: start}
	lap := res.lap
	// The memo (memo.go) serves serve's rebuilds and, saved in the cache,
	// later runs; the saved one is read while the site loads.
	memoReady := make(chan struct{})
	if b.keep.Memo != nil {
		go func() { b.keep.Memo.Load(); close(memoReady) }()
	} else {
		close(memoReady)
	}
	defer func() { <-memoReady }() // no return leaves it reading files
	site, ds := load.Load(ctx, src, load.Options{Drafts: opts.Drafts, StyleOK: highlight.StyleExists, Reuse: b.loadReuse(), Private: opts.Instructor})
	if r := b.cacheRefused; r.Msg != "" {
		ds.Warnf(course.Pos{File: r.File}, "%s", r.Msg)
	}
	lap("load")
	res.Site = site
	// --base-url is passed on, not written into the loaded config.
	res.BaseURL = site.Config.BaseURL
	if opts.BaseURL != "" {
		res.BaseURL = opts.BaseURL
		if !strings.HasSuffix(res.BaseURL, "/") {
			res.BaseURL += "/"
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	theme := b.keep.Theme.Load(src, site.Config.Theme, &ds)
	// Content errors do not stop the build here: parsing and resolving
	// what did load finds the remaining problems, so a user sees them all
	// at once. Rendering and publishing happen only without errors.
	hl := b.hl
	heldUntil, _ := opts.heldUntil(site.Course) // release.go
	engine := markdown.New(markdown.Options{
		UnsafeHTML:  site.Config.Markdown.UnsafeHTML,
		HardWraps:   site.Config.Markdown.HardWraps,
		EmbedHosts:  site.Config.Embeds.Hosts,
		Highlighter: highlighter{hl},
		// The one place solutions are left out of a student build: the
		// parser drops them, so no page, index or handout can show them.
		// [exercises] solutions may show them to students too.
		KeepSolutions:     opts.Instructor || site.Config.Exercises.Solutions != "hidden",
		CollapseSolutions: !opts.Instructor && site.Config.Exercises.Solutions == "collapsed",
		// Quizzes: students get hashes, instructors an answer key.
		QuizAnswers: opts.Instructor,
		// solutions_from holds a lecture's back until its day.
		HeldUntil: heldUntil,
		// A term used only in a dropped solution is still used.
		Terms: markdown.NewTermFinder(site.Course.Glossary),
	})
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	each := func(n int, f func(i int)) { parallel(ctx, workers, n, f) }

	lap("theme")
	ropts := resolve.Options{GlossaryLink: site.Config.Glossary.Link, CiteStyle: site.Config.Citations.Style}
	var docs *resolve.Docs
	var memo *memoUse
	if b.keep.Memo != nil {
		<-memoReady
		memo = &memoUse{Memo: b.keep.Memo, extra: b.worldExtra(site, res.BaseURL)}
		docs, memo.warm = b.keep.Memo.Outline(site.Course, engine, func(s *course.Slide) string { return b.opts.view(engine, s) }, each)
	} else {
		docs = resolve.Parse(site.Course, engine, each)
	}
	lap("parse")
	docs, world := b.slideLoop(site.Course, engine, docs, ropts, memo, each, &ds, &res.Reused) // pipeline.go
	lap("resolve")
	if !b.keep.Code {
		hl.Forget() // every slide is rendered; keep only what a rebuild reuses
	}
	// The other documents' HTML, made once for every page showing them.
	render.Documents(engine, site.Course, docs, each)
	warnDocs(docs, &ds) // warn.go
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if ds.HasErrors() {
		ds.Sort()
		res.Diagnostics = ds
		return res, nil
	}
	css, err := chromaCSS(site.Config.Highlight.Style, site.Config.Highlight.DarkStyle)
	if err != nil {
		ds.Errorf(course.Pos{File: "config.toml"}, "%v", err)
	}
	in := render.Input{Course: site.Course, Docs: docs, Engine: engine, Theme: theme, Parallel: each,
		Settings: render.Settings{
			Config: site.Config, BaseURL: res.BaseURL, HandoutLayout: opts.HandoutLayout, DeckPDF: opts.DeckPDF,
			ServedAt: opts.ServedAt, Instructor: opts.Instructor, Extra: opts.Extra, ChromaCSS: css,
		},
	}
	in.Reuse = b.reuse(world)
	pages, err := b.renderSite(ctx, in, res, emit, later, &ds) // pipeline.go
	lap("render")
	if err != nil {
		return nil, err
	}
	ds.Sort()
	res.Diagnostics = ds
	res.Highlight = hl.Stats()
	if ds.HasErrors() {
		res.Files = nil
		return res, nil
	}
	res.Pages = pages
	res.HeldBack = docs.HeldBack
	for _, a := range site.Course.Assets {
		if _, held := slices.BinarySearch(res.HeldBack, a.Out); !held {
			res.Assets = append(res.Assets, publish.File{Path: a.Out, Source: filepath.Join(src, filepath.FromSlash(a.Src))})
		}
	}
	res.Duration = time.Since(start)
	return res, nil
}

// CheckedDest is Abs, refusing a destination lecgen must never replace
// (see publish.CheckDest). Call it before writing anything.
func (o Options) CheckedDest() (src, dest string, err error) {
	if src, dest, err = o.Abs(); err != nil {
		return "", "", err
	}
	if err := publish.CheckDest(src, filepath.Join(src, "content"), dest, o.Force, inputs(src)...); err != nil {
		return "", "", err
	}
	return src, dest, nil
}

// LockDest takes the lock on dest (see publish.LockDest), telling
// o.Waiting when it has to wait.
func (o Options) LockDest(ctx context.Context, dest string) (*publish.Lock, error) {
	var waiting func(string)
	if o.Waiting != nil {
		waiting = func(holder string) { o.Waiting(dest, holder) }
	}
	return publish.LockDest(ctx, dest, waiting)
}

// PublishFiles lists a generated site's pages and assets for publish.
func (r *Result) PublishFiles() []publish.File {
	files := make([]publish.File, 0, len(r.Files)+len(r.Assets))
	for _, f := range r.Files {
		files = append(files, publish.File{Path: f.Path, Data: f.Data})
	}
	return append(files, r.Assets...)
}

// Build generates the site and publishes it to dest. A build with errors
// returns its Result (with Diagnostics) and leaves dest untouched.
func Build(ctx context.Context, opts Options) (*Result, error) {
	src, dest, err := opts.CheckedDest()
	if err != nil {
		return nil, err
	}
	// One build per output folder at a time, for the whole build, so the
	// second of two waits for the first rather than removing its files.
	lock, err := opts.LockDest(ctx, dest)
	if err != nil {
		return nil, err
	}
	defer lock.Unlock()
	start := time.Now()
	// Pages stream into a new tree next to dest as they are rendered, so
	// a build never holds the whole site in memory; the tree replaces dest
	// only if the build succeeds.
	tx, err := lock.Begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Abort()
	b := NewBuilder(opts)
	if !b.opts.NoCache {
		if unlock, ok := lockCache(cacheDir(src)); ok {
			defer unlock()
			if canLink(src, filepath.Dir(dest)) {
				b.keep.Store = pagestore.Open(filepath.Join(cacheDir(src), "pages"))
			}
		}
	}
	res, err := b.generate(ctx, func(f render.File) error {
		return tx.Write(publish.File{Path: f.Path, Data: f.Data, Source: f.Stored, LinkSource: f.Stored != "", Keep: f.Keep})
	}, false)
	if err != nil || res.Diagnostics.HasErrors() {
		return res, err
	}
	saved := make(chan error, 1)
	go func() { saved <- b.SaveMemo() }()
	defer func() {
		err := <-saved
		if b.keep.Store != nil && res.Published.Written+res.Published.Unchanged > 0 {
			err = errors.Join(err, b.keep.Store.Prune())
		}
		if err != nil {
			res.Diagnostics = append(res.Diagnostics, course.Diagnostic{Pos: course.Pos{File: ".lecgen/cache"}, Severity: course.Warning,
				Msg: fmt.Sprintf("could not save the build cache (the next build will be slower): %v", err)})
		}
	}()
	res.lastLap = time.Now()
	for _, a := range res.Assets {
		if err := tx.Write(a); err != nil {
			return res, err
		}
	}
	st, err := tx.Commit()
	if err != nil {
		return res, err
	}
	res.lap("publish")
	res.Published = st
	res.Duration = time.Since(start)
	if b.keep.Store != nil {
		res.Stored = b.keep.Store.Hits()
	}
	return res, nil
}

// parallel runs f(0..n-1) on at most workers goroutines. Callers write
// results by index, so output order never depends on scheduling.
func parallel(ctx context.Context, workers, n int, f func(i int)) {
	if workers > n {
		workers = n
	}
	if workers <= 1 {
		for i := 0; i < n && ctx.Err() == nil; i++ {
			f(i)
		}
		return
	}
	var next int64
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if int(i) >= n {
					return
				}
				f(int(i))
			}
		}()
	}
	wg.Wait()
}

func chromaCSS(light, dark string) ([]byte, error) {
	var buf bytes.Buffer
	if err := highlight.CSS(&buf, light); err != nil {
		return nil, err
	}
	buf.WriteString("@media (prefers-color-scheme: dark) {\n")
	if err := highlight.CSS(&buf, dark); err != nil {
		return nil, err
	}
	buf.WriteString("}\n")
	return buf.Bytes(), nil
}

// highlighter adapts the highlight package to the Markdown renderer.
type highlighter struct{ h *highlight.Highlighter }

func (h highlighter) Highlight(code []byte, info string) (string, error) {
	f, warn := highlight.ParseInfo(info)
	if j, ok := warn.(interface{ Unwrap() []error }); ok {
		var ws []error
		for _, w := range j.Unwrap() {
			ws = append(ws, fmt.Errorf("code block options: %w", w))
		}
		warn = errors.Join(ws...)
	} else if warn != nil {
		warn = fmt.Errorf("code block options: %w", warn)
	}
	out, err := h.h.Highlight(string(code), f)
	if slow := (*highlight.SlowError)(nil); errors.As(err, &slow) {
		return out, errors.Join(warn, err)
	}
	if err != nil {
		return "<pre><code>" + template.HTMLEscapeString(string(code)) + "</code></pre>\n", err
	}
	return out, warn
}

// Summary is the one line printed after a build.
func (r *Result) Summary() string {
	e, w := r.Diagnostics.Count()
	s := fmt.Sprintf("%d pages, %d files (%d unchanged) written to %s in %s", r.Pages, r.Published.Written+r.Published.Unchanged, r.Published.Unchanged, r.Dest, r.Duration.Round(time.Millisecond))
	if w > 0 {
		s += fmt.Sprintf(", %d warning(s)", w)
	}
	if e > 0 {
		s += fmt.Sprintf(", %d error(s)", e)
	}
	return s
}
