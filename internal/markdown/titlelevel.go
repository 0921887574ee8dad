package markdown

import "github.com/yuin/goldmark/ast"

// TitleLevels gives a slide's body the heading levels of a page with one
// title: its first heading, the slide's title, becomes an <h1>, and every
// other heading moves up by as many levels, to <h2> at most. Marp decks
// title slides with "##" or "###"; a page with no <h1>, or with several,
// is harder to read with a screen reader and in the outline of a PDF.
// A heading that was below another stays at or below it.
func TitleLevels(d *Doc) {
	if d == nil || d.Root == nil {
		return
	}
	shift := -1 // unknown until the first heading
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		if shift < 0 {
			shift = h.Level - 1
			h.Level = 1
		} else {
			h.Level = max(2, h.Level-shift)
		}
		return ast.WalkSkipChildren, nil
	})
}
