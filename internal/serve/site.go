package serve

import (
	"crypto/sha256"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/lecgen/lecgen/internal/build"
	"github.com/lecgen/lecgen/internal/render"
	"github.com/lecgen/lecgen/internal/search"
)

// snapshot is one complete, immutable build of the site. Requests read
// whichever snapshot is current when they start, so a rebuild never shows
// a half-built site.
type snapshot struct {
	files *fileSet // by slash path relative to the site root
	// pages are the build's files, sorted by path, with the search
	// index's scripts as JSON; assets maps the output path of each
	// copied file to its source. newSnapshot walks both to tell what the
	// next build changed.
	pages  []render.File
	assets map[string]string
	// later holds the files the build left for later (build.GenerateFirst:
	// the search index and the course handout); nil otherwise.
	later *lazyFiles
	// published is base_url's path ("/course/"), where the site is
	// published, or "" for "/": the preview serves the site at "/".
	published string
}

// lazyFiles are files built on first use, or in the background once the
// snapshot is served: no other page needs them to be shown, so a reload
// does not wait for them.
type lazyFiles struct {
	once  sync.Once
	build func() ([]render.File, error)
	files map[string][]byte
	err   error // what failed to build (the files that did are there)
	// shown, if set, is told the course handout once it is built: from
	// then on a browser may show it.
	shown *handouts
}

func (l *lazyFiles) get() map[string][]byte {
	l.once.Do(func() {
		var fs []render.File
		fs, l.err = l.build()
		l.files = map[string][]byte{}
		for _, f := range fs {
			l.files[f.Path] = f.Data
		}
		l.build = nil
		if l.shown != nil {
			l.shown.built(l.files[render.CourseHandoutPath])
		}
	})
	return l.files
}

// isLaterFile tells the files of snapshot.later apart: the search index's,
// fetched by the search box when it opens, and the course handout.
func isLaterFile(name string) bool {
	return search.IsFile(name) || name == render.CourseHandoutPath
}

// handouts are the versions of the course handout a browser may show:
// every one built, in the background or on request, since the last
// reload for it. A snapshot replaced before its handout was built showed
// none, but the ones before it may have, and a browser may show any of
// them: comparing with the snapshot just before missed a change when
// that one was never built (a slide saved twice in a row).
type handouts struct {
	mu    sync.Mutex
	shown map[[32]byte]bool
}

// built notes a handout that a browser may show from now on.
func (h *handouts) built(handout []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.shown == nil {
		h.shown = map[[32]byte]bool{}
	}
	h.shown[sha256.Sum256(handout)] = true
}

// reload reports whether a browser may show a handout other than cur,
// which the caller then reloads: from then on cur is the one shown. It
// is called with h.mu held.
func (h *handouts) reload(cur []byte) bool {
	sum := sha256.Sum256(cur)
	stale := len(h.shown) > 1 || (len(h.shown) == 1 && !h.shown[sum])
	h.shown = map[[32]byte]bool{sum: true}
	return stale
}

// newSnapshot makes a snapshot of a build and tells what changed since
// old. It does work in
// proportion to what the build changed, not to the site: its files are
// old's with the changes (see fileSet), and the build's pages (sorted by path) are walked
// beside old's, so that a page the build reused from the page cache,
// which shares its bytes with old's, is neither looked up nor hashed
// again. An asset is read again only when it is new or under one of
// dirty, the paths changed since old was made (see Server.dirty). With no
// old, every file is new.
func newSnapshot(res *build.Result, old *snapshot, dirty []string) (*snapshot, change, error) {
	s := &snapshot{}
	if res.Later != nil {
		later := res.Later
		s.later = &lazyFiles{build: func() ([]render.File, error) {
			fs, err := later()
			return searchJSON(fs), err
		}}
	}
	if res.Site != nil {
		if u, err := url.Parse(res.BaseURL); err == nil && u.Path != "/" && u.Path != "" {
			s.published = u.Path
		}
	}
	s.pages = searchJSON(res.Files)
	if !slices.IsSortedFunc(s.pages, byPath) {
		s.pages = slices.Clone(s.pages)
		slices.SortFunc(s.pages, byPath)
	}
	var c change
	if old == nil {
		old = &snapshot{files: newFileSet()}
	}
	s.files = old.files.next()
	c.changed = map[string]bool{}
	// put records that p now holds b: its hash is made here, once.
	put := func(p string, b []byte) {
		sum := sha256.Sum256(b)
		if o, ok := old.files.get(p); !ok || o.sum != sum {
			c.touch(p)
		}
		s.files.set(p, b, sum)
	}
	gone := func(p string) {
		s.files.remove(p)
		c.remove(p)
	}
	i, j := 0, 0
	for i < len(s.pages) || j < len(old.pages) {
		switch {
		case j == len(old.pages) || i < len(s.pages) && s.pages[i].Path < old.pages[j].Path:
			put(s.pages[i].Path, s.pages[i].Data)
			i++
		case i == len(s.pages) || old.pages[j].Path < s.pages[i].Path:
			gone(old.pages[j].Path)
			j++
		default:
			if b, ob := s.pages[i].Data, old.pages[j].Data; !sameBytes(b, ob) {
				put(s.pages[i].Path, b)
			}
			i++
			j++
		}
	}
	// Assets: read again when new or changed; gone when no longer copied.
	s.assets = make(map[string]string, len(res.Assets))
	for _, a := range res.Assets {
		s.assets[a.Path] = a.Source
		if src, ok := old.assets[a.Path]; ok && src == a.Source && !under(a.Source, dirty) {
			continue // s.files holds it, from old
		}
		b, err := os.ReadFile(a.Source)
		if err != nil {
			return nil, change{}, err
		}
		put(a.Path, b)
	}
	for p := range old.assets {
		if _, isPage := slices.BinarySearchFunc(s.pages, p, func(f render.File, p string) int { return strings.Compare(f.Path, p) }); !isPage && s.assets[p] == "" {
			gone(p)
		}
	}
	c.finish()
	return s, c, nil
}

func byPath(a, b render.File) int { return strings.Compare(a.Path, b.Path) }

// sameBytes tells whether a and b are the very same bytes in memory (a
// page the build took from the page cache), without comparing them.
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// under tells whether file is at or below one of paths.
func under(file string, paths []string) bool {
	for _, p := range paths {
		if file == p || strings.HasPrefix(file, p) && (strings.HasSuffix(p, string(filepath.Separator)) || file[len(p)] == filepath.Separator) {
			return true
		}
	}
	return false
}

// change is what a rebuild changed, as the browser needs to know it.
type change struct {
	Changed []string `json:"changed"` // URL paths of changed pages: "/lecture/slide/"
	Deleted []string `json:"deleted"`
	All     bool     `json:"all"` // a stylesheet, script or image changed: reload every page

	changed map[string]bool // files touched or removed, while newSnapshot collects them
}

// touch records a file made or changed; remove, one gone.
func (c *change) touch(p string) {
	if strings.HasSuffix(p, ".html") {
		c.changed[p] = true
	} else {
		c.All = true
	}
}

func (c *change) remove(p string) {
	if strings.HasSuffix(p, ".html") {
		c.changed[p] = false
	} else {
		c.All = true
	}
}

// finish lists the pages touched and removed, sorted.
func (c *change) finish() {
	for p, made := range c.changed {
		if made {
			c.Changed = append(c.Changed, urlPath(p))
		} else {
			c.Deleted = append(c.Deleted, urlPath(p))
		}
	}
	c.changed = nil
	sortStrings(c.Changed)
	sortStrings(c.Deleted)
}

// urlPath turns "a/b/index.html" into "/a/b/".
func urlPath(file string) string {
	if file == "index.html" {
		return "/"
	}
	if strings.HasSuffix(file, "/index.html") {
		return "/" + strings.TrimSuffix(file, "index.html")
	}
	return "/" + file
}

// searchJSON replaces the search index's scripts among fs with their
// JSON forms: a script of the preview's text would run on any page that
// names it in <script src> (see search.JSON). fs is not modified.
func searchJSON(fs []render.File) []render.File {
	out := fs
	for i, f := range fs {
		j, ok := search.JSON(search.File{Path: f.Path, Data: f.Data})
		if !ok {
			continue
		}
		if &out[0] == &fs[0] {
			out = slices.Clone(fs)
		}
		out[i] = render.File{Path: j.Path, Data: j.Data}
	}
	return out
}
