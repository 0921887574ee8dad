package importer

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/lecgen/lecgen/internal/config"
	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/textfile"
	"github.com/pelletier/go-toml/v2"
	yaml "go.yaml.in/yaml/v3"
)

// source is one file to import: a deck or a notes page.
type source struct {
	abs    string
	file   string // as shown in messages: relative to the working folder
	format Format
	reason string // why this format was chosen
	// siteRoot is the Jekyll or Hugo site the page belongs to; its
	// site-absolute links start there.
	siteRoot   string
	contentDir string // Hugo's content/
	collection string // Jekyll's collection ("posts" for _posts)
	text       string
	fm         *meta
	fmTOML     bool
	fmAt       int
	body       []line
	order      sortKey
}

// sortKey orders the pages of a notes site as the site does.
type sortKey struct {
	group  int    // collection, in the order the site lists them
	weight int    // Hugo weight; 0 (none) after the others
	date   string // YYYY-MM-DD
	name   string
}

func (a sortKey) less(b sortKey) bool {
	if a.group != b.group {
		return a.group < b.group
	}
	if (a.weight == 0) != (b.weight == 0) {
		return a.weight != 0
	}
	if a.weight != b.weight {
		return a.weight < b.weight
	}
	if a.date != b.date {
		return a.date < b.date
	}
	return naturalLess(a.name, b.name)
}

// collect finds the sources named by the paths and the format of each.
func (im *importer) collect(ctx context.Context) error {
	seen := map[string]bool{}
	add := func(s *source) {
		if !seen[s.abs] {
			seen[s.abs] = true
			im.sources = append(im.sources, s)
		}
	}
	for _, p := range im.opts.Paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return err
		}
		st, err := os.Stat(abs)
		if err != nil {
			im.errorf(p, 0, "cannot import: %v", unwrapPath(err))
			continue
		}
		if content := filepath.Join(im.site, "content"); abs == content || strings.HasPrefix(abs, content+string(filepath.Separator)) {
			im.errorf(p, 0, "cannot import: it is in the site's content/ already")
			continue
		}
		if !st.IsDir() {
			if s := im.readSource(abs, true); s != nil {
				add(s)
			}
			continue
		}
		for _, s := range im.folder(abs) {
			add(s)
		}
	}
	if len(im.sources) == 0 && !im.rep.Diagnostics.HasErrors() {
		im.errorf("", 0, "found nothing to import in %s", strings.Join(im.opts.Paths, ", "))
	}
	for _, s := range im.sources {
		im.rep.Detected = append(im.rep.Detected, s.file+": "+string(s.format)+" ("+s.reason+")")
	}
	return nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// folder collects a folder: a Jekyll or Hugo site (or its collection or
// content folder), else the decks directly in it.
func (im *importer) folder(dir string) []*source {
	from := im.opts.From
	if from == "auto" || from == string(Jekyll) {
		if isJekyllRoot(dir) {
			return im.jekyllSite(dir, "")
		}
		if parent := filepath.Dir(dir); strings.HasPrefix(filepath.Base(dir), "_") && isJekyllRoot(parent) {
			return im.jekyllSite(parent, filepath.Base(dir))
		}
	}
	if from == "auto" || from == string(Hugo) {
		if isHugoRoot(dir) {
			return im.hugoSite(dir)
		}
		if filepath.Base(dir) == "content" && isHugoRoot(filepath.Dir(dir)) {
			return im.hugoSite(filepath.Dir(dir))
		}
	}
	des, err := os.ReadDir(dir)
	if err != nil {
		im.errorf(im.display(dir), 0, "cannot read: %v", unwrapPath(err))
		return nil
	}
	var out []*source
	var names []string
	for _, de := range des {
		name := de.Name()
		switch {
		case strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "node_modules":
		case !de.IsDir() && isMarkdownName(name):
			names = append(names, name)
		case de.IsDir():
			// A deck in a folder of its own (a Slidev project, a Marp
			// deck with its images): its entry file.
			for _, entry := range deckEntries {
				if isFile(filepath.Join(dir, name, entry)) {
					names = append(names, name+"/"+entry)
					break
				}
			}
		}
	}
	sort.Slice(names, func(i, j int) bool { return naturalLess(names[i], names[j]) })
	for _, n := range names {
		if s := im.readSource(filepath.Join(dir, filepath.FromSlash(n)), false); s != nil {
			out = append(out, s)
		}
	}
	return out
}

// deckEntries are the names of a deck's file in a folder of its own.
var deckEntries = []string{"slides.md", "deck.md", "presentation.md", "index.md"}

func isMarkdownName(n string) bool {
	ext := strings.ToLower(filepath.Ext(n))
	return ext == ".md" || ext == ".markdown"
}

// readSource reads a file and detects its format. named is set for a file
// named on the command line: one whose format cannot be told is an error
// there, and skipped in a folder.
func (im *importer) readSource(abs string, named bool) *source {
	s := &source{abs: abs, file: im.display(abs)}
	b, err := os.ReadFile(abs)
	switch {
	case err != nil:
		im.errorf(s.file, 0, "cannot read: %v", unwrapPath(err))
		return nil
	case len(b) > textfile.MaxSize:
		im.errorf(s.file, 0, "%s", textfile.TooBig(textfile.Markdown, int64(len(b))))
		return nil
	}
	// The encoding checks and messages of every file lecgen reads: UTF-16
	// is named as such, a UTF-8 byte order mark is dropped.
	b, prob := textfile.Check(b)
	if prob != nil {
		pos := course.Pos{File: s.file, Line: 1, Col: 1}
		if prob.Off > 0 {
			pos.Line, pos.Col = course.NewLineIndex(b).Pos(b, prob.Off)
		}
		im.rep.Diagnostics.Errorf(pos, "%s", prob.Msg)
		return nil
	}
	s.text = string(b)
	if !im.parseSourceFM(s) {
		return nil
	}
	if im.opts.From != "auto" {
		s.format, s.reason = Format(im.opts.From), "--from "+im.opts.From
	} else if f, why := detect(s, im.jekyllRootOf(abs), im.hugoRootOf(abs)); f != "" {
		s.format, s.reason = f, why
	} else if named {
		im.errorf(s.file, 1, "cannot tell which tool this file is for (no marp: true, Slidev or reveal.js marks, no --- slide separators): name it with --from %s", formatList())
		return nil
	} else {
		im.warn(s.file, 1, "skipped: not a deck (no marp: true, Slidev or reveal.js marks, no --- slide separators)")
		return nil
	}
	if s.format == Jekyll && s.siteRoot == "" {
		s.siteRoot = im.jekyllRootOf(abs)
		// A page in _name/ is a document of collection name (or a post).
		if dir := filepath.Base(filepath.Dir(abs)); strings.HasPrefix(dir, "_") && s.siteRoot != "" {
			s.collection = dir[1:]
		}
	}
	if s.format == Hugo && s.siteRoot == "" {
		s.siteRoot = im.hugoRootOf(abs)
		if s.siteRoot != "" {
			s.contentDir = filepath.Join(s.siteRoot, "content")
		}
	}
	return s
}

// parseSourceFM reads a source's front matter.
func (im *importer) parseSourceFM(s *source) bool {
	ls := splitLines(s.text)
	fm, body, isTOML, at, ok := frontMatter(ls)
	s.body = body
	if !ok {
		return true
	}
	var m *meta
	var err error
	if isTOML {
		m, err = parseTOML(fm)
	} else {
		m, err = parseYAML(fm)
	}
	if err != nil {
		im.errorf(s.file, at, "front matter: %v", err)
		return false
	}
	s.fm, s.fmTOML, s.fmAt = m, isTOML, at
	return true
}

// display shows a path relative to the working folder when it is inside.
func (im *importer) display(abs string) string {
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, abs); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(abs)
}

// Front matter keys only one tool uses.
var (
	marpKeys   = []string{"marp", "paginate", "headingDivider", "backgroundColor", "backgroundImage", "_class", "header", "footer", "size", "inlineSVG"}
	slidevKeys = []string{"highlighter", "drawings", "mdc", "colorSchema", "canvasWidth", "aspectRatio", "info", "src", "routerMode", "fonts", "lineNumbers", "download", "exportFilename", "hideInToc", "clicks"}
	revealKeys = []string{"revealOptions", "separator", "verticalSeparator", "separatorVertical", "notesSeparator"}
)

var (
	marpComment   = regexp.MustCompile(`<!--\s*_?(class|paginate|backgroundColor|backgroundImage|header|footer|color|theme|headingDivider)\s*:`)
	revealComment = regexp.MustCompile(`<!--\s*\.(slide|element)\s*:`)
	revealNotes   = regexp.MustCompile(`(?i)^notes?:|<aside\s+class="notes"`)
	marpImage     = regexp.MustCompile(`!\[(bg|w:|h:|width:|height:)[^\]]*\]\(`)
)

// detect tells a source's format from its front matter and text; why
// says what gave it away.
func detect(s *source, jekyllRoot, hugoRoot string) (Format, string) {
	m := s.fm
	if m.truth("marp") {
		return Marp, "marp: true"
	}
	if hugoRoot != "" {
		return Hugo, "in a Hugo site: " + filepath.Base(hugoRoot)
	}
	if s.fmTOML {
		return Hugo, "TOML front matter"
	}
	// Keys only one deck tool uses come before the site a file is in: a
	// deck may be kept in a Jekyll site's repository.
	for _, k := range revealKeys {
		if m.has(k) {
			return Reveal, "reveal-md's " + k + ":"
		}
	}
	for _, k := range marpKeys {
		if m.has(k) {
			return Marp, "Marp's " + k + ":"
		}
	}
	for _, k := range slidevKeys {
		if m.has(k) {
			return Slidev, "Slidev's " + k + ":"
		}
	}
	if jekyllRoot != "" && m != nil {
		return Jekyll, "in a Jekyll site: " + filepath.Base(jekyllRoot) + "/_config.yml"
	}
	var f fence
	seps, slideFM := 0, false
	for i, l := range s.body {
		if f.in(l.s) {
			continue
		}
		switch {
		case revealComment.MatchString(l.s):
			return Reveal, "reveal.js's <!-- ." + revealComment.FindStringSubmatch(l.s)[1] + ": --> comment"
		case marpComment.MatchString(l.s):
			return Marp, "Marp directive comment at line " + itoa(l.n)
		case marpImage.MatchString(l.s):
			return Marp, "Marp image keyword at line " + itoa(l.n)
		case revealNotes.MatchString(l.s):
			return Reveal, "reveal.js notes at line " + itoa(l.n)
		case isRule(l.s):
			seps++
			if _, ok := slideFrontMatter(s.body, i+1); ok {
				slideFM = true
			}
		}
	}
	switch theme := m.str("theme"); {
	case slideFM:
		return Slidev, "Slidev per-slide front matter"
	case theme == "gaia" || theme == "uncover":
		return Marp, "Marp's theme: " + theme
	case theme != "":
		return Slidev, "Slidev's theme:"
	case m.has("layout") && seps == 0:
		return Jekyll, "layout: with no slide separators (a Jekyll page)"
	case m.has("layout"):
		return Slidev, "Slidev's layout: with slide separators"
	case seps > 0:
		return Reveal, "slides separated by ---, no other mark (choose another with --from)"
	}
	return "", ""
}

// isJekyllRoot reports whether dir holds a Jekyll site's configuration.
func isJekyllRoot(dir string) bool {
	return exists(filepath.Join(dir, "_config.yml")) || exists(filepath.Join(dir, "_config.yaml"))
}

// isHugoRoot reports whether dir holds a Hugo site: a configuration file
// and content/. A lecgen site has both too; it is not one.
func isHugoRoot(dir string) bool {
	if !isDir(filepath.Join(dir, "content")) {
		return false
	}
	for _, n := range []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml"} {
		if exists(filepath.Join(dir, n)) {
			return n != "config.toml" || !isLecgenRoot(dir)
		}
	}
	return isDir(filepath.Join(dir, "config", "_default"))
}

// isLecgenRoot reports whether dir's config.toml is a lecgen configuration:
// one lecgen reads without an error (an unknown key such as Hugo's baseURL
// is one). A deck dropped into a lecgen site's content/ is then told by
// its own marks, not taken for a Hugo page.
func isLecgenRoot(dir string) bool {
	src, err := os.ReadFile(filepath.Join(dir, "config.toml"))
	if err != nil {
		return false
	}
	_, diags := config.Parse("config.toml", src, nil)
	return !diags.HasErrors()
}

// jekyllRootOf finds the Jekyll site a file is in: the nearest folder
// above it with a _config.yml, at most maxSiteDepth folders up.
func (im *importer) jekyllRootOf(abs string) string {
	d := filepath.Dir(abs)
	for i := 0; i < maxSiteDepth; i++ {
		if isJekyllRoot(d) {
			return d
		}
		if filepath.Dir(d) == d {
			break
		}
		d = filepath.Dir(d)
	}
	return ""
}

// maxSiteDepth bounds how far up from a file its site is looked for.
const maxSiteDepth = 4

// hugoRootOf finds the Hugo site a file is in: the folder above its
// content/.
func (im *importer) hugoRootOf(abs string) string {
	for d := filepath.Dir(abs); filepath.Dir(d) != d; d = filepath.Dir(d) {
		if filepath.Base(d) == "content" && isHugoRoot(filepath.Dir(d)) {
			return filepath.Dir(d)
		}
	}
	return ""
}

// jekyllSite collects the pages of a Jekyll site's collections and posts
// (only the collection named by only, when set).
func (im *importer) jekyllSite(root, only string) []*source {
	var cfg struct {
		Title          string    `yaml:"title"`
		Author         yaml.Node `yaml:"author"` // a name, or a mapping with one
		Collections    yaml.Node `yaml:"collections"`
		CollectionsDir string    `yaml:"collections_dir"`
	}
	for _, n := range []string{"_config.yml", "_config.yaml"} {
		if b, err := os.ReadFile(filepath.Join(root, n)); err == nil {
			if err := yaml.Unmarshal(b, &cfg); err != nil {
				im.warn(im.display(filepath.Join(root, n)), 0, "cannot read the site's configuration: %v", err)
			}
			break
		}
	}
	if im.siteTitle == "" {
		im.siteTitle = cfg.Title
	}
	if im.siteAuthor == "" {
		switch cfg.Author.Kind {
		case yaml.ScalarNode:
			im.siteAuthor = cfg.Author.Value
		case yaml.MappingNode:
			var a struct{ Name string }
			if cfg.Author.Decode(&a) == nil {
				im.siteAuthor = a.Name
			}
		}
	}
	var names []string
	switch cfg.Collections.Kind {
	case yaml.MappingNode:
		for i := 0; i < len(cfg.Collections.Content); i += 2 {
			names = append(names, cfg.Collections.Content[i].Value)
		}
	case yaml.SequenceNode:
		for _, n := range cfg.Collections.Content {
			names = append(names, n.Value)
		}
	}
	names = append(names, "posts", "drafts") // _drafts: posts not published, lecgen's drafts
	var out []*source
	for g, name := range names {
		dir := filepath.Join(root, filepath.FromSlash(cfg.CollectionsDir), "_"+name)
		if only != "" && "_"+name != only {
			continue
		}
		files := markdownFiles(dir)
		for _, f := range files {
			if strings.EqualFold(filepath.Base(f), "index.md") && name != "posts" {
				// The collection's list of its pages, made by Liquid.
				im.warn(im.display(f), 1, "skipped: the collection's index page")
				continue
			}
			s := im.readSource(f, false)
			if s == nil {
				continue
			}
			s.siteRoot, s.collection = root, name
			s.order = sortKey{group: g, date: s.fm.date("date"), name: f}
			if s.order.date == "" && (name == "posts" || name == "drafts") {
				s.order.date = dateOf(filepath.Base(f))
			}
			out = append(out, s)
		}
	}
	if only != "" && len(out) == 0 && len(names) > 0 {
		// A folder the configuration does not list: its pages all the same.
		for _, f := range markdownFiles(filepath.Join(root, only)) {
			if s := im.readSource(f, false); s != nil {
				s.siteRoot, s.collection = root, strings.TrimPrefix(only, "_")
				s.order = sortKey{date: s.fm.date("date"), name: f}
				out = append(out, s)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].order.less(out[j].order) })
	return out
}

// hugoSite collects the pages under a Hugo site's content/.
func (im *importer) hugoSite(root string) []*source {
	// Hugo's config in either language; the first file of each that
	// exists, as Hugo itself looks for them.
	type hugoConfig struct {
		Title  string `toml:"title" yaml:"title"`
		Author any    `toml:"author" yaml:"author"`
		Params struct {
			Author any `toml:"author" yaml:"author"`
		} `toml:"params" yaml:"params"`
	}
	for _, lang := range []struct {
		names     []string
		unmarshal func([]byte, any) error
	}{
		{[]string{"hugo.toml", "config.toml"}, toml.Unmarshal},
		{[]string{"hugo.yaml", "hugo.yml", "config.yaml", "config.yml"}, yaml.Unmarshal},
	} {
		for _, n := range lang.names {
			b, err := os.ReadFile(filepath.Join(root, n))
			if err != nil {
				continue
			}
			var cfg hugoConfig
			if lang.unmarshal(b, &cfg) == nil {
				if im.siteTitle == "" {
					im.siteTitle = cfg.Title
				}
				if im.siteAuthor == "" {
					im.siteAuthor = authorName(cfg.Author, cfg.Params.Author)
				}
			}
			break
		}
	}
	content := filepath.Join(root, "content")
	var out []*source
	for _, f := range markdownTree(content) {
		if filepath.Base(f) == "_index.md" {
			// A section's list page, not notes; said when it has text.
			if b, err := os.ReadFile(f); err == nil {
				if _, body, _, _, _ := frontMatter(splitLines(string(b))); !blank(body) {
					im.warn(im.display(f), 1, "skipped: a section's list page (import it by name to make it a lecture)")
				}
			}
			continue
		}
		s := im.readSource(f, false)
		if s == nil {
			continue
		}
		s.siteRoot, s.contentDir = root, content
		w := 0
		if v, ok := s.fm.vals["weight"].(int64); ok {
			w = int(v)
		} else if v, ok := s.fm.vals["weight"].(int); ok {
			w = v
		}
		s.order = sortKey{weight: w, date: s.fm.date("date"), name: f}
		out = append(out, s)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].order.less(out[j].order) })
	return out
}

// authorName reads an author setting: a name, or a table with a name.
func authorName(vs ...any) string {
	for _, v := range vs {
		switch a := v.(type) {
		case string:
			if a != "" {
				return a
			}
		case map[string]any:
			if n, ok := a["name"].(string); ok && n != "" {
				return n
			}
		}
	}
	return ""
}

// markdownFiles lists the Markdown files directly in dir, in name order.
func markdownFiles(dir string) []string {
	des, _ := os.ReadDir(dir)
	var out []string
	for _, de := range des {
		if !de.IsDir() && isMarkdownName(de.Name()) && !strings.HasPrefix(de.Name(), ".") {
			out = append(out, filepath.Join(dir, de.Name()))
		}
	}
	sort.Slice(out, func(i, j int) bool { return naturalLess(out[i], out[j]) })
	return out
}

// markdownTree lists the Markdown files under dir, in path order.
func markdownTree(dir string) []string {
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") && p != dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() && isMarkdownName(d.Name()) {
			out = append(out, p)
		}
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return naturalLess(out[i], out[j]) })
	return out
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// naturalLess orders names with numbers by value: "lec2" before "lec10".
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func digits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

func itoa(n int) string { return strconv.Itoa(n) }
