// Package load reads a site's config.toml and content/ into a course.Course.
// It decides order, slugs and drafts and splits speaker notes from slides;
// it does not parse Markdown.
package load

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/lecgen/lecgen/internal/config"
	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/publish"
	"github.com/lecgen/lecgen/internal/termsafe"
	"github.com/lecgen/lecgen/internal/textfile"
	"golang.org/x/text/unicode/norm"
)

// Options control what is loaded.
type Options struct {
	Drafts  bool                   // include drafts
	StyleOK func(name string) bool // validates chroma style names in config
	// Reuse, when not nil, keeps what this load reads for the next loads
	// of the same site, which then read only what was reported changed
	// (see Reuse). Nil: everything is read on every load.
	Reuse Reuse
	// Private keeps the instructor-only part of slides' notes, after a
	// line "Private:" (an instructor build); without it that part is
	// left out of the course (private.go).
	Private bool
}

// Site is what the loader produces: the config and the course.
type Site struct {
	Root   string // absolute site root
	Config config.Config
	Course *course.Course
}

// Reserved top-level names: generated pages live there.
var reservedTop = []string{"glossary", "handout", "static", "404.html", "index.html", "sitemap.xml", "search"}

// Load reads root/config.toml and root/content. All problems are returned
// together as diagnostics; the Site is usable only when none is an error.
func Load(ctx context.Context, root string, opts Options) (*Site, course.Diagnostics) {
	return load(ctx, root, opts, runtime.GOMAXPROCS(0))
}

// load is Load with lecture folders read on up to workers goroutines.
func load(ctx context.Context, root string, opts Options, workers int) (*Site, course.Diagnostics) {
	l := &loader{root: root, opts: opts, workers: workers, c: &course.Course{Failed: map[string]string{}, Drafts: map[string]string{}}}
	l.cache = beginReuse(root, opts)
	l.loadConfig()
	l.loadContent(ctx)
	if l.cache != nil {
		l.cache.end()
	}
	l.ds.Sort()
	return &Site{Root: root, Config: l.cfg, Course: l.c}, l.ds
}

type loader struct {
	root    string
	opts    Options
	workers int // lecture folders loaded at once
	cfg     config.Config
	c       *course.Course
	ds      course.Diagnostics

	cache       *reuse // nil without Options.Reuse
	uncacheable bool   // what the file just read gave is not to be kept (see readText)
	contentLink bool   // content/ is a symlink (known only with a Reuse)

	slides []course.Slide // where newSlide allocates
}

// loadFile returns what load makes of the file e, of the given kind: from
// the cache when it is there (with the diagnostics it gave, and fresh
// copies of the values it made), else by calling load, whose result and
// diagnostics are then cached unless e is reached through a symlink or
// readText marked it uncacheable.
func (l *loader) loadFile(e entry, kind fileKind, load func() fileResult) fileResult {
	if l.cache == nil || e.link {
		return load()
	}
	if r := l.cache.file(e.rel, kind); r != nil {
		l.ds = append(l.ds, r.ds...)
		if kind == kindSlide {
			return fileResult{slide: l.newSlide(r.slide), draft: r.draft}
		}
		return r.fresh()
	}
	n := len(l.ds)
	l.uncacheable = false
	r := load()
	if !l.uncacheable {
		c := r.fresh()
		c.kind = kind
		c.ds = slices.Clone(l.ds[n:])
		l.cache.keep(e.rel, keptFile, &c)
	}
	return r
}

// stat tells whether something is at rel (following symlinks) and whether
// it is a folder. linked reports that rel is or is under a symlink; it is
// known only with a cache.
func (l *loader) stat(rel string, link bool) (st statInfo, linked bool) {
	name := filepath.Join(l.root, filepath.FromSlash(rel))
	follow := func() statInfo {
		fi, err := os.Stat(name)
		return statInfo{exists: err == nil, dir: err == nil && fi.IsDir()}
	}
	if l.cache == nil || link {
		return follow(), link
	}
	if s := l.cache.stat(rel); s != nil {
		return *s, false
	}
	fi, err := os.Lstat(name)
	if err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return follow(), true
	}
	st = statInfo{exists: err == nil, dir: err == nil && fi.IsDir()}
	if err == nil || errors.Is(err, fs.ErrNotExist) {
		l.cache.keep(rel, keptStat, &st)
	}
	return st, false
}

// configSource reads config.toml, or takes it from the cache.
func (l *loader) configSource() ([]byte, error) {
	const rel = "config.toml"
	name := filepath.Join(l.root, rel)
	if l.cache == nil {
		src, _, err := readLimited(name)
		return src, err
	}
	if r := l.cache.file(rel, kindConfig); r != nil {
		return r.src, nil
	}
	fi, lerr := os.Lstat(name)
	src, _, err := readLimited(name)
	if err == nil && lerr == nil && fi.Mode().IsRegular() {
		l.cache.keep(rel, keptFile, &fileResult{kind: kindConfig, src: src})
	}
	return src, err
}

func (l *loader) loadConfig() {
	src, err := l.configSource()
	if errors.Is(err, fs.ErrNotExist) {
		l.ds.Errorf(course.Pos{File: "config.toml"}, "no config.toml in %s: is this a lecgen site? (`lecgen new site DIR` makes one)", l.root)
		l.cfg = config.Default()
		return
	}
	var big errTooBig
	if errors.As(err, &big) {
		err = errors.New(textfile.TooBig(textfile.Config, int64(big)))
	}
	if err == nil {
		// The same encoding and size checks as every input file.
		var ok bool
		if src, ok = checkText("config.toml", src, &l.ds); !ok {
			l.cfg = config.Default()
			return
		}
	}
	if err != nil {
		l.ds.Errorf(course.Pos{File: "config.toml"}, "%v", err)
		l.cfg = config.Default()
		return
	}
	cfg, ds := config.Parse("config.toml", src, l.opts.StyleOK)
	l.cfg = cfg
	l.ds = append(l.ds, ds...)
}

// entry is a directory entry with the numeric prefix and slug worked out.
type entry struct {
	name   string
	rel    string // slash path relative to the site root
	prefix int    // -1 when the name has no NN- prefix
	slug   string
	dir    bool
	link   bool // a symlink, or inside a folder reached through one (content/ itself counts only with a cache)
}

// readDir lists the folder rel; link tells that rel is or is under a
// symlink. With a cache, a listing is taken from it when it is there, and
// cached when it is not reached through a symlink and holds none.
func (l *loader) readDir(rel string, link bool) []entry {
	cache := l.cache != nil && !link
	if cache {
		if d := l.cache.list(rel); d != nil {
			return d.entries
		}
	}
	out, clean := l.readDirFS(rel, link)
	if cache && clean {
		l.cache.keep(rel, keptList, &dirList{entries: out})
	}
	return out
}

// readDirFS lists the folder rel. clean reports that it could be read and
// holds no symlinks, so that the listing depends on nothing but the folder
// itself.
func (l *loader) readDirFS(rel string, link bool) (out []entry, clean bool) {
	des, err := os.ReadDir(filepath.Join(l.root, filepath.FromSlash(rel)))
	if err != nil {
		l.ds.Errorf(course.Pos{File: rel}, "%v", err)
		return nil, false
	}
	clean = true
	for _, de := range des {
		name := de.Name()
		if skipName(name) {
			continue
		}
		e := entry{name: name, rel: rel + "/" + name, dir: de.IsDir(), link: link}
		if de.Type()&fs.ModeSymlink != 0 {
			e.link, clean = true, false
			if msg := l.brokenLink(e.rel); msg != "" {
				l.ds.Warnf(course.Pos{File: e.rel}, "%s", msg)
				continue
			}
			if why := l.symlinkRefused(e.rel); why != "" {
				l.ds.Warnf(course.Pos{File: e.rel}, "%s", why)
				continue
			}
			if out := l.outputFolder(e.rel); out != "" {
				l.ds.Warnf(course.Pos{File: e.rel}, "symlink points into lecgen's output folder %s, which would be copied into itself; not followed", termsafe.String(out))
				continue
			}
			fi, err := os.Stat(filepath.Join(l.root, filepath.FromSlash(e.rel)))
			if err != nil {
				l.ds.Warnf(course.Pos{File: e.rel}, "broken symlink; skipped")
				continue
			}
			e.dir = fi.IsDir()
		} else if !de.IsDir() && !de.Type().IsRegular() {
			continue // sockets, devices
		}
		base := name
		if !e.dir {
			base = strings.TrimSuffix(name, path.Ext(name))
		}
		// Slugs are NFC: macOS tools may save "Über" decomposed (NFD),
		// while links and URLs are typed composed.
		e.prefix, e.slug = SplitPrefix(norm.NFC.String(base))
		if e.prefix < 0 {
			e.prefix = unordered
		}
		out = append(out, e)
	}
	return out, clean
}

// outputFolder returns the site-relative path of the lecgen output folder
// (a folder with publish.MarkerName) that rel resolves into, or "".
func (l *loader) outputFolder(rel string) string {
	target, err := filepath.EvalSymlinks(filepath.Join(l.root, filepath.FromSlash(rel)))
	if err != nil {
		return ""
	}
	root, err := filepath.EvalSymlinks(l.root)
	if err != nil {
		return ""
	}
	for p := target; ; p = filepath.Dir(p) {
		if fi, err := os.Lstat(filepath.Join(p, publish.MarkerName)); err == nil && fi.Mode().IsRegular() {
			if r, err := filepath.Rel(root, p); err == nil {
				return filepath.ToSlash(r)
			}
			return p
		}
		if p == root || filepath.Dir(p) == p {
			return ""
		}
	}
}

// loopsBack reports whether the folder rel resolves to one of parents (the
// folders it is inside of, as the loader walks them, site-relative) or to
// a folder containing one: following it would walk the same files again
// and again. It returns the folder it leads back to, site-relative. Only a
// folder that is or is under a symlink can lead back; the caller checks
// only those.
func (l *loader) loopsBack(rel string, parents []string) (string, bool) {
	real, err := filepath.EvalSymlinks(filepath.Join(l.root, filepath.FromSlash(rel)))
	if err != nil {
		return "", false
	}
	for _, p := range parents {
		p := l.realPath(p)
		if r, err := filepath.Rel(real, p); err == nil && (r == "." || filepath.IsLocal(r)) {
			root, _ := filepath.EvalSymlinks(l.root)
			if sr, err := filepath.Rel(root, real); err == nil {
				return termsafe.String(filepath.ToSlash(sr)), true
			}
			return termsafe.String(real), true
		}
	}
	return "", false
}

// realPath resolves rel's symlinks; "" on error.
func (l *loader) realPath(rel string) string {
	p, err := filepath.EvalSymlinks(filepath.Join(l.root, filepath.FromSlash(rel)))
	if err != nil {
		return ""
	}
	return p
}

// brokenLink explains why the symlink rel cannot be followed: its target
// (or the end of a chain of links) does not exist, or the chain leads back
// to a link in it. "" when it can be followed, or when the chain leaves
// the site (symlinkRefused reports that). It is checked before
// symlinkRefused, which cannot tell these apart from a link leading out.
func (l *loader) brokenLink(rel string) string {
	name := filepath.Join(l.root, filepath.FromSlash(rel))
	_, statErr := os.Stat(name)
	if statErr == nil {
		return ""
	}
	first, err := os.Readlink(name)
	if err != nil {
		return ""
	}
	first = termsafe.String(first) // for the message: a name from the course
	other := fmt.Sprintf("broken symlink: it points to %s, which cannot be opened (%v); skipped", first, errors.Unwrap(statErr))
	// The site's folder as given and as it really is (it may be reached
	// through a symlink itself, as /tmp is on macOS).
	roots := []string{l.root}
	if r, err := filepath.EvalSymlinks(l.root); err == nil && r != l.root {
		roots = append(roots, r)
	}
	inside := func(p string) bool {
		// The target may not exist, but its folder may be reached
		// through a symlink too.
		ps := []string{p}
		if r, ok := resolveExisting(p); ok {
			ps = append(ps, r)
		}
		for _, root := range roots {
			for _, p := range ps {
				if r, err := filepath.Rel(root, p); err == nil && filepath.IsLocal(r) {
					return true
				}
			}
		}
		return false
	}
	seen := map[string]bool{}
	for p, hops := name, 0; hops < 255; hops++ {
		seen[p] = true
		target, err := os.Readlink(p)
		if err != nil {
			return other
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(p), target)
		}
		if !inside(target) {
			return "" // it leads outside the site: symlinkRefused says so
		}
		fi, err := os.Lstat(target)
		switch {
		case errors.Is(err, fs.ErrNotExist) && p == name:
			return fmt.Sprintf("broken symlink: it points to %s, which does not exist; skipped", first)
		case errors.Is(err, fs.ErrNotExist):
			return fmt.Sprintf("broken symlink: it points to %s, which leads to %s, which does not exist; skipped", first, l.show(target))
		case err != nil || fi.Mode()&fs.ModeSymlink == 0:
			return other
		case seen[target]:
			return fmt.Sprintf("symlink loop: it points to %s, which leads back to %s; skipped", first, l.show(target))
		}
		p = target
	}
	return fmt.Sprintf("symlink loop: it points to %s, a chain of more than 255 symlinks; skipped", first)
}

// resolveExisting resolves the symlinks of the deepest folder of p that
// exists, and appends the rest of p, which does not.
func resolveExisting(p string) (string, bool) {
	rest := ""
	for dir := filepath.Dir(p); ; dir = filepath.Dir(dir) {
		rest = filepath.Join(filepath.Base(p), rest)
		if r, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(r, rest), true
		}
		if filepath.Dir(dir) == dir {
			return "", false
		}
		p = dir
	}
}

// show names a file for a message: site-relative when it is in the site,
// and on one line (see termsafe).
func (l *loader) show(name string) string {
	if r, err := filepath.Rel(l.root, name); err == nil && filepath.IsLocal(r) {
		return termsafe.String(filepath.ToSlash(r))
	}
	return termsafe.String(name)
}

// skipName tells which files are never content: hidden files and editors'
// temporary files.
// Every name that serve's watcher ignores as an editor's temporary file
// (watch.IsEditorTemp) is skipped here too: the watcher reports no change
// to such a file, and it must never be published.
func skipName(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") || strings.HasSuffix(name, "~") ||
		strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".swpx") ||
		strings.HasSuffix(name, ".tmp") || name == "4913" || strings.Contains(name, "___jb_")
}

// SplitPrefix splits "03-clip" into 3 and "clip"; -1 when there is no
// numeric prefix. The digits end at a "-" or "_", spaces, or a "-" or "_"
// between spaces, so that "03 my lecture" and "03 - my lecture" order and
// slug like "03-my-lecture" (Finder and Explorer users type spaces). The
// rest is returned as it is; slugify turns its spaces into dashes. A
// slide inserted later may be numbered "01a-x" or "01.5-x" (see
// SplitPrefixSub): its number is 1.
func SplitPrefix(base string) (int, string) {
	n, _, rest := SplitPrefixSub(base)
	return n, rest
}

// SplitPrefixSub is SplitPrefix that also returns what follows the
// number, for names inserted between two numbers: ".5" in "01.5-x", "a"
// in "01a-x" (one lower-case letter, after two digits or more, so that
// "3d-vision" keeps its name). Such a file comes after the ones with the
// number alone and before the next number; subs compare as strings (""
// < ".5" < "a" < "b").
func SplitPrefixSub(base string) (n int, sub, rest string) {
	i := 0
	for i < len(base) && base[i] >= '0' && base[i] <= '9' {
		i++
	}
	digits := i
	switch {
	case digits == 0:
	case i+1 < len(base) && base[i] == '.' && base[i+1] >= '0' && base[i+1] <= '9':
		i++
		for i < len(base) && base[i] >= '0' && base[i] <= '9' {
			i++
		}
	case digits >= 2 && i < len(base) && base[i] >= 'a' && base[i] <= 'z':
		i++
	}
	j := skipSpaces(base, i)
	if j < len(base) && (base[j] == '-' || base[j] == '_') {
		j = skipSpaces(base, j+1)
	}
	if digits > 0 && j > i && j < len(base) {
		if n, err := strconv.Atoi(base[:digits]); err == nil {
			return n, base[digits:i], base[j:]
		}
	}
	return -1, "", base
}

// subOf is the sub-number of a file or folder's name (see SplitPrefixSub).
func subOf(rel string) string {
	base := path.Base(rel)
	if strings.EqualFold(path.Ext(base), ".md") {
		base = base[:len(base)-len(".md")]
	}
	_, sub, _ := SplitPrefixSub(base)
	return sub
}

func skipSpaces(s string, i int) int {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i
}

// slugify turns a file name into a URL path segment: spaces become dashes;
// case is kept so that "Intro" and "intro" are caught as a collision.
func slugify(s string) string {
	return strings.Join(strings.Fields(s), "-")
}

// checkSlug rejects slugs that are not a single safe path segment.
func checkSlug(s string) string {
	if s == "" {
		return "slug is empty"
	}
	if s == "." || s == ".." || strings.ContainsAny(s, `/\:*?"<>|#%&`) || filepath.IsAbs(s) {
		return "slug " + strconv.Quote(s) + " must be a single path segment without / \\ : # % & ? or .."
	}
	for _, r := range s {
		if unicode.IsControl(r) || unicode.IsSpace(r) {
			return "slug " + strconv.Quote(s) + " contains spaces or control characters"
		}
	}
	if strings.HasPrefix(s, ".") {
		return "slug " + strconv.Quote(s) + " must not start with a dot"
	}
	return ""
}

// readText reads a text file. It marks the file uncacheable when it could
// not be read (a watcher does not report a change of permissions, so it
// is tried again on every load) or when it has other hard links (a change
// made through one of them would be reported for that path only).
func (l *loader) readText(rel string) ([]byte, bool) {
	src, shared, err := readLimited(filepath.Join(l.root, filepath.FromSlash(rel)))
	if shared {
		l.uncacheable = true
	}
	if errors.Is(err, fs.ErrNotExist) {
		// Deleted since the folder was listed (a git checkout under way):
		// it is simply not there, and the watcher reports the deletion.
		l.uncacheable = true
		return nil, false
	}
	var big errTooBig
	if errors.As(err, &big) {
		l.uncacheable = true
		l.ds.Errorf(course.Pos{File: rel}, "%s", textfile.TooBig(kindOf(rel), int64(big)))
		return nil, false
	}
	if err != nil {
		l.uncacheable = true
		l.ds.Errorf(course.Pos{File: rel}, "%v", err)
		return nil, false
	}
	return checkText(rel, src, &l.ds)
}

func (l *loader) loadContent(ctx context.Context) {
	st, linked := l.stat("content", false)
	if !st.dir {
		l.ds.Errorf(course.Pos{File: "content"}, "no content/ folder in %s", l.root)
		return
	}
	l.contentLink = linked
	topSlugs := newSlugSet()
	for _, name := range reservedTop {
		topSlugs.reserve(name)
	}
	entries := l.readDir("content", l.contentLink)
	if hasBibliography(entries) { // bib.go
		topSlugs.reserve("references")
	}
	var lectures []*lectureLoad
	if l.workers > 1 {
		lectures = l.loadLectures(ctx, entries)
	}
	for i, e := range entries {
		if ctx.Err() != nil {
			return
		}
		if !e.dir && isBibliography(e.name) {
			l.loadBibliography(e.rel, e.name) // and copied below, as any file
		}
		switch {
		case e.dir:
			var lec *course.Lecture
			if lectures != nil {
				lec = l.merge(lectures[i])
			} else {
				lec = l.loadLecture(e)
			}
			if lec != nil {
				if other := topSlugs.add(lec.Slug, lec.Dir); other != "" {
					l.ds.Errorf(course.Pos{File: lec.Dir}, "lecture slug %q collides with %s", lec.Slug, other)
				}
				l.c.Lectures = append(l.c.Lectures, lec)
			}
		case e.name == "_index.md":
			l.c.Home = l.loadFile(e, kindHome, func() fileResult { p, _ := l.loadPage(e, true); return fileResult{page: p} }).page
		case e.name == "glossary.toml":
			r := l.loadFile(e, kindGlossary, func() fileResult {
				terms, ok := l.loadGlossary(e.rel)
				return fileResult{terms: terms, loaded: ok}
			})
			if r.loaded {
				l.c.Glossary = r.terms
			}
		case isMarkdown(e.name):
			r := l.loadFile(e, kindPage, func() fileResult { p, draft := l.loadPage(e, false); return fileResult{page: p, draft: draft} })
			if r.draft != "" {
				l.c.Drafts[e.rel] = r.draft
			}
			if p := r.page; p != nil {
				if other := topSlugs.add(p.Slug, p.File); other != "" {
					l.ds.Errorf(course.Pos{File: p.File}, "page slug %q collides with %s", p.Slug, other)
				}
				l.c.Pages = append(l.c.Pages, p)
			}
		default:
			l.warnOtherMarkdown(e.rel, e.name)
			if other := topSlugs.add(e.name, e.rel); other != "" {
				l.ds.Errorf(course.Pos{File: e.rel}, "file %q collides with %s (rename the file)", e.name, other)
				continue
			}
			l.addAsset(e.rel, e.name)
		}
	}
	sortLectures(l.c.Lectures)
	for i, lec := range l.c.Lectures {
		lec.Index = i
	}
	sort.SliceStable(l.c.Pages, func(i, j int) bool {
		a, b := l.c.Pages[i], l.c.Pages[j]
		if a.Weight != b.Weight {
			return a.Weight < b.Weight
		}
		return a.File < b.File
	})
	if len(l.c.Lectures) == 0 && !l.ds.HasErrors() {
		l.ds.Errorf(course.Pos{File: "content"}, "no lectures: make a folder such as content/01-intro/ with one Markdown file per slide")
	}
}

func isMarkdown(name string) bool {
	return strings.EqualFold(path.Ext(name), ".md")
}

// warnOtherMarkdown warns about a Markdown file that is copied rather than
// made a page because of its extension.
func (l *loader) warnOtherMarkdown(rel, name string) {
	switch strings.ToLower(path.Ext(name)) {
	case ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".mdtext", ".mdtxt":
		l.ds.Warnf(course.Pos{File: rel}, "only .md files become slides and pages; this file is copied as it is (rename it to .md)")
	}
}

// addAsset publishes the file rel at out, in NFC like the slugs, so that
// a link typed composed finds a file saved decomposed.
func (l *loader) addAsset(rel, out string) {
	l.c.Assets = append(l.c.Assets, course.Asset{Src: rel, Out: norm.NFC.String(out)})
}

type pageMeta struct {
	Title  string         `toml:"title"`
	Weight int            `toml:"weight"`
	Draft  bool           `toml:"draft"`
	Slug   string         `toml:"slug"`
	Params map[string]any `toml:"params"`
}

// readFile reads a Markdown file and decodes its front matter into meta.
// It returns the file and where the body starts; ok is false when a
// problem was reported.
func (l *loader) readFile(rel, what string, meta any) (src, fm []byte, fmLine, bodyOff int, ok bool) {
	src, ok = l.readText(rel)
	if !ok {
		return nil, nil, 0, 0, false
	}
	return l.parseFile(rel, what, src, meta)
}

// parseFile is readFile for a file already read.
func (l *loader) parseFile(rel, what string, src []byte, meta any) (_, fm []byte, fmLine, bodyOff int, ok bool) {
	fm, fmLine, bodyOff, ok = splitFrontMatter(rel, src, meta, what, &l.ds)
	if !ok || !decodeFrontMatter(rel, fm, fmLine, what, meta, &l.ds) {
		return nil, nil, 0, 0, false
	}
	return src, fm, fmLine, bodyOff, true
}

// loadPage loads a page; a draft left out gives its would-be slug.
func (l *loader) loadPage(e entry, home bool) (*course.Page, string) {
	var m pageMeta
	what := "a page's front matter"
	if home {
		what = "the home page's front matter"
	}
	src, fm, fmLine, bodyOff, ok := l.readFile(e.rel, what, &m)
	if !ok {
		return nil, ""
	}
	if m.Draft && !l.opts.Drafts {
		return nil, fileSlug(e, m.Slug)
	}
	p := &course.Page{File: e.rel, Title: m.Title, Weight: m.Weight, Body: source(e.rel, src, bodyOff, len(src)), Params: m.Params}
	l.privateOutsideNotes(p.Body, "a page") // private.go
	if !home {
		p.Slug = fileSlug(e, m.Slug)
		if msg := checkSlug(p.Slug); msg != "" {
			l.ds.Errorf(l.slugPos(e.rel, fm, fmLine, m.Slug), "%s", msg)
			return nil, ""
		}
	}
	return p, ""
}

func (l *loader) slugPos(file string, fm []byte, fmLine int, fmSlug string) course.Pos {
	if fmSlug != "" {
		return config.KeyPos(file, fm, fmLine-1, "slug")
	}
	return course.Pos{File: file}
}

func source(file string, whole []byte, from, to int) course.Source {
	return course.Source{File: file, Text: whole[from:to], Off: from, Whole: whole, Lines: course.NewLineIndex(whole)}
}

type lectureMeta struct {
	Title   string    `toml:"title"`
	Date    time.Time `toml:"date"`
	Summary string    `toml:"summary"`
	Draft   bool      `toml:"draft"`
	Weight  *int      `toml:"weight"`
	Slug    string    `toml:"slug"`
	// Duration (minutes) and Incremental are for the deck (see course.Lecture).
	Duration    int    `toml:"duration"`
	Incremental *bool  `toml:"incremental"`
	Part        string `toml:"part"`
	// SolutionsFrom holds the lecture's solutions back from students
	// until that day (see package release).
	SolutionsFrom time.Time      `toml:"solutions_from"`
	Params        map[string]any `toml:"params"`
}

// slideMeta is a slide's front matter. [params] holds the author's own
// keys, for templates (Hugo's habit); other unknown keys are errors.
type slideMeta struct {
	Title    string `toml:"title"`
	Weight   *int   `toml:"weight"`
	Draft    bool   `toml:"draft"`
	Slug     string `toml:"slug"`
	Glossary string `toml:"glossary"`
	// Incremental is for the deck (see course.Slide).
	Incremental *bool          `toml:"incremental"`
	Params      map[string]any `toml:"params"`
}

// indexResult is what a lecture's _index.md gives.
type indexResult struct {
	ok     bool // false when a problem was reported
	meta   lectureMeta
	fm     []byte
	fmLine int
	intro  course.Source
}

func (l *loader) loadIndex(rel string) indexResult {
	var m lectureMeta
	src, fm, fmLine, bodyOff, ok := l.readFile(rel, "a lecture's front matter", &m)
	if !ok {
		return indexResult{}
	}
	intro := source(rel, src, bodyOff, len(src))
	l.privateOutsideNotes(intro, "a lecture's _index.md") // private.go
	return indexResult{ok: true, meta: m, fm: fm, fmLine: fmLine, intro: intro}
}

func (l *loader) loadLecture(e entry) *course.Lecture {
	parents := []string{"content"}
	if e.link {
		if to, loop := l.loopsBack(e.rel, parents); loop {
			l.ds.Warnf(course.Pos{File: e.rel}, "symlink loop: the folder leads back to %s; not followed", to)
			return nil
		}
	}
	parents = append(parents, e.rel)
	lec := &course.Lecture{Dir: e.rel, Slug: slugify(e.slug), Weight: e.prefix}
	var metaWeight *int
	entries := l.readDir(e.rel, e.link)
	for _, se := range entries {
		if se.name != "_index.md" {
			continue
		}
		ix := l.loadFile(se, kindIndex, func() fileResult { return fileResult{index: l.loadIndex(se.rel)} }).index
		if !ix.ok {
			continue
		}
		m, fm, fmLine := ix.meta, ix.fm, ix.fmLine
		if m.Draft && !l.opts.Drafts {
			l.c.Drafts[e.rel] = fileSlug(e, m.Slug)
			// Its slides too, by name, so that a link to one says why
			// it is missing.
			for _, se := range entries {
				if !se.dir && isMarkdown(se.name) && se.name != "_index.md" {
					l.c.Drafts[se.rel] = slugify(se.slug)
				}
			}
			return nil
		}
		lec.Title, lec.Date, lec.Summary, lec.Draft = m.Title, m.Date, m.Summary, m.Draft
		lec.Duration, lec.Incremental, lec.Params = m.Duration, m.Incremental, m.Params
		if m.Duration < 0 || m.Duration > 24*60 {
			l.ds.Errorf(config.KeyPos(se.rel, fm, fmLine-1, "duration"), "duration = %d: the talk's length in minutes, from 1 to 1440", m.Duration)
		}
		lec.Part = strings.Join(strings.Fields(m.Part), " ")
		lec.SolutionsFrom = l.solutionsFrom(se.rel, fm, fmLine, m.SolutionsFrom) // release.go
		metaWeight = m.Weight
		lec.Slug = fileSlug(e, m.Slug)
		lec.Intro = ix.intro
		if msg := checkSlug(lec.Slug); msg != "" {
			l.ds.Errorf(l.slugPos(se.rel, fm, fmLine, m.Slug), "%s", msg)
			return nil
		}
	}
	if msg := checkSlug(lec.Slug); msg != "" {
		l.ds.Errorf(course.Pos{File: e.rel}, "%s (rename the folder)", msg)
		return nil
	}
	if metaWeight != nil {
		lec.Weight = *metaWeight
	}
	if lec.Title == "" {
		lec.Title = course.TitleFromSlug(lec.Slug)
	}
	slugs := newSlugSet()
	slugs.reserve("handout")
	slugs.reserve("present")
	slugs.reserve("index.html")
	for _, se := range entries {
		switch {
		case se.name == "_index.md":
		case se.dir:
			l.addAssetDir(se, lec.Slug+"/"+se.name, parents)
		case isMarkdown(se.name):
			n := len(l.ds)
			r := l.loadFile(se, kindSlide, func() fileResult { s, draft := l.loadSlide(se); return fileResult{slide: s, draft: draft} })
			if r.draft != "" {
				l.c.Drafts[se.rel] = r.draft
			}
			s := r.slide
			if s == nil {
				if len(l.ds) > n {
					l.c.Failed[se.rel] = slugify(se.slug)
				}
				continue
			}
			if other := slugs.add(s.Slug, s.File); other != "" {
				l.ds.Errorf(course.Pos{File: s.File}, "slide slug %q collides with %s (give one a different file name or a `slug` in its front matter)", s.Slug, other)
				continue
			}
			s.Lecture = lec
			lec.Slides = append(lec.Slides, s)
		default:
			l.warnOtherMarkdown(se.rel, se.name)
			if other := slugs.add(se.name, se.rel); other != "" {
				l.ds.Errorf(course.Pos{File: se.rel}, "file %q collides with %s (rename the file)", se.name, other)
				continue
			}
			l.addAsset(se.rel, lec.Slug+"/"+se.name)
		}
	}
	// A folder named like a slide (or handout) may hold files, but not an
	// index.html: that is where the slide's page goes.
	for _, se := range entries {
		if other, ok := slugs[foldKey(se.name)]; ok && se.dir {
			idx := se.rel + "/index.html"
			if st, _ := l.stat(idx, se.link); st.exists && !st.dir {
				l.ds.Errorf(course.Pos{File: idx}, "file collides with %s, whose page goes there (rename the folder %s)", other, se.name)
			}
		}
	}
	if len(lec.Slides) == 0 {
		if !hasMarkdown(entries) {
			l.ds.Errorf(course.Pos{File: e.rel}, "lecture folder has no slides: add Markdown files such as %s/01-intro.md", e.rel)
		}
		return nil
	}
	sortSlides(lec.Slides)
	for i, s := range lec.Slides {
		s.Index = i
	}
	return lec
}

func hasMarkdown(es []entry) bool {
	for _, e := range es {
		if !e.dir && isMarkdown(e.name) && e.name != "_index.md" {
			return true
		}
	}
	return false
}

// addAssetDir copies a folder inside a lecture (img/, data/) verbatim.
// parents are the folders it is inside of, from content/ down, so that a
// symlink loop is caught rather than followed.
func (l *loader) addAssetDir(d entry, out string, parents []string) {
	rel := d.rel
	if d.link {
		if to, loop := l.loopsBack(rel, parents); loop {
			l.ds.Warnf(course.Pos{File: rel}, "symlink loop: the folder leads back to %s; not followed", to)
			return
		}
	}
	parents = append(parents[:len(parents):len(parents)], rel)
	for _, e := range l.readDir(rel, d.link) {
		if e.dir {
			l.addAssetDir(e, out+"/"+e.name, parents)
			continue
		}
		if isMarkdown(e.name) && !strings.EqualFold(e.name, "README.md") {
			l.ds.Warnf(course.Pos{File: e.rel}, "not a slide: slides are the .md files directly in a lecture folder; this one is copied as it is")
		} else {
			l.warnOtherMarkdown(e.rel, e.name)
		}
		l.addAsset(e.rel, out+"/"+e.name)
	}
}

// fileSlug is the slug of a slide, page or lecture (a draft's, had it been
// built): its front matter's, or its file or folder name's.
func fileSlug(e entry, metaSlug string) string {
	if metaSlug != "" {
		return norm.NFC.String(metaSlug)
	}
	return slugify(e.slug)
}

// loadSlide loads a slide; a draft left out gives its would-be slug.
func (l *loader) loadSlide(e entry) (*course.Slide, string) {
	var m slideMeta
	src, ok := l.readText(e.rel)
	if !ok {
		return nil, ""
	}
	// Before the front matter is parsed: a deck's YAML front matter is
	// an error that would hide the rest.
	if d, ok := findDeck(src); ok {
		l.ds.Warnf(course.Pos{File: e.rel, Line: d.firstLine, Col: 1}, "%s", deckWarning(d, e.rel))
	}
	src, fm, fmLine, bodyOff, ok := l.parseFile(e.rel, "a slide's front matter", src, &m)
	if !ok {
		return nil, ""
	}
	if m.Draft && !l.opts.Drafts {
		return nil, fileSlug(e, m.Slug)
	}
	switch m.Glossary {
	case "", "first", "all", "none":
	default:
		l.ds.Errorf(config.KeyPos(e.rel, fm, fmLine-1, "glossary"), "glossary = %q: must be \"first\", \"all\" or \"none\"", m.Glossary)
	}
	s := &course.Slide{File: e.rel, Slug: fileSlug(e, m.Slug), Title: m.Title, Weight: e.prefix, Draft: m.Draft, Glossary: m.Glossary, Incremental: m.Incremental, Params: m.Params}
	if m.Weight != nil {
		s.Weight = *m.Weight
	}
	if msg := checkSlug(s.Slug); msg != "" {
		l.ds.Errorf(l.slugPos(e.rel, fm, fmLine, m.Slug), "%s", msg)
		return nil, ""
	}
	body := src[bodyOff:]
	end, notes, found := splitNotes(body)
	s.Body = source(e.rel, src, bodyOff, bodyOff+end)
	if found {
		s.HasNotes = true
		s.Notes = course.Source{File: e.rel, Text: src[bodyOff+notes:], Off: bodyOff + notes, Whole: src, Lines: s.Body.Lines}
		if msg := notesWarning(body, end, notes); msg != "" {
			line, _ := s.Body.Lines.Pos(src, bodyOff+end)
			l.ds.Warnf(course.Pos{File: e.rel, Line: line, Col: 1}, "%s", msg)
		}
	}
	l.privateNotes(s) // private.go
	if len(bytes.TrimSpace(body)) == 0 && m.Title == "" {
		l.reportEmpty(e.rel, fm != nil)
		return nil, ""
	}
	return s, ""
}

// reportEmpty explains a slide with neither text nor a title. A slide
// whose front matter has a title and nothing else is fine: it is a
// section divider, shown as its title.
func (l *loader) reportEmpty(rel string, hasFM bool) {
	if hasFM {
		l.ds.Errorf(course.Pos{File: rel, Line: 1, Col: 1}, "slide has front matter but no text and no title: add title = \"...\" to the front matter for a divider slide that shows only its title, or write the slide's text below the closing +++")
		return
	}
	l.ds.Errorf(course.Pos{File: rel, Line: 1, Col: 1}, "slide is empty: write a heading and its text, or front matter with only a title (+++, title = \"Part 2\", +++) for a divider slide, or delete the file")
}

// unordered is the weight of files without an NN- prefix or a weight:
// they come after numbered ones, by file name.
const unordered = 1 << 30

// sortLectures orders lectures by weight, then by the sub-number of
// their folder's name (01, 01.5, 01a), then by name.
func sortLectures(ls []*course.Lecture) {
	sort.SliceStable(ls, func(i, j int) bool {
		a, b := ls[i].Weight, ls[j].Weight
		if a != b {
			return a < b
		}
		if sa, sb := subOf(ls[i].Dir), subOf(ls[j].Dir); sa != sb {
			return sa < sb
		}
		return ls[i].Dir < ls[j].Dir
	})
}

// sortSlides orders slides as sortLectures does lectures.
func sortSlides(ss []*course.Slide) {
	sort.SliceStable(ss, func(i, j int) bool {
		a, b := ss[i].Weight, ss[j].Weight
		if a != b {
			return a < b
		}
		if sa, sb := subOf(ss[i].File), subOf(ss[j].File); sa != sb {
			return sa < sb
		}
		return ss[i].File < ss[j].File
	})
}

// slugSet finds slug collisions the way case-insensitive file systems
// (macOS, Windows) would see them; macOS also takes NFC and NFD names for
// one.
type slugSet map[string]string

func newSlugSet() slugSet { return slugSet{} }

func (s slugSet) reserve(name string) {
	s[foldKey(name)] = "a page lecgen generates (" + name + ")"
}

// add records slug from source and returns the earlier source it collides
// with, or "".
func (s slugSet) add(slug, src string) string {
	k := foldKey(slug)
	if other, ok := s[k]; ok {
		return other
	}
	s[k] = src
	return ""
}

// foldKey is the key under which slugSet compares names.
func foldKey(name string) string {
	return strings.ToLower(norm.NFC.String(name))
}
