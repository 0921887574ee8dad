package load

import (
	"fmt"
	"path/filepath"
	"slices"
	"sync"

	"github.com/lecgen/lecgen/internal/course"
)

// Reuse keeps what loads of a site made of its paths for the next loads,
// for callers that watch the site and report every change (serve mode:
// incremental.Files implements it). A nil Reuse reads everything on
// every load.
//
// With a Reuse, Load reads a folder or a file only when nothing is kept for
// it: on the first load, and afterwards for what changed. It keeps folder
// listings and, per file, what the loader made of it (a slide, a page, a
// lecture's _index.md, glossary.toml; the bytes of config.toml, which is
// parsed again on every load) together with the diagnostics that came
// with it. Never kept, and so read on every load: anything reached through
// a symbolic link (its target may be outside the watched folders), a
// folder listing that holds a symlink, a file that could not be read (a
// watcher does not report a change of permissions) and a file with more
// than one hard link (a change made through another name is reported for
// that name only). Load then returns exactly what it would return without
// a Reuse, provided every change since the previous load was reported.
//
// The values are load's own; the keeper holds them by path. A change at a
// path must forget what is kept at it, below it and for its folder (its
// listing).
type Reuse interface {
	// Begin starts a load of the site at root (absolute) whose results
	// depend on setting, and returns the number of changes reported so
	// far. A load of another root or setting than the last forgets
	// everything kept.
	Begin(root, setting string) (changes uint64)
	// Recall returns what Keep stored for the path rel (slash-separated,
	// relative to root) and kind, or nil.
	Recall(root, setting, rel string, kind int) any
	// Keep stores v for rel and kind, unless a change was reported since
	// Begin returned changes: the load may have read rel before it.
	Keep(root, setting string, changes uint64, rel string, kind int, v any)
}

// What a load keeps of a path, by Reuse kind.
const (
	keptList = iota // a folder's listing (*dirList)
	keptFile        // what the loader made of the file (*fileResult)
	keptStat        // whether something is there (*statInfo)
)

// dirList is a cached readDir result. Only listings without problems and
// without symlinks are cached, so there are no diagnostics to keep.
type dirList struct {
	entries []entry
}

type fileKind int

const (
	kindSlide fileKind = iota + 1
	kindPage
	kindHome
	kindIndex
	kindGlossary
	kindConfig
)

// fileResult is what loading one file gave: its diagnostics and one of the
// values below, according to kind.
type fileResult struct {
	kind   fileKind
	ds     course.Diagnostics
	slide  *course.Slide  // kindSlide; nil when the file gave no slide
	page   *course.Page   // kindPage, kindHome; nil when none
	draft  string         // kindSlide, kindPage: the slug of a draft left out
	index  indexResult    // kindIndex
	terms  []*course.Term // kindGlossary
	loaded bool           // kindGlossary: the file was read (Course.Glossary is set)
	src    []byte         // kindConfig
}

type statInfo struct {
	exists, dir bool
}

// reuse is one load's use of a Reuse.
type reuse struct {
	r             Reuse
	root, setting string
	changes       uint64

	mu      sync.Mutex
	pending []pendingValue // what this load read, kept when it ends
}

type pendingValue struct {
	rel  string
	kind int
	v    any
}

// beginReuse starts a load of root with opts; nil without opts.Reuse.
func beginReuse(root string, opts Options) *reuse {
	if opts.Reuse == nil {
		return nil
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil
	}
	// What a load makes of a file depends on these options too.
	setting := fmt.Sprintf("drafts=%v private=%v", opts.Drafts, opts.Private)
	return &reuse{r: opts.Reuse, root: abs, setting: setting, changes: opts.Reuse.Begin(abs, setting)}
}

func (s *reuse) keep(rel string, kind int, v any) {
	s.mu.Lock()
	s.pending = append(s.pending, pendingValue{rel, kind, v})
	s.mu.Unlock()
}

// end hands over what the load read. The Reuse drops it if a change was
// reported meanwhile: what the load read may be older than the change.
func (s *reuse) end() {
	for _, p := range s.pending {
		s.r.Keep(s.root, s.setting, s.changes, p.rel, p.kind, p.v)
	}
}

func (s *reuse) list(rel string) *dirList {
	d, _ := s.r.Recall(s.root, s.setting, rel, keptList).(*dirList)
	return d
}

// file returns what is kept for the file rel if it was loaded as kind.
func (s *reuse) file(rel string, kind fileKind) *fileResult {
	if r, _ := s.r.Recall(s.root, s.setting, rel, keptFile).(*fileResult); r != nil && r.kind == kind {
		return r
	}
	return nil
}

func (s *reuse) stat(rel string) *statInfo {
	st, _ := s.r.Recall(s.root, s.setting, rel, keptStat).(*statInfo)
	return st
}

// copySlide returns a new Slide equal to s; the file's bytes are shared.
func copySlide(s *course.Slide) *course.Slide {
	if s == nil {
		return nil
	}
	c := *s
	return &c
}

// newSlide returns a new Slide equal to s, allocated in chunks: a cached
// load copies every slide of the course.
func (l *loader) newSlide(s *course.Slide) *course.Slide {
	if s == nil {
		return nil
	}
	if len(l.slides) == cap(l.slides) {
		l.slides = make([]course.Slide, 0, 256)
	}
	l.slides = append(l.slides, *s)
	return &l.slides[len(l.slides)-1]
}

func copyPage(p *course.Page) *course.Page {
	if p == nil {
		return nil
	}
	c := *p
	return &c
}

func copyTerms(ts []*course.Term) []*course.Term {
	if ts == nil {
		return nil
	}
	out := make([]*course.Term, len(ts))
	for i, t := range ts {
		c := *t
		c.Aliases = slices.Clone(t.Aliases)
		c.See = slices.Clone(t.See)
		if t.CaseSensitive != nil {
			v := *t.CaseSensitive
			c.CaseSensitive = &v
		}
		out[i] = &c
	}
	return out
}

// fresh returns a copy of r whose slide, page and terms are new values,
// so that changes to them do not reach r.
func (r *fileResult) fresh() fileResult {
	c := *r
	c.slide = copySlide(r.slide)
	c.page = copyPage(r.page)
	c.terms = copyTerms(r.terms)
	return c
}
