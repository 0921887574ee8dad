package markdown

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// footnotePruner drops the footnotes no reference in the document points
// to any more, after goldmark's footnote transformer (priority 999) has
// built the list. goldmark counts the references as it parses, so a
// footnote referenced only in a solution the callout transformer dropped
// (a student build) would still print its definition, and the answer's
// footnote with it. The footnotes left are numbered again from 1, and
// their back links counted again.
type footnotePruner struct{}

func (footnotePruner) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var list *east.FootnoteList
	var links []*east.FootnoteLink
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *east.FootnoteList:
			list = n
			return ast.WalkSkipChildren, nil
		case *east.FootnoteLink:
			links = append(links, n)
		}
		return ast.WalkContinue, nil
	})
	if list == nil {
		return
	}
	refs := map[int]int{} // old index -> references left
	for _, l := range links {
		refs[l.Index]++
	}
	renumber := map[int]int{}
	for c := list.FirstChild(); c != nil; {
		next := c.NextSibling()
		fn, ok := c.(*east.Footnote)
		if ok && refs[fn.Index] == 0 {
			list.RemoveChild(list, c)
		} else if ok {
			renumber[fn.Index] = len(renumber) + 1
		}
		c = next
	}
	if len(renumber) == 0 {
		list.Parent().RemoveChild(list.Parent(), list)
		return
	}
	list.Count = len(renumber)
	seen := map[int]int{}
	for _, l := range links {
		old := l.Index
		l.Index, l.RefCount, l.RefIndex = renumber[old], refs[old], seen[old]
		seen[old]++
	}
	for c := list.FirstChild(); c != nil; c = c.NextSibling() {
		fn, ok := c.(*east.Footnote)
		if !ok {
			continue
		}
		old := fn.Index
		fn.Index = renumber[old]
		var backs []*east.FootnoteBacklink
		ast.Walk(fn, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if b, ok := n.(*east.FootnoteBacklink); ok && entering {
				backs = append(backs, b)
			}
			return ast.WalkContinue, nil
		})
		// One back link per reference left, in order.
		for i, b := range backs {
			if i >= refs[old] {
				b.Parent().RemoveChild(b.Parent(), b)
				continue
			}
			b.Index, b.RefCount, b.RefIndex = fn.Index, refs[old], i
		}
	}
}
