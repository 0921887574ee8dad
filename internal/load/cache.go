package load

import (
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/lecgen/lecgen/internal/course"
)

// Cache lets repeated loads of one site reuse what earlier loads read, for
// callers that watch the site and report every change with Changed (serve
// mode).
//
// With a cache, Load reads a folder or a file only when it is not cached:
// on the first load, and afterwards for what Changed named. It keeps
// folder listings and, per file, what the loader made of it (a slide, a
// page, a lecture's _index.md, glossary.toml; the bytes of config.toml,
// which is parsed again on every load) together with the diagnostics that
// came with it. Not cached, and so read on every load: anything reached
// through a symbolic link (its target may be outside the watched folders),
// a folder listing that holds a symlink, a file that could not be read (a
// watcher does not report a change of permissions) and a file with more
// than one hard link (a change made through another name is reported for
// that name only).
//
// A change must be reported with Changed before the Load that should see it
// starts. Load then returns exactly what it would return without a cache,
// provided every change since the previous load was reported. A change
// reported while a load runs is for the next load: the running load
// stores nothing it read, since it may have read the file before the
// change. Changed may be called from any goroutine, also while a Load runs.
//
// One Cache serves one site root and one setting of Options.Drafts and
// Private: a load with another root or setting starts the cache afresh. The cache
// holds the text of every file it keeps (about the size of content/).
type Cache struct {
	mu     sync.Mutex
	root   string // absolute site root the entries belong to; "" before the first load
	drafts bool   // Options.Drafts of the entries
	gen    uint64 // number of Changed calls so far
	top    *node  // the site root; nil when nothing is cached
	// private is Options.Private of the entries: a slide's notes
	// depend on it.
	private bool
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{} }

// Changed tells the cache that something at these absolute paths was
// created, written, removed or renamed; a folder path means anything at or
// below it. Paths outside the site are ignored; the site root or a folder
// it is in empties the cache.
func (c *Cache) Changed(paths ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	if c.top == nil {
		return
	}
	for _, p := range paths {
		if !filepath.IsAbs(p) {
			a, err := filepath.Abs(p)
			if err != nil {
				c.top = nil
				return
			}
			p = a
		}
		rel, err := filepath.Rel(c.root, filepath.Clean(p))
		if err != nil || rel == "." || isUp(rel) {
			c.top = nil
			return
		}
		if !filepath.IsLocal(rel) {
			continue // outside the site: only symlinks lead there, and those are never cached
		}
		c.top.invalidate(filepath.ToSlash(rel))
	}
}

// isUp reports whether the relative path rel is "..", "../.." and so on.
func isUp(rel string) bool {
	for _, e := range strings.Split(filepath.ToSlash(rel), "/") {
		if e != ".." {
			return false
		}
	}
	return true
}

// node is a path in the cache's tree. Its fields are nil when not cached;
// the values they point to are never modified once stored.
type node struct {
	kids map[string]*node
	list *dirList    // the folder's listing
	file *fileResult // what the loader made of the file
	stat *statInfo   // whether something is there (content/, a slide folder's index.html)
}

// invalidate forgets rel, everything below it and its folder's listing.
func (n *node) invalidate(rel string) {
	for {
		first, rest, more := strings.Cut(rel, "/")
		if !more {
			n.list = nil
			delete(n.kids, first)
			return
		}
		if n = n.kids[first]; n == nil {
			return
		}
		rel = rest
	}
}

func (n *node) find(rel string) *node {
	for n != nil {
		first, rest, more := strings.Cut(rel, "/")
		n = n.kids[first]
		if !more {
			return n
		}
		rel = rest
	}
	return nil
}

func (n *node) make(rel string) *node {
	for {
		first, rest, more := strings.Cut(rel, "/")
		k := n.kids[first]
		if k == nil {
			if n.kids == nil {
				n.kids = map[string]*node{}
			}
			k = &node{}
			n.kids[first] = k
		}
		n = k
		if !more {
			return n
		}
		rel = rest
	}
}

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

// session is one load's use of a cache.
type session struct {
	c      *Cache
	root   string
	drafts bool
	gen    uint64

	mu      sync.Mutex
	pending []pendingEntry // what this load read, stored when it ends
}

type pendingEntry struct {
	rel  string
	list *dirList
	file *fileResult
	stat *statInfo
}

// begin starts a load of root.
func (c *Cache) begin(root string, drafts, private bool) *session {
	if abs, err := filepath.Abs(root); err == nil {
		root = abs
	} else {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if root != c.root || drafts != c.drafts || private != c.private {
		c.root, c.drafts, c.private, c.top = root, drafts, private, nil
	}
	if c.top == nil {
		c.top = &node{}
	}
	return &session{c: c, root: root, drafts: drafts, gen: c.gen}
}

// end stores what the load read, unless something changed meanwhile:
// then what it read may be older than the change.
func (s *session) end() {
	c := s.c
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != s.gen || s.findLocked("") == nil {
		return
	}
	for _, p := range s.pending {
		n := c.top.make(p.rel)
		switch {
		case p.list != nil:
			n.list = p.list
		case p.file != nil:
			n.file = p.file
		case p.stat != nil:
			n.stat = p.stat
		}
	}
}

func (s *session) store(p pendingEntry) {
	s.mu.Lock()
	s.pending = append(s.pending, p)
	s.mu.Unlock()
}

// findLocked returns the node of rel ("" for the site root), or nil. The
// caller holds s.c.mu.
func (s *session) findLocked(rel string) *node {
	c := s.c
	if c.top == nil || c.root != s.root || c.drafts != s.drafts {
		return nil // emptied, or taken over by a load of another site
	}
	if rel == "" {
		return c.top
	}
	return c.top.find(rel)
}

func (s *session) list(rel string) *dirList {
	s.c.mu.Lock()
	defer s.c.mu.Unlock()
	if n := s.findLocked(rel); n != nil {
		return n.list
	}
	return nil
}

// folder returns the node of the folder rel, or nil. Files are looked up
// in it with fileIn, which saves walking the tree from the top for each
// file of a folder. (If a change detaches the node meanwhile, the load is
// older than the change anyway, and it stores nothing; see end.)
func (s *session) folder(rel string) *node {
	s.c.mu.Lock()
	defer s.c.mu.Unlock()
	return s.findLocked(rel)
}

// fileIn returns the result cached for the file name in the folder dir.
func (s *session) fileIn(dir *node, name string, kind fileKind) *fileResult {
	if dir == nil {
		return nil
	}
	s.c.mu.Lock()
	defer s.c.mu.Unlock()
	if n := dir.kids[name]; n != nil && n.file != nil && n.file.kind == kind {
		return n.file
	}
	return nil
}

func (s *session) stat(rel string) *statInfo {
	s.c.mu.Lock()
	defer s.c.mu.Unlock()
	if n := s.findLocked(rel); n != nil {
		return n.stat
	}
	return nil
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

// cached returns the cached result for the file rel, or nil.
func (l *loader) cached(rel string, kind fileKind) *fileResult {
	i := strings.LastIndexByte(rel, '/')
	dir, name := "", rel
	if i >= 0 {
		dir, name = rel[:i], rel[i+1:]
	}
	if dir != l.lastDir || l.lastNode == nil {
		l.lastDir, l.lastNode = dir, l.cache.folder(dir)
	}
	return l.cache.fileIn(l.lastNode, name, kind)
}
