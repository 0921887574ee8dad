package markdown

import (
	"unicode"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// numberCells marks table cells that hold a number (79.4, 44,549,160,
// -3%, $1,200) with class "num", so that a theme can keep numbers whole:
// a printed table too wide for the page wraps its other cells, and a
// number broken over lines is misread.
type numberCells struct{}

func (numberCells) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch {
		case n.Kind() == extast.KindTableCell:
			if isNumber(PlainText(n, src)) {
				n.SetAttributeString("class", []byte("num"))
			}
			return ast.WalkSkipChildren, nil
		case n.Type() == ast.TypeInline, n.FirstChild() != nil && n.FirstChild().Type() == ast.TypeInline:
			return ast.WalkSkipChildren, nil // text, and blocks of it: no table inside
		}
		return ast.WalkContinue, nil // tables may be in lists, quotes, callouts
	})
}

// isNumber tells whether s is a number as tables show them: digits with
// separators, a sign, a currency or percent sign, no words.
func isNumber(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '.' || r == ',' || r == '%' || r == '+' || r == '-' || r == '\u2212' || r == '\u00b1' ||
			r == '$' || r == '\u20ac' || r == '\u00a3' || r == '\u00a5' || unicode.IsSpace(r):
		default:
			return false
		}
	}
	return digits > 0 && len(s) <= 32
}
