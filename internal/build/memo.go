package build

import (
	"bytes"
	"context"
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

	"github.com/lecgen/lecgen/internal/atomicfile"
	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/load"
	"github.com/lecgen/lecgen/internal/markdown"
	"github.com/lecgen/lecgen/internal/resolve"
)

// The memo is what builds learnt about each slide file: its title and
// heading ids (pass 1), and its rendered HTML, text, terms, links and
// diagnostics (pass 2), valid while the file and resolve.World are
// unchanged. A Builder keeps it between builds (serve mode), and with the
// cache on it is saved to .lecgen/cache/slides/, one file per lecture
// folder, so that the next `lecgen build` parses and renders only the
// slides that changed, and an edit rewrites only its lecture's file.

// slideMemo is one slide as an earlier build saw it.
type slideMemo struct {
	src slideSrc // nil whole: known from disk, not yet matched to a file
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
	World       [32]byte         // resolve.World when the fields below were made
	Done        bool             // the fields below are valid
	Body, Notes memoDoc
	Terms       []int
	Links       []string
	Diags       course.Diagnostics
}

type memoDoc struct {
	HTML, Text string
	Sum        [32]byte
	HTMLMath   bool // markdown.Doc.HTMLMath: kept, as finding it again costs a search of HTML on every rebuild
	Warnings   []markdown.Warning
}

// slideSrc is what a slide's memo depends on besides resolve.World: the
// file and where the slide sits.
type slideSrc struct {
	whole         []byte
	lecture, slug string
	hasNotes      bool
	// view is what the build keeps of the file (see Options.view): its
	// solutions, its private notes.
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

// memoFile is the saved memo of one lecture folder.
type memoFile struct {
	// Version identifies the lecgen that wrote it: HTML rendered by another
	// build of lecgen is not reused.
	Version string
	Entries map[string]memoEntry // by slide file
}

// memoDir is where the memo of a site is saved.
func memoDir(src string) string {
	return filepath.Join(cacheDir(src), "slides")
}

// shardOf names the memo file that holds a slide file's entry: one per
// lecture folder.
func shardOf(file string) string {
	sum := sha256.Sum256([]byte(path.Dir(file)))
	return hex.EncodeToString(sum[:8]) + ".gob"
}

// touched records that the memo entry of a slide file changed.
// b.memoMu must be held.
func (b *Builder) touched(file string) {
	if b.dirtyShards == nil {
		b.dirtyShards = map[string]bool{}
	}
	b.dirtyShards[shardOf(file)] = true
}

// lecgenVersion identifies this lecgen executable by its bytes, so that a
// rebuilt lecgen (with other rendering code) never reuses saved HTML.
func lecgenVersion() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// loadMemo fills the memo from disk, once per Builder. A missing, corrupt,
// truncated or foreign file is ignored (and replaced by the next save).
func (b *Builder) loadMemo(src string) {
	if b.memoLoaded || b.opts.NoCache {
		return
	}
	b.memoLoaded = true
	b.version = lecgenVersion()
	dir := memoDir(src)
	names, _ := filepath.Glob(filepath.Join(dir, "*.gob"))
	if b.version == "" || len(names) == 0 {
		return
	}
	b.memoMu.Lock()
	defer b.memoMu.Unlock()
	if b.memo == nil {
		b.memo = map[string]*slideMemo{}
	}
	files := make([]memoFile, len(names))
	parallel(context.Background(), runtime.GOMAXPROCS(0), len(names), func(i int) {
		f, err := os.Open(names[i])
		if err != nil {
			return
		}
		defer f.Close()
		if err := gob.NewDecoder(f).Decode(&files[i]); err != nil || files[i].Version != b.version {
			files[i] = memoFile{}
		}
	})
	b.diskShards = map[string]bool{}
	for i, mf := range files {
		b.diskShards[filepath.Base(names[i])] = true
		for file, e := range mf.Entries {
			if b.memo[file] == nil && e.Sum != ([32]byte{}) && e.Parsed && shardOf(file) == filepath.Base(names[i]) {
				b.memo[file] = &slideMemo{memoEntry: e}
			}
		}
	}
}

// SaveMemo writes the memo files of the lecture folders whose entries
// changed since they were read or saved (each atomically: a temporary file
// renamed over the old one), and removes those of folders with no slides
// left. It does nothing with NoCache.
func (b *Builder) SaveMemo() error {
	if b.opts.NoCache || b.version == "" {
		return nil
	}
	src, _, err := b.opts.Abs()
	if err != nil {
		return err
	}
	b.memoMu.Lock()
	dirty := b.dirtyShards
	b.dirtyShards = nil
	shards := map[string]*memoFile{}
	for name := range dirty {
		shards[name] = &memoFile{Version: b.version, Entries: map[string]memoEntry{}}
	}
	// A file read from disk that no current slide belongs to (a lecture
	// folder gone, or a file that could not be decoded) is removed.
	current := map[string]bool{}
	for file := range b.memo {
		current[shardOf(file)] = true
	}
	for name := range b.diskShards {
		if !current[name] && shards[name] == nil {
			shards[name] = &memoFile{}
		}
	}
	b.diskShards = nil
	for file, m := range b.memo {
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
	b.memoMu.Unlock()
	if len(shards) == 0 {
		return nil
	}
	dir := memoDir(src)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	_ = os.Remove(filepath.Join(cacheDir(src), "slides.gob")) // an older lecgen's single file
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

// writeAtomic gob-encodes v into path, atomically.
func writeAtomic(path string, v any) error {
	return atomicfile.Write(path, func(w io.Writer) error { return gob.NewEncoder(w).Encode(v) })
}

// outlineMemo is the first pass with the memo: slides whose file is
// unchanged are not parsed for their titles and ids. It returns the
// resolve.World of the build, which tells whether an unchanged slide's
// result (see recall) still holds.
func (b *Builder) outlineMemo(site *load.Site, baseURL string, engine *markdown.Engine, each func(int, func(int))) (*resolve.Docs, [32]byte) {
	c := site.Course
	slides := c.Slides()
	b.memoMu.Lock()
	if b.memo == nil {
		b.memo = map[string]*slideMemo{}
	}
	current := map[string]bool{}
	for _, s := range slides {
		current[s.File] = true
		m := b.memo[s.File]
		switch {
		case m == nil:
		case m.src.whole == nil: // from disk: compare hashes
			if src := srcOf(s, b.opts.view(engine, s)); m.Sum == src.sum() {
				m.src = src
				continue
			}
		case m.src.same(srcOf(s, b.opts.view(engine, s))):
			continue
		}
		b.memo[s.File] = &slideMemo{src: srcOf(s, b.opts.view(engine, s))}
		b.touched(s.File)
	}
	for f := range b.memo {
		if !current[f] {
			delete(b.memo, f)
			b.touched(f)
		}
	}
	b.memoMu.Unlock()
	docs := resolve.ParseWith(c, engine, each, func(s *course.Slide) (resolve.Known, bool) {
		if m := b.memoOf(s); m != nil && m.Parsed {
			return resolve.Known{Title: m.Title, IDs: m.IDs, Cites: m.Cites, Labels: m.Labels}, true
		}
		return resolve.Known{}, false
	})
	for _, sd := range docs.Slides {
		if m := b.memoOf(sd.Slide); m != nil && !m.Parsed {
			b.memoMu.Lock()
			m.Parsed, m.Title, m.IDs = true, sd.Body.Title, append([]string{}, sd.IDs()...)
			m.Cites, m.Labels = sd.Cites, sd.Labels
			b.memoMu.Unlock()
		}
	}
	_, held := b.opts.withheld(c) // lectures whose solutions are held back (release.go)
	world := resolve.World(c, docs, fmt.Sprintf("%+v|%v|%v|%q|%s", site.Config, b.opts.Drafts, b.opts.Instructor, held, baseURL))
	return docs, world
}

func (b *Builder) memoOf(s *course.Slide) *slideMemo {
	b.memoMu.Lock()
	defer b.memoMu.Unlock()
	return b.memo[s.File]
}

// recall returns a slide's result from an earlier build, rendered and
// released, when neither its file nor anything it depends on (world)
// changed since.
func (b *Builder) recall(x *resolve.Index, sd *resolve.SlideDocs, world [32]byte) (resolve.SlideResult, bool) {
	m := b.memoOf(sd.Slide)
	b.memoMu.Lock()
	defer b.memoMu.Unlock()
	if m == nil || !m.Done || m.World != world {
		return resolve.SlideResult{}, false
	}
	s := sd.Slide
	r := resolve.SlideResult{Terms: m.Terms, Diags: m.Diags}
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

// remember keeps a slide's result, rendered and released, for recall.
func (b *Builder) remember(sd *resolve.SlideDocs, r resolve.SlideResult, world [32]byte) {
	m := b.memoOf(sd.Slide)
	if m == nil {
		return
	}
	links := make([]string, len(r.Links))
	for j, t := range r.Links {
		links[j] = t.File
	}
	b.memoMu.Lock()
	defer b.memoMu.Unlock()
	b.touched(sd.Slide.File)
	m.World, m.Done = world, true
	m.Body = memoDoc{r.Body.HTML, r.Body.Text, r.Body.HTMLSum, r.Body.HTMLMath, r.Body.Warnings()}
	if r.Notes != nil {
		m.Notes = memoDoc{r.Notes.HTML, r.Notes.Text, r.Notes.HTMLSum, r.Notes.HTMLMath, r.Notes.Warnings()}
	}
	m.Terms, m.Links, m.Diags = r.Terms, links, append(course.Diagnostics(nil), r.Diags...)
}
