package importer

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/markdown"
	"github.com/yuin/goldmark/ast"
)

// Marp's directives (https://marpit.marp.app/directives), as front matter
// keys or in comments (scoped to one slide with a leading "_").
var marpDirectives = map[string]bool{
	"theme": true, "style": true, "headingDivider": true, "size": true, "math": true,
	"title": true, "author": true, "description": true, "image": true, "keywords": true,
	"url": true, "marp": true, "lang": true, "paginate": true, "header": true, "footer": true,
	"class": true, "backgroundColor": true, "backgroundImage": true, "backgroundPosition": true,
	"backgroundRepeat": true, "backgroundSize": true, "color": true, "transition": true,
	"inlineSVG": true, "html": true,
}

var directiveLine = regexp.MustCompile(`^\s*(_?)([A-Za-z][\w-]*)\s*:`)

// isMarpDirective reports whether a comment's text is directives ("_class:
// lead", several lines of them) or the "fit" keyword of a heading.
func isMarpDirective(text string) bool {
	if text == "fit" {
		return true
	}
	any := false
	for _, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		m := directiveLine.FindStringSubmatch(l)
		if m == nil || !marpDirectives[m[2]] {
			return false
		}
		any = true
	}
	return any
}

// readMarp reads a Marp deck: slides split at ---, directive comments
// dropped, other comments are notes, image keywords made plain images.
func (im *importer) readMarp(d *deck) {
	s := d.src
	m := s.fm
	d.title, d.summary, d.date = m.str("title"), metaSummary(m, "description"), m.date("date")
	d.hardWraps = true
	im.listRest(d, "marp", "title", "description", "date", "headingDivider")
	sp := splitter{sep: isMarpRule, setext: true}
	if hd := m.str("headingDivider"); hd != "" {
		n, err := strconv.Atoi(hd)
		if err == nil && n >= 1 && n <= 6 {
			sp.headingDivider = n
		} else {
			im.warn(s.file, m.lines["headingDivider"], "headingDivider: %s: only a single level (1 to 6) is supported; slides split at --- only", hd)
		}
	}
	for i, c := range sp.split(s.body) {
		sl := &slide{at: c.start}
		body, comments := takeComments(c.lines, nil)
		for _, cm := range comments {
			if isMarpDirective(cm.text) {
				im.warn(s.file, cm.n, "Marp directive <!-- %s --> left out", short(cm.text))
				continue
			}
			sl.notes = appendPara(sl.notes, commentLines(cm))
		}
		body = im.dropStyle(s.file, body)
		sl.body = im.marpImages(s.file, body)
		sl.incremental = fragmentedList(sl.body)
		d.addSlide(sl, itoa(i+1))
	}
}

var fragmentItem = regexp.MustCompile(`^ {0,3}(\*|\d{1,9}\)) `)

// fragmentedList reports whether a slide has one of Marp's fragmented
// lists ("* item", "1) item"), whose items Marp shows one at a time.
func fragmentedList(ls []line) bool {
	var f fence
	for _, l := range ls {
		if !f.in(l.s) && fragmentItem.MatchString(l.s) {
			return true
		}
	}
	return false
}

// hardBreaks ends each line of ls that holds a soft line break (as
// lecgen's Markdown reads it: not in code, math or HTML) with a
// backslash, a hard break. It returns how many lines it changed.
func (im *importer) hardBreaks(ls []line) ([]line, int) {
	if blank(ls) {
		return ls, 0
	}
	if im.md == nil {
		im.md = markdown.New(markdown.Options{})
	}
	src := rawText(ls)
	doc := im.md.Parse(course.Source{Text: []byte(src)}, nil)
	if doc.Err != nil {
		return ls, 0
	}
	soft := map[int]bool{}
	ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindCodeSpan, ast.KindRawHTML, ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock, markdown.KindInlineMath, markdown.KindMathBlock:
			return ast.WalkSkipChildren, nil
		}
		if t, ok := n.(*ast.Text); ok && t.SoftLineBreak() {
			soft[strings.Count(src[:t.Segment.Start], "\n")] = true
		}
		return ast.WalkContinue, nil
	})
	out := make([]line, len(ls))
	copy(out, ls)
	for i := range out {
		if soft[i] {
			out[i].s = strings.TrimRight(out[i].s, " \t") + `\`
		}
	}
	return out, len(soft)
}

// isMarpRule reports whether s is a horizontal rule, which splits a Marp
// deck: "---", "***", "___", "- - -".
func isMarpRule(s string) bool {
	t := strings.TrimSpace(s)
	if len(s)-len(strings.TrimLeft(s, " ")) > 3 || t == "" || !strings.Contains("-*_", t[:1]) {
		return false
	}
	n := strings.Count(t, t[:1])
	return n >= 3 && strings.Trim(t, t[:1]+" \t") == ""
}

// dropStyle leaves out <style> blocks, which style the deck's theme, and
// <script> blocks (Slidev's Vue scripts).
func (im *importer) dropStyle(file string, ls []line) []line {
	var out []line
	var f fence
	for i := 0; i < len(ls); i++ {
		t := strings.TrimSpace(ls[i].s)
		tag := ""
		switch {
		case f.in(ls[i].s):
		case strings.HasPrefix(t, "<style"):
			tag = "style"
		case strings.HasPrefix(t, "<script"):
			tag = "script"
		}
		if tag == "" {
			out = append(out, ls[i])
			continue
		}
		start := ls[i].n
		for i < len(ls) && !strings.Contains(ls[i].s, "</"+tag+">") {
			i++
		}
		if tag == "style" {
			im.warn(file, start, "<style> block left out: the theme's CSS styles lecgen's slides")
		} else {
			im.warn(file, start, "<script> block left out")
		}
	}
	return out
}

var (
	mdImage = regexp.MustCompile(`!\[([^\]]*)\]\(([^)\s]*)((?:\s+"[^"]*")?)\)`)
	// Marp's image keywords: https://marpit.marp.app/image-syntax
	marpKeyword = regexp.MustCompile(`^(bg|(w|h|width|height|blur|brightness|contrast|drop-shadow|grayscale|hue-rotate|invert|opacity|saturate|sepia):.*|blur|grayscale|invert|sepia|drop-shadow)$`)
	// Keywords that only mean something after bg.
	marpBgKeyword = regexp.MustCompile(`^(fit|cover|contain|auto|left|right|vertical|\d+(\.\d+)?%|(left|right):.*)$`)
)

// marpImages turns Marp's image keywords into plain images: the keywords
// leave the alt text, and each image that had some is listed.
func (im *importer) marpImages(file string, ls []line) []line {
	var f fence
	for i, l := range ls {
		if f.in(l.s) || !strings.Contains(l.s, "![") {
			continue
		}
		ls[i].s = mdImage.ReplaceAllStringFunc(l.s, func(img string) string {
			m := mdImage.FindStringSubmatch(img)
			var words, keys []string
			bg := false
			for _, w := range strings.Fields(m[1]) {
				bg = bg || w == "bg"
			}
			for _, w := range strings.Fields(m[1]) {
				if marpKeyword.MatchString(w) || (bg && marpBgKeyword.MatchString(w)) {
					keys = append(keys, w)
				} else {
					words = append(words, w)
				}
			}
			if len(keys) == 0 {
				return img
			}
			src := m[2]
			if bg && !strings.ContainsAny(src, "./") {
				im.warn(file, l.n, "Marp background colour ![%s](%s) left out", m[1], src)
				return ""
			}
			what := "image keywords"
			if bg {
				what = "background image layout"
			}
			im.warn(file, l.n, "Marp %s %q left out: %s is a plain image", what, strings.Join(keys, " "), src)
			return "![" + strings.Join(words, " ") + "](" + src + m[3] + ")"
		})
	}
	return ls
}
