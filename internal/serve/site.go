package serve

import (
	"bytes"
	"crypto/sha256"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/lecgen/lecgen/internal/build"
	"github.com/lecgen/lecgen/internal/render"
	"github.com/lecgen/lecgen/internal/search"
)

// snapshot is one complete, immutable build of the site. Requests read
// whichever snapshot is current when they start, so a rebuild never shows
// a half-built site.
type snapshot struct {
	files map[string][]byte   // slash path relative to the site root
	sums  map[string][32]byte // content hashes, to tell what changed
	// later holds the files the build left for later (build.Options.Later:
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
	built atomic.Bool
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
		l.built.Store(true)
	})
	return l.files
}

// isLaterFile tells the files of snapshot.later apart: the search index's,
// fetched by the search box when it opens, and the course handout.
func isLaterFile(name string) bool {
	return search.IsFile(name) || name == render.CourseHandoutPath
}

// laterChange is the reload a snapshot's later files call for once built:
// the course handout, if it changed since old.
func laterChange(old, cur *snapshot) change {
	var c change
	// An older snapshot's files that were never built (it was replaced
	// first) were never shown either.
	if old == nil || old.later == nil || cur.later == nil || !old.later.built.Load() {
		return c
	}
	if a, b := old.later.get()[render.CourseHandoutPath], cur.later.get()[render.CourseHandoutPath]; !bytes.Equal(a, b) {
		c.Changed = []string{urlPath(render.CourseHandoutPath)}
	}
	return c
}

// newSnapshot makes a snapshot of a build. Pages the build reused from old
// share their bytes with it, and keep their hashes without rehashing.
func newSnapshot(res *build.Result, old *snapshot) (*snapshot, error) {
	s := &snapshot{files: make(map[string][]byte, len(res.Files)+len(res.Assets)), sums: map[string][32]byte{}}
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
	for _, f := range searchJSON(res.Files) {
		s.files[f.Path] = f.Data
	}
	for _, a := range res.Assets {
		b, err := os.ReadFile(a.Source)
		if err != nil {
			return nil, err
		}
		s.files[a.Path] = b
	}
	for p, b := range s.files {
		if old != nil {
			if ob, ok := old.files[p]; ok && len(ob) == len(b) && (len(b) == 0 || &ob[0] == &b[0]) {
				s.sums[p] = old.sums[p]
				continue
			}
		}
		s.sums[p] = sha256.Sum256(b)
	}
	return s, nil
}

// change is what a rebuild changed, as the browser needs to know it.
type change struct {
	Changed []string `json:"changed"` // URL paths of changed pages: "/lecture/slide/"
	Deleted []string `json:"deleted"`
	All     bool     `json:"all"` // a stylesheet, script or image changed: reload every page
}

func (c change) empty() bool { return len(c.Changed) == 0 && len(c.Deleted) == 0 && !c.All }

// diff compares two snapshots.
func diff(old, cur *snapshot) change {
	var c change
	for p, sum := range cur.sums {
		if o, ok := old.sums[p]; ok && o == sum {
			continue
		}
		if strings.HasSuffix(p, ".html") {
			c.Changed = append(c.Changed, urlPath(p))
		} else {
			c.All = true
		}
	}
	for p := range old.sums {
		if _, ok := cur.sums[p]; !ok {
			if strings.HasSuffix(p, ".html") {
				c.Deleted = append(c.Deleted, urlPath(p))
			} else {
				c.All = true
			}
		}
	}
	sortStrings(c.Changed)
	sortStrings(c.Deleted)
	return c
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
