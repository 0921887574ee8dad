package markdown

import (
	"strconv"
	"strings"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/terms"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// TermFinder reports glossary term occurrences in a piece of plain text
// as byte ranges; it must return them in order and non-overlapping.
type TermFinder func(text string, emit func(start, end, term int))

// NewTermFinder builds the automaton that finds glossary's terms (and
// their aliases): resolve's, which links them, is the one of the build.
func NewTermFinder(glossary []*course.Term) TermFinder {
	var pats []terms.Pattern
	for i, t := range glossary {
		for _, sp := range append([]string{t.Name}, t.Aliases...) {
			cs := terms.IsAcronym(sp)
			if t.CaseSensitive != nil {
				cs = *t.CaseSensitive
			}
			pats = append(pats, terms.Pattern{Term: i, Text: sp, CaseSensitive: cs})
		}
	}
	m := terms.New(pats)
	return func(text string, emit func(start, end, term int)) {
		// A text node rarely holds more terms than fit here, and then
		// scanning it allocates nothing.
		var buf [8]terms.Match
		for _, mt := range m.AppendAll(buf[:0], text) {
			emit(mt.Start, mt.End, mt.Term)
		}
	}
}

// TermInfo returns what a term link shows: its glossary anchor and tooltip.
type TermInfo func(term int) (anchor, short string)

// TermState tracks glossary use across the docs of one page (a slide's
// body and notes), so "first occurrence only" means once per slide.
type TermState struct {
	Mode   string // "first", "all" or "none"
	Prefix string // makes tooltip ids unique on the page
	Info   TermInfo
	linked termSet
	used   termSet
	Used   []int // terms used, in order of first use
	n      int
}

// termSet is a set of term indexes. A bitset rather than a map: a page
// uses few terms of a small glossary, and every slide has its own sets.
type termSet []uint64

func (s termSet) has(term int) bool {
	w := term / 64
	return w < len(s) && s[w]&(1<<(term%64)) != 0
}

func (s *termSet) add(term int) {
	w := term / 64
	for len(*s) <= w {
		*s = append(*s, 0)
	}
	(*s)[w] |= 1 << (term % 64)
}

// Use records a use of term (a glossary index, so never negative) and
// returns a TermRef for it when it should be linked (explicit references
// are always linked).
func (st *TermState) Use(term int, explicit bool) *TermRef {
	if !st.used.has(term) {
		st.used.add(term)
		st.Used = append(st.Used, term)
	}
	if !explicit && (st.Mode == "none" || st.Mode == "first" && st.linked.has(term)) {
		return nil
	}
	st.linked.add(term)
	st.n++
	anchor, short := st.Info(term)
	return &TermRef{Term: term, Anchor: anchor, Short: short, TipID: st.Prefix + "tip-" + strconv.Itoa(st.n)}
}

// LinkTerms finds glossary terms in the running text of doc and wraps them
// in TermRef nodes. Code, links, headings, raw HTML, images and math are
// never touched.
func LinkTerms(doc *Doc, find TermFinder, st *TermState) {
	l := &linker{src: doc.Src.Text, find: find, st: st}
	l.emit = l.link
	l.visit(doc.Root)
	if len(st.Used) > 0 {
		doc.Terms = st.Used
	}
}

// linker links the text nodes of one document. Its emit callback is made
// once per document rather than once per text node, and it splits the
// current text node as the finder reports terms, so no hits are collected.
type linker struct {
	src  []byte
	text string // src as a string, made on first need: text nodes are substrings of it
	find TermFinder
	st   *TermState
	emit func(start, end, term int)

	// The text node being split, and how far it has been.
	t    *ast.Text
	pos  int      // bytes of t's value before pos are in new nodes
	last ast.Node // the last node inserted for t, nil while none
}

// visit links the text in n and below it.
func (l *linker) visit(n ast.Node) {
	switch n := n.(type) {
	case *ast.Link, *ast.AutoLink, *ast.Image, *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock,
		*ast.HTMLBlock, *ast.RawHTML, *ast.Heading, *WikiLink, *TermRef:
		return
	case *ast.Text:
		if !n.IsRaw() {
			l.linkText(n)
		}
	}
	if isMath(n) {
		return
	}
	// Text between inline HTML tags (<a href>LoRA</a>) belongs to the
	// HTML: depth counts the open tags among the children so far.
	depth := 0
	for c := n.FirstChild(); c != nil; {
		if t, ok := c.(*ast.Text); ok && depth <= 0 {
			joinText(t)
		}
		next := c.NextSibling() // linking c replaces it
		if raw, ok := c.(*ast.RawHTML); ok {
			depth += tagDelta(raw, l.src)
		} else if depth <= 0 {
			l.visit(c)
		}
		c = next
	}
}

// joinText merges into t the text nodes that directly follow it in the
// source. The parser splits a line's text wherever an inline parser might
// start (at "-", spaces, punctuation) and leaves the pieces at the end of
// a line apart, so "prefix-tuning" or "foundation model" ending a line
// would be two texts that no term matches. Joined, they render the same.
func joinText(t *ast.Text) {
	for {
		n, ok := t.NextSibling().(*ast.Text)
		if !ok || !joinable(t, n) {
			return
		}
		t.Segment = t.Segment.WithStop(n.Segment.Stop)
		t.SetSoftLineBreak(n.SoftLineBreak())
		t.SetHardLineBreak(n.HardLineBreak())
		t.Parent().RemoveChild(t.Parent(), n)
	}
}

// joinable tells whether b continues a in the source with nothing between
// them that rendering would show (a line break, raw or padded text).
func joinable(a, b *ast.Text) bool {
	return !a.IsRaw() && !b.IsRaw() && !a.SoftLineBreak() && !a.HardLineBreak() &&
		a.Segment.Padding == 0 && b.Segment.Padding == 0 && a.Segment.Stop == b.Segment.Start
}

// tagDelta is +1 for an opening tag, -1 for a closing one, 0 otherwise
// (comments, void and self-closing elements).
func tagDelta(raw *ast.RawHTML, src []byte) int {
	var b []byte
	for i := 0; i < raw.Segments.Len(); i++ {
		seg := raw.Segments.At(i)
		b = append(b, seg.Value(src)...)
	}
	s := string(b)
	switch {
	case strings.HasPrefix(s, "</"):
		return -1
	case strings.HasPrefix(s, "<!") || strings.HasPrefix(s, "<?") || strings.HasSuffix(s, "/>"):
		return 0
	}
	name := strings.ToLower(strings.TrimLeft(s, "<"))
	if i := strings.IndexAny(name, " \t\n/>"); i >= 0 {
		name = name[:i]
	}
	switch name {
	case "br", "img", "hr", "input", "wbr", "area", "col", "embed", "source", "track", "meta", "link":
		return 0
	}
	return 1
}

// isMath tells whether a node holds math, which must never be linked.
func isMath(n ast.Node) bool {
	k := n.Kind().String()
	return k == "InlineMath" || k == "MathBlock" || k == "Math"
}

// linkText splits one text node around the terms found in it.
func (l *linker) linkText(t *ast.Text) {
	seg := t.Segment
	var value string
	if seg.Padding == 0 {
		if l.text == "" {
			l.text = string(l.src) // one copy per document, not one per text node
		}
		value = l.text[seg.Start:seg.Stop]
	} else {
		value = string(seg.Value(l.src))
	}
	l.t, l.pos, l.last = t, 0, nil
	l.find(value, l.emit)
	if l.last == nil {
		return
	}
	parent := t.Parent()
	if l.pos < len(value) {
		l.insert(ast.NewTextSegment(text.NewSegment(seg.Start+l.pos, seg.Stop)))
	}
	parent.RemoveChild(parent, t)
	soft, hard := t.SoftLineBreak(), t.HardLineBreak()
	if lt, ok := l.last.(*ast.Text); ok {
		lt.SetSoftLineBreak(soft)
		lt.SetHardLineBreak(hard)
	} else if soft || hard {
		// Keep the line break after a term that ends a line.
		br := ast.NewTextSegment(text.NewSegment(seg.Stop, seg.Stop))
		br.SetSoftLineBreak(soft)
		br.SetHardLineBreak(hard)
		if l.last.NextSibling() != nil {
			parent.InsertBefore(parent, l.last.NextSibling(), br)
		} else {
			parent.AppendChild(parent, br)
		}
	}
}

// link is the emit callback: it wraps value[start:end] of the current text
// node in a TermRef, when the term should be linked.
func (l *linker) link(start, end, term int) {
	ref := l.st.Use(term, false)
	if ref == nil {
		return
	}
	seg := l.t.Segment
	if start > l.pos {
		l.insert(ast.NewTextSegment(text.NewSegment(seg.Start+l.pos, seg.Start+start)))
	}
	ref.AppendChild(ref, ast.NewTextSegment(text.NewSegment(seg.Start+start, seg.Start+end)))
	l.insert(ref)
	l.pos = end
}

// insert puts n before the current text node, after what came before.
func (l *linker) insert(n ast.Node) {
	parent := l.t.Parent()
	parent.InsertBefore(parent, l.t, n)
	l.last = n
}
