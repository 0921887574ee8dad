package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// noteEscape shows "\Note:", "\Notes:" and "\Private:" at the start of
// a line as "Note:", "Notes:" and "Private:". Such a line would start the
// speaker notes (or their instructor-only part); the
// backslash, which the loader's notes splitting does not take for a
// separator, keeps it on the slide. CommonMark escapes only punctuation,
// so without this the backslash would show.
type noteEscape struct{}

func (noteEscape) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	if !bytes.Contains(src, []byte(`\Note`)) && !bytes.Contains(src, []byte(`\Private:`)) {
		return
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		t, ok := n.(*ast.Text)
		if !ok || !entering || t.IsRaw() {
			return ast.WalkContinue, nil
		}
		start := t.Segment.Start
		if start > 0 && src[start-1] != '\n' {
			return ast.WalkContinue, nil
		}
		if rest := src[start:]; bytes.HasPrefix(rest, []byte(`\Note:`)) || bytes.HasPrefix(rest, []byte(`\Notes:`)) || bytes.HasPrefix(rest, []byte(`\Private:`)) {
			t.Segment = t.Segment.WithStart(start + 1)
		}
		return ast.WalkContinue, nil
	})
}
