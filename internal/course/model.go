// Package course is lecgen's model of a course: plain data, no I/O.
// The loader fills it from content/, later stages read it.
package course

import (
	"strings"

	"github.com/lecgen/lecgen/internal/bib"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Course is a whole site: its lectures, standalone pages and glossary.
type Course struct {
	Home     *Page      // content/_index.md; nil when absent
	Lectures []*Lecture // in course order
	Pages    []*Page    // standalone pages directly in content/, by weight then file name
	Glossary []*Term    // in file order; sorted for display by the renderer
	Assets   []Asset    // non-Markdown files to copy
	// Bibliography holds the works of content/references.bib and
	// content/references.json, in file order; nil without either.
	Bibliography []*bib.Entry
	// Failed maps Markdown files that could not be loaded (already
	// reported) to their would-be slug, so that links to them are not
	// reported a second time as broken.
	Failed map[string]string
	// Drafts maps what was left out for being a draft (built only with
	// --drafts) to its would-be slug: slides and pages by file, lectures
	// by folder ("content/03-extra"). Links to them say so rather than
	// that there is no such slide. Nil or empty when the loader does not
	// record them.
	Drafts map[string]string
}

// Slides returns every slide of the course, in course order.
func (c *Course) Slides() []*Slide {
	var slides []*Slide
	for _, l := range c.Lectures {
		slides = append(slides, l.Slides...)
	}
	return slides
}

// Lecture is one folder of content/.
type Lecture struct {
	Slug    string
	Dir     string // slash path relative to the site root, e.g. "content/01-vision-language"
	Title   string
	Date    time.Time
	Summary string
	Weight  int
	Draft   bool
	// Part groups consecutive lectures under a heading ("Using gem5");
	// "" for none.
	Part   string
	Intro  Source // the _index.md body; empty when there is none
	Slides []*Slide
	Index  int // 0-based position in the course
	// Duration is the talk's length in minutes, for the speaker view's
	// pacing; 0 when not given.
	Duration int
	// Incremental reveals the deck's lists one item at a time; nil
	// leaves it to config.toml's [present] incremental.
	Incremental *bool
	// Params is the front matter's [params] table: the author's own
	// keys (a video id, a room), for templates; nil without one.
	Params map[string]any
	// SolutionsFrom is the day from which a student build shows the
	// lecture's solutions (_index.md's solutions_from; see package
	// release); zero when they are not held back.
	SolutionsFrom time.Time
}

// Slide is one Markdown file in a lecture folder.
type Slide struct {
	Lecture  *Lecture
	Slug     string
	File     string // slash path relative to the site root
	Title    string // from front matter; resolve.SlideDocs.Title is the one shown
	Weight   int
	Draft    bool
	Glossary string // "" (course default), "first", "all" or "none"
	Body     Source
	Notes    Source // empty when the slide has no notes
	HasNotes bool
	// PrivateOff is, in a student build, where the private notes it cut
	// off start in the file (Body.Whole): they run to its end. Nothing
	// shows them; resolve reads them only for the files they link to,
	// which are held back too, and the glossary terms they use, which
	// are then not reported unused. 0 when nothing was cut.
	PrivateOff int
	Index      int // 0-based position in its lecture
	// Incremental overrides the lecture's Incremental in the deck.
	Incremental *bool
	Params      map[string]any // the front matter's [params] table (see Lecture)
}

// Page is a standalone page (content/syllabus.md) or the course home.
type Page struct {
	Slug   string
	File   string
	Title  string
	Weight int
	Body   Source
	Params map[string]any // the front matter's [params] table (see Lecture)
}

// Term is one glossary entry.
type Term struct {
	Name          string // as displayed: "LoRA", "catastrophic forgetting"
	Anchor        string // stable fragment id on the glossary page
	Aliases       []string
	Short         string // one plain-text line for tooltips
	Definition    Source
	See           []string
	CaseSensitive *bool // nil: decided per spelling (acronyms are case-sensitive)
	Pos           Pos   // where the term's table starts in glossary.toml
	Index         int
}

// FoldSpelling is how spellings of glossary terms compare: any case, one
// space between words, composed (NFC). The loader refuses two terms with
// one folded spelling; a [[glossary:...]] reference finds a term by it.
func FoldSpelling(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(norm.NFC.String(s)), " "))
}

// Asset is a file copied verbatim into the output.
type Asset struct {
	Src string // path relative to the site root, slash-separated
	Out string // output path relative to dest
}

// Source is a piece of Markdown together with where it came from, so that
// positions inside it can be reported as file:line:col.
type Source struct {
	File  string // slash path relative to the site root
	Text  []byte
	Off   int       // byte offset of Text within the file
	Whole []byte    // the whole file, for line/column lookup
	Lines LineIndex // line index of Whole
	// PrivateLine and PrivateText mark the instructor-only part of a
	// slide's notes in an instructor build: Text[PrivateLine:] starts
	// with the line "Private:", Text[PrivateText:] is what follows it.
	// Both are 0 when there is none; a student build's notes end before
	// that line (see load's private.go).
	PrivateLine, PrivateText int
}

// PosAt returns the position of byte offset off within s.Text.
func (s Source) PosAt(off int) Pos {
	if s.Lines == nil {
		return Pos{File: s.File}
	}
	line, col := s.Lines.Pos(s.Whole, s.Off+off)
	return Pos{File: s.File, Line: line, Col: col}
}

// URL helpers shared by every stage, so a page's address is decided once.

// URL is the output folder of a lecture, relative to the site root.
func (l *Lecture) URL() string { return l.Slug + "/" }

// URL is the output folder of a slide, relative to the site root.
func (s *Slide) URL() string { return s.Lecture.Slug + "/" + s.Slug + "/" }

// URL is the output folder of a standalone page.
func (p *Page) URL() string { return p.Slug + "/" }

// TitleFromSlug is the title of something that has none: its slug with
// dashes and underscores as spaces and the first letter upper-cased.
func TitleFromSlug(slug string) string {
	r := []rune(strings.NewReplacer("-", " ", "_", " ").Replace(slug))
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}

// DefaultTitle picks a title: the one given, else the first heading, else
// one made from the slug.
func DefaultTitle(given, heading, slug string) string {
	switch {
	case given != "":
		return given
	case heading != "":
		return heading
	}
	return TitleFromSlug(slug)
}
