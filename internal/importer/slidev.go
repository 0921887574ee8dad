package importer

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

var (
	slotLine   = regexp.MustCompile(`^\s*::\s*[\w-]+\s*::\s*$`)
	vClickLine = regexp.MustCompile(`^\s*</?v-clicks?(\s[^>]*)?>\s*$`)
)

// slideFMUsed are the per-slide front matter keys carried over.
var slideFMUsed = []string{"title", "hide", "hidden", "src"}

// readSlidev reads a Slidev deck: slides split at ---, each with its own
// front matter; the last comment of a slide is its notes.
func (im *importer) readSlidev(d *deck) {
	s := d.src
	m := s.fm
	d.title, d.date = m.str("title"), m.date("date")
	d.summary = metaSummary(m, "description")
	if info := strings.TrimSpace(m.str("info")); info != "" {
		for i, l := range strings.Split(info, "\n") {
			d.intro = append(d.intro, line{n: m.lines["info"] + 1 + i, s: l})
		}
	}
	im.listRest(d, "title", "date", "description", "info")
	im.slidevSlides(d, s.file, s.abs, s.body, m, 0)
}

// slidevSlides adds the slides of lines of file; depth counts src:
// imports, so that a file importing itself stops.
func (im *importer) slidevSlides(d *deck, file, abs string, body []line, first *meta, depth int) {
	sp := splitter{sep: isRule, slideFM: true}
	for i, c := range sp.split(body) {
		sl := &slide{at: c.start}
		var m *meta
		if c.fm != nil {
			var err error
			if m, err = parseYAML(c.fm); err != nil {
				im.warn(file, c.fmAt, "slide front matter left out: %v", err)
			} else if rest := m.rest(slideFMUsed...); len(rest) > 0 {
				im.warn(file, c.fmAt, "slide front matter not carried over: %s", strings.Join(rest, ", "))
			}
		} else if i == 0 && first != nil {
			m = first // the headmatter also configures the first slide
		}
		if m != nil {
			if c.fm != nil {
				sl.title = m.str("title")
			}
			sl.draft = m.truth("hide") || m.truth("hidden")
			if src := m.str("src"); src != "" && c.fm != nil {
				im.slidevImport(d, file, abs, src, c.fmAt, depth)
				if blank(c.lines) {
					continue
				}
			}
		}
		if i == 0 && blank(c.lines) && c.fm == nil {
			continue // the text before the first separator, when the headmatter is all there is
		}
		ls := im.dropStyle(file, c.lines)
		// The last comment of a slide, with nothing but blank lines after
		// it, is its notes.
		if j := lastComment(ls); j >= 0 {
			tail, notes := takeComments(ls[j:], nil)
			if len(notes) > 0 {
				ls = append(append([]line(nil), ls[:j]...), tail...)
				sl.notes = commentLines(notes[len(notes)-1])
			}
		}
		var kept []line
		var f fence
		for _, l := range ls {
			if f.in(l.s) {
				kept = append(kept, l)
				continue
			}
			t := strings.TrimSpace(l.s)
			switch {
			case strings.HasPrefix(t, "<v-clicks"):
				// Its list shows item by item: lecgen's incremental slide.
				sl.incremental = true
				im.warn(file, l.n, "Slidev %s left out: the slide is incremental = true, its lists shown item by item", t)
				continue
			case strings.HasPrefix(t, "</v-clicks"):
				continue
			case slotLine.MatchString(l.s) || vClickLine.MatchString(l.s):
				im.warn(file, l.n, "Slidev %s left out", t)
				continue
			}
			kept = append(kept, l)
		}
		sl.body = im.cleanFences(file, kept)
		d.addSlide(sl)
	}
}

// slidevImport adds the slides of a file named by a slide's src: key.
func (im *importer) slidevImport(d *deck, file, abs, src string, at, depth int) {
	if depth >= 8 {
		im.warn(file, at, "src: %s: imports nested too deep; left out", src)
		return
	}
	p := filepath.Join(filepath.Dir(abs), filepath.FromSlash(src))
	if strings.HasPrefix(src, "/") {
		p = filepath.Join(filepath.Dir(d.src.abs), filepath.FromSlash(src))
	}
	b, err := os.ReadFile(p)
	if err != nil {
		im.warn(file, at, "src: %s: %v; left out", src, unwrapPath(err))
		return
	}
	ls := splitLines(string(b))
	fm, body, _, _, ok := frontMatter(ls)
	var m *meta
	if ok {
		m, _ = parseYAML(fm)
	}
	im.slidevSlides(d, im.display(p), p, body, m, depth+1)
}

// lastComment returns the index of the line where a slide's last HTML
// comment starts when only blank lines follow it, else -1.
func lastComment(ls []line) int {
	end := len(ls) - 1
	for end >= 0 && strings.TrimSpace(ls[end].s) == "" {
		end--
	}
	if end < 0 || !strings.HasSuffix(strings.TrimSpace(ls[end].s), "-->") {
		return -1
	}
	for j := end; j >= 0; j-- {
		if i := strings.LastIndex(ls[j].s, "<!--"); i >= 0 {
			if strings.TrimSpace(ls[j].s[:i]) != "" {
				return -1 // a comment at the end of a line of text stays
			}
			return j
		}
	}
	return -1
}
