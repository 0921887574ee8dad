package importer

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/lecgen/lecgen/internal/load"
)

// deck is one source made into a lecture: its metadata and slides.
type deck struct {
	src     *source
	name    string // what the lecture's slug is made from
	title   string
	date    string // YYYY-MM-DD
	summary string
	draft   bool
	// params are the source's own front matter keys, kept in the
	// lecture's [params] table for a theme's templates.
	params map[string]any
	intro  []line // the lecture's introduction (text before the first slide of a notes page)
	slides []*slide
	// anchors maps the fragments that name a slide by its place in the
	// deck (Marp's #3, reveal.js's #/2 and #/2/1) to the slide.
	anchors map[string]*slide
	// hardWraps is set for decks whose tool makes each line break a <br>.
	hardWraps bool
	// urls are the site-absolute addresses a notes page had, normalized
	// (see normURL), for links from other pages.
	urls []string

	// Set by plan.
	folder string // "03-intro"
	slug   string
	// Set by link: files to copy, from (absolute) to (relative to the
	// lecture folder).
	assets     map[string]string
	assetNames map[string]bool
}

// slide is one slide of a deck.
type slide struct {
	at    int    // source line where it starts
	title string // from per-slide front matter only: else the heading is the title
	draft bool   // hidden in the source
	// incremental is set when the source shows the slide's lists item by
	// item (Marp's * lists, Slidev's <v-clicks>, reveal.js fragments).
	incremental bool
	body        []line
	notes       []line
	private     []line // notes for the instructor only: written after "Private:"

	// Set by plan.
	heading string // text of its first heading
	ids     map[string]bool
	file    string // "04-attention.md"
}

// read runs each source's importer.
func (im *importer) read(ctx context.Context) error {
	im.byFile = map[string]*deck{}
	for _, s := range im.sources {
		if err := ctx.Err(); err != nil {
			return err
		}
		d := &deck{src: s, name: sourceName(s)}
		switch s.format {
		case Marp:
			im.readMarp(d)
		case Reveal:
			im.readReveal(d)
		case Slidev:
			im.readSlidev(d)
		case Jekyll, Hugo:
			im.readNotes(d)
		}
		im.finishDeck(d)
		im.decks = append(im.decks, d)
		im.byFile[s.abs] = d
	}
	return nil
}

// sourceName is the name a lecture's slug is made from: the file's name,
// or its folder's for index.md, slides.md and README.md; without a
// number or a Jekyll post's date in front.
func sourceName(s *source) string {
	base := filepath.Base(s.abs)
	name := strings.TrimSuffix(base, filepath.Ext(base))
	switch strings.ToLower(name) {
	case "index", "_index", "slides", "readme", "deck", "presentation":
		name = filepath.Base(filepath.Dir(s.abs))
	}
	if s.format == Hugo && s.fm.str("slug") != "" {
		name = s.fm.str("slug")
	}
	if loc := datePrefix.FindStringIndex(name); loc != nil && s.collection == "posts" {
		name = strings.TrimLeft(name[loc[1]:], "-_ ")
	}
	if _, rest := load.SplitPrefix(name); rest != "" {
		name = rest
	}
	return name
}

// finishDeck fills what every format derives the same way: a title from
// the first slide when the source had none, and drops empty slides.
func (im *importer) finishDeck(d *deck) {
	var kept []*slide
	for _, sl := range d.slides {
		sl.body = trimBlank(sl.body)
		sl.notes = trimBlank(sl.notes)
		if blank(sl.body) && sl.title == "" {
			if blank(sl.notes) {
				im.warn(d.src.file, sl.at, "empty slide left out")
				d.dropPage(sl)
				continue
			}
			sl.title = "Slide " + itoa(len(kept)+1)
			im.warn(d.src.file, sl.at, "slide has notes but no text: titled %q", sl.title)
		}
		im.privateAnswers(d, sl)
		kept = append(kept, sl)
	}
	d.slides = kept
	if d.title == "" {
		for _, sl := range d.slides {
			if h := firstHeading(sl.body); h != "" {
				d.title = plainTitle(h)
				break
			}
		}
	}
	if d.title == "" {
		d.title = d.name
	}
}

func (d *deck) dropPage(sl *slide) {
	for k, p := range d.anchors {
		if p == sl {
			delete(d.anchors, k)
		}
	}
}

// addSlide appends a slide, with the fragments that name it.
func (d *deck) addSlide(sl *slide, anchors ...string) {
	d.slides = append(d.slides, sl)
	for _, a := range anchors {
		if d.anchors == nil {
			d.anchors = map[string]*slide{}
		}
		d.anchors[a] = sl
	}
}

// firstHeading returns the text of the first ATX or setext heading of
// ls, outside code.
func firstHeading(ls []line) string {
	var f fence
	for i, l := range ls {
		if f.in(l.s) {
			continue
		}
		if lvl, h := atxHeading(l.s); lvl > 0 {
			return h
		}
		if i+1 < len(ls) && strings.TrimSpace(l.s) != "" && setextUnderline(ls[i+1].s) > 0 && !isListOrQuote(l.s) {
			return strings.TrimSpace(l.s)
		}
	}
	return ""
}

func isListOrQuote(s string) bool {
	t := strings.TrimLeft(s, " ")
	return strings.HasPrefix(t, ">") || strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") || strings.HasPrefix(t, "+ ") || strings.HasPrefix(t, "|") || strings.HasPrefix(t, "<")
}

var (
	mdLink     = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	htmlTag    = regexp.MustCompile(`<[^>]*>`)
	emphasis   = regexp.MustCompile("[*_`~]+")
	headingIDs = regexp.MustCompile(`\s*\{[#.][^}]*\}\s*$`)
)

// plainTitle strips Markdown from a heading's text for a title.
func plainTitle(h string) string {
	h = headingIDs.ReplaceAllString(h, "")
	h = mdLink.ReplaceAllString(h, "$1")
	h = htmlTag.ReplaceAllString(h, "")
	h = emphasis.ReplaceAllString(h, "")
	return strings.Join(strings.Fields(h), " ")
}

// metaSummary returns the first of the keys that has text.
func metaSummary(m *meta, keys ...string) string {
	for _, k := range keys {
		if s := strings.TrimSpace(m.str(k)); s != "" {
			return s
		}
	}
	return ""
}

// listRest reports the front matter keys a deck does not carry over.
func (im *importer) listRest(d *deck, used ...string) {
	if rest := d.src.fm.rest(used...); len(rest) > 0 {
		im.warn(d.src.file, d.src.fmAt, "front matter not carried over: %s", strings.Join(rest, ", "))
	}
}

// htmlComment is one HTML comment found in a slide.
type htmlComment struct {
	n    int    // line it starts on
	text string // its content, trimmed
}

// takeComments removes the HTML comments outside code from ls, returning
// the lines left (a line that held only comments is dropped) and the
// comments. keep decides, for each comment, whether it stays in the text.
func takeComments(ls []line, keep func(htmlComment) bool) (out []line, taken []htmlComment) {
	var f fence
	for i := 0; i < len(ls); i++ {
		l := ls[i]
		if f.in(l.s) || !strings.Contains(l.s, "<!--") {
			out = append(out, l)
			continue
		}
		var kept strings.Builder
		rest := l.s
		removed := false
		for {
			j := strings.Index(rest, "<!--")
			if j < 0 {
				kept.WriteString(rest)
				break
			}
			kept.WriteString(rest[:j])
			start := l.n
			body := rest[j+4:]
			var content strings.Builder
			var raw strings.Builder
			raw.WriteString(rest[j:])
			k := strings.Index(body, "-->")
			for k < 0 && i+1 < len(ls) {
				content.WriteString(body)
				content.WriteByte('\n')
				i++
				body = ls[i].s
				raw.WriteString("\n" + body)
				k = strings.Index(body, "-->")
			}
			if k < 0 { // unclosed: the rest of the slide is the comment
				content.WriteString(body)
				rest = ""
			} else {
				content.WriteString(body[:k])
				rest = body[k+3:]
			}
			c := htmlComment{n: start, text: strings.TrimSpace(content.String())}
			if keep != nil && keep(c) {
				if k < 0 {
					kept.WriteString(raw.String())
				} else {
					kept.WriteString(strings.TrimSuffix(raw.String(), rest))
				}
				continue
			}
			taken = append(taken, c)
			removed = true
		}
		s := kept.String()
		if removed && strings.TrimSpace(s) == "" {
			continue
		}
		// A comment kept across lines is given back as those lines.
		for k, part := range strings.Split(s, "\n") {
			if removed {
				part = strings.TrimRight(part, " \t")
			}
			out = append(out, line{n: l.n + k, s: part})
		}
	}
	return out, taken
}

// commentLines turns a comment's text into notes lines numbered from its
// start.
func commentLines(c htmlComment) []line {
	var out []line
	for i, s := range strings.Split(c.text, "\n") {
		out = append(out, line{n: c.n + i, s: s})
	}
	return out
}

// appendPara appends b to a with a blank line between them.
func appendPara(a, b []line) []line {
	if blank(b) {
		return a
	}
	if !blank(a) {
		a = append(a, line{n: b[0].n, s: ""})
	}
	return append(a, trimBlank(b)...)
}

// short cuts s for a message.
func short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return s
}
