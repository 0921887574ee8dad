package markdown

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// TermFinder reports glossary term occurrences in a piece of plain text
// as byte ranges; it must return them in order and non-overlapping.
type TermFinder func(text string, emit func(start, end, term int))

// TermInfo returns what a term link shows: its glossary anchor and tooltip.
type TermInfo func(term int) (anchor, short string)

// TermState tracks glossary use across the docs of one page (a slide's
// body and notes), so "first occurrence only" means once per slide.
type TermState struct {
	Mode   string // "first", "all" or "none"
	Prefix string // makes tooltip ids unique on the page
	Info   TermInfo
	linked map[int]bool
	used   map[int]bool
	Used   []int // terms used, in order of first use
	n      int
}

// Use records a use of term and returns a TermRef for it when it should
// be linked (explicit references are always linked).
func (st *TermState) Use(term int, explicit bool) *TermRef {
	if st.used == nil {
		st.used, st.linked = map[int]bool{}, map[int]bool{}
	}
	if !st.used[term] {
		st.used[term] = true
		st.Used = append(st.Used, term)
	}
	if !explicit && (st.Mode == "none" || st.Mode == "first" && st.linked[term]) {
		return nil
	}
	st.linked[term] = true
	st.n++
	anchor, short := st.Info(term)
	return &TermRef{Term: term, Anchor: anchor, Short: short, TipID: st.Prefix + "tip-" + strconv.Itoa(st.n)}
}

// LinkTerms finds glossary terms in the running text of doc and wraps them
// in TermRef nodes. Code, links, headings, raw HTML, images and math are
// never touched.
func LinkTerms(doc *Doc, find TermFinder, st *TermState) {
	src := doc.Src.Text
	var texts []*ast.Text
	// Text between inline HTML tags (<a href>LoRA</a>) belongs to the
	// HTML: depth counts the open tags among each parent's children.
	depth := map[ast.Node]int{}
	_ = ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if raw, ok := n.(*ast.RawHTML); ok {
			depth[n.Parent()] += tagDelta(raw, src)
			return ast.WalkSkipChildren, nil
		}
		if depth[n.Parent()] > 0 {
			return ast.WalkSkipChildren, nil
		}
		switch n := n.(type) {
		case *ast.Link, *ast.AutoLink, *ast.Image, *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock,
			*ast.HTMLBlock, *ast.RawHTML, *ast.Heading, *WikiLink, *TermRef:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if !n.IsRaw() {
				texts = append(texts, n)
			}
		}
		if isMath(n) {
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, t := range texts {
		linkText(t, src, find, st)
	}
	if len(st.Used) > 0 {
		doc.Terms = st.Used
	}
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
func linkText(t *ast.Text, src []byte, find TermFinder, st *TermState) {
	seg := t.Segment
	value := string(seg.Value(src))
	type hit struct {
		start, end int
		ref        *TermRef
	}
	var hits []hit
	find(value, func(start, end, term int) {
		if ref := st.Use(term, false); ref != nil {
			hits = append(hits, hit{start, end, ref})
		}
	})
	if len(hits) == 0 {
		return
	}
	parent := t.Parent()
	soft, hard := t.SoftLineBreak(), t.HardLineBreak()
	pos := 0
	var last ast.Node
	insert := func(n ast.Node) {
		parent.InsertBefore(parent, t, n)
		last = n
	}
	for _, h := range hits {
		if h.start > pos {
			insert(ast.NewTextSegment(text.NewSegment(seg.Start+pos, seg.Start+h.start)))
		}
		inner := ast.NewTextSegment(text.NewSegment(seg.Start+h.start, seg.Start+h.end))
		h.ref.AppendChild(h.ref, inner)
		insert(h.ref)
		pos = h.end
	}
	if pos < len(value) {
		insert(ast.NewTextSegment(text.NewSegment(seg.Start+pos, seg.Stop)))
	}
	parent.RemoveChild(parent, t)
	if lt, ok := last.(*ast.Text); ok {
		lt.SetSoftLineBreak(soft)
		lt.SetHardLineBreak(hard)
	} else if soft || hard {
		// Keep the line break after a term that ends a line.
		br := ast.NewTextSegment(text.NewSegment(seg.Stop, seg.Stop))
		br.SetSoftLineBreak(soft)
		br.SetHardLineBreak(hard)
		if last.NextSibling() != nil {
			parent.InsertBefore(parent, last.NextSibling(), br)
		} else {
			parent.AppendChild(parent, br)
		}
	}
}
