// Package markdown sets up goldmark for lecgen: the Markdown features a
// course needs, wiki links, glossary terms and highlighted code. Parsing
// and rendering are separate so that links and terms can be resolved across
// the whole course in between.
package markdown

import (
	"bufio"
	"bytes"
	"fmt"
	stdhtml "html"
	"io"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Highlighter renders a fenced code block. info is the fence's info string.
// A non-nil warning is reported with the fence's position; the returned
// HTML is used either way.
type Highlighter interface {
	Highlight(code []byte, info string) (html string, warning error)
}

// Options configure an Engine.
type Options struct {
	UnsafeHTML  bool        // let raw HTML through
	HardWraps   bool        // a line break in a paragraph is a <br>, as in Marp
	Highlighter Highlighter // nil: plain <pre><code>
	// EmbedHosts are the hosts whose pages image syntax shows in a frame
	// ([embeds] hosts); embed.go.
	EmbedHosts []string
	// KeepSolutions keeps [!SOLUTION] callouts (an instructor build);
	// without it the parser drops them, so nothing can show them.
	KeepSolutions bool
	// CollapseSolutions shows the solutions kept in a <details> a reader
	// opens.
	CollapseSolutions bool
	// QuizAnswers adds an answer key to each [!QUIZ] (an instructor
	// build); without it a page has only salted hashes (quiz.go).
	QuizAnswers bool
	// HeldUntil, when set, gives the day from which a file's solutions
	// reach students, for the files whose solutions are dropped even
	// with KeepSolutions (a student build's lectures whose
	// solutions_from is after the build's day), and the zero time for
	// the others. Each dropped solution leaves that day in its place
	// (release.go).
	HeldUntil func(file string) time.Time
	// Terms, when set, finds the glossary's terms (NewTermFinder) in the
	// solutions the parser drops, so that a term used only there is not
	// reported unused (Doc.HeldTerms).
	Terms TermFinder
}

// Engine parses and renders Markdown. It is safe for concurrent use.
type Engine struct {
	md      goldmark.Markdown
	outline parser.Parser // outline.go
	// noIDs is the parser without automatic heading ids, which is where
	// goldmark panics on an id attribute that is not text: parseError
	// looks for the culprit with it.
	noIDs parser.Parser
	// safe is set when raw HTML is left out of pages (no unsafe_html).
	safe   bool
	embeds embedder
	// keepSolutions is Options.KeepSolutions; heldUntil Options.HeldUntil.
	keepSolutions bool
	heldUntil     func(file string) time.Time
}

// New builds an engine.
func New(opts Options) *Engine {
	rendererOpts := []renderer.Option{}
	if opts.UnsafeHTML {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	if opts.HardWraps {
		rendererOpts = append(rendererOpts, html.WithHardWraps())
	}
	embeds := newEmbedder(opts.EmbedHosts)
	r := &nodeRenderer{hl: opts.Highlighter, embeds: embeds, collapse: opts.CollapseSolutions, quizAnswers: opts.QuizAnswers}
	rendererOpts = append(rendererOpts, renderer.WithNodeRenderers(util.Prioritized(r, 100)))
	exts := []goldmark.Extender{
		// GFM, with bare addresses linked only for the web: the renderer
		// would show an ftp:// one as text anyway, with a warning.
		extension.NewLinkify(extension.WithLinkifyAllowedProtocols([]string{"http:", "https:"})),
		extension.Table,
		extension.Strikethrough,
		extension.TaskList,
		extension.DefinitionList,
		extension.NewFootnote(extension.WithFootnoteIDPrefixFunction(footnotePrefix)),
		extension.Typographer,
		mathExtension{}, // math.go
	}
	// Wiki links' texts are parsed with the inline syntax of the rest
	// (see parseLabel).
	labels := goldmark.New(goldmark.WithExtensions(exts...)).Parser()
	labels.Parse(text.NewReader(nil)) // set up now, before it is shared
	parserOpts := []parser.Option{
		parser.WithAttribute(),
		parser.WithInlineParsers(util.Prioritized(wikiLinkParser{labels: labels}, 199), util.Prioritized(citationParser{}, 198)),
		parser.WithASTTransformers(util.Prioritized(calloutTransformer{keepSolutions: opts.KeepSolutions, terms: opts.Terms}, 500), util.Prioritized(numberCells{}, 600), util.Prioritized(noteEscape{}, 700),
			util.Prioritized(citeTransformer{}, 650), util.Prioritized(numberedTransformer{}, 660), // cite.go, numbered.go
			util.Prioritized(footnotePruner{}, 1000)), // footnotes.go: after goldmark's footnotes (999)
	}
	noIDs := goldmark.New(goldmark.WithExtensions(exts...), goldmark.WithParserOptions(parserOpts...)).Parser()
	// goldmark sets a parser up on its first Parse; do it now, before the
	// engine is shared between goroutines.
	noIDs.Parse(text.NewReader(nil))
	parserOpts = append(parserOpts, parser.WithAutoHeadingID())
	md := goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(parserOpts...),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	r.labels = md.Renderer()
	e := &Engine{md: md, noIDs: noIDs, safe: !opts.UnsafeHTML, embeds: embeds, keepSolutions: opts.KeepSolutions, heldUntil: opts.HeldUntil}
	e.outline = outlineParser(exts, parserOpts)
	return e
}

// Doc is one parsed piece of Markdown (a slide body, its notes, an intro).
type Doc struct {
	Src   course.Source
	Root  ast.Node
	Title string // plain text of the first heading; "" if none
	Refs  []Ref  // links, images and wiki links in document order
	// Held lists the destinations, as written, of the links and images
	// in the parts of the document this build left out (solutions not
	// yet released), so that the files only they link to are held back
	// too, and HeldTerms the glossary terms used there (Options.Terms),
	// so that they are not reported unused. Nothing else of those parts
	// is kept.
	Held      []string
	HeldTerms []int
	// Terms lists the glossary terms found, in order of first use.
	Terms []int
	// HTML is the rendered document when a stage rendered it early (with
	// a placeholder for the page's root); Text and the math problems are
	// kept by Release when the tree is freed.
	HTML string
	// HTMLSum is the SHA-256 of HTML when a stage computed it, so that
	// pages showing the document can tell it changed without reading it.
	HTMLSum [32]byte
	// HTMLMath tells whether HTML shows math (holds MathMarker), so that
	// the pages showing it load KaTeX without searching their HTML.
	HTMLMath bool
	Text     string
	// parsed are the warnings collect found (raw HTML left out, autolinks
	// shown as text); warnings, all of a released doc's.
	parsed, warnings []Warning
	// rendered are the last render's warnings (the highlighter's), set
	// when it ends.
	rendered atomic.Pointer[[]Warning]
	// Err is set when the parser failed on Src (goldmark panics on some
	// input); Root is then an empty document. Resolve reports it.
	Err *ParseError
}

// Released returns a document whose tree was released earlier, rebuilt
// from what Release kept (a serve-mode memo reuses unchanged slides so).
func Released(src course.Source, title, html string, sum [32]byte, htmlMath bool, text string, warnings []Warning) *Doc {
	return &Doc{Src: src, Title: title, HTML: html, HTMLSum: sum, HTMLMath: htmlMath, Text: text, warnings: warnings}
}

// Warning is a problem in a doc that does not stop the build: malformed
// math, raw HTML left out.
type Warning struct {
	Off int    // byte offset in the doc's source text
	Msg string // without position
	// Error makes it an error that stops the build (a solution without
	// an exercise).
	Error bool
	// orphan marks the error of a hint or solution without an exercise
	// above it in its document (exercise.go).
	orphan bool
}

// Warnings returns the doc's warnings; a released doc keeps them.
func (d *Doc) Warnings() []Warning {
	if d == nil {
		return nil
	}
	if d.Root == nil {
		return d.warnings
	}
	ws := append(MathProblems(d), d.parsed...)
	if r := d.rendered.Load(); r != nil {
		ws = append(ws, *r...)
	}
	return ws
}

// RenderWarnings returns the warnings of the doc's last render: code
// blocks shown as plain text, fence options that were not understood.
// Warnings includes them.
func (d *Doc) RenderWarnings() []Warning {
	if r := d.rendered.Load(); r != nil {
		return *r
	}
	return nil
}

// Release frees the syntax tree, the biggest part of a build's memory,
// keeping the document's plain text and warnings for later stages.
func (d *Doc) Release() {
	if d == nil || d.Root == nil {
		return
	}
	d.Text = PlainText(d.Root, d.Src.Text)
	d.warnings = d.Warnings()
	d.Root, d.Refs = nil, nil
}

// RefKind says what sort of reference a Ref is.
type RefKind int

const (
	RefLink RefKind = iota
	RefImage
	RefWiki
)

// Ref is a reference that the resolve stage checks and rewrites.
type Ref struct {
	Kind RefKind
	Node ast.Node
	Dest string // as written
	Pos  course.Pos
}

// IDs shares heading and footnote ids between the docs of one page (a
// slide's body and notes), so that they never clash, and passes link
// reference definitions on from one doc to the next, as in one file.
//
// Nothing else carries over: each doc gets a fresh goldmark parser
// context. A shared one leaks parser state across docs, such as the raw
// HTML scanner's "no -->" position (an unclosed "<!--" in a slide's body
// turned a comment in its notes into text).
type IDs struct {
	ids    parser.IDs
	refs   []parser.Reference
	prefix string
	docs   int // parsed so far: footnotes of the second get their own prefix
}

// NewIDs starts a fresh id space; footnotes get prefix so that several
// slides can share one handout page.
func NewIDs(prefix string) *IDs {
	return &IDs{ids: parser.NewContext().IDs(), prefix: prefix}
}

// context returns a parser context for the next doc.
func (i *IDs) context() parser.Context {
	pc := parser.NewContext(parser.WithIDs(i.ids))
	for _, r := range i.refs {
		pc.AddReference(r)
	}
	return pc
}

// keep remembers the link reference definitions of a parsed doc (and of
// those before it) for the docs after it.
func (i *IDs) keep(pc parser.Context) {
	// All of them, the ones passed in too; the labels are unique, so
	// their order does not matter.
	i.refs = pc.References()
}

// Parse parses src. ids may be shared between docs of one page.
func (e *Engine) Parse(src course.Source, ids *IDs) *Doc {
	if ids == nil {
		ids = NewIDs("")
	}
	pc := ids.context()
	keep := e.KeepsSolutions(src.File)
	pc.Set(keepSolutionsKey, keep)
	if e.keepSolutions {
		// Solutions readers will get: a held-back one says when.
		pc.Set(heldUntilKey, e.releaseDay(src.File))
	}
	text := src.Text
	if src.PrivateText > 0 {
		text = text[:src.PrivateLine] // the rest is parsed on its own (private.go)
	}
	root, err := e.safeParse(e.md.Parser(), text, pc)
	ids.keep(pc)
	if d, ok := root.(*ast.Document); ok {
		// Each doc numbers its footnotes from 1: the notes' "fn:1" must
		// not be the body's, nor another slide's on a handout, whose
		// prefix ends in "-": no slug holds a ":".
		prefix := ids.prefix
		if ids.docs > 0 {
			prefix += strconv.Itoa(ids.docs+1) + ":"
		}
		d.AddMeta(metaFootnotePrefix, prefix)
	}
	ids.docs++
	if src.PrivateText > 0 {
		if perr := e.addPrivate(root, src, ids, keep); err == nil {
			err = perr
		}
	}
	doc := &Doc{Src: src, Root: root, Err: err}
	doc.Held, doc.HeldTerms = held(root) // held.go
	doc.collect(e.safe, e.embeds)
	return doc
}

// ParseError is a failure of the Markdown parser on a document.
type ParseError struct {
	Off int // byte offset in the document's text of what failed, or -1
	Msg string
}

func (e *ParseError) Error() string { return e.Msg }

// safeParse parses src, turning a panic of the parser into an error, so
// that one bad file is reported rather than crashing the whole build.
// (goldmark v1.8.7 panics on a heading attribute whose id is not text,
// such as "# Title {id=1}".)
func (e *Engine) safeParse(p parser.Parser, src []byte, pc parser.Context) (root ast.Node, err *ParseError) {
	defer func() {
		if r := recover(); r != nil {
			root, err = ast.NewDocument(), e.parseError(src, r)
		}
	}()
	return p.Parse(text.NewReader(src), parser.WithContext(pc)), nil
}

// parseError explains a panic of the parser on src: it finds the first
// heading whose id attribute is not text, else says what failed.
func (e *Engine) parseError(src []byte, r any) (pe *ParseError) {
	pe = &ParseError{Off: -1, Msg: fmt.Sprintf("the Markdown parser failed on this file: %v", r)}
	defer func() { _ = recover() }() // the general message, then
	root := e.noIDs.Parse(text.NewReader(src))
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		id, ok := h.AttributeString("id")
		if _, text := id.([]byte); !ok || text || h.Lines().Len() == 0 {
			return ast.WalkContinue, nil
		}
		if id == nil {
			id = "null"
		}
		pe.Off = h.Lines().At(0).Start
		pe.Msg = fmt.Sprintf("a heading's id must be text, not %v: write {#name} or {id=\"name\"}", id)
		return ast.WalkStop, nil
	})
	return pe
}

const metaFootnotePrefix = "lecgen-fn-prefix"

var noFootnotePrefix = []byte("")

func footnotePrefix(n ast.Node) []byte {
	for p := n; p != nil; p = p.Parent() {
		if pn, ok := p.(*PrivateNotes); ok {
			return []byte(pn.fnPrefix)
		}
		if d, ok := p.(*ast.Document); ok {
			if s, ok := d.Meta()[metaFootnotePrefix].(string); ok {
				return []byte(s)
			}
		}
	}
	return noFootnotePrefix
}

// leftOutHTML counts the raw HTML tags of a doc whose page leaves raw
// HTML out, for one warning at the first. Comments are meant to be left
// out, and so are not counted.
type leftOutHTML struct {
	first, n int
	tag      string
	hint     string // the first keepHint (htmlhint.go)
}

func (h *leftOutHTML) add(segs *text.Segments, src []byte) {
	h.addAt(segs, src, -1)
}

// addAt is add for HTML whose src is not the doc's (a wiki link's text),
// reported at the doc's offset at; -1: where it is.
func (h *leftOutHTML) addAt(segs *text.Segments, src []byte, at int) {
	if segs.Len() == 0 {
		return
	}
	start, stop := segs.At(0).Start, segs.At(0).Stop
	for start < stop && (src[start] == ' ' || src[start] == '\t') {
		start++
	}
	if t := htmlTag(src[start:stop]); t != "" {
		if at < 0 {
			at = start
		}
		if h.n == 0 {
			h.first, h.tag = at, t
		}
		h.n++
	}
	if h.hint == "" {
		h.hint = blockHint(src[start:segs.At(segs.Len()-1).Stop]) // htmlhint.go
	}
}

func (h *leftOutHTML) warnings() []Warning {
	if h.n == 0 {
		return nil
	}
	msg := "raw HTML " + h.tag + " is left out of the page"
	if more := h.n - 1; more > 0 {
		msg += fmt.Sprintf(", and %d more tag%s after it", more, plural(more))
	}
	msg += `: to keep raw HTML, set unsafe_html = true under [markdown] in config.toml (only for HTML you trust)` + h.hint
	return []Warning{{Off: h.first, Msg: msg}}
}

// htmlTag returns "<name>" or "</name>" for the start or end tag that b
// starts with, and "" for a comment, declaration or processing instruction.
func htmlTag(b []byte) string {
	end := 1
	if len(b) > 1 && b[1] == '/' {
		end = 2
	}
	name := end
	for name < len(b) && (b[name] >= 'a' && b[name] <= 'z' || b[name] >= 'A' && b[name] <= 'Z' || name > end && (b[name] >= '0' && b[name] <= '9' || b[name] == '-')) {
		name++
	}
	if name == end {
		return ""
	}
	return string(b[:name]) + ">"
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// collect finds the title and every reference, with safe the raw HTML
// that the page leaves out and the heading attributes raw HTML would be
// needed for (see leftOutAttrs), and embeds that are shown as links.
func (d *Doc) collect(safe bool, embeds embedder) {
	src := d.Src.Text
	var html leftOutHTML
	var attrs leftOutAttrs
	loc := d.Src.Locator() // the refs come in document order
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if d.Title == "" {
				d.Title = strings.TrimSpace(PlainText(n, src))
			}
			if safe && n.Attributes() != nil {
				attrs.check(n)
			}
		case *ast.Link:
			d.Refs = append(d.Refs, Ref{Kind: RefLink, Node: n, Dest: string(n.Destination), Pos: loc.PosAt(startOffset(n, src) - 1)})
		case *ast.Image:
			d.Refs = append(d.Refs, Ref{Kind: RefImage, Node: n, Dest: string(n.Destination), Pos: loc.PosAt(startOffset(n, src) - 2)})
			if e := embeds.classify(n.Destination, false); e.warn != "" {
				d.parsed = append(d.parsed, Warning{Off: max(0, startOffset(n, src)-2), Msg: e.warn})
			}
		case *WikiLink:
			d.Refs = append(d.Refs, Ref{Kind: RefWiki, Node: n, Dest: n.Target, Pos: loc.PosAt(n.Off)})
			if safe && n.label != nil {
				_ = ast.Walk(n.label.inline, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
					if raw, ok := c.(*ast.RawHTML); ok && entering {
						html.addAt(raw.Segments, n.label.src, n.Off)
					}
					return ast.WalkContinue, nil
				})
			}
		case *ast.RawHTML:
			if safe {
				html.add(n.Segments, src)
			}
		case *ast.HTMLBlock:
			if safe {
				html.add(n.Lines(), src)
			}
		case *ast.AutoLink:
			if url := n.URL(src); !SafeURL(string(url)) {
				// The URL is a slice of src: where it starts, or its "<".
				off := max(0, min(len(src), cap(src)-cap(n.Label(src))))
				if off > 0 && src[off-1] == '<' {
					off--
				}
				d.parsed = append(d.parsed, Warning{Off: off, Msg: fmt.Sprintf("link to %q: only http, https and mailto links are allowed; it is shown as text", url)})
			}
		}
		return ast.WalkContinue, nil
	})
	d.parsed = append(d.parsed, html.warnings()...)
	d.parsed = append(d.parsed, exerciseProblems(d.Root)...) // exercise.go
	d.parsed = append(d.parsed, quizProblems(d.Root)...)     // quiz.go
	d.parsed = append(d.parsed, attrs.warnings()...)
}

// HeadingIDs calls add with the id of each of the doc's headings, in order.
func (d *Doc) HeadingIDs(add func(id string)) {
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if h, ok := n.(*ast.Heading); ok {
			if id, ok := h.AttributeString("id"); ok {
				if b, ok := id.([]byte); ok {
					add(string(b))
				}
			}
		}
		return ast.WalkContinue, nil
	})
}

// startOffset finds a byte offset for an inline node without a segment of
// its own: the start of its first text, else of its block's first line.
func startOffset(n ast.Node, src []byte) int {
	var off = -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off >= 0 {
		return off
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start + 1
		}
	}
	return 1
}

// PlainText returns the text content of n, as a screen reader or a search
// index would see it: whitespace runs (as unicode.IsSpace has them) become
// one space, with none at either end.
func PlainText(n ast.Node, src []byte) string {
	// It runs for every document of a build: one pass over a pooled
	// buffer, then the string, is all it allocates.
	bp := plainBufs.Get().(*[]byte)
	b := collapseSpace(appendPlainText((*bp)[:0], n, src))
	s := string(b)
	if cap(b) <= maxPooledPlain {
		*bp = b[:0]
		plainBufs.Put(bp)
	}
	return s
}

var plainBufs = sync.Pool{New: func() any { b := make([]byte, 0, 8<<10); return &b }}

// maxPooledPlain keeps a rare huge document's buffer out of the pool.
const maxPooledPlain = 1 << 20

// appendPlainText appends the text of n to b with whitespace as it is.
func appendPlainText(b []byte, n ast.Node, src []byte) []byte {
	switch n := n.(type) {
	case *ast.Text:
		// As the reader sees it: backslash escapes and character
		// references resolved (the renderer does the same).
		seg := n.Segment.Value(src)
		if !n.IsRaw() && (bytes.IndexByte(seg, '\\') >= 0 || bytes.IndexByte(seg, '&') >= 0) {
			seg = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(seg)))
		}
		b = append(b, seg...)
		if n.SoftLineBreak() || n.HardLineBreak() {
			b = append(b, ' ')
		}
	case *ast.String:
		// IsCode: HTML such as the typographer's "&ldquo;".
		if !n.IsCode() || bytes.IndexByte(n.Value, '&') < 0 {
			b = append(b, n.Value...)
		} else if t, ok := typographerText[string(n.Value)]; ok {
			b = append(b, t...)
		} else {
			b = append(b, stdhtml.UnescapeString(string(n.Value))...)
		}
	case *ast.CodeSpan:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				b = append(b, t.Segment.Value(src)...)
			}
		}
		return b
	case *Citation:
		return append(b, citeText(n, src)...)
	case *WikiLink:
		switch {
		case n.label != nil:
			for c := n.label.inline.FirstChild(); c != nil; c = c.NextSibling() {
				b = appendPlainText(b, c, n.label.src)
			}
		case n.LinkText != "":
			b = append(b, n.LinkText...)
		case n.Label != "":
			b = append(b, n.Label...)
		default:
			b = append(b, n.Target...)
		}
	case *ast.RawHTML, *ast.HTMLBlock, *QuizFeedback: // feedback: shown after Check
		return b
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		if len(b) > 0 {
			b = append(b, ' ') // as for any block: "para" + "func" is no word
		}
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			b = append(b, seg.Value(src)...)
		}
		return b
	}
	if n.Type() == ast.TypeBlock && len(b) > 0 {
		b = append(b, ' ')
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		b = appendPlainText(b, c, src)
	}
	return b
}

// typographerText maps the entities the typographer writes to their text,
// saving PlainText a string and an unescape per quote or dash.
var typographerText = func() map[string]string {
	m := map[string]string{}
	for _, e := range []string{"&lsquo;", "&rsquo;", "&ldquo;", "&rdquo;", "&ndash;", "&mdash;", "&hellip;", "&laquo;", "&raquo;"} {
		m[e] = stdhtml.UnescapeString(e)
	}
	return m
}()

// collapseSpace rewrites b in place as strings.Join(strings.Fields(b), " ")
// would: runs of unicode.IsSpace runes become one ' ', leading and trailing
// ones go. Like strings.Fields it decodes UTF-8 as range does, so an
// invalid byte is one rune that is not a space.
func collapseSpace(b []byte) []byte {
	w := 0
	space := false // a space is due before the next rune written
	for i := 0; i < len(b); {
		if c := b[i]; c < utf8.RuneSelf {
			if asciiSpace[c] {
				space = w > 0
				i++
				continue
			}
			// A run of ASCII that is not space moves in one copy. w < i
			// whenever a space is due: the run it stands for was at
			// least one byte long, so writing never overtakes reading.
			j := i + 1
			for j < len(b) && b[j] < utf8.RuneSelf && !asciiSpace[b[j]] {
				j++
			}
			if space {
				b[w] = ' '
				w++
				space = false
			}
			w += copy(b[w:], b[i:j])
			i = j
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if unicode.IsSpace(r) {
			space = w > 0
			i += size
			continue
		}
		if space {
			b[w] = ' '
			w++
			space = false
		}
		w += copy(b[w:], b[i:i+size])
		i += size
	}
	return b[:w]
}

// asciiSpace is unicode.IsSpace for ASCII, as strings.Fields has it.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// Render writes the HTML of doc for a page whose way back to the site root
// is root ("../../" for a slide, "" for the home page).
func (e *Engine) Render(w io.Writer, doc *Doc, root string) error {
	rb := renderBufs.Get().(*renderBuf)
	defer renderBufs.Put(rb)
	return e.render(rb, w, doc, root)
}

// RenderString is Render into a string.
func (e *Engine) RenderString(doc *Doc, root string) (string, error) {
	rb := renderBufs.Get().(*renderBuf)
	rb.out.Reset()
	err := e.render(rb, &rb.out, doc, root)
	s := rb.out.String()
	if rb.out.Cap() <= maxPooledRender {
		renderBufs.Put(rb)
	}
	return s, err
}

func (e *Engine) render(rb *renderBuf, w io.Writer, doc *Doc, root string) error {
	rb.w.Reset(w)
	defer rb.w.Reset(nil) // the pool must not keep w
	pw := &pageWriter{Writer: rb.w, root: root}
	err := e.md.Renderer().Render(pw, doc.Src.Text, doc.Root)
	if pw.warnings != nil || doc.rendered.Load() != nil {
		doc.rendered.Store(&pw.warnings)
	}
	return err
}

// renderBufs holds what rendering a document writes through. Every slide
// is rendered, and growing a fresh buffer each time made a tenth of a
// cold build's garbage.
var renderBufs = sync.Pool{New: func() any { return &renderBuf{w: bufio.NewWriter(nil)} }}

type renderBuf struct {
	w   *bufio.Writer
	out bytes.Buffer
}

// maxPooledRender keeps a rare huge document's buffer out of the pool.
const maxPooledRender = 1 << 20

// pageWriter carries the page's root prefix to the node renderers, and
// their warnings back.
type pageWriter struct {
	*bufio.Writer
	root     string
	warnings []Warning
}

// warn records a warning of a node renderer, at byte offset off of the
// doc's text; an error that joins several gives one warning each.
func warn(w util.BufWriter, off int, err error) {
	pw, ok := w.(*pageWriter)
	if !ok || err == nil {
		return
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			warn(w, off, e)
		}
		return
	}
	pw.warnings = append(pw.warnings, Warning{Off: off, Msg: err.Error()})
}

func rootOf(w util.BufWriter) string {
	if pw, ok := w.(*pageWriter); ok {
		return pw.root
	}
	return ""
}
