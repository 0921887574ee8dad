package markdown

import (
	"bytes"
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// nodeRenderer overrides goldmark's rendering of links, images and code,
// and renders lecgen's own nodes.
type nodeRenderer struct {
	hl     Highlighter
	embeds embedder
	// labels renders the Markdown text of wiki links (the engine's own
	// renderer: set once it is made).
	labels renderer.Renderer
	// collapse shows solutions in a closed <details> ([exercises]
	// solutions = "collapsed").
	collapse bool
	// quizAnswers adds answer keys to quizzes (quiz.go).
	quizAnswers bool
}

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, r.link)
	reg.Register(ast.KindImage, r.image)
	reg.Register(ast.KindAutoLink, r.autoLink)
	reg.Register(ast.KindFencedCodeBlock, r.code)
	reg.Register(ast.KindCodeBlock, r.code)
	reg.Register(ast.KindCodeSpan, r.codeSpan) // codespan.go
	reg.Register(KindWikiLink, r.wikiLink)
	reg.Register(KindTermRef, r.termRef)
	reg.Register(KindCallout, r.callout)
	reg.Register(KindExerciseTitle, r.exerciseTitle) // exercise.go
	reg.Register(KindCitation, r.citation)           // cite.go
	reg.Register(KindNumbered, r.numbered)           // numbered.go
	reg.Register(KindCaption, r.caption)
	r.registerQuiz(reg)                            // quiz.go
	reg.Register(KindPrivateNotes, r.privateNotes) // private.go
}

// SafeURL reports whether a link target may be put in an href: relative
// URLs and http, https and mailto. It looks at the target as the browser
// will: with Markdown's backslash escapes and character references
// resolved ("&#106;avascript:", "java&#9;script:"), as the renderer writes
// it, and without the ASCII whitespace and control characters that
// browsers ignore inside a scheme ("java\tscript:").
func SafeURL(u string) bool {
	if strings.ContainsAny(u, "&\\") {
		u = string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations([]byte(u)))))
	}
	var b strings.Builder
	for _, c := range u {
		if c <= ' ' {
			continue
		}
		if c == ':' {
			s := strings.ToLower(b.String())
			return s == "http" || s == "https" || s == "mailto"
		}
		if c == '/' || c == '?' || c == '#' {
			return true
		}
		b.WriteRune(c)
	}
	return true
}

// allowedDest tells whether the renderer may write a link's or image's
// target: a page or file of the site, or a SafeURL (and for images an
// inline data:image/). Others are dropped, link and all.
func allowedDest(n ast.Node, image bool) bool {
	if _, ok := siteDest(n); ok {
		return true
	}
	var dest []byte
	switch n := n.(type) {
	case *ast.Link:
		dest = n.Destination
	case *ast.Image:
		dest = n.Destination
	}
	return SafeURL(string(dest)) || image && bytes.HasPrefix(dest, []byte("data:image/"))
}

func (r *nodeRenderer) href(w util.BufWriter, n ast.Node, dest []byte) {
	if d, ok := siteDest(n); ok {
		_, _ = w.WriteString(html.EscapeString(rootOf(w) + d))
		return
	}
	// Even with unsafe_html: raw HTML is the author's, but a
	// javascript: target is what the README promises never to write.
	if SafeURL(string(dest)) {
		_, _ = w.Write(util.EscapeHTML(util.URLEscape(dest, true)))
	}
}

func (r *nodeRenderer) link(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if !allowedDest(n, false) {
		return ast.WalkContinue, nil // the text without the link (resolve warns)
	}
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	r.href(w, n, n.Destination)
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		ghtml.DefaultWriter.Write(w, n.Title) // resolves escapes and references, then escapes
		_ = w.WriteByte('"')
	}
	if isExternal(n.Destination) {
		_, _ = w.WriteString(` class="external"`)
	}
	if n.Attributes() != nil {
		ghtml.RenderAttributes(w, n, ghtml.LinkAttributeFilter)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

func isExternal(dest []byte) bool {
	return bytes.HasPrefix(dest, []byte("http://")) || bytes.HasPrefix(dest, []byte("https://"))
}

func (r *nodeRenderer) autoLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.AutoLink)
	if !entering {
		return ast.WalkContinue, nil
	}
	url := n.URL(src)
	label := n.Label(src)
	if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(url), []byte("mailto:")) {
		url = append([]byte("mailto:"), url...)
	}
	if !SafeURL(string(url)) {
		_, _ = w.Write(util.EscapeHTML(label)) // as text (collect warns)
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape(url, false)))
	_, _ = w.WriteString(`" class="external">`)
	_, _ = w.Write(util.EscapeHTML(label))
	_, _ = w.WriteString("</a>")
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) image(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	if !allowedDest(n, true) {
		// The alt text, as a browser shows an image it cannot load.
		_, _ = w.WriteString(html.EscapeString(PlainText(n, src)))
		return ast.WalkSkipChildren, nil
	}
	_, site := siteDest(n)
	if e := r.embeds.classify(n.Destination, site); e.kind != embedNone {
		r.renderEmbed(w, src, n, e) // embed.go
		return ast.WalkSkipChildren, nil
	}
	_, _ = w.WriteString(`<img src="`)
	if _, site := siteDest(n); !site && !SafeURL(string(n.Destination)) {
		_, _ = w.Write(util.EscapeHTML(n.Destination)) // data:image/ (allowedDest)
	} else {
		r.href(w, n, n.Destination)
	}
	_, _ = w.WriteString(`" alt="`)
	_, _ = w.WriteString(html.EscapeString(PlainText(n, src)))
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		ghtml.DefaultWriter.Write(w, n.Title) // resolves escapes and references, then escapes
		_ = w.WriteByte('"')
	}
	_, _ = w.WriteString(` loading="lazy"`)
	if n.Attributes() != nil {
		ghtml.RenderAttributes(w, n, ghtml.ImageAttributeFilter)
	}
	_ = w.WriteByte('>')
	return ast.WalkSkipChildren, nil
}

func (r *nodeRenderer) code(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	var info string
	off := -1
	if f, ok := node.(*ast.FencedCodeBlock); ok && f.Info != nil {
		info = string(f.Info.Segment.Value(src))
		off = fenceStart(f, src)
	}
	var code bytes.Buffer
	lines := node.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		code.Write(seg.Value(src))
	}
	if r.hl != nil {
		out, err := r.hl.Highlight(code.Bytes(), info)
		if off < 0 && node.Lines().Len() > 0 {
			off = node.Lines().At(0).Start
		}
		warn(w, max(off, 0), err)
		_, _ = w.WriteString(out)
		return ast.WalkSkipChildren, nil
	}
	_, _ = w.WriteString("<pre><code>")
	_, _ = w.WriteString(html.EscapeString(code.String()))
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

func (r *nodeRenderer) wikiLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*WikiLink)
	if !entering {
		return ast.WalkContinue, nil
	}
	label := n.LinkText
	if label == "" {
		label = n.Label
	}
	if label == "" {
		label = n.Target
	}
	text := func() { _, _ = w.WriteString(html.EscapeString(label)) }
	if n.label != nil && r.labels != nil {
		text = func() {
			for c := n.label.inline.FirstChild(); c != nil; c = c.NextSibling() {
				_ = r.labels.Render(w, n.label.src, c)
			}
		}
	}
	if n.Term != nil {
		writeTerm(w, n.Term, text)
		return ast.WalkSkipChildren, nil
	}
	if n.Dest == "" {
		_, _ = w.WriteString(`<span class="broken-link">`)
		text()
		_, _ = w.WriteString(`</span>`)
		return ast.WalkSkipChildren, nil
	}
	dest := n.Dest
	if !strings.HasPrefix(dest, "#") {
		dest = rootOf(w) + dest
	}
	_, _ = w.WriteString(`<a href="`)
	_, _ = w.WriteString(html.EscapeString(dest))
	_, _ = w.WriteString(`">`)
	text()
	_, _ = w.WriteString(`</a>`)
	return ast.WalkSkipChildren, nil
}

func (r *nodeRenderer) termRef(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*TermRef)
	if !entering {
		return ast.WalkContinue, nil
	}
	label := PlainText(n, src)
	writeTerm(w, n, func() { _, _ = w.WriteString(html.EscapeString(label)) })
	return ast.WalkSkipChildren, nil
}

// writeTerm writes a term link with a tooltip that shows on hover and on
// keyboard focus; aria-describedby makes screen readers read it too.
func writeTerm(w util.BufWriter, n *TermRef, label func()) {
	_, _ = w.WriteString(`<span class="term"><a href="`)
	_, _ = w.WriteString(html.EscapeString(rootOf(w) + "glossary/#" + n.Anchor))
	_ = w.WriteByte('"')
	if n.Short != "" {
		_, _ = w.WriteString(` aria-describedby="`)
		_, _ = w.WriteString(html.EscapeString(n.TipID))
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	label()
	_, _ = w.WriteString(`</a>`)
	if n.Short != "" {
		_, _ = w.WriteString(`<span class="term-tip" role="tooltip" id="`)
		_, _ = w.WriteString(html.EscapeString(n.TipID))
		_, _ = w.WriteString(`">`)
		_, _ = w.WriteString(html.EscapeString(n.Short))
		_, _ = w.WriteString(`</span>`)
	}
	_, _ = w.WriteString(`</span>`)
}
