package markdown

import (
	"slices"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// solutionView is what a document's readers get of its solutions: all
// (keep), or none, in which case each solution is dropped, or, held
// back until a day, leaves only that day.
type solutionView struct {
	keep  bool
	until time.Time
	terms TermFinder // of the glossary, or nil
	src   []byte
}

// Document meta keys of what hold recorded of the solutions a build
// removed from the tree (Doc.Held, Doc.HeldTerms).
const (
	metaHeld      = "lecgen-held-links"
	metaHeldTerms = "lecgen-held-terms"
)

// hold records what the build needs of n, a solution about to leave
// doc's tree: the destinations of its links and images, since a file
// only a held-back solution links to (solution.py, a plot of the answer)
// must stay out of the published site as well, and the glossary terms it
// uses, which are used even though no reader sees them.
func (v solutionView) hold(doc *ast.Document, n ast.Node) {
	if dests := LinkDestinations(n); len(dests) > 0 {
		held, _ := doc.Meta()[metaHeld].([]string)
		doc.AddMeta(metaHeld, append(held, dests...))
	}
	if v.terms != nil {
		used, _ := doc.Meta()[metaHeldTerms].([]int)
		v.terms(PlainText(n, v.src), func(_, _, t int) { used = append(used, t) })
		if len(used) > 0 {
			slices.Sort(used)
			doc.AddMeta(metaHeldTerms, slices.Compact(used))
		}
	}
}

// held returns what hold recorded for root.
func held(root ast.Node) (links []string, terms []int) {
	if d, ok := root.(*ast.Document); ok {
		links, _ = d.Meta()[metaHeld].([]string)
		terms, _ = d.Meta()[metaHeldTerms].([]int)
	}
	return links, terms
}

// LinkDestinations returns the destinations, as written, of the links and
// images under n, in document order.
func LinkDestinations(n ast.Node) []string {
	var dests []string
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Link:
			dests = append(dests, string(c.Destination))
		case *ast.Image:
			dests = append(dests, string(c.Destination))
		}
		return ast.WalkContinue, nil
	})
	return dests
}

// SourceLinks returns the destinations, as written, of the links and
// images in src, read by a plain CommonMark parser: for text a build
// leaves out before it is ever parsed (a student build's private notes),
// whose linked files must be held back too.
func SourceLinks(src []byte) []string {
	return LinkDestinations(goldmark.DefaultParser().Parse(text.NewReader(src)))
}
