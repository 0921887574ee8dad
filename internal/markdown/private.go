package markdown

import (
	"strconv"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// KindPrivateNotes is the node kind of the instructor-only part of a
// slide's notes (after their "Private:" line), which only an instructor
// build's notes hold (see load's private.go).
var KindPrivateNotes = ast.NewNodeKind("PrivateNotes")

// PrivateNotes holds the blocks after a notes' "Private:" line.
type PrivateNotes struct {
	ast.BaseBlock
	fnPrefix string // its footnotes' id prefix: not the public part's
}

func (n *PrivateNotes) Kind() ast.NodeKind { return KindPrivateNotes }

func (n *PrivateNotes) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// addPrivate parses src's instructor-only part (src.Text[src.PrivateText:])
// and appends it to root, the parsed public part, in a PrivateNotes.
//
// It is parsed on its own, as if it were a document of its own, so that
// nothing of the public part (an open list, a paragraph that would take
// the "Private:" line in) runs into it: its blocks are exactly what a
// student build leaves out. Parsing a copy of src.Text with everything
// before it made empty lines keeps every offset of the tree an offset into
// src.Text, which the renderer and positions use.
func (e *Engine) addPrivate(root ast.Node, src course.Source, ids *IDs, keepSolutions bool) *ParseError {
	text := make([]byte, len(src.Text))
	copy(text, src.Text)
	for i := range src.PrivateText {
		// Newlines, not spaces: text after "Private: " on its line
		// must start a line, not be indented (into a code block).
		text[i] = '\n'
	}
	pc := ids.context()
	pc.Set(keepSolutionsKey, keepSolutions)
	proot, err := e.safeParse(e.md.Parser(), text, pc)
	ids.keep(pc)
	pn := &PrivateNotes{fnPrefix: ids.prefix + strconv.Itoa(ids.docs+1) + ":"}
	ids.docs++
	for c := proot.FirstChild(); c != nil; {
		next := c.NextSibling()
		pn.AppendChild(pn, c)
		c = next
	}
	root.AppendChild(root, pn)
	if d, ok := root.(*ast.Document); ok {
		// Hints and solutions in the private part belong to exercises
		// in the public part above them.
		pairExercises(d, solutionView{keep: keepSolutions})
	}
	return err
}

// privateNotes renders the instructor-only part in a frame that says so.
func (r *nodeRenderer) privateNotes(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<aside class="private-notes" role="note" aria-label="Instructor only"><p class="private-notes-title">Instructor only</p>` + "\n")
	} else {
		_, _ = w.WriteString("</aside>\n")
	}
	return ast.WalkContinue, nil
}
