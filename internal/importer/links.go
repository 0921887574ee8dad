package importer

import (
	"context"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/pelletier/go-toml/v2"
	yaml "go.yaml.in/yaml/v3"
)

// link rewrites every slide's links: links between imported decks and
// pages become links to the imported slide files (which the build
// checks), files they use are copied, external links stay.
func (im *importer) link(ctx context.Context) error {
	for _, d := range im.decks {
		if err := ctx.Err(); err != nil {
			return err
		}
		d.assets, d.assetNames = map[string]string{}, map[string]bool{}
		for _, sl := range d.slides {
			sl.body = im.rewrite(d, sl, sl.body)
			sl.notes = im.rewrite(d, sl, sl.notes)
		}
		d.intro = im.rewrite(d, nil, d.intro)
	}
	return nil
}

var (
	refDef   = regexp.MustCompile(`^(\s{0,3}\[[^\]]+\]:\s*)(<[^>]*>|\S+)`)
	htmlAttr = regexp.MustCompile(`(?i)(\s(?:src|href)\s*=\s*)("[^"]*"|'[^']*')`)
)

// rewrite rewrites the link targets in ls (sl is nil for a lecture's
// introduction), outside code.
func (im *importer) rewrite(d *deck, sl *slide, ls []line) []line {
	var f fence
	for i, l := range ls {
		if f.in(l.s) {
			continue
		}
		ls[i].s = outsideCode(l.s, func(seg string) string {
			seg = im.inlineLinks(d, sl, seg, l.n)
			if m := refDef.FindStringSubmatchIndex(seg); m != nil {
				dest := seg[m[4]:m[5]]
				seg = seg[:m[4]] + im.target(d, sl, strings.Trim(dest, "<>"), l.n) + seg[m[5]:]
			}
			if strings.Contains(seg, "<") {
				seg = htmlAttr.ReplaceAllStringFunc(seg, func(a string) string {
					m := htmlAttr.FindStringSubmatch(a)
					q := m[2][:1]
					return m[1] + q + im.target(d, sl, m[2][1:len(m[2])-1], l.n) + q
				})
			}
			return seg
		})
	}
	return ls
}

// outsideCode applies f to the parts of s outside inline code spans.
func outsideCode(s string, f func(string) string) string {
	var b strings.Builder
	for s != "" {
		i := strings.IndexByte(s, '`')
		if i < 0 {
			b.WriteString(f(s))
			break
		}
		b.WriteString(f(s[:i]))
		n := 0
		for i+n < len(s) && s[i+n] == '`' {
			n++
		}
		run := s[i : i+n]
		end := strings.Index(s[i+n:], run)
		if end < 0 { // no closing run: the backticks are text
			b.WriteString(run)
			s = s[i+n:]
			continue
		}
		b.WriteString(s[i : i+n+end+n])
		s = s[i+n+end+n:]
	}
	return b.String()
}

// inlineLinks rewrites the destinations of [text](dest) and ![alt](dest).
func (im *importer) inlineLinks(d *deck, sl *slide, s string, ln int) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "](")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i+2])
		s = s[i+2:]
		j := 0
		for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
			j++
		}
		start := j
		var dest string
		if j < len(s) && s[j] == '<' {
			k := strings.IndexByte(s[j:], '>')
			if k < 0 {
				continue
			}
			dest, j = s[j+1:j+k], j+k+1
			b.WriteString(s[:start] + "<" + im.target(d, sl, dest, ln) + ">")
			s = s[j:]
			continue
		}
		depth := 0
		for j < len(s) {
			c := s[j]
			if c == '\\' && j+1 < len(s) {
				j += 2
				continue
			}
			if c == ' ' || c == '\t' || (c == ')' && depth == 0) {
				break
			}
			if c == '(' {
				depth++
			} else if c == ')' {
				depth--
			}
			j++
		}
		dest = s[start:j]
		b.WriteString(s[:start] + im.target(d, sl, dest, ln))
		s = s[j:]
	}
}

var scheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

// target rewrites one link target.
func (im *importer) target(d *deck, sl *slide, dest string, ln int) string {
	if dest == "" || scheme.MatchString(dest) || strings.HasPrefix(dest, "//") || strings.Contains(dest, "{{") || strings.Contains(dest, "{%") {
		return dest
	}
	p, frag, _ := strings.Cut(dest, "#")
	p, _, _ = strings.Cut(p, "?")
	if p == "" {
		return im.fragment(d, sl, frag, dest, ln)
	}
	unesc, err := url.PathUnescape(p)
	if err != nil {
		unesc = p
	}
	file := d.src.file
	var abs string
	if strings.HasPrefix(p, "/") {
		if to := im.urlDeck(p); to != nil {
			return im.crossLink(d, sl, to, frag, ln)
		}
		for _, root := range d.assetRoots() {
			if c := filepathJoin(root, unesc); isFile(c) {
				abs = c
				break
			}
		}
		if abs == "" {
			if u := im.siteURL(d.src); u != "" {
				im.warn(file, ln, "link to %s: not an imported page or a file of the source; links to the published page %s", dest, u+strings.TrimPrefix(dest, "/"))
				return u + strings.TrimPrefix(dest, "/")
			}
			im.warn(file, ln, "link to %s: not an imported page or a file of the source; kept as it is", dest)
			return dest
		}
	} else {
		abs = filepathJoin(dirOf(d.src.abs), unesc)
		if to := im.deckAt(abs); to != nil {
			return im.crossLink(d, sl, to, frag, ln)
		}
		if !exists(abs) {
			if to := im.relativeURL(d, p); to != nil {
				return im.crossLink(d, sl, to, frag, ln)
			}
			// A browser reads a page's relative links from the address it
			// is published at, not from where its source is.
			if f := d.publishedFile(unesc); f != "" {
				abs = f
			} else {
				im.warn(file, ln, "link to %s: no such file in the source; kept as it is", dest)
				return dest
			}
		}
	}
	switch {
	case isDir(abs):
		im.warn(file, ln, "link to %s: a folder that is not an imported page; kept as it is", dest)
		return dest
	case isMarkdownName(abs):
		im.warn(file, ln, "link to %s: not imported; kept as it is (import it too, or link elsewhere)", dest)
		return dest
	}
	rel := d.addAsset(abs)
	if frag != "" {
		rel += "#" + frag
	}
	return rel
}

// fragment rewrites a link within the deck: to a heading, or to a slide
// by number (Marp's #3, reveal.js's #/2).
func (im *importer) fragment(d *deck, sl *slide, frag, dest string, ln int) string {
	if to, ok := d.anchors[frag]; ok {
		return im.crossLink(d, sl, d, "", ln, to)
	}
	if (d.src.format == Marp && frag != "" && digits(frag) == len(frag)) || (d.src.format == Reveal && strings.HasPrefix(frag, "/")) {
		im.warn(d.src.file, ln, "link to %s: the deck has no such slide; kept as it is", dest)
		return dest
	}
	if sl != nil && sl.ids[frag] {
		return dest
	}
	for _, o := range d.slides {
		if o.ids[frag] {
			return im.crossLink(d, sl, d, frag, ln, o)
		}
	}
	im.warn(d.src.file, ln, "link to %s: no such heading in this deck; kept as it is", dest)
	return dest
}

// crossLink makes a link from slide sl of d (nil: the introduction) to
// the slide of to that holds frag (its first slide without one), or to
// the slide given.
func (im *importer) crossLink(d *deck, sl *slide, to *deck, frag string, ln int, at ...*slide) string {
	var ts *slide
	if len(at) > 0 {
		ts = at[0]
	} else if frag != "" {
		for _, o := range to.slides {
			if o.ids[frag] {
				ts = o
				break
			}
		}
		if ts == nil {
			im.warn(d.src.file, ln, "link to %s#%s: no such heading; links to the lecture's first slide", to.src.file, frag)
			frag = ""
		}
	}
	if ts == nil {
		if len(to.slides) == 0 {
			im.warn(d.src.file, ln, "link to %s: it has no slides; kept as it is", to.src.file)
			return relPath(d.src.abs, to.src.abs)
		}
		ts = to.slides[0]
	}
	im.rep.Links++
	f := ""
	if frag != "" {
		f = "#" + frag
	}
	if to == d {
		if ts == sl && f != "" {
			return f
		}
		return ts.file + f
	}
	return "../" + to.folder + "/" + ts.file + f
}

// deckAt finds the deck imported from a file or folder (a Hugo bundle, a
// Slidev project).
func (im *importer) deckAt(abs string) *deck {
	if d := im.byFile[abs]; d != nil {
		return d
	}
	for _, n := range []string{"index.md", "_index.md", "slides.md", "README.md"} {
		if d := im.byFile[filepath.Join(abs, n)]; d != nil {
			return d
		}
	}
	// A link to the deck's exported page (deck.html) or without its
	// extension names the deck too.
	stem := strings.TrimSuffix(abs, ".html")
	for _, ext := range []string{".md", ".markdown"} {
		if d := im.byFile[stem+ext]; d != nil {
			return d
		}
	}
	return nil
}

// urlDeck finds the notes page published at a site-absolute address: the
// one with that address, else the one page whose address ends in the
// same name.
func (im *importer) urlDeck(u string) *deck {
	n := normURL(u)
	var byName []*deck
	last := path.Base(n)
	for _, d := range im.decks {
		for _, du := range d.urls {
			if du == n {
				return d
			}
		}
		for _, du := range d.urls {
			if path.Base(du) == last {
				byName = append(byName, d)
				break
			}
		}
	}
	if len(byName) == 1 && last != "/" && last != "." {
		return byName[0]
	}
	return nil
}

// relativeURL resolves a relative link of a notes page against the
// address the page was published at ("../shell-tools/").
func (im *importer) relativeURL(d *deck, p string) *deck {
	if len(d.urls) == 0 {
		return nil
	}
	base := d.urls[0]
	for _, u := range []string{path.Join(base, p), path.Join(path.Dir(base), p)} {
		n := normURL(u)
		for _, o := range im.decks {
			for _, ou := range o.urls {
				if ou == n {
					return o
				}
			}
		}
	}
	return nil
}

// normURL makes addresses comparable: a leading "/", no trailing "/",
// ".html" or "/index".
func normURL(u string) string {
	u, _, _ = strings.Cut(u, "#")
	u, _, _ = strings.Cut(u, "?")
	u = path.Clean("/" + u)
	u = strings.TrimSuffix(u, ".html")
	u = strings.TrimSuffix(u, "/index")
	if u == "" {
		u = "/"
	}
	return u
}

// pageURLs lists the addresses a notes page is published at.
func (im *importer) pageURLs(s *source) []string {
	var out []string
	add := func(u string) {
		if u != "" && !strings.Contains(u, ":") {
			out = append(out, normURL(u))
		}
	}
	m := s.fm
	add(m.str("permalink"))
	add(m.str("url"))
	for _, a := range m.strs("aliases") {
		add(a)
	}
	name := strings.TrimSuffix(filepath.Base(s.abs), filepath.Ext(s.abs))
	switch s.format {
	case Jekyll:
		switch {
		case s.collection == "posts":
			if loc := datePrefix.FindStringIndex(name); loc != nil {
				date := strings.ReplaceAll(dateOf(name), "-", "/")
				add("/" + date + "/" + strings.TrimLeft(name[loc[1]:], "-"))
			}
		case s.collection != "":
			add("/" + s.collection + "/" + name)
		case s.siteRoot != "":
			if rel, err := filepath.Rel(s.siteRoot, s.abs); err == nil {
				add("/" + strings.TrimSuffix(filepath.ToSlash(rel), filepath.Ext(rel)))
			}
		}
	case Hugo:
		if s.contentDir != "" {
			if rel, err := filepath.Rel(s.contentDir, s.abs); err == nil {
				rel = strings.TrimSuffix(filepath.ToSlash(rel), filepath.Ext(rel))
				rel = strings.TrimSuffix(rel, "/index")
				if slug := m.str("slug"); slug != "" {
					rel = path.Join(path.Dir(rel), slug)
				}
				add("/" + rel)
			}
		}
	}
	return out
}

// publishedFile finds the file a relative link of a notes page names
// when it is read from the page's published address.
func (d *deck) publishedFile(p string) string {
	if len(d.urls) == 0 {
		return ""
	}
	base := d.urls[0]
	for _, u := range []string{path.Join(base, p), path.Join(path.Dir(base), p)} {
		for _, root := range d.assetRoots() {
			if f := filepathJoin(root, u); isFile(f) {
				return f
			}
		}
	}
	return ""
}

// siteURL returns the address a Jekyll or Hugo site is published at, with
// a trailing slash, as its configuration gives it ("" when unknown).
func (im *importer) siteURL(s *source) string {
	if s.siteRoot == "" {
		return ""
	}
	if u, ok := im.siteURLs[s.siteRoot]; ok {
		return u
	}
	var u string
	switch s.format {
	case Jekyll:
		var cfg struct {
			URL     string `yaml:"url"`
			BaseURL string `yaml:"baseurl"`
		}
		for _, n := range []string{"_config.yml", "_config.yaml"} {
			if b, err := os.ReadFile(filepath.Join(s.siteRoot, n)); err == nil {
				yaml.Unmarshal(b, &cfg)
				break
			}
		}
		if cfg.URL != "" {
			u = strings.TrimSuffix(cfg.URL, "/") + "/" + strings.Trim(cfg.BaseURL, "/")
		}
	case Hugo:
		var cfg struct {
			BaseURL string `toml:"baseURL" yaml:"baseURL"`
		}
		for _, n := range []string{"hugo.toml", "config.toml"} {
			if b, err := os.ReadFile(filepath.Join(s.siteRoot, n)); err == nil {
				toml.Unmarshal(b, &cfg)
				break
			}
		}
		for _, n := range []string{"hugo.yaml", "hugo.yml", "config.yaml", "config.yml"} {
			if b, err := os.ReadFile(filepath.Join(s.siteRoot, n)); err == nil && cfg.BaseURL == "" {
				yaml.Unmarshal(b, &cfg)
				break
			}
		}
		u = cfg.BaseURL
	}
	if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
		u = ""
	} else if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	if im.siteURLs == nil {
		im.siteURLs = map[string]string{}
	}
	im.siteURLs[s.siteRoot] = u
	return u
}

// assetRoots are the folders a site-absolute link ("/img/x.png") of d
// may point into.
func (d *deck) assetRoots() []string {
	switch d.src.format {
	case Jekyll:
		if d.src.siteRoot != "" {
			return []string{d.src.siteRoot}
		}
	case Hugo:
		if d.src.siteRoot != "" {
			return []string{filepath.Join(d.src.siteRoot, "static"), filepath.Join(d.src.siteRoot, "assets")}
		}
	case Slidev:
		return []string{filepath.Join(dirOf(d.src.abs), "public")}
	}
	return []string{dirOf(d.src.abs)}
}

// addAsset records a file to copy into the lecture and returns its path
// there: the same path as beside the source when it is in the source's
// folder, else img/ and its name.
func (d *deck) addAsset(abs string) string {
	if rel, ok := d.assets[abs]; ok {
		return rel
	}
	rel, err := filepath.Rel(dirOf(d.src.abs), abs)
	rel = filepath.ToSlash(rel)
	if err != nil || strings.HasPrefix(rel, "../") || strings.HasPrefix(rel, ".") || strings.Contains(rel, "/.") || strings.HasPrefix(rel, "_") {
		folder := "files/"
		if imageExt[strings.ToLower(filepath.Ext(abs))] {
			folder = "img/"
		}
		rel = folder + filepath.Base(abs)
	}
	// Characters that would end or change a Markdown link target.
	rel = strings.Map(func(r rune) rune {
		if strings.ContainsRune(" \t()<>#?%\"'[]\\", r) {
			return '-'
		}
		return r
	}, rel)
	base, ext := strings.TrimSuffix(rel, path.Ext(rel)), path.Ext(rel)
	for n := 2; d.assetNames[strings.ToLower(rel)]; n++ {
		rel = base + "-" + itoa(n) + ext
	}
	d.assetNames[strings.ToLower(rel)] = true
	d.assets[abs] = rel
	return rel
}

var imageExt = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".svg": true, ".webp": true, ".avif": true, ".bmp": true, ".ico": true}

// filepathJoin joins a slash-separated path to a folder.
func filepathJoin(dir, p string) string {
	return filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(p, "/")))
}

func dirOf(p string) string    { return filepath.Dir(p) }
func baseName(p string) string { return filepath.Base(p) }

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// relPath is the slash-separated path from the folder of file from to to.
func relPath(from, to string) string {
	rel, err := filepath.Rel(filepath.Dir(from), to)
	if err != nil {
		return filepath.ToSlash(to)
	}
	return filepath.ToSlash(rel)
}
