package render

import (
	"crypto/sha256"
	"html/template"
	"strings"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/markdown"
	"github.com/lecgen/lecgen/internal/resolve"
)

// A page shows Markdown as HTML rendered once per document (by build,
// through Prerender and Documents), with a token where the page's way back
// to the site root goes; each page puts its own root in.

// rootToken stands for a page's root prefix in pre-rendered HTML. Content
// cannot contain NUL (the loader rejects it), so it never clashes.
const rootToken = "\x00root\x00"

// Prerender renders a resolved document into doc.HTML, the way every page
// showing it takes it (see renderDoc), and frees its syntax tree: a build
// renders each slide as soon as it is resolved, so the trees of all slides
// are never in memory at once.
func Prerender(e *markdown.Engine, doc *markdown.Doc) {
	if doc == nil || doc.Root == nil {
		return
	}
	renderDoc(e, doc)
	doc.Release()
}

// renderDoc renders doc once into doc.HTML, with rootToken where a page's
// way back to the site root goes (a slide appears on its page and in two
// handouts, and rendering it once is a third of the cost), and its hash
// into doc.HTMLSum, which page keys use.
func renderDoc(e *markdown.Engine, doc *markdown.Doc) {
	s, err := e.RenderString(doc, rootToken)
	if err != nil {
		s = renderError(err)
	}
	doc.HTML = s
	doc.HTMLSum = sha256.Sum256([]byte(s))
	doc.HTMLMath = strings.Contains(s, markdown.MathMarker)
}

// rendered tells whether renderDoc rendered doc (or a memo restored it).
func rendered(doc *markdown.Doc) bool { return doc.HTMLSum != [32]byte{} }

func renderError(err error) string {
	return "<p>render error: " + template.HTMLEscapeString(err.Error()) + "</p>"
}

// Documents renders every document of d that Prerender did not render
// already into its HTML (see renderDoc): slides (when resolved without the
// build's loop), glossary entries, introductions, pages and the home page.
// Their trees are kept (the references of an introduction are read from
// it). The pages only read the HTML: a build calls this before Render, and
// the documents' warnings include the renderer's then.
func Documents(e *markdown.Engine, c *course.Course, d *resolve.Docs, each func(n int, f func(i int))) {
	var docs []*markdown.Doc
	add := func(doc *markdown.Doc) {
		if doc != nil && !rendered(doc) {
			docs = append(docs, doc)
		}
	}
	for _, sd := range d.Slides {
		add(sd.Body)
		add(sd.Notes)
	}
	for _, doc := range d.Glossary {
		add(doc)
	}
	for _, l := range c.Lectures {
		add(d.Intros[l])
	}
	for _, p := range c.Pages {
		add(d.Pages[p])
	}
	add(d.Home)
	each(len(docs), func(i int) { renderDoc(e, docs[i]) })
}

// markdownLater sets *dst to doc's HTML for a page at root when the page
// is made (see Page.later).
func (r *renderer) markdownLater(p *Page, dst *template.HTML, doc *markdown.Doc, root string) {
	if doc == nil {
		return
	}
	var key []byte
	if r.siteKey != nil {
		key = append(append(key, doc.HTMLSum[:]...), root...)
	}
	p.later(key, func() {
		h, math := r.tokenHTML(doc)
		*dst = template.HTML(withRoot(h, root))
		p.Math = p.Math || math
	})
}

// withRoot returns s with rootToken replaced by root, in one pass over s
// (strings.ReplaceAll makes two: it counts the tokens first).
func withRoot(s, root string) string {
	i := strings.Index(s, rootToken)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + max(0, len(root)-len(rootToken))*8) // a few links: it grows if need be
	b.WriteString(s[:i])
	writeRooted(&b, s[i:], root)
	return b.String()
}

// writeRooted writes s with rootToken replaced by root.
func writeRooted(b *strings.Builder, s, root string) {
	for {
		i := strings.Index(s, rootToken)
		if i < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		b.WriteString(root)
		s = s[i+len(rootToken):]
	}
}

// tokenHTML returns doc's HTML with rootToken for the page's root, and
// whether it shows math: as rendered early (see prerender), or rendered
// now.
func (r *renderer) tokenHTML(doc *markdown.Doc) (string, bool) {
	if rendered(doc) {
		return doc.HTML, doc.HTMLMath
	}
	s, err := r.in.Engine.RenderString(doc, rootToken)
	if err != nil {
		s = renderError(err)
	}
	return s, strings.Contains(s, markdown.MathMarker)
}
