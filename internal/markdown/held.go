package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// metaHeld is the document meta key of the link and image destinations
// in the solutions a build removed from the tree (Doc.Held).
const metaHeld = "lecgen-held-links"

// holdLinks records the destinations of the links and images under n,
// which is about to leave doc's tree: a file only a held-back solution
// links to (solution.py, a plot of the answer) must stay out of the
// published site as well.
func holdLinks(doc *ast.Document, n ast.Node) {
	held, _ := doc.Meta()[metaHeld].([]string)
	held = append(held, LinkDestinations(n)...)
	if len(held) > 0 {
		doc.AddMeta(metaHeld, held)
	}
}

// heldLinks returns what holdLinks recorded for root.
func heldLinks(root ast.Node) []string {
	if d, ok := root.(*ast.Document); ok {
		held, _ := d.Meta()[metaHeld].([]string)
		return held
	}
	return nil
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
