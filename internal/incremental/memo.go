// Package incremental holds what lecgen keeps only to make the next build
// faster, wrapped around the pure stages: the slide memo, saved in the
// site's cache folder (Memo), what loads read (Files), rendered pages
// (Pages, PageCache), highlighted code (Highlights), the search index's
// work (Search) and the parsed theme (Theme), gathered in the Keep a
// build.Builder holds. A build without them makes the very same files.
package incremental

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/lecgen/lecgen/internal/atomicfile"
	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/markdown"
	"github.com/lecgen/lecgen/internal/resolve"
)

// The memo is what builds learnt about each slide file: its title and
// heading ids (pass 1), and its rendered HTML, text, terms, links and
// diagnostics (pass 2), valid while the file and World are
// unchanged. A build.Builder keeps it between builds (serve mode), and with the
// cache on it is saved to .lecgen/cache/slides/, one file per lecture
// folder, so that the next `lecgen build` parses and renders only the
// slides that changed, and an edit rewrites only its lecture's file.

// Memo is what earlier builds learnt about each slide file. Its methods
// are safe for concurrent use.
type Memo struct {
	dir    string // where it is saved; "" keeps it in memory only
	mu     sync.Mutex
	slides map[string]*slideMemo
	loaded bool
	// The memo's files by lecture folder (see shardOf): those read, and
	// those whose entries changed since.
	diskShards, dirtyShards map[string]bool
	version                 string // of lecgen, for the saved memo
	build                   int    // counts Outline's calls (slideMemo.seen)
}

// NewMemo returns an empty memo saved in dir ("": kept in memory only,
// for the builds of one serve session).
func NewMemo(dir string) *Memo { return &Memo{dir: dir} }

// Version identifies the lecgen executable that reads and writes the saved
// memo ("" until Load, or when it cannot be known): other caches of pages
// lecgen rendered salt their keys with it.
func (b *Memo) Version() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.version
}

// slideMemo is one slide as an earlier build saw it.
type slideMemo struct {
	src  slideSrc // nil whole: known from disk, not yet matched to a file
	seen int      // the last build (Memo.build) whose course has the file
	memoEntry
}

// memoEntry is the part of a slideMemo that is saved.
type memoEntry struct {
	Sum         [32]byte // slideSrc.sum of the source; zero until needed
	Parsed      bool     // Title and IDs are known
	Title       string
	IDs         []string
	Cites       []string         // resolve.Known.Cites
	Labels      []markdown.Label // resolve.Known.Labels
	World       [32]byte         // World when the fields below were made
	Done        bool             // the fields below are valid
	Body, Notes memoDoc
	Terms       []int
	Links       []string
	Files, Held []string // resolve.SlideResult.Files and HeldFiles
	HeldTerms   []int
	Diags       course.Diagnostics
}

type memoDoc struct {
	HTML, Text string
	Sum        [32]byte
	HTMLMath   bool // markdown.Doc.HTMLMath: kept, as finding it again costs a search of HTML on every rebuild
	Warnings   []markdown.Warning
}

// slideSrc is what a slide's memo depends on besides World: the
// file and where the slide sits.
type slideSrc struct {
	whole         []byte
	lecture, slug string
	hasNotes      bool
	// view is what the build keeps of the file (build's Options.view):
	// its solutions, its private notes. A student build after an
	// instructor build must not reuse what the instructor's first pass
	// found in them (citations, links).
	view string
}

// same compares the file's bytes; a loader cache hands over the very
// same slice for an unchanged file, which bytes.Equal sees at once.
func (a slideSrc) same(b slideSrc) bool {
	return a.lecture == b.lecture && a.slug == b.slug && a.hasNotes == b.hasNotes && a.view == b.view && bytes.Equal(a.whole, b.whole)
}

func (a slideSrc) sum() [32]byte {
	h := sha256.New()
	h.Write(a.whole)
	fmt.Fprintf(h, "\x00%s\x00%s\x00%v\x00%s", a.lecture, a.slug, a.hasNotes, a.view)
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

func srcOf(s *course.Slide, view string) slideSrc {
	return slideSrc{s.Body.Whole, s.Lecture.Slug, s.Slug, s.HasNotes, view}
}

// File is the saved memo of one lecture folder.
type File struct {
	// Version identifies the lecgen that wrote it: HTML rendered by another
	// build of lecgen is not reused.
	Version string
	Entries map[string]memoEntry // by slide file
}

// shardOf names the memo file that holds a slide file's entry: one per
// lecture folder.
func shardOf(file string) string {
	sum := sha256.Sum256([]byte(path.Dir(file)))
	return hex.EncodeToString(sum[:8]) + ".gob"
}

// touched records that the memo entry of a slide file changed.
// b.mu must be held.
func (b *Memo) touched(file string) {
	if b.dirtyShards == nil {
		b.dirtyShards = map[string]bool{}
	}
	b.dirtyShards[shardOf(file)] = true
}

// Load fills the memo from its folder, once. A missing, corrupt,
// truncated or foreign file is ignored (and replaced by the next Save).
func (b *Memo) Load() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.loaded || b.dir == "" {
		return
	}
	b.loaded = true
	b.version = lecgenVersion()
	dir := b.dir
	names, _ := filepath.Glob(filepath.Join(dir, "*.gob"))
	if b.version == "" || len(names) == 0 {
		return
	}
	if b.slides == nil {
		b.slides = map[string]*slideMemo{}
	}
	files := make([]File, len(names))
	parallel(len(names), func(i int) {
		f, err := os.Open(names[i])
		if err != nil {
			return
		}
		defer f.Close()
		if err := gob.NewDecoder(f).Decode(&files[i]); err != nil || files[i].Version != b.version {
			files[i] = File{}
		}
	})
	b.diskShards = map[string]bool{}
	for i, mf := range files {
		b.diskShards[filepath.Base(names[i])] = true
		for file, e := range mf.Entries {
			if b.slides[file] == nil && e.Sum != ([32]byte{}) && e.Parsed && shardOf(file) == filepath.Base(names[i]) {
				b.slides[file] = &slideMemo{memoEntry: e}
			}
		}
	}
}

// Save writes the memo files of the lecture folders whose entries changed
// since they were read or saved (each atomically: a temporary file renamed
// over the old one), and removes those of folders with no slides left. It
// does nothing for a memo kept in memory, or not loaded.
func (b *Memo) Save() error {
	b.mu.Lock()
	if b.dir == "" || b.version == "" {
		b.mu.Unlock()
		return nil
	}
	dirty := b.dirtyShards
	b.dirtyShards = nil
	shards := map[string]*File{}
	for name := range dirty {
		shards[name] = &File{Version: b.version, Entries: map[string]memoEntry{}}
	}
	// A file read from disk that no current slide belongs to (a lecture
	// folder gone, or a file that could not be decoded) is removed.
	current := map[string]bool{}
	for file := range b.slides {
		current[shardOf(file)] = true
	}
	for name := range b.diskShards {
		if !current[name] && shards[name] == nil {
			shards[name] = &File{}
		}
	}
	b.diskShards = nil
	for file, m := range b.slides {
		if m.src.whole == nil {
			continue // from disk, and no longer a slide
		}
		mf := shards[shardOf(file)]
		if mf == nil {
			continue
		}
		if m.Sum == ([32]byte{}) {
			m.Sum = m.src.sum()
		}
		mf.Entries[file] = m.memoEntry
	}
	b.mu.Unlock()
	if len(shards) == 0 {
		return nil
	}
	dir := b.dir
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	_ = os.Remove(filepath.Join(filepath.Dir(dir), "slides.gob")) // an older lecgen's single file
	var errs []error
	for name, mf := range shards {
		if len(mf.Entries) == 0 {
			if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
			}
			continue
		}
		errs = append(errs, writeAtomic(filepath.Join(dir, name), mf))
	}
	return errors.Join(errs...)
}

// parallel runs f(0..n-1) on GOMAXPROCS goroutines.
func parallel(n int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(n, runtime.GOMAXPROCS(0)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

// writeAtomic gob-encodes v into path, atomically.
func writeAtomic(path string, v any) error {
	return atomicfile.Write(path, func(w io.Writer) error { return gob.NewEncoder(w).Encode(v) })
}

// Outline is resolve's first pass with the memo: slides whose file is
// unchanged are not parsed for their titles and ids. It tells whether any
// slide's result may be recalled (a warm build); else there is no need to
// know the World before the slides are resolved. view says what the
// build keeps of a slide (its solutions, private notes): a slide seen
// another way is parsed again.
func (b *Memo) Outline(c *course.Course, engine *markdown.Engine, view func(*course.Slide) string, each func(int, func(int))) (docs *resolve.Docs, warm bool) {
	slides := c.Slides()
	b.mu.Lock()
	if b.slides == nil {
		b.slides = map[string]*slideMemo{}
	}
	// Entries not seen in this build are of files no longer slides: they
	// are found by their mark, without a set of the current files.
	b.build++
	seen := 0 // entries marked
	mark := func(m *slideMemo) {
		if m.seen != b.build {
			m.seen = b.build
			seen++
		}
	}
	known := make(map[*course.Slide]resolve.Known, len(slides))
	for _, s := range slides {
		src := srcOf(s, view(s))
		m := b.slides[s.File]
		switch {
		case m == nil:
		case m.src.whole == nil: // from disk: compare hashes
			if m.Sum == src.sum() {
				m.src = src
				warm = warm || m.Done
				mark(m)
				knownOf(m, s, known)
				continue
			}
		case m.src.same(src):
			warm = warm || m.Done
			mark(m)
			knownOf(m, s, known)
			continue
		}
		if m != nil && m.seen == b.build {
			seen-- // replaced
		}
		m = &slideMemo{src: src}
		mark(m)
		b.slides[s.File] = m
		b.touched(s.File)
	}
	if seen < len(b.slides) {
		for f, m := range b.slides {
			if m.seen != b.build {
				delete(b.slides, f)
				b.touched(f)
			}
		}
	}
	b.mu.Unlock()
	return resolve.ParseWith(c, engine, each, known), warm
}

// knownOf hands what m knows of slide s, whose file is unchanged, to the
// first pass.
func knownOf(m *slideMemo, s *course.Slide, known map[*course.Slide]resolve.Known) {
	if m.Parsed {
		known[s] = resolve.Known{Title: m.Title, IDs: m.IDs, Cites: m.Cites, Labels: m.Labels}
	}
}

func (b *Memo) memoOf(s *course.Slide) *slideMemo {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.slides[s.File]
}

// Recall returns a slide's result from an earlier build, rendered and
// released, when neither its file nor anything it depends on (world)
// changed since.
func (b *Memo) Recall(x *resolve.Index, sd *resolve.SlideDocs, world [32]byte) (resolve.SlideResult, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	m := b.slides[sd.Slide.File]
	if m == nil || !m.Done || m.World != world {
		return resolve.SlideResult{}, false
	}
	s := sd.Slide
	r := resolve.SlideResult{Terms: m.Terms, Files: m.Files, HeldFiles: m.Held, HeldTerms: m.HeldTerms, Diags: m.Diags}
	r.Body = markdown.Released(s.Body, m.Title, m.Body.HTML, m.Body.Sum, m.Body.HTMLMath, m.Body.Text, m.Body.Warnings)
	if s.HasNotes {
		r.Notes = markdown.Released(s.Notes, "", m.Notes.HTML, m.Notes.Sum, m.Notes.HTMLMath, m.Notes.Text, m.Notes.Warnings)
	}
	for _, f := range m.Links {
		if t := x.SlideByFile(f); t != nil {
			r.Links = append(r.Links, t)
		}
	}
	return r, true
}

// Remember keeps a slide's result, rendered and released, for Recall,
// and what the first pass needs of it (title, ids, citations, labels), as
// its full parse found them.
func (b *Memo) Remember(sd *resolve.SlideDocs, r resolve.SlideResult, world [32]byte) {
	m := b.memoOf(sd.Slide)
	if m == nil {
		return
	}
	links := make([]string, len(r.Links))
	for j, t := range r.Links {
		links[j] = t.File
	}
	ids := sd.IDs()
	b.mu.Lock()
	defer b.mu.Unlock()
	b.touched(sd.Slide.File)
	if !m.Parsed {
		m.Parsed, m.Title, m.IDs = true, r.Body.Title, ids
		m.Cites, m.Labels = sd.Cites, sd.Labels
	}
	m.World, m.Done = world, true
	m.Body = memoDoc{r.Body.HTML, r.Body.Text, r.Body.HTMLSum, r.Body.HTMLMath, r.Body.Warnings()}
	if r.Notes != nil {
		m.Notes = memoDoc{r.Notes.HTML, r.Notes.Text, r.Notes.HTMLSum, r.Notes.HTMLMath, r.Notes.Warnings()}
	}
	m.Terms, m.Links, m.Diags = r.Terms, links, append(course.Diagnostics(nil), r.Diags...)
	m.Files, m.Held, m.HeldTerms = r.Files, r.HeldFiles, r.HeldTerms
}
