package markdown

import (
	"bytes"
	"math"
	"strings"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// An outline is what the first pass over a course needs of a document:
// its title and heading ids. goldmark builds the block structure, heading
// ids included, before it parses any inline content, and inline parsing
// is most of a parse's cost. So outlines come from a second parser made
// from the same configuration as the full one: every block parser,
// paragraph transformer and option, and every inline parser, but those
// only parse the inline content of headings, and paragraphs lose their
// text when they are closed (see dropText). It has no AST transformers:
// none of the full parser's adds, drops or moves a heading or changes a
// heading's text, but for two exceptions: footnote definitions are dropped
// when unreferenced and moved in the order of their references, and a
// student build drops [!SOLUTION] callouts (exercise.go), so a document
// that may have any is parsed in full.

// Outline is a document's title and heading ids.
type Outline struct {
	Title string   // as Doc.Title
	IDs   []string // as Doc.HeadingIDs reports them, in order
}

// footnoteMark starts every footnote definition and reference.
var footnoteMark = []byte("[^")

// Outline returns the title and heading ids that Parse(src, ids) would
// give, consuming ids as Parse would. With title false the title is not
// looked for. Of the documents before it with ids, a document sees only
// their ids and link reference definitions, which Outline takes in too.
func (e *Engine) Outline(src course.Source, ids *IDs, title bool) Outline {
	if ids == nil {
		ids = NewIDs("")
	}
	var o Outline
	add := func(id string) { o.IDs = append(o.IDs, id) }
	if bytes.Contains(src.Text, footnoteMark) || src.PrivateText > 0 || !e.KeepsSolutions(src.File) && maySolve(src.Text) {
		doc := e.Parse(src, ids)
		if title {
			o.Title = doc.Title
		}
		doc.HeadingIDs(add)
		return o
	}
	pc := ids.context()
	root, err := e.safeParse(e.outline, src.Text, pc)
	ids.keep(pc)
	ids.docs++ // as Parse counts it
	if err != nil {
		return o // the full parse reports it
	}
	var headings []*ast.Heading
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			headings = append(headings, n)
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, h := range headings {
		if id, ok := h.AttributeString("id"); ok {
			if b, ok := id.([]byte); ok {
				add(string(b))
			}
		}
	}
	if title {
		o.Title = e.outlineTitle(root, headings, src)
	}
	return o
}

// outlineTitle returns the title of the document src that root outlines:
// the plain text of the first heading that has any, as Doc.collect finds
// it.
func (e *Engine) outlineTitle(root ast.Node, headings []*ast.Heading, src course.Source) string {
	for _, h := range headings {
		if !h.HasChildren() {
			continue // "#": no text
		}
		if !parsedAlike(root, h, src.Text) {
			return e.Parse(src, nil).Title
		}
		if t := strings.TrimSpace(PlainText(h, src.Text)); t != "" {
			return t
		}
	}
	return ""
}

// parsedAlike reports whether the inline content of h, a heading of the
// outline root of src, came out as in a full parse, where the other
// blocks before it are parsed too. That is so unless one of them has a
// quote: goldmark's typographer counts unclosed quotes across blocks (its
// CloseBlock has an old signature, so it never runs), and a quote left
// open changes how the heading's quotes come out. Nor may one of them come
// after h in the source (a table split from the paragraph a setext heading
// takes does): goldmark's raw HTML parser remembers where a search for
// "-->" failed, and the heading's HTML would be before that.
func parsedAlike(root ast.Node, h *ast.Heading, src []byte) bool {
	start := h.Lines().At(0).Start
	alike := true
	inlineOrder(root, func(b ast.Node) bool {
		if b == h {
			return false
		}
		if b.IsRaw() || b.Kind() == ast.KindHeading {
			return true // not parsed inline, or parsed just as in full
		}
		lines := b.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			if seg.Start >= start || quoteAt(src, seg) >= 0 {
				alike = false
				return false
			}
		}
		return true
	})
	return alike
}

// inlineOrder calls f with the blocks of the tree n in the order goldmark
// parses their inline content (children first), until f returns false.
func inlineOrder(n ast.Node, f func(ast.Node) bool) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() == ast.TypeBlock && !inlineOrder(c, f) {
			return false
		}
	}
	return f(n)
}

// quoteAt returns the offset in src of the first quote in seg, or -1. An
// empty segment from dropText stands for a paragraph with a quote when it
// sits on one.
func quoteAt(src []byte, seg text.Segment) int {
	if seg.Len() == 0 {
		if seg.Start < len(src) && (src[seg.Start] == '\'' || src[seg.Start] == '"') {
			return seg.Start
		}
		return -1
	}
	line := src[seg.Start:seg.Stop]
	if i := bytes.IndexByte(line, '\''); i >= 0 {
		if j := bytes.IndexByte(line[:i], '"'); j >= 0 {
			return seg.Start + j
		}
		return seg.Start + i
	}
	if j := bytes.IndexByte(line, '"'); j >= 0 {
		return seg.Start + j
	}
	return -1
}

// dropText is the outline parser's last paragraph transformer. Even when
// its inline parsers only parse headings, goldmark's inline pass reads
// every byte of every paragraph; dropText leaves a paragraph one empty
// line instead of its text when it is closed, so that the pass skips it. Nothing reads a closed
// paragraph's text to decide the block structure: a setext heading takes
// the lines of a paragraph that is still open (or, being
// RequireParagraph, closes it itself: then the paragraph is no longer
// among the open blocks, and is left alone here), link reference
// definitions and tables are taken out by the transformers before this
// one, and the lines of a paragraph that a definition list makes terms of
// only decide how many terms there are (leaves, never headings).
//
// The empty line sits on the paragraph's first quote, if it has one, else
// at its start: parsedAlike needs to know which paragraphs have quotes.
type dropText struct{}

func (dropText) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	if lines.Len() == 0 {
		return
	}
	for _, b := range pc.OpenedBlocks() {
		if b.Node == node {
			at := lines.At(0).Start
			for i := 0; i < lines.Len(); i++ {
				if q := quoteAt(reader.Source(), lines.At(i)); q >= 0 {
					at = q
					break
				}
			}
			lines.SetSliced(0, 0)
			// Not empty: the paragraph parser would drop the paragraph.
			lines.Append(text.NewSegment(at, at))
			return
		}
	}
}

// outlineParser builds the outline parser (see Outline) from the
// configuration goldmark.New gives the full parser for exts and opts.
func outlineParser(exts []goldmark.Extender, opts []parser.Option) parser.Parser {
	cfg := parserConfig(exts, opts)
	inline := make(util.PrioritizedSlice, len(cfg.InlineParsers))
	for i, v := range cfg.InlineParsers {
		ip := headingOnly{v.Value.(parser.InlineParser)}
		if cb, ok := ip.InlineParser.(parser.CloseBlocker); ok {
			inline[i] = util.Prioritized(headingOnlyCloser{ip, cb}, v.Priority)
		} else {
			inline[i] = util.Prioritized(ip, v.Priority)
		}
	}
	p := parser.NewParser(configOption(func(c *parser.Config) {
		c.Options, c.EscapedSpace = cfg.Options, cfg.EscapedSpace
		c.BlockParsers = cfg.BlockParsers
		c.ParagraphTransformers = append(cfg.ParagraphTransformers[:len(cfg.ParagraphTransformers):len(cfg.ParagraphTransformers)],
			util.Prioritized(dropText{}, math.MaxInt))
		c.InlineParsers = inline
	}))
	// goldmark sets a parser up on its first Parse; do it now, before the
	// engine is shared between goroutines.
	p.Parse(text.NewReader(nil))
	return p
}

// headingOnly is an inline parser that parses only in headings: the
// outline needs no other inline content.
type headingOnly struct{ parser.InlineParser }

func (p headingOnly) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if parent.Kind() != ast.KindHeading {
		return nil
	}
	return p.InlineParser.Parse(parent, block, pc)
}

// SetOption passes the parser's options on (typographer, linkify).
func (p headingOnly) SetOption(name parser.OptionName, value any) {
	if so, ok := p.InlineParser.(parser.SetOptioner); ok {
		so.SetOption(name, value)
	}
}

// headingOnlyCloser is headingOnly for a parser.CloseBlocker, which goldmark
// calls at the end of every block, as it does the full parser's.
type headingOnlyCloser struct {
	headingOnly
	cb parser.CloseBlocker
}

func (p headingOnlyCloser) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	p.cb.CloseBlock(parent, block, pc)
}

// parserConfig returns the parser configuration goldmark.New(exts, opts)
// ends up with: its default parser's, then every option the extensions add.
func parserConfig(exts []goldmark.Extender, opts []parser.Option) *parser.Config {
	rec := &optionRecorder{}
	// What goldmark.DefaultParser starts with.
	rec.AddOptions(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	)
	goldmark.New(goldmark.WithParser(rec), goldmark.WithParserOptions(opts...), goldmark.WithExtensions(exts...))
	cfg := parser.NewConfig()
	for _, o := range rec.opts {
		o.SetParserOption(cfg)
	}
	return cfg
}

// optionRecorder is a parser.Parser that only records its options.
type optionRecorder struct{ opts []parser.Option }

func (r *optionRecorder) AddOptions(opts ...parser.Option) { r.opts = append(r.opts, opts...) }

func (r *optionRecorder) Parse(text.Reader, ...parser.ParseOption) ast.Node {
	panic("markdown: optionRecorder does not parse")
}

type configOption func(*parser.Config)

func (f configOption) SetParserOption(c *parser.Config) { f(c) }
